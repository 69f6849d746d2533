"""``agentlevels test`` (scenario files), ``agentlevels why`` and ``agentlevels diff``."""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from agentlevels._badges.compare import compare_badges
from agentlevels._badges.files import load_badges
from agentlevels._badges.model import Badge
from agentlevels._badges.why import explain_badge
from agentlevels._documents import expect_mapping, load_document
from agentlevels._errors import AgentLevelsError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._levels.files import load_scheme
from agentlevels._levels.level import Held
from agentlevels._levels.scheme import LevelScheme
from agentlevels._scenarios.reports import json_report, junit_xml, text_report
from agentlevels._scenarios.runner import run_scenarios
from agentlevels.presets._badges import preset_badges
from agentlevels.presets._levels import preset_levels

__all__ = ["add_command", "run_diff", "run_test", "run_why"]


def add_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``agentlevels test``, ``agentlevels why`` and ``agentlevels diff``."""
    test = subparsers.add_parser(
        "test",
        help="run scenario files: cases kept as data beside a scheme or badge set",
        description=(
            "Run every scenario file named, and every *.scenarios.toml / *.scenarios.json "
            "under the directories named. Exit code 0: all passed; 1: a case failed or "
            "coverage is below --fail-under; 2: a file could not be read."
        ),
    )
    test.add_argument("paths", nargs="+", metavar="PATH", help="scenario file or directory")
    test.add_argument("--junit", metavar="FILE", help="also write JUnit XML to FILE")
    test.add_argument("--json", action="store_true", help="print the results as JSON")
    test.add_argument("--coverage", action="store_true", help="print clause coverage")
    test.add_argument(
        "--fail-under", type=float, metavar="N", help="fail when clause coverage is below N%%"
    )
    test.add_argument(
        "--locale", choices=("en", "ru"), default="en", help="language of failure messages"
    )
    test.set_defaults(handler=run_test)

    why = subparsers.add_parser(
        "why",
        help="say why a snapshot holds its level (or why an agent did not win a badge)",
        description=(
            "With --snapshot: the level reached and the next one, with the clauses that "
            "decided. With --windows and --agent: why the agent did or did not win each badge."
        ),
    )
    why.add_argument("--scheme", metavar="FILE", help="level scheme file (presets if omitted)")
    why.add_argument("--snapshot", metavar="FILE", help="one agent's snapshot (JSON or TOML)")
    why.add_argument("--current", metavar="LEVEL", help="the level held (key or rank)")
    why.add_argument("--badges", metavar="FILE", help="badge set file (presets if omitted)")
    why.add_argument("--windows", metavar="FILE", help="window -> agent id -> snapshot")
    why.add_argument("--agent", metavar="ID", help="the agent whose badges to explain")
    why.add_argument("--seed", type=int, default=0, help="seed of the random badge's draw")
    why.add_argument("--locale", choices=("en", "ru"), default="en", help="language")
    why.set_defaults(handler=run_why)

    diff = subparsers.add_parser(
        "diff",
        help="preview what a changed scheme or badge set does to a team",
        description=(
            "Compare two level schemes over a team (--team), or two badge sets over "
            "windows (--windows): who would get another level or badge, and the counts."
        ),
    )
    diff.add_argument("old", metavar="OLD", help="the scheme or badge set in force")
    diff.add_argument("new", metavar="NEW", help="the changed scheme or badge set")
    diff.add_argument("--team", metavar="FILE", help="agent id -> snapshot (level schemes)")
    diff.add_argument("--current", metavar="FILE", help="agent id -> level held")
    diff.add_argument("--windows", metavar="FILE", help="window -> agent id -> snapshot (badges)")
    diff.add_argument("--seed", type=int, default=0, help="seed of the random badge's draw")
    diff.add_argument("--json", action="store_true", help="print the comparison as JSON")
    diff.add_argument("--locale", choices=("en", "ru"), default="en", help="language")
    diff.set_defaults(handler=run_diff)


def run_test(args: argparse.Namespace) -> int:
    """``agentlevels test``: print the results; the exit code says how the run went."""
    missing = [path for path in args.paths if not Path(path).exists()]
    if missing:
        print(f"error: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    run = run_scenarios(args.paths, locale=args.locale)
    if not run.results and not run.errors:
        print("error: no scenario files found", file=sys.stderr)
        return 2
    if args.junit:
        Path(args.junit).write_text(junit_xml(run), encoding="utf-8")
    if args.json:
        print(json.dumps(json_report(run, coverage=args.coverage), ensure_ascii=False, indent=2))
    else:
        print(text_report(run, coverage=args.coverage or args.fail_under is not None))
    code = run.exit_code(args.fail_under)
    if code == 1 and not run.failed:
        print(
            f"clause coverage {run.coverage.percent:.1f}% is below {args.fail_under:g}%",
            file=sys.stderr,
        )
    return code


def _table(path: str, what: str) -> dict[str, Mapping[str, Any]]:
    data = load_document(path)
    found: dict[str, Mapping[str, Any]] = {}
    for key, value in data.items():
        try:
            found[key] = expect_mapping(value, child_path("", key))
        except SchemeFileError as error:
            raise error.with_path(path) from None
    if not found and what:
        raise SchemeFileError(f"no {what} in the file", path=path)
    return found


def _windows(path: str) -> dict[str, dict[str, Mapping[str, Any]]]:
    return {name: dict(_table_of(team, path, name)) for name, team in _table(path, "").items()}


def _table_of(team: Mapping[str, Any], path: str, window: str) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for agent, snapshot in team.items():
        try:
            found[agent] = expect_mapping(snapshot, child_path(window, agent))
        except SchemeFileError as error:
            raise error.with_path(path) from None
    return found


def _held(value: str | None) -> Held:
    if value is None:
        return None
    return int(value) if value.isdigit() else value


def _why_badges(args: argparse.Namespace) -> int:
    badges = preset_badges() if args.badges is None else load_badges(args.badges)
    windows = _windows(args.windows)
    lines = []
    failed = False
    for badge in badges:
        if badge.window in windows:
            rng = random.Random(args.seed)
            try:
                said = explain_badge(badge, windows, args.agent, locale=args.locale, rng=rng)
            except AgentLevelsError as error:  # one badge's bad data does not hide the rest
                said = f"{badge.name_in(args.locale)}: error: {error}"
                failed = True
            lines.append(said)
    print("\n".join(lines))
    return 1 if failed else 0


def run_why(args: argparse.Namespace) -> int:
    """``agentlevels why``: the reasons for a level, or for each badge of one agent."""
    try:
        if args.windows is not None or args.agent is not None:
            if args.windows is None or args.agent is None:
                print("error: badges need both --windows and --agent", file=sys.stderr)
                return 2
            return _why_badges(args)
        if args.snapshot is None:
            print("error: give --snapshot (levels) or --windows and --agent", file=sys.stderr)
            return 2
        scheme = preset_levels() if args.scheme is None else load_scheme(args.scheme)
        # A snapshot is JSON whatever its name (a pipe works), as for `eval`, or TOML by suffix.
        fmt = None if Path(args.snapshot).suffix.lower() == ".toml" else "json"
        snapshot = load_document(args.snapshot, fmt=fmt)
        outcome = scheme.evaluate(snapshot, current=_held(args.current))
        print(outcome.why(args.locale))
    except AgentLevelsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2 if isinstance(error, SchemeFileError) else 1
    return 0


def _badge_set(path: str) -> tuple[Badge, ...]:
    return preset_badges() if path == "preset:badges" else load_badges(path)


def _scheme(path: str) -> LevelScheme:
    return preset_levels() if path == "preset:levels" else load_scheme(path)


def run_diff(args: argparse.Namespace) -> int:
    """``agentlevels diff OLD NEW``: levels (with --team) or badges (with --windows)."""
    try:
        if args.windows is not None:
            comparison: Any = compare_badges(
                _badge_set(args.old), _badge_set(args.new), _windows(args.windows), seed=args.seed
            )
        elif args.team is not None:
            current = {} if args.current is None else _current(args.current)
            comparison = _scheme(args.old).compare(
                _scheme(args.new), _table(args.team, "agents"), current=current
            )
        else:
            print("error: give --team (level schemes) or --windows (badge sets)", file=sys.stderr)
            return 2
    except AgentLevelsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2 if isinstance(error, SchemeFileError) else 1
    if args.json:
        print(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(comparison.text(args.locale))
    return 0


def _current(path: str) -> dict[str, Held]:
    held: dict[str, Held] = {}
    for agent, value in load_document(path).items():
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise SchemeFileError(
                "expected a level rank (number) or key (string)",
                path=path,
                key_path=child_path("", agent),
            )
        held[agent] = value
    return held
