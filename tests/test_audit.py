"""Sampling conversations for the monthly audit: 80 typical, 20 atypical, all operators."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlevels.routing import AuditCandidate, AuditSample, RoutingError, sample_for_audit


def candidates(typical: int, atypical: int, operators: int = 4) -> list[AuditCandidate]:
    made = [AuditCandidate(f"t{i:04d}", f"op{i % operators}") for i in range(typical)]
    made += [
        AuditCandidate(f"a{i:04d}", f"op{i % operators}", atypical=True) for i in range(atypical)
    ]
    return made


def test_the_practice_100_a_month_80_typical_20_atypical() -> None:
    sample = sample_for_audit(candidates(500, 60), rng=random.Random(7))
    assert len(sample.typical) == 80
    assert len(sample.atypical) == 20
    assert not any(item.atypical for item in sample.typical)
    assert all(item.atypical for item in sample.atypical)
    assert len(sample.all) == 100
    assert len({item.id for item in sample.all}) == 100


def test_every_operator_is_reviewed_evenly() -> None:
    sample = sample_for_audit(candidates(500, 60, operators=7), rng=random.Random(3))
    counts = Counter(item.operator for item in sample.typical)
    assert set(counts) == {f"op{i}" for i in range(7)}
    assert max(counts.values()) - min(counts.values()) <= 1


def test_a_short_kind_is_filled_by_the_other() -> None:
    sample = sample_for_audit(candidates(500, 5), rng=random.Random(1))
    assert (len(sample.typical), len(sample.atypical)) == (95, 5)
    sample = sample_for_audit(candidates(10, 500), rng=random.Random(1))
    assert (len(sample.typical), len(sample.atypical)) == (10, 90)
    sample = sample_for_audit(candidates(10, 3), rng=random.Random(1))
    assert (len(sample.typical), len(sample.atypical)) == (10, 3)


def test_custom_size_and_share() -> None:
    sample = sample_for_audit(
        candidates(100, 100), per_month=10, atypical_share=0.5, rng=random.Random(0)
    )
    assert (len(sample.typical), len(sample.atypical)) == (5, 5)
    assert sample_for_audit([], rng=random.Random(0)) == AuditSample((), ())
    assert sample_for_audit(candidates(5, 5), per_month=0, rng=random.Random(0)).all == ()


def test_bad_arguments() -> None:
    rng = random.Random(0)
    with pytest.raises(RoutingError):
        sample_for_audit(candidates(1, 1), per_month=-1, rng=rng)
    with pytest.raises(RoutingError):
        sample_for_audit(candidates(1, 1), atypical_share=1.5, rng=rng)
    with pytest.raises(RoutingError):
        sample_for_audit(candidates(1, 1), atypical_share=float("nan"), rng=rng)
    with pytest.raises(RoutingError):
        sample_for_audit(candidates(1, 1), rng=42)  # type: ignore[arg-type]  # a bad value on purpose
    with pytest.raises(RoutingError, match="twice"):
        sample_for_audit([AuditCandidate("x", "a"), AuditCandidate("x", "b")], rng=rng)
    with pytest.raises(RoutingError):
        sample_for_audit(["x"], rng=rng)  # type: ignore[list-item]  # a bad value on purpose
    with pytest.raises(RoutingError):
        AuditCandidate("x", "")
    with pytest.raises(RoutingError):
        AuditCandidate("x", "a", atypical=1)  # type: ignore[arg-type]  # a bad value on purpose


pools = st.lists(
    st.builds(
        AuditCandidate,
        st.sampled_from([f"c{i}" for i in range(60)]),
        st.sampled_from(["anna", "boris", "vera", "gleb"]),
        st.booleans(),
    ),
    unique_by=lambda item: item.id,
    max_size=60,
)


@given(pools, st.integers(0, 40), st.sampled_from([0.0, 0.2, 0.5, 1.0]), st.integers(0, 2**32))
def test_sample_properties(
    pool: list[AuditCandidate], per_month: int, share: float, seed: int
) -> None:
    sample = sample_for_audit(
        pool, per_month=per_month, atypical_share=share, rng=random.Random(seed)
    )
    ids = [item.id for item in sample.all]
    assert len(ids) == len(set(ids))
    assert set(sample.all) <= set(pool)
    assert len(sample.all) == min(per_month, len(pool))
    typical = [item for item in pool if not item.atypical]
    atypical = [item for item in pool if item.atypical]
    wanted = round(per_month * share)
    assert len(sample.atypical) >= min(wanted, len(atypical))
    assert len(sample.typical) >= min(per_month - wanted, len(typical))
    for kind, chosen in ((typical, sample.typical), (atypical, sample.atypical)):
        counts = Counter(item.operator for item in chosen)
        available = Counter(item.operator for item in kind)
        # Round by round: nobody has two more than someone who still had candidates left.
        for name, have in available.items():
            if counts[name] < have:
                assert all(counts[other] <= counts[name] + 1 for other in counts)
    shuffled = list(pool)
    random.Random(seed + 1).shuffle(shuffled)
    again = sample_for_audit(
        shuffled, per_month=per_month, atypical_share=share, rng=random.Random(seed)
    )
    assert again == sample
