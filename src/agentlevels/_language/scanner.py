"""The scan before parsing: tokens, lexical mistakes with their hints, nesting.

The scan runs over the whole text so that every lexical mistake is reported
at once (``and`` for ``&&``, ``=`` for ``==``, a variable without ``$`` ...),
each with a targeted hint, and so that unbalanced parentheses and nesting
beyond the limit are caught before the parser (and Python's stack) see them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable

import attrs

from agentlevels._diagnostics import Diagnostic
from agentlevels._language import names
from agentlevels._language.catalog import Catalog
from agentlevels._language.locator import Locator
from agentlevels._messages.message import message


@attrs.frozen
class Token:
    """One lexeme of the text."""

    kind: str  # a terminal name of grammar.lark, or "BAD" for a mistaken lexeme
    text: str
    start: int
    end: int


COMPARISONS = frozenset({"GE", "GT", "LE", "LT", "EQ", "NE"})
BINARY = COMPARISONS | {"OR", "AND", "PLUS", "STAR", "SLASH"}
PREFIXES = frozenset({"MINUS", "BANG"})
OPERANDS = frozenset({"NUMBER", "VARIABLE", "TRUE", "FALSE", "BAD"})

_SYMBOL_KIND = {
    "||": "OR",
    "&&": "AND",
    ">=": "GE",
    "<=": "LE",
    "==": "EQ",
    "!=": "NE",
    ">": "GT",
    "<": "LT",
    "+": "PLUS",
    "-": "MINUS",
    "*": "STAR",
    "/": "SLASH",
    "!": "BANG",
    "(": "LPAR",
    ")": "RPAR",
}
_LEXEMES = r"""
    (?P<number>[0-9]+(?:\.[0-9]+)?)
  | (?P<variable>\$[a-z_][a-z0-9_]*)
  | (?P<badvariable>\$[A-Za-z0-9_]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<mistake>===|=>|=<|<>)
  | (?P<symbol>\|\||&&|>=|<=|==|!=|[<>+\-*/!()])
  | (?P<assignment>=)
  | (?P<single>[&|])
  | (?P<other>.)
"""
_SCAN = re.compile(r"(?P<space>[ \t\r\n]+) | " + _LEXEMES, re.VERBOSE | re.DOTALL | re.ASCII)
# A text with characters outside ASCII may hold words in other scripts: each
# such word (with or without `$`, letters and combining marks of any script)
# is one lexeme, so that it gets one diagnostic, not one per letter. ASCII
# text, nearly every formula, is scanned without trying this.
_SCAN_WIDE = re.compile(
    r"""
    (?P<space>[ \t\r\n]+)
  | (?P<foreign>\$?(?![0-9])(?=(?u:[\w\u0300-\u036f])*?(?u:[^\W\d\x00-\x7f]))
                (?u:[\w\u0300-\u036f])+)
  | (?P<digits>(?=[0-9]*(?u:(?![0-9])\d))(?u:\d){2,})
  | """
    + _LEXEMES,
    re.VERBOSE | re.DOTALL | re.ASCII,
)
_CALL = re.compile(r"[ \t\r\n]*\(")
# What sticks to a number and makes it no number: 12,5  1.2.3  1e5  12abc
_STUCK_TO_NUMBER = re.compile(r",[0-9]+|\.[0-9A-Za-z_]*|[eE][+-]?[0-9]+|[A-Za-z_][A-Za-z0-9_]*")
# The lexeme, its code, the message's key and the hint's key.
_MISTAKES = {
    "=": ("assignment-operator", "not-a-comparison", "hint-compare"),
    "===": ("assignment-operator", "not-an-operator", "hint-compare"),
    "=>": ("unexpected-token", "not-an-operator", "hint-at-least"),
    "=<": ("unexpected-token", "not-an-operator", "hint-at-most"),
    "<>": ("unexpected-token", "not-an-operator", "hint-not-equal"),
}
_SINGLES = {
    "&": ("single-ampersand", "hint-and"),
    "|": ("single-pipe", "hint-or"),
}
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
# Characters people try for a reason: the hint answers the reason.
_REASONS = {"#": "hint-no-comments", ",": "hint-no-lists"}


class _Scan:
    """The tokens and problems of one text; one method per group of ``_SCAN_WIDE``."""

    def __init__(self, text: str, where: Locator, max_digits: int, catalog: Catalog | None) -> None:
        self.text = text
        self.where = where
        self.max_digits = max_digits
        self.catalog = catalog
        # A text may repeat one mistaken name thousands of times: word it once.
        self.named: dict[tuple[str, bool], Diagnostic] = {}
        self.tokens: list[Token] = []
        self.problems: list[Diagnostic] = []

    def run(self) -> None:
        position, length = 0, len(self.text)
        pattern = _SCAN if self.text.isascii() else _SCAN_WIDE
        while position < length:
            match = pattern.match(self.text, position)
            # Every text matches: the last alternative takes any one character.
            assert match is not None
            assert match.lastgroup is not None
            position = _GROUPS[match.lastgroup](self, match.group(), *match.span())

    def token(self, kind: str, start: int, end: int) -> int:
        self.tokens.append(Token(kind, self.text[start:end], start, end))
        return end

    def bad(self, problem: Diagnostic, start: int, end: int) -> int:
        """Report ``problem`` and keep a placeholder token, so nesting is still counted."""
        self.problems.append(problem)
        return self.token("BAD", start, end)

    def space(self, lexeme: str, start: int, end: int) -> int:
        return end

    def digits(self, lexeme: str, start: int, end: int) -> int:
        """A number in digits other than ASCII ones (``５００``, ``٥٠٠``): one diagnostic."""
        wording = names.foreign_digits(lexeme)
        return self.bad(self.where.worded(wording, start, end), start, end)

    def number(self, lexeme: str, start: int, end: int) -> int:
        stuck = _STUCK_TO_NUMBER.match(self.text, end)
        if stuck:
            whole = self.text[start : stuck.end()]
            self.problems.append(_not_a_number(whole, stuck.group(), start, self.where))
            return stuck.end()
        problem = _too_long(lexeme, start, end, self.max_digits, self.where) or _too_small(
            lexeme, start, end, self.where
        )
        if problem:
            self.problems.append(problem)
            return end
        return self.token("NUMBER", start, end)

    def variable(self, lexeme: str, start: int, end: int) -> int:
        return self.token("VARIABLE", start, end)

    def badvariable(self, lexeme: str, start: int, end: int) -> int:
        return self.bad(
            self.where.worded(names.bad_variable(lexeme, self.catalog), start, end), start, end
        )

    def word(self, lexeme: str, start: int, end: int) -> int:
        if lexeme in names.KEYWORDS:
            return self.token(lexeme.upper(), start, end)
        called = _CALL.match(self.text, end) is not None
        known = self.named.get((lexeme, called))
        if known is None:
            wording = names.bare_word(lexeme, called, self.catalog)
            known = self.named[lexeme, called] = self.where.worded(wording, start, end)
        return self.bad(self.where.moved(known, start, end), start, end)

    def foreign(self, lexeme: str, start: int, end: int) -> int:
        """A word with letters outside ASCII: one diagnostic for the whole word."""
        if not lexeme.startswith("$"):
            return self.word(lexeme, start, end)
        known = self.named.get((lexeme, False))
        if known is None:
            wording = names.foreign_name(lexeme, self.catalog)
            known = self.named[lexeme, False] = self.where.worded(wording, start, end)
        return self.bad(self.where.moved(known, start, end), start, end)

    def mistake(self, lexeme: str, start: int, end: int) -> int:
        code, text, hint = _MISTAKES[lexeme]
        problem = self.where.diagnostic(
            code, message(text, symbol=lexeme), start, end, message(hint)
        )
        return self.bad(problem, start, end)

    def symbol(self, lexeme: str, start: int, end: int) -> int:
        return self.token(_SYMBOL_KIND[lexeme], start, end)

    def single(self, lexeme: str, start: int, end: int) -> int:
        code, hint = _SINGLES[lexeme]
        text = message("single-symbol", symbol=lexeme)
        return self.bad(self.where.diagnostic(code, text, start, end, message(hint)), start, end)

    def other(self, lexeme: str, start: int, end: int) -> int:
        return self.bad(_other_character(lexeme, start, self.where), start, end)


_GROUPS: dict[str, Callable[[_Scan, str, int, int], int]] = {
    "space": _Scan.space,
    "foreign": _Scan.foreign,
    "digits": _Scan.digits,
    "number": _Scan.number,
    "variable": _Scan.variable,
    "badvariable": _Scan.badvariable,
    "word": _Scan.word,
    "mistake": _Scan.mistake,
    "assignment": _Scan.mistake,
    "symbol": _Scan.symbol,
    "single": _Scan.single,
    "other": _Scan.other,
}


def scan(
    text: str, where: Locator, max_digits: int, catalog: Catalog | None = None
) -> tuple[list[Token], list[Diagnostic]]:
    """Split ``text`` into tokens, reporting every lexical mistake.

    A mistaken lexeme becomes a ``BAD`` token (a number with something stuck
    to it becomes none), so that :func:`structure` still sees the nesting.
    ``catalog`` makes the hints about names suggest its metrics only.
    """
    scanned = _Scan(text, where, max_digits, catalog)
    scanned.run()
    return scanned.tokens, scanned.problems


def _not_a_number(whole: str, stuck: str, start: int, where: Locator) -> Diagnostic:
    """``whole``, a number with ``stuck`` after it: a decimal comma, an exponent, letters."""
    end = start + len(whole)
    if stuck.startswith(","):
        fixed = whole.replace(",", ".")
        hint = message("hint-write", text=fixed)
        if len(stuck) == 4:  # 1,000 may be a thousands separator
            joined = whole.replace(",", "")
            hint = message("hint-decimal-or-whole", decimal=fixed, whole=joined)
        text = message("comma-decimal", number=whole)
        return where.diagnostic("comma-decimal", text, start, end, hint)
    if stuck[0] in "eE" and stuck[1:].lstrip("+-").isdigit():
        return where.diagnostic(
            "invalid-number",
            message("exponent", number=whole),
            start,
            end,
            message("hint-in-full"),
        )
    return where.diagnostic(
        "invalid-number",
        message("not-a-number", number=whole),
        start,
        end,
        message("hint-number-form"),
    )


def _too_long(
    literal: str, start: int, end: int, max_digits: int, where: Locator
) -> Diagnostic | None:
    integer, _, fraction = literal.partition(".")
    digits = (integer + fraction.rstrip("0")).lstrip("0")
    if len(digits) <= max_digits:
        return None
    return where.diagnostic(
        "number-too-long",
        message(
            "number-too-long", number=_shortened(literal), digits=len(digits), limit=max_digits
        ),
        start,
        end,
        message("hint-round"),
    )


def _shortened(literal: str) -> str:
    # A number may be thousands of digits long; its ends say which one it is.
    return literal if len(literal) <= 40 else f"{literal[:20]}…{literal[-12:]}"


def _too_small(literal: str, start: int, end: int, where: Locator) -> Diagnostic | None:
    """A number other than 0 too close to 0 for a float (it would silently become 0)."""
    if not literal.strip("0."):  # zero itself, however written
        return None
    if float(literal) >= sys.float_info.min:
        return None
    return where.diagnostic(
        "number-too-small",
        message("number-too-small", number=_shortened(literal)),
        start,
        end,
        message("hint-zero-or-unit"),
    )


def _other_character(char: str, start: int, where: Locator) -> Diagnostic:
    name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
    if char in _LOOKALIKES:
        return where.diagnostic(
            "unexpected-character",
            message("lookalike-character", char=char, name=name),
            start,
            start + 1,
            message("hint-write", text=_LOOKALIKES[char]),
        )
    if unicodedata.category(char) == "Nd":
        digit = unicodedata.digit(char)
        return where.diagnostic(
            "invalid-number",
            message("non-ascii-digit", char=char, name=name),
            start,
            start + 1,
            message("hint-ascii-digit", digit=str(digit)),
        )
    shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    return where.diagnostic(
        "unexpected-character",
        message("foreign-character", char=shown),
        start,
        start + 1,
        message(_REASONS.get(char, "hint-alphabet")),
    )
