"""Behaviour the seed-17 mutation run (issue 16, on the localised code) found unpinned.

One test per survivor, each asserting the exact value or message the
one-token change alters.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from agentlevels import Level, LevelScheme, Unit, check, compile
from agentlevels.routing import RoutingError, RoutingPolicy


# runtime._number: a whole Decimal is read as an int, any other as a float, never cut.
@pytest.mark.parametrize(
    ("value", "read"),
    [(Decimal("2"), 2), (Decimal("2.000"), 2), (Decimal("1.5"), 1.5), (Decimal("-7.25"), -7.25)],
)
def test_a_decimal_is_read_exactly(value: Decimal, read: float) -> None:
    found = compile("$answers", kind="number").evaluate({"answers": value})
    assert (found, type(found)) == (read, type(read))


# ladder._is_true: in the three-valued ladder (a value unknown), a boolean metric
# met by `||` counts only when it is True.
def test_the_exact_ladder_reads_a_true_boolean_as_met() -> None:
    scheme = LevelScheme(
        [
            Level(1, "first", "First", condition="$answers > 5"),
            Level(2, "second", "Second", condition="$online || $answers > 10"),
        ]
    )
    assert scheme.reached_rank({"answers": None, "online": True}) == 2
    assert scheme.reached_rank({"answers": None, "online": False}) == 0
    assert scheme.reached_rank({"answers": None, "online": None}) == 0


# policy._to_tiers: text or a non-list is refused as a whole, not read letter by letter.
@pytest.mark.parametrize(
    ("priority", "message"),
    [
        ("chat", "channel_priority must be a list of channels, not 'chat'"),
        (5, "channel_priority must be a list of channels, not 5"),
    ],
)
def test_channel_priority_must_be_a_list(priority: object, message: str) -> None:
    with pytest.raises(RoutingError) as caught:
        RoutingPolicy(channel_priority=priority)  # type: ignore[arg-type]
    assert str(caught.value) == message


# ladder._truth: in the three-valued ladder, a comparison of two conditions is not
# decided by reading an unknown condition as false.
def test_the_exact_ladder_keeps_unknown_in_a_comparison_of_conditions() -> None:
    scheme = LevelScheme(
        [
            Level(1, "first", "First", condition="($online || $online) == false"),
            Level(2, "second", "Second", condition="$answers > 5"),
        ]
    )
    assert scheme.reached_rank({"online": None, "answers": None}) == 0
    assert scheme.reached_rank({"online": False, "answers": None}) == 1
    assert scheme.reached_rank({"online": True, "answers": None}) == 0
    assert scheme.reached_rank({"online": None, "answers": 9}) == 2


# units.Unit.parse: `1` and an empty numerator are the pure number, not a base unit.
@pytest.mark.parametrize(
    ("text", "symbol"),
    [("1", "1"), ("1/hours", "1/hours"), ("/hours", "1/hours"), ("count*1", "count")],
)
def test_a_unit_of_one_is_the_pure_number(text: str, symbol: str) -> None:
    assert Unit.parse(text).symbol == symbol


# names.closest_metrics: a metric whose name is exactly 0.6 alike is still suggested.
@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("$\u0447\u0430\u0437\u0437", "did you mean `$chats`?"),  # чазз -> chazz
        ("$\u0447\u0430\u0442\u0441", "did you mean `$chats`, `$chats_ph` or `$calls`?"),
    ],
)
def test_a_foreign_name_suggests_metrics_alike_at_the_bound(name: str, hint: str) -> None:
    (found,) = check(name + " > 1").diagnostics
    assert (found.code, found.hint) == ("non-latin-name", hint)
