"""Formula speed: compiled formulas against hand-written Python with the same semantics.

Each hand-written function below is what a careful engineer writes for one
formula with the library's semantics: a fast path when every value is a plain
number within float range, and an exact path by hand for unknowns, odd types
and division by zero. Both sides do the same work on every value read: a type
test and a range test (an ``int`` within ``±FLOAT_MAX``, a ``float`` finite),
because a value beyond float range, NaN or an infinity is refused, never
compared; and every sum or quotient is tested against float range, because a
result beyond it is unknown. The library's figures are medians of interleaved
runs, as ratios to those.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

import agentlevels
from benchmarks._timing import compare, table

PROFESSIONAL = "$answers >= 500 || $chats >= 500"
PRODUCTIVE = "($answers + $chats) / $worktime >= 12 && $rewards_p > 80 && $punishments_p < 5"
TWELVE = (
    "$answers >= 100 && $chats >= 100 && $calls >= 10 && $rewards >= 10 "
    "&& $punishments_p <= 5 && $missed_chats < 20 && $missed_calls < 20 "
    "&& $worktime > 10 && $rewards_p >= 80 && $not_ranked_p < 50 "
    "&& $chat_answers >= 500 && $call_seconds >= 600"
)
TWELVE_NAMES = (
    "answers",
    "chats",
    "calls",
    "rewards",
    "punishments_p",
    "missed_chats",
    "missed_calls",
    "worktime",
    "rewards_p",
    "not_ranked_p",
    "chat_answers",
    "call_seconds",
)

SNAPSHOT: dict[str, Any] = {
    "answers": 320,
    "chats": 610,
    "worktime": 70.5,
    "rewards": 41,
    "rewards_p": 91.2,
    "punishments_p": 2.5,
    "calls": 15,
    "missed_chats": 3,
    "missed_calls": 2,
    "not_ranked_p": 30.0,
    "chat_answers": 2400,
    "call_seconds": 5400,
}


FLOAT_MAX = sys.float_info.max
# An int is within float range exactly when it is within these whole bounds.
_HI = int(FLOAT_MAX)
_LO = -_HI


BASELINE = (
    "hand = the same semantics by hand: each value read is type-tested and range-tested"
    " (int within +-FLOAT_MAX, float finite), sums and quotients against float range;"
    " unknowns and zero divisors by an exact path"
)


class HandError(ValueError):
    pass


def _number(snapshot: Mapping[str, Any], name: str) -> float | None:
    """The exact path's validation, by hand."""
    value = snapshot[name]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise HandError(name)
    if not -FLOAT_MAX <= value <= FLOAT_MAX:  # NaN, an infinity, an int beyond float range
        raise HandError(name)
    return value


def _ge(value: float | None, bound: float) -> bool | None:
    return None if value is None else value >= bound


def _kleene_and(*values: bool | None) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def hand_professional(s: dict[str, Any]) -> bool:
    a = s["answers"]
    c = s["chats"]
    if ((type(a) is int and _LO <= a <= _HI) or (type(a) is float and a - a == 0)) and (
        (type(c) is int and _LO <= c <= _HI) or (type(c) is float and c - c == 0)
    ):
        return a >= 500 or c >= 500
    return _ge(_number(s, "answers"), 500) is True or _ge(_number(s, "chats"), 500) is True


def hand_productive(s: dict[str, Any]) -> bool:
    a = s["answers"]
    c = s["chats"]
    w = s["worktime"]
    r = s["rewards_p"]
    p = s["punishments_p"]
    if (
        ((type(a) is int and _LO <= a <= _HI) or (type(a) is float and a - a == 0))
        and ((type(c) is int and _LO <= c <= _HI) or (type(c) is float and c - c == 0))
        and ((type(w) is int and _LO <= w <= _HI) or (type(w) is float and w - w == 0))
        and ((type(r) is int and _LO <= r <= _HI) or (type(r) is float and r - r == 0))
        and ((type(p) is int and _LO <= p <= _HI) or (type(p) is float and p - p == 0))
    ):
        try:
            total = a + c
            rate = total / w
        except ArithmeticError:
            return _productive_exact(s)
        if -FLOAT_MAX <= total <= FLOAT_MAX and -FLOAT_MAX <= rate <= FLOAT_MAX:
            return rate >= 12 and r > 80 and p < 5
    return _productive_exact(s)


def _productive_exact(s: dict[str, Any]) -> bool:
    a, c, w, r, p = (
        _number(s, n) for n in ("answers", "chats", "worktime", "rewards_p", "punishments_p")
    )
    rate: float | None = None
    if a is not None and c is not None and w is not None and w != 0:
        total = a + c
        if -FLOAT_MAX <= total <= FLOAT_MAX:
            try:
                rate = total / w
            except OverflowError:
                rate = None
            if rate is not None and not -FLOAT_MAX <= rate <= FLOAT_MAX:
                rate = None
    first = None if rate is None else rate >= 12
    second = None if r is None else r > 80
    third = None if p is None else p < 5
    return _kleene_and(first, second, third) is True


def hand_twelve(s: dict[str, Any]) -> bool:
    a = s["answers"]
    c = s["chats"]
    k = s["calls"]
    rw = s["rewards"]
    pp = s["punishments_p"]
    mc = s["missed_chats"]
    mk = s["missed_calls"]
    w = s["worktime"]
    rp = s["rewards_p"]
    nr = s["not_ranked_p"]
    ca = s["chat_answers"]
    cs = s["call_seconds"]
    if (
        ((type(a) is int and _LO <= a <= _HI) or (type(a) is float and a - a == 0))
        and ((type(c) is int and _LO <= c <= _HI) or (type(c) is float and c - c == 0))
        and ((type(k) is int and _LO <= k <= _HI) or (type(k) is float and k - k == 0))
        and ((type(rw) is int and _LO <= rw <= _HI) or (type(rw) is float and rw - rw == 0))
        and ((type(pp) is int and _LO <= pp <= _HI) or (type(pp) is float and pp - pp == 0))
        and ((type(mc) is int and _LO <= mc <= _HI) or (type(mc) is float and mc - mc == 0))
        and ((type(mk) is int and _LO <= mk <= _HI) or (type(mk) is float and mk - mk == 0))
        and ((type(w) is int and _LO <= w <= _HI) or (type(w) is float and w - w == 0))
        and ((type(rp) is int and _LO <= rp <= _HI) or (type(rp) is float and rp - rp == 0))
        and ((type(nr) is int and _LO <= nr <= _HI) or (type(nr) is float and nr - nr == 0))
        and ((type(ca) is int and _LO <= ca <= _HI) or (type(ca) is float and ca - ca == 0))
        and ((type(cs) is int and _LO <= cs <= _HI) or (type(cs) is float and cs - cs == 0))
    ):
        return (
            a >= 100
            and c >= 100
            and k >= 10
            and rw >= 10
            and pp <= 5
            and mc < 20
            and mk < 20
            and w > 10
            and rp >= 80
            and nr < 50
            and ca >= 500
            and cs >= 600
        )
    values = [_number(s, name) for name in TWELVE_NAMES]
    bounds = [
        (0, ">=", 100), (1, ">=", 100), (2, ">=", 10), (3, ">=", 10), (4, "<=", 5),
        (5, "<", 20), (6, "<", 20), (7, ">", 10), (8, ">=", 80), (9, "<", 50),
        (10, ">=", 500), (11, ">=", 600),
    ]  # fmt: skip
    results: list[bool | None] = []
    for index, operator, bound in bounds:
        value = values[index]
        if value is None:
            results.append(None)
        elif operator == ">=":
            results.append(value >= bound)
        elif operator == ">":
            results.append(value > bound)
        elif operator == "<=":
            results.append(value <= bound)
        else:
            results.append(value < bound)
    return _kleene_and(*results) is True


CASES: tuple[tuple[str, str, Callable[[dict[str, Any]], bool]], ...] = (
    ("professional (2 comparisons)", PROFESSIONAL, hand_professional),
    ("productive (division, 3 comparisons)", PRODUCTIVE, hand_productive),
    ("twelve comparisons", TWELVE, hand_twelve),
)


def _rule_engine(text: str) -> Callable[[dict[str, Any]], object] | None:
    try:
        import rule_engine
    except ImportError:
        return None
    rule = rule_engine.Rule(text.replace("$", "").replace("&&", "and").replace("||", "or"))
    matches: Callable[[dict[str, Any]], object] = rule.matches
    return matches


def _simpleeval(text: str) -> Callable[[dict[str, Any]], object] | None:
    try:
        import simpleeval
    except ImportError:
        return None
    expression = text.replace("$", "").replace("&&", " and ").replace("||", " or ")
    evaluator = simpleeval.SimpleEval()

    def run(snapshot: dict[str, Any]) -> object:
        evaluator.names = snapshot
        return evaluator.eval(expression)

    return run


def _compile_time(text: str) -> float:
    """µs to compile a new text and run it once (which generates its code); each
    text differs by trailing spaces, so the cache of compiled formulas never answers."""
    runs = 50
    texts = [text + " " * index for index in range(1, runs + 1)]
    start = time.perf_counter()
    for variant in texts:
        agentlevels.compile(variant)(SNAPSHOT)
    return (time.perf_counter() - start) / runs * 1e6


def run() -> None:
    print("== formulas: ns per call, median of interleaved runs ==")
    rows = [
        [
            "formula",
            "hand",
            "evaluate",
            "ratio",
            "formula(s)",
            "ratio",
            "rule-engine",
            "simpleeval",
            "compile+1st call µs",
        ]
    ]
    for label, text, hand in CASES:
        formula = agentlevels.compile(text)
        assert formula(SNAPSHOT) == hand(SNAPSHOT)
        candidates: dict[str, Callable[[object], object]] = {
            "hand": hand,  # type: ignore[dict-item]
            "evaluate": formula.evaluate,
            "call": formula,
        }
        # The ratio to hand-written comes from these three alone, interleaved in
        # short rounds; the far slower libraries are timed against evaluate after.
        times = compare(candidates, SNAPSHOT)
        base = times["hand"]
        others: dict[str, Callable[[object], object]] = {"evaluate": formula.evaluate}
        for name, other in (("rule-engine", _rule_engine(text)), ("simpleeval", _simpleeval(text))):
            if other is not None:
                assert bool(other(SNAPSHOT)) == hand(SNAPSHOT), name
                others[name] = other  # type: ignore[assignment]
        if len(others) > 1:
            slower = compare(others, SNAPSHOT, number=2_000)
            times.update(
                {
                    name: slower[name] / slower["evaluate"] * times["evaluate"]
                    for name in others
                    if name != "evaluate"
                }
            )

        def versus(name: str, times: dict[str, float] = times) -> str:
            if name not in times:
                return "n/a"
            return f"{times[name] / times['evaluate']:.0f}x ours"

        rows.append(
            [
                label,
                f"{base:.0f}",
                f"{times['evaluate']:.0f}",
                f"{times['evaluate'] / base:.2f}",
                f"{times['call']:.0f}",
                f"{times['call'] / base:.2f}",
                versus("rule-engine"),
                versus("simpleeval"),
                f"{_compile_time(text):.0f}",
            ]
        )
    print(table(rows))
    print(
        "ratio = compiled / hand-written (target <= 1.2); formula(s) adds CPython's fixed"
        " cost of calling an instance."
    )
    print(BASELINE)
