"""Completion at a cursor: what may be typed there, best first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, TypeAlias

import attrs

from agentlevels._editor import words
from agentlevels._editor.context import (
    ARITHMETIC,
    OPERANDS,
    Scanned,
    expected_types,
    following_operators,
    open_parentheses,
    scanned,
)
from agentlevels._language.catalog import Catalog, Metric, ValueType
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.names import WORD_OPERATORS
from agentlevels._language.scanner import Token

CompletionKind: TypeAlias = Literal["metric", "operator", "keyword", "symbol"]

_KINDS = ("boolean", "number")
# Lexemes that begin a longer operator: `>` may become `>=`, `&` `&&`.
_PARTIAL = frozenset({">", "<", "=", "!", "&", "|"})


@attrs.frozen
class Completion:
    """One thing that may be typed at the cursor.

    ``label`` is what a list shows (``$chats``, ``>=``, ``true``); ``kind`` is
    ``"metric"``, ``"operator"``, ``"keyword"`` or ``"symbol"`` (``$``, ``(``,
    ``)``); ``detail`` a short line (a metric's type and unit, an operator's
    meaning); ``documentation`` the longer text (a metric's description).
    Accepting it replaces ``text[start:end]`` (offsets in code points) with
    ``insert_text``.
    """

    label: str
    kind: CompletionKind
    detail: str
    documentation: str
    start: int
    end: int
    insert_text: str


def check_arguments(text: object, offset: object, catalog: object, kind: object) -> None:
    """The ``TypeError``/``ValueError`` for arguments of the wrong kind (not for bad text)."""
    if not isinstance(text, str):
        raise TypeError(f"a formula is text (str), not {type(text).__name__}")
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise TypeError(f"an offset is an int, not {type(offset).__name__}")
    if not isinstance(catalog, Catalog):
        raise TypeError(f"catalog must be a Catalog, not {type(catalog).__name__}")
    if kind not in _KINDS:
        raise ValueError(f"kind must be 'boolean' or 'number', not {kind!r}")


def complete(
    text: str,
    offset: int,
    *,
    catalog: Catalog = DEFAULT_CATALOG,
    kind: str = "boolean",
    locale: str = "en",
) -> list[Completion]:
    """What may be typed at ``offset`` in ``text``, best first.

    Inside a name (or after ``$``), the metrics that match what is typed;
    after an operand, the operators that fit its type and then ``)`` when a
    ``(`` is open; at the start and after an operator, ``$``, ``(``, ``!``,
    ``-``, ``true``, ``false`` (those that fit) and then every metric; inside
    a number or an operator, nothing.
    ``offset`` counts code points and is clamped into the text. Never raises
    for any text; a ``TypeError``/``ValueError`` for arguments of the wrong
    kind, as ``check``.

    >>> [c.label for c in complete("$ch", 3)][:3]
    ['$chats', '$chats_ph', '$chat_answers']
    >>> [c.label for c in complete("$answers ", 9)][:4]
    ['>=', '>', '<=', '<']
    """
    check_arguments(text, offset, catalog, kind)
    locale = words.check_locale(locale)
    where = scanned(text, offset)
    touching = where.touching()
    if touching is not None and _is_name(touching):
        return _names(where, touching, catalog, kind, locale)
    if touching is not None and where.offset < touching.end:
        return []  # inside a number or an operator: nothing fits there
    before = where.before
    if touching is not None and touching.text in _PARTIAL and _operand_before(before[:-1]):
        operators = _operators(where, before[:-1], catalog, kind, locale)
        chosen = [c for c in operators if c.label.startswith(touching.text)]
        return [attrs.evolve(c, start=touching.start, insert_text=c.label) for c in chosen]
    previous = before[-1] if before else None
    if previous is not None and _ends_operand(previous):
        return _operators(where, before, catalog, kind, locale)
    return _starters(where, previous, catalog, kind, locale)


def _is_name(token: Token) -> bool:
    """A metric name, or what may be the start of one (``$``, ``$Ch``, a bare word)."""
    if token.kind == "VARIABLE" or token.text.startswith("$"):
        return True
    return token.kind in ("BAD", "TRUE", "FALSE") and (
        token.text[:1].isalpha() or token.text[:1] == "_"
    )


def _operand_before(tokens: tuple[Token, ...]) -> bool:
    return bool(tokens) and _ends_operand(tokens[-1])


def _ends_operand(token: Token) -> bool:
    if token.kind in OPERANDS:
        return True
    # A mistaken name still ends an operand; a word operator does not.
    return token.kind == "BAD" and _is_name(token) and token.text.lower() not in WORD_OPERATORS


def _names(
    where: Scanned, token: Token, catalog: Catalog, kind: str, locale: str
) -> list[Completion]:
    typed = where.text[token.start : where.offset]
    found = [
        _metric(catalog[name], token.start, token.end, locale)
        for name in catalog.search(typed, locale=locale)
    ]
    if typed.startswith("$"):
        return found
    keywords = [
        _keyword(word, token.start, token.end, locale)
        for word in ("true", "false")
        if kind == "boolean" and word.startswith(typed.lower())
    ]
    return keywords + found


def _operators(
    where: Scanned, before: tuple[Token, ...], catalog: Catalog, kind: str, locale: str
) -> list[Completion]:
    fitting = following_operators(where.text, before, catalog)
    if kind == "number":
        symbols: Iterable[str] = [s for s in ARITHMETIC if s in fitting]
    elif any(left == "number" for left in fitting.values()):
        # After a number a condition needs a comparison first.
        symbols = sorted(fitting, key=lambda s: s in ARITHMETIC)
    else:
        symbols = fitting
    spaced = where.offset > 0 and not where.text[where.offset - 1].isspace()
    found = [
        _operator(symbol, f" {symbol} " if spaced else f"{symbol} ", where.offset, locale)
        for symbol in symbols
    ]
    if open_parentheses(before):
        found.append(_symbol(")", ")", where.offset, locale))
    return found


def _starters(
    where: Scanned, previous: Token | None, catalog: Catalog, kind: str, locale: str
) -> list[Completion]:
    types = expected_types(previous, kind)
    at = where.offset
    found = [_symbol("$", "$", at, locale), _symbol("(", "(", at, locale)]
    if "boolean" in types:
        found.append(_prefix("!", at, locale))
    if "number" in types:  # here a `-` can only be a prefix
        found.append(_prefix("-", at, locale))
    if "boolean" in types:
        found += [_keyword(word, at, at, locale) for word in ("true", "false")]
    found += [_metric(m, at, at, locale) for m in catalog.values() if m.type in types]
    return found


def _metric(metric: Metric, start: int, end: int, locale: str) -> Completion:
    return Completion(
        f"${metric.name}",
        "metric",
        metric_detail(metric, locale),
        metric.description_in(locale),
        start,
        end,
        f"${metric.name}",
    )


def metric_detail(metric: Metric, locale: str) -> str:
    """A metric's type and unit in words: "number, count per hour"."""
    kind = type_word(metric.type, locale)
    unit = str(metric.unit)
    return (
        kind if metric.type == "boolean" or unit == "1" else f"{kind}, {words.unit(unit, locale)}"
    )


def type_word(value_type: ValueType, locale: str) -> str:
    """ "number" or "condition", in ``locale``."""
    return words.term(value_type, locale)


def _operator(symbol: str, insert: str, at: int, locale: str) -> Completion:
    meaning = words.operator(symbol, locale)
    return Completion(symbol, "operator", meaning, precedence_line(symbol, locale), at, at, insert)


def _prefix(symbol: str, at: int, locale: str) -> Completion:
    key = f"{symbol}x"
    meaning = words.operator(key, locale)
    return Completion(symbol, "operator", meaning, precedence_line(key, locale), at, at, symbol)


def precedence_line(key: str, locale: str) -> str:
    """ "precedence: level 4 of 6 (1 binds tightest)", in ``locale``."""
    level = words.PRECEDENCE[key]
    return f"{words.term('precedence', locale)}: {words.term('binds', locale, level=level)}"


def _keyword(word: str, start: int, end: int, locale: str) -> Completion:
    return Completion(
        word, "keyword", words.term(word, locale), words.term("boolean", locale), start, end, word
    )


def _symbol(symbol: str, insert: str, at: int, locale: str) -> Completion:
    return Completion(symbol, "symbol", words.term(symbol, locale), "", at, at, insert)
