"""Helpers for testing level schemes and badge sets in your own test code.

* :func:`build_snapshot` -- a snapshot with every metric of a catalog filled in;
* :func:`assert_level` and :func:`assert_badges` -- assertions whose failure
  says what was expected, what came out, and why;
* :func:`snapshots` -- hypothesis strategies for snapshots over a catalog or
  a formula's variables: values inside the declared ranges, unknowns, and
  the edge values around every number the formula compares with.

hypothesis is an optional extra (``pip install 'agentlevels[testing]'``):
this module imports without it, and :func:`snapshots` says what to install.

>>> from agentlevels import presets
>>> from agentlevels.testing import assert_level, build_snapshot
>>> assert_level(presets.levels(), build_snapshot(answers=640), "professional")
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from agentlevels import nodes
from agentlevels._badges.awards import award
from agentlevels._badges.model import Badge
from agentlevels._badges.why import explain_badge
from agentlevels._language.catalog import Catalog
from agentlevels._language.formula import Formula, as_formula
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._levels.level import Held, Level
from agentlevels._levels.scheme import LevelScheme
from agentlevels._scenarios.messages import message
from agentlevels._scenarios.runner import winner_problems
from agentlevels._values import Value

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["assert_badges", "assert_level", "build_snapshot", "snapshots"]


def build_snapshot(
    catalog: Catalog | None = None,
    /,
    *,
    number: int | float | None = 0,
    boolean: bool | None = False,
    **values: Value,
) -> dict[str, Value]:
    """A snapshot with every metric of ``catalog`` (the default one): numbers ``number``,
    boolean metrics ``boolean`` (``None`` for unknown), then ``values`` on top.

    A name in ``values`` that the catalog lacks is a ``KeyError``, so a typo
    does not pass silently.

    >>> build_snapshot(answers=640)["answers"], build_snapshot(number=None)["chats"]
    (640, None)
    """
    catalog = DEFAULT_CATALOG if catalog is None else catalog
    unknown = sorted(set(values) - set(catalog))
    if unknown:
        raise KeyError(f"the catalog has no metric {', '.join(map(repr, unknown))}")
    filled: dict[str, Value] = {
        name: boolean if metric.type == "boolean" else number for name, metric in catalog.items()
    }
    filled.update(values)
    return filled


def _key(level: Level | None) -> str | None:
    return None if level is None else level.key


def assert_level(
    scheme: LevelScheme,
    snapshot: Mapping[str, object],
    expected: str | int | Level | None,
    current: Held = None,
    *,
    locale: str = "en",
) -> None:
    """Assert that ``snapshot`` (with ``current`` held) gives the level ``expected``.

    ``expected`` is a key, a rank, a :class:`~agentlevels.Level` or ``None``
    (no level). The failure names both levels and says why, as
    :meth:`LevelOutcome.why` does, in ``locale`` (``"ru"`` or English).
    """
    outcome = scheme.evaluate(snapshot, current=current)
    wanted = None if expected is None else scheme.level(expected).key
    reached = _key(outcome.level)
    if reached != wanted:
        said = message("level", locale, expected=wanted, reached=reached)
        raise AssertionError(f"{said}\n{outcome.why(locale)}")


def assert_badges(
    badges: Iterable[Badge],
    windows: Mapping[str, Mapping[str, Mapping[str, Any]]],
    expected: Mapping[str, Iterable[str]],
    *,
    seed: int = 0,
    locale: str = "en",
) -> None:
    """Assert the winners of each badge key in ``expected`` (an empty list: nobody).

    Badges not named in ``expected`` are awarded but not checked; the random
    badge draws from ``random.Random(seed)``. The failure says, for each agent
    expected, why they did not win, in ``locale`` (``"ru"`` or English).
    """
    chosen = tuple(badges)
    won = {found.key: found.agent_ids for found in award(chosen, windows, rng=random.Random(seed))}
    wanted = {key: tuple(sorted(agents)) for key, agents in expected.items()}
    by_key = {badge.key: badge for badge in chosen}
    problems = []
    for key, agents in wanted.items():
        found = winner_problems(chosen, won, {key: agents}, locale)
        problems.extend(found)
        if found and key in by_key:
            for agent in agents:
                said = explain_badge(
                    by_key[key], windows, agent, locale=locale, rng=random.Random(seed)
                )
                problems.append(f"  {said}")
    if problems:
        raise AssertionError("\n".join(problems))


def _edges(formula: Formula | None) -> dict[str, set[int | float]]:
    """For each variable, the numbers it is compared with, and one either side."""
    found: dict[str, set[int | float]] = {}
    if formula is None:
        return found
    for node in nodes.walk(formula.node):
        if not isinstance(node, nodes.Comparison):
            continue
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(side, nodes.Variable) and isinstance(other, nodes.Number):
                value = other.value
                found.setdefault(side.name, set()).update({value - 1, value, value + 1})
    return found


def snapshots(
    source: Catalog | Formula | str | None = None, *, unknowns: bool = True
) -> SearchStrategy[dict[str, Value]]:
    """A hypothesis strategy for snapshots over a catalog or a formula's variables.

    ``source`` is a :class:`~agentlevels.Catalog` (every metric), a formula
    or its text (its variables), or ``None`` (the default catalog). Numbers
    stay inside each metric's declared range; edge values -- the bounds, and
    every number the formula compares a metric with, one either side -- come
    up often; with ``unknowns`` a value may be ``None``. Needs hypothesis
    (``pip install 'agentlevels[testing]'``).
    """
    try:
        from hypothesis import strategies as st
    except ImportError:
        raise ImportError(
            "agentlevels.testing.snapshots needs hypothesis: pip install 'agentlevels[testing]'"
        ) from None
    formula: Formula | None = None
    if isinstance(source, Catalog) or source is None:
        catalog = DEFAULT_CATALOG if source is None else source
        names = sorted(catalog)
    else:
        formula = as_formula(source, kind=None)
        catalog = formula.catalog
        names = sorted(formula.variables)
    edges = _edges(formula)
    fields: dict[str, SearchStrategy[Value]] = {}
    for name in names:
        metric = catalog[name]
        values: SearchStrategy[Value]
        if metric.type == "boolean":
            values = st.booleans()
        else:
            low, high = metric.minimum, metric.maximum
            inside = [
                edge
                for edge in sorted(
                    edges.get(name, set()) | {b for b in (low, high) if b is not None}
                )
                if (low is None or edge >= low) and (high is None or edge <= high)
            ]
            numbers = st.one_of(
                st.integers(
                    min_value=None if low is None else int(-(-low // 1)),
                    max_value=None if high is None else int(high // 1),
                ),
                st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False),
            )
            values = st.one_of(st.sampled_from(inside), numbers) if inside else numbers
        fields[name] = st.one_of(st.none(), values) if unknowns else values
    return st.fixed_dictionaries(fields)
