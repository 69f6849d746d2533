"""Offsets in a text: code points, UTF-16 code units, 1-based lines and columns.

Python counts code points; JavaScript editors and the Language Server
Protocol count UTF-16 code units, in which a character beyond U+FFFF (an
emoji, say) takes two. Every offset here is 0-based, every line and column
1-based, and a column counts from the start of its line in the same unit as
the offset it belongs to. Only ``\\n`` ends a line (a ``\\r`` before it is
part of the line, as the formula scanner sees it).

>>> text = "$a 😀 >= 5"
>>> utf16_offset(text, 5), codepoint_offset(text, 6)
(6, 5)
>>> line_column("a\\nbc", 3)
(2, 2)
"""

from __future__ import annotations

from typing import Literal, TypeAlias

__all__ = [
    "POSITIONS",
    "Positions",
    "codepoint_offset",
    "line_column",
    "line_start",
    "offset_at",
    "to_units",
    "utf16_column",
    "utf16_length",
    "utf16_offset",
]

Positions: TypeAlias = Literal["code-points", "utf-16"]
POSITIONS: tuple[Positions, ...] = ("code-points", "utf-16")
"""The units a diagnostic's offsets and columns can be given in."""

_BMP_END = 0xFFFF


def _clamp(text: str, offset: int) -> int:
    return max(0, min(offset, len(text)))


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > _BMP_END)


def utf16_offset(text: str, offset: int) -> int:
    """The UTF-16 offset of code-point ``offset`` in ``text`` (clamped to the text)."""
    return utf16_length(text[: _clamp(text, offset)])


def codepoint_offset(text: str, units: int) -> int:
    """The code-point offset of UTF-16 offset ``units`` in ``text`` (clamped to the text).

    An offset between the two halves of a surrogate pair gives the character
    it falls in, as an editor moving a caret out of an emoji's middle would.
    """
    counted = 0
    for index, char in enumerate(text):
        width = 2 if ord(char) > _BMP_END else 1
        if counted + width > units:
            return index
        counted += width
    return len(text)


def line_start(text: str, offset: int) -> int:
    """The offset of the first character of the line ``offset`` is on."""
    return text.rfind("\n", 0, _clamp(text, offset)) + 1


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and code-point column of ``offset`` (clamped to the text)."""
    offset = _clamp(text, offset)
    return text.count("\n", 0, offset) + 1, offset - line_start(text, offset) + 1


def utf16_column(text: str, offset: int) -> int:
    """The 1-based column of code-point ``offset``, counted in UTF-16 code units."""
    offset = _clamp(text, offset)
    return utf16_length(text[line_start(text, offset) : offset]) + 1


def offset_at(text: str, line: int, column: int, positions: Positions = "code-points") -> int:
    """The code-point offset of 1-based ``line`` and ``column`` (counted in ``positions``).

    The inverse of :func:`line_column` and :func:`utf16_column`, for an
    editor that reports a caret by line and column (LSP's ``Position`` is the
    same, 0-based: add 1 to both). A line past the last gives the end of the
    text; a column past its line's end gives the end of the line.
    """
    start = 0
    for _ in range(max(0, line - 1)):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    end = text.find("\n", start)
    line_text = text[start : len(text) if end < 0 else end]
    wanted = max(0, column - 1)
    if positions == "utf-16":
        return start + codepoint_offset(line_text, wanted)
    return start + min(wanted, len(line_text))


def to_units(text: str, offset: int, positions: Positions) -> tuple[int, int]:
    """``offset`` and its 1-based column, both in ``positions`` units."""
    if positions == "utf-16":
        return utf16_offset(text, offset), utf16_column(text, offset)
    return _clamp(text, offset), line_column(text, offset)[1]
