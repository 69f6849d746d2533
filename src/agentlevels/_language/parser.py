"""Text to syntax tree: the limits, the scan, then lark.

lark stays behind this module and :mod:`.syntax_errors`: callers see
:mod:`agentlevels.nodes` and :class:`~agentlevels.FormulaError` only. The
scan (:mod:`.scanner`) runs first over the whole text and reports every
lexical mistake at once; lark then parses what the scan passed, and its
first error is translated into words.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import lark
from lark.exceptions import UnexpectedInput

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic, cap_diagnostics
from agentlevels._errors import error_class
from agentlevels._language.catalog import Catalog
from agentlevels._language.descent import NotParsed, parse_tokens
from agentlevels._language.locator import Locator
from agentlevels._language.names import unknown_variable
from agentlevels._language.nesting import structure
from agentlevels._language.scanner import Token, scan
from agentlevels._language.syntax_errors import grammar_errors
from agentlevels._messages.message import message
from agentlevels.nodes import Node, Span

MAX_LENGTH = 10_000
"""Characters allowed, not counting whitespace (so canonical text, which adds spaces,
always parses again)."""
MAX_TEXT = 20_000
"""Characters allowed in all, whitespace included."""
MAX_DEPTH = 100
MAX_NODES = 1_000
MAX_DIGITS = 15


def _grammar() -> str:
    # Read when lark is first needed (a text with a mistake), not at import:
    # most processes never need it. pkgutil is loaded with lark already,
    # unlike importlib.resources.
    data = pkgutil.get_data("agentlevels", "grammar.lark")
    if data is None:  # pragma: no cover - the grammar ships with the package
        raise FileNotFoundError("agentlevels/grammar.lark")
    return data.decode("utf-8")


def _number_value(text: str) -> int | float:
    integer, _, fraction = text.partition(".")
    if not fraction.strip("0"):
        # The scan allows any number of leading zeros; int() of thousands of
        # digits would meet Python's conversion limit.
        return int(integer.lstrip("0") or "0")
    return float(text)


class _Builder:
    """lark callbacks: each rule alias builds the node class of the same name."""

    def __init__(self, where: Locator) -> None:
        self.where = where

    def _span(self, first: Any, last: Any) -> Span:
        return self.where.span(_start(first), _end(last))

    def __getattr__(self, name: str) -> Callable[[list[Any]], Node]:
        if name in _BINARY_CLASSES:
            cls = _BINARY_CLASSES[name]

            def binary(children: list[Any]) -> Node:
                left, _, right = children
                return cls(left, right, span=self._span(left, right))

            return binary
        if name in _LOGICAL_CLASSES:
            logical = _LOGICAL_CLASSES[name]

            def chain(children: list[Any]) -> Node:
                operands: list[Node] = []
                for child in children[::2]:
                    # Only parentheses can put a chain inside a chain of the same
                    # operator: (a || b) || c is the same chain as a || b || c.
                    if type(child) is logical:
                        operands.extend(child.operands)
                    else:
                        operands.append(child)
                return logical(tuple(operands), span=self._span(children[0], children[-1]))

            return chain
        raise AttributeError(name)

    def number(self, children: list[lark.Token]) -> Node:
        (token,) = children
        return nodes.Number(_number_value(token.value), span=self._span(token, token))

    def variable(self, children: list[lark.Token]) -> Node:
        (token,) = children
        return nodes.Variable(token.value[1:], span=self._span(token, token))

    def true(self, children: list[lark.Token]) -> Node:
        return nodes.Boolean(True, span=self._span(children[0], children[0]))

    def false(self, children: list[lark.Token]) -> Node:
        return nodes.Boolean(False, span=self._span(children[0], children[0]))

    def neg(self, children: list[Any]) -> Node:
        operator, operand = children
        return nodes.Neg(operand, span=self._span(operator, operand))

    def not_(self, children: list[Any]) -> Node:
        operator, operand = children
        return nodes.Not(operand, span=self._span(operator, operand))

    def paren(self, children: list[Any]) -> Node:
        left, inner, right = children
        node: Node = attrs.evolve(inner, span=self._span(left, right))
        return node


_BINARY_CLASSES: dict[str, type[nodes.Binary]] = {
    "add": nodes.Add,
    "sub": nodes.Sub,
    "mul": nodes.Mul,
    "div": nodes.Div,
    "eq": nodes.Eq,
    "ne": nodes.Ne,
    "lt": nodes.Lt,
    "le": nodes.Le,
    "gt": nodes.Gt,
    "ge": nodes.Ge,
}
_LOGICAL_CLASSES: dict[str, type[nodes.Logical]] = {"or": nodes.Or, "and": nodes.And}
_RULE_NAMES = frozenset(
    {*_BINARY_CLASSES, *_LOGICAL_CLASSES}
    | {"number", "variable", "true", "false", "neg", "not", "paren"}
)


def _start(item: Any) -> int:
    if isinstance(item, lark.Token):
        assert item.start_pos is not None  # the basic lexer always sets positions
        return item.start_pos
    return int(item.span.start)


def _end(item: Any) -> int:
    if isinstance(item, lark.Token):
        assert item.end_pos is not None
        return item.end_pos
    return int(item.span.end)


class _BuilderProxy:
    """Forwards lark's callbacks to the builder of the text being parsed."""

    target: _Builder

    def __getattr__(self, name: str) -> Callable[[list[Any]], Node]:
        if name not in _RULE_NAMES:  # lark also asks for terminal callbacks
            raise AttributeError(name)

        attribute = "not_" if name == "not" else name

        def forward(children: list[Any]) -> Node:
            method: Callable[[list[Any]], Node] = getattr(self.target, attribute)
            return method(children)

        return forward


_local = threading.local()


def _lark_parser(where: Locator) -> lark.Lark:
    # lark is needed only for a text with a mistake: get its parser once per
    # thread, and re-bind only the callbacks (which need the text's line
    # table) per call through a per-thread builder.
    cached: lark.Lark | None = getattr(_local, "parser", None)
    if cached is None:
        proxy = _BuilderProxy()
        cached = _new_lark(proxy)
        _local.parser = cached
        _local.proxy = proxy
    _local.proxy.target = _Builder(where)
    return cached


def _new_lark(transformer: _BuilderProxy) -> lark.Lark:
    """lark's parser for the grammar, loaded from the tables shipped in the
    package (:mod:`._lark_tables`, made by ``tools/lark_tables.py``): a few
    milliseconds instead of the tens that analysing the grammar takes. With
    another lark version than the tables were made with, or a grammar that
    is not the one they were made from, the grammar is analysed as before."""
    grammar = _grammar()
    # Loaded here, as the grammar is read here: most processes never need lark's
    # parser, and the tables are a large module (some 40 ms to compile where
    # bytecode is not written, about 1 ms from bytecode).
    tables = importlib.import_module("agentlevels._language._lark_tables")
    if lark.__version__ == tables.LARK_VERSION and grammar == tables.GRAMMAR:
        loaded: lark.Lark = lark.Lark._load_from_dict(  # type: ignore[no-untyped-call]
            tables.DATA,
            tables.MEMO,
            transformer=transformer,
            g_regex_flags=re.ASCII,
        )
        return loaded
    return lark.Lark(
        grammar,
        parser="lalr",
        lexer="basic",
        transformer=transformer,
        maybe_placeholders=False,
        g_regex_flags=re.ASCII,
    )


_SPACE = re.compile(r"[ \t\r\n]")


def _too_long(text: str) -> Diagnostic | None:
    if len(text) > MAX_TEXT:
        # Only the text before the caret is needed to place it.
        return Diagnostic.of(
            "error",
            "too-long",
            message("too-long-with-spaces", length=len(text), limit=MAX_TEXT),
            text,
            MAX_TEXT,
            len(text),
        )
    spaces = sum(text.count(space) for space in " \t\r\n")
    if len(text) - spaces <= MAX_LENGTH:
        return None
    # The caret goes on the first character past the limit.
    seen, position = 0, 0
    for match in _SPACE.finditer(text):
        if seen + match.start() - position > MAX_LENGTH:
            break
        seen += match.start() - position
        position = match.end()
    first_past = position + MAX_LENGTH - seen
    return Diagnostic.of(
        "error",
        "too-long",
        message("too-long-without-spaces", length=len(text) - spaces, limit=MAX_LENGTH),
        text,
        first_past,
        len(text),
    )


def _empty(text: str, where: Locator) -> Diagnostic:
    return where.diagnostic(
        "empty-formula",
        message("empty-formula"),
        0,
        len(text),
        message("hint-write-condition"),
    )


def node_count(tree: Node) -> int:
    """The parts of a tree as the limit counts them: a chain of n operands is n - 1 operators."""
    return sum(
        len(node.operands) - 1 if isinstance(node, nodes.Logical) else 1
        for node in nodes.walk(tree)
    )


def _too_many_nodes(tree: Node, where: Locator) -> Diagnostic | None:
    count = 0
    for node in nodes.walk(tree):
        count += len(node.operands) - 1 if isinstance(node, nodes.Logical) else 1
        if count > MAX_NODES:
            return where.diagnostic(
                "too-many-nodes",
                message("too-many-nodes", limit=MAX_NODES),
                node.span.start,
                node.span.end,
                message("hint-split"),
            )
    return None


def _lark_parse(
    text: str, tokens: list[Token], where: Locator
) -> tuple[Node | None, list[Diagnostic]]:
    parser = _lark_parser(where)
    try:
        tree = parser.parse(text)
    except UnexpectedInput as error:
        return None, grammar_errors(parser.parse, text, tokens, where, error)
    if not isinstance(tree, Node):  # pragma: no cover - the grammar always builds nodes
        raise AssertionError(f"parser built {type(tree).__name__}")
    return _limited(tree, where)


def _limited(tree: Node, where: Locator) -> tuple[Node | None, list[Diagnostic]]:
    too_many = _too_many_nodes(tree, where)
    if too_many is not None:
        return None, [too_many]
    return tree, []


def _unknown_variables(
    tokens: Sequence[Token], where: Locator, catalog: Catalog
) -> list[Diagnostic]:
    """``unknown-variable`` for every ``$name`` the catalog lacks (each name worded once)."""
    worded: dict[str, Diagnostic] = {}
    problems = []
    for token in tokens:
        name = token.text[1:]
        if token.kind != "VARIABLE" or name in catalog:
            continue
        if name not in worded:
            worded[name] = where.worded(unknown_variable(name, catalog), token.start, token.end)
        problems.append(where.moved(worded[name], token.start, token.end))
    return problems


def parse_or_diagnose(
    text: str, catalog: Catalog | None = None
) -> tuple[Node | None, list[Diagnostic]]:
    """Parse ``text``; returns the tree, or None and every problem found.

    With a ``catalog``, hints about names suggest its metrics only, and a
    text with syntax errors also gets an ``unknown-variable`` for each
    ``$name`` the catalog lacks (the checker, which reports them otherwise,
    needs a tree).
    """
    if not isinstance(text, str):
        raise TypeError(f"a formula is text (str), not {type(text).__name__}")
    too_long = _too_long(text) if len(text) > MAX_LENGTH else None
    if too_long is not None:
        return None, [too_long]
    where = Locator(text)
    tokens, problems = scan(text, where, MAX_DIGITS, catalog)
    if not tokens and not problems:
        return None, [_empty(text, where)]
    problems.extend(structure(tokens, where, MAX_DEPTH))
    tree: Node | None = None
    if not problems:
        try:
            tree = parse_tokens(tokens, where, _number_value)
        except NotParsed:  # a mistake: lark finds it and says what it is
            tree, problems = _lark_parse(text, tokens, where)
        else:
            tree, problems = _limited(tree, where)
    if tree is None and catalog is not None:
        problems.extend(_unknown_variables(tokens, where, catalog))
    if problems:
        problems.sort(key=lambda d: (d.start, d.end))
        return None, cap_diagnostics(problems)
    return tree, []


def parse(text: str) -> Node:
    """Parse formula text into a syntax tree (syntax only; no catalog).

    Raises :class:`~agentlevels.FormulaSyntaxError` or
    :class:`~agentlevels.FormulaLimitError` with every problem found.

    >>> parse("$answers >= 500 || $chats >= 500")
    Or((Ge(Variable('answers'), Number(500)), Ge(Variable('chats'), Number(500)),))
    """
    tree, problems = parse_or_diagnose(text)
    if tree is None:
        raise error_class(problems)(text, problems)
    return tree
