"""Run every golden case (tests/golden/formulas.json) through the Python backend."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import agentlevels
from agentlevels._diagnostics import LIMIT_CODES, SYNTAX_CODES
from tests.golden import (
    CHECKER_CODES,
    CHECKER_ERROR_CODES,
    CHECKER_WARNING_CODES,
    GoldenCase,
    Value,
    load_golden,
)

CASES = load_golden()


def _cases(predicate: str) -> list[object]:
    chosen = [case for case in CASES if getattr(case, predicate)]
    return [pytest.param(case, id=case.id) for case in chosen]


def test_the_file_is_big_and_ids_are_unique() -> None:
    assert len(CASES) >= 80
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


def test_every_case_expects_something() -> None:
    for case in CASES:
        assert case.canonical or case.diagnostics or case.values or case.catalog, case.id
        assert case.kind in ("boolean", "number"), case.id
        if case.error is not None:
            assert any(d.severity == "error" for d in case.diagnostics), case.id
            assert not case.values, case.id
        for value in case.values:
            assert (value.met is None) == (case.kind == "number"), case.id


def test_every_code_has_a_case() -> None:
    seen = {d.code for case in CASES for d in case.diagnostics}
    missing = (SYNTAX_CODES | LIMIT_CODES | CHECKER_CODES) - seen
    assert not missing
    assert not CHECKER_ERROR_CODES & CHECKER_WARNING_CODES


@pytest.mark.parametrize("case", _cases("canonical"))
def test_canonical_text(case: GoldenCase) -> None:
    assert case.canonical is not None
    assert agentlevels.format_formula(case.formula) == case.canonical
    # Canonical text is a fixed point and parses back to the same tree.
    assert agentlevels.format_formula(case.canonical) == case.canonical
    assert agentlevels.parse(case.canonical) == agentlevels.parse(case.formula)
    assert agentlevels.format_node(agentlevels.parse(case.formula)) == case.canonical


@pytest.mark.parametrize("case", _cases("catalog"))
def test_diagnostics(case: GoldenCase) -> None:
    report = agentlevels.check(case.formula, catalog=case.catalog_object(), kind=case.kind)
    found = [(d.code, d.line, d.column, d.severity) for d in report.diagnostics]
    expected = [(d.code, d.line, d.column, d.severity) for d in case.diagnostics]
    assert found == expected
    for want, got in zip(case.diagnostics, report.diagnostics, strict=True):
        if want.hint is not None:
            assert got.hint is not None, f"{got.code} has no hint"
            assert want.hint in got.hint
        assert got.render(case.formula)  # every diagnostic renders
    assert report.ok == case.compiles


@pytest.mark.parametrize("case", _cases("catalog"))
def test_compile_outcome(case: GoldenCase) -> None:
    catalog = case.catalog_object()
    if case.error is not None:
        expected = getattr(agentlevels, case.error)
        with pytest.raises(agentlevels.FormulaError) as caught:
            agentlevels.compile(case.formula, catalog=catalog, kind=case.kind)
        assert type(caught.value) is expected
        assert caught.value.source == case.formula
        errors = [(d.code, d.line, d.column) for d in case.diagnostics if d.severity == "error"]
        got = [
            (d.code, d.line, d.column) for d in caught.value.diagnostics if d.severity == "error"
        ]
        assert got == errors
        return
    formula = agentlevels.compile(case.formula, catalog=catalog, kind=case.kind)
    assert formula.kind == case.kind
    assert formula.source == case.formula
    if case.canonical is not None:
        assert formula.canonical == case.canonical
    warnings = [(d.code, d.line, d.column) for d in formula.warnings]
    assert warnings == [(d.code, d.line, d.column) for d in case.diagnostics]


def _same(actual: Value, expected: Value) -> bool:
    if expected is None or isinstance(expected, bool):
        return actual is expected
    # Integers stay exact and "/" gives a float: the JSON type is part of the answer.
    return type(actual) is type(expected) and actual == expected


@pytest.mark.parametrize("case", _cases("values"))
def test_values(case: GoldenCase) -> None:
    formula = agentlevels.compile(case.formula, catalog=case.catalog_object(), kind=case.kind)
    again = pickle.loads(pickle.dumps(formula))
    for value in case.values:
        snapshot = dict(value.snapshot)
        evaluated = formula.evaluate(snapshot)
        assert _same(evaluated, value.evaluate), (value.snapshot, evaluated)
        called = formula(snapshot)
        if case.kind == "boolean":
            assert called is value.met, (value.snapshot, called)
        else:
            assert _same(called, value.evaluate), (value.snapshot, called)
        assert _same(again.evaluate(snapshot), value.evaluate)
        assert snapshot == value.snapshot  # never mutated


# Every case with diagnostics, rendered in Russian: the texts an admin reads.
RUSSIAN_FILE = Path(__file__).with_name("golden") / "diagnostics_ru.json"
RUSSIAN: dict[str, str] = json.loads(RUSSIAN_FILE.read_text("utf-8"))


def test_every_case_with_diagnostics_has_a_russian_rendering() -> None:
    assert set(RUSSIAN) == {case.id for case in CASES if case.diagnostics}


@pytest.mark.parametrize("case", _cases("diagnostics"))
def test_russian_rendering(case: GoldenCase) -> None:
    catalog, kind = case.catalog_object(), case.kind
    report = agentlevels.check(case.formula, catalog=catalog, kind=kind, locale="ru")
    assert report.render() == RUSSIAN[case.id]
    # The English report is the same report: only the words change.
    english = agentlevels.check(case.formula, catalog=catalog, kind=kind)
    assert english.diagnostics == report.diagnostics
    assert report.render("en") == english.render()
