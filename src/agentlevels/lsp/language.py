"""The library's editor functions, as the server calls them: check, complete, hover.

Each takes a formula's text and offsets into it; :mod:`agentlevels.lsp.files`
maps them to and from the document's own text.
"""

from __future__ import annotations

from agentlevels._language.formula import check
from agentlevels._values import LOCALES
from agentlevels.lsp.files import Checker, FormulaKind, Problem

__all__ = ["checker", "locale_setting"]


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
