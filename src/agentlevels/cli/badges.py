"""``agentlevels badges``: award a badge set over a team's windows and print who won what."""

from __future__ import annotations

import argparse
import json
import random
from importlib import resources
from typing import Any

from agentlevels import nodes
from agentlevels._badges.awards import Award, award
from agentlevels._badges.files import load_badges
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, ThresholdRule
from agentlevels._documents import load_document, parse_document
from agentlevels._explain.plural import format_number
from agentlevels.cli.failures import OK, escape
from agentlevels.presets._badges import preset_badges

__all__ = ["add_command", "run"]

_LABELS = {
    "en": {
        "title": "Badges for {agents} agents over windows {windows}",
        "badge": "badge",
        "window": "window",
        "value": "value",
        "agents": "awarded to",
        "met": "met",
        "drawn": "drawn",
        "none": "Not awarded: {names}",
        "nothing": "No badge was awarded.",
        "unit:seconds": "s",
        "unit:chars": "chars",
    },
    "ru": {
        "title": "Значки для {agents} операторов за периоды {windows}",
        "badge": "значок",
        "window": "период",
        "value": "значение",
        "agents": "получили",
        "met": "условие",
        "drawn": "жребий",
        "none": "Не вручены: {names}",
        "nothing": "Ни один значок не вручён.",
        "unit:seconds": "с",
        "unit:chars": "симв.",
    },
}


def add_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``agentlevels badges``."""
    parser = subparsers.add_parser(
        "badges",
        help="award badges over a team's windows and print who won what",
        description=(
            "Award a badge set (the 15 presets unless --badges is given) over WINDOWS, "
            "a JSON or TOML file mapping a window name ('7d', '1d') to "
            "{agent id: snapshot}. Without WINDOWS, a sample team's windows are used."
        ),
    )
    parser.add_argument("windows", nargs="?", metavar="WINDOWS.json", help="windows file")
    parser.add_argument("--badges", metavar="FILE", help="badge set file (JSON or TOML)")
    parser.add_argument(
        "--locale", choices=("en", "ru", "lv"), default="en", help="language of badge names"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="seed for the random badge (reproducible runs)"
    )
    parser.add_argument("--json", action="store_true", help="print the awards as JSON")
    parser.set_defaults(handler=run)


def sample_windows() -> dict[str, Any]:
    """The embedded sample team's ``"7d"`` and ``"1d"`` windows."""
    text = resources.files("agentlevels").joinpath("data/sample_windows.json").read_text("utf-8")
    return parse_document(text, "json")


def run(args: argparse.Namespace) -> int:
    """Handle ``agentlevels badges``; a bad input raises (the exit code is main's)."""
    badges = preset_badges() if args.badges is None else load_badges(args.badges)
    windows = sample_windows() if args.windows is None else load_document(args.windows)
    rng = random.Random(args.seed) if args.seed is not None else None
    awards = award(badges, windows, rng=rng)
    if args.json:
        print(json.dumps([a.to_dict() for a in awards], indent=2, ensure_ascii=False))
    else:
        print(escape(render(badges, windows, awards, args.locale)))
    return OK


def render(
    badges: tuple[Badge, ...], windows: dict[str, Any], awards: list[Award], locale: str
) -> str:
    """The awards as a table, then the badges nobody won."""
    labels = _LABELS.get(locale, _LABELS["en"])
    agents = {agent for name in {b.window for b in badges} for agent in windows[name]}
    used = sorted({b.window for b in badges})
    lines = [labels["title"].format(agents=len(agents), windows=", ".join(used)), ""]
    rows = [
        (
            a.badge.name_in(locale),
            a.window,
            _localized_value(a, labels, locale),
            ", ".join(a.agent_ids),
        )
        for a in awards
    ]
    if rows:
        header = (labels["badge"], labels["window"], labels["value"], labels["agents"])
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        for row in [header, *rows]:
            lines.append(
                f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}"
            )
    else:
        lines.append(labels["nothing"])
    won = {a.badge.key for a in awards}
    missed = [b.name_in(locale) for b in badges if b.key not in won]
    if missed and rows:
        lines += ["", labels["none"].format(names=", ".join(missed))]
    return "\n".join(lines)


def _localized_value(award: Award, labels: dict[str, str], locale: str) -> str:
    rule = award.badge.rule
    if isinstance(rule, ComparativeRule) and award.value is not None:
        value = award.value
        # Russian groups thousands with a space: `21,616` would read as a decimal there.
        text = format_number(value, "ru" if locale == "ru" else "en")
        # A bare metric shows its unit where the number alone would be ambiguous.
        node = rule.metric.node
        if isinstance(node, nodes.Variable) and node.name in rule.metric.catalog:
            unit = labels.get(f"unit:{rule.metric.catalog[node.name].unit}")
            if unit:
                text += f" {unit}"
        return text
    return labels["met"] if isinstance(rule, ThresholdRule) else labels["drawn"]
