"""Syntax tree to canonical text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

from agentlevels import nodes

ATOM = 7

# Binding strength, loosest first; atoms bind tightest. One entry per concrete
# node class (tests/test_dispatch.py checks none is missing).
PRECEDENCE: dict[type[nodes.Node], int] = {
    nodes.Or: 1,
    nodes.And: 2,
    nodes.Eq: 3,
    nodes.Ne: 3,
    nodes.Lt: 3,
    nodes.Le: 3,
    nodes.Gt: 3,
    nodes.Ge: 3,
    nodes.Add: 4,
    nodes.Sub: 4,
    nodes.Mul: 5,
    nodes.Div: 5,
    nodes.Neg: 6,
    nodes.Not: 6,
    nodes.Number: ATOM,
    nodes.Boolean: ATOM,
    nodes.Variable: ATOM,
}


def precedence(node: nodes.Node) -> int:
    """How tightly ``node``'s operator binds (1 for ``||`` to 7 for atoms)."""
    return nodes.handler(PRECEDENCE, node, "formatter's precedence table")


def format_node(node: nodes.Node) -> str:
    """The canonical text of a syntax tree.

    Single spaces around binary operators, none after a prefix operator,
    whole numbers without ``.0`` and only the parentheses precedence needs.

    >>> from agentlevels import parse
    >>> format_node(parse("(($answers+$chats))/ $worktime>=12.0"))
    '($answers + $chats) / $worktime >= 12'
    """
    return nodes.fold(node, _render)[0]


# A rendered sub-tree: its text and the precedence of its outermost operator.
Part: TypeAlias = tuple[str, int]
# The node argument is the class the entry is keyed by.
Formatter: TypeAlias = Callable[[Any, Sequence[Part], int], str]


def _render(node: nodes.Node, parts: Sequence[Part]) -> Part:
    formatter = nodes.handler(FORMATTERS, node, "formatter")
    own = precedence(node)
    return formatter(node, parts, own), own


def _wrap(part: Part, needs: bool) -> str:
    return f"({part[0]})" if needs else part[0]


def _number(node: nodes.Number, parts: Sequence[Part], own: int) -> str:
    return format_decimal(node.value)


def _boolean(node: nodes.Boolean, parts: Sequence[Part], own: int) -> str:
    return "true" if node.value else "false"


def _variable(node: nodes.Variable, parts: Sequence[Part], own: int) -> str:
    return f"${node.name}"


def _prefix(node: nodes.Unary, parts: Sequence[Part], own: int) -> str:
    (operand,) = parts
    return node.operator + _wrap(operand, operand[1] < own)


def _chain(node: nodes.Logical, parts: Sequence[Part], own: int) -> str:
    # && and || are associative: a chain inside a chain of the same operator
    # prints flat, as the parser reads it back.
    return f" {node.operator} ".join(_wrap(part, part[1] < own) for part in parts)


def _left_associative(node: nodes.Binary, parts: Sequence[Part], own: int) -> str:
    # $a - $b - $c is ($a - $b) - $c: only the right side needs parentheses
    # at the same precedence.
    left, right = parts
    return f"{_wrap(left, left[1] < own)} {node.operator} {_wrap(right, right[1] <= own)}"


def _non_associative(node: nodes.Comparison, parts: Sequence[Part], own: int) -> str:
    # Comparisons do not chain: a comparison on either side is parenthesized.
    left, right = parts
    return f"{_wrap(left, left[1] <= own)} {node.operator} {_wrap(right, right[1] <= own)}"


# One entry per concrete node class (tests/test_dispatch.py checks none is missing).
FORMATTERS: dict[type[nodes.Node], Formatter] = {
    nodes.Number: _number,
    nodes.Boolean: _boolean,
    nodes.Variable: _variable,
    nodes.Neg: _prefix,
    nodes.Not: _prefix,
    nodes.Add: _left_associative,
    nodes.Sub: _left_associative,
    nodes.Mul: _left_associative,
    nodes.Div: _left_associative,
    nodes.Eq: _non_associative,
    nodes.Ne: _non_associative,
    nodes.Lt: _non_associative,
    nodes.Le: _non_associative,
    nodes.Gt: _non_associative,
    nodes.Ge: _non_associative,
    nodes.And: _chain,
    nodes.Or: _chain,
}


def format_decimal(value: int | float) -> str:
    """A number as the language writes it: no exponent, no ``.0`` on whole numbers."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")
