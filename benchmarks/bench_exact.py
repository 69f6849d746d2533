"""Formulas on real teams: unknown values and zero divisors, against hand-written Python.

The same formulas as ``bench_formula`` plus the 12-comparison formula with a
division from issue 11, each on four kinds of snapshot: every value present;
one unknown value (``chats`` is None); one zero divisor (a new agent with
0 calls, 0 call seconds and 0 hours worked); and a realistic team mix of
100 agents, 30% with those zeros and 10% with an unknown value. The
hand-written functions have a fast path and an exact path by hand, as a
careful engineer writes them, with the same type and range test on every
value read as the library (see ``bench_formula``); ratios are library time
over hand-written time (target: at most 1.2).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

import agentlevels
from benchmarks._timing import compare_over, record, table
from benchmarks.bench_formula import (
    _HI,
    _LO,
    BASELINE,
    CASES,
    FLOAT_MAX,
    SNAPSHOT,
    _ge,
    _kleene_and,
    _number,
)

DIVIDING = (
    "$answers >= 100 && $chats >= 50 || $calls >= 20 && $call_seconds / $calls <= 300"
    " || $chat_answers >= 500 && $rewards_p >= 80"
    " || $worktime > 10 && $missed_chats < 20 && $missed_calls < 20"
    " || $rewards >= 10 && $punishments_p <= 5 && $not_ranked_p < 50"
)
_DIVIDING_NAMES = (
    "answers",
    "chats",
    "calls",
    "call_seconds",
    "chat_answers",
    "rewards_p",
    "worktime",
    "missed_chats",
    "missed_calls",
    "rewards",
    "punishments_p",
    "not_ranked_p",
)


def _plain(value: object) -> bool:
    return type(value) is int or (type(value) is float and value - value == 0)


def hand_dividing(s: dict[str, Any]) -> bool:
    a = s["answers"]
    c = s["chats"]
    k = s["calls"]
    cs = s["call_seconds"]
    ca = s["chat_answers"]
    rp = s["rewards_p"]
    w = s["worktime"]
    mc = s["missed_chats"]
    mk = s["missed_calls"]
    rw = s["rewards"]
    pp = s["punishments_p"]
    nr = s["not_ranked_p"]
    if (
        ((type(a) is int and _LO <= a <= _HI) or (type(a) is float and a - a == 0))
        and ((type(c) is int and _LO <= c <= _HI) or (type(c) is float and c - c == 0))
        and ((type(k) is int and _LO <= k <= _HI) or (type(k) is float and k - k == 0))
        and ((type(cs) is int and _LO <= cs <= _HI) or (type(cs) is float and cs - cs == 0))
        and ((type(ca) is int and _LO <= ca <= _HI) or (type(ca) is float and ca - ca == 0))
        and ((type(rp) is int and _LO <= rp <= _HI) or (type(rp) is float and rp - rp == 0))
        and ((type(w) is int and _LO <= w <= _HI) or (type(w) is float and w - w == 0))
        and ((type(mc) is int and _LO <= mc <= _HI) or (type(mc) is float and mc - mc == 0))
        and ((type(mk) is int and _LO <= mk <= _HI) or (type(mk) is float and mk - mk == 0))
        and ((type(rw) is int and _LO <= rw <= _HI) or (type(rw) is float and rw - rw == 0))
        and ((type(pp) is int and _LO <= pp <= _HI) or (type(pp) is float and pp - pp == 0))
        and ((type(nr) is int and _LO <= nr <= _HI) or (type(nr) is float and nr - nr == 0))
        and k != 0
    ):
        rate = cs / k
        if -FLOAT_MAX <= rate <= FLOAT_MAX:
            return (
                (a >= 100 and c >= 50)
                or (k >= 20 and rate <= 300)
                or (ca >= 500 and rp >= 80)
                or (w > 10 and mc < 20 and mk < 20)
                or (rw >= 10 and pp <= 5 and nr < 50)
            )
    return _dividing_exact(s)


def _lt(value: float | None, bound: float) -> bool | None:
    return None if value is None else value < bound


def _le(value: float | None, bound: float) -> bool | None:
    return None if value is None else value <= bound


def _kleene_or(*values: bool | None) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


def _dividing_exact(s: dict[str, Any]) -> bool:
    a, c, k, cs, ca, rp, w, mc, mk, rw, pp, nr = (_number(s, n) for n in _DIVIDING_NAMES)
    rate: float | None = None
    if cs is not None and k is not None and k != 0:
        try:
            rate = cs / k
        except OverflowError:
            rate = None
        if rate is not None and not -FLOAT_MAX <= rate <= FLOAT_MAX:
            rate = None
    return (
        _kleene_or(
            _kleene_and(_ge(a, 100), _ge(c, 50)),
            _kleene_and(_ge(k, 20), _le(rate, 300)),
            _kleene_and(_ge(ca, 500), _ge(rp, 80)),
            _kleene_and(None if w is None else w > 10, _lt(mc, 20), _lt(mk, 20)),
            _kleene_and(_ge(rw, 10), _le(pp, 5), _lt(nr, 50)),
        )
        is True
    )


UNKNOWN = {"chats": None}
ZEROS = {"calls": 0, "call_seconds": 0, "worktime": 0}


def _agent(chooser: random.Random) -> dict[str, Any]:
    return {
        "answers": chooser.randint(0, 3000),
        "chats": chooser.randint(0, 3000),
        "worktime": round(chooser.uniform(1, 170), 1),
        "rewards": chooser.randint(0, 100),
        "rewards_p": round(chooser.uniform(50, 100), 1),
        "punishments_p": round(chooser.uniform(0, 10), 2),
        "calls": chooser.randint(1, 300),
        "missed_chats": chooser.randint(0, 40),
        "missed_calls": chooser.randint(0, 40),
        "not_ranked_p": round(chooser.uniform(0, 80), 1),
        "chat_answers": chooser.randint(0, 5000),
        "call_seconds": chooser.randint(0, 90_000),
    }


def team_mix(count: int = 100, seed: int = 11) -> list[dict[str, Any]]:
    """``count`` agents: 30% with zero divisors, 10% with an unknown value, shuffled."""
    chooser = random.Random(seed)
    team = []
    for index in range(count):
        agent = _agent(chooser)
        if index % 10 < 3:
            agent.update(ZEROS)
        elif index % 10 == 3:
            agent[chooser.choice(("chats", "rewards_p", "calls", "answers"))] = None
        team.append(agent)
    chooser.shuffle(team)
    return team


SCENARIOS: tuple[tuple[str, Sequence[dict[str, Any]]], ...] = (
    ("all present", [SNAPSHOT]),
    ("one unknown", [SNAPSHOT | UNKNOWN]),
    ("zero divisor", [SNAPSHOT | ZEROS]),
    ("team mix", team_mix()),
)
FORMULAS: tuple[tuple[str, str, Callable[[dict[str, Any]], bool]], ...] = (
    *CASES,
    ("twelve with a division (issue 11)", DIVIDING, hand_dividing),
)


def run() -> None:
    print("== formulas on unknowns and zeros: ns per call, best of interleaved runs ==")
    rows = [["formula", "snapshots", "hand", "evaluate", "ratio", "formula(s)", "ratio"]]
    worst = 0.0
    for label, text, hand in FORMULAS:
        formula = agentlevels.compile(text)
        for scenario, snapshots in SCENARIOS:
            for snapshot in snapshots:
                assert formula(snapshot) is hand(snapshot), (label, snapshot)
                assert (formula.evaluate(snapshot) is True) is hand(snapshot)
            arguments = list(snapshots) * (100 // len(snapshots))
            candidates: dict[str, Callable[[object], object]] = {
                "hand": hand,  # type: ignore[dict-item]
                "evaluate": formula.evaluate,
                "call": formula,
            }
            times = compare_over(candidates, arguments)
            base = times["hand"]
            worst = max(worst, times["evaluate"] / base)
            record(
                f"evaluate, {label}, {scenario}",
                f"{times['evaluate']:.0f} ns (hand {base:.0f} ns)",
                times["evaluate"] / base,
                1.2,
            )
            rows.append(
                [
                    label,
                    scenario,
                    f"{base:.0f}",
                    f"{times['evaluate']:.0f}",
                    f"{times['evaluate'] / base:.2f}",
                    f"{times['call']:.0f}",
                    f"{times['call'] / base:.2f}",
                ]
            )
    print(table(rows))
    print(f"worst evaluate ratio {worst:.2f} (target <= 1.2)")
    print(BASELINE)
