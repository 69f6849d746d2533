"""Progress toward a condition: bounds, 1.0 exactly when met, monotone, what is missing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlevels import MissingMetricError, Shortfall, compile, nodes, presets, progress
from agentlevels._explain.progress import ALMOST_ONE, MEASURES

CONDITIONS = [formula.canonical for formula in presets.levels().formulas] + [
    "($answers + $chats) / $worktime >= 12 && $rewards_p > 80",
    "$answers > 10 && $online && !($calls < 4)",
    "$answers >= $chats || $missed_chats <= 2",
    "$nps >= 20 && $rating >= 4.5",
]
VARIABLES = sorted({name for text in CONDITIONS for name in compile(text).variables})
# Metrics every condition above rewards (more is never worse).
REWARDED = ["answers", "rewards", "rewards_p", "calls", "nps", "rating"]


def numbers(low: float = 0, high: float = 100_000) -> st.SearchStrategy[Any]:
    return st.none() | st.integers(int(low), int(high)) | st.floats(low, high)


SNAPSHOTS = st.fixed_dictionaries(
    {
        name: (
            st.none() | st.booleans()
            if name == "online"
            else numbers(-100, 100)
            if name == "nps"
            else numbers(1, 5)
            if name == "rating"
            else numbers(0, 100)
            if name.endswith("_p")
            else numbers()
        )
        for name in VARIABLES
    }
)


def test_the_issue_example() -> None:
    found = progress("$answers >= 500 || $chats >= 500", {"answers": 320, "chats": 10})
    assert found.ratio == pytest.approx(0.64)
    assert not found.met
    assert found.remaining_text() == "180 more answers or 490 more chats"
    assert found.remaining_text("ru") == "ещё 180 ответов или ещё 490 чатов"
    assert found.shortfalls == (
        Shortfall("answers", 180, "more", "$answers >= 500", 320),
        Shortfall("chats", 490, "more", "$chats >= 500", 10),
    )


def test_met_is_exactly_one() -> None:
    found = progress("$answers >= 500", {"answers": 500})
    assert (found.ratio, found.met, found.remaining, found.remaining_text()) == (
        1.0,
        True,
        None,
        "",
    )
    almost = progress("$answers > 500", {"answers": 500})
    assert almost.ratio == ALMOST_ONE
    assert not almost.met
    assert almost.remaining_text() == "1 more answer"


def test_and_takes_the_mean_and_lists_only_what_is_missing() -> None:
    text = "($answers >= 1000 || $chats >= 1000) && $rewards >= 10"
    found = progress(text, {"answers": 500, "chats": 0, "rewards": 10})
    assert found.ratio == pytest.approx(0.75)
    assert found.remaining_text() == "500 more answers or 1,000 more chats"


def test_quality_gate_in_words() -> None:
    text = presets.levels().formula("white_mage")
    snapshot = {"answers": 12000, "chats": 0, "rewards": 300, "punishments_p": 8.5}
    found = progress(text, snapshot)
    assert found.remaining_text() == "lower the share of negative ratings by 3.5 percentage points"
    assert found.remaining_text("ru") == (
        "снизьте долю отрицательных оценок на 3,5 процентных пункта"
    )
    unknown = progress(text, {**snapshot, "punishments_p": None})
    assert unknown.remaining_text().endswith("(not measured yet)")


def test_arithmetic_and_flags() -> None:
    found = progress(
        "($answers + $chats) / $worktime >= 12", {"answers": 30, "chats": 10, "worktime": 4}
    )
    assert found.ratio == pytest.approx(10 / 12)
    assert (
        found.remaining_text()
        == "make sure ($answers + $chats) / $worktime is at least 12 (2 to go)"
    )
    flags = progress("$answers > 10 && $online", {"answers": 11, "online": False})
    assert flags.ratio == 0.5
    assert flags.remaining_text() == "be online"


def test_snapshot_errors_are_the_usual_ones() -> None:
    with pytest.raises(MissingMetricError):
        progress("$answers >= 5", {})
    with pytest.raises(ValueError, match="boolean"):
        progress(compile("$answers", kind="number"), {"answers": 1})


@given(SNAPSHOTS)
def test_bounds_and_met(snapshot: dict[str, Any]) -> None:
    for text in CONDITIONS:
        formula = compile(text)
        found = progress(formula, snapshot)
        assert 0.0 <= found.ratio <= 1.0
        assert (found.ratio == 1.0) == formula(snapshot) == found.met
        assert (found.remaining is None) == found.met
        assert isinstance(found.remaining_text("ru"), str)


@given(SNAPSHOTS, st.sampled_from(REWARDED), st.integers(1, 50_000))
def test_monotone_in_rewarded_metrics(snapshot: dict[str, Any], name: str, more: int) -> None:
    value = snapshot[name]
    if value is None:
        return
    grown = dict(snapshot)
    limit = {"rewards_p": 100, "nps": 100, "rating": 5}.get(name)
    grown[name] = value + more if limit is None else min(value + more, limit)
    for text in CONDITIONS:
        formula = compile(text)
        assert progress(formula, grown).ratio >= progress(formula, snapshot).ratio


def test_progress_has_a_measure_for_every_node_class() -> None:
    assert set(MEASURES) == set(nodes.CLASSES)
