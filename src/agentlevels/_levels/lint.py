"""Checks for a level scheme an administrator may have got wrong.

How it decides: each question (does level 7 imply level 6? can level 9 be
reached? are levels 4 and 5 the same?) is answered by evaluating the
conditions involved over a set of candidate snapshots. For every metric the
candidates are the constants it is compared with, a value between each two
neighbouring constants, one below the lowest and one above the highest
(within the metric's declared range), and ``None`` (unknown); boolean metrics
take true, false and unknown. Every combination is tried, up to
:data:`MAX_CANDIDATES`.

When every comparison in the conditions is a metric against a constant (as
in all presets), these candidates stand for every possible snapshot, so the
answers are proofs. When a condition does arithmetic or compares two
metrics, or there are too many combinations (then a fixed pseudo-random
sample is used), a counterexample found is still real, but the absence of
one proves nothing: lint then reports a missing implication only with a
counterexample, and reports unreachable or equivalent levels only when it is
sure (or the conditions are literally the same).
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from agentlevels import nodes
from agentlevels._errors import Diagnostic
from agentlevels._language.catalog import Catalog
from agentlevels._language.runtime import evaluate_constant
from agentlevels._values import Value

if TYPE_CHECKING:
    from agentlevels._language.formula import Formula
    from agentlevels._levels.level import Level
    from agentlevels._levels.scheme import LevelScheme

__all__ = ["MAX_CANDIDATES", "lint_scheme"]

MAX_CANDIDATES: Final = 20_000
"""Combinations tried exhaustively; beyond this a fixed sample of this size is used."""


def _constant(node: nodes.Node) -> int | float | None:
    if any(isinstance(n, nodes.Variable) for n in nodes.walk(node)):
        return None
    value = evaluate_constant(node)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _is_boolean(node: nodes.Node, catalog: Catalog) -> bool:
    if isinstance(node, nodes.Variable):
        metric = catalog.get(node.name)
        return metric is not None and metric.type == "boolean"
    return isinstance(node, nodes.Boolean | nodes.Comparison | nodes.Logical | nodes.Not)


def _thresholds(formulas: Iterable[Formula]) -> tuple[dict[str, set[int | float]], bool]:
    """Constants each metric is compared with; False when some comparison is not of that form."""
    found: dict[str, set[int | float]] = {}
    exact = True
    for formula in formulas:
        for node in nodes.walk(formula.node):
            if isinstance(node, nodes.Variable):
                found.setdefault(node.name, set())
            if not isinstance(node, nodes.Comparison):
                continue
            left, right = node.left, node.right
            if isinstance(right, nodes.Variable):
                left, right = right, left
            value = _constant(right)
            if isinstance(left, nodes.Variable) and value is not None:
                found.setdefault(left.name, set()).add(value)
                continue
            if _is_boolean(left, formula.catalog) and _is_boolean(right, formula.catalog):
                # Truth values against truth values: the comparisons inside are covered.
                continue
            exact = False
            literals = {n.value for n in nodes.walk(node) if isinstance(n, nodes.Number)}
            for inner in nodes.walk(node):
                if isinstance(inner, nodes.Variable):
                    found.setdefault(inner.name, set()).update(literals)
    return found, exact


def _points(thresholds: set[int | float], low: float | None, high: float | None) -> list[Value]:
    """Representatives of every interval the thresholds cut the metric's range into."""
    inside = sorted(
        t for t in thresholds if (low is None or t >= low) and (high is None or t <= high)
    )
    points: list[Value] = []
    if not inside:
        base = low if low is not None else 0
        points.append(int(base) if float(base).is_integer() else base)
        return [*points, None]
    first, last = inside[0], inside[-1]
    below = first - 1
    if low is not None and below < low:
        below = low if low < first else None  # type: ignore[assignment]
    if below is not None:
        points.append(below)
    for current, following in itertools.pairwise(inside):
        points.append(current)
        between = math.floor(current) + 1
        points.append(between if between < following else (current + following) / 2)
    points.append(last)
    above = last + 1
    if high is not None and above > high:
        above = (last + high) / 2 if high > last else None  # type: ignore[assignment]
    if above is not None:
        points.append(above)
    return [*points, None]


def candidates(
    formulas: Sequence[Formula], catalog: Catalog
) -> tuple[list[dict[str, Value]], bool]:
    """Candidate snapshots for ``formulas``, and whether they stand for every snapshot."""
    found, exact = _thresholds(formulas)
    names = sorted(found)
    axes: list[list[Value]] = []
    for name in names:
        metric = catalog.get(name)
        if metric is not None and metric.type == "boolean":
            axes.append([True, False, None])
        else:
            low = metric.minimum if metric is not None else None
            high = metric.maximum if metric is not None else None
            axes.append(_points(found[name], low, high))
    total = math.prod(len(axis) for axis in axes)
    if total <= MAX_CANDIDATES:
        combos: Iterable[tuple[Value, ...]] = itertools.product(*axes)
    else:
        exact = False
        chooser = random.Random(20240601)
        combos = (tuple(chooser.choice(axis) for axis in axes) for _ in range(MAX_CANDIDATES))
    return [dict(zip(names, combo, strict=True)) for combo in combos], exact


def _met(formula: Formula, snapshot: dict[str, Value]) -> bool:
    return formula.evaluate(snapshot) is True


def _where(level: Level) -> str:
    return f"level {level.rank} ({level.key})"


def _warning(level: Level, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(
        "warning",
        code,
        f"{_where(level)}: {message}",
        0,
        len(level.condition),
        1,
        1,
        hint,
    )


def _show(snapshot: dict[str, Value]) -> str:
    return json.dumps(snapshot, sort_keys=True)


def lint_scheme(scheme: LevelScheme) -> list[Diagnostic]:
    """Warnings for ``scheme``: see the module docstring for what can be proven."""
    found = _formula_warnings(scheme)
    unreachable = _unreachable(scheme)
    found += [unreachable[rank] for rank in sorted(unreachable)]
    found += _not_implied(scheme, skip=set(unreachable))
    found += _equivalent(scheme)
    return found


def _formula_warnings(scheme: LevelScheme) -> list[Diagnostic]:
    """Each condition's own warnings, prefixed with its level."""
    return [
        attrs.evolve(warning, message=f"{_where(level)}: {warning.message}")
        for level, formula in zip(scheme.levels, scheme.formulas, strict=True)
        for warning in formula.warnings
    ]


def _unreachable(scheme: LevelScheme) -> dict[int, Diagnostic]:
    """Levels no snapshot can reach, by rank (only when that is proven)."""
    found: dict[int, Diagnostic] = {}
    for level, formula in zip(scheme.levels, scheme.formulas, strict=True):
        snapshots, exact = candidates([formula], scheme.catalog)
        if exact and not any(_met(formula, s) for s in snapshots):
            found[level.rank] = _warning(
                level,
                "level-unreachable",
                "no snapshot can meet this condition",
                "check the thresholds against the metrics' ranges",
            )
    return found


def _not_implied(scheme: LevelScheme, *, skip: set[int]) -> list[Diagnostic]:
    """Levels that can be met without the level below, each with a counterexample."""
    levels, formulas = scheme.levels, scheme.formulas
    found: list[Diagnostic] = []
    for lower, higher in itertools.pairwise(range(len(levels))):
        if higher + 1 in skip:
            continue
        snapshots, _ = candidates([formulas[higher], formulas[lower]], scheme.catalog)
        for snapshot in snapshots:
            if _met(formulas[higher], snapshot) and not _met(formulas[lower], snapshot):
                found.append(
                    _warning(
                        levels[higher],
                        "level-not-implied",
                        f"can be met without meeting {_where(levels[lower])}, "
                        f"for example by {_show(snapshot)}",
                        f"make this condition at least as strict as level {lower + 1}'s",
                    )
                )
                break
    return found


def _equivalent(scheme: LevelScheme) -> list[Diagnostic]:
    """Pairs of levels that are always reached together."""
    levels, formulas = scheme.levels, scheme.formulas
    found: list[Diagnostic] = []
    for first, second in itertools.combinations(range(len(levels)), 2):
        a, b = formulas[first], formulas[second]
        same = a.canonical == b.canonical
        if not same:
            snapshots, exact = candidates([a, b], scheme.catalog)
            same = exact and all(_met(a, s) == _met(b, s) for s in snapshots)
        if same:
            found.append(
                _warning(
                    levels[second],
                    "level-equivalent",
                    f"its condition is equivalent to {_where(levels[first])}'s, "
                    "so both are always reached together",
                    "raise this level's thresholds or merge the two levels",
                )
            )
    return found
