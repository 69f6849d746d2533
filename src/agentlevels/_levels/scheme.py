"""Levels: titles an agent earns once and keeps.

A :class:`LevelScheme` is an ordered ladder of :class:`Level` objects, each
with a condition in the formula language. Evaluating a snapshot gives the
highest level whose condition is met, but never less than the level the agent
already holds: a level, once reached, is permanent. The caller stores the
level it hands out and passes it back as ``current``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic
from agentlevels._errors import FormulaError, LevelSchemeError, UnknownLevelError
from agentlevels._language.catalog import Catalog
from agentlevels._language.formula import Formula, compile, ladder_function
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.runtime import check_snapshot
from agentlevels._levels.compare import SchemeComparison, compare_schemes
from agentlevels._levels.document import file_error, levels_from_dict, levels_to_dict
from agentlevels._levels.level import Held, Level
from agentlevels._levels.lint import lint_scheme
from agentlevels._levels.outcome import LevelOutcome, new_outcome
from agentlevels._levels.sql import scheme_to_sql

__all__ = ["LevelScheme"]


class LevelScheme:
    """An ordered ladder of levels, validated on construction.

    Ranks must run 1..n without gaps, keys must be unique, and every
    condition must compile as a boolean formula against ``catalog`` (the
    default catalog unless given). Levels may be given in any order.

    >>> from agentlevels import presets
    >>> scheme = presets.levels()
    >>> outcome = scheme.evaluate({"answers": 640, "chats": 12, "rewards": 9,
    ...                            "punishments_p": 2.0}, current=3)
    >>> outcome.level.key, [level.rank for level in outcome.reached]
    ('professional', [4, 5, 6])
    """

    __slots__ = (
        "_by_key",
        "_descending",
        "_ladder",
        "_reads",
        "_size",
        "catalog",
        "formulas",
        "levels",
    )

    levels: tuple[Level, ...]
    formulas: tuple[Formula, ...]
    catalog: Catalog
    _by_key: dict[str, Level]
    _descending: tuple[tuple[int, Formula], ...]
    _ladder: Callable[[object, int], int]
    _reads: tuple[tuple[str, bool], ...]
    _size: int

    def __init__(self, levels: Iterable[Level], *, catalog: Catalog | None = None) -> None:
        if catalog is None:
            catalog = DEFAULT_CATALOG
        if not isinstance(catalog, Catalog):
            raise TypeError(f"catalog must be a Catalog, not {type(catalog).__name__}")
        given, order = _ordered(levels)
        formulas = _conditions(given, order, catalog)
        ordered = tuple(given[i] for i in order)
        set_ = object.__setattr__
        set_(self, "levels", ordered)
        set_(self, "formulas", tuple(formulas))
        set_(self, "catalog", catalog)
        set_(self, "_by_key", {level.key: level for level in ordered})
        # Highest first: evaluation stops at the first level met.
        set_(
            self, "_descending", tuple(zip(range(len(ordered), 0, -1), formulas[::-1], strict=True))
        )
        set_(self, "_size", len(ordered))
        # Every metric some condition reads, checked on every evaluation even
        # when the answer is known without it (the top level held).
        reads = (n.name for f in formulas for n in nodes.walk(f.node) if type(n) is nodes.Variable)
        boolean = {name for name, metric in catalog.items() if metric.type == "boolean"}
        set_(self, "_reads", tuple((name, name in boolean) for name in dict.fromkeys(reads)))
        # The fused ladder reads and checks every metric of every condition before
        # it tests a level, and hands anything it cannot read over to the checked
        # climb: so the snapshot is checked once, by whichever runs.
        set_(self, "_ladder", ladder_function(formulas, self._checked_climb))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("LevelScheme is immutable")

    def __len__(self) -> int:
        return len(self.levels)

    def __iter__(self) -> Iterator[Level]:
        return iter(self.levels)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LevelScheme):
            return NotImplemented
        return (self.levels, self.catalog) == (other.levels, other.catalog)

    def __hash__(self) -> int:
        return hash(self.levels)

    def __repr__(self) -> str:
        return f"LevelScheme({len(self.levels)} levels: {', '.join(self._by_key)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_scheme, (self.levels, self.catalog))

    @property
    def top(self) -> Level:
        """The highest level."""
        return self.levels[-1]

    def level(self, which: int | str | Level) -> Level:
        """The level with this rank or key (or the scheme's own copy of a level, by key)."""
        return self.levels[self._rank_of(which) - 1]

    def formula(self, which: int | str | Level) -> Formula:
        """The compiled condition of a level."""
        return self.formulas[self._rank_of(which) - 1]

    def _rank_of(self, which: object) -> int:
        if isinstance(which, Level):
            which = which.key
        if isinstance(which, str):
            found = self._by_key.get(which)
            if found is None:
                raise UnknownLevelError(
                    f"no level has key {which!r}; keys: {', '.join(self._by_key)}"
                )
            return found.rank
        if isinstance(which, bool) or not isinstance(which, int):
            raise UnknownLevelError(
                f"a level is given by rank (int), key (str) or Level, not {which!r}"
            )
        if not 1 <= which <= len(self.levels):
            raise UnknownLevelError(f"no level has rank {which}; ranks run 1..{len(self.levels)}")
        return which

    def _checked_climb(self, snapshot: object, held: int) -> int:
        """:meth:`_climb` after checking every metric the scheme reads."""
        check_snapshot(snapshot, self._reads, self.catalog)
        return self._climb(snapshot, held)

    def _climb(self, snapshot: object, held: int) -> int:
        """The rank reached: the highest level met above ``held``, else ``held``."""
        for rank, formula in self._descending:
            # Levels at or below the one held cannot change the outcome.
            if rank <= held:
                break
            if formula(snapshot):
                return rank
        return held

    def reached_rank(self, snapshot: Mapping[str, object], *, current: Held = None) -> int:
        """The rank the agent holds after ``snapshot`` (0 when no level is reached).

        ``current`` is the level held: ``None`` or 0 for none (as in SQL, where
        the held-rank column may be ``NULL`` or 0), a rank, a key or a :class:`Level`.
        """
        return self._ladder(snapshot, self._held(current))

    def _held(self, current: object) -> int:
        """The rank held: 0 for ``None`` or 0 (no level held), else a rank of the scheme."""
        if current is None or (type(current) is int and current == 0):
            return 0
        return self._rank_of(current)

    def evaluate(self, snapshot: Mapping[str, object], *, current: Held = None) -> LevelOutcome:
        """The level an agent holds given a fresh snapshot and the level already held.

        ``current`` is the rank, key or :class:`Level` held (``None`` or 0:
        none yet, the same two values SQL reads as "no level held"). The
        result is the highest level whose condition is met, but never below
        ``current``: a level is never lost. Raises the usual
        snapshot errors for a bad snapshot, and :class:`UnknownLevelError`
        for a ``current`` the scheme does not have.
        """
        if type(current) is int and 0 <= current <= self._size:
            held = current
        else:
            held = self._held(current)
        return new_outcome(self, self._ladder(snapshot, held), held, snapshot)

    def to_sql(
        self,
        table: str,
        *,
        current_level_column: str | None = None,
        dialect: str = "sqlite",
        columns: Mapping[str, object] | None = None,
    ) -> str:
        """A query giving each row of ``table`` its level, in the database (``agentlevels[sql]``).

        Adds ``level_rank`` (0: none reached) and ``level_key`` to the table's
        columns; ``current_level_column`` holds the rank already held, which
        the level never drops below; ``columns`` maps metric names to SQL
        column expressions. See ``docs/sql.md``.
        """
        return scheme_to_sql(
            self,
            table,
            current_level_column=current_level_column,
            dialect=dialect,
            columns=columns,
        )

    def compare(
        self,
        other: LevelScheme,
        team: Mapping[str, Mapping[str, object]],
        *,
        current: Mapping[str, Held] | None = None,
    ) -> SchemeComparison:
        """What replacing this scheme with ``other`` would do to ``team`` today.

        ``team`` maps agent id to snapshot; ``current`` maps agent id to the
        level held (rank or key, read in each scheme; agents missing from it
        hold none). Levels held are kept under both schemes. See
        :class:`SchemeComparison`.

        >>> from agentlevels import presets
        >>> stricter = LevelScheme([Level(1, "novice", "Novice"),
        ...     Level(2, "apprentice", "Apprentice", condition="$answers >= 20")])
        >>> team = {"ann": {"answers": 15, "chats": 0}, "bob": {"answers": 30, "chats": 0}}
        >>> diff = LevelScheme(presets.levels().levels[:2]).compare(stricter, team)
        >>> [(c.agent, c.before.key, c.after.key) for c in diff.changes]
        [('ann', 'apprentice', 'novice')]
        """
        if not isinstance(other, LevelScheme):
            raise TypeError(f"compare() takes another LevelScheme, not {type(other).__name__}")
        return compare_schemes(self, other, team, current)

    def lint(self) -> list[Diagnostic]:
        """Warnings for a scheme an administrator got wrong; see ``docs/levels.md``."""
        return lint_scheme(self)

    def to_dict(self) -> dict[str, Any]:
        """The scheme as JSON/TOML-ready data (the format of ``docs/level-scheme.schema.json``)."""
        return levels_to_dict(self.levels)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, catalog: Catalog | None = None) -> LevelScheme:
        """A scheme from data as :meth:`to_dict` writes it.

        Every problem raises :class:`~agentlevels.SchemeFileError` with the key
        path of the bad value (``levels[3].condition``) and, for a condition,
        the formula's diagnostics.
        """
        levels = levels_from_dict(data)
        try:
            return cls(levels, catalog=catalog)
        except LevelSchemeError as error:
            raise file_error(error) from None


def _ordered(levels: Iterable[Level]) -> tuple[list[Level], list[int]]:
    """The levels given, and their indexes by rank; ranks 1..n and keys unique."""
    given = list(levels)
    if not given:
        raise LevelSchemeError("a scheme needs at least one level")
    for index, level in enumerate(given):
        if not isinstance(level, Level):
            raise LevelSchemeError(f"expected a Level, got {level!r}", index=index)
    order = sorted(range(len(given)), key=lambda i: given[i].rank)
    keys: dict[str, int] = {}
    for expected, index in enumerate(order, start=1):
        level = given[index]
        if level.rank != expected:
            problem = "is listed twice" if level.rank < expected else f"expected {expected}"
            raise LevelSchemeError(
                f"ranks must run 1..{len(given)} without gaps; rank {level.rank} {problem}",
                index=index,
                rank=level.rank,
                key=level.key,
                field="rank",
            )
        if level.key in keys:
            raise LevelSchemeError(
                f"key {level.key!r} is already used by level {keys[level.key]}",
                index=index,
                rank=level.rank,
                key=level.key,
                field="key",
            )
        keys[level.key] = level.rank
    return given, order


def _conditions(given: list[Level], order: list[int], catalog: Catalog) -> list[Formula]:
    """Each level's condition compiled, lowest level first."""
    formulas = []
    for index in order:
        level = given[index]
        try:
            formulas.append(compile(level.condition, catalog=catalog))
        except FormulaError as error:
            raise LevelSchemeError(
                "the condition is not a valid formula",
                index=index,
                rank=level.rank,
                key=level.key,
                field="condition",
                source=error.source,
                diagnostics=error.diagnostics,
            ) from None
    return formulas


def _rebuild_scheme(levels: tuple[Level, ...], catalog: Catalog) -> LevelScheme:
    return LevelScheme(levels, catalog=catalog)
