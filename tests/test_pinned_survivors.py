"""Behaviour the full mutation run (issue 16) found unpinned, one test per survivor.

Each test asserts the exact value or message a one-token change would alter.
"""

from __future__ import annotations

import pytest

from agentlevels import check
from agentlevels.routing import RoutingError, RoutingPolicy


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
