"""Clause coverage: which atoms of each condition the cases made true, false and unknown,
and which were shown to decide the condition on their own.

An atom *decides* a case when flipping its value alone (true to false or
back) changes the condition's value. An atom is covered MC/DC-style when a
pair of cases shows it: one where the atom is true and decides, one where it
is false and decides, with different values of the condition. Each atom has
four goals -- true, false, unknown, a deciding pair -- and the percentage is
the share of goals met over every atom of every condition.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from agentlevels._errors import SnapshotError
from agentlevels._language.formula import Formula
from agentlevels._language.runtime import read_snapshot
from agentlevels._language.trace import Plan, run_traced
from agentlevels._values import Value

__all__ = ["AtomCoverage", "ClauseCoverage", "ConditionCoverage", "record_case"]

_GOALS_PER_ATOM = 4


@attrs.frozen
class AtomCoverage:
    """One atom's row: whether cases made it true, false, unknown, and the deciding pair."""

    text: str
    true: bool
    false: bool
    unknown: bool
    pair: tuple[str, str] | None

    @property
    def met(self) -> int:
        """How many of the atom's four goals were met."""
        return self.true + self.false + self.unknown + (self.pair is not None)


class ConditionCoverage:
    """The coverage of one condition (a level's, or a badge's eligibility or condition)."""

    def __init__(self, label: str, formula: Formula) -> None:
        self.label = label
        self.source = formula.source
        self.plan = Plan.of(formula.node, formula.catalog)
        count = len(self.plan.atoms)
        self._seen: list[set[Value]] = [set() for _ in range(count)]
        # (atom value, condition value) -> first case where the atom decided
        self._decided: list[dict[tuple[bool, Value], str]] = [{} for _ in range(count)]

    def record(self, snapshot: object, case: str) -> None:
        """Add one case's snapshot (one that does not evaluate is left out)."""
        try:
            values = self.plan.values(snapshot)
        except SnapshotError:
            return
        self._add(values, case)

    def record_read(self, read: Mapping[str, Value], case: str) -> None:
        """Add one case's snapshot already read and checked (every metric the plan reads)."""
        self._add(run_traced(self.plan.code, read), case)

    def _add(self, values: list[Value], case: str) -> None:
        root = values[-1]
        for slot, index in enumerate(self.plan.atoms):
            value = values[index]
            self._seen[slot].add(value)
            if value is None:
                continue
            key = (bool(value), root)
            if key not in self._decided[slot] and self.plan.flipped(values, index) != root:
                self._decided[slot][key] = case

    def merge(self, other: ConditionCoverage) -> None:
        """Add what ``other`` (the same condition, other cases) saw."""
        for mine, theirs in zip(self._seen, other._seen, strict=True):
            mine.update(theirs)
        for mine_d, theirs_d in zip(self._decided, other._decided, strict=True):
            for key, case in theirs_d.items():
                mine_d.setdefault(key, case)

    def _pair(self, slot: int) -> tuple[str, str] | None:
        decided = self._decided[slot]
        for (truth, root), case in sorted(decided.items(), key=repr):
            for (other_truth, other_root), other_case in sorted(decided.items(), key=repr):
                if truth and not other_truth and root != other_root:
                    return (case, other_case)
        return None

    def atoms(self) -> tuple[AtomCoverage, ...]:
        """One row per atom, left to right."""
        from_source = self.plan
        rows = []
        for slot, index in enumerate(from_source.atoms):
            span = from_source.order[index].span
            text = self.source[span.start : span.end] if span.end > span.start else ""
            seen = self._seen[slot]
            rows.append(
                AtomCoverage(text, True in seen, False in seen, None in seen, self._pair(slot))
            )
        return tuple(rows)


def record_case(conditions: Sequence[ConditionCoverage], snapshot: object, case: str) -> None:
    """Add one case's snapshot to every condition, reading and checking it once.

    The conditions share a catalog (a scheme's levels do); when the snapshot
    does not read whole, each condition takes what it can on its own.
    """
    if not conditions:
        return
    catalog = conditions[0].plan.catalog
    names = list(dict.fromkeys(name for c in conditions for name in c.plan.names))
    try:
        if any(c.plan.catalog is not catalog for c in conditions):
            raise SnapshotError("conditions over several catalogs")
        read = read_snapshot(snapshot, names, catalog)
    except SnapshotError:
        for condition in conditions:
            condition.record(snapshot, case)
        return
    for condition in conditions:
        condition.record_read(read, case)


@attrs.frozen
class _Totals:
    met: int
    goals: int


class ClauseCoverage:
    """Clause coverage over every scheme and badge set that scenario cases exercised.

    Conditions are grouped by subject (``preset:levels`` or a scheme file's
    path); cases from several files that test the same subject add up.
    """

    def __init__(self) -> None:
        self._subjects: dict[str, dict[str, ConditionCoverage]] = {}

    def conditions(
        self, subject: str, labelled: Iterable[tuple[str, Formula]]
    ) -> list[ConditionCoverage]:
        """The coverage of ``subject``'s conditions, created on first use."""
        table = self._subjects.setdefault(subject, {})
        found = []
        for label, formula in labelled:
            if label not in table:
                table[label] = ConditionCoverage(label, formula)
            found.append(table[label])
        return found

    def merge(self, other: ClauseCoverage) -> None:
        """Add another run's coverage (the pytest plugin's workers, say) to this one."""
        for subject, table in other._subjects.items():
            mine = self._subjects.setdefault(subject, {})
            for label, condition in table.items():
                if label in mine:
                    mine[label].merge(condition)
                else:
                    mine[label] = condition

    @property
    def subjects(self) -> dict[str, list[ConditionCoverage]]:
        """Subject -> its conditions, in the order first seen."""
        return {subject: list(table.values()) for subject, table in self._subjects.items()}

    def _totals(self) -> _Totals:
        rows = [
            row for table in self._subjects.values() for c in table.values() for row in c.atoms()
        ]
        return _Totals(sum(row.met for row in rows), _GOALS_PER_ATOM * len(rows))

    @property
    def percent(self) -> float:
        """The share of goals met, 0 to 100 (100 when there is no atom at all)."""
        totals = self._totals()
        return 100.0 if not totals.goals else 100.0 * totals.met / totals.goals

    def table(self) -> str:
        """The coverage as text: a table per subject, then the total."""
        lines: list[str] = []
        for subject, conditions in self.subjects.items():
            lines.append(f"clause coverage: {_shown(subject)}")
            rows = [(c.label, row) for c in conditions for row in c.atoms()]
            width = max([len(label) for label, _ in rows] + [9])
            clause = max([len(row.text) for _, row in rows] + [6])
            lines.append(
                f"  {'condition':<{width}}  {'clause':<{clause}}  true false unknown decided"
            )
            for label, row in rows:
                marks = [_mark(row.true, 4), _mark(row.false, 5), _mark(row.unknown, 7)]
                decided = "yes" if row.pair else "-"
                lines.append(
                    f"  {label:<{width}}  {row.text:<{clause}}  {' '.join(marks)} {decided}"
                )
            missing = [c.label for c in conditions if not c.plan.atoms]
            if missing:
                lines.append(f"  without clauses: {', '.join(missing)}")
        totals = self._totals()
        lines.append(
            f"clause coverage: {totals.met}/{totals.goals} goals, {_percent(self.percent)}"
        )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The coverage as JSON-ready data."""
        totals = self._totals()
        return {
            "percent": self.percent,
            "met": totals.met,
            "goals": totals.goals,
            "subjects": {
                subject: [
                    {
                        "condition": c.label,
                        "source": c.source,
                        "atoms": [
                            {
                                "clause": row.text,
                                "true": row.true,
                                "false": row.false,
                                "unknown": row.unknown,
                                "decided": list(row.pair) if row.pair else None,
                            }
                            for row in c.atoms()
                        ],
                    }
                    for c in conditions
                ]
                for subject, conditions in self.subjects.items()
            },
        }


def _shown(subject: str) -> str:
    """A scheme file's path relative to the working directory when it lies below it."""
    path = Path(subject)
    if not path.is_absolute():
        return subject
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return subject


def _mark(value: bool, width: int) -> str:
    return f"{'yes' if value else '-':<{width}}"


def _percent(value: float) -> str:
    return f"{value:.1f}%"
