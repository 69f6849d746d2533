"""Pickles written by agentlevels 0.1 still load, and equal what 0.1's API builds today.

The files in ``tests/golden/pickles`` were written by version 0.1, whose modules
were flat (``agentlevels._formula``, ``agentlevels._routing_model`` ...); they
must keep loading whatever the package's layout becomes.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import agentlevels as al
from agentlevels import presets, routing
from agentlevels._language.metrics import QA_METRICS
from agentlevels._public import PUBLIC_MODULES

PICKLES = Path(__file__).resolve().parent / "golden" / "pickles"


def _load(name: str) -> object:
    return pickle.loads((PICKLES / f"{name}.pickle").read_bytes())


def _badges_of_0_1() -> tuple[al.Badge, ...]:
    # 0.1 let anyone compete for Express; today it needs a closed ticket.
    badges = []
    for badge in presets.badges():
        if badge.key == "express":
            assert isinstance(badge.rule, al.ComparativeRule)
            badge = attrs.evolve(badge, rule=attrs.evolve(badge.rule, eligible=al.compile("true")))
        badges.append(badge)
    return tuple(badges)


EXPECTED: dict[str, Callable[[], object]] = {
    "formula_boolean": lambda: al.compile("$answers >= 500 || $chats >= 500"),
    "formula_number": lambda: al.compile("($answers + $chats) / $worktime", kind="number"),
    "node_tree": lambda: al.parse("!($a > 1) && -$b * 2 <= 3 || true"),
    "scheme_presets": presets.levels,
    "level": lambda: presets.levels().levels[5],
    "localized_text": lambda: al.LocalizedText({"en": "Novice", "ru": "Новичок"}),
    "catalog_default": lambda: al.DEFAULT_CATALOG,
    "metric": lambda: al.Metric("csat", unit="percent", minimum=0, maximum=100, description="CSAT"),
    "unit": lambda: al.Unit.parse("count/hours"),
    # 0.1 reported only the `and`; today an unknown $answer is reported beside
    # it, so the catalog knows $answer and the two reports say the same.
    "report": lambda: al.check(
        "$answer >= 500 and $chats", catalog=al.DEFAULT_CATALOG.extend([al.Metric("answer")])
    ),
    "badges_presets": _badges_of_0_1,
    "outcome": lambda: presets.levels().evaluate(
        {"answers": 620, "chats": 140, "rewards": 12, "punishments_p": 1.5}, current="trainee"
    ),
    # The pickle carries every field, so it keeps the presets of 0.1: four
    # priority classes and no aging.
    "routing_policy": lambda: routing.RoutingPolicy(
        groups=[routing.Group("front", {"site"}, first_line=True)],
        channel_priority=[["website", "mobile_app"], "messenger", "social", "email"],
        aging_step_s=None,
    ),
}


# Metrics the default catalog gained after 0.1: a 0.1 pickle holds the catalog of
# its day, so values are compared with these left out of every catalog.
ADDED_SINCE_0_1 = frozenset(metric.name for metric in QA_METRICS)


class _CatalogOf01(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name)
        if found is al.Catalog:
            return lambda metrics: al.Catalog(m for m in metrics if m.name not in ADDED_SINCE_0_1)
        return found


def _as_of_0_1(value: object) -> object:
    return _CatalogOf01(io.BytesIO(pickle.dumps(value))).load()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_pickle_of_version_0_1_loads_and_equals_todays_value(name: str) -> None:
    assert _as_of_0_1(_load(name)) == _as_of_0_1(EXPECTED[name]())


def test_a_pickled_formula_of_version_0_1_still_evaluates() -> None:
    formula = _load("formula_boolean")
    assert isinstance(formula, al.Formula)
    assert formula({"answers": 500, "chats": 0}) is True


def test_a_pickled_error_of_version_0_1_keeps_its_diagnostics() -> None:
    error = _load("formula_error")
    assert isinstance(error, al.FormulaSyntaxError)
    assert [d.code for d in error.diagnostics] == ["unexpected-end"]


def test_a_pickled_routing_decision_of_version_0_1_loads() -> None:
    decision = _load("routing_decision")
    assert isinstance(decision, routing.RoutingDecision)
    assert decision.assignments == (("c1", "anna"),)


class _Recorder(pickle.Unpickler):
    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.names: list[tuple[str, str]] = []

    def find_class(self, module: str, name: str) -> Any:
        self.names.append((module, name))
        return super().find_class(module, name)


def test_new_pickles_name_classes_by_their_public_module() -> None:
    # A later move of the private modules then cannot break them; only the
    # reducer functions (_rebuild_...) name a private module.
    values = [
        presets.levels(),
        presets.badges(),
        al.check("$x"),
        routing.RoutingPolicy(),
        al.compile("$answers > 1"),
    ]
    recorder = _Recorder(pickle.dumps(values))
    recorder.load()
    for module, name in recorder.names:
        if module.startswith("agentlevels"):
            assert module in PUBLIC_MODULES or name.startswith("_"), (module, name)


def test_an_unknown_name_of_an_old_module_is_an_attribute_error() -> None:
    import agentlevels._levels as levels_package

    with pytest.raises(AttributeError, match="Nothing"):
        levels_package.Nothing  # noqa: B018  # the attribute access is the test
