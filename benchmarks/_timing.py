"""Timing helpers shared by the benchmarks: medians of interleaved runs."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence


def ns_per_call(function: Callable[[object], object], argument: object, number: int) -> float:
    """Nanoseconds per call of ``function(argument)``, over ``number`` calls."""
    loop = range(number)
    start = time.perf_counter_ns()
    for _ in loop:
        function(argument)
    return (time.perf_counter_ns() - start) / number


def loop_overhead(number: int) -> float:
    """The cost of the timing loop itself, per iteration, to subtract."""

    def nothing(_: object) -> None:
        return None

    return ns_per_call(nothing, None, number)


def compare(
    candidates: dict[str, Callable[[object], object]],
    argument: object,
    *,
    number: int = 20_000,
    repeats: int = 15,
) -> dict[str, float]:
    """Median ns per call of each candidate, measured interleaved so load hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            overhead = loop_overhead(number)
            for name, function in candidates.items():
                samples[name].append(ns_per_call(function, argument, number) - overhead)
    finally:
        if gc_was_enabled:
            gc.enable()
    return {name: statistics.median(values) for name, values in samples.items()}


def median_seconds(action: Callable[[], object], repeats: int = 5) -> float:
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.rjust(w) if i else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    return "\n".join(lines)


def compare_over(
    candidates: dict[str, Callable[[object], object]],
    arguments: Sequence[object],
    *,
    rounds: int = 20,
    repeats: int = 31,
) -> dict[str, float]:
    """Best ns per call of each candidate over every argument, measured interleaved.

    The best rather than the median (as bench_badges does): on a shared machine
    the load of other processes only ever adds time, and these loops are short
    enough for a burst of it to cover several samples of one candidate.
    """

    def per_call(function: Callable[[object], object]) -> float:
        loop = range(rounds)
        start = time.perf_counter_ns()
        for _ in loop:
            for argument in arguments:
                function(argument)
        return (time.perf_counter_ns() - start) / (rounds * len(arguments))

    def nothing(_: object) -> None:
        return None

    samples: dict[str, list[float]] = {name: [] for name in candidates}
    overheads: list[float] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            overheads.append(per_call(nothing))
            for name, function in candidates.items():
                samples[name].append(per_call(function))
    finally:
        if gc_was_enabled:
            gc.enable()
    # The best of each, less the best of the loop alone.
    overhead = min(overheads)
    return {name: min(values) - overhead for name, values in samples.items()}


# Every figure issue 11 asks for, recorded by the benchmarks as they run and
# printed together at the end of ``make bench`` (benchmarks/__main__.py).
FIGURES: list[tuple[str, str, str, str, str]] = []


def record(what: str, measured: str, ratio: float | None, target: float | None) -> None:
    """Keep one figure for the summary: ``ratio`` against ``target`` (at most), if any."""
    verdict = "" if ratio is None or target is None else ("met" if ratio <= target else "MISSED")
    FIGURES.append(
        (
            what,
            measured,
            "" if ratio is None else f"{ratio:.2f}",
            "" if target is None else f"<= {target:g}",
            verdict,
        )
    )


def summary() -> str:
    """The recorded figures as one table, each beside its target."""
    return table([("figure", "measured", "ratio", "target", ""), *FIGURES])
