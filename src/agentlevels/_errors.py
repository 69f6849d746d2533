"""Every exception the library raises on purpose, in one tree under :class:`AgentLevelsError`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any, Self, TypeVar

from agentlevels._diagnostics import (
    LIMIT_CODES,
    SYNTAX_CODES,
    Diagnostic,
    Report,  # noqa: F401  # pickles written by 0.1 name agentlevels._errors.Report
    render_all,
)
from agentlevels._messages.message import require_locale


class AgentLevelsError(Exception):
    """Base of every exception the library raises on purpose."""


class FormulaError(AgentLevelsError, ValueError):
    """A formula could not be compiled; ``diagnostics`` lists every problem found."""

    def __init__(self, source: str, diagnostics: Sequence[Diagnostic]) -> None:
        self.source = source
        self.diagnostics = tuple(diagnostics)
        super().__init__(source, self.diagnostics)

    def __str__(self) -> str:
        # Rendered when shown, not when raised: a caller that catches the
        # error and looks at ``diagnostics`` pays nothing for the text.
        return self.render()

    def render(self, locale: str = "en") -> str:
        """The errors rendered as ``str(error)`` shows them, in ``locale`` (``"en"``, ``"ru"``)."""
        errors = (d for d in self.diagnostics if d.severity == "error")
        return render_all(errors, self.source, locale=require_locale(locale))

    def __reduce__(self) -> tuple[type[FormulaError], tuple[str, tuple[Diagnostic, ...]]]:
        return (type(self), (self.source, self.diagnostics))


class FormulaSyntaxError(FormulaError):
    """The text is not a formula: a bad character, word or operator order."""


class FormulaTypeError(FormulaError):
    """Operands of the wrong type, or a result of the wrong kind."""


class UnknownVariableError(FormulaError):
    """A ``$variable`` that the catalog does not hold."""


class FormulaLimitError(FormulaError):
    """The formula is too long, too deep, too big or has too long a number."""


def error_class(diagnostics: Sequence[Diagnostic]) -> type[FormulaError]:
    """The exception for a list of diagnostics: limits, then syntax, names, types."""
    codes = {d.code for d in diagnostics if d.severity == "error"}
    if codes & LIMIT_CODES:
        return FormulaLimitError
    if codes & SYNTAX_CODES:
        return FormulaSyntaxError
    if "unknown-variable" in codes:
        return UnknownVariableError
    return FormulaTypeError


class SnapshotError(AgentLevelsError, ValueError):
    """A snapshot cannot be evaluated."""


class MissingMetricError(SnapshotError, LookupError):
    """Metrics the formula uses are absent from the snapshot; ``names`` lists all of them."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        listed = ", ".join(f"{name!r}" for name in self.names)
        plural = "s" if len(self.names) > 1 else ""
        super().__init__(f"snapshot lacks metric{plural} {listed} (use None for unknown)")

    def __reduce__(self) -> tuple[type[MissingMetricError], tuple[tuple[str, ...]]]:
        return (type(self), (self.names,))


class InvalidMetricError(SnapshotError, TypeError):
    """A metric's value has the wrong type or is not finite."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        self.name = name
        self.value = value
        self.expected = expected
        super().__init__(f"metric {name!r} must be {expected}, not {_short_repr(value)}")

    def __reduce__(self) -> tuple[type[InvalidMetricError], tuple[str, object, str]]:
        return (type(self), (self.name, self.value, self.expected))


def _short_repr(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # a caller's object whose repr fails still gets a message
        text = f"<{type(value).__name__} object>"
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


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
        super().__init__(message)

    def __str__(self) -> str:
        where = []
        if self.rank is not None:
            where.append(f"level {self.rank}" + (f" ({self.key})" if self.key else ""))
        if self.field:
            where.append(self.field)
        text = f"{', '.join(where)}: {self.reason}" if where else self.reason
        if self.diagnostics and self.source is not None:
            text += "\n    " + render_all(self.diagnostics, self.source, "    ")
        return text


class UnknownLevelError(AgentLevelsError, ValueError):
    """``current`` names no level of the scheme."""


class SchemeFileError(AgentLevelsError, ValueError):
    """A data file (or the data read from it) is not valid.

    ``path`` is the file (``None`` for data that did not come from a file),
    ``key_path`` the place inside it (``levels[3].condition``; empty for the
    whole document), ``line``/``column`` the place in the text (1-based) when
    the format gives it (a syntax error, a byte that is not UTF-8), and
    ``diagnostics``/``source`` the formula problems when the bad value is a
    formula.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        key_path: str = "",
        line: int | None = None,
        column: int | None = None,
        diagnostics: Sequence[Diagnostic] = (),
        source: str | None = None,
    ) -> None:
        self.reason = message
        self.path = None if path is None else os.fspath(path)
        self.key_path = key_path
        self.line = line
        self.column = column
        self.diagnostics = tuple(diagnostics)
        self.source = source
        super().__init__(message)

    def __str__(self) -> str:
        # Rendered when shown, not when raised (see FormulaError).
        where = [part for part in (self.path, self.key_path) if part]
        text = f"{': '.join(where)}: {self.reason}" if where else self.reason
        if self.diagnostics and self.source is not None:
            text += "\n    " + render_all(self.diagnostics, self.source, "    ")
        return text

    def with_path(self, path: str | os.PathLike[str]) -> Self:
        """The same error, located in the file ``path``."""
        return self._copy(type(self), path)

    def _copy(self, cls: type[_E], path: str | os.PathLike[str] | None) -> _E:
        return cls(
            self.reason,
            path=path,
            key_path=self.key_path,
            line=self.line,
            column=self.column,
            diagnostics=self.diagnostics,
            source=self.source,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_error,
            (
                self.reason,
                self.path,
                self.key_path,
                self.diagnostics,
                self.source,
                self.line,
                self.column,
                type(self),
            ),
        )


_E = TypeVar("_E", bound=SchemeFileError)


def _rebuild_error(
    reason: str,
    path: str | None,
    key_path: str,
    diagnostics: tuple[Diagnostic, ...],
    source: str | None,
    line: int | None = None,
    column: int | None = None,
    cls: type[SchemeFileError] = SchemeFileError,
) -> SchemeFileError:
    # The first five parameters are those of pickles written before line and column.
    return cls(
        reason,
        path=path,
        key_path=key_path,
        line=line,
        column=column,
        diagnostics=diagnostics,
        source=source,
    )


class BadgeError(AgentLevelsError, ValueError):
    """A badge, a badge set or the windows passed to :func:`agentlevels.award` are not valid."""


class MissingWindowError(BadgeError, LookupError):
    """A badge needs a window that the ``windows`` mapping does not hold."""

    def __init__(self, badge: str, window: str, available: tuple[str, ...] = ()) -> None:
        self.badge = badge
        self.window = window
        self.available = tuple(available)
        have = ", ".join(repr(name) for name in self.available) or "none"
        super().__init__(
            f"badge {badge!r} needs window {window!r}, which was not given (windows given: {have})"
        )

    def __reduce__(self) -> tuple[type[MissingWindowError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.badge, self.window, self.available))


class RoutingError(AgentLevelsError, ValueError):
    """Routing data that cannot be used: a bad field, a duplicate id, an unknown group."""


class RoutingStateError(SchemeFileError, RoutingError):
    """A routing state (:class:`agentlevels.routing.RoutingState`) that cannot be read.

    Both a :class:`SchemeFileError`, like every problem in a data file, with
    its ``key_path`` (``operators[2].load``), and a :class:`RoutingError`,
    which is what reading a state has always raised.
    """

    @classmethod
    def from_error(cls, error: SchemeFileError) -> RoutingStateError:
        """``error``, with its location and formula details, as a routing state error."""
        return error._copy(cls, error.path)


class SQLError(AgentLevelsError, ValueError):
    """A formula, level scheme or badge set cannot be turned into SQL as asked.

    Raised for an unknown dialect, a malformed ``columns`` mapping, or a
    constant beyond the range of SQL's double precision.
    """


class SQLUnavailableError(AgentLevelsError, ImportError):
    """The SQL backend needs ``sqlglot``: ``pip install 'agentlevels[sql]'``."""


class QualityError(AgentLevelsError, ValueError):
    """A checklist, a review or a set of reviews is not valid.

    ``problems`` lists every problem found, each naming its place
    (``review c101 (anna): results.greet: ...``), so that a lead fixes a
    file in one pass instead of one error at a time.
    """

    def __init__(self, problems: Sequence[str] | str) -> None:
        self.problems = (problems,) if isinstance(problems, str) else tuple(problems)
        if len(self.problems) == 1:
            text = self.problems[0]
        else:
            text = f"{len(self.problems)} problems:\n" + "\n".join(
                f"  - {problem}" for problem in self.problems
            )
        super().__init__(text)

    def __reduce__(self) -> tuple[type[QualityError], tuple[tuple[str, ...]]]:
        return (type(self), (self.problems,))
