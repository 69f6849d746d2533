"""The parser (see ../shared/spec/language.md): syntax errors and their hints, limits, the tree."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from agentlevels import (
    FormulaLimitError,
    FormulaSyntaxError,
    check,
    compile,
    format_formula,
    nodes,
    parse,
)


def codes(text: str, **kwargs: str) -> list[str]:
    return [d.code for d in check(text, **kwargs).diagnostics]  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Syntax errors and the spec's hints


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
    # $a and $b are not in the default catalog: reported too, beside the syntax error.
    diagnostic = next(d for d in check(text).errors if d.code != "unknown-variable")
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
    report = check("$a > 1 &&\n  ($b > 2 ||\n   $c > 3")
    diagnostic = next(d for d in report.errors if d.code != "unknown-variable")
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


# --------------------------------------------------------------------------
# Limits


def test_length_limit() -> None:
    # 10,000 characters not counting whitespace, 20,000 in all.
    at_limit = "$answers > " + "0" * (10_000 - len("$answers>1")) + "1"
    assert compile(at_limit)
    assert compile(at_limit + " " * (20_000 - len(at_limit)))
    for too_long in (at_limit + "0", at_limit + " " * (20_001 - len(at_limit))):
        with pytest.raises(FormulaLimitError) as raised:
            compile(too_long)
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
    # Each comparison is three parts, and each `||` of the chain one more.
    assert compile(" || ".join(["$answers > 1"] * 250))  # 999 parts
    for chain in (" || ".join(["$answers > 1"] * 251), " || ".join(["true"] * 501)):
        with pytest.raises(FormulaLimitError) as raised:
            compile(chain)
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
        " || ".join(f"$answers >= {i}" for i in range(250)),
        " && ".join(f"$chats != {i}" for i in range(250)),
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
# The syntax tree


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
