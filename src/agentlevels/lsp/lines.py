"""Offsets in a text and the line/character positions of the Language Server Protocol.

LSP counts lines split at ``\\n``, ``\\r\\n`` and ``\\r`` only (not at the
other characters :meth:`str.splitlines` knows, such as U+2028), and
characters in the code units of the negotiated encoding: UTF-16 unless the
client asked for another. Python strings index code points, so every offset
crosses this table on its way in and out.
"""

from __future__ import annotations

import bisect
import re
from typing import Literal, TypeAlias

__all__ = ["Encoding", "LineIndex", "units"]

Encoding: TypeAlias = Literal["utf-8", "utf-16", "utf-32"]

_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: Encoding) -> int:
    """The length of ``text`` in code units of ``encoding``."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-16":
        return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


class LineIndex:
    """Where each line of ``text`` starts, to convert offsets to positions and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        # A line ends before its break; the break belongs to no line's characters.
        self.starts = [0] + [match.end() for match in _BREAK.finditer(text)]
        self.ends = [match.start() for match in _BREAK.finditer(text)] + [len(text)]

    def position(self, offset: int, encoding: Encoding = "utf-16") -> tuple[int, int]:
        """The 0-based (line, character) of the code-point ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        # An offset inside a line break (between \r and \n) is the end of its line.
        column_end = min(offset, self.ends[line])
        return line, units(self.text[self.starts[line] : column_end], encoding)

    def offset(self, line: int, character: int, encoding: Encoding = "utf-16") -> int:
        """The code-point offset of an LSP position; past the end of a line is its end.

        A position inside a character (half of a surrogate pair, part of a
        UTF-8 sequence) is that character's start.
        """
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        if encoding == "utf-32":
            return min(start + max(character, 0), end)
        counted = 0
        for index in range(start, end):
            counted += units(self.text[index], encoding)
            if counted > character:
                return index
        return end
