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
from agentlevels._language.scanner import BINARY, COMPARISONS, Locator, Token

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
            "unexpected-character", "unexpected character", position, position + 1
        )
    expected = {name for name in error.expected if name in TERMINAL_WORDS}
    if error.token.type == "$END":
        last = tokens[-1]
        return where.diagnostic(
            "unexpected-end",
            f"the formula ends too early: {TERMINAL_WORDS.get(last.kind, repr(last.text))} "
            "needs something after it",
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
            f"a formula cannot start with {TERMINAL_WORDS[current.kind]}",
            current.start,
            current.end,
            "start with a $variable, a number, `(`, `!` or `-`" + _shell_hint(current),
        )
    if current.kind == "NUMBER" and previous.kind == "NUMBER" and current.text.isdigit():
        # 1 000: a thousands separator, which the language does not have.
        joined = previous.text + current.text
        return where.diagnostic(
            "unexpected-token",
            f"a number cannot follow `{previous.text}` directly",
            previous.start,
            current.end,
            f"numbers have no thousands separator: write `{joined}`",
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
    hint = _expected_hint(expected)
    if previous.kind in BINARY | {"LPAR", "MINUS", "BANG"}:
        hint += _shell_hint(current)
    return where.diagnostic(
        "unexpected-token",
        f"{TERMINAL_WORDS[current.kind]} cannot follow `{previous.text}`",
        current.start,
        current.end,
        hint,
    )


def _shell_hint(current: Token) -> str:
    """For an operator where an operand belongs: what a shell does to "$name" in double quotes."""
    if current.kind not in BINARY:
        return ""
    return "; on a command line, use single quotes: the shell replaced `$name` with nothing"


def _expected_hint(expected: set[str]) -> str:
    if expected & {"NUMBER", "VARIABLE"}:
        return "expected a number, a $variable, `true`, `false` or `(`"
    words = sorted(TERMINAL_WORDS[name] for name in expected)
    if len(words) > 6:
        return "expected an operator or `)`"
    return "expected " + ", ".join(words)


def _chained(tokens: Sequence[Token], index: int, where: Locator) -> Diagnostic:
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
