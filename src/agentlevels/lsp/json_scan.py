"""Where every value of a JSON text is, by key path (``json`` gives no positions).

A scanner that never raises: it stops where the text stops being JSON and
keeps what it found before, so values are found while the file is typed.
"""

from __future__ import annotations

import contextlib

from agentlevels.lsp.strings import Found, Malformed, Path, decode_json

__all__ = ["scan_json"]

_SCALAR_END = frozenset(",]}: \t\r\n")
MAX_DEPTH = 100
"""Arrays and objects nested deeper than this end the scan."""


def scan_json(text: str) -> list[Found]:
    """Every value of ``text`` (objects and arrays after their contents)."""
    scanner = _Scanner(text)
    with contextlib.suppress(Malformed):
        scanner.value((), None, 0)
    return scanner.found


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.found: list[Found] = []

    def _blank(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in " \t\r\n":
            self.i += 1

    def _at(self) -> str:
        self._blank()
        return self.text[self.i : self.i + 1]

    def value(self, path: Path, key_start: int | None, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise Malformed
        char, start = self._at(), self.i
        if char == '"':
            value, offsets, self.i = decode_json(self.text, start + 1)
            self.found.append(Found(path, start, self.i, key_start, value, tuple(offsets), "json"))
            return
        if char in ("{", "["):
            self._object(path, depth) if char == "{" else self._array(path, depth)
            self.found.append(Found(path, start, self.i, key_start, bracketed=True))
            return
        while self.i < len(self.text) and self.text[self.i] not in _SCALAR_END:
            self.i += 1
        if self.i == start:
            raise Malformed
        self.found.append(Found(path, start, self.i, key_start))

    def _object(self, path: Path, depth: int) -> None:
        self.i += 1
        if self._at() == "}":
            self.i += 1
            return
        while True:
            if self._at() != '"':
                raise Malformed
            key_start = self.i
            key, _, self.i = decode_json(self.text, self.i + 1)
            if self._at() != ":":
                raise Malformed
            self.i += 1
            self.value((*path, key), key_start, depth + 1)
            char = self._at()
            self.i += 1
            if char == "}":
                return
            if char != ",":
                raise Malformed

    def _array(self, path: Path, depth: int) -> None:
        self.i += 1
        if self._at() == "]":
            self.i += 1
            return
        index = 0
        while True:
            self.value((*path, index), None, depth + 1)
            index += 1
            char = self._at()
            self.i += 1
            if char == "]":
                return
            if char != ",":
                raise Malformed
