"""The phrase model: how a requirement is said, and how requirements are joined.

A metric is phrased as a :class:`Task` (a cumulative total: "answer 500
tickets"), a :class:`Rate` (a rate, share or average kept at a level: "keep
the share of negative ratings at 5% or less") or a :class:`Flag` (a boolean
metric: "be online"). A comparison in words is a :class:`Leaf`; ``&&`` and
``||`` join leaves into a :class:`Compound`, which :func:`render` turns into
one sentence, sharing a verb between neighbours ("answer 500 tickets or 500
chats").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._explain.plural import (
    NBSP,
    Forms2,
    Forms3,
    format_number,
    genitive_ru,
    plural_en,
    plural_ru,
)

__all__ = [
    "BARE",
    "CHARACTERS",
    "PERCENT",
    "SECONDS",
    "Compound",
    "Flag",
    "Leaf",
    "Phrase",
    "Phrasing",
    "Rate",
    "Task",
    "ValueUnit",
    "fallback_phrase",
    "flag_phrase",
    "join",
    "rate_phrase",
    "render",
    "task_phrase",
]


@attrs.frozen
class ValueUnit:
    """How a value of a rate, share or average is written: ``5%``, ``60 seconds``."""

    en: Forms2 | None  # None: a bare number
    ru_genitive: Forms2 | None  # не выше 1 секунды / 5 секунд
    ru_accusative: Forms3 | None  # на 1 секунду / 2 секунды / 5 секунд
    en_shift: Forms2 | None = None  # how a difference reads, if not like the value
    ru_shift: Forms3 | None = None
    percent: bool = False


PERCENT = ValueUnit(
    en=None,
    ru_genitive=None,
    ru_accusative=None,
    en_shift=("percentage point", "percentage points"),
    ru_shift=("процентный пункт", "процентных пункта", "процентных пунктов"),
    percent=True,
)
SECONDS = ValueUnit(("second", "seconds"), ("секунды", "секунд"), ("секунду", "секунды", "секунд"))
CHARACTERS = ValueUnit(
    ("character", "characters"), ("символа", "символов"), ("символ", "символа", "символов")
)
BARE = ValueUnit(None, None, None)


@attrs.frozen
class Task:
    """A cumulative total, said as a task: "answer 500 tickets", "ответьте на 500 тикетов"."""

    en_verb: str
    en_object: Forms2
    en_unit: Forms2  # what a shortfall counts: "180 more answers"
    ru_verb: str
    ru_preposition: str
    ru_object: Forms3  # accusative after the number
    ru_unit: Forms3  # nominative after "ещё"
    countable: bool = True  # "fewer than 5 calls" / "less than 5 hours"


@attrs.frozen
class Rate:
    """A rate, share or average, said as a level to keep: "keep … at 5% or less"."""

    en_subject: str
    ru_subject: str  # accusative: "держите долю отрицательных оценок …"
    unit: ValueUnit


@attrs.frozen
class Flag:
    """A boolean metric: "be online" / "be offline"."""

    en_true: str
    en_false: str
    ru_true: str
    ru_false: str


Phrasing: TypeAlias = Task | Rate | Flag


@attrs.frozen
class Leaf:
    """One requirement. ``head`` is shared by neighbours with the same head, as in
    "answer 500 tickets or 500 chats"."""

    head: str
    tail: str

    @property
    def text(self) -> str:
        return f"{self.head} {self.tail}" if self.head else self.tail


@attrs.frozen
class Compound:
    """Requirements joined by "and" (``all_of``) or "or"."""

    all_of: bool
    parts: tuple[Phrase, ...]

    @property
    def depth(self) -> int:
        return 1 + max((p.depth if isinstance(p, Compound) else 0) for p in self.parts)


Phrase: TypeAlias = Leaf | Compound


def join(all_of: bool, parts: Sequence[Phrase]) -> Phrase:
    """Join phrases, flattening a compound of the same kind into its parent."""
    flat: list[Phrase] = []
    for part in parts:
        if isinstance(part, Compound) and part.all_of == all_of:
            flat.extend(part.parts)
        else:
            flat.append(part)
    return flat[0] if len(flat) == 1 else Compound(all_of, tuple(flat))


def render(phrase: Phrase, locale: str) -> str:
    """A phrase as text; nested compounds get parentheses only where they would be ambiguous."""
    if isinstance(phrase, Leaf):
        return phrase.text
    texts: list[str] = []
    previous_head: str | None = None
    for part in phrase.parts:
        if isinstance(part, Leaf):
            shared = bool(part.head) and part.head == previous_head
            texts.append(part.tail if shared else part.text)
            previous_head = part.head
        else:
            inner = render(part, locale)
            texts.append(f"({inner})" if part.depth >= 2 else inner)
            previous_head = None
    compound_inside = any(isinstance(p, Compound) for p in phrase.parts)
    word = (
        ("and" if phrase.all_of else "or") if locale != "ru" else ("и" if phrase.all_of else "или")
    )
    if locale == "ru":
        last_join = f", {word} " if compound_inside and not phrase.all_of else f" {word} "
    else:
        last_join = f", {word} " if compound_inside else f" {word} "
    if len(texts) == 2:
        return texts[0] + last_join + texts[1]
    return ", ".join(texts[:-1]) + last_join + texts[-1]


def value_text(value: int | float, unit: ValueUnit, locale: str, *, genitive: bool) -> str:
    number = format_number(value, locale)
    if unit.percent:
        return f"{number}{NBSP}%" if locale == "ru" else f"{number}%"
    if locale == "ru":
        if genitive and unit.ru_genitive is not None:
            return f"{number} {genitive_ru(value, unit.ru_genitive)}"
        if not genitive and unit.ru_accusative is not None:
            return f"{number} {plural_ru(value, unit.ru_accusative)}"
        return number
    if unit.en is not None:
        return f"{number} {plural_en(value, unit.en)}"
    return number


# The words for each comparison, by node class: "answer more than 5 tickets",
# "keep the share of negative ratings at 5% or less", "make sure $a is at least $b".
_TASK_QUALIFIERS_EN: Final[dict[type[nodes.Comparison], str]] = {
    nodes.Ge: "",
    nodes.Gt: "more than ",
    nodes.Le: "at most ",
    nodes.Eq: "exactly ",
}  # ``<`` reads "fewer than" or "less than", by the task
_TASK_QUALIFIERS_RU: Final[dict[type[nodes.Comparison], str]] = {
    nodes.Gt: "более чем",
    nodes.Le: "не более чем",
    nodes.Lt: "менее чем",
    nodes.Eq: "ровно",
}  # ``>=`` and ``!=`` read differently
_RATE_TEMPLATES_EN: Final[dict[type[nodes.Comparison], str]] = {
    nodes.Ge: "{s} at {v} or more",
    nodes.Gt: "{s} above {v}",
    nodes.Le: "{s} at {v} or less",
    nodes.Lt: "{s} below {v}",
    nodes.Eq: "{s} at exactly {v}",
    nodes.Ne: "{s} other than {v}",
}
_RATE_WORDS_RU: Final[dict[type[nodes.Comparison], str]] = {
    nodes.Ge: "не ниже",
    nodes.Gt: "выше",
    nodes.Le: "не выше",
    nodes.Lt: "ниже",
    nodes.Eq: "ровно на уровне",
    nodes.Ne: "не на уровне",
}
_COMPARISON_WORDS_EN: Final[dict[type[nodes.Comparison], str]] = {
    nodes.Ge: "is at least",
    nodes.Gt: "is more than",
    nodes.Le: "is at most",
    nodes.Lt: "is less than",
    nodes.Eq: "equals",
    nodes.Ne: "does not equal",
}
_COMPARISON_WORDS_RU: Final[dict[type[nodes.Comparison], str]] = {
    nodes.Ge: "не меньше",
    nodes.Gt: "больше",
    nodes.Le: "не больше",
    nodes.Lt: "меньше",
    nodes.Eq: "равно",
    nodes.Ne: "не равно",
}


def task_phrase(
    task: Task, comparison: type[nodes.Comparison], value: int | float, locale: str
) -> Leaf:
    """A cumulative total compared with ``value``."""
    number = format_number(value, locale)
    if locale == "ru":
        noun = plural_ru(value, task.ru_object)
        prep = f"{task.ru_preposition} " if task.ru_preposition else ""
        verb = task.ru_verb
        if comparison is nodes.Ge:
            return Leaf(f"{verb} {prep}".strip(), f"{number} {noun}")
        if comparison is nodes.Ne:
            return Leaf(
                f"{verb} {prep}".strip(),
                f"любое число {task.ru_object[2]}, кроме {number}",
            )
        return Leaf(verb, f"{_TASK_QUALIFIERS_RU[comparison]} {prep}{number} {noun}")
    if comparison is nodes.Ne:
        return Leaf(task.en_verb, f"any number of {task.en_object[1]} but {number}")
    if value == 0 and comparison in (nodes.Eq, nodes.Le):
        # "miss no chats", not "miss exactly 0 chats" or "at most 0"
        return Leaf(task.en_verb, f"no {task.en_object[1]}")
    if comparison is nodes.Lt:
        qualifier = "fewer than " if task.countable else "less than "
    else:
        qualifier = _TASK_QUALIFIERS_EN[comparison]
    return Leaf(task.en_verb, f"{qualifier}{number} {plural_en(value, task.en_object)}")


def rate_phrase(
    rate: Rate, comparison: type[nodes.Comparison], value: int | float, locale: str
) -> Leaf:
    """A rate, share or average compared with ``value``: a level to keep."""
    if locale == "ru":
        amount = value_text(value, rate.unit, locale, genitive=True)
        return Leaf("держите", f"{rate.ru_subject} {_RATE_WORDS_RU[comparison]} {amount}")
    amount = value_text(value, rate.unit, locale, genitive=False)
    template = _RATE_TEMPLATES_EN[comparison]
    return Leaf("keep", template.format(s=rate.en_subject, v=amount))


def flag_phrase(flag: Flag, truth: bool, locale: str) -> Leaf:
    """A boolean metric that must be ``truth``: "be online", "be offline"."""
    if locale == "ru":
        return Leaf("", flag.ru_true if truth else flag.ru_false)
    return Leaf("", flag.en_true if truth else flag.en_false)


def fallback_phrase(left: str, comparison: type[nodes.Comparison], right: str, locale: str) -> Leaf:
    """Any comparison, read as its own text with the operator in words."""
    if locale == "ru":
        return Leaf("добейтесь, чтобы", f"{left} было {_COMPARISON_WORDS_RU[comparison]} {right}")
    return Leaf("make sure", f"{left} {_COMPARISON_WORDS_EN[comparison]} {right}")
