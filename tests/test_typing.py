"""The public API as a type checker sees it; mypy --strict runs over this file.

At run time the assertions are no-ops apart from the calls themselves, so
the file also checks that the annotated calls work.
"""

from __future__ import annotations

import random
from typing import assert_type

import agentlevels
from agentlevels import (
    Award,
    Catalog,
    Diagnostic,
    Formula,
    LevelOutcome,
    LevelScheme,
    Metric,
    Node,
    Progress,
    Report,
    Standing,
    presets,
)
from agentlevels.routing import RoutingDecision, route

SNAPSHOT = {"answers": 320, "chats": 510, "rewards": 3, "punishments_p": 1.0}


def test_language_types() -> None:
    formula = agentlevels.compile("$answers >= 500 || $chats >= 500")
    assert_type(formula, Formula)
    assert_type(formula(SNAPSHOT), int | float | bool | None)
    assert_type(formula.evaluate(SNAPSHOT), int | float | bool | None)
    assert_type(formula.variables, frozenset[str])
    assert_type(formula.warnings, tuple[Diagnostic, ...])
    assert_type(formula.node, Node)
    assert_type(agentlevels.parse("$a"), Node)
    assert_type(agentlevels.format_formula("$a"), str)
    report = agentlevels.check("$a")
    assert_type(report, Report)
    assert_type(report.ok, bool)
    assert_type(report.errors, tuple[Diagnostic, ...])
    catalog = agentlevels.DEFAULT_CATALOG.extend([Metric("csat", unit="percent")])
    assert_type(catalog, Catalog)
    assert_type(catalog["csat"], Metric)


def test_levels_and_badges_types() -> None:
    scheme = presets.levels()
    assert_type(scheme, LevelScheme)
    outcome = scheme.evaluate(SNAPSHOT, current="trainee")
    assert_type(outcome, LevelOutcome)
    assert_type(outcome.message("ru"), str)
    assert_type(agentlevels.progress("$answers >= 500", SNAPSHOT), Progress)
    assert_type(agentlevels.explain("$answers >= 500", "ru"), str)
    standings = agentlevels.leaderboard(scheme, {"anna": SNAPSHOT})
    assert_type(standings[0], Standing)
    awards = agentlevels.award(presets.badges(), {"7d": {}, "1d": {}}, rng=random.Random(1))
    assert_type(awards, list[Award])


def test_routing_types() -> None:
    decision = route(presets_policy(), [], [], now=0.0)
    assert_type(decision, RoutingDecision)


def presets_policy() -> agentlevels.routing.RoutingPolicy:
    return agentlevels.routing.RoutingPolicy()
