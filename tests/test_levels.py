"""Levels: the presets, permanent promotion, jumps, the top, messages and lint."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agentlevels
from agentlevels import (
    Diagnostic,
    Level,
    LevelScheme,
    LevelSchemeError,
    MissingMetricError,
    UnknownLevelError,
    format_node,
    nodes,
    presets,
)
from tests.strategies import BOOLEAN_METRICS, CATALOG, NUMBER_METRICS

SCHEME = presets.levels()

# (rank, key, English, Russian, answers/chats threshold, rewards, punishments_p ceiling)
PRESETS: list[tuple[int, str, str, str, int, int, int | None]] = [
    (1, "novice", "Novice", "Новичок", 0, 0, None),
    (2, "apprentice", "Apprentice", "Ученик", 10, 0, None),
    (3, "trainee", "Trainee", "Стажёр", 50, 0, None),
    (4, "beginner", "Beginner", "Начинающий", 100, 0, None),
    (5, "amateur", "Amateur", "Любитель", 250, 0, None),
    (6, "professional", "Professional", "Профессионал", 500, 0, None),
    (7, "master", "Master", "Мастер", 1000, 10, None),
    (8, "wizard", "Wizard", "Волшебник", 2500, 25, None),
    (9, "mage", "Mage", "Маг", 5000, 50, None),
    (10, "white_mage", "White Mage", "Белый маг", 10000, 100, 5),
    (11, "ruler", "Ruler", "Правитель", 25000, 250, 5),
    (12, "emperor", "Emperor", "Император", 50000, 500, 3),
]


def snap(
    answers: int = 0, chats: int = 0, rewards: int = 0, punishments_p: float | None = 0.0
) -> dict[str, Any]:
    return {
        "answers": answers,
        "chats": chats,
        "rewards": rewards,
        "punishments_p": punishments_p,
    }


def rank_of(snapshot: dict[str, Any], current: int | None = None) -> int:
    outcome = SCHEME.evaluate(snapshot, current=current)
    assert outcome.level is not None
    return outcome.level.rank


def test_presets_data() -> None:
    assert len(SCHEME) == 12
    assert [level.rank for level in SCHEME] == list(range(1, 13))
    assert len({level.key for level in SCHEME}) == 12
    for level, (rank, key, en, ru, *_) in zip(SCHEME, PRESETS, strict=True):
        assert (level.rank, level.key, level.name_in("en"), level.name_in("ru")) == (
            rank,
            key,
            en,
            ru,
        )
        assert level.description_in("en")
        assert level.description_in("ru")
        assert level.name_in("lv") == en  # falls back to English
    assert SCHEME.formula(1).canonical == "true"
    assert SCHEME.formula("professional").canonical == "$answers >= 500 || $chats >= 500"
    assert presets.levels() is SCHEME


@pytest.mark.parametrize(("rank", "key", "en", "ru", "volume", "rewards", "ceiling"), PRESETS[1:])
def test_each_preset_threshold_met_and_just_missed(
    rank: int, key: str, en: str, ru: str, volume: int, rewards: int, ceiling: int | None
) -> None:
    good = ceiling if ceiling is not None else 0
    assert rank_of(snap(answers=volume, rewards=rewards, punishments_p=good)) == rank
    assert rank_of(snap(chats=volume, rewards=rewards, punishments_p=good)) == rank
    assert rank_of(snap(answers=volume - 1, rewards=rewards, punishments_p=good)) == rank - 1
    if rewards:
        assert rank_of(snap(answers=volume, rewards=rewards - 1, punishments_p=good)) < rank
    if ceiling is not None:
        bad = ceiling + 0.01
        assert rank_of(snap(answers=volume, rewards=rewards, punishments_p=bad)) < rank
        assert rank_of(snap(answers=volume, rewards=rewards, punishments_p=None)) < rank


def test_everyone_starts_at_novice() -> None:
    outcome = SCHEME.evaluate(snap())
    assert outcome.level is not None
    assert outcome.level.key == "novice"
    assert outcome.previous is None
    assert outcome.promoted
    assert [level.key for level in outcome.reached] == ["novice"]


def test_a_metric_drop_never_demotes() -> None:
    outcome = SCHEME.evaluate(snap(answers=20), current="professional")
    assert outcome.level is not None
    assert outcome.level.key == "professional"
    assert not outcome.promoted
    assert outcome.reached == ()
    assert outcome.previous == outcome.level


@given(
    held=st.integers(1, 12),
    answers=st.integers(0, 100_000),
    chats=st.integers(0, 100_000),
    rewards=st.integers(0, 1000),
    punishments_p=st.none() | st.floats(0, 100),
)
def test_permanence_property(
    held: int, answers: int, chats: int, rewards: int, punishments_p: float | None
) -> None:
    snapshot = snap(answers, chats, rewards, punishments_p)
    fresh = rank_of(snapshot)
    assert rank_of(snapshot, held) == max(fresh, held)


def test_jump_lists_every_level_passed() -> None:
    outcome = SCHEME.evaluate(snap(answers=640), current=3)
    assert outcome.level is not None
    assert outcome.level.rank == 6
    assert [level.rank for level in outcome.reached] == [4, 5, 6]
    assert outcome.promoted
    assert outcome.previous is not None
    assert outcome.previous.key == "trainee"
    assert outcome.next is not None
    assert outcome.next.key == "master"


def test_current_as_rank_key_or_level() -> None:
    level = SCHEME.level("beginner")
    for current in (4, "beginner", level):
        outcome = SCHEME.evaluate(snap(answers=5), current=current)
        assert outcome.level == level


@pytest.mark.parametrize("current", [-1, 13, "nobody", True, False, 2.0, 0.0])
def test_unknown_current_level(current: Any) -> None:
    with pytest.raises(UnknownLevelError):
        SCHEME.evaluate(snap(), current=current)
    with pytest.raises(UnknownLevelError):
        SCHEME.reached_rank(snap(), current=current)


def test_rank_0_held_means_no_level_held_as_in_sql() -> None:
    for snapshot in (snap(), snap(answers=5), snap(answers=60000, rewards=600, punishments_p=1.5)):
        assert SCHEME.reached_rank(snapshot, current=0) == SCHEME.reached_rank(snapshot)
        assert SCHEME.evaluate(snapshot, current=0) == SCHEME.evaluate(snapshot, current=None)


def test_top_level() -> None:
    outcome = SCHEME.evaluate(snap(answers=60000, rewards=600, punishments_p=1.5), current=11)
    assert outcome.level is not None
    assert outcome.level.key == "emperor"
    assert outcome.next is None
    assert outcome.progress is None
    assert [level.key for level in outcome.reached] == ["emperor"]
    held = SCHEME.evaluate(snap(), current="emperor")
    assert held.level is not None
    assert held.level.key == "emperor"
    assert not held.promoted


def test_progress_toward_next() -> None:
    outcome = SCHEME.evaluate(snap(answers=320, chats=10))
    assert outcome.next is not None
    assert outcome.next.key == "professional"
    assert outcome.progress is not None
    assert outcome.progress.ratio == pytest.approx(0.64)
    assert outcome.progress.remaining_text() == "180 more answers or 490 more chats"
    assert outcome.progress is outcome.progress  # computed once


def test_unknown_values_fall_back_to_exact_semantics() -> None:
    # An unknown share blocks the gated levels but not the volume ones.
    assert rank_of(snap(answers=60000, rewards=600, punishments_p=None)) == 9
    with pytest.raises(MissingMetricError):
        SCHEME.evaluate({"answers": 5})
    with pytest.raises(agentlevels.InvalidMetricError):
        SCHEME.evaluate(snap(answers="many"))  # type: ignore[arg-type]


def test_snapshot_is_not_mutated() -> None:
    snapshot = snap(answers=700)
    before = dict(snapshot)
    outcome = SCHEME.evaluate(snapshot, current=2)
    _ = outcome.progress, outcome.message("ru")
    assert snapshot == before


def test_message_in_words() -> None:
    outcome = SCHEME.evaluate(snap(answers=510))
    assert outcome.message().endswith("To reach this level, answer 500 tickets or 500 chats.")
    assert outcome.message("ru").endswith(
        "Чтобы достичь этого уровня, ответьте на 500 тикетов или 500 чатов."
    )
    assert outcome.message().startswith("You are a professional now")
    novice = SCHEME.evaluate(snap())
    assert novice.message().endswith("Everyone starts at this level.")


def test_outcome_value_semantics() -> None:
    a = SCHEME.evaluate(snap(answers=640), current=3)
    b = SCHEME.evaluate(snap(chats=700), current="trainee")
    assert a == b
    assert hash(a) == hash(b)
    assert a != SCHEME.evaluate(snap(answers=640))
    assert "professional" in repr(a)
    again = pickle.loads(pickle.dumps(a))
    assert again == a
    with pytest.raises(TypeError):
        agentlevels.LevelOutcome()


def test_scheme_value_semantics() -> None:
    assert pickle.loads(pickle.dumps(SCHEME)) == SCHEME
    assert hash(LevelScheme(SCHEME.levels)) == hash(SCHEME)
    with pytest.raises(AttributeError):
        SCHEME.levels = ()


def _level(rank: int, key: str, condition: str) -> Level:
    return Level(rank, key, key.title(), condition=condition)


def test_levels_in_any_order() -> None:
    scheme = LevelScheme([_level(2, "b", "$answers >= 5"), _level(1, "a", "true")])
    assert [level.key for level in scheme] == ["a", "b"]


@pytest.mark.parametrize(
    ("levels", "field", "words"),
    [
        ([], None, "at least one level"),
        ([_level(1, "a", "true"), _level(3, "c", "true")], "rank", "without gaps"),
        ([_level(1, "a", "true"), _level(1, "b", "true")], "rank", "listed twice"),
        ([_level(1, "a", "true"), _level(2, "a", "$chats > 1")], "key", "already used"),
        ([_level(1, "a", "true"), _level(2, "b", "$answer >= 5")], "condition", "not a valid"),
        ([_level(1, "a", "true"), _level(2, "b", "$answers + 1")], "condition", "not a valid"),
    ],
)
def test_invalid_schemes(levels: list[Level], field: str | None, words: str) -> None:
    with pytest.raises(LevelSchemeError) as caught:
        LevelScheme(levels)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_condition_error_points_into_the_formula() -> None:
    with pytest.raises(LevelSchemeError) as caught:
        LevelScheme([_level(1, "a", "true"), _level(2, "b", "$answers >= 5 && $chat > 1")])
    error = caught.value
    assert (error.rank, error.key, error.index) == (2, "b", 1)
    assert error.diagnostics[0].code == "unknown-variable"
    assert "level 2 (b), condition" in str(error)
    assert "^" in str(error)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rank": 0, "key": "a", "name": "A"},
        {"rank": True, "key": "a", "name": "A"},
        {"rank": 1, "key": "Bad Key", "name": "A"},
        {"rank": 1, "key": "a", "name": {"ru": "А"}},
    ],
)
def test_invalid_level(kwargs: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)):
        Level(**kwargs)


def test_custom_catalog_and_arithmetic_conditions() -> None:
    catalog = agentlevels.DEFAULT_CATALOG.extend([agentlevels.Metric("demos", unit="count")])
    scheme = LevelScheme(
        [
            _level(1, "a", "true"),
            _level(2, "b", "($answers + $chats) / $worktime >= 2"),
            _level(3, "c", "$demos >= 3 && ($answers + $chats) / $worktime >= 2"),
        ],
        catalog=catalog,
    )
    base = {"answers": 10, "chats": 10, "worktime": 5, "demos": 3}
    outcome = scheme.evaluate(base)
    assert outcome.level is not None
    assert outcome.level.key == "c"
    outcome = scheme.evaluate({**base, "worktime": 0})  # division by zero: unknown
    assert outcome.level is not None
    assert outcome.level.key == "a"


# --- lint ------------------------------------------------------------------------------------


def codes(found: list[Diagnostic]) -> list[tuple[str, str]]:
    return [(d.code, d.message.split(":")[0]) for d in found]


def test_presets_lint_clean() -> None:
    assert SCHEME.lint() == []


def test_lint_finds_a_level_that_does_not_imply_the_one_below() -> None:
    scheme = LevelScheme(
        [
            _level(1, "a", "true"),
            _level(2, "b", "$answers >= 100"),
            _level(3, "c", "$chats >= 200"),
        ]
    )
    found = scheme.lint()
    assert codes(found) == [("level-not-implied", "level 3 (c)")]
    assert '"answers": 99' in found[0].message
    assert found[0].severity == "warning"


def test_lint_counterexample_is_real() -> None:
    scheme = LevelScheme(
        [
            _level(1, "a", "true"),
            _level(2, "b", "$answers >= 100 && $punishments_p <= 5"),
            _level(3, "c", "$answers >= 200 && $punishments_p <= 7.5"),
        ]
    )
    (found,) = scheme.lint()
    assert found.code == "level-not-implied"
    import json

    example = json.loads(found.message.split("for example by ")[1])
    assert scheme.formula(3)(example)
    assert not scheme.formula(2)(example)


def test_lint_finds_unreachable_and_equivalent_levels() -> None:
    scheme = LevelScheme(
        [
            _level(1, "a", "true"),
            _level(2, "b", "$chats >= 200"),
            _level(3, "c", "$chats >= 100 && $chats >= 200"),
            _level(4, "d", "$rewards_p > 100 && $chats >= 300"),
        ]
    )
    found = codes(scheme.lint())
    assert ("level-equivalent", "level 3 (c)") in found
    assert ("level-unreachable", "level 4 (d)") in found
    assert ("out-of-range", "level 4 (d)") in found


def test_lint_does_not_claim_what_it_cannot_prove() -> None:
    # Arithmetic: the candidates are no proof, so no unreachable/equivalent claims.
    scheme = LevelScheme(
        [
            _level(1, "a", "true"),
            _level(2, "b", "$answers * 2 >= 100"),
            _level(3, "c", "$answers * 2 >= 100 && $answers >= 50"),
        ]
    )
    assert all(d.code not in ("level-unreachable", "level-equivalent") for d in scheme.lint())


VALUES = st.none() | st.integers(-5, 60_000) | st.floats(allow_nan=True) | st.booleans()


@given(
    st.fixed_dictionaries(
        {"answers": VALUES, "chats": VALUES, "rewards": VALUES, "punishments_p": VALUES}
    ),
    st.integers(0, 12),
)
def test_generated_ladder_matches_formula_by_formula(snapshot: dict[str, Any], held: int) -> None:
    """The one-function fast path gives what the per-level formulas give, errors included.

    Every metric the scheme reads is checked, even those of levels below the one held.
    """

    def slow() -> int:
        for rank in range(1, 13):
            SCHEME.formula(rank).evaluate(snapshot)  # raises for any bad value
        for rank in range(12, held, -1):
            if SCHEME.formula(rank)(snapshot):
                return rank
        return held

    try:
        expected: int | tuple[type[Exception], str] = slow()
    except agentlevels.SnapshotError as error:
        expected = (type(error), str(error))
    try:
        got: int | tuple[type[Exception], str] = SCHEME.reached_rank(snapshot, current=held or None)
    except agentlevels.SnapshotError as error:
        got = (type(error), str(error))
    assert got == expected


def _comparison_leaves() -> st.SearchStrategy[nodes.Node]:
    """Conditions without arithmetic, which the fused ladder takes: comparisons
    of a metric with a number, equalities of boolean metrics, ``!``, chains."""
    compared = st.builds(
        lambda cls, name, value: cls(nodes.Variable(name), nodes.Number(value)),
        st.sampled_from([nodes.Ge, nodes.Lt, nodes.Eq, nodes.Ne]),
        st.sampled_from(NUMBER_METRICS),
        st.integers(0, 3),
    )
    flags = st.builds(nodes.Variable, st.sampled_from(BOOLEAN_METRICS))
    flag_equality = st.builds(
        lambda cls, a, b: cls(a, b), st.sampled_from([nodes.Eq, nodes.Ne]), flags, flags
    )
    base = st.one_of(compared, flags, flag_equality, st.builds(nodes.Boolean, st.booleans()))

    def extend(inner: st.SearchStrategy[nodes.Node]) -> st.SearchStrategy[nodes.Node]:
        chains = st.lists(inner, min_size=2, max_size=3)
        compared_conditions = st.builds(
            lambda cls, a, b: cls(a, b), st.sampled_from([nodes.Eq, nodes.Ne]), inner, inner
        )
        return st.one_of(
            st.builds(nodes.And, chains),
            st.builds(nodes.Or, chains),
            st.builds(nodes.Not, inner),
            compared_conditions,
        )

    return st.recursive(base, extend, max_leaves=6)


SMALL_VALUES = st.none() | st.integers(0, 3) | st.booleans() | st.just(float("nan"))


@given(
    st.lists(_comparison_leaves(), min_size=1, max_size=4),
    st.fixed_dictionaries(dict.fromkeys((*NUMBER_METRICS, *BOOLEAN_METRICS), SMALL_VALUES)),
    st.integers(0, 4),
)
def test_fused_ladder_matches_formula_by_formula(
    conditions: list[nodes.Node], snapshot: dict[str, Any], held: int
) -> None:
    """Generated ladders (unknowns, ``!``, equality of conditions) against the
    per-level formulas, errors included."""
    scheme = LevelScheme(
        [
            _level(rank, f"l{rank}", format_node(condition))
            for rank, condition in enumerate(conditions, start=1)
        ],
        catalog=CATALOG,
    )
    held = min(held, len(conditions))

    def slow() -> int:
        for rank in range(1, len(conditions) + 1):
            scheme.formula(rank).evaluate(snapshot)  # raises for any bad value
        for rank in range(len(conditions), held, -1):
            if scheme.formula(rank)(snapshot):
                return rank
        return held

    try:
        expected: int | tuple[type[Exception], str] = slow()
    except agentlevels.SnapshotError as error:
        expected = (type(error), str(error))
    try:
        got: int | tuple[type[Exception], str] = scheme.reached_rank(snapshot, current=held or None)
    except agentlevels.SnapshotError as error:
        got = (type(error), str(error))
    assert got == expected
