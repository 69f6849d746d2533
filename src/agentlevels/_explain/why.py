"""Why a condition came out as it did, in words: the atoms that decided, with their values.

"answers 320 < 500 and chats 140 < 500": each atom is said with the values
of its sides and the operator that holds (the negated one when the atom is
false), so the sentence is true as written. Metric names stay as the
formula writes them, without ``$``; the joining words are English or Russian.
"""

from __future__ import annotations

import math
from typing import Final

from agentlevels import nodes
from agentlevels._language.format import format_node
from agentlevels._language.trace import Trace
from agentlevels._values import Value

__all__ = ["WORDS", "atom_text", "number_text", "reasons_text", "value_text", "why_locale"]

WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "and": " and ",
        "not": "not ",
        "unknown": "unknown",
        "true": "true",
        "false": "false",
        "no condition": "no condition",
        "held": "held already; a level is never lost",
        "no level": "no level yet",
        "unknown level": "unknown",
        "top": "the top level",
    },
    "ru": {
        "and": " и ",
        "not": "не ",
        "unknown": "нет данных",
        "true": "да",
        "false": "нет",
        "no condition": "без условий",
        "held": "уже получен; уровень не теряется",
        "no level": "уровня пока нет",
        "unknown level": "неизвестно",
        "top": "высший уровень",
    },
}


def why_locale(locale: str) -> str:
    """The locale the texts are given in: Russian for ``"ru"``, English otherwise."""
    return "ru" if locale == "ru" else "en"


def number_text(value: Value, locale: str = "en") -> str:
    """A value as the texts show it: ``320``, ``2.5``, ``true``, ``unknown``."""
    words = WORDS[why_locale(locale)]
    if value is None:
        return words["unknown"]
    if isinstance(value, bool):
        return words["true" if value else "false"]
    if isinstance(value, float) and value.is_integer() and math.fabs(value) < 1e15:
        return str(int(value))
    return str(value)


def _side(trace: Trace, index: int, locale: str) -> str:
    entry = trace.entries[index]
    if isinstance(entry.node, nodes.Number | nodes.Boolean):
        return number_text(entry.value, locale)
    name = format_node(entry.node).replace("$", "")
    if not isinstance(entry.node, nodes.Variable):
        name = f"({name})"
    return value_text(name, entry.value, locale)


def value_text(name: str, value: Value, locale: str = "en") -> str:
    """A named quantity with its value: ``answers 320``, ``chats unknown``."""
    if value is None and why_locale(locale) == "ru":
        return f"{name}: {WORDS['ru']['unknown']}"
    return f"{name} {number_text(value, locale)}"


def atom_text(trace: Trace, index: int, locale: str = "en") -> str:
    """The atom at ``index``, with its values: ``answers 320 < 500``, ``not online``."""
    words = WORDS[why_locale(locale)]
    entry = trace.entries[index]
    node = entry.node
    if isinstance(node, nodes.Variable):
        name = node.name
        if entry.value is None:
            return value_text(name, None, locale)
        return name if entry.value else f"{words['not']}{name}"
    left, right = trace.plan.children[index]
    if entry.value is None:
        unknown = [
            _side(trace, side, locale)
            for side in (left, right)
            if trace.values[side] is None and not isinstance(trace.entries[side].node, nodes.Number)
        ]
        return words["and"].join(unknown) or f"{format_node(node)} {words['unknown']}"
    cls = type(node)
    assert issubclass(cls, nodes.Comparison)  # an atom that is not a variable compares
    shown = cls if entry.value else nodes.NEGATED[cls]
    return f"{_side(trace, left, locale)} {shown.operator} {_side(trace, right, locale)}"


def reasons_text(trace: Trace, locale: str = "en") -> str:
    """The atoms that account for the trace's value, joined: the "why" of a condition."""
    words = WORDS[why_locale(locale)]
    reasons = trace.plan.reasons(trace.values)
    said = dict.fromkeys(atom_text(trace, index, locale) for index in reasons)
    if not said:
        return words["no condition"]
    return words["and"].join(said)
