"""Where every value of a TOML text is, by key path (``tomllib`` gives no positions).

A scanner that never raises: a line it cannot read is skipped, so values
are found while the file is being typed and is not valid TOML. Key paths
follow TOML's tables: ``[[levels]]`` opens ``levels[0]``, ``levels[1]``, ...;
``[levels.rule]`` and dotted keys name tables below the current one.
"""

from __future__ import annotations

from agentlevels.lsp.strings import (
    Found,
    Malformed,
    Path,
    Style,
    decode_basic,
    decode_literal,
)

__all__ = ["scan_toml"]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}\r\n#")
MAX_DEPTH = 100
"""Nested arrays and inline tables deeper than this are skipped (tomllib refuses them too)."""


def scan_toml(text: str) -> list[Found]:
    """Every value, table header and inline table of ``text``, in the order written."""
    scanner = _Scanner(text)
    scanner.run()
    return scanner.found


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.found: list[Found] = []
        self.arrays: dict[Path, int] = {}
        self.table: Path = ()

    def run(self) -> None:
        while True:
            self._blank(newlines=True)
            if self.i >= len(self.text):
                return
            before = self.i
            try:
                if self.text[self.i] == "[":
                    self._header()
                else:
                    self._key_value(self.table, 0)
                self._blank(newlines=False)
                if self.i < len(self.text) and self.text[self.i] not in "\r\n":
                    raise Malformed
            except Malformed:
                # Skip the rest of the line (and at least one character).
                self.i = max(self.i, before + 1)
                while self.i < len(self.text) and self.text[self.i] not in "\r\n":
                    self.i += 1

    def _blank(self, *, newlines: bool) -> None:
        """Skip spaces, tabs and a comment (and line breaks, if ``newlines``)."""
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in " \t" or (newlines and char in "\r\n"):
                self.i += 1
            elif char == "#":
                while self.i < len(text) and text[self.i] not in "\r\n":
                    self.i += 1
            else:
                return

    def _keys(self) -> tuple[list[str], int]:
        """A dotted key: its parts, and where its last part starts."""
        parts: list[str] = []
        while True:
            self._blank(newlines=False)
            start = self.i
            char = self.text[self.i : self.i + 1]
            if char == '"':
                name, _, self.i = decode_basic(self.text, self.i + 1, False)
            elif char == "'":
                name, _, self.i = decode_literal(self.text, self.i + 1, False)
            else:
                while self.i < len(self.text) and self.text[self.i] in _BARE:
                    self.i += 1
                name = self.text[start : self.i]
                if not name:
                    raise Malformed
            parts.append(name)
            self._blank(newlines=False)
            if self.text[self.i : self.i + 1] != ".":
                return parts, start
            self.i += 1

    def _header(self) -> None:
        start = self.i
        array = self.text.startswith("[[", self.i)
        self.i += 2 if array else 1
        self.table = ()  # a broken header leaves no table open
        names, _ = self._keys()
        closing = "]]" if array else "]"
        if not self.text.startswith(closing, self.i):
            raise Malformed
        self.i += len(closing)
        self.table = self._resolve(names, array)
        self.found.append(Found(self.table, start, self.i, start))

    def _resolve(self, names: list[str], array: bool) -> Path:
        """The concrete path of a header: each array of tables on the way at its last item."""
        path: Path = ()
        for index, name in enumerate(names):
            path = (*path, name)
            if array and index == len(names) - 1:
                self.arrays[path] = self.arrays.get(path, 0) + 1
                path = (*path, self.arrays[path] - 1)
            elif path in self.arrays:
                path = (*path, self.arrays[path] - 1)
        return path

    def _key_value(self, base: Path, depth: int) -> None:
        names, key_start = self._keys()
        if self.text[self.i : self.i + 1] != "=":
            raise Malformed
        self.i += 1
        self._blank(newlines=False)
        self._value((*base, *names), key_start, depth)

    def _value(self, path: Path, key_start: int | None, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise Malformed
        text, start = self.text, self.i
        if text.startswith(('"""', "'''"), start):
            decode = decode_basic if text[start] == '"' else decode_literal
            value, offsets, self.i = decode(text, start + 3, True)
            style: Style = "basic" if text[start] == '"' else "literal"
        elif text[start : start + 1] in ('"', "'"):
            decode = decode_basic if text[start] == '"' else decode_literal
            value, offsets, self.i = decode(text, start + 1, False)
            style = "basic" if text[start] == '"' else "literal"
        elif text[start : start + 1] == "{":
            self._inline_table(path, depth)
            self.found.append(Found(path, start, self.i, key_start, bracketed=True))
            return
        elif text[start : start + 1] == "[":
            self._array(path, depth)
            self.found.append(Found(path, start, self.i, key_start, bracketed=True))
            return
        else:
            while self.i < len(text) and text[self.i] not in _SCALAR_END:
                self.i += 1
            end = self.i
            while end > start and text[end - 1] in " \t":
                end -= 1
            if end == start:
                raise Malformed
            self.found.append(Found(path, start, end, key_start))
            return
        self.found.append(Found(path, start, self.i, key_start, value, tuple(offsets), style))

    def _inline_table(self, path: Path, depth: int) -> None:
        self.i += 1
        while True:
            self._blank(newlines=True)
            if self.text[self.i : self.i + 1] == "}":
                self.i += 1
                return
            self._key_value(path, depth + 1)
            self._blank(newlines=True)
            if self.text[self.i : self.i + 1] == ",":
                self.i += 1
            elif self.text[self.i : self.i + 1] != "}":
                raise Malformed

    def _array(self, path: Path, depth: int) -> None:
        self.i += 1
        index = 0
        while True:
            self._blank(newlines=True)
            if self.text[self.i : self.i + 1] == "]":
                self.i += 1
                return
            self._value((*path, index), None, depth + 1)
            index += 1
            self._blank(newlines=True)
            if self.text[self.i : self.i + 1] == ",":
                self.i += 1
            elif self.text[self.i : self.i + 1] != "]":
                raise Malformed
