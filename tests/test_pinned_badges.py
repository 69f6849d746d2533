"""Random badges: an eligibility flag of the wrong type raises, on a hit and on a miss."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import pytest

from agentlevels import Award, Badge, InvalidMetricError, MissingMetricError, RandomRule, award


def lucky(probability: float) -> Badge:
    return Badge("lucky", "Lucky", window="7d", rule=RandomRule(probability, eligible="$online"))


@pytest.mark.parametrize("probability", [0, 1])
@pytest.mark.parametrize(
    ("flag", "shown"), [(1, "1 (int)"), ("yes", "'yes' (str)"), (0.0, "0.0 (float)")]
)
def test_an_eligibility_flag_of_the_wrong_type_raises(
    probability: float, flag: object, shown: str
) -> None:
    team: dict[str, Mapping[str, Any]] = {"a": {"online": True}, "b": {"online": flag}}
    with pytest.raises(InvalidMetricError) as caught:
        award([lucky(probability)], {"7d": team}, rng=random.Random(1))
    assert str(caught.value) == (
        f"metric 'online' must be true or false (bool), or None for unknown, not {shown}"
    )
    assert caught.value.__notes__ == ["while awarding badge 'lucky', window '7d', agent 'b'"]


def test_a_missing_eligibility_flag_raises() -> None:
    with pytest.raises(MissingMetricError) as caught:
        award([lucky(1)], {"7d": {"a": {}}}, rng=random.Random(1))
    assert str(caught.value) == "snapshot lacks metric 'online' (use None for unknown)"
    assert caught.value.__notes__ == ["while awarding badge 'lucky', window '7d', agent 'a'"]


def test_only_a_true_flag_is_eligible() -> None:
    badge = lucky(1)
    team: dict[str, Mapping[str, Any]] = {
        "a": {"online": None},
        "b": {"online": False},
        "c": {"online": True},
    }
    assert award([badge], {"7d": team}, rng=random.Random(3)) == [Award(badge, ("c",), None, "7d")]
    assert award([badge], {"7d": {"a": {"online": None}}}, rng=random.Random(3)) == []
