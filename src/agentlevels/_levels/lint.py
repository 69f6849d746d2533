"""Checks for a level scheme an administrator may have got wrong.

How it decides: each question (does level 7 imply level 6? can level 9 be
reached? are levels 4 and 5 the same?) is answered by evaluating the
conditions involved over a set of candidate snapshots. For every metric the
candidates are the constants it is compared with, a value between each two
neighbouring constants, one below the lowest and one above the highest
(within the metric's declared range), and ``None`` (unknown); boolean metrics
take true, false and unknown. Every combination is tried, up to
:data:`MAX_CANDIDATES`.

What it costs: each question evaluates its conditions over at most
``min(MAX_CANDIDATES, QUESTION_BUDGET // parts)`` candidates, ``parts``
being the size of the conditions involved (as the node limit counts it), so
one question costs at most about :data:`QUESTION_BUDGET` node evaluations.
There is one question per level (reachable?), one per neighbouring pair
(implied?) and one screen of every level over 256 shared candidates
(equivalent?); only pairs that the screen cannot tell apart get a question
of their own, and those stop once :data:`LINT_BUDGET` node evaluations are
spent (later pairs are then not claimed equivalent). So lint grows linearly
with the number of levels and their size, and a question stops at its first
counterexample.

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

import functools
import itertools
import json
import math
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Final

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic
from agentlevels._language.catalog import Catalog
from agentlevels._language.parser import node_count
from agentlevels._language.runtime import FLOAT_MAX, evaluate_constant
from agentlevels._messages.message import Message, message
from agentlevels._values import Value

if TYPE_CHECKING:
    from agentlevels._language.formula import Formula
    from agentlevels._levels.level import Level
    from agentlevels._levels.scheme import LevelScheme

__all__ = ["LINT_BUDGET", "MAX_CANDIDATES", "QUESTION_BUDGET", "lint_scheme"]

MAX_CANDIDATES: Final = 20_000
"""Combinations tried exhaustively; beyond this a fixed sample of this size is used."""

QUESTION_BUDGET: Final = 200_000
"""Node evaluations one question may use: candidates times the parts of its conditions."""

LINT_BUDGET: Final = 2_000_000
"""Node evaluations spent on pairs of levels that the shared screen cannot tell apart."""

_MIN_CANDIDATES: Final = 16


def _constant(node: nodes.Node) -> int | float | None:
    if any(isinstance(n, nodes.Variable) for n in nodes.walk(node)):
        return None
    value = evaluate_constant(node)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None  # unknown, which includes a constant beyond float range
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
        own, own_exact = _formula_thresholds(formula)
        exact = exact and own_exact
        for name, values in own.items():
            found.setdefault(name, set()).update(values)
    return found, exact


@functools.lru_cache(maxsize=256)
def _formula_thresholds(formula: Formula) -> tuple[dict[str, frozenset[int | float]], bool]:
    # Once per formula: every question a level takes part in reuses it.
    found: dict[str, set[int | float]] = {}
    exact = True
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
    return {name: frozenset(values) for name, values in found.items()}, exact


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
        # Halves first: (a + b) / 2 overflows to infinity near the float limit.
        points.append(between if between < following else current / 2 + following / 2)
    points.append(last)
    above = last + 1
    if high is not None and above > high:
        above = last / 2 + high / 2 if high > last else None  # type: ignore[assignment]
    if above is not None:
        points.append(above)
    # A snapshot value must lie within float range (1.8e308 + 1 does not).
    inside_range = [p for p in points if isinstance(p, int | float) and abs(p) <= FLOAT_MAX]
    return [*inside_range, None]


def size(formulas: Iterable[Formula]) -> int:
    """The parts of ``formulas``, as the node limit counts them."""
    return sum(_size(formula) for formula in formulas)


@functools.lru_cache(maxsize=256)
def _size(formula: Formula) -> int:
    return node_count(formula.node)


def _limit(parts: int) -> int:
    return max(_MIN_CANDIDATES, min(MAX_CANDIDATES, QUESTION_BUDGET // max(parts, 1)))


def candidates(
    formulas: Sequence[Formula], catalog: Catalog, limit: int | None = None
) -> tuple[list[dict[str, Value]], bool]:
    """Candidate snapshots for ``formulas``, and whether they stand for every snapshot.

    ``limit`` (by default from the size of ``formulas``) caps how many.
    """
    stream, exact = _stream(formulas, catalog, limit)
    return list(stream), exact


def _stream(
    formulas: Sequence[Formula], catalog: Catalog, limit: int | None = None
) -> tuple[Iterator[dict[str, Value]], bool]:
    """:func:`candidates`, made one at a time: a question that finds its answer early
    builds no more."""
    if limit is None:
        limit = _limit(size(formulas))
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
    if total <= limit:
        combos: Iterable[tuple[Value, ...]] = itertools.product(*axes)
    else:
        exact = False
        chooser = random.Random(20240601)
        combos = (tuple(chooser.choice(axis) for axis in axes) for _ in range(limit))
    return (dict(zip(names, combo, strict=True)) for combo in combos), exact


def _met(formula: Formula, snapshot: dict[str, Value]) -> bool:
    return formula.evaluate(snapshot) is True


def _prefixed(level: Level, text: Message) -> Message:
    return message("level-prefix", rank=level.rank, key=level.key, message=text)


def _warning(level: Level, code: str, text: Message, hint: Message) -> Diagnostic:
    # The span is the whole condition, placed in the condition's own text.
    condition = level.condition
    return Diagnostic.of(
        "warning", code, _prefixed(level, text), condition, 0, len(condition), hint
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
        warning.retold(_prefixed(level, _own_text(warning)))
        for level, formula in zip(scheme.levels, scheme.formulas, strict=True)
        for warning in formula.warnings
    ]


def _own_text(warning: Diagnostic) -> Message:
    if warning.localized is not None:
        return warning.localized
    # A diagnostic made by hand reads English in every locale.
    return message("verbatim", text=warning.message)


def _unreachable(scheme: LevelScheme) -> dict[int, Diagnostic]:
    """Levels no snapshot can reach, by rank (only when that is proven)."""
    found: dict[int, Diagnostic] = {}
    for level, formula in zip(scheme.levels, scheme.formulas, strict=True):
        snapshots, exact = _stream([formula], scheme.catalog)
        if exact and not any(_met(formula, s) for s in snapshots):
            found[level.rank] = _warning(
                level,
                "level-unreachable",
                message("level-unreachable"),
                message("hint-check-thresholds"),
            )
    return found


def _not_implied(scheme: LevelScheme, *, skip: set[int]) -> list[Diagnostic]:
    """Levels that can be met without the level below, each with a counterexample."""
    levels, formulas = scheme.levels, scheme.formulas
    found: list[Diagnostic] = []
    for lower, higher in itertools.pairwise(range(len(levels))):
        if higher + 1 in skip:
            continue
        snapshots, _ = _stream([formulas[higher], formulas[lower]], scheme.catalog)
        for snapshot in snapshots:
            if _met(formulas[higher], snapshot) and not _met(formulas[lower], snapshot):
                found.append(
                    _warning(
                        levels[higher],
                        "level-not-implied",
                        message(
                            "level-not-implied",
                            rank=levels[lower].rank,
                            key=levels[lower].key,
                            snapshot=_show(snapshot),
                        ),
                        message("hint-as-strict", rank=lower + 1),
                    )
                )
                break
    return found


def _equivalent(scheme: LevelScheme) -> list[Diagnostic]:
    """Pairs of levels that are always reached together.

    A small screen evaluates every level over the same few candidates: two
    levels that differ on one are not equivalent (the snapshot is real).
    Only pairs the screen cannot tell apart are asked on their own, until
    :data:`LINT_BUDGET` node evaluations are spent.
    """
    levels, formulas = scheme.levels, scheme.formulas
    screen, _ = candidates(formulas, scheme.catalog, _MIN_CANDIDATES * 16)
    masks = [tuple(_met(formula, snapshot) for snapshot in screen) for formula in formulas]
    spent = 0
    found: list[Diagnostic] = []
    for first, second in itertools.combinations(range(len(levels)), 2):
        a, b = formulas[first], formulas[second]
        same = a.canonical == b.canonical
        if not same and masks[first] == masks[second] and spent < LINT_BUDGET:
            stream, exact = _stream([a, b], scheme.catalog)
            parts = size([a, b])
            same = exact
            for snapshot in stream:
                spent += parts
                if _met(a, snapshot) != _met(b, snapshot):
                    same = False
                    break
        if same:
            found.append(
                _warning(
                    levels[second],
                    "level-equivalent",
                    message("level-equivalent", rank=levels[first].rank, key=levels[first].key),
                    message("hint-raise-or-merge"),
                )
            )
    return found
