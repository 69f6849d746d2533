"""What a comparison of a metric with a number can give, over the metric's declared range.

``$rewards_p > 100`` can never be true when ``$rewards_p`` lies between 0 and
100; ``$answers >= 0`` is always true when known. The checker warns about both.
"""

from __future__ import annotations

from collections.abc import Callable

from agentlevels import nodes
from agentlevels._language.catalog import Catalog
from agentlevels._language.format import format_decimal
from agentlevels._messages.message import Message, message


def outcomes(node: nodes.Comparison, catalog: Catalog) -> tuple[bool, bool, Message] | None:
    """Whether ``node`` can be true, whether it can be false, and the metric's range in words.

    None unless ``node`` compares a metric that has a range with a number
    literal (negative ones included).
    """
    variable, value, flipped = _variable_and_literal(node)
    if variable is None or value is None:
        return None
    metric = catalog[variable.name]
    low, high = metric.minimum, metric.maximum
    if low is None and high is None:
        return None
    # 5 < $a is $a > 5.
    operator = nodes.MIRRORED[type(node)] if flipped else type(node)
    lo = float("-inf") if low is None else low
    hi = float("inf") if high is None else high
    can_be_true, can_be_false = _POSSIBLE[operator](value, lo, hi)
    return can_be_true, can_be_false, _bounds_text(variable.name, low, high)


def _literal(node: nodes.Node) -> int | float | None:
    """The value of a number literal, negated ones included (``-100``)."""
    if isinstance(node, nodes.Number):
        return node.value
    if isinstance(node, nodes.Neg) and isinstance(node.operand, nodes.Number):
        return -node.operand.value
    return None


def _variable_and_literal(
    node: nodes.Comparison,
) -> tuple[nodes.Variable | None, int | float | None, bool]:
    left, right = node.left, node.right
    if isinstance(left, nodes.Variable):
        return left, _literal(right), False
    if isinstance(right, nodes.Variable):
        return right, _literal(left), True
    return None, None, False


def _equal(value: float, lo: float, hi: float) -> tuple[bool, bool]:
    inside = lo <= value <= hi
    return inside, not (inside and lo == hi)


def _not_equal(value: float, lo: float, hi: float) -> tuple[bool, bool]:
    can_be_equal, can_differ = _equal(value, lo, hi)
    return can_differ, can_be_equal


# Whether ``x OP value`` can be true, and can be false, for x in [lo, hi].
_POSSIBLE: dict[type[nodes.Comparison], Callable[[float, float, float], tuple[bool, bool]]] = {
    nodes.Gt: lambda value, lo, hi: (hi > value, lo <= value),
    nodes.Ge: lambda value, lo, hi: (hi >= value, lo < value),
    nodes.Lt: lambda value, lo, hi: (lo < value, hi >= value),
    nodes.Le: lambda value, lo, hi: (lo <= value, hi > value),
    nodes.Eq: _equal,
    nodes.Ne: _not_equal,
}


def _bounds_text(name: str, low: float | None, high: float | None) -> Message:
    if low is not None and high is not None:
        return message(
            "bounds-between", name=name, low=format_decimal(low), high=format_decimal(high)
        )
    if low is not None:
        return message("bounds-at-least", name=name, low=format_decimal(low))
    return message("bounds-at-most", name=name, high=format_decimal(high))  # type: ignore[arg-type]
