"""Type and unit checking of a syntax tree against a catalog.

Types are errors; units, ranges and constant conditions are warnings. The
pass is complete: it goes on after an error so that every problem is
reported, and an operand whose type is already wrong (an unknown variable,
say) raises no second error further up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic, Severity
from agentlevels._language.catalog import Catalog, ValueType
from agentlevels._language.checked import Checked, Kind
from agentlevels._language.format import format_node
from agentlevels._language.ranges import outcomes
from agentlevels._language.runtime import evaluate_constant
from agentlevels._language.units import Unit


@attrs.frozen
class _Info:
    """What the checker knows of a sub-tree."""

    type: ValueType | None  # None: already reported as wrong, check no further
    unit: Unit | None = None  # None: a bare number, which fits any unit
    constant: bool = True  # reads no variable


_BAD = _Info(None, constant=False)


def _diagnostic(
    severity: Severity, code: str, node: nodes.Node, message: str, hint: str | None = None
) -> Diagnostic:
    span = node.span
    return Diagnostic(severity, code, message, span.start, span.end, span.line, span.column, hint)


def _describe(node: nodes.Node, info: _Info) -> str:
    text = _quote(node)
    return f"{text} is a condition" if info.type == "boolean" else f"{text} is a number"


def _quote(node: nodes.Node) -> str:
    text = format_node(node)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"`{text}`"


class _Checker:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[Diagnostic] = []
        self.negated_left: dict[int, nodes.Comparison] = {}

    def error(self, code: str, node: nodes.Node, message: str, hint: str | None = None) -> None:
        self.problems.append(_diagnostic("error", code, node, message, hint))

    def warn(self, code: str, node: nodes.Node, message: str, hint: str | None = None) -> None:
        self.problems.append(_diagnostic("warning", code, node, message, hint))

    def visit(self, node: nodes.Node, kids: Sequence[_Info]) -> _Info:
        return nodes.handler(CHECKS, node, "checker")(self, node, kids)

    def variable(self, node: nodes.Variable) -> _Info:
        metric = self.catalog.get(node.name)
        if metric is None:
            suggestions = self.catalog.suggest(node.name)
            if suggestions:
                quoted = [f"`${name}`" for name in suggestions]
                listed = " or ".join(filter(None, [", ".join(quoted[:-1]), quoted[-1]]))
                hint = f"did you mean {listed}?"
            else:
                hint = "the catalog lists the known variables (`agentlevels metrics`)"
            self.error("unknown-variable", node, f"unknown variable `${node.name}`", hint)
            return _BAD
        return _Info(metric.type, metric.unit, constant=False)

    def expect_number(self, parent: nodes.Node, node: nodes.Node, info: _Info) -> bool:
        if info.type == "boolean":
            self.error(
                "type-mismatch",
                node,
                f"`{parent.operator}` takes numbers, but {_describe(node, info)}",  # type: ignore[attr-defined]
            )
            return False
        return info.type == "number"

    def numbers(self, node: nodes.Binary, left: _Info, right: _Info) -> bool:
        """Whether both operands of arithmetic are numbers (reporting conditions)."""
        ok_left = self.expect_number(node, node.left, left)
        ok_right = self.expect_number(node, node.right, right)
        return ok_left and ok_right

    def negation(self, node: nodes.Not, info: _Info) -> None:
        comparison = self.negated_left.get(id(node))
        if comparison is not None:
            inner = attrs.evolve(comparison, left=node.operand)
            hint = f"to negate the comparison, write `!({format_node(inner)})`"
        else:
            hint = f"to test for zero, write `{format_node(node.operand)} == 0`"
        self.error(
            "type-mismatch",
            node.operand,
            f"`!` takes a condition, but {_describe(node.operand, info)}",
            hint,
        )

    def logical(self, node: nodes.Logical, kids: Sequence[_Info]) -> None:
        numeric = [i for i, kid in enumerate(kids) if kid.type == "number"]
        if not numeric:
            return self.literal_in_chain(node)
        fixed = [
            _above_zero(operand) if i in numeric else _wrapped_logical(operand, node)
            for i, operand in enumerate(node.operands)
        ]
        hint = f"did you mean `{f' {node.operator} '.join(fixed)}`?"
        for i in numeric:
            operand = node.operands[i]
            self.error(
                "type-mismatch",
                operand,
                f"`{node.operator}` joins conditions, but {_describe(operand, kids[i])}",
                hint,
            )
        return None

    def literal_in_chain(self, node: nodes.Logical) -> None:
        for operand in node.operands:
            if isinstance(operand, nodes.Boolean):
                decides = operand.value == isinstance(node, nodes.Or)
                word = "true" if operand.value else "false"
                effect = (
                    f"makes the whole `{node.operator}` chain {word}"
                    if decides
                    else "has no effect here"
                )
                self.warn(
                    "constant-condition",
                    operand,
                    f"`{format_node(operand)}` {effect}",
                    "remove it, or replace it with a real condition",
                )

    def comparison(self, node: nodes.Comparison, left: _Info, right: _Info, equality: bool) -> None:
        if left.type is None or right.type is None:
            return
        if not self.comparable(node, left, right, equality):
            return
        if left.constant and right.constant:
            self.warn(
                "constant-condition",
                node,
                f"{_quote(node)} compares constants, so it is always {_constant_truth(node)}",
                "compare a $variable instead",
            )
            return
        if left.type == "number":
            self.units(node, "compares", left.unit, right.unit)
            self.range(node)

    def comparable(self, node: nodes.Comparison, left: _Info, right: _Info, equality: bool) -> bool:
        """Whether the two sides can be compared (reporting why not)."""
        if equality:
            if left.type == right.type:
                return True
            self.error(
                "type-mismatch",
                node,
                f"`{node.operator}` compares two numbers or two conditions, but "
                f"{_describe(node.left, left)} and {_describe(node.right, right)}",
            )
            return False
        fine = True
        for side, info in ((node.left, left), (node.right, right)):
            if info.type == "boolean":
                fine = False
                self.error(
                    "type-mismatch",
                    side,
                    f"`{node.operator}` compares numbers, but {_describe(side, info)}",
                )
        return fine

    def units(self, node: nodes.Binary, verb: str, left: Unit | None, right: Unit | None) -> None:
        if left is None or right is None or left == right:
            return
        self.warn(
            "unit-mismatch",
            node,
            f"{_quote(node)} {verb} {left.symbol} and {right.symbol}",
            "check that both sides measure the same thing",
        )

    def range(self, node: nodes.Comparison) -> None:
        known = outcomes(node, self.catalog)
        if known is None:
            return
        can_be_true, can_be_false, bounds = known
        if not can_be_true:
            self.warn(
                "out-of-range",
                node,
                f"{_quote(node)} can never be true: {bounds}",
                "check the number against the metric's range",
            )
        elif not can_be_false:
            self.warn(
                "out-of-range",
                node,
                f"{_quote(node)} is always true when known: {bounds}",
                "check the number against the metric's range",
            )

    def division(self, node: nodes.Div) -> None:
        divisor = node.right
        if isinstance(divisor, nodes.Number) and not divisor.value:
            self.warn(
                "division-by-zero",
                divisor,
                "dividing by zero always gives an unknown value",
                "divide by a non-zero number or a $variable",
            )

    def expect_kind(self, node: nodes.Node, root: _Info, kind: Kind) -> None:
        """Report a formula whose result is not of ``kind``, or a condition that reads nothing."""
        if root.type is not None and root.type != kind:
            if kind == "boolean":
                self.error(
                    "condition-expected",
                    node,
                    f"a condition must be true or false, but {_describe(node, root)}",
                    f"compare it, as in `{_above_zero(node)}`",
                )
            else:
                self.error(
                    "number-expected",
                    node,
                    f"this formula must give a number, but {_describe(node, root)}",
                    "remove the comparison, or compile it as a condition (kind='boolean')",
                )
        elif (
            root.constant
            and kind == "boolean"
            and not isinstance(node, nodes.Boolean)
            and not any(p.code == "constant-condition" for p in self.problems)
        ):
            self.warn(
                "constant-condition",
                node,
                "this condition reads no $variable, so it is always the same",
                "write `true` or `false` if that is what you mean",
            )


# --------------------------------------------------------------------------
# One check per node class: (checker, node, what is known of its children) ->
# what is known of the node. The node argument is the class the entry is keyed by.

Check: TypeAlias = Callable[[_Checker, Any, Sequence[_Info]], _Info]


def _number(checker: _Checker, node: nodes.Number, kids: Sequence[_Info]) -> _Info:
    return _Info("number")


def _boolean(checker: _Checker, node: nodes.Boolean, kids: Sequence[_Info]) -> _Info:
    return _Info("boolean")


def _variable(checker: _Checker, node: nodes.Variable, kids: Sequence[_Info]) -> _Info:
    return checker.variable(node)


def _negative(checker: _Checker, node: nodes.Neg, kids: Sequence[_Info]) -> _Info:
    (operand,) = kids
    checker.expect_number(node, node.operand, operand)
    return _Info("number", operand.unit, operand.constant)


def _not(checker: _Checker, node: nodes.Not, kids: Sequence[_Info]) -> _Info:
    (operand,) = kids
    if operand.type == "number":
        # Reported here with a hint; the result is not a condition either,
        # so nothing above should complain about it again.
        checker.negation(node, operand)
        return _BAD
    return _Info("boolean", None, operand.constant)


def _chain(checker: _Checker, node: nodes.Logical, kids: Sequence[_Info]) -> _Info:
    checker.logical(node, kids)
    return _Info("boolean", None, all(kid.constant for kid in kids))


def _comparison(*, equality: bool) -> Check:
    def check(checker: _Checker, node: nodes.Comparison, kids: Sequence[_Info]) -> _Info:
        left, right = kids
        checker.comparison(node, left, right, equality)
        return _Info("boolean", None, left.constant and right.constant)

    return check


def _sum(verb: str) -> Check:
    def check(checker: _Checker, node: nodes.Binary, kids: Sequence[_Info]) -> _Info:
        left, right = kids
        constant = left.constant and right.constant
        if not checker.numbers(node, left, right):
            return _Info("number", None, constant)
        checker.units(node, verb, left.unit, right.unit)
        return _Info("number", left.unit if left.unit is not None else right.unit, constant)

    return check


def _product(checker: _Checker, node: nodes.Mul, kids: Sequence[_Info]) -> _Info:
    left, right = kids
    constant = left.constant and right.constant
    if not checker.numbers(node, left, right):
        return _Info("number", None, constant)
    if left.unit is None or right.unit is None:
        return _Info("number", left.unit if left.unit is not None else right.unit, constant)
    return _Info("number", left.unit * right.unit, constant)


def _quotient(checker: _Checker, node: nodes.Div, kids: Sequence[_Info]) -> _Info:
    left, right = kids
    constant = left.constant and right.constant
    if not checker.numbers(node, left, right):
        return _Info("number", None, constant)
    checker.division(node)
    if left.unit is None or right.unit is None:
        # A bare number over a unit has no unit of its own to check against.
        return _Info("number", left.unit, constant)
    return _Info("number", left.unit / right.unit, constant)


# One entry per concrete node class (tests/test_dispatch.py checks none is missing).
CHECKS: dict[type[nodes.Node], Check] = {
    nodes.Number: _number,
    nodes.Boolean: _boolean,
    nodes.Variable: _variable,
    nodes.Neg: _negative,
    nodes.Not: _not,
    nodes.Add: _sum("adds"),
    nodes.Sub: _sum("subtracts"),
    nodes.Mul: _product,
    nodes.Div: _quotient,
    nodes.Eq: _comparison(equality=True),
    nodes.Ne: _comparison(equality=True),
    nodes.Lt: _comparison(equality=False),
    nodes.Le: _comparison(equality=False),
    nodes.Gt: _comparison(equality=False),
    nodes.Ge: _comparison(equality=False),
    nodes.And: _chain,
    nodes.Or: _chain,
}


# --------------------------------------------------------------------------
# Helpers for hints.


def _above_zero(node: nodes.Node) -> str:
    # The formatter adds the parentheses precedence needs, and only those.
    return format_node(nodes.Gt(node, nodes.Number(0)))


def _wrapped_logical(node: nodes.Node, parent: nodes.Logical) -> str:
    text = format_node(node)
    if isinstance(node, nodes.Or) and isinstance(parent, nodes.And):
        return f"({text})"
    return text


def _constant_truth(node: nodes.Comparison) -> str:
    """The value of a comparison of constants, in words, for the warning."""
    value = evaluate_constant(node)
    return "unknown" if value is None else str(value).lower()


def check_tree(
    node: nodes.Node, catalog: Catalog, kind: Kind
) -> tuple[Checked | None, list[Diagnostic]]:
    """Check a parsed tree; returns the checked formula (None if any error) and all diagnostics."""
    checker = _Checker(catalog)
    for parent in nodes.walk(node):
        if isinstance(parent, nodes.Comparison) and isinstance(parent.left, nodes.Not):
            checker.negated_left[id(parent.left)] = parent
    checker.expect_kind(node, nodes.fold(node, checker.visit), kind)
    problems = sorted(checker.problems, key=lambda d: (d.start, d.end, d.severity))
    if any(p.severity == "error" for p in problems):
        return None, problems
    variables = frozenset(n.name for n in nodes.walk(node) if isinstance(n, nodes.Variable))
    checked = Checked(node, kind, catalog, variables, tuple(problems))
    return checked, problems
