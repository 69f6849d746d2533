"""Evaluating the 12 preset levels for 100,000 agents, against a hand-written equivalent.

The hand-written function is what a programmer would type for the preset
ladder with plain dictionary reads and the library's semantics: the type and
range test on each value read (an int within float range, a finite float;
unknown values take a second ladder that reads them as not met; anything
else is refused), the conditions from the top level down,
stopping at the first met, never below the level already held, and the list
of levels newly passed. Both run in the same process over the same snapshots
(realistic values spread over all levels, each agent holding a level a little
below the one its metrics earn); the ratio is library time over hand-written
time (target: at most 1.5).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from agentlevels import presets
from benchmarks._timing import record
from benchmarks.bench_formula import _HI, _LO, _number

AGENTS = 100_000
REPEAT = 7

Snapshot = Mapping[str, Any]


def _team(count: int, *, mix: bool = False) -> list[tuple[Snapshot, int]]:
    """Agents with their levels held; with ``mix``, 30% are new (every value
    zero) and 10% more have one unknown value."""
    chooser = random.Random(12)
    team: list[tuple[Snapshot, int]] = []
    for _ in range(count):
        scale = 10 ** chooser.uniform(0, 4.9)
        answers = int(scale * chooser.uniform(0.3, 1.2))
        chats = int(scale * chooser.uniform(0.3, 1.2))
        rewards = int(scale * chooser.uniform(0.005, 0.02))
        punishments_p = round(chooser.uniform(0, 8), 2)
        snapshot: dict[str, Any] = {
            "answers": answers,
            "chats": chats,
            "rewards": rewards,
            "punishments_p": punishments_p,
        }
        if mix:
            draw = chooser.random()
            if draw < 0.3:
                snapshot = dict.fromkeys(snapshot, 0)
            elif draw < 0.4:
                snapshot[chooser.choice(list(snapshot))] = None
        team.append((snapshot, chooser.randint(0, 3)))
    return team


def _hand_written(snapshot: Snapshot, held: int) -> tuple[int, int, list[int]]:
    """The ladder for plain values, after the type and range test the library's
    semantics require of every value read (an int within float range, a finite
    float); anything else goes to :func:`_hand_written_unknowns`."""
    a = snapshot["answers"]
    c = snapshot["chats"]
    r = snapshot["rewards"]
    p = snapshot["punishments_p"]
    if not (
        ((type(a) is int and _LO <= a <= _HI) or (type(a) is float and a - a == 0))
        and ((type(c) is int and _LO <= c <= _HI) or (type(c) is float and c - c == 0))
        and ((type(r) is int and _LO <= r <= _HI) or (type(r) is float and r - r == 0))
        and ((type(p) is int and _LO <= p <= _HI) or (type(p) is float and p - p == 0))
    ):
        return _hand_written_unknowns(snapshot, held)
    if held < 12 and (a >= 50000 or c >= 50000) and r >= 500 and p <= 3:
        rank = 12
    elif held < 11 and (a >= 25000 or c >= 25000) and r >= 250 and p <= 5:
        rank = 11
    elif held < 10 and (a >= 10000 or c >= 10000) and r >= 100 and p <= 5:
        rank = 10
    elif held < 9 and (a >= 5000 or c >= 5000) and r >= 50:
        rank = 9
    elif held < 8 and (a >= 2500 or c >= 2500) and r >= 25:
        rank = 8
    elif held < 7 and (a >= 1000 or c >= 1000) and r >= 10:
        rank = 7
    elif held < 6 and (a >= 500 or c >= 500):
        rank = 6
    elif held < 5 and (a >= 250 or c >= 250):
        rank = 5
    elif held < 4 and (a >= 100 or c >= 100):
        rank = 4
    elif held < 3 and (a >= 50 or c >= 50):
        rank = 3
    elif held < 2 and (a >= 10 or c >= 10):
        rank = 2
    elif held < 1:
        rank = 1
    else:
        rank = held
    return rank, held, list(range(held + 1, rank + 1))


def _hand_written_unknowns(snapshot: Snapshot, held: int) -> tuple[int, int, list[int]]:
    """The same ladder for snapshots that may hold unknown values (None).

    A comparison with an unknown value is unknown, and a condition is met
    only when it is true: with && and || only, an unknown comparison never
    helps, so each reads as false. Each value is validated first, as the
    library does (an odd type or a value beyond float range is refused).
    """
    a = _number(snapshot, "answers")
    c = _number(snapshot, "chats")
    r = _number(snapshot, "rewards")
    p = _number(snapshot, "punishments_p")
    if (
        held < 12
        and ((a is not None and a >= 50000) or (c is not None and c >= 50000))
        and r is not None
        and r >= 500
        and p is not None
        and p <= 3
    ):
        rank = 12
    elif (
        held < 11
        and ((a is not None and a >= 25000) or (c is not None and c >= 25000))
        and r is not None
        and r >= 250
        and p is not None
        and p <= 5
    ):
        rank = 11
    elif (
        held < 10
        and ((a is not None and a >= 10000) or (c is not None and c >= 10000))
        and r is not None
        and r >= 100
        and p is not None
        and p <= 5
    ):
        rank = 10
    elif (
        held < 9
        and ((a is not None and a >= 5000) or (c is not None and c >= 5000))
        and r is not None
        and r >= 50
    ):
        rank = 9
    elif (
        held < 8
        and ((a is not None and a >= 2500) or (c is not None and c >= 2500))
        and r is not None
        and r >= 25
    ):
        rank = 8
    elif (
        held < 7
        and ((a is not None and a >= 1000) or (c is not None and c >= 1000))
        and r is not None
        and r >= 10
    ):
        rank = 7
    elif held < 6 and ((a is not None and a >= 500) or (c is not None and c >= 500)):
        rank = 6
    elif held < 5 and ((a is not None and a >= 250) or (c is not None and c >= 250)):
        rank = 5
    elif held < 4 and ((a is not None and a >= 100) or (c is not None and c >= 100)):
        rank = 4
    elif held < 3 and ((a is not None and a >= 50) or (c is not None and c >= 50)):
        rank = 3
    elif held < 2 and ((a is not None and a >= 10) or (c is not None and c >= 10)):
        rank = 2
    elif held < 1:
        rank = 1
    else:
        rank = held
    return rank, held, list(range(held + 1, rank + 1))


def _time(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


Hand = Callable[[Snapshot, int], tuple[int, int, list[int]]]


def _check_same(team: Sequence[tuple[Snapshot, int]], hand: Hand) -> None:
    scheme = presets.levels()
    for snapshot, held in team[:5000]:
        outcome = scheme.evaluate(snapshot, current=held or None)
        rank, _, reached = hand(snapshot, held)
        assert outcome.level is not None
        assert outcome.level.rank == rank, (snapshot, held)
        assert [level.rank for level in outcome.reached] == reached


def _measure(label: str, team: Sequence[tuple[Snapshot, int]], hand: Hand) -> None:
    held_team = [(snapshot, held or None) for snapshot, held in team]
    _check_same(team, hand)
    evaluate = presets.levels().evaluate

    def library() -> None:
        for snapshot, held in held_team:
            evaluate(snapshot, current=held)

    def hand_written() -> None:
        for snapshot, held in team:
            hand(snapshot, held)

    library_times: list[float] = []
    hand_times: list[float] = []
    for _ in range(REPEAT):
        library_times.append(_time(library))
        hand_times.append(_time(hand_written))
    library_s = statistics.median(library_times)
    hand_s = statistics.median(hand_times)
    print(f"levels{label}: evaluate the 12 presets for {AGENTS:,} agents")
    print(f"  library       {library_s * 1000:8.1f} ms  ({library_s / AGENTS * 1e9:6.0f} ns/agent)")
    print(f"  hand-written  {hand_s * 1000:8.1f} ms  ({hand_s / AGENTS * 1e9:6.0f} ns/agent)")
    print(f"  ratio         {library_s / hand_s:8.2f}  (target <= 1.5)")
    print("  (hand-written validates each value read: type, and range for ints/floats)")
    record(
        f"levels, 12 presets, {AGENTS:,} agents{label}",
        f"{library_s * 1000:.0f} ms (hand {hand_s * 1000:.0f} ms)",
        library_s / hand_s,
        1.5,
    )


def run() -> None:
    """Print the library's time and the hand-written time for 100,000 agents, and the ratio;
    then the same for the team mix of zeros and unknown values."""
    _measure("", _team(AGENTS), _hand_written)
    _measure(" (team mix)", _team(AGENTS, mix=True), _hand_written)


if __name__ == "__main__":
    run()
