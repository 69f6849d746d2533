"""Levels: titles an agent earns once and keeps.

A :class:`LevelScheme` is an ordered ladder of :class:`Level` objects, each
with a condition in the formula language. Evaluating a snapshot gives the
highest level whose condition is met, but never less than the level the agent
already holds: a level, once reached, is permanent. The caller stores the
level it hands out and passes it back as ``current``.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._catalog import DEFAULT_CATALOG, Catalog
from agentlevels._errors import AgentLevelsError, Diagnostic, FormulaError
from agentlevels._explain import explain_node
from agentlevels._formula import Formula, compile

if TYPE_CHECKING:
    from agentlevels._progress import Progress

__all__ = [
    "Level",
    "LevelOutcome",
    "LevelScheme",
    "LevelSchemeError",
    "LocalizedText",
    "UnknownLevelError",
]

_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


class LocalizedText(Mapping[str, str]):
    """A text in several languages, by locale code; English (``"en"``) is required.

    ``str(text)`` is the English text; :meth:`in_locale` falls back to English.

    >>> name = LocalizedText({"en": "Novice", "ru": "Новичок"})
    >>> name.in_locale("ru"), name.in_locale("lv"), str(name)
    ('Новичок', 'Novice', 'Novice')
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str] | str) -> None:
        if isinstance(texts, str):
            texts = {"en": texts}
        if not isinstance(texts, Mapping):
            raise TypeError(f"a localized text is a string or a mapping, not {texts!r}")
        copied: dict[str, str] = {}
        for locale, text in texts.items():
            if not isinstance(locale, str) or not isinstance(text, str):
                raise TypeError(f"locale and text must be strings, not {locale!r}: {text!r}")
            copied[locale] = text
        if "en" not in copied:
            raise ValueError("a localized text needs an English ('en') version")
        self._texts = copied

    def __getitem__(self, locale: str) -> str:
        return self._texts[locale]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalizedText):
            return self._texts == other._texts
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._texts.items()))

    def __repr__(self) -> str:
        return f"LocalizedText({self._texts!r})"

    def __str__(self) -> str:
        return self._texts["en"]

    def __reduce__(self) -> tuple[type[LocalizedText], tuple[dict[str, str]]]:
        return (LocalizedText, (dict(self._texts),))

    def in_locale(self, locale: str = "en") -> str:
        """The text in ``locale``, or in English when there is none (or it is empty)."""
        return self._texts.get(locale) or self._texts["en"]


def _localized(value: LocalizedText | Mapping[str, str] | str) -> LocalizedText:
    return value if isinstance(value, LocalizedText) else LocalizedText(value)


def _check_rank(_: object, __: object, rank: Any) -> None:
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
        raise ValueError(f"a level's rank is a whole number from 1, not {rank!r}")


def _check_key(_: object, __: object, key: Any) -> None:
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(
            f"a level's key is a lower-case letter followed by lower-case letters, digits "
            f"or '_' (as in white_mage), not {key!r}"
        )


def _check_condition(_: object, __: object, condition: Any) -> None:
    if not isinstance(condition, str):
        raise TypeError(f"a level's condition is formula text, not {condition!r}")


@attrs.frozen
class Level:
    """One level of a scheme.

    ``rank`` is 1-based (1 is the lowest); ``key`` is a stable identifier to
    store (``"professional"``); ``name`` and ``description`` are localized
    (a plain string means English); ``condition`` is formula text, compiled
    once by the scheme that holds the level.

    >>> level = Level(6, "professional", {"en": "Professional", "ru": "Профессионал"},
    ...               condition="$answers >= 500 || $chats >= 500")
    >>> level.name_in("ru")
    'Профессионал'
    """

    rank: int = attrs.field(validator=_check_rank)
    key: str = attrs.field(validator=_check_key)
    name: LocalizedText = attrs.field(converter=_localized)
    description: LocalizedText = attrs.field(
        default=LocalizedText(""), converter=_localized, kw_only=True
    )
    condition: str = attrs.field(default="true", validator=_check_condition, kw_only=True)

    def name_in(self, locale: str = "en") -> str:
        """The name in ``locale``, falling back to English."""
        return self.name.in_locale(locale)

    def description_in(self, locale: str = "en") -> str:
        """The description in ``locale``, falling back to English."""
        return self.description.in_locale(locale)


class LevelSchemeError(AgentLevelsError, ValueError):
    """A scheme is not valid: which level (``rank``, ``key``, ``index`` in the list given),
    which field, and for a condition, the formula's ``source`` and ``diagnostics``."""

    def __init__(
        self,
        message: str,
        *,
        index: int | None = None,
        rank: int | None = None,
        key: str | None = None,
        field: str | None = None,
        source: str | None = None,
        diagnostics: Iterable[Diagnostic] = (),
    ) -> None:
        self.reason = message
        self.index = index
        self.rank = rank
        self.key = key
        self.field = field
        self.source = source
        self.diagnostics = tuple(diagnostics)
        where = []
        if rank is not None:
            where.append(f"level {rank}" + (f" ({key})" if key else ""))
        if field:
            where.append(field)
        text = f"{', '.join(where)}: {message}" if where else message
        if self.diagnostics and source is not None:
            rendered = "\n\n".join(d.render(source) for d in self.diagnostics)
            text += "\n" + "\n".join("    " + line for line in rendered.split("\n"))
        super().__init__(text)


class UnknownLevelError(AgentLevelsError, ValueError):
    """``current`` names no level of the scheme."""


Held: TypeAlias = "int | str | Level | None"


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

    __slots__ = ("_by_key", "_descending", "_ladder", "_size", "catalog", "formulas", "levels")

    levels: tuple[Level, ...]
    formulas: tuple[Formula, ...]
    catalog: Catalog
    _by_key: dict[str, Level]
    _descending: tuple[tuple[int, Formula], ...]
    _ladder: Callable[[object, int], int]
    _size: int

    def __init__(self, levels: Iterable[Level], *, catalog: Catalog | None = None) -> None:
        if catalog is None:
            catalog = DEFAULT_CATALOG
        if not isinstance(catalog, Catalog):
            raise TypeError(f"catalog must be a Catalog, not {type(catalog).__name__}")
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
        set_(self, "_ladder", ladder_function(formulas, self._climb))
        set_(self, "_size", len(ordered))

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
        """The rank the agent holds after ``snapshot`` (0 when no level is reached)."""
        return self._ladder(snapshot, 0 if current is None else self._rank_of(current))

    def evaluate(self, snapshot: Mapping[str, object], *, current: Held = None) -> LevelOutcome:
        """The level an agent holds given a fresh snapshot and the level already held.

        ``current`` is the rank, key or :class:`Level` held (``None``: none
        yet). The result is the highest level whose condition is met, but
        never below ``current``: a level is never lost. Raises the usual
        snapshot errors for a bad snapshot, and :class:`UnknownLevelError`
        for a ``current`` the scheme does not have.
        """
        if current is None:
            held = 0
        elif type(current) is int and 0 < current <= self._size:
            held = current
        else:
            held = self._rank_of(current)
        return _new_tuple(
            LevelOutcome, (self, self._ladder(snapshot, held), held, snapshot, [_NOT_COMPUTED])
        )

    def to_sql(
        self, table: str, *, current_level_column: str | None = None, dialect: str = "sqlite"
    ) -> str:
        """A query giving each row of ``table`` its level, in the database (``agentlevels[sql]``).

        Adds ``level_rank`` (0: none reached) and ``level_key`` to the table's
        columns; ``current_level_column`` holds the rank already held, which
        the level never drops below. See ``docs/sql.md``.
        """
        from agentlevels._sql import scheme_to_sql

        return scheme_to_sql(
            self, table, current_level_column=current_level_column, dialect=dialect
        )

    def lint(self) -> list[Diagnostic]:
        """Warnings for a scheme an administrator got wrong; see ``docs/levels.md``."""
        from agentlevels._level_lint import lint_scheme

        return lint_scheme(self)

    def to_dict(self) -> dict[str, Any]:
        """The scheme as JSON/TOML-ready data (the format of ``docs/level-scheme.schema.json``)."""
        return {
            "version": 1,
            "levels": [
                {
                    "rank": level.rank,
                    "key": level.key,
                    "name": dict(level.name),
                    "description": dict(level.description),
                    "condition": level.condition,
                }
                for level in self.levels
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, catalog: Catalog | None = None) -> LevelScheme:
        """A scheme from data as :meth:`to_dict` writes it.

        Every problem raises :class:`~agentlevels.SchemeFileError` with the key
        path of the bad value (``levels[3].condition``) and, for a condition,
        the formula's diagnostics.
        """
        from agentlevels._level_files import scheme_from_dict

        return scheme_from_dict(data, catalog=catalog)


def _rebuild_scheme(levels: tuple[Level, ...], catalog: Catalog) -> LevelScheme:
    return LevelScheme(levels, catalog=catalog)


_NOT_COMPUTED: Final = object()


_new_tuple = tuple.__new__


class LevelOutcome(tuple[Any, ...]):
    """What :meth:`LevelScheme.evaluate` found.

    ``level`` is the level now held (``None`` only when the lowest level's
    condition is not met and nothing was held), ``previous`` the level held
    before, ``reached`` the levels newly passed in ascending order (a jump
    from 3 to 6 lists 4, 5 and 6), ``next`` the level above (``None`` at the
    top) and :attr:`progress` the progress toward it (``None`` at the top).

    Outcomes are immutable. ``progress`` is computed from the snapshot when
    first read, so do not change the snapshot in between.
    """

    # A tuple underneath: evaluating a scheme for a whole team builds one outcome per
    # agent, and a tuple is the cheapest immutable object Python can build. The fields
    # (scheme, rank, rank held before, snapshot, progress cache) stay private.
    __slots__ = ()

    def __new__(cls, *args: object, **kwargs: object) -> LevelOutcome:
        raise TypeError("outcomes come from LevelScheme.evaluate")

    @property
    def level(self) -> Level | None:
        """The level now held."""
        rank: int = self[1]
        return self[0].levels[rank - 1] if rank else None

    @property
    def previous(self) -> Level | None:
        """The level held before (``current``)."""
        held: int = self[2]
        return self[0].levels[held - 1] if held else None

    @property
    def reached(self) -> tuple[Level, ...]:
        """The levels newly passed, lowest first."""
        levels: tuple[Level, ...] = self[0].levels
        return levels[self[2] : self[1]]

    @property
    def next(self) -> Level | None:
        """The level above the one held (``None`` at the top)."""
        levels: tuple[Level, ...] = self[0].levels
        rank: int = self[1]
        return levels[rank] if rank < len(levels) else None

    @property
    def promoted(self) -> bool:
        """True when at least one level was newly reached."""
        return bool(self[1] > self[2])

    @property
    def progress(self) -> Progress | None:
        """Progress toward :attr:`next` (``None`` at the top level)."""
        cache: list[Any] = self[4]
        if cache[0] is _NOT_COMPUTED:
            from agentlevels._progress import progress

            following = self.next
            cache[0] = (
                None if following is None else progress(self[0].formula(following.rank), self[3])
            )
        found: Progress | None = cache[0]
        return found

    def _fields(self) -> tuple[Any, ...]:
        return (self.level, self.previous, self.reached, self.next)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LevelOutcome):
            return NotImplemented
        return self._fields() == other._fields()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        def key(level: Level | None) -> str | None:
            return None if level is None else level.key

        return (
            f"LevelOutcome(level={key(self.level)!r}, previous={key(self.previous)!r}, "
            f"reached={tuple(level.key for level in self.reached)!r}, next={key(self.next)!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_outcome, (self[0], self[1], self[2], dict(self[3])))

    def __copy__(self) -> LevelOutcome:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> LevelOutcome:
        return self

    def message(self, locale: str = "en") -> str:
        """The level-up message: the level's description, then what the level took.

        >>> from agentlevels import presets
        >>> outcome = presets.levels().evaluate(
        ...     {"answers": 510, "chats": 0, "rewards": 0, "punishments_p": None})
        >>> print(outcome.message())  # doctest: +NORMALIZE_WHITESPACE
        You are a professional now: your answers are precise and to the point, and customers
        look forward to them. To reach this level, answer 500 tickets or 500 chats.
        """
        level = self.level
        if level is None:
            return ""
        return level_message(level, self[0].formula(level.rank), locale)


def _rebuild_outcome(
    scheme: LevelScheme, rank: int, held: int, snapshot: Mapping[str, object]
) -> LevelOutcome:
    return _new_tuple(LevelOutcome, (scheme, rank, held, snapshot, [_NOT_COMPUTED]))


def ladder_function(
    formulas: Sequence[Formula], slow: Callable[[object, int], int]
) -> Callable[[object, int], int]:
    """One function that finds the rank reached, for schemes whose conditions allow it.

    Each condition is already compiled to Python; calling twelve of them reads
    and type-checks the same metrics up to twelve times. This joins the
    compiler's code for every condition into one function that reads and checks
    each metric once, then tests the levels from the top down. Whenever a value
    is missing, unknown or not a finite number, it hands over to ``slow`` (one
    compiled formula per level), so results and errors are exactly the same.
    Conditions with arithmetic keep the per-formula path.
    """
    from agentlevels._checker import Checked
    from agentlevels._compiler import _GLOBALS, _Generator

    shared: dict[str, str] = {}
    tests: list[ast.stmt] = []
    catalog = formulas[0].catalog if formulas else None
    for rank in range(len(formulas), 0, -1):
        formula = formulas[rank - 1]
        checked = Checked(
            formula.node, formula.kind, formula.catalog, formula.variables, formula.warnings
        )
        generator = _Generator(checked)
        generator.locals = shared
        expression, _ = nodes.fold(formula.node, generator.visit)
        if generator.hoisted or generator.finite:
            return slow
        guard = ast.Compare(ast.Name("held", ast.Load()), [ast.Lt()], [ast.Constant(rank)])
        test = ast.BoolOp(ast.And(), [guard, expression])
        tests.append(ast.If(test, [ast.Return(ast.Constant(rank))], []))
    if catalog is None or not shared:
        return slow
    s = ast.Name("s", ast.Load())
    handover = ast.Return(
        ast.Call(ast.Name("_slow", ast.Load()), [s, ast.Name("held", ast.Load())], [])
    )
    reads: list[ast.stmt] = [
        ast.Assign(
            [ast.Name(local, ast.Store())], ast.Subscript(s, ast.Constant(metric), ast.Load())
        )
        for metric, local in shared.items()
    ]
    checks = [
        _Generator._type_test(local, catalog[metric].type == "boolean")
        for metric, local in shared.items()
    ]
    valid = checks[0] if len(checks) == 1 else ast.BoolOp(ast.And(), checks)
    body: list[ast.stmt] = [
        ast.Try(
            reads, [ast.ExceptHandler(ast.Name("Exception", ast.Load()), None, [handover])], [], []
        ),
        ast.If(valid, [*tests, ast.Return(ast.Name("held", ast.Load()))], []),
        handover,
    ]
    function = ast.FunctionDef(
        "ladder",
        ast.arguments([], [ast.arg("s"), ast.arg("held")], None, [], [], None, []),
        body,
        [],
        None,
    )
    module = ast.fix_missing_locations(ast.Module([function], []))
    code = builtins.compile(module, "<level ladder>", "exec")
    namespace: dict[str, Any] = {"__builtins__": {}, **_GLOBALS, "_slow": slow}
    # Generated from checked formula trees by the compiler's own generator, never from text.
    exec(code, namespace)
    ladder: Callable[[object, int], int] = namespace["ladder"]
    return ladder


def level_message(level: Level, formula: Formula, locale: str = "en") -> str:
    """A level's description followed by the sentence that says what it takes."""
    locale = "ru" if locale == "ru" else "en"
    node = formula.node
    if isinstance(node, nodes.Boolean) and node.value:
        took = (
            "Этот уровень есть у каждого с самого начала."
            if locale == "ru"
            else "Everyone starts at this level."
        )
    else:
        said = explain_node(node, locale)
        took = (
            f"Чтобы достичь этого уровня, {said}."
            if locale == "ru"
            else f"To reach this level, {said}."
        )
    description = level.description_in(locale).strip()
    return f"{description} {took}" if description else took
