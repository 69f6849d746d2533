"""Diagnostics and reports: one problem found in a formula, all of them, and the one renderer.

Rendering is proportionate whatever the input: at most :data:`MAX_DIAGNOSTICS`
per formula, long lines windowed around the caret, long messages clipped, and
control characters shown as their Unicode pictures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias

import attrs

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
    }
)


LIMIT_CODES = frozenset(
    {"too-long", "too-deep", "too-many-nodes", "number-too-long", "number-too-small"}
)


# The count of diagnostics left out (see cap_diagnostics); it decides no exception class.
SUMMARY_CODES = frozenset({"more-errors"})


@attrs.frozen
class Diagnostic:
    """One problem found in a formula, located in its text.

    ``start``/``end`` are character offsets (end exclusive); ``line`` and
    ``column`` are 1-based and belong to ``start``. ``code`` is stable and
    documented in ``docs/errors.md``.
    """

    severity: Severity
    code: str
    message: str
    start: int
    end: int
    line: int
    column: int
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The diagnostic as JSON-ready data, for an editor that underlines the span."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
        }

    def render(self, source: str) -> str:
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
        out = [
            f"{self.severity}[{self.code}] at {self.line}:{self.column}: {_clip(self.message)}",
            f"{pad} |",
            f"{gutter} | {_visible(shown)}",
            f"{pad} | {' ' * column}{'^' * width}",
        ]
        if self.hint:
            out.append(f"{pad} = hint: {_clip(self.hint)}")
        return "\n".join(out)


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
        message=f"and {dropped:,} more {'problems' if errors else 'warnings'}, not shown",
        hint="fix the ones above first; the rest are often the same mistake",
    )
    return [*(diagnostics[i] for i in keep), summary]


@attrs.frozen
class Report:
    """What :func:`agentlevels.check` found: every error and warning, in text order."""

    source: str
    diagnostics: tuple[Diagnostic, ...] = ()

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

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: the source, ``ok`` and every diagnostic."""
        return {
            "source": self.source,
            "ok": self.ok,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }

    def render(self) -> str:
        """Every diagnostic rendered (``line:col``, its line, a caret, the hint)."""
        return render_all(self.diagnostics, self.source)


def render_all(diagnostics: Iterable[Diagnostic], source: str, indent: str = "") -> str:
    """``diagnostics`` rendered one after another, each line after the first indented."""
    rendered = "\n\n".join(d.render(source) for d in diagnostics)
    return rendered.replace("\n", "\n" + indent) if indent else rendered
