"""The checker's messages, pinned word for word where a one-token change would go unnoticed.

Each case names the behaviour: units carried through arithmetic, no second
error on an operand already reported, a condition ordered against a number,
and range warnings at the metric's exact bounds.
"""

from __future__ import annotations

import pytest

from agentlevels import DEFAULT_CATALOG, Metric, check


def messages(text: str) -> list[tuple[str, str, str]]:
    return [(d.severity, d.code, d.message) for d in check(text).diagnostics]


# --------------------------------------------------------------------------
# Units through arithmetic: the unit of each side survives `/`, `*`, `+`, `-`.


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "$call_seconds / 60 + $answers > 1",
            "`$call_seconds / 60 + $answers` adds seconds and count",
        ),
        (
            "$call_seconds * 2 + $answers > 1",
            "`$call_seconds * 2 + $answers` adds seconds and count",
        ),
        (
            "2 * $call_seconds + $answers > 1",
            "`2 * $call_seconds + $answers` adds seconds and count",
        ),
        (
            "1 + $call_seconds + $answers > 1",
            "`1 + $call_seconds + $answers` adds seconds and count",
        ),
        (
            "$call_seconds + 1 + $answers > 1",
            "`$call_seconds + 1 + $answers` adds seconds and count",
        ),
        ("-$call_seconds + $answers > 1", "`-$call_seconds + $answers` adds seconds and count"),
        ("$call_seconds - $answers > 1", "`$call_seconds - $answers` subtracts seconds and count"),
        (
            "$call_seconds / $answers + $call_seconds > 1",
            "`$call_seconds / $answers + $call_seconds` adds seconds/count and seconds",
        ),
        (
            "$call_seconds * $answers + $answers > 1",
            "`$call_seconds * $answers + $answers` adds count*seconds and count",
        ),
    ],
)
def test_units_are_carried_through_arithmetic(text: str, message: str) -> None:
    assert messages(text) == [("warning", "unit-mismatch", message)]


@pytest.mark.parametrize(
    "text",
    [
        # A bare number over a unit has no unit of its own to compare.
        "60 / $call_seconds + $answers > 1",
        "$call_seconds / 60 + $call_seconds > 1",
        "$call_seconds * 2 + 2 * $call_seconds > 1",
        "$answers + $chats > 1",
    ],
)
def test_matching_or_missing_units_give_no_warning(text: str) -> None:
    assert messages(text) == []


# --------------------------------------------------------------------------
# An operand already reported gets no second error.


@pytest.mark.parametrize(
    "text", ["$nope == 5", "$nope < 5", "$nope + 1 > 5", "!$nope", "-$nope > 1", "$nope < true"]
)
def test_unknown_variable_is_reported_once(text: str) -> None:
    assert messages(text) == [("error", "unknown-variable", "unknown variable `$nope`")]


def test_each_unknown_variable_is_reported_once() -> None:
    assert messages("$nope == $gone") == [
        ("error", "unknown-variable", "unknown variable `$nope`"),
        ("error", "unknown-variable", "unknown variable `$gone`"),
    ]


# --------------------------------------------------------------------------
# A condition ordered against a number.

_CONSTANT = (
    "warning",
    "constant-condition",
    "this condition reads no $variable, so it is always the same",
)


@pytest.mark.parametrize("operator", ["<", ">", "<=", ">="])
def test_a_condition_cannot_be_ordered_against_a_number(operator: str) -> None:
    error = ("error", "type-mismatch", f"`{operator}` compares numbers, but `true` is a condition")
    assert messages(f"true {operator} 3") == [error, _CONSTANT]
    assert sorted(messages(f"3 {operator} true")) == sorted([error, _CONSTANT])


def test_a_boolean_metric_cannot_be_ordered_against_a_number() -> None:
    assert messages("$online > 3") == [
        ("error", "type-mismatch", "`>` compares numbers, but `$online` is a condition")
    ]


# --------------------------------------------------------------------------
# Range warnings: at the exact bounds, and the words of each outcome.

_RANGE = "$rewards_p is between 0 and 100"


@pytest.mark.parametrize(
    "text",
    [
        "$rewards_p < 100",
        "$rewards_p > 0",
        "$rewards_p <= 99",
        "$rewards_p == 100",
        "$rewards_p == 0",
    ],
)
def test_comparisons_inside_the_range_give_no_warning(text: str) -> None:
    assert messages(text) == []


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("$rewards_p >= 0", "is always true when known"),
        ("$rewards_p <= 100", "is always true when known"),
        ("$rewards_p != 101", "is always true when known"),
        ("$rewards_p != -1", "is always true when known"),
        ("$rewards_p < 0", "can never be true"),
        ("$rewards_p > 100", "can never be true"),
        ("$rewards_p == 101", "can never be true"),
        ("$rewards_p == -1", "can never be true"),
        ("100 < $rewards_p", "can never be true"),
        ("0 <= $rewards_p", "is always true when known"),
    ],
)
def test_range_warnings_say_which_way(text: str, outcome: str) -> None:
    assert messages(text) == [("warning", "out-of-range", f"`{text}` {outcome}: {_RANGE}")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("$answers < 0", "`$answers < 0` can never be true: $answers is at least 0"),
        ("$answers > -1", "`$answers > -1` is always true when known: $answers is at least 0"),
        ("$debt > 0", "`$debt > 0` can never be true: $debt is at most 0"),
        ("$debt <= 0", "`$debt <= 0` is always true when known: $debt is at most 0"),
        ("$fixed == 3", "`$fixed == 3` is always true when known: $fixed is between 3 and 3"),
        ("$fixed != 3", "`$fixed != 3` can never be true: $fixed is between 3 and 3"),
    ],
)
def test_range_words_for_one_sided_and_single_value_ranges(text: str, message: str) -> None:
    catalog = DEFAULT_CATALOG.extend(
        [Metric("debt", maximum=0), Metric("fixed", minimum=3, maximum=3)]
    )
    found = [(d.code, d.message) for d in check(text, catalog=catalog).diagnostics]
    assert found == [("out-of-range", message)]


@pytest.mark.parametrize("text", ["$debt > -1", "$rewards_p > 50 - 60", "-$rewards_p > 0"])
def test_no_range_warning_without_a_metric_and_a_literal_outside(text: str) -> None:
    catalog = DEFAULT_CATALOG.extend([Metric("debt", maximum=0)])
    assert check(text, catalog=catalog).diagnostics == ()


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("1 == true", "`1` is a number and `true` is a condition"),
        ("true != 0", "`true` is a condition and `0` is a number"),
    ],
)
def test_equality_of_a_number_and_a_condition_is_one_error(text: str, sides: str) -> None:
    operator = text.split()[1]
    assert messages(text) == [
        (
            "error",
            "type-mismatch",
            f"`{operator}` compares two numbers or two conditions, but {sides}",
        ),
        _CONSTANT,
    ]


def test_an_equality_type_error_stops_further_checks() -> None:
    assert messages("$rewards_p == $online") == [
        (
            "error",
            "type-mismatch",
            "`==` compares two numbers or two conditions, but `$rewards_p` is a number "
            "and `$online` is a condition",
        )
    ]


def test_arithmetic_on_a_condition_is_one_error_and_nothing_more() -> None:
    # Once an operand is reported, no division or unit warning follows.
    assert messages("$online / 0 > 1") == [
        ("error", "type-mismatch", "`/` takes numbers, but `$online` is a condition")
    ]
    assert messages("$answers / 0 > 1") == [
        ("warning", "division-by-zero", "dividing by zero always gives an unknown value")
    ]
