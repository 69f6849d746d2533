"""Properties of review scores, for any checklist and any results."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from agentlevels import Checklist, ChecklistItem, Review, quality_metrics, score

DAY = datetime.date(2026, 11, 3)

weights = st.one_of(
    st.integers(min_value=1, max_value=1000),
    st.floats(min_value=1e-6, max_value=1000, allow_nan=False, allow_infinity=False),
)
entries = st.lists(
    st.tuples(weights, st.booleans(), st.sampled_from(("pass", "fail", "na"))),
    min_size=1,
    max_size=25,
)


def build(rows: list[tuple[float, bool, str]]) -> tuple[Checklist, Review]:
    items = [
        ChecklistItem(f"i{index}", f"Item {index}", weight=weight, critical=critical)
        for index, (weight, critical, _) in enumerate(rows)
    ]
    results = {f"i{index}": result for index, (_, _, result) in enumerate(rows)}
    return Checklist("prop", "Prop", items), Review("c1", "anna", "rasa", DAY, results)


@given(entries)
def test_score_is_a_percentage(rows: list[tuple[float, bool, str]]) -> None:
    result = score(*build(rows))
    if all(outcome == "na" for _, _, outcome in rows):
        assert result.score is None
    else:
        assert result.score is not None
        assert 0 <= result.score <= 100
        assert result.weighted is not None
        assert 0 <= result.weighted <= 100


@given(entries, st.randoms(use_true_random=False))
def test_score_ignores_the_order_of_items(rows: list[tuple[float, bool, str]], rng: object) -> None:
    shuffled = list(rows)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert score(*build(rows)).score == score(*build(shuffled)).score


@given(entries, weights, st.booleans(), st.integers(min_value=0, max_value=25))
def test_a_passed_applicable_item_never_lowers_the_score(
    rows: list[tuple[float, bool, str]], weight: float, critical: bool, at: int
) -> None:
    before = score(*build(rows)).score
    grown = [*rows[:at], (weight, critical, "pass"), *rows[at:]]
    after = score(*build(grown)).score
    assert after is not None
    assert before is None or after >= before


@given(st.lists(entries, min_size=1, max_size=6))
def test_mean_score_is_a_percentage_whatever_the_review_order(
    reviews: list[list[tuple[float, bool, str]]],
) -> None:
    size = min(len(rows) for rows in reviews)
    checklist, _ = build(reviews[0][:size])
    made = [
        Review(f"c{n}", "anna", "rasa", DAY, {f"i{i}": rows[i][2] for i in range(size)})
        for n, rows in enumerate(reviews)
    ]
    forward = quality_metrics(checklist, made, window=None)["anna"]["qa_score_p"]
    backward = quality_metrics(checklist, made[::-1], window=None)["anna"]["qa_score_p"]
    assert forward == backward
    assert forward is None or 0 <= forward <= 100
