"""The library's editor functions, as the server calls them: check, complete, hover.

Each takes a formula's text and offsets into it (code points); the server
maps them to and from the document's own text.
"""

from __future__ import annotations

import re

import attrs

from agentlevels._language.formula import check
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._values import LOCALES
from agentlevels.lsp.files import Checker, FormulaKind, Problem

__all__ = ["Suggestion", "Tip", "checker", "locale_setting", "suggestions", "tip"]

HINT = {"en": "hint", "ru": "подсказка"}
"""The word before a diagnostic's hint, in every shipped locale."""


def locale_setting(value: object, current: str = "en") -> str:
    """The locale a client's setting asks for; anything not shipped keeps ``current``."""
    return value if isinstance(value, str) and value in LOCALES else current


def checker(locale: str) -> Checker:
    """A function checking a formula's text, with messages in ``locale``."""

    def run(text: str, kind: FormulaKind) -> list[Problem]:
        report = check(text, kind=kind)
        return [
            Problem(d.start, d.end, d.severity, d.code, d.message, d.hint)
            for d in report.diagnostics
        ]

    return run


@attrs.frozen
class Suggestion:
    """A completion: ``insert_text`` replaces the formula's text from ``start`` to ``end``."""

    label: str
    kind: str
    detail: str
    documentation: str
    start: int
    end: int
    insert_text: str


@attrs.frozen
class Tip:
    """What the text from ``start`` to ``end`` is: a title and lines of plain text."""

    start: int
    end: int
    title: str
    contents: str


_NAME = re.compile(r"\$[A-Za-z0-9_]*")


def _name_at(text: str, offset: int) -> re.Match[str] | None:
    offset = max(0, min(offset, len(text)))
    return next((m for m in _NAME.finditer(text) if m.start() < offset <= m.end()), None)


def suggestions(text: str, offset: int, kind: FormulaKind, locale: str) -> list[Suggestion]:
    """The completions at ``offset`` in a formula's text."""
    name = _name_at(text, offset)
    if name is None:
        return []
    prefix = text[name.start() + 1 : offset]
    return [
        Suggestion(
            metric.name,
            "metric",
            metric.type,
            metric.description_in(locale),
            name.start(),
            name.end(),
            "$" + metric.name,
        )
        for metric in DEFAULT_CATALOG.values()
        if metric.name.startswith(prefix)
    ]


def tip(text: str, offset: int, kind: FormulaKind, locale: str) -> Tip | None:
    """What is under ``offset`` in a formula's text, or None."""
    name = _name_at(text, offset + 1) or _name_at(text, offset)
    metric = None if name is None else DEFAULT_CATALOG.get(name.group()[1:])
    if name is None or metric is None:
        return None
    return Tip(name.start(), name.end(), name.group(), metric.description_in(locale))
