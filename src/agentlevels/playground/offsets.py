"""Offsets between Python code points and the UTF-16 code units a browser counts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

POSITIONS = ("utf-16", "code-points")

# The offset keys of a diagnostic's dict, and the columns counted from the start of a line.
_OFFSETS = ("start", "end")
_COLUMNS = (("line", "column"), ("end_line", "end_column"))


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 offset of code point ``index`` of ``text`` (clamped to the text)."""
    index = max(0, min(index, len(text)))
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def codepoint_offset(text: str, units: int) -> int:
    """The code point at UTF-16 offset ``units`` (clamped; inside a pair, the pair's start)."""
    count = 0
    for index, char in enumerate(text):
        count += _units(char)
        if count > units:
            return index
    return len(text)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, max(0, min(index, len(text)))) + 1


def diagnostic_positions(text: str, data: Mapping[str, Any], positions: str) -> dict[str, Any]:
    """A diagnostic's dict with its offsets and columns in ``positions`` units.

    Lines are the same in both units; a column is 1 + the units from the
    line's start to the offset.
    """
    out = dict(data)
    if positions == "code-points":
        return out
    for key in _OFFSETS:
        if isinstance(data.get(key), int):
            out[key] = utf16_offset(text, data[key])
    for (_, column), offset in zip(_COLUMNS, _OFFSETS, strict=True):
        if isinstance(data.get(column), int) and isinstance(data.get(offset), int):
            index = data[offset]
            start = _line_start(text, index)
            out[column] = 1 + utf16_offset(text, index) - utf16_offset(text, start)
    return out
