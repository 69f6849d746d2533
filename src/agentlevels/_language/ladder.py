"""A level ladder as one generated function (see :func:`ladder_function`)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence

from agentlevels import nodes
from agentlevels._language import located
from agentlevels._language.checked import Checked
from agentlevels._language.compiler import (
    FAST_PATH,
    _code,
    _define,
    _function,
    _Generator,
    _name,
    _read_then,
    _validated,
    _variable_order,
)
from agentlevels._language.exact import ThreeValued
from agentlevels._language.runtime import _validate

_LEAVES = (nodes.Variable, nodes.Number, nodes.Boolean)


def _truth(generator: _Generator, root: nodes.Node) -> ast.expr | None:
    """A short-circuit Python test that is true exactly when ``root`` is True
    under three-valued logic, or None when the tree does not allow one.

    Without ``!``, a condition is True exactly when it is true with every
    comparison of an unknown value read as false: ``&&`` is True when all its
    operands are, ``||`` when one is. So no unknown needs to be carried, and
    ``&&`` and ``||`` can stop early. Equality of two conditions (unknown is
    not false there) and arithmetic take the three-valued statements instead.
    """

    def visit(node: nodes.Node, operands: Sequence[ast.expr | None]) -> ast.expr | None:
        if isinstance(node, _LEAVES):
            return nodes.handler(FAST_PATH, node, "compiler's fast path")(generator, node, [])
        if None in operands or not isinstance(node, nodes.Comparison | nodes.Logical):
            return None
        known = [o for o in operands if o is not None]
        if isinstance(node, nodes.Logical):
            return located.BoolOp(
                ast.And() if isinstance(node, nodes.And) else ast.Or(),
                [_is_true(operand) for operand in known],
            )
        if not all(isinstance(child, _LEAVES) for child in node.children):
            return None
        tests: list[ast.expr] = [
            located.Compare(operand, [ast.IsNot()], [located.Constant(None)])
            for operand in known
            if isinstance(operand, ast.Name)
        ]
        compare = nodes.handler(FAST_PATH, node, "compiler's fast path")(generator, node, known)
        return located.BoolOp(ast.And(), [*tests, compare]) if tests else compare

    result = nodes.fold(root, visit)
    return None if result is None else _is_true(result)


def _is_true(expression: ast.expr) -> ast.expr:
    # A boolean metric is True, False or unknown: only True counts.
    if isinstance(expression, ast.Name):
        return located.Compare(expression, [ast.Is()], [located.Constant(True)])
    return expression


def _exact_ladder(
    formulas: Sequence[Checked], reads: Mapping[str, str], handover: ast.stmt
) -> list[ast.stmt]:
    """The three-valued ladder, run when the fast one cannot decide.

    It does what ``slow`` does for a plain ``dict`` snapshot, without a call
    per level: it first validates every metric the ladder reads, in the
    order the levels read them from the lowest up (so it raises what the
    first failing formula raises, even for levels at or below the one held,
    which a scheme checks too), then from the top level down to the one held
    computes each condition with the exact semantics and stops at the first
    met.
    """
    not_dict = located.Compare(
        located.Call(_name("type"), [_name("s")], []), [ast.IsNot()], [_name("dict")]
    )
    order = dict.fromkeys(name for checked in formulas for name in _variable_order(checked.node))
    statements: list[ast.stmt] = [
        located.If(not_dict, [handover], []),
        *_validated({name: reads[name] for name in order if name in reads}, formulas[0].catalog),
    ]
    for rank in range(len(formulas), 0, -1):
        checked = formulas[rank - 1]
        three_valued = ThreeValued(reads)
        met = _truth(_Generator(checked, dict(reads)), checked.node)
        if met is None:
            result = three_valued.result(checked.node)
            met = located.Compare(result, [ast.Is()], [located.Constant(True)])
        level = [
            *three_valued.statements,
            located.If(met, [located.Return(located.Constant(rank))], []),
        ]
        below = located.Compare(_name("held"), [ast.Lt()], [located.Constant(rank)])
        statements.append(located.If(below, level, []))
    return [*statements, located.Return(_name("held"))]


def ladder_function(
    formulas: Sequence[Checked], slow: Callable[[object, int], int]
) -> Callable[[object, int], int]:
    """One function that finds the rank reached, for schemes whose conditions allow it.

    Each condition is already compiled to Python; calling twelve of them reads
    and type-checks the same metrics up to twelve times. This joins the
    fast-path expressions of every condition into one function that reads and
    checks each metric once, then tests the levels from the top down. When a
    value is unknown or not a finite number, the three-valued ladder decides
    (:func:`_exact_ladder`); when one is missing or the snapshot is not a
    ``dict``, ``slow`` (one compiled formula per level) does, so results and
    errors are exactly the same. Conditions with arithmetic keep the
    per-formula path.
    """
    reads: dict[str, str] = {}
    tests: list[ast.stmt] = []
    for rank in range(len(formulas), 0, -1):
        generator = _Generator(formulas[rank - 1], reads)
        expression = generator.expression()
        if generator.hoisted or generator.finite:
            return slow
        below = located.Compare(_name("held"), [ast.Lt()], [located.Constant(rank)])
        test = located.BoolOp(ast.And(), [below, expression])
        tests.append(located.If(test, [located.Return(located.Constant(rank))], []))
    if not reads:
        return slow
    handover = located.Return(located.Call(_name("_slow"), [_name("s"), _name("held")], []))
    body = [*tests, located.Return(_name("held"))]
    exact = _exact_ladder(formulas, reads, handover)
    body = _read_then(reads, formulas[0].catalog, body, handover, exact)
    code = _code([_function("ladder", ("s", "held"), body)], "<level ladder>")
    namespace = {"_slow": slow, "_validate": _validate}
    ladder: Callable[[object, int], int] = _define(code, namespace)["ladder"]
    return ladder
