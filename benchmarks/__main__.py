"""Run every benchmark: ``python -m benchmarks`` (``make bench``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks
from benchmarks._timing import FIGURES, summary


def main() -> int:
    only = set(sys.argv[1:])
    for module in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        name = module.name
        if not name.startswith("bench_") or (only and name.removeprefix("bench_") not in only):
            continue
        importlib.import_module(f"benchmarks.{name}").run()
        print()
    if FIGURES:
        print("== issue 11: every figure of this run beside its target ==")
        print(summary())
        print(
            "ratios are the library over its baseline measured in the same run"
            " (interleaved; medians or best of runs, as each section says)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
