"""Behaviour the full mutation run (issue 16) found unpinned, one test per survivor.

Each test asserts the exact value or message a one-token change would alter.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest

from agentlevels import (
    Award,
    Badge,
    ComparativeRule,
    InvalidMetricError,
    Level,
    LevelScheme,
    RandomRule,
    SchemeFileError,
    award,
    check,
    compile,
)
from agentlevels._badges.files import badges_from_dict
from agentlevels.routing import (
    ALERT_CATALOG,
    Alert,
    Conversation,
    RoutingError,
    RoutingPolicy,
    route,
)


def hints(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.code, d.message, d.hint) for d in check(text).diagnostics]


# syntax_errors._same_level: the walk to the end of the right operand stops at the
# enclosing parenthesis and steps over parentheses of its own.
@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("($answers < 1 < 2) && $online", "write `$answers < 1 && 1 < 2`"),
        ("$answers < 1 < (2 + 3)", "write `$answers < 1 && 1 < (2 + 3)`"),
        ("(1 + $answers) < 1 < 2", "write `(1 + $answers) < 1 && 1 < 2`"),
        ("$online && (($answers < 1 < 2))", "write `$answers < 1 && 1 < 2`"),
        ("$answers < 1 < (2 + 3) && $online", "write `$answers < 1 && 1 < (2 + 3)`"),
        ("$online && (1 + $answers) < 1 < 2", "write `(1 + $answers) < 1 && 1 < 2`"),
        ("$answers < 1 < -2 && $online", "write `$answers < 1 && 1 < - 2`"),
        ("(1 + ($answers)) < 1 < 2", "write `(1 + ($answers)) < 1 && 1 < 2`"),
        # With an operand missing, the hint cannot quote the chain.
        ("($answers < 1 <)", "compare twice and join with `&&`"),
        ("$answers < 1 < && $online", "compare twice and join with `&&`"),
    ],
)
def test_a_chained_comparison_hint_quotes_whole_operands(text: str, hint: str) -> None:
    assert hints(text) == [("chained-comparison", "comparisons cannot be chained", hint)]


# routing.policy._to_tiers: an empty channel name on its own is refused, not a tier.
@pytest.mark.parametrize(
    ("priority", "message"),
    [
        ([""], "a channel priority entry is a channel or a list of them: ''"),
        (["chat", ""], "a channel priority entry is a channel or a list of them: ''"),
        ([[]], "a channel priority entry is a channel or a list of them: []"),
        ([["", "chat"]], "a name must be a non-empty string, not ''"),
    ],
)
def test_a_channel_priority_entry_names_channels(priority: list[object], message: str) -> None:
    with pytest.raises(RoutingError) as caught:
        RoutingPolicy(channel_priority=priority)  # type: ignore[arg-type]
    assert str(caught.value) == message


# runtime._number: a Decimal exactly at the float range's bound is inside it. Under the
# default context abs() rounds it to 28 digits, below the bound; a caller's context
# precise enough keeps it exact.
def test_a_decimal_at_the_bound_of_float_range_is_read_exactly() -> None:
    amount = compile("$answers", kind="number")
    bound = Decimal(sys.float_info.max)
    with localcontext(prec=400):
        assert amount.evaluate({"answers": bound}) == int(sys.float_info.max)
        assert amount.evaluate({"answers": bound.copy_negate()}) == -int(sys.float_info.max)
        with pytest.raises(InvalidMetricError) as caught:
            amount.evaluate({"answers": bound + 1})
    assert str(caught.value) == (
        "metric 'answers' must be a number within float range (about \u00b11.8e308), "
        "not Decimal('179769313486231570814527423731704356798070567525... (Decimal)"
    )


# scanner._Depth.open: a closed parenthesis gives back exactly the level it took, so a
# group before a nest of 101 parentheses does not hide that nest's depth.
def test_a_closed_group_does_not_lower_the_depth_of_what_follows() -> None:
    text = "($online) && " + "(" * 101 + "$online" + ")" * 101
    found = [(d.code, d.message, d.start, d.end) for d in check(text).diagnostics]
    assert found == [
        (
            "too-deep",
            "the formula nests deeper than 100 levels of parentheses and prefix operators",
            113,
            114,
        )
    ]


# runtime.check_snapshot: a scheme held at its top level reads no condition, yet a
# boolean metric holding text is refused (conditions with arithmetic take this path).
def test_a_scheme_held_at_the_top_still_refuses_a_bad_boolean() -> None:
    scheme = LevelScheme(
        [
            Level(1, "first", "First", condition="$answers / 2 > 10"),
            Level(2, "second", "Second", condition="$answers / 2 > 20 && $online"),
        ]
    )
    assert scheme.reached_rank({"answers": 50, "online": True}, current=2) == 2
    with pytest.raises(InvalidMetricError) as caught:
        scheme.reached_rank({"answers": 50, "online": "yes"}, current=2)
    assert str(caught.value) == (
        "metric 'online' must be true or false (bool), or None for unknown, not 'yes' (str)"
    )
    with pytest.raises(InvalidMetricError) as caught:
        scheme.reached_rank({"answers": 50, "online": 1}, current=2)
    assert str(caught.value) == (
        "metric 'online' must be true or false (bool), or None for unknown, not 1 (int)"
    )
    with pytest.raises(InvalidMetricError) as caught:
        scheme.reached_rank({"answers": float("inf"), "online": True}, current=2)
    assert str(caught.value) == (
        "metric 'answers' must be a finite number (not NaN or infinity), not inf (float)"
    )


# scanner._shortened: a number is quoted whole up to 40 characters, shortened beyond.
@pytest.mark.parametrize(
    ("digits", "quoted"),
    [
        ("1234567890" * 4, "1234567890" * 4),
        ("1234567890" * 4 + "1", "12345678901234567890\u2026012345678901"),
    ],
)
def test_a_long_number_is_quoted_whole_up_to_forty_characters(digits: str, quoted: str) -> None:
    (found,) = check("$answers > " + digits).diagnostics
    assert found.message == (
        f"`{quoted}` has {len(digits)} significant digits; at most 15 are allowed"
    )


# ranges: `<=` and `>=` at the range's own bound can be true, so no warning.
@pytest.mark.parametrize(
    "text", ["$rewards_p <= 0", "$rewards_p >= 100", "0 >= $rewards_p", "100 <= $rewards_p"]
)
def test_a_comparison_at_the_bound_itself_can_be_true(text: str) -> None:
    assert check(text).diagnostics == ()


# runtime._validate: a converted number exactly at the float bound is inside the range.
def test_a_fraction_at_the_float_bound_is_read_exactly() -> None:
    amount = compile("$answers", kind="number")
    bound = int(sys.float_info.max)
    assert amount.evaluate({"answers": Fraction(bound)}) == bound
    assert amount.evaluate({"answers": Fraction(-bound)}) == -bound
    with pytest.raises(InvalidMetricError) as caught:
        amount.evaluate({"answers": Fraction(bound + 1)})
    assert str(caught.value).startswith(
        "metric 'answers' must be a number within float range (about \u00b11.8e308), not "
    )


# awards._award_random: eligibility that is not a bare flag is always the formula's,
# whatever else the snapshot holds.
def test_random_eligibility_by_a_formula_never_reads_a_flag() -> None:
    badge = Badge("lucky", "Lucky", window="7d", rule=RandomRule(1, eligible="$answers > 5"))
    team: dict[str, dict[object, object]] = {"a": {"answers": 1, None: True}, "b": {"answers": 9}}
    assert award([badge], {"7d": team}, rng=random.Random(1)) == [  # type: ignore[dict-item]
        Award(badge, ("b",), None, "7d")
    ]


# checker._quote: an operand is quoted whole up to 40 characters, cut to 37 and "..." beyond.
@pytest.mark.parametrize(
    ("operand", "quoted"),
    [
        ("$answers + $chats + $answers + 111111111", "$answers + $chats + $answers + 111111111"),
        ("$answers + $chats + $answers + 1111111111", "$answers + $chats + $answers + 111111..."),
    ],
)
def test_an_operand_is_quoted_whole_up_to_forty_characters(operand: str, quoted: str) -> None:
    (found,) = check("true == " + operand).diagnostics
    assert found.message == (
        "`==` compares two numbers or two conditions, "
        f"but `true` is a condition and `{quoted}` is a number"
    )


# awards._team: an agent id of a str subclass is an agent id.
class _AgentId(str):
    pass


def test_an_agent_id_may_be_a_str_subclass() -> None:
    badge = Badge("lucky", "Lucky", window="7d", rule=RandomRule(1, eligible="$online"))
    team: dict[str, dict[str, object]] = {_AgentId("ann"): {"online": True}}
    assert award([badge], {"7d": team}, rng=random.Random(1)) == [
        Award(badge, ("ann",), None, "7d")
    ]


# syntax_errors._clauses: a clause ends at a top-level `&&` or `||` after a parenthesised
# group too, so each clause's mistake is listed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "($answers > ) || ($chats > ) || $answers <",
            [
                ("unexpected-token", "`)` cannot follow `>`", 12, 13),
                ("unexpected-token", "`)` cannot follow `>`", 27, 28),
                (
                    "unexpected-end",
                    "the formula ends too early: `<` needs something after it",
                    41,
                    42,
                ),
            ],
        ),
        (
            "($answers) > 1 && > 2 || $chats >",
            [
                ("unexpected-token", "`>` cannot follow `&&`", 18, 19),
                (
                    "unexpected-end",
                    "the formula ends too early: `>` needs something after it",
                    32,
                    33,
                ),
            ],
        ),
    ],
)
def test_each_clause_after_a_group_has_its_mistake_listed(
    text: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert [(d.code, d.message, d.start, d.end) for d in check(text).diagnostics] == expected


# parser._too_long: the caret is on the first character past the limit, spaces skipped.
def test_the_too_long_caret_counts_only_characters_that_are_not_spaces() -> None:
    text = "$chats > 1 && " * 1100 + "$online"
    first_past = [i for i, char in enumerate(text) if char not in " \t\r\n"][10_000]
    (found,) = check(text).diagnostics
    assert (found.code, found.message, found.start, found.end) == (
        "too-long",
        "the formula is 11,007 characters long, not counting spaces; at most 10,000 are allowed",
        first_past,
        len(text),
    )


# scanner._not_a_number: only an `e` or `E` followed by digits is an exponent.
@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "$answers > 1e5",
            "`1e5` uses an exponent, which formulas do not support",
            "write the number out in full",
        ),
        (
            "$answers > 1x5",
            "`1x5` is not a number",
            "numbers are digits with an optional decimal part, as in `500` or `12.5`",
        ),
        (
            "$answers > 1e",
            "`1e` is not a number",
            "numbers are digits with an optional decimal part, as in `500` or `12.5`",
        ),
    ],
)
def test_only_e_and_digits_make_an_exponent(text: str, message: str, hint: str) -> None:
    assert hints(text) == [("invalid-number", message, hint)]


# policy._alert_condition: a boolean Formula is an alert condition, a number one is not.
def test_an_alert_takes_a_boolean_formula_and_refuses_a_number_one() -> None:
    condition = compile("$queue_length > 3", catalog=ALERT_CATALOG)
    assert Alert("long", condition).condition is condition
    amount = compile("$queue_length + 1", catalog=ALERT_CATALOG, kind="number")
    with pytest.raises(RoutingError) as caught:
        Alert("long", amount)
    assert str(caught.value) == (
        "an alert's condition is formula text or a boolean Formula, "
        "not <Formula number '$queue_length + 1'>"
    )


# runtime.check_snapshot: with no number metric read (constant arithmetic still takes
# the checked path), a boolean metric holding a number is refused too.
def test_a_scheme_reading_only_a_flag_refuses_a_number_in_it() -> None:
    scheme = LevelScheme([Level(1, "first", "First", condition="$online && 1 / 2 > 0")])
    assert scheme.reached_rank({"online": True}) == 1
    with pytest.raises(InvalidMetricError) as caught:
        scheme.reached_rank({"online": 1}, current=1)
    assert str(caught.value) == (
        "metric 'online' must be true or false (bool), or None for unknown, not 1 (int)"
    )


# outlook.alert_metrics: the longest wait starts at 0, so half a second is the longest.
def test_the_longest_wait_may_be_under_a_second() -> None:
    policy = RoutingPolicy(alerts=(Alert("every", "true"),))
    decision = route(policy, [], [Conversation("c1", "website", "site", arrived_at=9.5)], now=10)
    longest = {(a.scope, a.subject): a.metrics["longest_wait_seconds"] for a in decision.alerts}
    assert longest[("group", "*")] == 0.5
    assert longest[("channel", "website")] == 0.5
    assert longest[("channel", "email")] == 0


# awards._award_comparative: a metric that is not a bare variable is always computed by
# its formula, whatever else the snapshot holds.
def test_a_comparative_metric_formula_never_reads_a_stray_key() -> None:
    badge = Badge("top", "Top", window="7d", rule=ComparativeRule("$answers * 2"))
    team: dict[str, dict[object, object]] = {
        "a": {"answers": 1, None: 99},
        "b": {"answers": 2},
    }
    assert award([badge], {"7d": team}) == [  # type: ignore[dict-item]
        Award(badge, ("b",), 4, "7d")
    ]


# scanner.structure: the prefix operators before an operand stop counting at the operand,
# so a `(` right after it is one level deep, not 101.
@pytest.mark.parametrize(
    ("text", "message", "start"),
    [
        ("-" * 100 + "$answers (1) > 0", "`(` cannot follow `$answers` directly", 109),
        ("!" * 100 + "$online (true)", "`(` cannot follow `$online` directly", 108),
    ],
)
def test_prefixes_end_at_their_operand(text: str, message: str, start: int) -> None:
    found = [(d.code, d.message, d.start, d.end) for d in check(text).diagnostics]
    assert found == [("unexpected-token", message, start, start + 1)]


# rules._random: a badge file's probability may be 0 or 1 exactly, and nothing outside.
def test_a_badge_file_takes_probabilities_zero_and_one() -> None:
    def rule(probability: object) -> dict[str, object]:
        return {"key": "b", "name": "B", "rule": {"type": "random", "probability": probability}}

    for probability in (0, 1):
        (badge,) = badges_from_dict({"badges": [rule(probability)]})
        assert badge.rule.probability == probability  # type: ignore[union-attr]
    with pytest.raises(SchemeFileError) as caught:
        badges_from_dict({"badges": [rule(1.5)]})
    assert str(caught.value).endswith("probability is a number from 0 to 1, not 1.5")


# parser._too_long: the caret at the text limit is placed on its own line when a line
# break comes right before it.
def test_the_text_limit_caret_after_a_line_break() -> None:
    text = "$online" + " " * 19_992 + "\n" + " " * 5 + "&& $online"
    assert text[19_999] == "\n"
    (found,) = check(text).diagnostics
    assert (found.code, found.start, found.end, found.line, found.column) == (
        "too-long",
        20_000,
        20_015,
        2,
        1,
    )
