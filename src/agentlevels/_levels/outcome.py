"""What evaluating a level scheme found for one agent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from agentlevels._explain.progress import Progress, progress
from agentlevels._explain.why import WORDS, reasons_text, why_locale
from agentlevels._levels.level import Level
from agentlevels._levels.messages import level_message

if TYPE_CHECKING:
    from agentlevels._levels.scheme import LevelScheme

__all__ = ["LevelOutcome", "new_outcome"]

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

    def why(self, locale: str = "en") -> str:
        """Why the agent holds this level and not the next one: the atoms that decided.

        One line for the level held (what met its condition, or that it was
        held already) and one for the next level (what is not met yet), in
        English or Russian (``locale="ru"``).

        >>> from agentlevels import presets
        >>> outcome = presets.levels().evaluate(
        ...     {"answers": 320, "chats": 140, "rewards": 0, "punishments_p": None})
        >>> print(outcome.why())
        Amateur: answers 320 >= 250
        not Professional: answers 320 < 500 and chats 140 < 500
        """
        scheme = self[0]
        words = WORDS[why_locale(locale)]
        lines = []
        level = self.level
        if level is None:
            lines.append(words["no level"])
        else:
            trace = scheme.formula(level.rank).trace(self[3])
            said = reasons_text(trace, locale) if trace.value is True else words["held"]
            lines.append(f"{level.name_in(locale)}: {said}")
        following = self.next
        if following is not None:
            trace = scheme.formula(following.rank).trace(self[3])
            name = following.name_in(locale)
            if trace.value is None:
                name += f" ({words['unknown level']})"
            lines.append(f"{words['not']}{name}: {reasons_text(trace, locale)}")
        return "\n".join(lines)


def new_outcome(
    scheme: LevelScheme, rank: int, held: int, snapshot: Mapping[str, object]
) -> LevelOutcome:
    """The outcome of ``scheme`` for ``snapshot``: ``rank`` reached, ``held`` before."""
    return _new_tuple(LevelOutcome, (scheme, rank, held, snapshot, [_NOT_COMPUTED]))


# The name pickles of outcomes refer to.
_rebuild_outcome = new_outcome
