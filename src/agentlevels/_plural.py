"""Numbers and plural forms for the English and Russian texts (messages, explanations)."""

from __future__ import annotations

from typing import TypeAlias

Forms3: TypeAlias = tuple[str, str, str]
Forms2: TypeAlias = tuple[str, str]

NBSP = "\u00a0"


def is_whole(value: int | float) -> bool:
    return isinstance(value, int) or value.is_integer()


def ru_form(value: int | float) -> int:
    """Which Russian form a count takes: 0 for 1 (21, 101), 1 for 2-4 (22), 2 for 0, 5-20, 25.

    A fraction takes the genitive singular, which is the same as the 2-4 form
    (1,5 часа, 2,5 тикета).
    """
    if not is_whole(value):
        return 1
    n = abs(int(value))
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def plural_ru(value: int | float, forms: Forms3) -> str:
    """``forms`` = (1 тикет, 2 тикета, 5 тикетов); picks the one ``value`` needs."""
    return forms[ru_form(value)]


def genitive_ru(value: int | float, forms: Forms2) -> str:
    """``forms`` = (genitive singular, genitive plural): не выше 1 секунды / 5 секунд."""
    return forms[0] if ru_form(value) == 0 or not is_whole(value) else forms[1]


def plural_en(value: int | float, forms: Forms2) -> str:
    """``forms`` = (singular, plural); only exactly one takes the singular."""
    return forms[0] if is_whole(value) and abs(value) == 1 else forms[1]


def plural(value: int | float, en: Forms2, ru: Forms3, locale: str) -> str:
    """The noun for ``value`` in ``locale`` (Russian, or English for anything else)."""
    return plural_ru(value, ru) if locale == "ru" else plural_en(value, en)


def format_number(value: int | float, locale: str = "en") -> str:
    """``1234.5`` -> ``1,234.5`` (English) or ``1234,5`` (Russian; groups from 10 000).

    Floats are shown with up to two decimals, without trailing zeros.
    """
    rounded: int | float = int(value) if is_whole(value) else round(float(value), 2)
    if isinstance(rounded, float) and rounded.is_integer():
        rounded = int(rounded)
    if isinstance(rounded, int):
        whole, fraction = f"{abs(rounded):,}", ""
    else:
        whole, _, fraction = f"{abs(rounded):,.2f}".rstrip("0").partition(".")
    if locale == "ru":
        digits = whole.replace(",", "")
        # Russian typography groups thousands only from five digits on.
        whole = whole.replace(",", NBSP) if len(digits) >= 5 else digits
        point = ","
    else:
        point = "."
    text = whole + (point + fraction if fraction else "")
    return "-" + text if rounded < 0 else text
