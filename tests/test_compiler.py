"""Compiled formulas (see ../shared/spec/language.md): three-valued logic, arithmetic,
snapshots, and the Formula object."""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest

import agentlevels
from agentlevels import (
    Catalog,
    InvalidMetricError,
    Metric,
    MissingMetricError,
    SnapshotError,
    compile,
    parse,
)
from agentlevels._language import formula as facade

LOGIC = Catalog([Metric("a", type="boolean"), Metric("b", type="boolean"), Metric("x")])
T, F, U = True, False, None


# --------------------------------------------------------------------------
# Three-valued logic


@pytest.mark.parametrize(
    ("a", "b", "conjunction", "disjunction"),
    [
        (T, T, T, T),
        (T, F, F, T),
        (T, U, U, T),
        (F, T, F, T),
        (F, F, F, F),
        (F, U, F, U),
        (U, T, U, T),
        (U, F, F, U),
        (U, U, U, U),
    ],
)
def test_kleene_truth_tables(
    a: bool | None, b: bool | None, conjunction: bool | None, disjunction: bool | None
) -> None:
    snapshot = {"a": a, "b": b}
    assert compile("$a && $b", catalog=LOGIC).evaluate(snapshot) is conjunction
    assert compile("$a || $b", catalog=LOGIC).evaluate(snapshot) is disjunction
    assert compile("$a && $b", catalog=LOGIC)(snapshot) is (conjunction is True)
    assert compile("$a || $b", catalog=LOGIC)(snapshot) is (disjunction is True)


@pytest.mark.parametrize(("a", "negation"), [(T, F), (F, T), (U, U)])
def test_not_truth_table(a: bool | None, negation: bool | None) -> None:
    assert compile("!$a", catalog=LOGIC).evaluate({"a": a}) is negation


def test_false_and_unknown_is_false_even_when_the_unknown_comes_first() -> None:
    formula = compile("$x > 1 && $a", catalog=LOGIC)
    assert formula.evaluate({"x": None, "a": False}) is False
    assert compile("$x > 1 || $a", catalog=LOGIC).evaluate({"x": None, "a": True}) is True


def test_unknown_is_not_met() -> None:
    formula = compile("$answers >= 500")
    assert formula.evaluate({"answers": None}) is None
    assert formula({"answers": None}) is False
    assert compile("!($answers >= 500)")({"answers": None}) is False


@pytest.mark.parametrize(
    ("a", "b", "equal"), [(T, T, T), (T, F, F), (F, F, T), (U, T, U), (T, U, U)]
)
def test_boolean_equality(a: bool | None, b: bool | None, equal: bool | None) -> None:
    assert compile("$a == $b", catalog=LOGIC).evaluate({"a": a, "b": b}) is equal
    not_equal = None if equal is None else not equal
    assert compile("$a != $b", catalog=LOGIC).evaluate({"a": a, "b": b}) is not_equal


# --------------------------------------------------------------------------
# Arithmetic, unknowns, division by zero, overflow


@pytest.mark.parametrize(
    ("text", "snapshot", "value"),
    [
        ("$answers / $worktime", {"answers": 10, "worktime": 0}, None),
        ("$answers / $worktime", {"answers": 10, "worktime": 0.0}, None),
        ("$answers / $worktime", {"answers": 0, "worktime": 0}, None),
        ("$answers / 0", {"answers": 1}, None),
        ("$answers / $worktime", {"answers": 10, "worktime": 4}, 2.5),
        ("$answers / $worktime", {"answers": 10, "worktime": 5}, 2.0),
        ("$answers + $chats", {"answers": None, "chats": 1}, None),
        ("$answers - $chats", {"answers": 1, "chats": None}, None),
        ("$answers * $chats", {"answers": None, "chats": 0}, None),
        ("-$answers", {"answers": None}, None),
        ("-$answers", {"answers": 3}, -3),
        ("$answers * $chats", {"answers": 1e200, "chats": 1e200}, None),
        ("$answers / $chats", {"answers": 1e300, "chats": 1e-300}, None),
        ("$answers * $chats / $chats", {"answers": 10**200, "chats": 10**200}, None),
        ("$answers * $chats / $chats", {"answers": 1e200, "chats": 1e200}, None),
        ("1 / ($answers * $chats)", {"answers": 1e200, "chats": 1e200}, None),
        ("$answers * $chats - $answers * $chats", {"answers": 1e200, "chats": 1e200}, None),
        ("$answers + 1", {"answers": 2**60}, 2**60 + 1),
    ],
)
def test_numeric_values(text: str, snapshot: dict[str, object], value: object) -> None:
    formula = compile(text, kind="number")
    assert formula.evaluate(snapshot) == value
    assert formula(snapshot) == value
    assert type(formula(snapshot)) is type(value)


def test_integers_stay_exact() -> None:
    assert compile("$answers + 1 > $answers")({"answers": 2**60})
    # 2**53 + 1 and 2**53 are the same float, but not the same integer.
    exact = compile("$answers - $chats == 1")
    assert exact({"answers": 2**53 + 1, "chats": 2**53})


def test_true_division_of_integers() -> None:
    assert compile("$answers / 2", kind="number")({"answers": 3}) == 1.5


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("$answers / $worktime > 1", False),
        ("!($answers / $worktime > 1)", False),
        ("$answers / $worktime > 1 || $chats > 1", True),
        ("$answers / $worktime > 1 && $chats > 100", False),
    ],
)
def test_division_by_zero_inside_conditions(text: str, met: bool) -> None:
    assert compile(text)({"answers": 5, "worktime": 0, "chats": 5}) is met


ZERO_HOURS = {"answers": 1, "worktime": 0}


HUGE = {"answers": 1e200, "chats": 1e200, "online": False}


@pytest.mark.parametrize(
    ("text", "kind", "snapshot"),
    [
        ("-($answers / $worktime)", "number", ZERO_HOURS),
        ("-($answers / $worktime) > 1", "boolean", ZERO_HOURS),
        ("-($answers * $chats) > 1", "boolean", HUGE),
        ("$online || -($answers * $chats) < 1", "boolean", HUGE),
        ("1 / -($answers * $chats) == 0", "boolean", HUGE),
    ],
)
def test_negated_division_and_overflow_are_unknown(
    text: str, kind: str, snapshot: dict[str, object]
) -> None:
    assert compile(text, kind=kind).evaluate(snapshot) is None


# --------------------------------------------------------------------------
# Snapshots


def test_every_missing_metric_is_listed_at_once() -> None:
    formula = compile("$answers + $chats / $worktime > 1")
    with pytest.raises(MissingMetricError) as raised:
        formula({"chats": 1})
    assert raised.value.names == ("answers", "worktime")
    assert "'answers'" in str(raised.value)
    assert "'worktime'" in str(raised.value)
    assert isinstance(raised.value, SnapshotError)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (float("-inf"), "finite"),
        (True, "number"),
        ("500", "number"),
        (Decimal("NaN"), "finite"),
        (Decimal("-Infinity"), "finite"),
        (Decimal("1e400"), "range"),
        (10**400, "range"),
        (-(10**400), "range"),
        ([1], "number"),
    ],
)
def test_bad_number_values(value: object, fragment: str) -> None:
    formula = compile("$answers >= 500")
    for call in (formula, formula.evaluate):
        with pytest.raises(InvalidMetricError) as raised:
            call({"answers": value})
        assert raised.value.name == "answers"
        assert fragment in str(raised.value)
        assert "'answers'" in str(raised.value)


@pytest.mark.parametrize("value", [1, 0, 1.0, "yes"])
def test_bad_boolean_values(value: object) -> None:
    with pytest.raises(InvalidMetricError, match="'online'"):
        compile("$online")({"online": value})


def test_number_subclasses_are_accepted() -> None:
    class Count(int):
        pass

    assert compile("$answers >= 500")({"answers": Count(501)}) is True


@pytest.mark.parametrize("snapshot", [None, [("answers", 1)], "answers", 42])
def test_a_snapshot_must_be_a_mapping(snapshot: object) -> None:
    with pytest.raises(SnapshotError, match="maps metric names"):
        compile("$answers >= 500")(snapshot)


def test_a_failing_mapping_gives_a_snapshot_error() -> None:
    class Broken(Mapping[str, object]):
        def __getitem__(self, key: str) -> object:
            raise RuntimeError("database gone")

        def __iter__(self) -> Iterator[str]:
            return iter(["answers"])

        def __len__(self) -> int:
            return 1

        def __contains__(self, key: object) -> bool:
            return True

    with pytest.raises(SnapshotError, match="database gone"):
        compile("$answers >= 500")(Broken())


def test_only_used_metrics_are_read_and_nothing_is_mutated() -> None:
    snapshot = MappingProxyType({"answers": 600, "chats": "ignored: not used"})
    assert compile("$answers >= 500")(snapshot) is True
    plain = {"answers": 600, "extra": object()}
    before = copy.copy(plain)
    compile("$answers >= 500").evaluate(plain)
    assert plain == before


def test_a_constant_formula_reads_nothing() -> None:
    assert compile("true")({}) is True
    assert compile("2 * 3", kind="number")({}) == 6


# --------------------------------------------------------------------------
# The Formula object


def test_formula_attributes_and_immutability() -> None:
    formula = compile("($answers+$chats)/$worktime>=12 && $rewards_p>80")
    assert formula.source == "($answers+$chats)/$worktime>=12 && $rewards_p>80"
    assert formula.canonical == "($answers + $chats) / $worktime >= 12 && $rewards_p > 80"
    assert formula.variables == frozenset({"answers", "chats", "worktime", "rewards_p"})
    assert formula.kind == "boolean"
    assert formula.warnings == ()
    assert formula.node == parse(formula.source)
    assert isinstance(formula, agentlevels.Formula)
    with pytest.raises(AttributeError):
        formula.source = "x"
    assert copy.deepcopy(formula) is formula
    assert formula == compile("($answers + $chats) / $worktime >= 12 && $rewards_p > 80")
    assert formula != compile(
        "($answers + $chats) / $worktime >= 12 && $rewards_p > 80",
        kind="boolean",
        catalog=Catalog(agentlevels.DEFAULT_CATALOG.values()).extend([Metric("zz")]),
    )
    assert repr(formula) == (
        "<Formula boolean '($answers + $chats) / $worktime >= 12 && $rewards_p > 80'>"
    )
    with pytest.raises(TypeError):
        agentlevels.Formula()


def test_bad_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError):
        compile(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind"):
        compile("true", kind="text")
    with pytest.raises(TypeError):
        compile("true", catalog={"answers": 1})  # type: ignore[arg-type]


def test_functions_taking_a_formula_refuse_other_values() -> None:
    not_a_formula: Any = 5
    with pytest.raises(TypeError, match="Formula or formula text"):
        agentlevels.explain(not_a_formula)
    with pytest.raises(TypeError, match="Formula or formula text"):
        agentlevels.progress(not_a_formula, {})
    with pytest.raises(ValueError, match="boolean"):
        agentlevels.progress(compile("$answers", kind="number"), {"answers": 1})


def test_compiling_a_text_again_gives_the_formula_compiled_before() -> None:
    text = "$answers >= 123 || $chats >= 45"
    first = agentlevels.compile(text)
    assert agentlevels.compile(text) is first
    assert agentlevels.compile(text, kind="boolean") is first
    other = agentlevels.DEFAULT_CATALOG.extend([agentlevels.Metric("zz_extra")])
    assert agentlevels.compile(text, catalog=other) is not first
    assert agentlevels.compile(text, catalog=other).canonical == first.canonical


def test_the_cache_of_compiled_formulas_is_bounded() -> None:
    for index in range(facade.CACHE_SIZE + 10):
        agentlevels.compile(f"$answers >= {index}")
    assert len(facade._compiled) == facade.CACHE_SIZE
    long_text = " && ".join(f"$answers >= {i}" for i in range(80))
    assert len(long_text) > facade.CACHED_LENGTH
    assert agentlevels.compile(long_text) is not agentlevels.compile(long_text)


def test_code_is_generated_on_the_first_call_only() -> None:
    formula = agentlevels.compile("$answers >= 7 && $chats < 3")
    assert formula.evaluate({"answers": 8, "chats": 1}) is True
    generated = type(formula).evaluate
    assert formula({"answers": None, "chats": 1}) is False
    assert type(formula).evaluate is generated


@pytest.mark.parametrize("held", ["evaluate", "__call__"])
def test_a_method_held_from_before_the_first_call_generates_once(
    held: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # award() and map(formula, team) take the method before the first call.
    from agentlevels._language import compiler

    built: list[object] = []
    real_build = compiler.build

    def counting_build(checked: Any) -> Any:
        built.append(checked)
        return real_build(checked)

    monkeypatch.setattr(compiler, "build", counting_build)
    # A text of its own for each: the cache would give an already generated formula.
    text = "$answers >= 7 && $chats < 4 && $calls > 0" + (" && true" if held == "__call__" else "")
    formula = agentlevels.compile(text)
    method = getattr(formula, held)
    values = [method({"answers": n, "chats": n % 5, "calls": 1}) for n in range(20)]
    assert values == [n >= 7 and n % 5 < 4 for n in range(20)]
    assert len(built) == 1


@pytest.mark.parametrize(
    "value",
    [
        2**30 - 1,
        2**30,
        -(2**30) + 1,
        -(2**30),
        2**62,
        int(sys.float_info.max),
        -int(sys.float_info.max),
    ],
)
def test_whole_numbers_either_side_of_one_digit_take_the_fast_path_alike(value: int) -> None:
    # The int range test tries a one-digit bound first, then float range.
    formula = agentlevels.compile("$answers >= 0")
    assert formula.evaluate({"answers": value}) is (value >= 0)


@pytest.mark.parametrize("value", [int(sys.float_info.max) + 1, -int(sys.float_info.max) - 1])
def test_whole_numbers_beyond_float_range_are_refused_after_the_one_digit_test(value: int) -> None:
    formula = agentlevels.compile("$answers >= 0")
    with pytest.raises(InvalidMetricError):
        formula.evaluate({"answers": value})
