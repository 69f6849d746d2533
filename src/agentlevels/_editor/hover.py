"""Hover: what the metric or operator under the cursor is."""

from __future__ import annotations

import attrs

from agentlevels._editor import words
from agentlevels._editor.completion import (
    check_arguments,
    precedence_line,
    type_word,
)
from agentlevels._editor.context import prefix_position, scanned
from agentlevels._language.catalog import Catalog, Metric
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.scanner import Token


@attrs.frozen
class Hover:
    """What the thing under the cursor is, as plain text.

    ``text[start:end]`` is the token described (offsets in code points);
    ``title`` names it (``$answers``, ``>=``); ``contents`` are lines of plain
    text, no markup: for a metric its description, type, unit and range; for
    an operator its meaning and precedence.
    """

    start: int
    end: int
    title: str
    contents: tuple[str, ...]


_SYMBOLS = {
    "GE": ">=",
    "GT": ">",
    "LE": "<=",
    "LT": "<",
    "EQ": "==",
    "NE": "!=",
    "PLUS": "+",
    "STAR": "*",
    "SLASH": "/",
    "AND": "&&",
    "OR": "||",
}


def hover(
    text: str,
    offset: int,
    *,
    catalog: Catalog = DEFAULT_CATALOG,
    kind: str = "boolean",
    locale: str = "en",
) -> Hover | None:
    """The metric or operator at ``offset`` in ``text``; None for anything else.

    The cursor may be on the token or just after it; ``offset`` counts code
    points and is clamped into the text. A name the catalog does not hold
    gives None (the diagnostics of ``check`` say what is wrong with it).
    ``kind`` is taken as ``complete`` takes it, and changes nothing here.
    Never raises for any text.

    >>> hover("$answers >= 500", 2).contents
    ('Ticket answers', 'type: number', 'unit: count', 'range: from 0')
    >>> hover("$answers >= 500", 9, locale="ru").contents
    ('не меньше', 'приоритет: уровень 4 из 6 (уровень 1 выполняется первым)')
    """
    check_arguments(text, offset, catalog, kind)
    locale = words.check_locale(locale)
    where = scanned(text, offset)
    token = where.under()
    if token is None:
        return None
    if token.kind == "VARIABLE":
        metric = catalog.get(token.text[1:])
        return None if metric is None else _metric(metric, token, locale)
    key = _operator_key(token, where.tokens)
    if key is None:
        return None
    contents = (words.operator(key, locale), precedence_line(key, locale))
    return Hover(token.start, token.end, token.text, contents)


def _operator_key(token: Token, tokens: tuple[Token, ...]) -> str | None:
    """The key of ``token`` in the operator words: its symbol, ``-x``/``!x`` for prefixes."""
    if token.kind in _SYMBOLS:
        return _SYMBOLS[token.kind]
    if token.kind not in ("MINUS", "BANG"):
        return None
    index = tokens.index(token)
    previous = tokens[index - 1] if index else None
    if token.kind == "BANG":
        return "!x"
    return "-x" if prefix_position(previous) else "-"


def _metric(metric: Metric, token: Token, locale: str) -> Hover:
    lines = [metric.description_in(locale) or words.term("no description", locale)]
    lines.append(f"{words.term('type', locale)}: {type_word(metric.type, locale)}")
    if metric.type == "number":
        unit = str(metric.unit)
        if unit != "1":
            lines.append(f"{words.term('unit', locale)}: {words.unit(unit, locale)}")
        lines.append(f"{words.term('range', locale)}: {range_words(metric, locale)}")
    return Hover(token.start, token.end, token.text, tuple(lines))


def range_words(metric: Metric, locale: str) -> str:
    """A metric's range in words: "from 0 to 100", "from 0", "any number"."""
    low, high = _number(metric.minimum), _number(metric.maximum)
    if low is not None and high is not None:
        return words.term("from_to", locale, low=low, high=high)
    if low is not None:
        return words.term("from", locale, low=low)
    if high is not None:
        return words.term("to", locale, high=high)
    return words.term("any", locale)


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)
