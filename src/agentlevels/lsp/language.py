"""The library's editor functions, as the server calls them: check, complete, hover.

Each takes a formula's text and offsets into it (code points); the server
maps them to and from the document's own text.
"""

from __future__ import annotations

from agentlevels._diagnostics import Diagnostic
from agentlevels._editor.completion import Completion, complete
from agentlevels._editor.hover import Hover, hover
from agentlevels._errors import FormulaError
from agentlevels._language.catalog import Catalog
from agentlevels._language.formula import check, format_formula
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._messages.words import WORD_TEXTS
from agentlevels._values import LOCALES
from agentlevels.lsp.files import Checker, FormulaKind, Problem

__all__ = ["canonical_text", "checker", "locale_setting", "suggestions", "tip"]


def locale_setting(value: object, current: str = "en") -> str:
    """The locale a client's setting asks for; anything not shipped keeps ``current``."""
    return value if isinstance(value, str) and value in LOCALES else current


def checker(locale: str, catalog: Catalog = DEFAULT_CATALOG) -> Checker:
    """A function checking a formula's text against ``catalog``, with messages in ``locale``."""

    def run(text: str, kind: FormulaKind) -> list[Problem]:
        report = check(text, kind=kind, catalog=catalog)
        return [_problem(diagnostic, locale) for diagnostic in report.diagnostics]

    return run


def _problem(diagnostic: Diagnostic, locale: str) -> Problem:
    """The diagnostic with its message and hint in ``locale``, the word "hint" too."""
    message, hint = diagnostic.message_in(locale), diagnostic.hint_in(locale)
    if hint:
        message += "\n" + WORD_TEXTS["rendered-hint"][locale].format(hint=hint)
    return Problem(diagnostic.start, diagnostic.end, diagnostic.severity, diagnostic.code, message)


def suggestions(
    text: str, offset: int, kind: FormulaKind, locale: str, catalog: Catalog = DEFAULT_CATALOG
) -> list[Completion]:
    """The completions at ``offset`` in a formula's text."""
    return complete(text, offset, kind=kind, locale=locale, catalog=catalog)


def tip(
    text: str, offset: int, kind: FormulaKind, locale: str, catalog: Catalog = DEFAULT_CATALOG
) -> Hover | None:
    """What is under ``offset`` in a formula's text, or None."""
    return hover(text, offset, kind=kind, locale=locale, catalog=catalog)


def canonical_text(text: str) -> str | None:
    """The formula's canonical text (``agentlevels format``), or None if it has errors.

    A final line break, which editors add, is kept.
    """
    body = text.rstrip("\r\n")
    try:
        canonical = format_formula(body)
    except FormulaError:
        return None
    return canonical + text[len(body) :]
