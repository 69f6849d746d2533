"""Properties of the language over generated formulas, snapshots and text."""

from __future__ import annotations

import pickle
from types import MappingProxyType

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from lark.exceptions import UnexpectedInput

import agentlevels
from agentlevels import FormulaError, format_node, nodes, parse
from agentlevels._language import parser
from agentlevels._language.descent import NotParsed, parse_tokens
from agentlevels._language.format import _render
from agentlevels._language.locator import Locator
from agentlevels._language.nesting import structure
from agentlevels._language.runtime import Program
from agentlevels._language.scanner import scan
from tests import reference
from tests.strategies import (
    BOOLEAN_METRICS,
    CATALOG,
    NUMBER_METRICS,
    boolean_formulas,
    formula_like_text,
    number_formulas,
    snapshots,
)


@given(boolean_formulas() | number_formulas())
def test_canonical_text_round_trips_and_is_idempotent(tree: nodes.Node) -> None:
    canonical = format_node(tree)
    reparsed = parse(canonical)
    assert format_node(reparsed) == canonical
    assert parse(format_node(reparsed)) == reparsed


@given(boolean_formulas() | number_formulas(), st.data())
def test_redundant_parentheses_and_spacing_do_not_change_the_tree(
    tree: nodes.Node, data: st.DataObject
) -> None:
    def visit(node: nodes.Node, parts: list[tuple[str, int]]) -> tuple[str, int]:
        text, own = _render(node, parts)
        if data.draw(st.booleans()):
            space = " " * data.draw(st.integers(0, 2))
            return f"({space}{text}{space})", 7
        return text, own

    messy = nodes.fold(tree, visit)[0]  # type: ignore[arg-type]
    assert parse(messy) == parse(format_node(tree))


def _shape(tree: nodes.Node) -> list[tuple[object, ...]]:
    return [(type(node), node._payload(), node.span) for node in nodes.postorder(tree)]


@given(
    formula_like_text()
    | (boolean_formulas() | number_formulas()).map(format_node)
    | st.text(alphabet="$ab_()+-*/!<>=&| 1.0", max_size=40)
)
def test_the_descent_parser_builds_what_lark_builds(text: str) -> None:
    where = Locator(text)
    tokens, problems = scan(text, where, parser.MAX_DIGITS)
    if problems or not tokens or structure(tokens, where, parser.MAX_DEPTH):
        return  # the scan refuses the text before either parser sees it
    try:
        expected: nodes.Node | None = parser._lark_parser(where).parse(text)  # type: ignore[assignment]
    except UnexpectedInput:
        expected = None
    try:
        got: nodes.Node | None = parse_tokens(tokens, where, parser._number_value)
    except NotParsed:
        got = None
    if expected is None or got is None:
        assert got is expected
    else:
        assert _shape(got) == _shape(expected)


def _note_values(snapshot: dict[str, int | float | bool | None]) -> None:
    """Hypothesis events (``--hypothesis-show-statistics``) showing which edge
    values the differential properties meet."""
    values = [v for v in snapshot.values() if type(v) is not bool]
    if None in values:
        event("an unknown value")
    if 0 in values:
        event("a zero")
    if any(type(v) is float and abs(v) == 1e308 for v in values):
        event("a value at +-1e308")
    if any(type(v) is float and abs(v) == 5e-324 for v in values):
        event("a value at +-5e-324")


@given(boolean_formulas(), snapshots())
def test_compiled_condition_agrees_with_the_reference(
    tree: nodes.Node, snapshot: dict[str, int | float | bool | None]
) -> None:
    _note_values(snapshot)
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG)
    expected = reference.evaluate(formula.node, snapshot)
    assert formula.evaluate(snapshot) == expected
    assert formula(snapshot) is (expected is True)


@given(number_formulas(), snapshots())
def test_compiled_number_agrees_with_the_reference(
    tree: nodes.Node, snapshot: dict[str, int | float | bool | None]
) -> None:
    _note_values(snapshot)
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG, kind="number")
    expected = reference.evaluate(formula.node, snapshot)
    got = formula.evaluate(snapshot)
    assert got == expected
    assert type(got) is type(expected)
    assert formula(snapshot) == expected


@given(
    st.tuples(st.just("boolean"), boolean_formulas())
    | st.tuples(st.just("number"), number_formulas()),
    snapshots(),
    st.data(),
)
def test_three_valued_path_agrees_with_the_reference(
    formula_kind: tuple[str, nodes.Node],
    snapshot: dict[str, int | float | bool | None],
    data: st.DataObject,
) -> None:
    """Snapshots the fast path cannot decide: an unknown or a zero in every one,
    as a plain dict (validated inline) and as another mapping (validated whole)."""
    kind, tree = formula_kind
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG, kind=kind)
    for metric in data.draw(st.lists(st.sampled_from(NUMBER_METRICS), min_size=1, max_size=3)):
        edge = [None, 0, 0.0, -0.0, 1e308, -1e308, 5e-324, -5e-324]
        snapshot[metric] = data.draw(st.sampled_from(edge))
    if data.draw(st.booleans()):
        snapshot[data.draw(st.sampled_from(BOOLEAN_METRICS))] = None
    _note_values(snapshot)
    expected = reference.evaluate(formula.node, snapshot)
    for mapping in (snapshot, MappingProxyType(snapshot)):
        got = formula.evaluate(mapping)
        assert got == expected
        assert type(got) is type(expected)
        assert formula(mapping) == (expected is True if kind == "boolean" else expected)
    assert Program.of(formula._checked).run(snapshot) == expected


@given(boolean_formulas(), snapshots())
def test_evaluation_never_mutates_the_snapshot(
    tree: nodes.Node, snapshot: dict[str, int | float | bool | None]
) -> None:
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG)
    before = dict(snapshot)
    formula(snapshot)
    formula.evaluate(snapshot)
    assert snapshot == before


@given(boolean_formulas())
def test_formulas_pickle_and_compare(tree: nodes.Node) -> None:
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG)
    again = pickle.loads(pickle.dumps(formula))
    assert again == formula
    assert hash(again) == hash(formula)
    assert pickle.loads(pickle.dumps(formula.node)) == formula.node


def _only_library_errors(text: str) -> None:
    report = agentlevels.check(text)
    assert report.ok == (not report.errors)
    for diagnostic in report.diagnostics:
        assert 0 <= diagnostic.start <= diagnostic.end <= max(len(text), 1)
        assert "__ANON" not in diagnostic.message
        assert "$END" not in diagnostic.message
    if report.ok:
        agentlevels.compile(text)
    else:
        with pytest.raises(FormulaError) as raised:
            agentlevels.compile(text)
        assert raised.value.diagnostics == report.diagnostics
        assert str(raised.value)


@given(st.text())
def test_arbitrary_text_raises_only_library_errors(text: str) -> None:
    _only_library_errors(text)


@given(formula_like_text())
def test_formula_like_text_raises_only_library_errors(text: str) -> None:
    _only_library_errors(text)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 100_000 + "$answers > 1" + ")" * 100_000,
        "(" * 100_000,
        ")" * 100_000,
        "!" * 100_000 + "true",
        "-" * 9_000 + "$answers > 1",
        "$answers > 1 || " * 700 + "true",
        "\x00\ud800\U0010ffff" * 3000,
        "1" * 10_000,
        "$" + "a" * 9_999,
    ],
    ids=[
        "100k-nested",
        "100k-open",
        "100k-close",
        "100k-not",
        "9k-minus",
        "long-chain",
        "odd-unicode",
        "10k-digit-number",
        "10k-name",
    ],
)
def test_huge_inputs_raise_only_library_errors(text: str) -> None:
    _only_library_errors(text)
