"""Parser limits and lexical messages: depth of flat formulas, unclosed parentheses,
the span of an odd character, and the `U+…` form for invisible characters."""

from __future__ import annotations

import pytest

from agentlevels import check

_TOO_DEEP = "the formula nests deeper than 100 levels of parentheses and prefix operators"
_USE = "formulas use $variables, numbers, + - * /, comparisons, && || ! and parentheses"


def found(text: str) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.message, d.start, d.end) for d in check(text).diagnostics]


@pytest.mark.parametrize(
    "text",
    [
        " + ".join(["-(-$answers)"] * 150) + " > 0",
        " && ".join(["!(!$online)"] * 150),
        " + ".join(["-(-(-(-$answers)))"] * 60) + " > 0",
        " || ".join(["(" * 20 + "$online" + ")" * 20] * 20),
    ],
)
def test_a_long_flat_formula_is_not_too_deep(text: str) -> None:
    assert len(text) > 1000
    assert found(text) == []


def test_depth_counts_prefix_operators_and_parentheses_together() -> None:
    assert found("-" * 100 + "$answers > 0") == []
    assert found("-" * 101 + "$answers > 0") == [("too-deep", _TOO_DEEP, 100, 101)]
    assert found("-(" * 50 + "$answers" + ")" * 50 + " > 0") == []
    assert found("(-" * 50 + "(-$answers" + ")" * 51 + " > 0") == [
        ("too-deep", _TOO_DEEP, 100, 101)
    ]


@pytest.mark.parametrize(("opened", "listed"), [(1, 1), (4, 4), (5, 5), (6, 5), (40, 5)])
def test_unclosed_parentheses_list_the_first_five(opened: int, listed: int) -> None:
    problems = found("(" * opened + "$answers > 0")
    assert problems == [
        ("unclosed-parenthesis", "this `(` is never closed", index, index + 1)
        for index in range(listed)
    ]


def test_an_unmatched_close_is_reported_where_it_is() -> None:
    problems = check("$answers > 0)").diagnostics
    assert [(d.code, d.start, d.end) for d in problems] == [("unmatched-parenthesis", 12, 13)]


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\u200b", "U+200B"),
        ("\u00a0", "U+00A0"),
        ("\x07", "U+0007"),
        ("\u2028", "U+2028"),
        ("€", "€"),
        ("→", "→"),
        ("😀", "😀"),
    ],
)
def test_odd_characters_are_shown_as_themselves_unless_invisible(char: str, shown: str) -> None:
    assert found("$answers " + char + " 1") == [
        ("unexpected-character", f"`{shown}` is not part of the language", 9, 10)
    ]
    (problem,) = check("$answers " + char + " 1").diagnostics
    assert problem.hint == _USE


@pytest.mark.parametrize("text", ["€", "$answers > 1€", "1 €"])
def test_an_odd_character_spans_one_character(text: str) -> None:
    start = text.index("€")
    assert found(text)[-1][2:] == (start, start + 1)


def test_depth_returns_to_zero_after_each_operand() -> None:
    # Prefix operators already closed by an operand must not lower the depth
    # further: the run of 101 below is still too deep.
    head = "-$answers + $chats + "
    assert found(head + "-" * 100 + "$answers > 0") == []
    assert found(head + "-" * 101 + "$answers > 0") == [
        ("too-deep", _TOO_DEEP, len(head) + 100, len(head) + 101)
    ]


def test_a_closed_parenthesis_with_a_dangling_prefix_is_not_deeper() -> None:
    text = " + ".join(["(-)"] * 60) + " + " + "-" * 95 + "$answers > 0"
    assert "too-deep" not in {d.code for d in check(text).diagnostics}


@pytest.mark.parametrize(
    ("number", "hint"),
    [
        ("1,000", "for a decimal, write `1.000`; for a whole number, `1000`"),
        ("12,345", "for a decimal, write `12.345`; for a whole number, `12345`"),
        ("1,5", "write `1.5`"),
        ("1,0000", "write `1.0000`"),
    ],
)
def test_a_comma_of_three_digits_may_be_a_thousands_separator(number: str, hint: str) -> None:
    (problem,) = check(f"$answers > {number}").diagnostics
    assert (problem.code, problem.message, problem.hint) == (
        "comma-decimal",
        f"`{number}` uses a comma as the decimal mark",
        hint,
    )
    assert (problem.start, problem.end) == (11, 11 + len(number))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "$answers ≥ 1",
            (
                "unexpected-character",
                "`≥` (greater-than or equal to) is not part of the language",
                9,
                10,
                "write `>=`",
            ),
        ),
        (
            "$answers − 1 > 0",
            (
                "unexpected-character",
                "`−` (minus sign) is not part of the language",
                9,
                10,
                "write `-`",
            ),
        ),
        (
            "$answers > ٣",
            (
                "invalid-number",
                "`٣` (arabic-indic digit three) is not an ASCII digit",
                11,
                12,
                "write the digit 3 as `3`",
            ),
        ),
    ],
)
def test_lookalikes_and_other_digits_span_one_character(
    text: str, expected: tuple[str, str, int, int, str]
) -> None:
    (problem,) = check(text).diagnostics
    assert (problem.code, problem.message, problem.start, problem.end, problem.hint) == expected
