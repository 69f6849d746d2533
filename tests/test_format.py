"""Canonical text (see ../shared/spec/language.md)."""

from __future__ import annotations

import pytest

from agentlevels import format_formula, parse
from agentlevels._language.format import format_decimal, precedence


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


def test_precedence_binds_from_or_to_atoms() -> None:
    loosest_first = ["$a || $b", "$a && $b", "$a < $b", "$a + $b", "$a * $b", "-$a", "$a"]
    assert [precedence(parse(text)) for text in loosest_first] == [1, 2, 3, 4, 5, 6, 7]
    same_level = [("$a == $b", "$a >= $b"), ("$a - $b", "$a + $b"), ("$a / $b", "$a * $b")]
    for one, other in same_level:
        assert precedence(parse(one)) == precedence(parse(other))
    assert precedence(parse("!$a")) == precedence(parse("-$a"))
    assert precedence(parse("true")) == precedence(parse("1.5")) == precedence(parse("$a"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (500, "500"),
        (500.0, "500"),
        (12.5, "12.5"),
        (1e-05, "0.00001"),
        (1e16, "10000000000000000"),
        (0.1 + 0.2, "0.30000000000000004"),
    ],
)
def test_numbers_are_written_without_exponent_or_trailing_zero(value: float, text: str) -> None:
    assert format_decimal(value) == text
