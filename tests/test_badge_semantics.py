"""Badge and level scenarios from the audit of routing and badge semantics (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

import agentlevels
from agentlevels import Badge, BadgeError, ComparativeRule, award, lint_badges, presets

EXPRESS = next(badge for badge in presets.badges() if badge.key == "express")


def test_express_is_awarded_to_nobody_when_every_average_is_zero_and_nothing_was_handled() -> None:
    idle = {"avg_handling_seconds": 0, "resolved_tickets": 0, "deleted_tickets": 0}
    windows = {"7d": {"anna": idle, "boris": dict(idle), "clara": dict(idle)}}
    assert award([EXPRESS], windows) == []


def test_express_goes_to_the_fastest_agent_who_closed_a_ticket() -> None:
    windows = {
        "7d": {
            "anna": {"avg_handling_seconds": 0, "resolved_tickets": 0, "deleted_tickets": 0},
            "boris": {"avg_handling_seconds": 300, "resolved_tickets": 2, "deleted_tickets": 0},
            "clara": {"avg_handling_seconds": 420, "resolved_tickets": 0, "deleted_tickets": 1},
        }
    }
    (won,) = award([EXPRESS], windows)
    assert won.agent_ids == ("boris",)
    assert won.value == 300


def test_lint_warns_about_a_least_badge_with_neither_eligibility_nor_minimum() -> None:
    unguarded = Badge("quick", "Quick", rule=ComparativeRule("$avg_handling_seconds", "least"))
    eligible = Badge(
        "quick2",
        "Quick",
        rule=ComparativeRule("$avg_handling_seconds", "least", eligible="$answers >= 1"),
    )
    minimum = Badge(
        "quick3", "Quick", rule=ComparativeRule("$avg_handling_seconds", "least", minimum=1)
    )
    most = Badge("busy", "Busy", rule=ComparativeRule("$answers", "most"))
    found = lint_badges([most, unguarded, eligible, minimum])
    assert [(d.code, d.severity) for d in found] == [("least-badge-unguarded", "warning")]
    assert "'quick'" in found[0].message
    assert lint_badges(presets.badges()) == []
    assert agentlevels.lint_badges is lint_badges
    with pytest.raises(BadgeError):
        lint_badges(["quick"])  # type: ignore[list-item]


def test_inspector_and_speedy_read_the_previous_day_and_siesta_the_break_total_over_7_days() -> (
    None
):
    # The published product definitions, not the seed's abbreviated Latvian list.
    by_key = {badge.key: badge for badge in presets.badges()}
    assert by_key["inspector"].window == "1d"
    assert by_key["speedy_gonzales"].window == "1d"
    siesta = by_key["siesta"]
    assert siesta.window == "7d"
    assert isinstance(siesta.rule, ComparativeRule)
    assert siesta.rule.metric.source == "$break_seconds"
    assert siesta.rule.direction == "most"
    text = (Path(__file__).resolve().parent.parent / "docs" / "badges.md").read_text("utf-8")
    assert "Where the preset windows come from" in text
