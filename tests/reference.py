"""A deliberately naive tree-walking evaluator: the oracle for the compiler.

It shares no code with ``agentlevels._language.compiler``; it follows the language
spec sentence by sentence, so that a property test comparing the two finds
any place where the fast generated code and the spec disagree.
"""

from __future__ import annotations

import math
import operator
import sys
from collections.abc import Callable, Mapping
from typing import Any

from agentlevels import nodes

Value = int | float | bool | None


def _arith(op: type[nodes.Node], a: Value, b: Value) -> Value:
    if a is None or b is None:
        return None  # unknown propagates
    assert not isinstance(a, bool)
    assert not isinstance(b, bool)
    try:
        if op is nodes.Add:
            result = a + b
        elif op is nodes.Sub:
            result = a - b
        elif op is nodes.Mul:
            result = a * b
        else:
            if b == 0:
                return None  # division by zero is unknown
            result = a / b
    except OverflowError:
        return None  # beyond the float range: not finite
    if isinstance(result, float) and not math.isfinite(result):
        return None
    if abs(result) > sys.float_info.max:
        return None  # a whole number beyond float range is unknown too
    return result


_COMPARISONS: dict[type[nodes.Node], Callable[[Any, Any], bool]] = {
    nodes.Eq: operator.eq,
    nodes.Ne: operator.ne,
    nodes.Lt: operator.lt,
    nodes.Le: operator.le,
    nodes.Gt: operator.gt,
    nodes.Ge: operator.ge,
}


def evaluate(node: nodes.Node, snapshot: Mapping[str, Value]) -> Value:
    if isinstance(node, nodes.Number | nodes.Boolean):
        return node.value
    if isinstance(node, nodes.Variable):
        return snapshot[node.name]
    if isinstance(node, nodes.Neg):
        value = evaluate(node.operand, snapshot)
        return None if value is None else -value
    if isinstance(node, nodes.Not):
        value = evaluate(node.operand, snapshot)
        return None if value is None else not value
    if isinstance(node, nodes.And):
        values = [evaluate(operand, snapshot) for operand in node.operands]
        if False in values:
            return False
        return None if None in values else True
    if isinstance(node, nodes.Or):
        values = [evaluate(operand, snapshot) for operand in node.operands]
        if True in values:
            return True
        return None if None in values else False
    assert isinstance(node, nodes.Binary)
    left = evaluate(node.left, snapshot)
    right = evaluate(node.right, snapshot)
    if isinstance(node, nodes.Comparison):
        if left is None or right is None:
            return None
        compare: Callable[[Any, Any], bool] = _COMPARISONS[type(node)]
        return compare(left, right)
    return _arith(type(node), left, right)
