"""Conditions said in words, in English and Russian.

``$answers >= 500 || $chats >= 500`` reads "answer 500 tickets or 500 chats".
Every metric of the default catalog has a phrase for every comparison against a
constant; anything else (arithmetic, two variables, metrics of a custom
catalog) reads as the formula's own canonical text with the comparison in
words, which is never wrong. ``!`` is pushed down to the comparisons (Kleene
logic makes ``!($a >= 5)`` exactly ``$a < 5``), so negations read naturally too.

Cumulative totals read as a task ("answer 500 tickets"); rates, shares and
averages read as a level to keep ("keep the share of negative ratings at 5%
or less").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._explain.metric_phrases import METRIC_PHRASES
from agentlevels._explain.phrases import (
    Flag,
    Leaf,
    Phrase,
    Rate,
    Task,
    fallback_phrase,
    flag_phrase,
    join,
    rate_phrase,
    render,
    task_phrase,
)

if TYPE_CHECKING:
    from agentlevels._language.formula import Formula

__all__ = ["explain", "explain_node"]


@attrs.frozen
class _Number:
    """What a number-valued sub-tree is: its node, a metric name, or a constant value."""

    node: nodes.Node
    variable: str | None = None
    constant: int | float | None = None
    has_variables: bool = True


@attrs.frozen
class _Condition:
    """A boolean sub-tree in words: as it is, and negated."""

    node: nodes.Node
    positive: Phrase
    negative: Phrase
    truth: bool | None = None  # a literal's value


_Result: TypeAlias = _Number | _Condition


def _constant_value(node: nodes.Node) -> int | float | None:
    if isinstance(node, nodes.Number):
        return node.value
    from agentlevels._language.runtime import evaluate_constant

    value = evaluate_constant(node)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _format(node: nodes.Node) -> str:
    from agentlevels._language.format import format_node

    return format_node(node)


def _side_text(node: nodes.Node) -> str:
    text = _format(node)
    boolean = isinstance(node, nodes.Comparison | nodes.Logical)
    return f"({text})" if boolean else text


class _Explainer:
    def __init__(self, locale: str) -> None:
        self.locale = "ru" if locale == "ru" else "en"

    def __call__(self, node: nodes.Node, kids: Sequence[_Result]) -> _Result:
        locale = self.locale
        if isinstance(node, nodes.Number):
            return _Number(node, constant=node.value, has_variables=False)
        if isinstance(node, nodes.Variable):
            phrasing = METRIC_PHRASES.get(node.name)
            if isinstance(phrasing, Flag):
                return _Condition(
                    node, flag_phrase(phrasing, True, locale), flag_phrase(phrasing, False, locale)
                )
            return _Number(node, variable=node.name)
        if isinstance(node, nodes.Boolean):
            return self._literal(node, node.value)
        if isinstance(node, nodes.Not):
            (inner,) = kids
            if isinstance(inner, _Condition):
                truth = None if inner.truth is None else not inner.truth
                return _Condition(node, inner.negative, inner.positive, truth)
            return self._opaque(node)
        if isinstance(node, nodes.Logical):
            conditions = [k for k in kids if isinstance(k, _Condition)]
            all_of = isinstance(node, nodes.And)
            positive = join(all_of, [c.positive for c in conditions])
            negative = join(not all_of, [c.negative for c in conditions])
            return _Condition(node, positive, negative)
        if isinstance(node, nodes.Comparison):
            return self._comparison(node, kids)
        if isinstance(node, nodes.Neg | nodes.Binary):
            has_variables = any(not isinstance(k, _Number) or k.has_variables for k in kids)
            constant = None if has_variables else _constant_value(node)
            return _Number(node, constant=constant, has_variables=has_variables)
        return self._opaque(node)

    def _literal(self, node: nodes.Node, value: bool) -> _Condition:
        words = {
            "en": ("always", "never"),
            "ru": ("всегда", "никогда"),
        }[self.locale]
        yes, no = Leaf("", words[0]), Leaf("", words[1])
        return _Condition(node, yes if value else no, no if value else yes, value)

    def _opaque(self, node: nodes.Node) -> _Condition:
        text = _format(node)
        if self.locale == "ru":
            head = "добейтесь, чтобы"
            return _Condition(
                node, Leaf(head, f"{text} было истинно"), Leaf(head, f"{text} было ложно")
            )
        return _Condition(
            node, Leaf("make sure", f"{text} is true"), Leaf("make sure", f"{text} is false")
        )

    def _comparison(self, node: nodes.Comparison, kids: Sequence[_Result]) -> _Condition:
        comparison = type(node)
        left, right = kids
        phrase = self._compare(left, comparison, right)
        negated = self._compare(left, nodes.NEGATED[comparison], right)
        if phrase is None or negated is None:
            left_text, right_text = _side_text(node.left), _side_text(node.right)
            phrase = fallback_phrase(left_text, comparison, right_text, self.locale)
            negated = fallback_phrase(left_text, nodes.NEGATED[comparison], right_text, self.locale)
        return _Condition(node, phrase, negated)

    def _compare(
        self, left: _Result, comparison: type[nodes.Comparison], right: _Result
    ) -> Leaf | None:
        if isinstance(left, _Number) and isinstance(right, _Number):
            if left.variable is None and right.variable is not None:
                left, right, comparison = right, left, nodes.MIRRORED[comparison]
            if left.variable is None or right.constant is None:
                return None
            phrasing = METRIC_PHRASES.get(left.variable)
            if isinstance(phrasing, Task):
                return task_phrase(phrasing, comparison, right.constant, self.locale)
            if isinstance(phrasing, Rate):
                return rate_phrase(phrasing, comparison, right.constant, self.locale)
            return None
        if isinstance(left, _Condition) and isinstance(right, _Condition):
            if comparison is not nodes.Eq and comparison is not nodes.Ne:
                return None
            if left.truth is not None and right.truth is None:
                left, right = right, left
            if right.truth is None or left.truth is not None:
                return None
            wanted = right.truth if comparison is nodes.Eq else not right.truth
            chosen = left.positive if wanted else left.negative
            return chosen if isinstance(chosen, Leaf) else None
        return None


def explain_node(node: nodes.Node, locale: str = "en") -> str:
    """``node`` (a boolean condition) in words; see :func:`explain`."""
    if isinstance(node, nodes.Boolean):
        return _constant_text(node.value, locale)
    result = nodes.fold(node, _Explainer(locale))
    if isinstance(result, _Number):
        # A number-valued formula has no requirement to state; show it as written.
        return _format(node)
    return render(result.positive, "ru" if locale == "ru" else "en")


def _constant_text(value: bool, locale: str) -> str:
    if locale == "ru":
        return "без условий: выполняется всегда" if value else "никогда: условие не выполнимо"
    return "no condition: always met" if value else "never: the condition cannot be met"


def explain(formula: Formula | str, locale: str = "en") -> str:
    """A condition in plain words, in English (``"en"``) or Russian (``"ru"``).

    ``formula`` is a compiled :class:`~agentlevels.Formula` or formula text
    (compiled against the default catalog, so a bad formula raises the usual
    formula errors). Any other locale falls back to English.

    >>> explain("$answers >= 500 || $chats >= 500")
    'answer 500 tickets or 500 chats'
    >>> explain("$answers >= 500 || $chats >= 500", "ru")
    'ответьте на 500 тикетов или 500 чатов'
    """
    from agentlevels._language.formula import as_formula

    return explain_node(as_formula(formula, kind=None).node, locale)
