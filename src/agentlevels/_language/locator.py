"""Offsets to lines and columns for one text, and diagnostics placed in it.

The scanner, the parser and the grammar errors place every diagnostic
through one :class:`Locator` per text: the line starts are found once, and
each offset is placed by a binary search.
"""

from __future__ import annotations

import bisect
import re

import attrs

from agentlevels._diagnostics import Diagnostic, Severity
from agentlevels._messages.message import Message
from agentlevels.nodes import Span


class Locator:
    """Offsets to 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def span(self, start: int, end: int) -> Span:
        line = bisect.bisect_right(self._line_starts, start)
        return Span(start, end, line, start - self._line_starts[line - 1] + 1)

    def diagnostic(
        self, code: str, message: Message, start: int, end: int, hint: Message | None = None
    ) -> Diagnostic:
        """An error over ``start:end``, its texts from message keys (see ``_messages``)."""
        return self.located("error", code, message, start, max(end, start), hint)

    def located(
        self,
        severity: Severity,
        code: str,
        message: Message,
        start: int,
        end: int,
        hint: Message | None = None,
    ) -> Diagnostic:
        span, last = self.span(start, end), self.span(end, end)
        return Diagnostic(
            severity,
            code,
            str(message),
            start,
            end,
            span.line,
            span.column,
            None if hint is None else str(hint),
            end_line=last.line,
            end_column=last.column,
            localized=message,
            localized_hint=hint,
        )

    def worded(self, wording: tuple[str, Message, Message], start: int, end: int) -> Diagnostic:
        """An error over ``start:end`` from a code, a message and a hint."""
        code, message, hint = wording
        return self.diagnostic(code, message, start, end, hint)

    def moved(self, diagnostic: Diagnostic, start: int, end: int) -> Diagnostic:
        """``diagnostic`` placed over ``start:end`` (a mistake repeated in the text)."""
        first, last = self.span(start, start), self.span(end, end)
        return attrs.evolve(
            diagnostic,
            start=start,
            end=end,
            line=first.line,
            column=first.column,
            end_line=last.line,
            end_column=last.column,
        )
