"""``agentlevels qa score`` and ``agentlevels qa form``: quality reviews on the command line."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from importlib import resources

from agentlevels._documents import dumps_document, load_document, parse_document
from agentlevels._errors import AgentLevelsError, QualityError
from agentlevels._quality.checklist import Checklist
from agentlevels._quality.files import (
    load_checklist,
    load_reviews,
    reviews_from_dict,
    reviews_to_dict,
)
from agentlevels._quality.metrics import Window, item_failures, quality_metrics
from agentlevels._quality.review import Review, ReviewForm, fits
from agentlevels._values import Value
from agentlevels.presets._quality import preset_audit_checklist, preset_quality_checklist

__all__ = ["add_command", "month_window", "run_form", "run_score"]

PRESETS = {"quality": preset_quality_checklist, "audit": preset_audit_checklist}
MOST_FAILED = 5


def add_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``agentlevels qa`` with its two sub-commands."""
    qa = subparsers.add_parser(
        "qa",
        help="quality reviews: score them per agent, or print a form to fill in",
        description="Quality reviews of conversations against a checklist (docs/quality.md).",
    )
    commands = qa.add_subparsers(dest="qa_command", metavar="QA_COMMAND", required=True)
    checklist_help = (
        "checklist file (JSON or TOML), or 'quality' / 'audit' for a preset "
        "(default: the 21-point quality checklist)"
    )
    score = commands.add_parser(
        "score",
        help="print per-agent QA metrics and the most-failed items",
        description=(
            "Score the reviews in REVIEWS (JSON or TOML, as docs/quality.md describes) "
            "for one month and print each agent's QA metrics and the items failed most. "
            "Without REVIEWS, the sample reviews of the embedded sample team are used."
        ),
    )
    score.add_argument("reviews", nargs="?", metavar="REVIEWS.json", help="reviews file")
    score.add_argument("--checklist", metavar="FILE", help=checklist_help)
    score.add_argument(
        "--month", metavar="YYYY-MM", help="the month to score (default: the latest review's)"
    )
    score.add_argument(
        "--team",
        metavar="FILE",
        help="a team file (agent id -> snapshot, as for 'levels'): its agents are listed "
        "even when not reviewed, and reviews of anyone else are refused",
    )
    score.add_argument(
        "--summary",
        action="store_true",
        help="a few lines instead of the table: the team's mean, who to coach, the top misses",
    )
    score.add_argument(
        "--locale", default="en", help="language of the item texts: en, ru, lt (default: en)"
    )
    score.add_argument("--json", action="store_true", help="print the metrics as JSON")
    score.set_defaults(handler=run_score)

    form = commands.add_parser(
        "form",
        help="print an empty review form for a checklist",
        description="Print a reviews file holding one blank review to fill in.",
    )
    form.add_argument("--checklist", metavar="FILE", help=checklist_help)
    form.add_argument("--conversation", default="", help="the conversation id to prefill")
    form.add_argument("--agent", default="", help="the agent id to prefill")
    form.add_argument("--toml", action="store_true", help="print TOML instead of JSON")
    form.set_defaults(handler=run_form)


def _checklist(name: str | None) -> Checklist:
    if name is None:
        return preset_quality_checklist()
    if name in PRESETS:
        return PRESETS[name]()
    return load_checklist(name)


def _data(name: str) -> str:
    return resources.files("agentlevels").joinpath(f"data/{name}").read_text("utf-8")


def _sample(checklist: Checklist) -> tuple[tuple[Review, ...], list[str]]:
    """The sample reviews and the sample team's agent ids."""
    key, reviews = reviews_from_dict(parse_document(_data("sample_reviews.json"), "json"))
    if key != checklist.key:
        raise QualityError(f"the sample reviews are for checklist {key!r}, not {checklist.key!r}")
    problems = fits(checklist, reviews)
    if problems:
        raise QualityError([f"sample reviews: {problem}" for problem in problems])
    return reviews, sorted(parse_document(_data("sample_team.json"), "json"))


def month_window(month: str | None, reviews: Sequence[Review]) -> Window | None:
    """``(first day, first day of the next month)`` of ``YYYY-MM``, or of the latest review."""
    if month is None:
        if not reviews:
            return None
        latest = max(review.reviewed_on for review in reviews)
        start = latest.replace(day=1)
    else:
        try:
            start = datetime.date.fromisoformat(f"{month}-01")
        except ValueError:
            raise QualityError(f"--month is a month such as 2026-11, not {month!r}") from None
    end = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start, end


def _cell(value: Value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _render(
    checklist: Checklist,
    metrics: dict[str, dict[str, Value]],
    window: Window | None,
    failures: list[tuple[str, int, int]],
    locale: str,
) -> str:
    names = [metric.name for metric in checklist.metrics()]
    short = [name.removeprefix("qa_").removesuffix("_p").removesuffix("_pass") for name in names]
    rows = [[agent, *(_cell(values[name]) for name in names)] for agent, values in metrics.items()]
    header = ["agent", *short]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    month = "all reviews" if window is None else f"{window[0]:%Y-%m}"
    reviewed = sum(1 for values in metrics.values() if values["qa_reviews"])
    lines = [f"QA for {checklist.key}, {month}: {reviewed} of {len(metrics)} agents reviewed", ""]
    for index, row in enumerate([header, *rows]):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines += ["", "Most failed items:"]
    for key, failed, applicable in failures[:MOST_FAILED]:
        if failed:
            text = checklist.item(key).text.in_locale(locale)
            lines.append(f"  {failed:>3} of {applicable:<4} {key:<24} {text}")
    return "\n".join(lines)


def _summary(
    checklist: Checklist,
    metrics: dict[str, dict[str, Value]],
    window: Window | None,
    failures: list[tuple[str, int, int]],
) -> str:
    scores = {
        agent: value
        for agent, values in metrics.items()
        if isinstance(value := values["qa_score_p"], int | float)
    }
    month = "all reviews" if window is None else f"{window[0]:%Y-%m}"
    lines = [f"QA for {checklist.key}, {month}: {len(scores)} of {len(metrics)} agents reviewed"]
    if scores:
        mean = sum(scores.values()) / len(scores)
        lowest = sorted(scores, key=lambda agent: (scores[agent], agent))[:3]
        shown = ", ".join(f"{agent} {scores[agent]:.1f}" for agent in lowest)
        lines.append(f"  mean of the agents' scores {mean:.1f}; lowest: {shown}")
    critical = [agent for agent, values in metrics.items() if values["qa_critical_fails"]]
    lines.append(f"  critical failures: {', '.join(critical) or 'none'}")
    missed = [f"{key} ({n} of {applicable})" for key, n, applicable in failures[:3] if n]
    if missed:
        lines.append(f"  most failed: {', '.join(missed)}")
    unreviewed = [agent for agent, values in metrics.items() if values["qa_reviews"] is None]
    if unreviewed:
        lines.append(f"  not reviewed (metrics unknown): {', '.join(unreviewed)}")
    return "\n".join(lines)


def run_score(args: argparse.Namespace) -> int:
    """Handle ``agentlevels qa score``; 0 when printed, 1 on a bad file."""
    try:
        checklist = _checklist(args.checklist)
        if args.reviews is None:
            reviews, agents = _sample(checklist)
        else:
            reviews, agents = load_reviews(args.reviews, checklist=checklist), []
        if args.team is not None:
            agents = sorted(load_document(args.team))
        window = month_window(args.month, reviews)
        metrics = quality_metrics(checklist, reviews, window=window, agents=agents or None)
        failures = item_failures(checklist, reviews, window=window)
    except AgentLevelsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(metrics, indent=2, ensure_ascii=False))
    elif args.summary:
        print(_summary(checklist, metrics, window, failures))
    else:
        print(_render(checklist, metrics, window, failures, args.locale))
    return 0


def run_form(args: argparse.Namespace) -> int:
    """Handle ``agentlevels qa form``; 0 when printed, 1 on a bad checklist file."""
    try:
        checklist = _checklist(args.checklist)
    except AgentLevelsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    form = ReviewForm(checklist.key, args.conversation, args.agent, checklist.keys)
    document = reviews_to_dict([form], checklist=checklist.key)
    print(dumps_document(document, "toml" if args.toml else "json"), end="")
    return 0
