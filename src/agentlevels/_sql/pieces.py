"""Rendered pieces of SQL and the precedence that decides their parentheses."""

from __future__ import annotations

from typing import Any, Final

import attrs

from agentlevels import nodes

__all__ = [
    "AND",
    "ATOM",
    "COMPARISON",
    "EXACT_INTEGER_LIMIT",
    "NEGATION",
    "NOT",
    "OR",
    "PRODUCT",
    "SUM",
    "Constant",
    "Piece",
    "Result",
    "SQLNode",
]
# A sqlglot expression node. Typed loosely: sqlglot is optional, and the name of
# its base class has changed between releases.
SQLNode = Any


# SQL operator precedence of the rendered pieces, loosest last. A piece is put
# in parentheses when its parent needs a tighter one at that position.
ATOM: Final = 100  # column, literal, function call, CAST, CASE, parentheses


NEGATION: Final = 90


PRODUCT: Final = 80


SUM: Final = 70


COMPARISON: Final = 60


NOT: Final = 50


AND: Final = 40


OR: Final = 30


# The largest integer every double represents exactly: larger integers are
# written as the nearest double (see docs/sql.md on the value domain).
EXACT_INTEGER_LIMIT: Final = 2**53


@attrs.frozen
class Piece:
    """One node rendered to SQL text, with what its parent needs to know."""

    sql: str
    precedence: int
    # A metric read as stored (not yet cast to double for arithmetic).
    column: bool = False
    # The result of + - * / or negation of one: may be an infinity or NaN in the engine.
    arithmetic: bool = False
    # For ``NOT x`` and ``-x``: the piece of ``x``, so a double negation can drop both.
    negated: Piece | None = None


@attrs.frozen
class Constant:
    """A sub-formula that reads no metric; rendered only when a parent needs it."""

    node: nodes.Node


Result = Piece | Constant
