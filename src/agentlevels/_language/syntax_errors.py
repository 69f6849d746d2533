"""The parser's errors in words: what was found, where, and what would fit.

lark stops at the first token its grammar cannot take. This module turns that
error into a :class:`~agentlevels.Diagnostic` located on the offending token,
with a hint written for people (``1 < $a < 5`` suggests
``1 < $a && $a < 5``), and looks for one more error in each other top-level
clause.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lark.exceptions import UnexpectedInput, UnexpectedToken

from agentlevels._diagnostics import Diagnostic
from agentlevels._language.locator import Locator
from agentlevels._language.scanner import BINARY, COMPARISONS, Token
from agentlevels._messages.message import Message, message

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
}
# Terminals said in words, which differ by locale.
_TERMINAL_MESSAGES = {"NUMBER": "term-number", "VARIABLE": "term-variable", "$END": "term-end"}


def terminal_word(kind: str) -> Message | str:
    """How a message names a terminal: a symbol in backticks, or words."""
    if kind in _TERMINAL_MESSAGES:
        return message(_TERMINAL_MESSAGES[kind])
    return TERMINAL_WORDS[kind]


OPERAND_STARTS = frozenset({"NUMBER", "VARIABLE", "TRUE", "FALSE", "LPAR", "MINUS", "BANG"})
_JOINS = frozenset({"AND", "OR"})


def grammar_errors(
    parse: Callable[[str], object],
    text: str,
    tokens: Sequence[Token],
    where: Locator,
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
            parse(masked)
        except UnexpectedInput as clause_error:
            problems.append(_translate(clause_error, clause, where))
    return sorted(problems, key=lambda d: (d.start, d.end))


def _clauses(tokens: Sequence[Token]) -> list[list[Token]]:
    """The token runs between ``&&`` and ``||`` outside any parentheses."""
    clauses: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "LPAR":
            depth += 1
        elif token.kind == "RPAR":
            depth -= 1
        if depth == 0 and token.kind in _JOINS:
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [clause for clause in clauses if clause]


def _translate(error: UnexpectedInput, tokens: Sequence[Token], where: Locator) -> Diagnostic:
    """A lark error, in words, located on the offending token."""
    if not isinstance(error, UnexpectedToken):  # the scan rejects every bad character first
        position = getattr(error, "pos_in_stream", 0) or 0
        return where.diagnostic(
            "unexpected-character", message("unexpected-character"), position, position + 1
        )
    expected = {
        name for name in error.expected if name in TERMINAL_WORDS or name in _TERMINAL_MESSAGES
    }
    if error.token.type == "$END":
        last = tokens[-1]
        return where.diagnostic(
            "unexpected-end",
            message("unexpected-end", what=_named(last)),
            last.start,
            last.end,
            _expected_hint(expected),
        )
    index = next(i for i, t in enumerate(tokens) if t.start == error.token.start_pos)
    if tokens[index].kind in COMPARISONS and expected & _JOINS:
        return _chained(tokens, index, where)
    return _unexpected(tokens, index, expected, where)


def _unexpected(
    tokens: Sequence[Token], index: int, expected: set[str], where: Locator
) -> Diagnostic:
    """The token at ``index`` cannot come where it stands."""
    current = tokens[index]
    previous = tokens[index - 1] if index else None
    if previous is None:
        return where.diagnostic(
            "unexpected-token",
            message("cannot-start", what=terminal_word(current.kind)),
            current.start,
            current.end,
            _shell_hint(current, message("hint-start")),
        )
    if current.kind == "NUMBER" and previous.kind == "NUMBER" and current.text.isdigit():
        # 1 000: a thousands separator, which the language does not have.
        joined = previous.text + current.text
        return where.diagnostic(
            "unexpected-token",
            message("number-after-number", previous=previous.text),
            previous.start,
            current.end,
            message("hint-no-thousands", joined=joined),
        )
    if current.kind == "RPAR" and previous.kind == "LPAR":
        return where.diagnostic(
            "unexpected-token",
            message("empty-parentheses"),
            previous.start,
            current.end,
            message("hint-fill-parentheses"),
        )
    if current.kind in OPERAND_STARTS and previous.kind not in BINARY | {"LPAR"}:
        return where.diagnostic(
            "unexpected-token",
            message(
                "cannot-follow-directly", what=terminal_word(current.kind), previous=previous.text
            ),
            current.start,
            current.end,
            message("hint-operator-before", text=current.text),
        )
    hint = _expected_hint(expected)
    if previous.kind in BINARY | {"LPAR", "MINUS", "BANG"}:
        hint = _shell_hint(current, hint)
    return where.diagnostic(
        "unexpected-token",
        message("cannot-follow", what=terminal_word(current.kind), previous=previous.text),
        current.start,
        current.end,
        hint,
    )


def _named(token: Token) -> Message | str:
    if token.kind in TERMINAL_WORDS or token.kind in _TERMINAL_MESSAGES:
        return terminal_word(token.kind)
    return repr(token.text)


def _shell_hint(current: Token, hint: Message) -> Message:
    """For an operator where an operand belongs: what a shell does to "$name" in double quotes."""
    if current.kind not in BINARY:
        return hint
    return message("hint-shell", hint=hint)


def _expected_hint(expected: set[str]) -> Message:
    if expected & {"NUMBER", "VARIABLE"}:
        return message("hint-expected-operand")
    words = sorted(TERMINAL_WORDS[name] for name in expected if name in TERMINAL_WORDS)
    if len(words) + ("$END" in expected) > 6:
        return message("hint-expected-operator")
    if "$END" not in expected:
        return message("hint-expected", words=", ".join(words))
    if not words:
        return message("hint-expected-end")
    # The end comes last, as the English words sort after the symbols.
    return message("hint-expected-or-end", words=", ".join(words))


def _chained(tokens: Sequence[Token], index: int, where: Locator) -> Diagnostic:
    """``1 < $a < 5``: suggest ``1 < $a && $a < 5``."""
    second = tokens[index]
    first_index = _previous_comparison(tokens, index)
    hint = message("hint-compare-twice")
    if first_index is not None:
        left = _text(tokens, _operand_start(tokens, first_index), first_index)
        middle = _text(tokens, first_index + 1, index)
        right = _text(tokens, index + 1, _operand_end(tokens, index))
        first = tokens[first_index]
        if left and middle and right:
            written = f"{left} {first.text} {middle} && {middle} {second.text} {right}"
            hint = message("hint-write", text=written)
    return where.diagnostic(
        "chained-comparison",
        message("chained-comparison"),
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
