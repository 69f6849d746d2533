"""Diagnostics and reports: one problem found in a formula, all of them, and the one renderer.

Rendering is proportionate whatever the input: at most :data:`MAX_DIAGNOSTICS`
per formula, long lines windowed around the caret, long messages clipped, and
control characters shown as their Unicode pictures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from agentlevels._messages.message import Message, message, require_locale
from agentlevels._positions import Positions, line_column, to_units

__all__ = [
    "LIMIT_CODES",
    "MAX_DIAGNOSTICS",
    "SUMMARY_CODES",
    "SYNTAX_CODES",
    "Diagnostic",
    "Report",
    "Severity",
    "cap_diagnostics",
    "render_all",
]

Severity: TypeAlias = Literal["error", "warning"]

# Which exception a diagnostic code raises; codes not listed are type errors.
SYNTAX_CODES = frozenset(
    {
        "empty-formula",
        "unexpected-character",
        "unexpected-token",
        "unexpected-end",
        "unclosed-parenthesis",
        "unmatched-parenthesis",
        "assignment-operator",
        "word-operator",
        "single-ampersand",
        "single-pipe",
        "missing-dollar",
        "comma-decimal",
        "chained-comparison",
        "invalid-number",
        "invalid-variable",
        "non-latin-name",
        "lookalike-letter",
        "function-call",
    }
)


LIMIT_CODES = frozenset(
    {"too-long", "too-deep", "too-many-nodes", "number-too-long", "number-too-small"}
)


# The count of diagnostics left out (see cap_diagnostics); it decides no exception class.
SUMMARY_CODES = frozenset({"more-errors"})


def _default_end_line(diagnostic: Diagnostic) -> int:
    return diagnostic.line


def _default_end_column(diagnostic: Diagnostic) -> int:
    # Without the text, the span is taken to lie on one line.
    return diagnostic.column + max(0, diagnostic.end - diagnostic.start)


def _check_positions(positions: object) -> Positions:
    if positions == "code-points" or positions == "utf-16":
        return positions
    raise ValueError(f"positions must be 'code-points' or 'utf-16', not {positions!r}")


@attrs.frozen
class Diagnostic:
    """One problem found in a formula, located in its text.

    ``start``/``end`` are character (code point) offsets, end exclusive;
    ``line``/``column`` (1-based) belong to ``start`` and
    ``end_line``/``end_column`` to ``end``. ``code`` is stable and documented
    in ``docs/errors.md``. ``message`` and ``hint`` are English;
    :meth:`message_in` and :meth:`hint_in` give them in any shipped locale,
    from ``localized``/``localized_hint`` (a message key and its arguments),
    which a diagnostic made by hand may leave out (it then reads English
    everywhere). Equality compares what is shown in English and where.
    """

    severity: Severity
    code: str
    message: str
    start: int
    end: int
    line: int
    column: int
    hint: str | None = None
    end_line: int = attrs.field(
        kw_only=True, default=attrs.Factory(_default_end_line, takes_self=True)
    )
    end_column: int = attrs.field(
        kw_only=True, default=attrs.Factory(_default_end_column, takes_self=True)
    )
    localized: Message | None = attrs.field(kw_only=True, default=None, eq=False, repr=False)
    localized_hint: Message | None = attrs.field(kw_only=True, default=None, eq=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return _state(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Pickles written by 0.1 lack the end and the message keys.
        line, column = state["line"], state["column"]
        width = max(0, state["end"] - state["start"])
        defaults = {"end_line": line, "end_column": column + width}
        _restore(self, defaults | {"localized": None, "localized_hint": None} | state)

    @classmethod
    def of(
        cls,
        severity: Severity,
        code: str,
        message: Message,
        source: str,
        start: int,
        end: int,
        hint: Message | None = None,
    ) -> Diagnostic:
        """A diagnostic over ``source[start:end]``, its texts from message keys."""
        line, column = line_column(source, start)
        end_line, end_column = line_column(source, end)
        return cls(
            severity,
            code,
            str(message),
            start,
            end,
            line,
            column,
            None if hint is None else str(hint),
            end_line=end_line,
            end_column=end_column,
            localized=message,
            localized_hint=hint,
        )

    @property
    def message_key(self) -> str | None:
        """The stable key of the message's text (None for a diagnostic made by hand)."""
        return None if self.localized is None else self.localized.key

    def message_in(self, locale: str) -> str:
        """The message in ``locale``, one of ``agentlevels._values.LOCALES``."""
        require_locale(locale)
        return self.message if self.localized is None else self.localized.text(locale)

    def hint_in(self, locale: str) -> str | None:
        """The hint in ``locale`` (None when there is no hint)."""
        require_locale(locale)
        if self.localized_hint is None or self.hint is None:
            return self.hint
        return self.localized_hint.text(locale)

    def retold(self, message: Message, hint: Message | None = None) -> Diagnostic:
        """This diagnostic with another message (and hint, when given)."""
        changes: dict[str, Any] = {"message": str(message), "localized": message}
        if hint is not None:
            changes |= {"hint": str(hint), "localized_hint": hint}
        return attrs.evolve(self, **changes)

    def placed(self, source: str) -> Diagnostic:
        """This diagnostic with its lines and columns counted in ``source``."""
        line, column = line_column(source, self.start)
        end_line, end_column = line_column(source, self.end)
        return attrs.evolve(
            self, line=line, column=column, end_line=end_line, end_column=end_column
        )

    def to_dict(
        self,
        locale: str | None = None,
        positions: Positions = "code-points",
        *,
        source: str | None = None,
    ) -> dict[str, Any]:
        """The diagnostic as JSON-ready data, for an editor that underlines the span.

        ``locale`` (English unless told; ``None`` too) is the language of
        ``message`` and ``hint``. ``positions="utf-16"`` gives ``start``,
        ``end``, ``column`` and ``end_column`` in UTF-16 code units (as
        JavaScript and LSP count); it needs the ``source`` the diagnostic
        was found in.
        """
        locale = "en" if locale is None else locale
        data = {
            "severity": self.severity,
            "code": self.code,
            "message": self.message_in(locale),
            "hint": self.hint_in(locale),
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message_key": self.message_key,
        }
        if _check_positions(positions) == "utf-16":
            if source is None:
                raise ValueError("positions='utf-16' needs the source the diagnostic is in")
            data["start"], data["column"] = to_units(source, self.start, "utf-16")
            data["end"], data["end_column"] = to_units(source, self.end, "utf-16")
        return data

    def render(self, source: str, locale: str = "en") -> str:
        """``line:col``, the source line, a caret under the span, the message and hint.

        A line longer than :data:`WINDOW` characters is shown as a window of
        about that many characters around the caret, with ``…`` where it is cut.
        """
        line_start = max(0, min(self.start - (self.column - 1), len(source)))
        line_end = source.find("\n", line_start)
        if line_end < 0:
            line_end = len(source)
        start, end = _window(line_start, line_end, self.start)
        shown = source[start:end]
        column = max(0, self.start - start)
        if start > line_start:
            shown, column = "…" + shown, column + 1
        if end < line_end:
            shown += "…"
        width = max(1, min(self.end, end) - self.start)
        gutter = str(self.line)
        pad = " " * len(gutter)
        heading = message(
            "rendered-heading",
            severity=message(f"severity-{self.severity}"),
            code=self.code,
            line=str(self.line),
            column=str(self.column),
            message=_clip(self.message_in(locale)),
        )
        out = [
            heading.text(locale),
            f"{pad} |",
            f"{gutter} | {_visible(shown)}",
            f"{pad} | {' ' * column}{'^' * width}",
        ]
        hint = self.hint_in(locale)
        if hint:
            said = message("rendered-hint", hint=_clip(hint)).text(locale)
            out.append(f"{pad} = {said}")
        return "\n".join(out)


def _state(value: Diagnostic | Report) -> dict[str, Any]:
    return {field.name: getattr(value, field.name) for field in attrs.fields(type(value))}


def _restore(value: Diagnostic | Report, state: dict[str, Any]) -> None:
    for name, item in state.items():
        object.__setattr__(value, name, item)


def _visible(line: str) -> str:
    # Tabs would misalign the caret: one space each. Other control characters
    # (ESC could colour or rewrite a terminal) show as their Unicode control
    # pictures, one column wide like the character itself: ESC as \u241b.
    return line.replace("\t", " ").replace("\r", " ").translate(_CONTROL_PICTURES)


_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}


def _clip(text: str) -> str:
    # A message quotes what was written, which may be a 10,000-letter word.
    if len(text) <= 2 * WINDOW:
        return text
    return text[: WINDOW + WINDOW // 2] + "…" + text[-WINDOW // 4 :]


WINDOW = 100
"""The widest source line a rendered diagnostic shows; longer lines are cut around the caret."""


MAX_DIAGNOSTICS = 50
"""Diagnostics kept per formula; the rest are counted in one ``more-errors`` diagnostic."""


def _window(line_start: int, line_end: int, caret: int) -> tuple[int, int]:
    """The offsets of the part of a line to show around ``caret``."""
    if line_end - line_start <= WINDOW:
        return line_start, line_end
    # A third of the window before the caret, the rest after, as rustc and ruff do.
    start = max(line_start, min(caret - WINDOW // 3, line_end - WINDOW))
    return start, min(line_end, start + WINDOW)


def cap_diagnostics(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """At most :data:`MAX_DIAGNOSTICS` diagnostics; beyond, the first errors and a count.

    Errors are kept before warnings, so that a flood of warnings never hides
    an error; the kept ones stay in text order.
    """
    if len(diagnostics) <= MAX_DIAGNOSTICS:
        return list(diagnostics)
    ranked = sorted(range(len(diagnostics)), key=lambda i: diagnostics[i].severity != "error")
    keep = sorted(ranked[: MAX_DIAGNOSTICS - 1])
    first_dropped = diagnostics[min(ranked[MAX_DIAGNOSTICS - 1 :])]
    dropped = len(diagnostics) - len(keep)
    errors = any(diagnostics[i].severity == "error" for i in ranked[MAX_DIAGNOSTICS - 1 :])
    summary = attrs.evolve(
        first_dropped,
        severity="error" if errors else "warning",
        code="more-errors",
    ).retold(
        message("more-problems" if errors else "more-warnings", count=dropped),
        message("hint-fix-first"),
    )
    return [*(diagnostics[i] for i in keep), summary]


@attrs.frozen
class Report:
    """What :func:`agentlevels.check` found: every error and warning, in text order.

    ``locale`` is the one :func:`~agentlevels.check` was asked for: the
    default of :meth:`render` and :meth:`to_dict`.
    """

    source: str
    diagnostics: tuple[Diagnostic, ...] = ()
    locale: str = attrs.field(
        default="en", kw_only=True, validator=lambda _, __, v: require_locale(v)
    )

    def __getstate__(self) -> dict[str, Any]:
        return _state(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        _restore(self, {"locale": "en"} | state)  # pickles written by 0.1 have no locale

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``"error"``, in text order."""
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``"warning"``, in text order."""
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def to_dict(
        self, locale: str | None = None, positions: Positions = "code-points"
    ) -> dict[str, Any]:
        """The report as JSON-ready data: the source, ``ok`` and every diagnostic.

        ``locale`` (by default the report's) is the language of messages and
        hints; ``positions="utf-16"`` counts offsets and columns in UTF-16
        code units, as JavaScript editors and LSP do (the default counts code
        points, as Python does).
        """
        locale = self.locale if locale is None else require_locale(locale)
        return {
            "source": self.source,
            "ok": self.ok,
            "locale": locale,
            "positions": _check_positions(positions),
            "diagnostics": [
                d.to_dict(locale, positions, source=self.source) for d in self.diagnostics
            ],
        }

    def render(self, locale: str | None = None) -> str:
        """Every diagnostic rendered (``line:col``, its line, a caret, the hint).

        ``locale`` defaults to the report's own.
        """
        locale = self.locale if locale is None else require_locale(locale)
        return render_all(self.diagnostics, self.source, locale=locale)


def render_all(
    diagnostics: Iterable[Diagnostic], source: str, indent: str = "", locale: str = "en"
) -> str:
    """``diagnostics`` rendered one after another, each line after the first indented."""
    rendered = "\n\n".join(d.render(source, locale) for d in diagnostics)
    return rendered.replace("\n", "\n" + indent) if indent else rendered
