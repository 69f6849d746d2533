"""Linting level schemes of twelve maximum-size conditions (target: under 1 s each).

The schemes are those of ``tests/test_hardening.py``: long ``||`` chains,
many metrics, arithmetic and equivalent levels, each condition near the
1,000-part limit. The cost model is in ``docs/levels.md``; CPU time is
printed, the best of three runs.
"""

from __future__ import annotations

import time

from tests.test_hardening import MAX_SCHEMES

from agentlevels import Level, LevelScheme


def _cpu_seconds(scheme: LevelScheme, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        scheme.lint()
        best = min(best, time.process_time() - started)
    return best


def run() -> None:
    print("lint: 12 levels of maximum-size conditions, CPU seconds (target < 1 s)")
    for name, condition in MAX_SCHEMES.items():
        scheme = LevelScheme(
            [Level(i + 1, f"l{i}", f"L{i}", condition=condition(i)) for i in range(12)]
        )
        scheme.lint()  # the formulas' code is generated on first use
        print(f"  {name:<14} {_cpu_seconds(scheme):6.3f} s")
