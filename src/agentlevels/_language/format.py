"""Syntax tree to canonical text."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from agentlevels import nodes

# Binding strength, loosest first; atoms bind tightest.
PRECEDENCE: dict[type[nodes.Node], int] = {
    nodes.Or: 1,
    nodes.And: 2,
    nodes.Comparison: 3,
    nodes.Add: 4,
    nodes.Sub: 4,
    nodes.Mul: 5,
    nodes.Div: 5,
    nodes.Unary: 6,
}
ATOM = 7


def precedence(node: nodes.Node) -> int:
    """How tightly ``node``'s operator binds (1 for ``||`` to 7 for atoms)."""
    for cls in type(node).__mro__:
        if cls in PRECEDENCE:
            return PRECEDENCE[cls]
    return ATOM


def format_node(node: nodes.Node) -> str:
    """The canonical text of a syntax tree.

    Single spaces around binary operators, none after a prefix operator,
    whole numbers without ``.0`` and only the parentheses precedence needs.

    >>> from agentlevels import parse
    >>> format_node(parse("(($answers+$chats))/ $worktime>=12.0"))
    '($answers + $chats) / $worktime >= 12'
    """
    return nodes.fold(node, _render)[0]


def _wrap(part: tuple[str, int], needs: bool) -> str:
    return f"({part[0]})" if needs else part[0]


def _render(node: nodes.Node, parts: Sequence[tuple[str, int]]) -> tuple[str, int]:
    own = precedence(node)
    if isinstance(node, nodes.Number):
        return format_decimal(node.value), ATOM
    if isinstance(node, nodes.Boolean):
        return ("true" if node.value else "false"), ATOM
    if isinstance(node, nodes.Variable):
        return f"${node.name}", ATOM
    if isinstance(node, nodes.Unary):
        return node.operator + _wrap(parts[0], parts[0][1] < own), own
    if isinstance(node, nodes.Logical):
        # && and || are associative: a chain inside a chain of the same
        # operator prints flat, as the parser reads it back.
        joiner = f" {node.operator} "
        return joiner.join(_wrap(part, part[1] < own) for part in parts), own
    if isinstance(node, nodes.Comparison):
        left, right = parts
        return f"{_wrap(left, left[1] <= own)} {node.operator} {_wrap(right, right[1] <= own)}", own
    if isinstance(node, nodes.Binary):
        left, right = parts
        return f"{_wrap(left, left[1] < own)} {node.operator} {_wrap(right, right[1] <= own)}", own
    raise TypeError(f"not a formula node: {node!r}")


def format_decimal(value: int | float) -> str:
    """A number as the language writes it: no exponent, no ``.0`` on whole numbers."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")
