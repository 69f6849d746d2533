"""The first call: a fresh process that imports agentlevels and compiles one formula.

Measured against the floor no library built on them can go below: a fresh
process that only imports its two dependencies, attrs and lark. Both run
interleaved as child processes of the same Python, and the figures are
medians over them (target: cold start at most 1.5x the floor, 1.25x if
possible). Also the first compile in a new thread of a warm process, and
the first text with a mistake, the one case that needs lark's parser: in a
fresh process and in a new thread, with the parser loaded from the tables
shipped in the package, against analysing the grammar as before them
(measured interleaved in the same run).

Like pip installing a wheel, the package's bytecode is compiled first
(``compileall``), so that neither side compiles source in the timed runs
(this matters where ``PYTHONDONTWRITEBYTECODE`` is set).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import threading
import time

import agentlevels
from agentlevels._language import _lark_tables
from benchmarks._timing import record

RUNS = 21
COLD = "import agentlevels; agentlevels.compile('$answers >= 500 || $chats >= 500')"
FLOOR = "import attrs, lark"
MISTAKE = "import agentlevels; agentlevels.check('$answers >= || $chats')"
# The same, analysing the grammar as before the tables shipped.
MISTAKE_BUILT = (
    "import agentlevels; from agentlevels._language import _lark_tables;"
    " _lark_tables.LARK_VERSION = 'none'; agentlevels.check('$answers >= || $chats')"
)


def _seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _first_compile_in_a_thread(text: str) -> float:
    spent: list[float] = []

    def work() -> None:
        start = time.perf_counter()
        agentlevels.compile(text)
        spent.append(time.perf_counter() - start)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return spent[0]


def _first_mistake_in_a_thread(tables: bool, index: int) -> float:
    spent: list[float] = []
    version = _lark_tables.LARK_VERSION

    def work() -> None:
        _lark_tables.LARK_VERSION = version if tables else "none"
        start = time.perf_counter()
        agentlevels.check(f"$answers >= || $chats{index}")  # a new text each time
        spent.append(time.perf_counter() - start)
        _lark_tables.LARK_VERSION = version

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return spent[0]


def run() -> None:
    print("== the first call: fresh processes, medians ==")
    compileall.compile_dir(os.path.dirname(agentlevels.__file__), quiet=1)
    _seconds(FLOOR)  # warm the file cache for both
    _seconds(COLD)
    samples: dict[str, list[float]] = {"floor": [], "cold": [], "mistake": [], "built": []}
    for _ in range(RUNS):
        for name, code in (
            ("floor", FLOOR),
            ("cold", COLD),
            ("mistake", MISTAKE),
            ("built", MISTAKE_BUILT),
        ):
            samples[name].append(_seconds(code))
    cold_s, floor_s, mistake_s, built_s = (
        statistics.median(samples[name]) for name in ("cold", "floor", "mistake", "built")
    )
    print(f"  cold start (import agentlevels + one compile)  {cold_s * 1000:7.1f} ms")
    print(f"  floor (import attrs, lark)                     {floor_s * 1000:7.1f} ms")
    print(f"  ratio  {cold_s / floor_s:.2f}  (target <= 1.5, 1.25 if possible)")
    record(
        "cold start: import agentlevels + one compile",
        f"{cold_s * 1000:.0f} ms (floor {floor_s * 1000:.0f} ms)",
        cold_s / floor_s,
        1.5,
    )
    print(
        f"  a text with a mistake instead: {mistake_s * 1000:.1f} ms with the shipped parser"
        f" tables ({mistake_s / floor_s:.2f}x the floor); {built_s * 1000:.1f} ms analysing"
        f" the grammar ({built_s / floor_s:.2f}x)"
    )
    record(
        "cold start with a mistake (lark's tables shipped)",
        f"{mistake_s * 1000:.0f} ms (grammar analysed: {built_s * 1000:.0f} ms)",
        mistake_s / floor_s,
        None,
    )
    agentlevels.compile("$answers >= 1")  # the process is warm from here on
    threads = [
        _first_compile_in_a_thread(f"$answers >= {index} || $chats > 1 && $calls < 9")
        for index in range(100, 109)
    ]
    thread_s = statistics.median(threads)
    print(f"  first compile in a new thread: {thread_s * 1e6:.0f} µs")
    record("first compile in a new thread", f"{thread_s * 1e6:.0f} µs", None, None)
    mistakes: dict[bool, list[float]] = {True: [], False: []}
    for index in range(7):
        for tables in (True, False):
            mistakes[tables].append(_first_mistake_in_a_thread(tables, index))
    loaded, built = (statistics.median(mistakes[tables]) for tables in (True, False))
    print(
        f"  first text with a mistake in a new thread: {loaded * 1000:.1f} ms"
        f" (analysing the grammar: {built * 1000:.1f} ms)"
    )
    record(
        "first text with a mistake in a new thread",
        f"{loaded * 1000:.1f} ms (grammar analysed: {built * 1000:.1f} ms)",
        None,
        None,
    )
    texts = [f"$answers >= {index} || $chats > 1 && $calls < 9" for index in range(200, 209)]
    start = time.perf_counter()
    for text in texts:
        agentlevels.compile(text)
    same_thread = (time.perf_counter() - start) / len(texts)
    print(f"  the same compile in a warm thread: {same_thread * 1e6:.0f} µs")
