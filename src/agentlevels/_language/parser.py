"""Text to syntax tree: a scan for limits and common mistakes, then lark.

lark stays behind this module: callers see :mod:`agentlevels.nodes` and
:class:`~agentlevels.FormulaError` only. The scan runs first over the whole
text so that every lexical mistake is reported at once (``and`` for ``&&``,
``=`` for ``==``, a variable without ``$`` ...), each with a targeted hint;
lark then parses what the scan passed, and its first error is translated
into words.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import lark
from lark.exceptions import UnexpectedInput, UnexpectedToken

from agentlevels import nodes
from agentlevels._errors import Diagnostic, error_class
from agentlevels.nodes import Node, Span

MAX_LENGTH = 10_000
MAX_DEPTH = 100
MAX_NODES = 1_000
MAX_DIGITS = 15


@attrs.frozen
class Token:
    kind: str  # a terminal name of grammar.lark, or "WORD", "BAD"
    text: str
    start: int
    end: int


class _Locator:
    """Offsets to 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def span(self, start: int, end: int) -> Span:
        line = bisect.bisect_right(self._line_starts, start)
        return Span(start, end, line, start - self._line_starts[line - 1] + 1)

    def diagnostic(
        self, code: str, message: str, start: int, end: int, hint: str | None = None
    ) -> Diagnostic:
        span = self.span(start, max(end, start))
        return Diagnostic("error", code, message, start, span.end, span.line, span.column, hint)


# Words and symbols for the grammar's terminals, for messages.
TERMINAL_WORDS = {
    "OR": "`||`",
    "AND": "`&&`",
    "GE": "`>=`",
    "GT": "`>`",
    "LE": "`<=`",
    "LT": "`<`",
    "EQ": "`==`",
    "NE": "`!=`",
    "PLUS": "`+`",
    "MINUS": "`-`",
    "STAR": "`*`",
    "SLASH": "`/`",
    "BANG": "`!`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "TRUE": "`true`",
    "FALSE": "`false`",
    "NUMBER": "a number",
    "VARIABLE": "a $variable",
    "$END": "the end of the formula",
}
COMPARISONS = frozenset({"GE", "GT", "LE", "LT", "EQ", "NE"})
BINARY = COMPARISONS | {"OR", "AND", "PLUS", "STAR", "SLASH"}
OPERAND_STARTS = frozenset({"NUMBER", "VARIABLE", "TRUE", "FALSE", "LPAR", "MINUS", "BANG"})

_SYMBOLS = [
    ("OR", "||"),
    ("AND", "&&"),
    ("GE", ">="),
    ("LE", "<="),
    ("EQ", "=="),
    ("NE", "!="),
    ("GT", ">"),
    ("LT", "<"),
    ("PLUS", "+"),
    ("MINUS", "-"),
    ("STAR", "*"),
    ("SLASH", "/"),
    ("BANG", "!"),
    ("LPAR", "("),
    ("RPAR", ")"),
]
_SCAN = re.compile(
    r"""
    (?P<space>[ \t\r\n]+)
  | (?P<number>[0-9]+(?:\.[0-9]+)?)
  | (?P<variable>\$[a-z_][a-z0-9_]*)
  | (?P<badvariable>\$[A-Za-z0-9_]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<mistake>===|=>|=<|<>)
  | (?P<symbol>\|\||&&|>=|<=|==|!=|[<>+\-*/!()])
  | (?P<assignment>=)
  | (?P<single>[&|])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL | re.ASCII,
)
_MISTAKES = {
    "=": ("assignment-operator", "`=` is not a comparison", "to compare, write `==`"),
    "===": ("assignment-operator", "`===` is not an operator", "to compare, write `==`"),
    "=>": ("unexpected-token", "`=>` is not an operator", "for 'at least', write `>=`"),
    "=<": ("unexpected-token", "`=<` is not an operator", "for 'at most', write `<=`"),
    "<>": ("unexpected-token", "`<>` is not an operator", "for 'not equal', write `!=`"),
}
_WORD_OPERATORS = {"and": "&&", "or": "||", "not": "!"}
_LOOKALIKES = {
    "≥": ">=",
    "≤": "<=",
    "≠": "!=",
    "−": "-",
    "–": "-",
    "×": "*",
    "÷": "/",
    "＄": "$",
    "（": "(",
    "）": ")",
    "“": '"',
    "”": '"',
}
_SYMBOL_KIND = {text: kind for kind, text in _SYMBOLS}


def _scan(text: str, where: _Locator) -> tuple[list[Token], list[Diagnostic]]:
    """Split ``text`` into tokens, reporting every lexical mistake and limit breach."""
    tokens: list[Token] = []
    problems: list[Diagnostic] = []
    position = 0
    length = len(text)
    while position < length:
        match = _SCAN.match(text, position)
        assert match is not None  # the last alternative matches any character
        group = match.lastgroup
        start, end = match.span()
        lexeme = match.group()
        position = end
        if group == "space":
            continue
        if group == "number":
            end, problem = _check_number(text, start, end, where)
            position = end
            if problem:
                problems.append(problem)
                continue
            tokens.append(Token("NUMBER", text[start:end], start, end))
        elif group == "variable":
            tokens.append(Token("VARIABLE", lexeme, start, end))
        elif group == "badvariable":
            problems.append(_bad_variable(lexeme, start, end, where))
            tokens.append(Token("BAD", lexeme, start, end))
        elif group == "word":
            problem = _word(lexeme, start, end, where)
            if problem is None:
                tokens.append(Token(lexeme.upper(), lexeme, start, end))
            else:
                problems.append(problem)
                tokens.append(Token("BAD", lexeme, start, end))
        elif group in ("mistake", "assignment"):
            code, message, hint = _MISTAKES[lexeme]
            problems.append(where.diagnostic(code, message, start, end, hint))
            tokens.append(Token("BAD", lexeme, start, end))
        elif group == "symbol":
            tokens.append(Token(_SYMBOL_KIND[lexeme], lexeme, start, end))
        elif group == "single":
            double = lexeme * 2
            code = "single-ampersand" if lexeme == "&" else "single-pipe"
            word = "and" if lexeme == "&" else "or"
            problems.append(
                where.diagnostic(
                    code,
                    f"a single `{lexeme}` is not an operator",
                    start,
                    end,
                    f"for '{word}', write `{double}`",
                )
            )
            tokens.append(Token("BAD", lexeme, start, end))
        else:
            problems.append(_other_character(text, start, where))
            tokens.append(Token("BAD", lexeme, start, end))
    return tokens, problems


def _check_number(
    text: str, start: int, end: int, where: _Locator
) -> tuple[int, Diagnostic | None]:
    """Check a numeric literal and what sticks to it; returns its end and any problem."""
    follow = re.compile(r",[0-9]+|\.[0-9A-Za-z_]*|[eE][+-]?[0-9]+|[A-Za-z_][A-Za-z0-9_]*")
    stuck = follow.match(text, end)
    if stuck:
        whole = text[start : stuck.end()]
        extra = stuck.group()
        if extra.startswith(","):
            fixed = whole.replace(",", ".")
            hint = f"write `{fixed}`"
            if len(extra) == 4:  # 1,000 may be a thousands separator
                joined = whole.replace(",", "")
                hint = f"for a decimal, write `{fixed}`; for a whole number, `{joined}`"
            return stuck.end(), where.diagnostic(
                "comma-decimal",
                f"`{whole}` uses a comma as the decimal mark",
                start,
                stuck.end(),
                hint,
            )
        if extra[0] in "eE" and extra[1:].lstrip("+-").isdigit():
            return stuck.end(), where.diagnostic(
                "invalid-number",
                f"`{whole}` uses an exponent, which formulas do not support",
                start,
                stuck.end(),
                "write the number out in full",
            )
        return stuck.end(), where.diagnostic(
            "invalid-number",
            f"`{whole}` is not a number",
            start,
            stuck.end(),
            "numbers are digits with an optional decimal part, as in `500` or `12.5`",
        )
    literal = text[start:end]
    integer, _, fraction = literal.partition(".")
    digits = (integer + fraction.rstrip("0")).lstrip("0")
    if len(digits) > MAX_DIGITS:
        return end, where.diagnostic(
            "number-too-long",
            f"`{literal}` has {len(digits)} significant digits; at most {MAX_DIGITS} are allowed",
            start,
            end,
            "round it: a formula's numbers are thresholds, not measurements",
        )
    return end, None


def _bad_variable(lexeme: str, start: int, end: int, where: _Locator) -> Diagnostic:
    if lexeme == "$":
        return where.diagnostic(
            "invalid-variable",
            "`$` must be followed by a variable name",
            start,
            end,
            "as in `$answers`",
        )
    lowered = lexeme.lower()
    if re.fullmatch(r"\$[a-z_][a-z0-9_]*", lowered):
        return where.diagnostic(
            "invalid-variable",
            f"`{lexeme}` is not a variable name: names are lower case",
            start,
            end,
            f"write `{lowered}`",
        )
    return where.diagnostic(
        "invalid-variable",
        f"`{lexeme}` is not a variable name",
        start,
        end,
        "a name starts with a letter or `_` and holds lower-case letters, digits and `_`",
    )


def _word(lexeme: str, start: int, end: int, where: _Locator) -> Diagnostic | None:
    if lexeme in ("true", "false"):
        return None
    lowered = lexeme.lower()
    if lowered in _WORD_OPERATORS:
        symbol = _WORD_OPERATORS[lowered]
        return where.diagnostic(
            "word-operator",
            f"`{lexeme}` is not an operator here",
            start,
            end,
            f"write `{symbol}`",
        )
    if lowered in ("true", "false"):
        return where.diagnostic(
            "invalid-variable",
            f"`{lexeme}` is not a keyword: keywords are lower case",
            start,
            end,
            f"write `{lowered}`",
        )
    return where.diagnostic(
        "missing-dollar",
        f"`{lexeme}` is not a variable, number or keyword",
        start,
        end,
        f"variables start with `$`: did you mean `${lowered}`?",
    )


def _other_character(text: str, start: int, where: _Locator) -> Diagnostic:
    char = text[start]
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    if char in _LOOKALIKES:
        return where.diagnostic(
            "unexpected-character",
            f"`{char}` ({name.lower()}) is not part of the language",
            start,
            start + 1,
            f"write `{_LOOKALIKES[char]}`",
        )
    if unicodedata.category(char) == "Nd":
        return where.diagnostic(
            "invalid-number",
            f"`{char}` ({name.lower()}) is not an ASCII digit",
            start,
            start + 1,
            f"write the digit {unicodedata.digit(char)} as `{unicodedata.digit(char)}`",
        )
    if char == "#":
        return where.diagnostic(
            "unexpected-character",
            "`#` is not part of the language",
            start,
            start + 1,
            "formulas have no comments; keep notes in the level's description",
        )
    if char == ",":
        return where.diagnostic(
            "unexpected-character",
            "`,` is not part of the language",
            start,
            start + 1,
            "decimals use a point, as in `12.5`; formulas have no lists",
        )
    shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    return where.diagnostic(
        "unexpected-character",
        f"`{shown}` is not part of the language",
        start,
        start + 1,
        "formulas use $variables, numbers, + - * /, comparisons, && || ! and parentheses",
    )


def _structure(tokens: Sequence[Token], where: _Locator) -> list[Diagnostic]:
    """Unbalanced parentheses and nesting deeper than the limit."""
    problems: list[Diagnostic] = []
    open_parens: list[Token] = []
    # One counter of pending prefix operators per open parenthesis level.
    pending = [0]
    depth = 0
    previous: Token | None = None
    too_deep_reported = False
    for token in tokens:
        kind = token.kind
        prefix_position = previous is None or previous.kind in BINARY | {
            "LPAR",
            "MINUS",
            "BANG",
        }
        if kind == "LPAR":
            open_parens.append(token)
            pending.append(0)
            depth += 1
        elif kind in ("MINUS", "BANG") and prefix_position:
            pending[-1] += 1
            depth += 1
        elif kind == "RPAR":
            if not open_parens:
                problems.append(
                    where.diagnostic(
                        "unmatched-parenthesis",
                        "this `)` closes nothing",
                        token.start,
                        token.end,
                        "remove it, or add the `(` it should close",
                    )
                )
            else:
                open_parens.pop()
                depth -= 1 + pending.pop()
                depth -= pending[-1]
                pending[-1] = 0
        elif kind in ("NUMBER", "VARIABLE", "TRUE", "FALSE", "BAD"):
            depth -= pending[-1]
            pending[-1] = 0
        if depth > MAX_DEPTH and not too_deep_reported:
            too_deep_reported = True
            problems.append(
                where.diagnostic(
                    "too-deep",
                    f"the formula nests deeper than {MAX_DEPTH} levels of parentheses "
                    "and prefix operators",
                    token.start,
                    token.end,
                    "split it into simpler conditions",
                )
            )
        previous = token
    # A long run of unclosed parentheses is one mistake: show the first few.
    for token in open_parens[:5]:
        problems.append(
            where.diagnostic(
                "unclosed-parenthesis",
                "this `(` is never closed",
                token.start,
                token.end,
                "add the matching `)`",
            )
        )
    return problems


def _number_value(text: str) -> int | float:
    integer, _, fraction = text.partition(".")
    if not fraction.strip("0"):
        return int(integer)
    return float(text)


class _Builder:
    """lark callbacks: each rule alias builds the node class of the same name."""

    def __init__(self, where: _Locator) -> None:
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


_grammar_text: str | None = None


def _grammar() -> str:
    global _grammar_text
    if _grammar_text is None:
        from importlib.resources import files

        _grammar_text = (files("agentlevels") / "grammar.lark").read_text(encoding="utf-8")
    return _grammar_text


_local = threading.local()


def _lark_parser(where: _Locator) -> tuple[lark.Lark, _Builder]:
    # Building a Lark instance costs tens of milliseconds: build the analysis
    # once per process, and re-bind only the callbacks (which need the text's
    # line table) per call through a per-thread builder.
    builder = _Builder(where)
    cached: lark.Lark | None = getattr(_local, "parser", None)
    if cached is None:
        proxy = _BuilderProxy()
        cached = lark.Lark(
            _grammar(),
            parser="lalr",
            lexer="basic",
            transformer=proxy,
            maybe_placeholders=False,
            g_regex_flags=re.ASCII,
        )
        _local.parser = cached
        _local.proxy = proxy
    _local.proxy.target = builder
    return cached, builder


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


def parse_or_diagnose(text: str) -> tuple[Node | None, list[Diagnostic]]:
    """Parse ``text``; returns the tree, or None and every problem found."""
    if not isinstance(text, str):
        raise TypeError(f"a formula is text (str), not {type(text).__name__}")
    where = _Locator(text)
    if len(text) > MAX_LENGTH:
        return None, [
            where.diagnostic(
                "too-long",
                f"the formula is {len(text):,} characters long; at most {MAX_LENGTH:,} are allowed",
                MAX_LENGTH,
                len(text),
            )
        ]
    tokens, problems = _scan(text, where)
    if not tokens and not problems:
        return None, [
            where.diagnostic(
                "empty-formula",
                "the formula is empty",
                0,
                len(text),
                "write a condition such as `$answers >= 500`",
            )
        ]
    problems.extend(_structure(tokens, where))
    if problems:
        problems.sort(key=lambda d: (d.start, d.end))
        return None, problems
    parser, _ = _lark_parser(where)
    try:
        tree = parser.parse(text)
    except UnexpectedInput as error:
        return None, _grammar_errors(parser, text, tokens, where, error)
    if not isinstance(tree, Node):  # pragma: no cover - the grammar always builds nodes
        raise AssertionError(f"parser built {type(tree).__name__}")
    for count, node in enumerate(nodes.walk(tree), start=1):
        if count > MAX_NODES:
            return None, [
                where.diagnostic(
                    "too-many-nodes",
                    f"the formula has more than {MAX_NODES:,} parts",
                    node.span.start,
                    node.span.end,
                    "split it into simpler conditions",
                )
            ]
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


def _clauses(tokens: Sequence[Token]) -> list[list[Token]]:
    """The token runs between ``&&`` and ``||`` outside any parentheses."""
    clauses: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "LPAR":
            depth += 1
        elif token.kind == "RPAR":
            depth -= 1
        if depth == 0 and token.kind in ("AND", "OR"):
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [clause for clause in clauses if clause]


def _grammar_errors(
    parser: lark.Lark,
    text: str,
    tokens: Sequence[Token],
    where: _Locator,
    error: UnexpectedInput,
) -> list[Diagnostic]:
    """The first grammar error, and the first of every other top-level clause.

    The parser stops at its first error. Clauses joined by ``&&``/``||`` at
    the top level are independent, so each other one is parsed alone (the
    rest of the text blanked, keeping positions) to report its own mistake
    too, without the cascades that skipping tokens would cause.
    """
    first = _translate(error, tokens, where)
    problems = [first]
    for clause in _clauses(tokens):
        start, end = clause[0].start, clause[-1].end
        if start <= first.start < end or first.start == end:
            continue
        masked = " " * start + text[start:end] + " " * (len(text) - end)
        try:
            parser.parse(masked)
        except UnexpectedInput as clause_error:
            problems.append(_translate(clause_error, clause, where))
    return sorted(problems, key=lambda d: (d.start, d.end))


def _translate(error: UnexpectedInput, tokens: Sequence[Token], where: _Locator) -> Diagnostic:
    """A lark error, in words, located on the offending token."""
    if not isinstance(error, UnexpectedToken):  # the scan rejects every bad character first
        position = getattr(error, "pos_in_stream", 0) or 0
        return where.diagnostic(
            "unexpected-character", "unexpected character", position, position + 1
        )
    token = error.token
    expected = {name for name in error.expected if name in TERMINAL_WORDS}
    if token.type == "$END":
        last = tokens[-1]
        return where.diagnostic(
            "unexpected-end",
            f"the formula ends too early: {TERMINAL_WORDS.get(last.kind, repr(last.text))} "
            "needs something after it",
            last.start,
            last.end,
            _expected_hint(expected),
        )
    index = next(i for i, t in enumerate(tokens) if t.start == token.start_pos)
    current = tokens[index]
    previous = tokens[index - 1] if index else None
    if current.kind in COMPARISONS and expected & {"OR", "AND"}:
        return _chained(tokens, index, where)
    if previous is None:
        return where.diagnostic(
            "unexpected-token",
            f"a formula cannot start with {TERMINAL_WORDS[current.kind]}",
            current.start,
            current.end,
            "start with a $variable, a number, `(`, `!` or `-`",
        )
    if current.kind == "RPAR" and previous.kind == "LPAR":
        return where.diagnostic(
            "unexpected-token",
            "empty parentheses",
            previous.start,
            current.end,
            "put an expression between them, or remove them",
        )
    if current.kind in OPERAND_STARTS and previous.kind not in BINARY | {"LPAR"}:
        return where.diagnostic(
            "unexpected-token",
            f"{TERMINAL_WORDS[current.kind]} cannot follow `{previous.text}` directly",
            current.start,
            current.end,
            f"put an operator such as `&&` or `+` before `{current.text}`",
        )
    return where.diagnostic(
        "unexpected-token",
        f"{TERMINAL_WORDS[current.kind]} cannot follow `{previous.text}`",
        current.start,
        current.end,
        _expected_hint(expected),
    )


def _expected_hint(expected: set[str]) -> str:
    if expected & {"NUMBER", "VARIABLE"}:
        return "expected a number, a $variable, `true`, `false` or `(`"
    words = sorted(TERMINAL_WORDS[name] for name in expected)
    if len(words) > 6:
        return "expected an operator or `)`"
    return "expected " + ", ".join(words)


def _chained(tokens: Sequence[Token], index: int, where: _Locator) -> Diagnostic:
    """``1 < $a < 5``: suggest ``1 < $a && $a < 5``."""
    second = tokens[index]
    first_index = _previous_comparison(tokens, index)
    hint = "compare twice and join with `&&`"
    if first_index is not None:
        left = _text(tokens, _operand_start(tokens, first_index), first_index)
        middle = _text(tokens, first_index + 1, index)
        right = _text(tokens, index + 1, _operand_end(tokens, index))
        first = tokens[first_index]
        if left and middle and right:
            hint = f"write `{left} {first.text} {middle} && {middle} {second.text} {right}`"
    return where.diagnostic(
        "chained-comparison",
        "comparisons cannot be chained",
        second.start,
        second.end,
        hint,
    )


def _same_level(
    tokens: Sequence[Token], index: int, step: int, stops: frozenset[str]
) -> tuple[int, str | None]:
    """From ``index``, walk by ``step`` to the first token of a kind in ``stops``
    at the same parenthesis depth.

    Returns its position and kind, or, when the walk leaves the enclosing
    parentheses or the text first, that boundary's position and None.
    """
    opening, closing = ("LPAR", "RPAR") if step > 0 else ("RPAR", "LPAR")
    depth = 0
    i = index + step
    while 0 <= i < len(tokens):
        kind = tokens[i].kind
        if kind == opening:
            depth += 1
        elif kind == closing:
            if depth == 0:
                return i, None
            depth -= 1
        elif depth == 0 and kind in stops:
            return i, kind
        i += step
    return i, None


_JOINS = frozenset({"AND", "OR"})


def _previous_comparison(tokens: Sequence[Token], index: int) -> int | None:
    position, kind = _same_level(tokens, index, -1, COMPARISONS | _JOINS)
    return position if kind in COMPARISONS else None


def _operand_start(tokens: Sequence[Token], index: int) -> int:
    return _same_level(tokens, index, -1, _JOINS)[0] + 1


def _operand_end(tokens: Sequence[Token], index: int) -> int:
    return _same_level(tokens, index, 1, COMPARISONS | _JOINS)[0]


def _text(tokens: Sequence[Token], start: int, end: int) -> str:
    joined = " ".join(token.text for token in tokens[start:end])
    return joined.replace("( ", "(").replace(" )", ")")
