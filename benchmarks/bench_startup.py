"""The first call: a fresh process that imports agentlevels and compiles one formula.

Measured against the floor no library built on them can go below: a fresh
process that only imports its two dependencies, attrs and lark. Both run
interleaved as child processes of the same Python, and the figures are
medians over them (target: cold start at most 1.5x the floor, 1.25x if
possible). Also the first compile in a new thread of a warm process.

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

RUNS = 21
COLD = "import agentlevels; agentlevels.compile('$answers >= 500 || $chats >= 500')"
FLOOR = "import attrs, lark"


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


def run() -> None:
    print("== the first call: fresh processes, medians ==")
    compileall.compile_dir(os.path.dirname(agentlevels.__file__), quiet=1)
    _seconds(FLOOR)  # warm the file cache for both
    _seconds(COLD)
    cold: list[float] = []
    floor: list[float] = []
    for _ in range(RUNS):
        floor.append(_seconds(FLOOR))
        cold.append(_seconds(COLD))
    cold_s, floor_s = statistics.median(cold), statistics.median(floor)
    print(f"  cold start (import agentlevels + one compile)  {cold_s * 1000:7.1f} ms")
    print(f"  floor (import attrs, lark)                     {floor_s * 1000:7.1f} ms")
    print(f"  ratio  {cold_s / floor_s:.2f}  (target <= 1.5, 1.25 if possible)")
    agentlevels.compile("$answers >= 1")  # the process is warm from here on
    threads = [
        _first_compile_in_a_thread(f"$answers >= {index} || $chats > 1 && $calls < 9")
        for index in range(100, 109)
    ]
    print(f"  first compile in a new thread: {statistics.median(threads) * 1e6:.0f} µs")
    texts = [f"$answers >= {index} || $chats > 1 && $calls < 9" for index in range(200, 209)]
    start = time.perf_counter()
    for text in texts:
        agentlevels.compile(text)
    same_thread = (time.perf_counter() - start) / len(texts)
    print(f"  the same compile in a warm thread: {same_thread * 1e6:.0f} µs")
