"""The formula syntax tree: frozen attrs nodes with source spans.

A parsed formula is a tree of these nodes. Spans locate a node in the text
but take no part in equality, so two parses of the same formula compare equal
whatever the spacing.

Chains of ``||`` and ``&&`` are one n-ary node (``Or((a, b, c))``); arithmetic
and comparisons are binary and left-associative, so ``$a + $b + $c`` is
``Add(Add(a, b), c)``. A chain within the limits may still be hundreds of
levels deep, so nothing here recurses: walk trees with :func:`fold` or
:func:`walk`, which use an explicit stack.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeVar

import attrs

__all__ = [
    "CLASSES",
    "COMPARISONS",
    "MIRRORED",
    "NEGATED",
    "Add",
    "And",
    "Binary",
    "Boolean",
    "Comparison",
    "Div",
    "Eq",
    "Ge",
    "Gt",
    "Le",
    "Logical",
    "Lt",
    "Mul",
    "Ne",
    "Neg",
    "Node",
    "Not",
    "Number",
    "Or",
    "Span",
    "Sub",
    "Unary",
    "Variable",
    "fold",
    "from_dict",
    "handler",
    "postorder",
    "to_dict",
    "walk",
]

R = TypeVar("R")
H = TypeVar("H")


@attrs.frozen
class Span:
    """Where a node stands in the source: offsets ``[start, end)``, 1-based line and column."""

    start: int
    end: int
    line: int = 1
    column: int = 1


NO_SPAN = Span(0, 0, 1, 1)


@attrs.frozen(eq=False, repr=False)
class Node:
    """Base of every syntax node.

    Equality, hashing, ``repr`` and pickling are iterative, so they work on
    the deepest tree the limits allow.
    """

    span: Span = attrs.field(default=NO_SPAN, kw_only=True, repr=False)
    _key_cache: tuple[Any, ...] | None = attrs.field(
        default=None, init=False, repr=False, alias="_key_cache"
    )

    @property
    def children(self) -> tuple[Node, ...]:
        """The direct sub-nodes, left to right."""
        return ()

    def _payload(self) -> Any:
        """What distinguishes this node from others of its class, apart from children."""
        return None

    def _key(self) -> tuple[Any, ...]:
        cached = self._key_cache
        if cached is None:
            cached = tuple(
                (type(node), node._payload(), len(node.children)) for node in postorder(self)
            )
            object.__setattr__(self, "_key_cache", cached)
        return cached

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        def show(node: Node, children: Sequence[str]) -> str:
            name = type(node).__name__
            if isinstance(node, Logical):
                return f"{name}(({', '.join(children)},))"
            if children:
                return f"{name}({', '.join(children)})"
            return f"{name}({node._payload()!r})"

        return fold(self, show)

    def __reduce__(self) -> tuple[Callable[..., Node], tuple[Any, ...]]:
        program = tuple(
            (type(node), node._payload(), len(node.children), node.span) for node in postorder(self)
        )
        return (_rebuild, (program,))


def _rebuild(program: Sequence[tuple[type[Node], Any, int, Span]]) -> Node:
    stack: list[Node] = []
    for cls, payload, arity, span in program:
        if arity:
            operands = tuple(stack[-arity:])
            del stack[-arity:]
            stack.append(cls.from_children(operands, span=span))  # type: ignore[attr-defined]
        else:
            leaf: Any = cls  # a leaf class takes its payload as the one positional field
            stack.append(leaf(payload, span=span))
    (root,) = stack
    return root


@attrs.frozen(eq=False, repr=False)
class Number(Node):
    """A numeric literal: ``500``, ``12.5``. Whole numbers are ``int``.

    Only what the language can write is a literal: a finite number, not
    negative (``-5`` is ``Neg(Number(5))``) and not a ``bool``. Anything else
    is a ``ValueError`` or ``TypeError``, so that every tree prints as text
    that parses back to it.
    """

    value: int | float = attrs.field()

    @value.validator
    def _literal(self, _: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"a Number holds an int or a float, not {type(value).__name__}")
        if not math.isfinite(value):
            raise ValueError(f"a Number is finite, not {value!r}")
        if value < 0:
            raise ValueError(f"a Number is not negative: write Neg(Number({-value!r}))")

    def _payload(self) -> Any:
        return self.value


@attrs.frozen(eq=False, repr=False)
class Boolean(Node):
    """``true`` or ``false``."""

    value: bool

    def _payload(self) -> Any:
        return self.value


@attrs.frozen(eq=False, repr=False)
class Variable(Node):
    """A metric reference, ``$answers``; ``name`` is without the ``$``."""

    name: str

    def _payload(self) -> Any:
        return self.name


@attrs.frozen(eq=False, repr=False)
class Unary(Node):
    """A prefix operator applied to one operand."""

    operator: ClassVar[str]
    operand: Node

    @property
    def children(self) -> tuple[Node, ...]:
        """The operand, as a one-element tuple."""
        return (self.operand,)

    @classmethod
    def from_children(cls, children: Sequence[Node], *, span: Span = NO_SPAN) -> Node:
        """A node of this class over ``children`` (what :attr:`children` gives back)."""
        (operand,) = children
        return cls(operand, span=span)


class Neg(Unary):
    """Arithmetic negation, ``-x``."""

    operator = "-"


class Not(Unary):
    """Logical negation, ``!x``."""

    operator = "!"


@attrs.frozen(eq=False, repr=False)
class Binary(Node):
    """An infix operator with two operands."""

    operator: ClassVar[str]
    left: Node
    right: Node

    @property
    def children(self) -> tuple[Node, ...]:
        """``(left, right)``."""
        return (self.left, self.right)

    @classmethod
    def from_children(cls, children: Sequence[Node], *, span: Span = NO_SPAN) -> Node:
        """A node of this class over ``children`` (what :attr:`children` gives back)."""
        left, right = children
        return cls(left, right, span=span)


class Add(Binary):
    """Addition, ``a + b``."""

    operator = "+"


class Sub(Binary):
    """Subtraction, ``a - b``."""

    operator = "-"


class Mul(Binary):
    """Multiplication, ``a * b``."""

    operator = "*"


class Div(Binary):
    """True division; dividing by zero gives *unknown*."""

    operator = "/"


class Comparison(Binary):
    """A comparison of two numbers (or, for ``==``/``!=``, two booleans)."""


class Eq(Comparison):
    """``a == b``: two numbers, or two conditions."""

    operator = "=="


class Ne(Comparison):
    """``a != b``: two numbers, or two conditions."""

    operator = "!="


class Lt(Comparison):
    """``a < b``."""

    operator = "<"


class Le(Comparison):
    """``a <= b``."""

    operator = "<="


class Gt(Comparison):
    """``a > b``."""

    operator = ">"


class Ge(Comparison):
    """``a >= b``."""

    operator = ">="


def _to_tuple(items: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(items)


def _flatten(logical: Logical) -> None:
    # A chain inside a chain of the same operator is the same chain, as the
    # parser reads (a || b) || c: keep trees in that one form, so that the
    # printed text parses back to an equal tree.
    if any(type(operand) is type(logical) for operand in logical.operands):
        flat: list[Node] = []
        for operand in logical.operands:
            if type(operand) is type(logical):
                flat.extend(operand.operands)
            else:
                flat.append(operand)
        object.__setattr__(logical, "operands", tuple(flat))


@attrs.frozen(eq=False, repr=False)
class Logical(Node):
    """A chain of two or more conditions joined by one logical operator.

    A chain given as an operand of a chain of the same class is spliced in:
    ``Or((a, Or((b, c))))`` is ``Or((a, b, c))``, as ``a || (b || c)`` parses.
    """

    operator: ClassVar[str]
    operands: tuple[Node, ...] = attrs.field(converter=_to_tuple)

    def __attrs_post_init__(self) -> None:
        _flatten(self)

    @operands.validator
    def _at_least_two(self, _: object, operands: tuple[Node, ...]) -> None:
        if len(operands) < 2:
            raise ValueError(f"{type(self).__name__} joins at least two operands")

    @property
    def children(self) -> tuple[Node, ...]:
        """The joined conditions, left to right."""
        return self.operands

    @classmethod
    def from_children(cls, children: Sequence[Node], *, span: Span = NO_SPAN) -> Node:
        """A node of this class over ``children`` (what :attr:`children` gives back)."""
        return cls(tuple(children), span=span)


class And(Logical):
    """Conditions that must all hold: ``a && b && c`` (Kleene logic)."""

    operator = "&&"


class Or(Logical):
    """Conditions of which one must hold: ``a || b || c`` (Kleene logic)."""

    operator = "||"


CLASSES: Final[tuple[type[Node], ...]] = (
    Number,
    Boolean,
    Variable,
    Neg,
    Not,
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
)
"""Every concrete node class: each backend's dispatch table has an entry for each."""

COMPARISONS: Final[Mapping[str, type[Comparison]]] = {
    cls.operator: cls for cls in (Eq, Ne, Lt, Le, Gt, Ge)
}
"""Comparison classes by operator symbol (``">="`` -> :class:`Ge`)."""

MIRRORED: Final[Mapping[type[Comparison], type[Comparison]]] = {
    Eq: Eq,
    Ne: Ne,
    Lt: Gt,
    Le: Ge,
    Gt: Lt,
    Ge: Le,
}
"""The comparison with its sides swapped: ``5 < $a`` is ``$a > 5``."""

NEGATED: Final[Mapping[type[Comparison], type[Comparison]]] = {
    Eq: Ne,
    Ne: Eq,
    Lt: Ge,
    Le: Gt,
    Gt: Le,
    Ge: Lt,
}
"""The comparison that means the negation: ``!($a >= 5)`` is ``$a < 5``, exactly under
Kleene logic (both are unknown when ``$a`` is)."""


def handler(table: Mapping[type[Node], H], node: Node, backend: str) -> H:
    """``table``'s entry for the class of ``node``; a ``TypeError`` naming ``backend`` if none.

    Every backend (checker, compiler, formatter, SQL, explain, progress) is a
    table keyed by node class; a test proves each has an entry for every class
    in :data:`CLASSES`, so this error only meets nodes of a foreign class.
    """
    try:
        return table[type(node)]
    except KeyError:
        raise TypeError(f"the {backend} has no entry for {type(node).__name__} nodes") from None


def postorder(root: Node) -> Iterator[Node]:
    """Yield nodes children-first, left to right, without recursion."""
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded or not node.children:
            yield node
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.children))


def walk(root: Node) -> Iterator[Node]:
    """Yield every node of the tree, parents before children, left to right."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def fold(root: Node, visit: Callable[[Node, Sequence[R]], R]) -> R:
    """Combine a tree bottom-up without recursion.

    ``visit(node, results)`` receives the results already computed for the
    node's children, in order, and returns the node's own result.

    >>> from agentlevels import parse
    >>> fold(parse("$a + 2 * $b"), lambda node, kids: 1 + sum(kids))
    5
    """
    results: list[R] = []
    for node in postorder(root):
        arity = len(node.children)
        if arity:
            child_results = results[-arity:]
            del results[-arity:]
        else:
            child_results = []
        results.append(visit(node, child_results))
    (result,) = results
    return result


# The tree's JSON form validates as parse() does, so it lives with the parser,
# floors above; these two load it on first use (docs/architecture.md).
if TYPE_CHECKING:
    pass


def to_dict(node: Node, *, spans: bool = False) -> dict[str, Any]:
    """The tree as versioned JSON-ready data: ``{"version": 1, "tree": {...}}`` (docs/editor.md).

    >>> from agentlevels import parse
    >>> to_dict(parse("!$online"))
    {'version': 1, 'tree': {'type': 'not', 'operand': {'type': 'variable', 'name': 'online'}}}
    """
    from agentlevels._language import tree_json

    return tree_json.to_dict(node, spans=spans)


def from_dict(data: Mapping[str, Any]) -> Node:
    """The tree :func:`to_dict` wrote ``data`` for, validated as strictly as ``parse`` does.

    A shape that is no tree is a :class:`~agentlevels.SchemeFileError` with
    the key path of the problem; a tree beyond the limits, the
    :class:`~agentlevels.FormulaLimitError` that parsing its text raises.
    """
    from agentlevels._language import tree_json

    return tree_json.from_dict(data)
