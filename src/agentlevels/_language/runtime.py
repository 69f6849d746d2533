"""The exact evaluator: snapshot reading and three-valued (Kleene) logic.

What every backend agrees with: it validates a snapshot with the library's
own errors and implements unknown values, division by zero and overflow.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from agentlevels import nodes
from agentlevels._errors import InvalidMetricError, MissingMetricError, SnapshotError
from agentlevels._language.catalog import Catalog
from agentlevels._language.checked import Checked
from agentlevels._values import Value


def read_snapshot(snapshot: object, names: Sequence[str], catalog: Catalog) -> dict[str, Value]:
    """Validated values of ``names`` from ``snapshot``; raises SnapshotError subclasses."""
    if not isinstance(snapshot, Mapping):
        raise SnapshotError(
            f"a snapshot maps metric names to values; got {type(snapshot).__name__}"
        )
    try:
        missing = [name for name in names if name not in snapshot]
    except Exception as error:  # a caller's mapping that fails on lookup
        raise SnapshotError(f"the snapshot could not be read: {error!r}") from error
    if missing:
        raise MissingMetricError(missing)
    values: dict[str, Value] = {}
    for name in names:
        try:
            value = snapshot[name]
        except Exception as error:
            raise SnapshotError(f"metric {name!r} could not be read: {error!r}") from error
        values[name] = _validate(name, value, catalog[name].type == "boolean")
    return values


FLOAT_MAX = sys.float_info.max
"""The largest magnitude a value may reach: a result beyond it is unknown, whether it
was computed with whole numbers or decimals."""

_NUMBER = "a number (int, float, Decimal or Fraction), or None for unknown"
_FINITE = "a finite number (not NaN or infinity)"
_IN_RANGE = "a number within float range (about ±1.8e308)"


def check_snapshot(snapshot: object, fields: Sequence[tuple[str, bool]], catalog: Catalog) -> None:
    """Raise what :func:`read_snapshot` raises for ``snapshot``, or nothing.

    ``fields`` are the metric names with whether each is boolean. For
    callers that need the check but not the values (a level scheme whose
    answer is known before every metric is read): plain ints, floats and
    bools pass without conversion; anything else goes through
    :func:`read_snapshot`.
    """
    if type(snapshot) is dict:
        for name, boolean in fields:
            value = snapshot.get(name, _ABSENT)
            kind = type(value)
            if kind is int or kind is float:
                if not boolean and -FLOAT_MAX <= value <= FLOAT_MAX:
                    continue
            elif value is None or (boolean and kind is bool):
                continue
            break
        else:
            return
    read_snapshot(snapshot, [name for name, _ in fields], catalog)


_ABSENT = object()


def _validate(name: str, value: object, boolean: bool) -> Value:
    if value is None:
        return None
    kind = type(value)
    if (kind is int or kind is float) and not boolean:
        # The common case first, without the slower checks against numbers.Real.
        if -FLOAT_MAX <= value <= FLOAT_MAX:  # type: ignore[operator]
            return value  # type: ignore[return-value]
        finite = kind is int or math.isfinite(value)  # type: ignore[arg-type]
        raise InvalidMetricError(name, value, _IN_RANGE if finite else _FINITE)
    if boolean:
        if isinstance(value, bool):
            return bool(value)
        raise InvalidMetricError(name, value, "true or false (bool), or None for unknown")
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise InvalidMetricError(name, value, _NUMBER)
    try:
        number = _number(name, value)
    except SnapshotError:
        raise
    except OverflowError as error:  # Fraction(10**400, 3) has no float
        raise InvalidMetricError(name, value, _IN_RANGE) from error
    except Exception as error:  # a caller's number type whose conversion fails
        raise InvalidMetricError(name, value, _NUMBER) from error
    if not -FLOAT_MAX <= number <= FLOAT_MAX:
        raise InvalidMetricError(name, value, _IN_RANGE)
    return number


def _number(name: str, value: numbers.Real | Decimal) -> int | float:
    """``value`` as an int or a float, converted once: exact for whole numbers."""
    if isinstance(value, int):
        return int(value)  # an int subclass (or numpy's integers, which are Integral)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidMetricError(name, value, _FINITE)
        if abs(value) > _DECIMAL_MAX:  # int() of Decimal("1e999999999") would not end
            raise InvalidMetricError(name, value, _IN_RANGE)
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value.numerator)
    converted = float(value)  # float, numpy floats, Fraction and other Real numbers
    if not math.isfinite(converted):
        finite = isinstance(value, Fraction) or math.isfinite(value)
        raise InvalidMetricError(name, value, _IN_RANGE if finite else _FINITE)
    return converted


_DECIMAL_MAX = Decimal(FLOAT_MAX)


def _finite(value: int | float) -> int | float | None:
    # An int beyond float range is as unknown as a float that overflowed, so
    # that 1 and 1.0 give the same answer (docs/language.md).
    if not -FLOAT_MAX <= value <= FLOAT_MAX:
        return None
    return value


def _arithmetic(operation: Callable[[Any, Any], Any]) -> Callable[[Value, Value], Value]:
    def apply(left: Value, right: Value) -> Value:
        if left is None or right is None:
            return None
        try:
            return _finite(operation(left, right))
        except ArithmeticError:  # division by zero, or a result beyond float range
            return None

    return apply


def _compare(operation: Callable[[Any, Any], bool]) -> Callable[[Value, Value], Value]:
    def apply(left: Value, right: Value) -> Value:
        if left is None or right is None:
            return None
        return operation(left, right)

    return apply


def _kleene_and(values: Sequence[Value]) -> Value:
    if any(value is False for value in values):
        return False
    return None if any(value is None for value in values) else True


def _kleene_or(values: Sequence[Value]) -> Value:
    if any(value is True for value in values):
        return True
    return None if any(value is None for value in values) else False


def _negate(value: Value) -> Value:
    return None if value is None else -value


def _not(value: Value) -> Value:
    return None if value is None else not value


_BINARY: dict[type[nodes.Node], Callable[[Value, Value], Value]] = {
    nodes.Add: _arithmetic(lambda a, b: a + b),
    nodes.Sub: _arithmetic(lambda a, b: a - b),
    nodes.Mul: _arithmetic(lambda a, b: a * b),
    nodes.Div: _arithmetic(lambda a, b: a / b),
    nodes.Eq: _compare(lambda a, b: a == b),
    nodes.Ne: _compare(lambda a, b: a != b),
    nodes.Lt: _compare(lambda a, b: a < b),
    nodes.Le: _compare(lambda a, b: a <= b),
    nodes.Gt: _compare(lambda a, b: a > b),
    nodes.Ge: _compare(lambda a, b: a >= b),
}


_UNARY: dict[type[nodes.Node], Callable[[Value], Value]] = {nodes.Neg: _negate, nodes.Not: _not}


_LOGICAL: dict[type[nodes.Node], Callable[[Sequence[Value]], Value]] = {
    nodes.And: _kleene_and,
    nodes.Or: _kleene_or,
}


# One instruction: (opcode, argument). Opcodes: "push", "load", "unary", "binary", "logical".
Instruction = tuple[str, Any]
# The node argument is the class the entry is keyed by.
Emit = Callable[[Any], Instruction]


def _push(node: nodes.Number | nodes.Boolean) -> Instruction:
    return ("push", node.value)


def _load(node: nodes.Variable) -> Instruction:
    return ("load", node.name)


def _unary(node: nodes.Unary) -> Instruction:
    return ("unary", _UNARY[type(node)])


def _binary(node: nodes.Binary) -> Instruction:
    return ("binary", _BINARY[type(node)])


def _logical(node: nodes.Logical) -> Instruction:
    return ("logical", (_LOGICAL[type(node)], len(node.operands)))


# The exact path: one instruction per node, in postfix order. One entry per
# concrete node class (tests/test_dispatch.py checks none is missing); the
# operations come from the tables above.
EXACT_PATH: dict[type[nodes.Node], Emit] = {
    nodes.Number: _push,
    nodes.Boolean: _push,
    nodes.Variable: _load,
    nodes.Neg: _unary,
    nodes.Not: _unary,
    nodes.Add: _binary,
    nodes.Sub: _binary,
    nodes.Mul: _binary,
    nodes.Div: _binary,
    nodes.Eq: _binary,
    nodes.Ne: _binary,
    nodes.Lt: _binary,
    nodes.Le: _binary,
    nodes.Gt: _binary,
    nodes.Ge: _binary,
    nodes.And: _logical,
    nodes.Or: _logical,
}


def _instructions(root: nodes.Node) -> tuple[Instruction, ...]:
    return tuple(
        nodes.handler(EXACT_PATH, node, "exact path")(node) for node in nodes.postorder(root)
    )


@attrs.frozen
class Program:
    """The exact, three-valued evaluator of one checked formula, as a stack machine.

    Compiled formulas run generated code (:mod:`.exact`); this slower,
    independent evaluator is kept as a test oracle beside ``tests/reference.py``,
    and its instructions fold constants (:func:`evaluate_constant`).
    """

    code: tuple[Instruction, ...]
    names: tuple[str, ...]
    catalog: Catalog

    @classmethod
    def of(cls, checked: Checked) -> Program:
        variables = (v for v in nodes.walk(checked.node) if isinstance(v, nodes.Variable))
        names = tuple(dict.fromkeys(v.name for v in variables))
        return cls(_instructions(checked.node), names, checked.catalog)

    def run(self, snapshot: object) -> Value:
        values = read_snapshot(snapshot, self.names, self.catalog) if self.names else {}
        return run_code(self.code, values)


def run_code(code: Sequence[Instruction], values: Mapping[str, Value]) -> Value:
    stack: list[Value] = []
    push = stack.append
    for opcode, argument in code:
        if opcode == "push":
            push(argument)
        elif opcode == "load":
            push(values[argument])
        elif opcode == "unary":
            push(argument(stack.pop()))
        elif opcode == "binary":
            right = stack.pop()
            push(argument(stack.pop(), right))
        else:
            operation, count = argument
            operands = stack[-count:]
            del stack[-count:]
            push(operation(operands))
    (result,) = stack
    return result


def evaluate_constant(node: nodes.Node) -> Value:
    """The value of a tree that reads no variable."""
    return run_code(_instructions(node), {})


def evaluate_tree(node: nodes.Node, values: Mapping[str, Value]) -> Value:
    """The exact value of a (checked) sub-tree over ``values`` already read by
    :func:`read_snapshot`: what progress and explain use instead of compiling text."""
    return run_code(_instructions(node), values)
