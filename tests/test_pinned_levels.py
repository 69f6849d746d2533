"""Levels: argument checks, the rank when no level is met, outcome copies, the fused ladder."""

from __future__ import annotations

import copy

import pytest

from agentlevels import DEFAULT_CATALOG, Level, LevelScheme, LevelSchemeError, compile


def two_levels() -> LevelScheme:
    return LevelScheme(
        [
            Level(1, "first", "First", condition="$answers > 10"),
            Level(2, "second", "Second", condition="$answers > 20"),
        ]
    )


def test_a_level_condition_must_be_text() -> None:
    with pytest.raises(TypeError) as caught:
        Level(1, "first", "First", condition=5)  # type: ignore[arg-type]
    assert str(caught.value) == "a level's condition is formula text, not 5"


def test_a_scheme_takes_levels_only() -> None:
    with pytest.raises(LevelSchemeError) as caught:
        LevelScheme([Level(1, "first", "First"), "second"])  # type: ignore[list-item]
    assert str(caught.value).startswith("expected a Level, got 'second'")
    assert caught.value.index == 1


def test_a_scheme_takes_a_catalog_only() -> None:
    with pytest.raises(TypeError) as caught:
        LevelScheme([Level(1, "first", "First")], catalog={})  # type: ignore[arg-type]
    assert str(caught.value) == "catalog must be a Catalog, not dict"


def test_a_scheme_keeps_its_catalog() -> None:
    assert LevelScheme([Level(1, "first", "First")]).catalog is DEFAULT_CATALOG


def test_no_level_met_is_rank_zero_and_no_level() -> None:
    scheme = two_levels()
    assert scheme.reached_rank({"answers": 5}) == 0
    assert scheme.reached_rank({"answers": None}) == 0
    outcome = scheme.evaluate({"answers": 5})
    assert outcome.level is None
    assert outcome.previous is None
    assert outcome.reached == ()
    assert outcome.next is scheme.levels[0]
    assert outcome.promoted is False


@pytest.mark.parametrize(("answers", "rank"), [(10, 0), (11, 1), (20, 1), (21, 2)])
def test_reached_rank_at_each_boundary(answers: int, rank: int) -> None:
    scheme = two_levels()
    assert scheme.reached_rank({"answers": answers}) == rank
    assert scheme.reached_rank({"answers": answers}, current=1) == max(rank, 1)
    assert scheme.reached_rank({"answers": answers}, current="second") == 2


def test_a_scheme_whose_conditions_read_no_variable() -> None:
    scheme = LevelScheme(
        [
            Level(1, "first", "First"),
            Level(2, "second", "Second", condition="true"),
            Level(3, "third", "Third", condition="false"),
        ]
    )
    assert scheme.reached_rank({}) == 2
    assert scheme.reached_rank({}, current=3) == 3
    assert scheme.evaluate({}).level is scheme.levels[1]


def test_outcomes_copy_as_themselves() -> None:
    outcome = two_levels().evaluate({"answers": 25})
    assert copy.deepcopy(outcome) is outcome
    assert copy.copy(outcome) is outcome
    assert copy.deepcopy({"outcome": outcome})["outcome"] is outcome


def _deep_condition(levels: int) -> str:
    """A condition nested ``levels`` deep in `&&` and `||`, without arithmetic."""
    text = "$answers > 0"
    for index in range(levels):
        operator = "&&" if index % 2 else "||"
        text = f"($chats > {index} {operator} {text})"
    return text


@pytest.mark.parametrize("depth", [10, 30, 60])
def test_a_condition_deeper_than_the_spill_depth_in_the_ladder(depth: int) -> None:
    condition = _deep_condition(depth)
    scheme = LevelScheme(
        [
            Level(1, "first", "First"),
            Level(2, "second", "Second", condition=condition),
            Level(3, "third", "Third", condition="$answers > 100"),
        ]
    )
    formula = compile(condition)
    for answers in (0, 1, 101):
        for chats in (0, 1, 5, 40, 100, None):
            snapshot = {"answers": answers, "chats": chats}
            expected = 3 if answers > 100 else 2 if formula(snapshot) else 1
            assert scheme.reached_rank(snapshot) == expected, snapshot
