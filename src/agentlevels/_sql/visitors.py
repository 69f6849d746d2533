"""The SQL backend's dispatch table: one visitor per node class.

Each visitor renders one node with its children already rendered
(:class:`~agentlevels._sql.pieces.Piece`), so no visitor recurses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from agentlevels import nodes
from agentlevels._sql.pieces import (
    AND,
    COMPARISON,
    NEGATION,
    NOT,
    OR,
    PRODUCT,
    SUM,
    Constant,
    Piece,
    Result,
)

if TYPE_CHECKING:
    from agentlevels._sql.generator import SQLGenerator

__all__ = ["VISITORS", "Visitor"]


def _variable(generator: SQLGenerator, node: nodes.Node, _: Sequence[Result]) -> Result:
    assert isinstance(node, nodes.Variable)
    return generator.column(node.name)


def _unreachable(generator: SQLGenerator, node: nodes.Node, _: Sequence[Result]) -> Result:
    # Literals are always folded as constants before dispatch.
    return Constant(node)


def _negation(generator: SQLGenerator, node: nodes.Node, children: Sequence[Result]) -> Result:
    (operand,) = (generator.piece(child) for child in children)
    if operand.negated is not None and operand.precedence == NEGATION:
        # -(-x) is x exactly, in Python and in IEEE doubles; one level less for SQL parsers.
        return operand.negated
    exp = generator.exp
    inner = generator.as_double(operand) if operand.column else generator.raw(operand)
    return Piece(
        generator.render(exp.Neg(this=inner)),
        NEGATION,
        arithmetic=operand.arithmetic,
        negated=operand,
    )


def _not(generator: SQLGenerator, node: nodes.Node, children: Sequence[Result]) -> Result:
    (operand,) = (generator.piece(child) for child in children)
    if operand.negated is not None and operand.precedence == NOT:
        # NOT NOT x is x in three-valued logic too; one level less for SQL parsers.
        return operand.negated
    return Piece(
        generator.render(generator.exp.Not(this=generator.raw(operand))), NOT, negated=operand
    )


def _arithmetic(
    sqlglot_class: str, precedence: int
) -> Callable[[SQLGenerator, nodes.Node, Sequence[Result]], Result]:
    def visit(generator: SQLGenerator, node: nodes.Node, children: Sequence[Result]) -> Result:
        exp = generator.exp
        left_result, right_result = children
        left = generator.piece(left_result)
        left_sql = generator.as_double(left) if left.column else generator.raw(left, precedence)
        if isinstance(node, nodes.Div):
            expression, level = generator.division(left_sql, right_result)
            return Piece(generator.render(expression), level, arithmetic=True)
        right = generator.piece(right_result)
        right_sql = (
            generator.as_double(right) if right.column else generator.raw(right, precedence + 1)
        )
        expression = getattr(exp, sqlglot_class)(this=left_sql, expression=right_sql)
        return Piece(generator.render(expression), precedence, arithmetic=True)

    return visit


def _comparison(
    sqlglot_class: str,
) -> Callable[[SQLGenerator, nodes.Node, Sequence[Result]], Result]:
    def visit(generator: SQLGenerator, node: nodes.Node, children: Sequence[Result]) -> Result:
        left, right = (generator.finite(generator.piece(child)) for child in children)
        expression = getattr(generator.exp, sqlglot_class)(
            this=generator.raw(left, COMPARISON + 1),
            expression=generator.raw(right, COMPARISON + 1),
        )
        return Piece(generator.render(expression), COMPARISON)

    return visit


def _logical(
    sqlglot_class: str, precedence: int
) -> Callable[[SQLGenerator, nodes.Node, Sequence[Result]], Result]:
    def visit(generator: SQLGenerator, node: nodes.Node, children: Sequence[Result]) -> Result:
        operands = [generator.raw(generator.piece(child), precedence + 1) for child in children]
        # A left-deep chain: sqlglot renders chains of one binary class without recursion.
        expression = operands[0]
        for operand in operands[1:]:
            expression = getattr(generator.exp, sqlglot_class)(this=expression, expression=operand)
        return Piece(generator.render(expression), precedence)

    return visit


Visitor: TypeAlias = "Callable[[SQLGenerator, nodes.Node, Sequence[Result]], Result]"


# One entry per concrete node class (a test checks none is missing).
VISITORS: dict[type[nodes.Node], Visitor] = {
    nodes.Number: _unreachable,
    nodes.Boolean: _unreachable,
    nodes.Variable: _variable,
    nodes.Neg: _negation,
    nodes.Not: _not,
    nodes.Add: _arithmetic("Add", SUM),
    nodes.Sub: _arithmetic("Sub", SUM),
    nodes.Mul: _arithmetic("Mul", PRODUCT),
    nodes.Div: _arithmetic("Div", PRODUCT),
    nodes.Eq: _comparison("EQ"),
    nodes.Ne: _comparison("NEQ"),
    nodes.Lt: _comparison("LT"),
    nodes.Le: _comparison("LTE"),
    nodes.Gt: _comparison("GT"),
    nodes.Ge: _comparison("GTE"),
    nodes.And: _logical("And", AND),
    nodes.Or: _logical("Or", OR),
}
