"""formula.trace: the value of every sub-expression, its span, atoms and reasons."""

from __future__ import annotations

import pytest
from hypothesis import given

import agentlevels
from agentlevels import FormulaTypeError, MissingMetricError, format_node, nodes
from tests import reference
from tests.strategies import CATALOG, boolean_formulas, number_formulas, snapshots


@given(boolean_formulas() | number_formulas(), snapshots())
def test_trace_agrees_with_evaluate_and_the_reference(
    tree: nodes.Node, snapshot: dict[str, int | float | bool | None]
) -> None:
    text = format_node(tree)
    try:
        formula = agentlevels.compile(text, catalog=CATALOG)
    except FormulaTypeError:
        formula = agentlevels.compile(text, catalog=CATALOG, kind="number")
    trace = formula.trace(snapshot)
    assert trace.value == formula.evaluate(snapshot)
    assert trace[-1].node is formula.node
    for entry in trace:
        assert entry.value == reference.evaluate(entry.node, snapshot), entry.text


def test_every_entry_has_its_span_in_the_source() -> None:
    formula = agentlevels.compile("($answers >= 500)  ||  $chats >= 500")
    trace = formula.trace({"answers": 320, "chats": 510})
    texts = [(trace.text_at(entry), entry.value) for entry in trace]
    assert texts == [
        ("$answers", 320),
        ("500", 500),
        ("($answers >= 500)", False),  # a parenthesized node spans its parentheses
        ("$chats", 510),
        ("500", 500),
        ("$chats >= 500", True),
        ("($answers >= 500)  ||  $chats >= 500", True),
    ]
    assert trace[3].span.column == 24
    assert len(trace) == 7


def test_atoms_are_comparisons_of_numbers_and_boolean_metrics() -> None:
    formula = agentlevels.compile("!$online || ($answers + $chats > 5) == ($rewards_p < 50)")
    trace = formula.trace({"online": True, "answers": 1, "chats": 2, "rewards_p": None})
    assert [entry.text for entry in trace.atoms()] == [
        "$online",
        "$answers + $chats > 5",
        "$rewards_p < 50",
    ]
    assert all(entry.atom for entry in trace.atoms())


def test_reasons_and_decisive_atoms() -> None:
    master = agentlevels.compile("($answers >= 1000 || $chats >= 1000) && $rewards >= 10")
    near = master.trace({"answers": 1200, "chats": 3, "rewards": 9})
    assert [e.text for e in near.reasons()] == ["$rewards >= 10"]
    assert [e.text for e in near.decisive()] == ["$rewards >= 10"]
    far = master.trace({"answers": 3, "chats": 3, "rewards": 9})
    assert [e.text for e in far.reasons()] == [
        "$answers >= 1000",
        "$chats >= 1000",
        "$rewards >= 10",
    ]
    assert far.decisive() == ()
    met = master.trace({"answers": 1200, "chats": 3, "rewards": 10})
    assert [e.text for e in met.reasons()] == ["$answers >= 1000", "$rewards >= 10"]
    assert [e.text for e in met.decisive()] == ["$answers >= 1000", "$rewards >= 10"]
    unknown = master.trace({"answers": 1200, "chats": 3, "rewards": None})
    assert unknown.value is None
    assert [e.text for e in unknown.reasons()] == ["$rewards >= 10"]


def test_trace_raises_the_snapshot_errors_of_evaluate() -> None:
    with pytest.raises(MissingMetricError):
        agentlevels.compile("$answers >= 1").trace({})
