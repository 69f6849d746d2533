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

from collections.abc import Callable, Mapping, Sequence
from typing import Final, TypeAlias

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
from agentlevels._language.format import format_node
from agentlevels._language.formula import Formula, as_formula
from agentlevels._language.runtime import evaluate_constant
from agentlevels._values import text_locale

__all__ = ["EXPLAINERS", "Explainer", "explain", "explain_node"]


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
    value = evaluate_constant(node)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _side_text(node: nodes.Node) -> str:
    text = format_node(node)
    boolean = isinstance(node, nodes.Comparison | nodes.Logical)
    return f"({text})" if boolean else text


def _opaque(node: nodes.Node, locale: str) -> _Condition:
    """A condition with no words of its own: its text, said to be true or false."""
    text = format_node(node)
    if locale == "ru":
        head = "добейтесь, чтобы"
        return _Condition(
            node, Leaf(head, f"{text} было истинно"), Leaf(head, f"{text} было ложно")
        )
    return _Condition(
        node, Leaf("make sure", f"{text} is true"), Leaf("make sure", f"{text} is false")
    )


# --- one entry per node class ----------------------------------------------------------------

Explainer: TypeAlias = Callable[[nodes.Node, Sequence[_Result], str], _Result]
"""What a node says, given what its children said and the locale."""


def _number(node: nodes.Node, kids: Sequence[_Result], locale: str) -> _Result:
    assert isinstance(node, nodes.Number)
    return _Number(node, constant=node.value, has_variables=False)


def _boolean(node: nodes.Node, kids: Sequence[_Result], locale: str) -> _Result:
    assert isinstance(node, nodes.Boolean)
    yes, no = (
        (Leaf("", "всегда"), Leaf("", "никогда"))
        if locale == "ru"
        else (Leaf("", "always"), Leaf("", "never"))
    )
    value = node.value
    return _Condition(node, yes if value else no, no if value else yes, value)


def _variable(node: nodes.Node, kids: Sequence[_Result], locale: str) -> _Result:
    assert isinstance(node, nodes.Variable)
    phrasing = METRIC_PHRASES.get(node.name)
    if isinstance(phrasing, Flag):
        return _Condition(
            node, flag_phrase(phrasing, True, locale), flag_phrase(phrasing, False, locale)
        )
    return _Number(node, variable=node.name)


def _arithmetic(node: nodes.Node, kids: Sequence[_Result], locale: str) -> _Result:
    has_variables = any(not isinstance(k, _Number) or k.has_variables for k in kids)
    constant = None if has_variables else _constant_value(node)
    return _Number(node, constant=constant, has_variables=has_variables)


def _not(node: nodes.Node, kids: Sequence[_Result], locale: str) -> _Result:
    # The negation is pushed down: each condition already knows how it reads negated.
    (inner,) = kids
    if isinstance(inner, _Condition):
        truth = None if inner.truth is None else not inner.truth
        return _Condition(node, inner.negative, inner.positive, truth)
    return _opaque(node, locale)


def _logical(all_of: bool) -> Explainer:
    def explain_logical(node: nodes.Node, kids: Sequence[_Result], locale: str) -> _Result:
        # A boolean metric without words of its own (one a caller's catalog
        # adds) reads as its text, like any condition without words.
        conditions = [k if isinstance(k, _Condition) else _opaque(k.node, locale) for k in kids]
        positive = join(all_of, [c.positive for c in conditions])
        # De Morgan: the negation of "a and b" reads "not a or not b".
        negative = join(not all_of, [c.negative for c in conditions])
        return _Condition(node, positive, negative)

    return explain_logical


def _comparison(node: nodes.Node, kids: Sequence[_Result], locale: str) -> _Result:
    assert isinstance(node, nodes.Comparison)
    comparison, negated_comparison = type(node), nodes.NEGATED[type(node)]
    left, right = kids
    phrase = _compare(left, comparison, right, locale)
    negated = _compare(left, negated_comparison, right, locale)
    if phrase is None or negated is None:
        left_text, right_text = _side_text(node.left), _side_text(node.right)
        phrase = fallback_phrase(left_text, comparison, right_text, locale)
        negated = fallback_phrase(left_text, negated_comparison, right_text, locale)
    return _Condition(node, phrase, negated)


def _compare(
    left: _Result, comparison: type[nodes.Comparison], right: _Result, locale: str
) -> Leaf | None:
    """A comparison in the words of its metric, or ``None`` if it has none."""
    if isinstance(left, _Number) and isinstance(right, _Number):
        if left.variable is None and right.variable is not None:
            left, right, comparison = right, left, nodes.MIRRORED[comparison]
        if left.variable is None or right.constant is None:
            return None
        phrasing = METRIC_PHRASES.get(left.variable)
        if isinstance(phrasing, Task):
            return task_phrase(phrasing, comparison, right.constant, locale)
        if isinstance(phrasing, Rate):
            return rate_phrase(phrasing, comparison, right.constant, locale)
        return None
    if isinstance(left, _Condition) and isinstance(right, _Condition):
        return _compare_conditions(left, comparison, right)
    return None


def _compare_conditions(
    left: _Condition, comparison: type[nodes.Comparison], right: _Condition
) -> Leaf | None:
    # ``$online == false`` reads as the condition itself, positive or negated.
    if comparison is not nodes.Eq and comparison is not nodes.Ne:
        return None
    if left.truth is not None and right.truth is None:
        left, right = right, left
    if right.truth is None or left.truth is not None:
        return None
    wanted = right.truth if comparison is nodes.Eq else not right.truth
    chosen = left.positive if wanted else left.negative
    return chosen if isinstance(chosen, Leaf) else None


EXPLAINERS: Final[Mapping[type[nodes.Node], Explainer]] = {
    nodes.Number: _number,
    nodes.Boolean: _boolean,
    nodes.Variable: _variable,
    nodes.Neg: _arithmetic,
    nodes.Not: _not,
    nodes.Add: _arithmetic,
    nodes.Sub: _arithmetic,
    nodes.Mul: _arithmetic,
    nodes.Div: _arithmetic,
    nodes.Eq: _comparison,
    nodes.Ne: _comparison,
    nodes.Lt: _comparison,
    nodes.Le: _comparison,
    nodes.Gt: _comparison,
    nodes.Ge: _comparison,
    nodes.And: _logical(all_of=True),
    nodes.Or: _logical(all_of=False),
}
"""The explainer: how each node class is said, by class (every class in ``nodes.CLASSES``)."""


def explain_node(node: nodes.Node, locale: str = "en") -> str:
    """``node`` (a boolean condition) in words; see :func:`explain`."""
    locale = text_locale(locale)
    if isinstance(node, nodes.Boolean):
        return _constant_text(node.value, locale)

    def visit(child: nodes.Node, kids: Sequence[_Result]) -> _Result:
        return nodes.handler(EXPLAINERS, child, "explainer")(child, kids, locale)

    result = nodes.fold(node, visit)
    if isinstance(result, _Number):
        # A number-valued formula has no requirement to state; show it as written.
        return format_node(node)
    return render(result.positive, locale)


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
    return explain_node(as_formula(formula, kind=None).node, locale)
