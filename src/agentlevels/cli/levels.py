"""``agentlevels levels`` (a team's leaderboard) and ``agentlevels presets`` (the level list)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from agentlevels._documents import expect_mapping, load_document, parse_document
from agentlevels._errors import AgentLevelsError, SchemeFileError, SnapshotError
from agentlevels._formats import child_path
from agentlevels._levels.files import load_scheme
from agentlevels._levels.leaderboard import Standing, leaderboard
from agentlevels._levels.level import Held
from agentlevels._levels.messages import level_message
from agentlevels._levels.scheme import LevelScheme
from agentlevels.cli.failures import OK, CommandError, escape, in_file_words
from agentlevels.presets._levels import preset_levels

__all__ = ["add_command", "run_levels", "run_presets", "sample_team"]

BAR_WIDTH = 20

_LABELS = {
    "en": {
        "title": "Leaderboard: {agents} agents, {levels} levels",
        "place": "#",
        "agent": "agent",
        "level": "level",
        "progress": "progress to next level",
        "missing": "still missing",
        "top": "top level reached",
        "none": "(none)",
        "promoted": "promoted to {name}",
        "condition": "condition",
    },
    "ru": {
        "title": "Рейтинг: {agents} операторов, {levels} уровней",
        "place": "№",
        "agent": "оператор",
        "level": "уровень",
        "progress": "прогресс до следующего уровня",
        "missing": "осталось",
        "top": "высший уровень",
        "none": "(нет)",
        "promoted": "новый уровень: {name}",
        "condition": "условие",
    },
}


def add_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``agentlevels levels`` and ``agentlevels presets``."""
    levels = subparsers.add_parser(
        "levels",
        help="print a team's leaderboard: levels, progress and what is missing",
        description=(
            "Evaluate a team (TEAM, a JSON or TOML file mapping agent id to snapshot) "
            "against a level scheme (the 12 presets unless --scheme is given) and print "
            "the leaderboard. Without TEAM, an embedded sample team of 20 agents is used."
        ),
    )
    levels.add_argument("team", nargs="?", metavar="TEAM.json", help="team file")
    levels.add_argument(
        "--current",
        metavar="FILE",
        help="levels already held: a JSON or TOML file mapping agent id to rank or key",
    )
    levels.add_argument("--scheme", metavar="FILE", help="level scheme file (JSON or TOML)")
    levels.add_argument("--locale", choices=("en", "ru"), default="en", help="language")
    levels.add_argument("--json", action="store_true", help="print the leaderboard as JSON")
    levels.set_defaults(handler=run_levels)

    presets = subparsers.add_parser(
        "presets",
        help="list the preset levels with their conditions in words",
        description="List the 12 preset levels (or --scheme FILE) with their conditions.",
    )
    presets.add_argument("--scheme", metavar="FILE", help="level scheme file (JSON or TOML)")
    presets.add_argument("--locale", choices=("en", "ru"), default="en", help="language")
    presets.set_defaults(handler=run_presets)


def sample_team() -> dict[str, Any]:
    """The embedded sample team: 20 agents' all-time snapshots, spread over levels 1..12."""
    text = resources.files("agentlevels").joinpath("data/sample_team.json").read_text("utf-8")
    return parse_document(text, "json")


def _scheme(path: str | None) -> LevelScheme:
    return preset_levels() if path is None else load_scheme(path)


def _team(path: str | None) -> dict[str, Mapping[str, object]]:
    data = sample_team() if path is None else load_document(path)
    team: dict[str, Mapping[str, object]] = {}
    for agent, snapshot in data.items():
        try:
            team[agent] = expect_mapping(snapshot, child_path("", agent))
        except SchemeFileError as error:
            raise error.with_path(path) if path else error from None
    return team


def _current(path: str | None) -> dict[str, Held]:
    if path is None:
        return {}
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


def bar(ratio: float, width: int = BAR_WIDTH) -> str:
    """``[#########-----------]  45%``; full only when the ratio is exactly 1."""
    filled = int(ratio * width)
    if ratio < 1.0:
        filled = min(filled, width - 1)
    percent = int(ratio * 100) if ratio < 1.0 else 100
    return f"[{'#' * filled}{'-' * (width - filled)}] {percent:>3}%"


def _rows(standings: tuple[Standing, ...], locale: str) -> list[tuple[str, ...]]:
    labels = _LABELS[locale]
    rows: list[tuple[str, ...]] = []
    for standing in standings:
        outcome = standing.outcome
        level = outcome.level
        name = f"{level.rank:>2} {level.name_in(locale)}" if level else labels["none"]
        progress = outcome.progress
        if outcome.next is None or progress is None:
            rows.append((str(standing.rank), standing.agent, name, labels["top"], ""))
            continue
        shown = f"{bar(progress.ratio)} {outcome.next.name_in(locale)}"
        rows.append(
            (str(standing.rank), standing.agent, name, shown, progress.remaining_text(locale))
        )
    return rows


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def run_levels(args: argparse.Namespace) -> int:
    """Handle ``agentlevels levels``; a bad input raises (the exit code is main's)."""
    locale = args.locale
    scheme = _scheme(args.scheme)
    team = _team(args.team)
    held = _current(args.current)
    for agent, snapshot in team.items():
        # Evaluate one by one first so that a bad snapshot names its agent.
        try:
            scheme.evaluate(snapshot, current=held.get(agent))
        except AgentLevelsError as error:
            kind = "snapshot" if isinstance(error, SnapshotError) else "current level"
            raise CommandError(f"agent {agent!r}: {kind}: {in_file_words(error)}") from None
    standings = leaderboard(scheme, team, current=held)
    if args.json:
        print(json.dumps([_standing(s) for s in standings], ensure_ascii=False, indent=2))
        return OK
    labels = _LABELS[locale]
    print(labels["title"].format(agents=len(team), levels=len(scheme)))
    print()
    header = (labels["place"], labels["agent"], labels["level"], labels["progress"])
    print(escape(_table((*header, labels["missing"]), _rows(standings, locale))))
    return OK


def _standing(standing: Standing) -> dict[str, Any]:
    """One row of ``levels --json``."""
    outcome = standing.outcome
    progress = outcome.progress
    return {
        "place": standing.rank,
        "agent": standing.agent,
        "level": None if outcome.level is None else outcome.level.key,
        "rank": 0 if outcome.level is None else outcome.level.rank,
        "next": None if outcome.next is None else outcome.next.key,
        "progress": None if progress is None else progress.ratio,
        "missing": None if progress is None else progress.remaining_text("en"),
    }


def run_presets(args: argparse.Namespace) -> int:
    """Handle ``agentlevels presets``; a bad scheme file raises (the exit code is main's)."""
    locale = args.locale
    scheme = _scheme(args.scheme)
    labels = _LABELS[locale]
    blocks = []
    for level, formula in zip(scheme.levels, scheme.formulas, strict=True):
        blocks.append(
            "\n".join(
                [
                    f"{level.rank:>2}. {level.name_in(locale)} ({level.key})",
                    f"    {labels['condition']}: {formula.canonical}",
                    f"    {level_message(level, formula, locale)}",
                ]
            )
        )
    print(escape("\n\n".join(blocks)))
    return OK
