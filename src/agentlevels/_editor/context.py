"""What the text before a cursor is: the scanner's tokens, and the types the text gives.

Completion and hover read the text through the scanner
(:mod:`agentlevels._language.scanner`), as the parser does. Which operators
may follow an operand is decided on the syntax tree where the text so far
parses (its right edge: the operands an operator there would take, with
their types as the checker gives them), and on the last token where it does
not.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from agentlevels import nodes
from agentlevels._language.catalog import Catalog, ValueType
from agentlevels._language.descent import NotParsed, parse_tokens
from agentlevels._language.locator import Locator
from agentlevels._language.nesting import structure
from agentlevels._language.parser import MAX_DEPTH, MAX_DIGITS
from agentlevels._language.scanner import COMPARISONS, Token, scan

OPERANDS: Final = frozenset({"NUMBER", "VARIABLE", "TRUE", "FALSE", "RPAR"})
PREFIXES: Final = frozenset({"MINUS", "BANG"})
INFIX: Final = COMPARISONS | {"OR", "AND", "PLUS", "MINUS", "STAR", "SLASH"}

# The infix operators by symbol: how tightly each binds (as in the descent
# parser: 1 is the loosest) and the operand types it takes on its left.
_ANY: Final[frozenset[ValueType]] = frozenset({"number", "boolean"})
_NUMBER: Final[frozenset[ValueType]] = frozenset({"number"})
_BOOLEAN: Final[frozenset[ValueType]] = frozenset({"boolean"})
_COMPARISON = 3
OPERATORS: Final[Mapping[str, tuple[int, frozenset[ValueType]]]] = {
    ">=": (_COMPARISON, _NUMBER),
    ">": (_COMPARISON, _NUMBER),
    "<=": (_COMPARISON, _NUMBER),
    "<": (_COMPARISON, _NUMBER),
    "==": (_COMPARISON, _ANY),
    "!=": (_COMPARISON, _ANY),
    "+": (4, _NUMBER),
    "-": (4, _NUMBER),
    "*": (5, _NUMBER),
    "/": (5, _NUMBER),
    "&&": (2, _BOOLEAN),
    "||": (1, _BOOLEAN),
}
ARITHMETIC: Final = ("+", "-", "*", "/")

# How tightly a node binds when an operator follows it, and the type it has
# (a variable's type is its metric's).
_LEVEL: Final[Mapping[type[nodes.Node], int]] = {
    nodes.Or: 1,
    nodes.And: 2,
    **dict.fromkeys((nodes.Eq, nodes.Ne, nodes.Lt, nodes.Le, nodes.Gt, nodes.Ge), _COMPARISON),
    nodes.Add: 4,
    nodes.Sub: 4,
    nodes.Mul: 5,
    nodes.Div: 5,
}
_TYPE: Final[Mapping[type[nodes.Node], ValueType]] = {
    **dict.fromkeys(
        (nodes.Number, nodes.Neg, nodes.Add, nodes.Sub, nodes.Mul, nodes.Div), "number"
    ),
    **dict.fromkeys(
        (nodes.Boolean, nodes.Not, nodes.And, nodes.Or, *nodes.COMPARISONS.values()), "boolean"
    ),
}


# The type a node takes as its last operand (equality: the type of its left side).
_TAKES: Final[Mapping[type[nodes.Node], ValueType]] = {
    **dict.fromkeys((nodes.And, nodes.Or, nodes.Not), "boolean"),
    **dict.fromkeys(
        (nodes.Neg, nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.Lt, nodes.Le, nodes.Gt),
        "number",
    ),
    nodes.Ge: "number",
}


@attrs.frozen
class Scanned:
    """The tokens of a whole text, and the cursor's place among them."""

    text: str
    offset: int
    tokens: tuple[Token, ...]

    @property
    def before(self) -> tuple[Token, ...]:
        """The tokens that end at or before the cursor."""
        return tuple(token for token in self.tokens if token.end <= self.offset)

    def touching(self) -> Token | None:
        """The token the cursor is inside of or just after, if any."""
        for token in self.tokens:
            if token.start < self.offset <= token.end:
                return token
        return None

    def under(self) -> Token | None:
        """The token under the cursor: the one it is in, else the one it just follows."""
        for token in self.tokens:
            if token.start <= self.offset < token.end:
                return token
        return self.touching()


def scanned(text: str, offset: int) -> Scanned:
    """Scan ``text``; ``offset`` is clamped into it."""
    offset = min(max(offset, 0), len(text))
    tokens, _ = scan(text, Locator(text), MAX_DIGITS)
    return Scanned(text, offset, tuple(tokens))


def prefix_position(previous: Token | None) -> bool:
    """Whether a ``-`` or ``!`` after ``previous`` is a prefix operator (as the scanner says)."""
    return previous is None or previous.kind in INFIX | PREFIXES | {"LPAR"}


def innermost_group(tokens: Sequence[Token]) -> Sequence[Token]:
    """The tokens after the last ``(`` not yet closed (all of them if none is open)."""
    opened: list[int] = []
    for index, token in enumerate(tokens):
        if token.kind == "LPAR":
            opened.append(index)
        elif token.kind == "RPAR" and opened:
            opened.pop()
    return tokens[opened[-1] + 1 :] if opened else tokens


def open_parentheses(tokens: Sequence[Token]) -> int:
    """How many ``(`` are still open after ``tokens``."""
    depth = 0
    for token in tokens:
        if token.kind == "LPAR":
            depth += 1
        elif token.kind == "RPAR" and depth:
            depth -= 1
    return depth


def following_operators(
    text: str, tokens: Sequence[Token], catalog: Catalog
) -> dict[str, ValueType | None]:
    """The infix operators that may follow ``tokens`` (which end with an operand).

    Each maps to the type of the operand it would take on its left (None when
    unknown: a name not in the catalog, or text that does not parse).
    """
    group = innermost_group(tokens)
    tree = _tree(text, group)
    if tree is None:
        return _after_token(group[-1] if group else None, catalog)
    spine = _right_edge(text, tree)
    fitting: dict[str, ValueType | None] = {}
    for symbol, (level, takes) in OPERATORS.items():
        index = next(i for i, (_, lv) in enumerate(spine) if lv >= level)
        node, node_level = spine[index]
        if level == _COMPARISON and node_level == _COMPARISON:
            continue  # comparisons do not chain
        if not _complete_below(spine[index:], catalog):
            continue  # the operator would close an operand of the wrong type
        left = node_type(node, catalog)
        if left is None or left in takes:
            fitting[symbol] = left
    return fitting


def _complete_below(edge: Sequence[tuple[nodes.Node, int]], catalog: Catalog) -> bool:
    """Whether each node of ``edge`` has a last operand of the type it takes.

    ``$a >= 1 || $chats`` may go on with ``>= 5`` (which ``$chats`` takes),
    not with ``|| ...``, which would leave the number ``$chats`` an operand
    of ``||``.
    """
    for (parent, _), (child, _) in itertools.pairwise(edge):
        takes = _TAKES.get(type(parent))
        if isinstance(parent, nodes.Eq | nodes.Ne):
            takes = node_type(parent.left, catalog)
        found = node_type(child, catalog)
        if takes is not None and found is not None and found != takes:
            return False
    return True


def node_type(node: nodes.Node, catalog: Catalog) -> ValueType | None:
    """The type of ``node``'s value: a variable's is its metric's, None when unknown."""
    if isinstance(node, nodes.Variable):
        metric = catalog.get(node.name)
        return None if metric is None else metric.type
    return _TYPE.get(type(node))


def _tree(text: str, tokens: Sequence[Token]) -> nodes.Node | None:
    if not tokens or any(token.kind == "BAD" for token in tokens):
        return None
    where = Locator(text)
    if structure(tokens, where, MAX_DEPTH):
        return None  # too deep, or a `)` closing nothing
    try:
        return parse_tokens(tokens, where, float)
    except (NotParsed, ValueError, TypeError):
        return None


def _right_edge(text: str, tree: nodes.Node) -> list[tuple[nodes.Node, int]]:
    """The nodes along the tree's right edge, outermost first, with how tightly each binds.

    An operator typed after the tree takes as its left operand the outermost
    of these that binds at least as tightly as the operator does.
    """
    edge: list[tuple[nodes.Node, int]] = []
    node = tree
    while True:
        children = node.children
        closed = (
            text[node.span.start : node.span.start + 1] == "("
            if not children
            else node.span.end != children[-1].span.end
        )
        level = 6 if closed else _LEVEL.get(type(node), 6)
        edge.append((node, level))
        if closed or not children or isinstance(node, nodes.Unary):
            return edge
        node = children[-1]


def _after_token(token: Token | None, catalog: Catalog) -> dict[str, ValueType | None]:
    """Operators after an operand in text that does not parse: by the last token alone."""
    left: ValueType | None = None
    if token is not None and token.kind == "VARIABLE":
        metric = catalog.get(token.text[1:])
        left = None if metric is None else metric.type
    elif token is not None and token.kind == "NUMBER":
        left = "number"
    elif token is not None and token.kind in ("TRUE", "FALSE"):
        left = "boolean"
    return {
        symbol: left for symbol, (_, takes) in OPERATORS.items() if left is None or left in takes
    }


def expected_types(previous: Token | None, kind: str) -> frozenset[ValueType]:
    """The types an operand may have after ``previous`` (an operator, ``(`` or nothing)."""
    if kind == "number":
        return _NUMBER
    if previous is None:
        return _ANY
    if previous.kind in COMPARISONS - {"EQ", "NE"} or previous.kind in (
        "PLUS",
        "MINUS",
        "STAR",
        "SLASH",
    ):
        return _NUMBER
    return _ANY
