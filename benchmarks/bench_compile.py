"""Compile speed: agentlevels.compile and check against rule-engine's Rule(...) parse.

Each run compiles a new text (the first threshold differs), as an
application loading many teams' schemes or an editor checking each
keystroke does, so the cache of compiled formulas never answers; rule-engine
parses the same texts, interleaved. Targets: ``compile`` no slower than
rule-engine (ratio <= 1), ``check`` at most half of it (ratio <= 0.5).
Also, for orientation: compiling a text again (the cache answers) and the
first evaluation, which generates the formula's Python code.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Sequence

import agentlevels
from benchmarks._timing import record, table
from benchmarks.bench_formula import CASES, SNAPSHOT

TEXTS = 200
REPEATS = 7


def _variants(text: str, count: int, offset: int) -> list[str]:
    """``count`` texts differing from ``text`` in their first number."""
    first = re.search(r"\d+", text)
    assert first is not None
    return [text[: first.start()] + str(offset + i) + text[first.end() :] for i in range(count)]


def _rule_engine_text(text: str) -> str:
    return text.replace("$", "").replace("&&", "and").replace("||", "or")


def _per_text(action: Callable[[str], object], texts: Sequence[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        action(text)
    return (time.perf_counter() - start) / len(texts) * 1e6


def run() -> None:
    try:
        import rule_engine
    except ImportError:
        print("compile: rule-engine is not installed (make bench-deps)")
        return
    print("== compile: µs per new text, median of interleaved runs ==")
    rows = [["formula", "rule-engine", "compile", "ratio", "check", "ratio", "again", "1st call"]]
    for label, text, _ in CASES:
        samples: dict[str, list[float]] = {"rule": [], "compile": [], "check": [], "first": []}
        for repeat in range(REPEATS):
            texts = _variants(text, TEXTS, 1000 + repeat * TEXTS)
            samples["rule"].append(
                _per_text(rule_engine.Rule, [_rule_engine_text(t) for t in texts])
            )
            samples["compile"].append(_per_text(agentlevels.compile, texts))
            formulas = [agentlevels.compile(t) for t in texts]  # the cache answers
            samples["first"].append(_per_text(lambda f: f.evaluate(SNAPSHOT), formulas))  # type: ignore[arg-type,attr-defined]
            samples["check"].append(_per_text(agentlevels.check, texts))
        agentlevels.compile(text)
        again = statistics.median(
            _per_text(agentlevels.compile, [text] * 1000) for _ in range(REPEATS)
        )
        times = {name: statistics.median(values) for name, values in samples.items()}
        rule = f"rule-engine {times['rule']:.0f} µs"
        record(
            f"compile, {label}",
            f"{times['compile']:.0f} µs ({rule})",
            times["compile"] / times["rule"],
            1,
        )
        record(
            f"check, {label}",
            f"{times['check']:.0f} µs ({rule})",
            times["check"] / times["rule"],
            0.5,
        )
        rows.append(
            [
                label,
                f"{times['rule']:.0f}",
                f"{times['compile']:.0f}",
                f"{times['compile'] / times['rule']:.2f}",
                f"{times['check']:.0f}",
                f"{times['check'] / times['rule']:.2f}",
                f"{again:.2f}",
                f"{times['first']:.0f}",
            ]
        )
    print(table(rows))
    print(
        "ratio = ours / rule-engine's Rule(...) (targets: compile <= 1, check <= 0.5); again ="
        " the same text compiled again (cache); 1st call = the first evaluation, which"
        " generates the code"
    )
