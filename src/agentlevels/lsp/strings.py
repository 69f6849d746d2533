"""String values found in a TOML or JSON text, with where each of their characters came from.

A condition written in a file is the decoded string (``"\\u0024answers"`` is
``$answers``); its diagnostics are offsets into the decoded text. Each
:class:`Found` string keeps, for every decoded character, the offset in the
file of the text that produced it, so a diagnostic maps back through escape
sequences, line continuations and line breaks to the file's own characters.
"""

from __future__ import annotations

import re
from typing import Literal, TypeAlias

import attrs

from agentlevels._formats import format_key_path

__all__ = [
    "Found",
    "Malformed",
    "Path",
    "Style",
    "decode_basic",
    "decode_json",
    "decode_literal",
    "escape_for",
]

Path: TypeAlias = tuple[str | int, ...]
Style: TypeAlias = Literal["basic", "literal", "json", "none"]


class Malformed(Exception):
    """The scanner met text it cannot read; it skips it (TOML) or stops (JSON)."""


@attrs.frozen
class Found:
    """A value at ``path``, from ``start`` to ``end`` in the file (its key from ``key_start``).

    For a string, ``text`` is its decoded value and ``offsets[i]`` the file
    offset where the text of its character ``i`` starts; ``offsets[len(text)]``
    is the closing quote. ``style`` says how text inserted into it must be
    escaped (``"none"`` for a value that is not a string).
    """

    path: Path
    start: int
    end: int
    key_start: int | None = None
    text: str | None = None
    offsets: tuple[int, ...] = ()
    style: Style = "none"
    bracketed: bool = False
    """A table or list written between brackets (not a TOML ``[header]``)."""

    @property
    def key_path(self) -> str:
        """``levels[3].condition``, as the library's errors name places."""
        return format_key_path(self.path)

    def file_offset(self, index: int) -> int:
        """The file offset of the decoded character ``index`` (clamped to the string)."""
        return self.offsets[max(0, min(index, len(self.offsets) - 1))]

    def text_offset(self, offset: int) -> int:
        """The decoded index at the file ``offset``: inside an escape, that character's."""
        count = len(self.offsets)
        low, high = 0, count - 1
        if offset <= self.offsets[0]:
            return 0
        while low < high:  # the last index whose offset is at or before ``offset``
            middle = (low + high + 1) // 2
            if self.offsets[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low


_BASIC_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_TOML_ESCAPES = _BASIC_ESCAPES | {"e": "\x1b"}
_JSON_ESCAPES = _BASIC_ESCAPES | {"/": "/"}
_HEX_LENGTHS = {"u": 4, "U": 8, "x": 2}
# Runs of characters that stand for themselves: no quote, escape or line break.
_PLAIN = {
    ('"', True): re.compile(r'[^"\\\r\n]+'),
    ("'", False): re.compile(r"[^'\r\n]+"),
}
_JSON_PLAIN = re.compile(r'[^"\\\x00-\x1f]+')


def _hex(text: str, start: int, length: int) -> int:
    digits = text[start : start + length]
    if len(digits) != length or not all(c in "0123456789abcdefABCDEF" for c in digits):
        raise Malformed
    return int(digits, 16)


def _toml_escape(text: str, i: int) -> tuple[str, int]:
    """The character of the escape at ``text[i] == "\\\\"`` and the index after it."""
    letter = text[i + 1 : i + 2]
    if letter in _TOML_ESCAPES:
        return _TOML_ESCAPES[letter], i + 2
    length = _HEX_LENGTHS.get(letter)
    if length is None:
        raise Malformed
    point = _hex(text, i + 2, length)
    if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        raise Malformed
    return chr(point), i + 2 + length


def _continued(text: str, i: int) -> int | None:
    """After ``\\\\`` at ``i`` in a multi-line string: the index past a line continuation."""
    j = i + 1
    while j < len(text) and text[j] in " \t":
        j += 1
    if text[j : j + 1] not in ("\n", "\r"):
        return None
    while j < len(text) and text[j] in " \t\r\n":
        j += 1
    return j


def _closing(text: str, i: int, quote: str, multi: bool) -> int | None:
    """The length of the closing delimiter at ``i``, or None: a multi-line string may end
    with one or two quotes before its three closing ones."""
    if not multi:
        return 1 if text[i] == quote else None
    run = 0
    while text[i + run : i + run + 1] == quote:
        run += 1
    return run if 3 <= run <= 5 else None


def decode_basic(text: str, i: int, multi: bool) -> tuple[str, list[int], int]:
    """A TOML basic string whose text starts at ``i`` (after the quotes): value, offsets, end.

    ``end`` is the index just past the closing quotes; the last offset is
    where the closing quotes start.
    """
    return _decode(text, i, '"', multi, escapes=True)


def decode_literal(text: str, i: int, multi: bool) -> tuple[str, list[int], int]:
    """A TOML literal string (no escapes), as :func:`decode_basic`."""
    return _decode(text, i, "'", multi, escapes=False)


def _decode(
    text: str, i: int, quote: str, multi: bool, *, escapes: bool
) -> tuple[str, list[int], int]:
    chars: list[str] = []
    offsets: list[int] = []
    if multi and text[i : i + 2] == "\r\n":
        i += 2
    elif multi and text[i : i + 1] == "\n":
        i += 1
    plain = _PLAIN[quote, escapes]
    while i < len(text):
        run = plain.match(text, i)
        if run is not None:  # characters standing for themselves, taken at once
            chars.append(run.group())
            offsets.extend(range(i, run.end()))
            i = run.end()
            continue
        char = text[i]
        closing = _closing(text, i, quote, multi)
        if closing is not None:
            # Quotes beyond the closing three belong to the value.
            for extra in range(closing - (3 if multi else 1)):
                chars.append(quote)
                offsets.append(i + extra)
            offsets.append(i + closing - (3 if multi else 1))
            return "".join(chars), offsets, i + closing
        if char in "\r\n" and not multi:
            break  # unterminated: see below
        if escapes and char == "\\":
            after = _continued(text, i) if multi else None
            if after is not None:
                i = after
                continue
            value, after = _toml_escape(text, i)
            chars.append(value)
            offsets.append(i)
            i = after
            continue
        offsets.append(i)
        if char == "\r" and text[i + 1 : i + 2] == "\n":
            chars.append("\n")  # tomllib reads a CRLF in a multi-line string as "\n"
            i += 2
            continue
        chars.append(char)
        i += 1
    if multi:
        raise Malformed
    # A one-line string still being typed ends with its line, so that completion
    # works before the closing quote is there (the file does not parse, so no
    # diagnostic comes from it).
    offsets.append(i)
    return "".join(chars), offsets, i


def decode_json(text: str, i: int) -> tuple[str, list[int], int]:
    """A JSON string whose text starts at ``i`` (after the quote), as :func:`decode_basic`.

    A surrogate pair written as two ``\\u`` escapes is one character, as
    :func:`json.loads` reads it.
    """
    chars: list[str] = []
    offsets: list[int] = []
    while i < len(text):
        run = _JSON_PLAIN.match(text, i)
        if run is not None:
            chars.append(run.group())
            offsets.extend(range(i, run.end()))
            i = run.end()
            continue
        char = text[i]
        if char == '"':
            offsets.append(i)
            return "".join(chars), offsets, i + 1
        if char in "\r\n":
            break  # unterminated, as in decode_basic
        if char < " ":
            raise Malformed
        offsets.append(i)
        if char != "\\":
            chars.append(char)
            i += 1
            continue
        letter = text[i + 1 : i + 2]
        if letter in _JSON_ESCAPES:
            chars.append(_JSON_ESCAPES[letter])
            i += 2
            continue
        if letter != "u":
            raise Malformed
        point = _hex(text, i + 2, 4)
        i += 6
        if 0xD800 <= point <= 0xDBFF and text[i : i + 2] == "\\u":
            low = _hex(text, i + 2, 4)
            if 0xDC00 <= low <= 0xDFFF:
                point = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00)
                i += 6
        chars.append(chr(point))
    offsets.append(i)
    return "".join(chars), offsets, i


def escape_for(style: Style, text: str) -> str | None:
    """``text`` as it must be written inside a string of ``style``; None if it cannot be."""
    if style == "literal":
        return None if "'" in text or any(c < " " for c in text) else text
    if style in ("basic", "json"):
        out = text.replace("\\", "\\\\").replace('"', '\\"')
        return None if any(c < " " for c in out) else out
    return text
