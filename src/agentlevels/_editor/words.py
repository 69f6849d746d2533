"""The words completion and hover show, in every shipped locale.

One table per kind of word; :func:`word` looks a key up in a locale. A test
proves every key has a text in every locale of :data:`~agentlevels._values.LOCALES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from agentlevels._values import LOCALES

# What each operator means, by its symbol; "-x" and "!x" are the prefix forms.
OPERATORS: Final[Mapping[str, Mapping[str, str]]] = {
    ">=": {"en": "at least", "ru": "не меньше"},
    ">": {"en": "greater than", "ru": "больше"},
    "<=": {"en": "at most", "ru": "не больше"},
    "<": {"en": "less than", "ru": "меньше"},
    "==": {"en": "equal to", "ru": "равно"},
    "!=": {"en": "not equal to", "ru": "не равно"},
    "+": {"en": "plus", "ru": "плюс"},
    "-": {"en": "minus", "ru": "минус"},
    "*": {"en": "times", "ru": "умножить на"},
    "/": {
        "en": "divided by (unknown when dividing by zero)",
        "ru": "разделить на (при делении на ноль — неизвестно)",
    },
    "&&": {"en": "and: both conditions hold", "ru": "и: выполнены оба условия"},
    "||": {"en": "or: at least one condition holds", "ru": "или: выполнено хотя бы одно условие"},
    "-x": {"en": "negative of a number", "ru": "число с обратным знаком"},
    "!x": {"en": "not: the condition does not hold", "ru": "не: условие не выполнено"},
}

# The precedence levels of docs/language.md, tightest first.
PRECEDENCE: Final[Mapping[str, int]] = {
    "-x": 1,
    "!x": 1,
    "*": 2,
    "/": 2,
    "+": 3,
    "-": 3,
    ">=": 4,
    ">": 4,
    "<=": 4,
    "<": 4,
    "==": 4,
    "!=": 4,
    "&&": 5,
    "||": 6,
}

# Symbols, keywords, value types and the labels of hover lines.
TERMS: Final[Mapping[str, Mapping[str, str]]] = {
    "$": {"en": "a metric: $ and its name", "ru": "метрика: $ и её имя"},
    "(": {"en": "an opening parenthesis: group a part", "ru": "открывающая скобка: группа"},
    ")": {"en": "a closing parenthesis", "ru": "закрывающая скобка"},
    "true": {"en": "always true", "ru": "всегда истинно"},
    "false": {"en": "always false", "ru": "всегда ложно"},
    "number": {"en": "number", "ru": "число"},
    "boolean": {"en": "condition", "ru": "условие"},
    "name": {"en": "name", "ru": "имя"},
    "description": {"en": "description", "ru": "описание"},
    "type": {"en": "type", "ru": "тип"},
    "unit": {"en": "unit", "ru": "единица измерения"},
    "range": {"en": "range", "ru": "диапазон"},
    "precedence": {"en": "precedence", "ru": "приоритет"},
    "binds": {
        "en": "level {level} of 6 (1 binds tightest)",
        "ru": "уровень {level} из 6 (уровень 1 выполняется первым)",
    },
    "from_to": {"en": "from {low} to {high}", "ru": "от {low} до {high}"},
    "from": {"en": "from {low}", "ru": "от {low}"},
    "to": {"en": "up to {high}", "ru": "до {high}"},
    "any": {"en": "any number", "ru": "любое число"},
    "operator": {"en": "operator", "ru": "оператор"},
    "no description": {"en": "no description", "ru": "без описания"},
}

# The base units of the default catalog and of catalog files; a unit not
# listed is shown as written.
UNITS: Final[Mapping[str, Mapping[str, str]]] = {
    "1": {"en": "no unit", "ru": "без единицы измерения"},
    "count": {"en": "count", "ru": "штуки"},
    "hours": {"en": "hours", "ru": "часы"},
    "seconds": {"en": "seconds", "ru": "секунды"},
    "percent": {"en": "percent", "ru": "проценты"},
    "points": {"en": "points", "ru": "баллы"},
    "chars": {"en": "characters", "ru": "символы"},
}
PER: Final[Mapping[str, str]] = {"en": "per", "ru": "в"}
# "in" with the unit a rate is per: count per hour, штуки в час.
PER_UNIT: Final[Mapping[str, Mapping[str, str]]] = {
    "hours": {"en": "hour", "ru": "час"},
    "seconds": {"en": "second", "ru": "секунду"},
    "count": {"en": "item", "ru": "штуку"},
}

TABLES: Final[Mapping[str, Mapping[str, Mapping[str, str]]]] = {
    "operators": OPERATORS,
    "terms": TERMS,
    "units": UNITS,
    "per units": PER_UNIT,
    "per": {"per": PER},
}


def check_locale(locale: object) -> str:
    """``locale`` if it is shipped; a ``ValueError`` naming the shipped ones otherwise."""
    if locale not in LOCALES:
        raise ValueError(f"locale must be one of {', '.join(LOCALES)}, not {locale!r}")
    assert isinstance(locale, str)
    return locale


def operator(symbol: str, locale: str) -> str:
    """What the operator ``symbol`` (``"-x"``/``"!x"`` for the prefix forms) means."""
    return OPERATORS[symbol][locale]


def term(key: str, locale: str, **values: object) -> str:
    """The term ``key`` in ``locale``, with ``values`` filled in."""
    text = TERMS[key][locale]
    return text.format(**values) if values else text


def unit(text: str, locale: str) -> str:
    """A unit as words: ``count/hours`` is "count per hour", "штуки в час"."""
    top, slash, bottom = text.partition("/")
    if not slash:
        return UNITS[text][locale] if text in UNITS else text
    if top in UNITS and bottom in PER_UNIT and "*" not in bottom:
        return f"{UNITS[top][locale]} {PER[locale]} {PER_UNIT[bottom][locale]}"
    return text
