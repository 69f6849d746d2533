"""The exact path (unknown values) at the comparison's own boundary, and unreadable snapshots."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from agentlevels import MissingMetricError, SnapshotError, compile


# An unknown `$chats` sends evaluation down the exact three-valued path; the
# first comparison is then decided at its boundary, where `<` and `<=` differ.
@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("$answers <= 5 || $chats > 1", 5, True),
        ("$answers <= 5 || $chats > 1", 6, None),
        ("$answers < 5 || $chats > 1", 5, None),
        ("$answers < 5 || $chats > 1", 4, True),
        ("$answers >= 5 || $chats > 1", 5, True),
        ("$answers >= 5 || $chats > 1", 4, None),
        ("$answers > 5 || $chats > 1", 5, None),
        ("$answers > 5 || $chats > 1", 6, True),
        ("$answers == 5 || $chats > 1", 5, True),
        ("$answers == 5 || $chats > 1", 6, None),
        ("$answers != 5 || $chats > 1", 5, None),
        ("$answers != 5 || $chats > 1", 6, True),
        ("$answers <= 5 && $chats > 1", 6, False),
        ("$answers < 5 && $chats > 1", 5, False),
        ("$answers >= 5 && $chats > 1", 4, False),
        ("$answers > 5 && $chats > 1", 5, False),
    ],
)
def test_exact_path_at_the_boundary(text: str, answers: int, expected: bool | None) -> None:
    formula = compile(text)
    snapshot = {"answers": answers, "chats": None}
    assert formula.evaluate(snapshot) is expected
    assert formula(snapshot) is (expected is True)


def test_exact_path_arithmetic_at_the_boundary() -> None:
    formula = compile("$answers + 1 <= 6 || $chats > 1")
    assert formula.evaluate({"answers": 5, "chats": None}) is True
    assert formula.evaluate({"answers": 6, "chats": None}) is None


class _Failing(Mapping[str, object]):
    """A caller's mapping whose `in` or item lookup raises."""

    def __init__(self, *, contains: bool) -> None:
        self.contains = contains

    def __contains__(self, key: object) -> bool:
        if not self.contains:
            raise RuntimeError("lookup failed")
        return True

    def __getitem__(self, key: str) -> object:
        raise RuntimeError("read failed")

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def test_a_snapshot_whose_in_raises_gives_snapshot_error() -> None:
    formula = compile("$answers > 1")
    with pytest.raises(SnapshotError) as caught:
        formula(_Failing(contains=False))
    assert type(caught.value) is SnapshotError
    assert str(caught.value) == "the snapshot could not be read: RuntimeError('lookup failed')"
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_a_snapshot_whose_lookup_raises_gives_snapshot_error() -> None:
    formula = compile("$answers > 1")
    with pytest.raises(SnapshotError) as caught:
        formula.evaluate(_Failing(contains=True))
    assert type(caught.value) is SnapshotError
    assert str(caught.value) == "metric 'answers' could not be read: RuntimeError('read failed')"


def test_a_snapshot_that_is_not_a_mapping() -> None:
    with pytest.raises(SnapshotError) as caught:
        compile("$answers > 1").evaluate([("answers", 1)])
    assert str(caught.value) == "a snapshot maps metric names to values; got list"


def test_missing_metrics_are_listed_in_formula_order() -> None:
    with pytest.raises(MissingMetricError) as caught:
        compile("$answers > 1 || $chats > 1").evaluate({})
    assert str(caught.value) == "snapshot lacks metrics 'answers', 'chats' (use None for unknown)"
