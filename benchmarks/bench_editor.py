"""Completion, hover and check on a typical formula, as an editor calls them per keystroke.

Target (issue 12): ``complete`` under 2 ms on a typical formula; ``check`` as in
the speed issue. The median of many calls is printed beside the target.
"""

from __future__ import annotations

from collections.abc import Callable

from agentlevels import DEFAULT_CATALOG, check, complete, hover
from benchmarks._timing import compare, table

# A level condition of the presets' size, with the cursor at its most
# expensive places: inside a name, after an operand, after an operator.
TYPICAL = "($answers >= 1000 || $chats >= 1000) && $rewards_p >= 90 && $punishments_p < 2"
CURSORS = {
    "complete, in a name ($ch)": ("($answers >= 1000 || $ch", 24),
    "complete, after an operand": (TYPICAL + " ", len(TYPICAL) + 1),
    "complete, after an operator": (TYPICAL + " && ", len(TYPICAL) + 4),
    "complete, in the middle": (TYPICAL, TYPICAL.index("$rewards_p") + 4),
}
TARGET_MS = 2.0


def _completion(text: str, offset: int) -> Callable[[object], object]:
    def call(_: object) -> object:
        return complete(text, offset, catalog=DEFAULT_CATALOG)

    return call


def _calls() -> dict[str, Callable[[object], object]]:
    calls = {name: _completion(text, offset) for name, (text, offset) in CURSORS.items()}
    calls["hover, on a metric"] = lambda _: hover(TYPICAL, 3)
    calls["check, the whole formula"] = lambda _: check(TYPICAL)
    return calls


def run() -> None:
    print(f"editor: median per call on a typical formula ({len(TYPICAL)} characters)")
    medians = compare(_calls(), None, number=200, repeats=9)
    rows = [["call", "median", "target"]]
    for name, ns in medians.items():
        target = f"< {TARGET_MS:g} ms" if name.startswith("complete") else ""
        rows.append([name, f"{ns / 1e6:.3f} ms", target])
    print(table(rows))
    worst = max(ns for name, ns in medians.items() if name.startswith("complete"))
    verdict = "met" if worst / 1e6 < TARGET_MS else "MISSED"
    print(f"complete: slowest median {worst / 1e6:.3f} ms, target {TARGET_MS:g} ms: {verdict}")


if __name__ == "__main__":
    run()
