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
from agentlevels._language.names import unknown_variable
from agentlevels._language.ranges import outcomes
from agentlevels._language.runtime import evaluate_constant
from agentlevels._language.units import Unit
from agentlevels._messages.message import Message, message


@attrs.frozen
class _Info:
    """What the checker knows of a sub-tree."""

    type: ValueType | None  # None: already reported as wrong, check no further
    unit: Unit | None = None  # None: a bare number, which fits any unit
    constant: bool = True  # reads no variable


_BAD = _Info(None, constant=False)


def _diagnostic(
    severity: Severity,
    code: str,
    node: nodes.Node,
    text: Message,
    hint: Message | None,
    source: str | None,
) -> Diagnostic:
    span = node.span
    if source is not None:
        return Diagnostic.of(severity, code, text, source, span.start, span.end, hint)
    # Without the text, the span is taken to lie on one line.
    plain = Diagnostic(severity, code, "", span.start, span.end, span.line, span.column)
    return plain.retold(text, hint)


def _describe(node: nodes.Node, info: _Info) -> Message:
    key = "is-condition" if info.type == "boolean" else "is-number"
    return message(key, expression=_quote(node))


def _quote(node: nodes.Node) -> str:
    text = format_node(node)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"`{text}`"


class _Checker:
    def __init__(self, catalog: Catalog, source: str | None) -> None:
        self.catalog = catalog
        self.source = source
        self.problems: list[Diagnostic] = []
        self.negated_left: dict[int, nodes.Comparison] = {}

    def error(
        self, code: str, node: nodes.Node, text: Message, hint: Message | None = None
    ) -> None:
        self.problems.append(_diagnostic("error", code, node, text, hint, self.source))

    def warn(self, code: str, node: nodes.Node, text: Message, hint: Message | None = None) -> None:
        self.problems.append(_diagnostic("warning", code, node, text, hint, self.source))

    def visit(self, node: nodes.Node, kids: Sequence[_Info]) -> _Info:
        return nodes.handler(CHECKS, node, "checker")(self, node, kids)

    def variable(self, node: nodes.Variable) -> _Info:
        metric = self.catalog.get(node.name)
        if metric is None:
            # The same words as for a $name beside a syntax error (see the parser).
            code, text, hint = unknown_variable(node.name, self.catalog)
            self.error(code, node, text, hint)
            return _BAD
        return _Info(metric.type, metric.unit, constant=False)

    def expect_number(self, parent: nodes.Node, node: nodes.Node, info: _Info) -> bool:
        if info.type == "boolean":
            self.error(
                "type-mismatch",
                node,
                message(
                    "takes-numbers",
                    operator=parent.operator,  # type: ignore[attr-defined]
                    found=_describe(node, info),
                ),
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
            hint = message("hint-negate-comparison", text=format_node(inner))
        else:
            hint = message("hint-test-zero", text=format_node(node.operand))
        self.error(
            "type-mismatch",
            node.operand,
            message("not-takes-condition", found=_describe(node.operand, info)),
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
        hint = message("hint-did-you-mean-text", text=f" {node.operator} ".join(fixed))
        for i in numeric:
            operand = node.operands[i]
            found = _describe(operand, kids[i])
            self.error(
                "type-mismatch",
                operand,
                message("joins-conditions", operator=node.operator, found=found),
                hint,
            )
        return None

    def literal_in_chain(self, node: nodes.Logical) -> None:
        for operand in node.operands:
            if isinstance(operand, nodes.Boolean):
                decides = operand.value == isinstance(node, nodes.Or)
                key = "no-effect"
                if decides:
                    key = "makes-chain-true" if operand.value else "makes-chain-false"
                self.warn(
                    "constant-condition",
                    operand,
                    message(key, literal=format_node(operand), operator=node.operator),
                    message("hint-real-condition"),
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
                message(f"constants-always-{_constant_truth(node)}", expression=_quote(node)),
                message("hint-compare-variable"),
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
                message(
                    "compares-same-types",
                    operator=node.operator,
                    left=_describe(node.left, left),
                    right=_describe(node.right, right),
                ),
            )
            return False
        fine = True
        for side, info in ((node.left, left), (node.right, right)):
            if info.type == "boolean":
                fine = False
                self.error(
                    "type-mismatch",
                    side,
                    message(
                        "compares-numbers", operator=node.operator, found=_describe(side, info)
                    ),
                )
        return fine

    def units(self, node: nodes.Binary, verb: str, left: Unit | None, right: Unit | None) -> None:
        if left is None or right is None or left == right:
            return
        self.warn(
            "unit-mismatch",
            node,
            message(f"units-{verb}", expression=_quote(node), left=left.symbol, right=right.symbol),
            message("hint-same-thing"),
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
                message("never-true", expression=_quote(node), bounds=bounds),
                message("hint-check-range"),
            )
        elif not can_be_false:
            self.warn(
                "out-of-range",
                node,
                message("always-true", expression=_quote(node), bounds=bounds),
                message("hint-check-range"),
            )

    def division(self, node: nodes.Div) -> None:
        divisor = node.right
        if isinstance(divisor, nodes.Number) and not divisor.value:
            self.warn(
                "division-by-zero",
                divisor,
                message("division-by-zero"),
                message("hint-non-zero"),
            )

    def expect_kind(self, node: nodes.Node, root: _Info, kind: Kind) -> None:
        """Report a formula whose result is not of ``kind``, or a condition that reads nothing."""
        if root.type is not None and root.type != kind:
            if kind == "boolean":
                self.error(
                    "condition-expected",
                    node,
                    message("condition-expected", found=_describe(node, root)),
                    message("hint-compare-it", text=_above_zero(node)),
                )
            else:
                self.error(
                    "number-expected",
                    node,
                    message("number-expected", found=_describe(node, root)),
                    message("hint-remove-comparison"),
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
                message("reads-no-variable"),
                message("hint-true-or-false"),
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
    node: nodes.Node, catalog: Catalog, kind: Kind, source: str | None = None
) -> tuple[Checked | None, list[Diagnostic]]:
    """Check a parsed tree; returns the checked formula (None if any error) and all diagnostics.

    ``source``, the text ``node`` was parsed from, places each diagnostic's
    end (a span may run over several lines); without it the span is taken
    to lie on one line.
    """
    checker = _Checker(catalog, source)
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
