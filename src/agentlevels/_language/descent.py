"""The scanned tokens of a well-formed formula to its syntax tree, without lark.

``grammar.lark`` defines the language, and lark parses it when a text has a
mistake, to report it in words (:mod:`.syntax_errors`). Most texts have none,
and for them this precedence-climbing parser over the tokens the scan already
made builds the very same tree, spans included, about ten times faster than
lark's lexer and LALR parser; it also needs no parser tables, so the first
``compile()`` in a process or a thread builds none. At the first token that
does not fit the grammar it gives up (:class:`NotParsed`), and lark parses the
text. A property test proves both parsers build equal trees with equal spans.

Recursion is bounded: one level of parentheses costs two Python frames, and
the scan has already refused nesting beyond the limit; prefix operators are
applied in a loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from agentlevels import nodes
from agentlevels._language.locator import Locator
from agentlevels._language.scanner import Token
from agentlevels.nodes import Node

_OR, _AND, _COMPARISON, _SUM, _PRODUCT = 1, 2, 3, 4, 5

# How tightly each infix operator binds (grammar.lark lists the same levels).
_LEVEL = {
    "OR": _OR,
    "AND": _AND,
    "GE": _COMPARISON,
    "GT": _COMPARISON,
    "LE": _COMPARISON,
    "LT": _COMPARISON,
    "EQ": _COMPARISON,
    "NE": _COMPARISON,
    "PLUS": _SUM,
    "MINUS": _SUM,
    "STAR": _PRODUCT,
    "SLASH": _PRODUCT,
}
_CHAINS: dict[str, type[nodes.Logical]] = {"OR": nodes.Or, "AND": nodes.And}
_BINARY: dict[str, type[nodes.Binary]] = {
    "GE": nodes.Ge,
    "GT": nodes.Gt,
    "LE": nodes.Le,
    "LT": nodes.Lt,
    "EQ": nodes.Eq,
    "NE": nodes.Ne,
    "PLUS": nodes.Add,
    "MINUS": nodes.Sub,
    "STAR": nodes.Mul,
    "SLASH": nodes.Div,
}
_PREFIX: dict[str, type[nodes.Unary]] = {"MINUS": nodes.Neg, "BANG": nodes.Not}


class NotParsed(Exception):
    """The tokens do not form a formula; lark will say why."""


_END = Token("END", "", -1, -1)


class _Descent:
    def __init__(
        self, tokens: Sequence[Token], where: Locator, number: Callable[[str], int | float]
    ) -> None:
        self.tokens = [*tokens, _END]
        self.position = 0
        self.where = where
        self.number = number

    def next(self) -> Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def infix(self, level: int) -> Node:
        """Operators that bind at least as tightly as ``level``, over prefixed operands."""
        left = self.prefixed()
        while (kind := self.tokens[self.position].kind) in _LEVEL and _LEVEL[kind] >= level:
            own = _LEVEL[kind]
            if kind in _CHAINS:
                left = self.chain(_CHAINS[kind], kind, left)
                continue
            self.position += 1
            right = self.infix(own + 1)
            left = _BINARY[kind](left, right, span=self.where.span(left.span.start, right.span.end))
            next_level = _LEVEL.get(self.tokens[self.position].kind)
            if own == _COMPARISON and next_level == _COMPARISON:
                raise NotParsed  # comparisons do not chain
        return left

    def chain(self, cls: type[nodes.Logical], kind: str, first: Node) -> Node:
        children = [first]
        while self.tokens[self.position].kind == kind:
            self.position += 1
            children.append(self.infix(_LEVEL[kind] + 1))
        operands: list[Node] = []
        for child in children:
            # Only parentheses can put a chain inside a chain of the same
            # operator: (a || b) || c is the same chain as a || b || c.
            if isinstance(child, nodes.Logical) and type(child) is cls:
                operands.extend(child.operands)
            else:
                operands.append(child)
        span = self.where.span(children[0].span.start, children[-1].span.end)
        return cls(tuple(operands), span=span)

    def prefixed(self) -> Node:
        operators: list[Token] = []
        while self.tokens[self.position].kind in _PREFIX:
            operators.append(self.next())
        node = self.primary()
        for operator in reversed(operators):
            span = self.where.span(operator.start, node.span.end)
            node = _PREFIX[operator.kind](node, span=span)
        return node

    def primary(self) -> Node:
        token = self.next()
        span = self.where.span(token.start, token.end)
        if token.kind == "NUMBER":
            return nodes.Number(self.number(token.text), span=span)
        if token.kind == "VARIABLE":
            return nodes.Variable(token.text[1:], span=span)
        if token.kind in ("TRUE", "FALSE"):
            return nodes.Boolean(token.kind == "TRUE", span=span)
        if token.kind != "LPAR":
            raise NotParsed
        inner = self.infix(_OR)
        close = self.next()
        if close.kind != "RPAR":
            raise NotParsed
        node: Node = attrs.evolve(inner, span=self.where.span(token.start, close.end))
        return node


def parse_tokens(
    tokens: Sequence[Token], where: Locator, number: Callable[[str], int | float]
) -> Node:
    """The tree of ``tokens`` (the scan of a text without mistakes); raises
    :class:`NotParsed` when they do not form a formula.

    ``number`` gives the value of a number literal's text.
    """
    descent = _Descent(tokens, where, number)
    tree = descent.infix(_OR)
    if descent.tokens[descent.position] is not _END:
        raise NotParsed
    return tree
