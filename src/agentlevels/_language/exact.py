"""The three-valued path as generated Python statements.

When the fast path cannot decide (a value is unknown, a divisor is zero, an
operation overflows, or a value needs the snapshot validation), a formula
runs this code instead: one flat list of statements, generated from the
checked tree like the fast path, that computes every node into a temporary
with the language's exact semantics:

* unknown (``None``) propagates through arithmetic and comparisons;
* a zero divisor is tested before dividing, and any other failure of an
  operation (an ``int`` too large for a ``float``) is caught, both giving
  unknown;
* a result beyond float range (an overflow to infinity, or a whole number
  too large) is unknown;
* ``&&`` and ``||`` follow Kleene's three-valued logic, written out.

Nothing nests: each node's statements only read names and constants, so a
formula of any size compiles without deep recursion and without nested
``try`` blocks. ``tests/reference.py`` is the oracle this code is tested
against, with the stack machine of :mod:`.runtime`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

from agentlevels import nodes
from agentlevels._language import located
from agentlevels._language.runtime import FLOAT_MAX


def _load(name: str) -> ast.Name:
    return located.Name(name, ast.Load())


def _store(name: str) -> ast.Name:
    return located.Name(name, ast.Store())


def _is(expression: ast.expr, constant: bool | None) -> ast.expr:
    return located.Compare(expression, [ast.Is()], [located.Constant(constant)])


def _any(tests: Sequence[ast.expr]) -> ast.expr:
    return tests[0] if len(tests) == 1 else located.BoolOp(ast.Or(), list(tests))


def _unknown(operands: Sequence[ast.expr]) -> ast.expr | None:
    """A test that some operand is unknown; None when every operand is a constant."""
    tests = [_is(operand, None) for operand in operands if isinstance(operand, ast.Name)]
    return _any(tests) if tests else None


class ThreeValued:
    """The statements computing one checked tree with the exact semantics."""

    def __init__(self, locals_: Mapping[str, str]) -> None:
        self.locals = locals_  # metric name -> the local holding its validated value
        self.statements: list[ast.stmt] = []
        self._count = 0

    def result(self, root: nodes.Node) -> ast.expr:
        """A name or constant holding the tree's value after :attr:`statements` ran."""
        return nodes.fold(root, self._visit)

    def _visit(self, node: nodes.Node, operands: Sequence[ast.expr]) -> ast.expr:
        build = nodes.handler(THREE_VALUED, node, "compiler's three-valued path")
        return build(self, node, list(operands))

    def temporary(self) -> str:
        self._count += 1
        return f"u{self._count}"

    def assign(self, expression: ast.expr) -> ast.Name:
        """``expression`` stored in a new temporary; the temporary."""
        name = self.temporary()
        self.statements.append(located.Assign([_store(name)], expression))
        return _load(name)

    def unless_unknown(self, operands: Sequence[ast.expr], value: ast.expr) -> ast.Name:
        """``value``, or unknown when an operand is."""
        unknown = _unknown(operands)
        if unknown is None:
            return self.assign(value)
        return self.assign(located.IfExp(unknown, located.Constant(None), value))


ThreeValuedBuild: TypeAlias = Callable[[ThreeValued, Any, list[ast.expr]], ast.expr]


def _literal(
    generator: ThreeValued, node: nodes.Number | nodes.Boolean, operands: list[ast.expr]
) -> ast.expr:
    if type(node.value) not in (int, float, bool):  # only parsed values get here
        raise TypeError(f"not a literal value: {node.value!r}")
    return located.Constant(node.value)


def _variable(generator: ThreeValued, node: nodes.Variable, operands: list[ast.expr]) -> ast.expr:
    return _load(generator.locals[node.name])


def _prefix(operator: ast.unaryop) -> ThreeValuedBuild:
    def build(generator: ThreeValued, node: nodes.Unary, operands: list[ast.expr]) -> ast.expr:
        return generator.unless_unknown(operands, located.UnaryOp(operator, operands[0]))

    return build


def _arithmetic(operator: ast.operator) -> ThreeValuedBuild:
    def build(generator: ThreeValued, node: nodes.Binary, operands: list[ast.expr]) -> ast.expr:
        left, right = operands
        name = generator.temporary()
        unknown = located.Assign([_store(name)], located.Constant(None))
        # Beyond float range (an overflow to infinity, or an int too large) is unknown.
        in_range = located.Compare(
            located.Constant(-FLOAT_MAX),
            [ast.LtE(), ast.LtE()],
            [_load(name), located.Constant(FLOAT_MAX)],
        )
        not_finite = located.UnaryOp(ast.Not(), in_range)
        # An int too large for a float raises OverflowError; a float overflow
        # gives an infinity, which is not finite.
        compute: list[ast.stmt] = [
            located.Try(
                [located.Assign([_store(name)], located.BinOp(left, operator, right))],
                [located.ExceptHandler(_load("ArithmeticError"), None, [unknown])],
                [located.If(not_finite, [unknown], [])],
                [],
            )
        ]
        tests = [] if (test := _unknown(operands)) is None else [test]
        if isinstance(operator, ast.Div):  # tested, not caught: exceptions are slow
            tests.append(located.Compare(right, [ast.Eq()], [located.Constant(0)]))
        generator.statements.extend(
            [located.If(_any(tests), [unknown], compute)] if tests else compute
        )
        return _load(name)

    return build


def _comparison(operator: ast.cmpop) -> ThreeValuedBuild:
    def build(generator: ThreeValued, node: nodes.Comparison, operands: list[ast.expr]) -> ast.expr:
        left, right = operands
        return generator.unless_unknown(operands, located.Compare(left, [operator], [right]))

    return build


def _kleene(decisive: bool) -> ThreeValuedBuild:
    """``&&`` (False decides) or ``||`` (True decides); else unknown if any operand is."""

    def build(generator: ThreeValued, node: nodes.Logical, operands: list[ast.expr]) -> ast.expr:
        decided = _any([_is(operand, decisive) for operand in operands])
        otherwise: ast.expr = located.Constant(not decisive)
        unknown = _unknown(operands)
        if unknown is not None:
            otherwise = located.IfExp(unknown, located.Constant(None), otherwise)
        return generator.assign(located.IfExp(decided, located.Constant(decisive), otherwise))

    return build


# One entry per concrete node class (tests/test_dispatch.py checks none is missing).
THREE_VALUED: dict[type[nodes.Node], ThreeValuedBuild] = {
    nodes.Number: _literal,
    nodes.Boolean: _literal,
    nodes.Variable: _variable,
    nodes.Neg: _prefix(ast.USub()),
    nodes.Not: _prefix(ast.Not()),
    nodes.Add: _arithmetic(ast.Add()),
    nodes.Sub: _arithmetic(ast.Sub()),
    nodes.Mul: _arithmetic(ast.Mult()),
    nodes.Div: _arithmetic(ast.Div()),
    nodes.Eq: _comparison(ast.Eq()),
    nodes.Ne: _comparison(ast.NotEq()),
    nodes.Lt: _comparison(ast.Lt()),
    nodes.Le: _comparison(ast.LtE()),
    nodes.Gt: _comparison(ast.Gt()),
    nodes.Ge: _comparison(ast.GtE()),
    nodes.And: _kleene(False),
    nodes.Or: _kleene(True),
}
