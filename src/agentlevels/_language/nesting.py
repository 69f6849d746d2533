"""Nesting: unbalanced parentheses, and depth beyond the limit, from the scan's tokens.

Caught before the parser (and Python's stack) see the text: a long run of
``(`` or of prefix operators is reported here, not by a recursion error.
"""

from __future__ import annotations

from collections.abc import Sequence

from agentlevels._diagnostics import Diagnostic
from agentlevels._language.locator import Locator
from agentlevels._language.scanner import BINARY, OPERANDS, PREFIXES, Token
from agentlevels._messages.message import message


class _Depth:
    """Nesting depth: open parentheses plus the prefix operators still waiting for an operand.

    ``--$a`` nests two levels until ``$a`` closes both; ``-(`` nests two until
    the ``)`` and what follows it.
    """

    def __init__(self) -> None:
        self.value = 0
        self._pending = [0]  # pending prefix operators, per open parenthesis

    def open(self) -> None:
        self._pending.append(0)
        self.value += 1

    def prefix(self) -> None:
        self._pending[-1] += 1
        self.value += 1

    def close(self) -> None:
        self.value -= 1 + self._pending.pop()
        self.operand()

    def operand(self) -> None:
        self.value -= self._pending[-1]
        self._pending[-1] = 0


def _prefix_position(previous: Token | None) -> bool:
    """Whether a ``-`` or ``!`` after ``previous`` is a prefix operator."""
    return previous is None or previous.kind in BINARY | {"LPAR"} | PREFIXES


def structure(tokens: Sequence[Token], where: Locator, max_depth: int) -> list[Diagnostic]:
    """Unbalanced parentheses and nesting deeper than ``max_depth``."""
    problems: list[Diagnostic] = []
    open_parens: list[Token] = []
    depth = _Depth()
    too_deep: Token | None = None
    previous: Token | None = None
    for token in tokens:
        if token.kind == "LPAR":
            open_parens.append(token)
            depth.open()
        elif token.kind == "RPAR" and open_parens:
            open_parens.pop()
            depth.close()
        elif token.kind == "RPAR":
            problems.append(_unmatched(token, where))
        elif token.kind in PREFIXES and _prefix_position(previous):
            depth.prefix()
        elif token.kind in OPERANDS:
            depth.operand()
        if depth.value > max_depth and too_deep is None:
            too_deep = token
            problems.append(_too_deep(token, max_depth, where))
        previous = token
    # A long run of unclosed parentheses is one mistake: show the first few.
    problems.extend(_unclosed(token, where) for token in open_parens[:5])
    return problems


def _unmatched(token: Token, where: Locator) -> Diagnostic:
    return where.diagnostic(
        "unmatched-parenthesis",
        message("unmatched-parenthesis"),
        token.start,
        token.end,
        message("hint-unmatched"),
    )


def _unclosed(token: Token, where: Locator) -> Diagnostic:
    return where.diagnostic(
        "unclosed-parenthesis",
        message("unclosed-parenthesis"),
        token.start,
        token.end,
        message("hint-unclosed"),
    )


def _too_deep(token: Token, max_depth: int, where: Locator) -> Diagnostic:
    return where.diagnostic(
        "too-deep",
        message("too-deep", limit=max_depth),
        token.start,
        token.end,
        message("hint-split"),
    )
