"""The value of every sub-expression of a formula for one snapshot, and what decided it.

A :class:`Trace` runs the exact evaluator's operations (the tables of
:mod:`agentlevels._language.runtime`) node by node and keeps every
intermediate value, so "why" and clause coverage read the same three-valued
answers that :meth:`Formula.evaluate` gives.

An **atom** is a clause that cannot be split further: a comparison of
numbers (``$answers >= 500``) or a boolean metric (``$online``). A comparison
of two conditions (``($a > 1) == $online``) is a connective, not an atom.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final, overload

import attrs

from agentlevels import nodes
from agentlevels._language.catalog import Catalog
from agentlevels._language.format import format_node
from agentlevels._language.runtime import (
    _BINARY,
    _LOGICAL,
    _UNARY,
    Instruction,
    _instructions,
    read_snapshot,
)
from agentlevels._values import Value

__all__ = ["Plan", "Trace", "TraceEntry", "run_traced", "trace"]

Step = Callable[[nodes.Node, Sequence[Value], Mapping[str, Value]], Value]


def _literal(node: nodes.Node, _: Sequence[Value], __: Mapping[str, Value]) -> Value:
    value: Value = node.value  # type: ignore[attr-defined]  # Number and Boolean only
    return value


def _variable(node: nodes.Node, _: Sequence[Value], values: Mapping[str, Value]) -> Value:
    return values[node.name]  # type: ignore[attr-defined]  # Variable only


def _unary(node: nodes.Node, children: Sequence[Value], _: Mapping[str, Value]) -> Value:
    return _UNARY[type(node)](children[0])


def _binary(node: nodes.Node, children: Sequence[Value], _: Mapping[str, Value]) -> Value:
    return _BINARY[type(node)](children[0], children[1])


def _logical(node: nodes.Node, children: Sequence[Value], _: Mapping[str, Value]) -> Value:
    return _LOGICAL[type(node)](children)


TRACE_STEPS: Final[dict[type[nodes.Node], Step]] = {
    nodes.Number: _literal,
    nodes.Boolean: _literal,
    nodes.Variable: _variable,
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


def _is_condition(node: nodes.Node, catalog: Catalog) -> bool:
    if isinstance(node, nodes.Variable):
        return node.name in catalog and catalog[node.name].type == "boolean"
    return isinstance(node, nodes.Comparison | nodes.Logical | nodes.Not | nodes.Boolean)


def _is_atom(node: nodes.Node, catalog: Catalog) -> bool:
    if isinstance(node, nodes.Variable):
        return _is_condition(node, catalog)
    return isinstance(node, nodes.Comparison) and not _is_condition(node.left, catalog)


def run_traced(code: Sequence[Instruction], values: Mapping[str, Value]) -> list[Value]:
    """The exact evaluator's run (:func:`~agentlevels._language.runtime.run_code`), keeping
    the value of every node: one instruction per node, children first."""
    stack: list[Value] = []
    seen: list[Value] = []
    for opcode, argument in code:
        if opcode == "push":
            value = argument
        elif opcode == "load":
            value = values[argument]
        elif opcode == "unary":
            value = argument(stack.pop())
        elif opcode == "binary":
            right = stack.pop()
            value = argument(stack.pop(), right)
        else:
            operation, count = argument
            operands = stack[-count:]
            del stack[-count:]
            value = operation(operands)
        stack.append(value)
        seen.append(value)
    return seen


@attrs.frozen
class Plan:
    """A formula's tree laid out children-first, with each node's parent and children.

    Built once per formula and reused for every snapshot (clause coverage
    traces thousands of them).
    """

    order: tuple[nodes.Node, ...]
    children: tuple[tuple[int, ...], ...]
    parents: tuple[int, ...]
    atoms: tuple[int, ...]
    names: tuple[str, ...]
    catalog: Catalog
    code: tuple[Instruction, ...] = attrs.field(repr=False)

    @classmethod
    def of(cls, root: nodes.Node, catalog: Catalog) -> Plan:
        """The plan of ``root``, a tree checked against ``catalog``."""
        order = list(nodes.postorder(root))
        children: list[tuple[int, ...]] = []
        parents = [-1] * len(order)
        pending: list[int] = []
        for index, node in enumerate(order):
            arity = len(node.children)
            mine = tuple(pending[len(pending) - arity :]) if arity else ()
            del pending[len(pending) - arity :]
            for child in mine:
                parents[child] = index
            children.append(mine)
            pending.append(index)
        names = dict.fromkeys(n.name for n in order if isinstance(n, nodes.Variable))
        atoms = tuple(i for i, node in enumerate(order) if _is_atom(node, catalog))
        return cls(
            tuple(order),
            tuple(children),
            tuple(parents),
            atoms,
            tuple(names),
            catalog,
            _instructions(root),
        )

    def values(self, snapshot: object) -> list[Value]:
        """Every node's value for ``snapshot``, in plan order (snapshot errors as evaluate's)."""
        read = read_snapshot(snapshot, self.names, self.catalog) if self.names else {}
        return run_traced(self.code, read)

    def flipped(self, values: Sequence[Value], index: int) -> Value:
        """The root's value were the condition at ``index`` the opposite (unknown stays)."""
        value = values[index]
        if value is None:
            return values[-1]
        changed: dict[int, Value] = {index: not value}
        parent = self.parents[index]
        while parent >= 0:
            kids = [changed.get(k, values[k]) for k in self.children[parent]]
            node = self.order[parent]
            changed[parent] = nodes.handler(TRACE_STEPS, node, "trace")(node, kids, {})
            parent = self.parents[parent]
        return changed[len(values) - 1]

    def reasons(self, values: Sequence[Value]) -> tuple[int, ...]:
        """The atoms that account for the root's value, left to right.

        A false ``&&`` is explained by its false parts, a true one by all of
        them; a true ``||`` by its true parts, a false one by all; an unknown
        chain by its unknown parts.
        """
        found: list[int] = []
        stack = [len(values) - 1]
        while stack:
            index = stack.pop()
            if index in self.atoms:
                found.append(index)
                continue
            node = self.order[index]
            kids = self.children[index]
            if isinstance(node, nodes.Logical):
                value = values[index]
                decisive = value is None or value is isinstance(node, nodes.Or)
                if decisive:
                    kids = tuple(k for k in kids if values[k] is value)
            stack.extend(reversed(kids))
        return tuple(sorted(found))


@attrs.frozen
class TraceEntry:
    """One sub-expression: the node, its canonical text and its value.

    ``value`` is ``True``, ``False``, ``None`` (unknown) or a number;
    :attr:`span` locates the sub-expression in the formula's source.
    """

    node: nodes.Node
    text: str
    value: Value
    atom: bool

    @property
    def span(self) -> nodes.Span:
        """Where the sub-expression stands in the source (offsets, line and column)."""
        return self.node.span


@attrs.frozen
class Trace(Sequence[TraceEntry]):
    """The value of every sub-expression of a formula for one snapshot.

    Entries come children first, so the whole formula is the last one;
    :attr:`value` equals :meth:`Formula.evaluate` on the same snapshot.

    >>> from agentlevels import compile
    >>> trace = compile("$answers >= 500 || $chats >= 500").trace(
    ...     {"answers": 320, "chats": None})
    >>> [(entry.text, entry.value) for entry in trace.atoms()]
    [('$answers >= 500', False), ('$chats >= 500', None)]
    >>> trace.value is None
    True
    """

    source: str
    entries: tuple[TraceEntry, ...]
    plan: Plan = attrs.field(repr=False)
    values: tuple[Value, ...] = attrs.field(repr=False)

    @property
    def value(self) -> Value:
        """The value of the whole formula."""
        return self.entries[-1].value

    @overload
    def __getitem__(self, index: int) -> TraceEntry: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[TraceEntry]: ...

    def __getitem__(self, index: int | slice) -> TraceEntry | Sequence[TraceEntry]:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[TraceEntry]:
        return iter(self.entries)

    def atoms(self) -> tuple[TraceEntry, ...]:
        """The entries of the formula's atoms (comparisons and boolean metrics), left to right."""
        return tuple(self.entries[index] for index in self.plan.atoms)

    def decisive(self) -> tuple[TraceEntry, ...]:
        """The atoms that, each on its own, decide the value: flipping one changes it."""
        return tuple(
            self.entries[index]
            for index in self.plan.atoms
            if self.values[index] is not None
            and self.plan.flipped(self.values, index) != self.values[-1]
        )

    def reasons(self) -> tuple[TraceEntry, ...]:
        """The atoms that account for the value (see :meth:`Plan.reasons`), left to right."""
        return tuple(self.entries[index] for index in self.plan.reasons(self.values))

    def text_at(self, entry: TraceEntry) -> str:
        """The source text of ``entry`` as written (its canonical text without spans)."""
        span = entry.span
        return self.source[span.start : span.end] if span.end > span.start else entry.text


def trace(source: str, plan: Plan, snapshot: object) -> Trace:
    """The :class:`Trace` of the formula laid out by ``plan`` for ``snapshot``."""
    values = plan.values(snapshot)
    atoms = set(plan.atoms)
    entries = tuple(
        TraceEntry(node, format_node(node), value, index in atoms)
        for index, (node, value) in enumerate(zip(plan.order, values, strict=True))
    )
    return Trace(source, entries, plan, tuple(values))
