"""The language spec, rule by rule (see ../shared/spec/language.md)."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest

import agentlevels
from agentlevels import (
    Catalog,
    FormulaLimitError,
    FormulaSyntaxError,
    FormulaTypeError,
    InvalidMetricError,
    Metric,
    MissingMetricError,
    SnapshotError,
    UnknownVariableError,
    check,
    compile,
    format_formula,
    nodes,
    parse,
)

LOGIC = Catalog([Metric("a", type="boolean"), Metric("b", type="boolean"), Metric("x")])
T, F, U = True, False, None


def codes(text: str, **kwargs: str) -> list[str]:
    return [d.code for d in check(text, **kwargs).diagnostics]  # type: ignore[arg-type]


def only(text: str, **kwargs: str) -> agentlevels.Diagnostic:
    (diagnostic,) = check(text, **kwargs).diagnostics  # type: ignore[arg-type]
    return diagnostic


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
        ("$answers / $chats", {"answers": 10**400, "chats": 3}, None),
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
        (Decimal("1"), "number"),
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
# Types


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("$answers && $chats > 1", "type-mismatch"),
        ("$online + 1 > 2", "type-mismatch"),
        ("-$online", "type-mismatch"),
        ("!$answers", "type-mismatch"),
        ("$online > true", "type-mismatch"),
        ("$online == 1", "type-mismatch"),
        ("$answers", "condition-expected"),
        ("($answers > 1) + 1 > 0", "type-mismatch"),
    ],
)
def test_type_errors(text: str, code: str) -> None:
    assert code in codes(text)
    with pytest.raises(FormulaTypeError):
        compile(text)


def test_number_kind_rejects_a_condition() -> None:
    assert codes("$answers > 1", kind="number") == ["number-expected"]
    assert compile("$answers + 1", kind="number").kind == "number"


def test_number_and_condition_hint() -> None:
    diagnostics = check("$answers && $chats").errors
    assert [d.column for d in diagnostics] == [1, 13]
    assert {d.hint for d in diagnostics} == {"did you mean `$answers > 0 && $chats > 0`?"}


def test_negated_comparison_hint() -> None:
    diagnostic = only("!$answers > 5")
    assert diagnostic.code == "type-mismatch"
    assert diagnostic.hint == "to negate the comparison, write `!($answers > 5)`"


def test_unknown_variables_are_all_reported_with_suggestions() -> None:
    report = check("$answer >= 500 || $chatz >= 500 || $zzz > 1")
    assert [d.code for d in report.errors] == ["unknown-variable"] * 3
    assert report.errors[0].hint is not None
    assert "`$answers`" in report.errors[0].hint
    assert report.errors[1].hint is not None
    assert "`$chats`" in report.errors[1].hint
    assert "agentlevels metrics" in (report.errors[2].hint or "")
    with pytest.raises(UnknownVariableError):
        compile("$answer >= 500")


def test_unknown_variable_does_not_cascade_into_type_errors() -> None:
    assert codes("$nope && $answers > 1") == ["unknown-variable"]


# --------------------------------------------------------------------------
# Warnings


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("$calls + $call_seconds > 5", "unit-mismatch"),
        ("$answers > $worktime", "unit-mismatch"),
        ("$rewards_p > 100", "out-of-range"),
        ("$answers >= 0", "out-of-range"),
        ("100 < $rewards_p", "out-of-range"),
        ("$nps < -100", "out-of-range"),
        ("1 > 2", "constant-condition"),
        ("$answers > 1 || true", "constant-condition"),
        ("$answers / 0 > 1", "division-by-zero"),
    ],
)
def test_warnings_do_not_stop_compilation(text: str, code: str) -> None:
    assert codes(text) == [code]
    formula = compile(text)
    assert [w.code for w in formula.warnings] == [code]
    assert all(w.severity == "warning" for w in formula.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "true",
        "$answers_ph > 12",
        "$answers / $worktime > 12",
        "($answers + $chats) / $worktime >= 12 && $rewards_p > 80",
        "$call_seconds / $worktime > $call_seconds_ph",
        "$rewards_p >= 100",
        "$rewards * 100 / ($rewards + $punishments) > 80",
    ],
)
def test_sound_formulas_have_no_warnings(text: str) -> None:
    assert check(text).diagnostics == ()


# --------------------------------------------------------------------------
# Syntax and the spec's hints


@pytest.mark.parametrize(
    ("text", "code", "column", "hint"),
    [
        ("$answers = 500", "assignment-operator", 10, "to compare, write `==`"),
        ("$a > 1 and $b > 1", "word-operator", 8, "write `&&`"),
        ("$a > 1 AND $b > 1", "word-operator", 8, "write `&&`"),
        ("$a > 1 or $b > 1", "word-operator", 8, "write `||`"),
        ("$a > 1 OR $b > 1", "word-operator", 8, "write `||`"),
        ("not $a", "word-operator", 1, "write `!`"),
        ("$a > 1 & $b > 1", "single-ampersand", 8, "for 'and', write `&&`"),
        ("$a > 1 | $b > 1", "single-pipe", 8, "for 'or', write `||`"),
        ("answers > 1", "missing-dollar", 1, "variables start with `$`: did you mean `$answers`?"),
        ("$a > 12,5", "comma-decimal", 6, "write `12.5`"),
        ("", "empty-formula", 1, "write a condition such as `$answers >= 500`"),
        (" \n\t", "empty-formula", 1, "write a condition such as `$answers >= 500`"),
        ("1 < $a < 5", "chained-comparison", 8, "write `1 < $a && $a < 5`"),
        ("($a > 1 && ($b > 1)", "unclosed-parenthesis", 1, "add the matching `)`"),
        ("$a > 1)", "unmatched-parenthesis", 7, "remove it, or add the `(` it should close"),
        ("$Answers > 1", "invalid-variable", 1, "write `$answers`"),
        ("1e5 > $a", "invalid-number", 1, "write the number out in full"),
    ],
)
def test_syntax_errors_and_hints(text: str, code: str, column: int, hint: str) -> None:
    diagnostic = check(text).errors[0]
    assert (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.hint) == (
        code,
        1,
        column,
        hint,
    )
    with pytest.raises(FormulaSyntaxError):
        parse(text)


def test_every_lexical_mistake_is_reported_at_once() -> None:
    report = check("answers >= 10 and $chats = 5")
    assert [(d.code, d.column) for d in report.errors] == [
        ("missing-dollar", 1),
        ("word-operator", 15),
        ("assignment-operator", 26),
    ]


def test_unclosed_parenthesis_points_at_the_open_one_on_its_line() -> None:
    diagnostic = check("$a > 1 &&\n  ($b > 2 ||\n   $c > 3").errors[0]
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("unclosed-parenthesis", 2, 3)


def test_only_ascii_digits_are_numbers() -> None:
    for digits in ("١٢", "１２", "१२"):
        assert codes(f"$answers > {digits}")[0] == "invalid-number"


def test_messages_never_name_parser_internals() -> None:
    for text in ["$a >", "$a $b", ">= 1", "()", "$a > > 1", "(", "$a + * 2", "1 2"]:
        for diagnostic in check(text).diagnostics:
            rendered = diagnostic.render(text)
            for internal in ("__ANON", "$END", "RPAR", "LPAR", "VARIABLE", "NUMBER", "Token("):
                assert internal not in rendered


def test_render_shows_position_line_caret_message_and_hint() -> None:
    text = "$answers >= 500 ||\n$chatz >= 500"
    with pytest.raises(UnknownVariableError) as raised:
        compile(text)
    assert str(raised.value) == (
        "error[unknown-variable] at 2:1: unknown variable `$chatz`\n"
        "  |\n"
        "2 | $chatz >= 500\n"
        "  | ^^^^^^\n"
        "  = hint: did you mean `$chats` or `$chats_ph`?"
    )
    assert raised.value.source == text
    assert raised.value.diagnostics[0].to_dict() == {
        "severity": "error",
        "code": "unknown-variable",
        "message": "unknown variable `$chatz`",
        "hint": "did you mean `$chats` or `$chats_ph`?",
        "start": 19,
        "end": 25,
        "line": 2,
        "column": 1,
    }


# --------------------------------------------------------------------------
# Limits


def test_length_limit() -> None:
    at_limit = "$answers > 1" + " " * (10_000 - len("$answers > 1"))
    assert compile(at_limit)
    with pytest.raises(FormulaLimitError) as raised:
        compile(at_limit + " ")
    assert raised.value.diagnostics[0].code == "too-long"


@pytest.mark.parametrize(
    ("build", "limit_ok"),
    [
        (lambda n: "(" * n + "$answers > 1" + ")" * n, 100),
        (lambda n: "!" * n + "($answers > 1)", 99),
        (lambda n: "-" * n + "$answers > 1", 100),
        (lambda n: "-(" * (n // 2) + "$answers" + ")" * (n // 2) + " > 1", 100),
    ],
    ids=["parentheses", "not", "minus", "mixed"],
)
def test_depth_limit(build: Callable[[int], str], limit_ok: int) -> None:
    assert compile(build(limit_ok))
    with pytest.raises(FormulaLimitError) as raised:
        compile(build(limit_ok + 2))
    assert raised.value.diagnostics[0].code == "too-deep"


def test_node_limit() -> None:
    # Each comparison is three nodes, plus one for the chain.
    assert compile(" || ".join(["$answers > 1"] * 333))
    with pytest.raises(FormulaLimitError) as raised:
        compile(" || ".join(["$answers > 1"] * 334))
    assert raised.value.diagnostics[0].code == "too-many-nodes"


def test_number_limit() -> None:
    assert compile("$answers > 123456789012345")
    assert compile("$answers > 0.000000000000000000001")
    for text in ("$answers > 1234567890123456", "$answers > 1.234567890123456"):
        with pytest.raises(FormulaLimitError) as raised:
            compile(text)
        assert raised.value.diagnostics[0].code == "number-too-long"


@pytest.mark.parametrize(
    "text",
    [
        " || ".join(f"$answers >= {i}" for i in range(300)),
        " && ".join(f"$chats != {i}" for i in range(300)),
        " + ".join(["$answers"] * 499) + " > 1",
        " - ".join(["$worktime"] * 499) + " > 1",
        " * ".join(["$worktime"] * 499) + " > 1",
        " / ".join(["$worktime"] * 499) + " > 1",
        "(" * 100 + "$answers > 1" + ")" * 100,
        "".join("$answers + $chats * (" for _ in range(99)) + "1" + ")" * 99 + " > 0",
    ],
    ids=["or", "and", "add", "sub", "mul", "div", "parentheses", "mixed-nesting"],
)
def test_formulas_at_the_limits_compile_run_format_compare_and_pickle(text: str) -> None:
    formula = compile(text)
    for value in (3, 0, None, 2.5):
        snapshot = dict.fromkeys(formula.variables, value)
        assert formula.evaluate(snapshot) in (True, False, None)
        formula(snapshot)
    assert parse(formula.canonical) == formula.node
    assert format_formula(formula.canonical) == formula.canonical
    assert pickle.loads(pickle.dumps(formula)) == formula
    assert pickle.loads(pickle.dumps(formula.node)) == formula.node
    assert hash(parse(text)) == hash(formula.node)
    assert repr(formula.node).startswith(type(formula.node).__name__)


# --------------------------------------------------------------------------
# Canonical form and the syntax tree


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("$answers>=500||$chats>=500", "$answers >= 500 || $chats >= 500"),
        ("(($answers))", "$answers"),
        ("($a || $b) || $c", "$a || $b || $c"),
        ("$a && ($b || $c)", "$a && ($b || $c)"),
        ("($a && $b) || $c", "$a && $b || $c"),
        ("$a - ($b - $c)", "$a - ($b - $c)"),
        ("($a - $b) - $c", "$a - $b - $c"),
        ("$a / ($b * $c)", "$a / ($b * $c)"),
        ("- ( - $a)", "--$a"),
        ("! ( $a > 1 )", "!($a > 1)"),
        ("($a > 1) == ($b > 1)", "($a > 1) == ($b > 1)"),
        ("500.0 + 12.50 + 0.00001", "500 + 12.5 + 0.00001"),
        ("007", "7"),
    ],
)
def test_canonical_form(text: str, canonical: str) -> None:
    assert format_formula(text) == canonical
    assert format_formula(canonical) == canonical
    assert parse(canonical) == parse(text)


def test_spans_do_not_take_part_in_equality() -> None:
    first, second = parse("$a>1"), parse("  $a  >  1  ")
    assert first == second
    assert hash(first) == hash(second)
    assert first.span != second.span
    assert second.span == nodes.Span(2, 10, 1, 3)


def test_tree_shape() -> None:
    tree = parse("$a + 2 * $b >= 10 && !$c || true")
    assert tree == nodes.Or(
        (
            nodes.And(
                (
                    nodes.Ge(
                        nodes.Add(
                            nodes.Variable("a"), nodes.Mul(nodes.Number(2), nodes.Variable("b"))
                        ),
                        nodes.Number(10),
                    ),
                    nodes.Not(nodes.Variable("c")),
                )
            ),
            nodes.Boolean(True),
        )
    )


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


def test_functions_taking_a_formula_refuse_other_values() -> None:
    not_a_formula: Any = 5
    with pytest.raises(TypeError, match="Formula or formula text"):
        agentlevels.explain(not_a_formula)
    with pytest.raises(TypeError, match="Formula or formula text"):
        agentlevels.progress(not_a_formula, {})
    with pytest.raises(ValueError, match="boolean"):
        agentlevels.progress(compile("$answers", kind="number"), {"answers": 1})


def test_each_top_level_clause_reports_its_own_grammar_error() -> None:
    report = check("$answers > > 1 && $chats $calls > 1 || ($calls <)")
    assert [(d.code, d.column) for d in report.errors] == [
        ("unexpected-token", 12),
        ("unexpected-token", 26),
        ("unexpected-token", 49),
    ]
    report = check("1 < $answers < 5 || $chats >")
    assert [d.code for d in report.errors] == ["chained-comparison", "unexpected-end"]


def test_a_clause_after_the_first_error_is_not_reported_twice() -> None:
    assert [d.code for d in check("$answers >= 500 ||").errors] == ["unexpected-end"]
    assert [d.column for d in check("$answers > > 1 && $chats > 1").errors] == [12]


@pytest.mark.parametrize(
    ("text", "word"), [("1 > 2", "false"), ("2 > 1", "true"), ("1 / 0 > 1", "unknown")]
)
def test_constant_comparison_says_its_value(text: str, word: str) -> None:
    (warning,) = [d for d in check(text).diagnostics if d.code == "constant-condition"]
    assert warning.message.endswith(f"always {word}")
