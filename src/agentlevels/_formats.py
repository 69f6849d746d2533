"""JSON and TOML as text: key paths, parsing under the library's rules, and a TOML writer.

The layer under :mod:`agentlevels._documents`, which reads files and checks
what they hold. Parsing here refuses what no data file may hold: bytes that
are not UTF-8, duplicate keys (TOML refuses them itself, JSON objects here,
with the key path of the second one), ``NaN`` and ``Infinity``. Syntax
errors carry their line and column. Every problem is a
:class:`~agentlevels.SchemeFileError`.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from agentlevels._errors import SchemeFileError

__all__ = [
    "child_path",
    "describe",
    "format_key_path",
    "parse_json",
    "parse_toml",
    "to_toml",
    "utf8_text",
]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)\Z")


def format_key_path(parts: Iterable[str | int]) -> str:
    """``["levels", 3, "condition"]`` -> ``levels[3].condition``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _BARE_KEY.match(part) else json.dumps(part, ensure_ascii=False)
            out += f".{name}" if out else name
    return out


def child_path(key_path: str, part: str | int) -> str:
    """The key path of ``part`` inside ``key_path``: ``("levels", 3)`` -> ``levels[3]``."""
    if isinstance(part, int):
        return f"{key_path}[{part}]"
    name = format_key_path([part])
    return f"{key_path}.{name}" if key_path else name


def describe(value: object) -> str:
    """A value as a message names it: ``null``, ``true``, ``the number 5``, ``a list``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    if isinstance(value, Mapping):
        return "a table/object"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _short(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer with more digits than Python will print
        return "with too many digits to show"
    return text if len(text) <= 40 else text[:37] + "..."


# --- Parsing ---------------------------------------------------------------------------------


def utf8_text(data: bytes) -> str:
    """``data`` decoded as UTF-8, without a leading byte order mark."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        raise SchemeFileError(
            f"not UTF-8 text (bad byte at offset {error.start})", line=line, column=column
        ) from None
    # Editors on Windows may start a file with a byte order mark.
    return text.removeprefix("\ufeff")


class _Repeated(dict[str, Any]):
    """A JSON object in which ``key`` appears more than once."""

    key = ""


def parse_json(text: str) -> object:
    """The JSON value of ``text``; duplicate keys, ``NaN`` and ``Infinity`` are errors."""
    repeated: list[_Repeated] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) == len(items) or repeated:
            return result
        # Marked, to be found after parsing: the hook cannot know where it is.
        marked = _Repeated(result)
        marked.key = _first_repeated(key for key, _ in items)
        repeated.append(marked)
        return marked

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise SchemeFileError(
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            line=error.lineno,
            column=error.colno,
        ) from None
    except ValueError as error:  # NaN or Infinity, or an integer with too many digits
        raise SchemeFileError(f"invalid JSON: {error}") from None
    if repeated:
        first = repeated[0]
        where = child_path(_key_path_of(first, data), first.key)
        raise SchemeFileError(f"duplicate key {first.key!r}", key_path=where)
    return data


def _first_repeated(keys: Iterable[str]) -> str:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    raise AssertionError("no key is repeated")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _key_path_of(target: object, data: object) -> str:
    """Where ``target`` sits in ``data``, found with an explicit stack (documents nest deep)."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        where, node = stack.pop()
        if node is target:
            return where
        if isinstance(node, dict):
            stack.extend((child_path(where, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((child_path(where, index), value) for index, value in enumerate(node))
    raise AssertionError("the marked object is not in the document")


def parse_toml(text: str) -> object:
    """The TOML document of ``text`` (tomllib refuses duplicate keys itself)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        place = _TOML_PLACE.search(str(error))
        line, column = (int(place[1]), int(place[2])) if place else (None, None)
        raise SchemeFileError(f"invalid TOML: {error}", line=line, column=column) from None


# --- TOML writer -----------------------------------------------------------------------------


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _is_table_list(value: object) -> bool:
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
    )


def _is_inline(value: object) -> bool:
    """Scalars, lists of inline values, and tables holding only those fit on one line."""
    if isinstance(value, Mapping):
        return all(not isinstance(v, Mapping | list | tuple) for v in value.values())
    if isinstance(value, list | tuple):
        return not _is_table_list(value) and all(_is_inline(item) for item in value)
    return True


def _toml_value(value: object, key_path: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, Mapping):
        items = [
            f"{_toml_key(str(k))} = {_toml_value(v, child_path(key_path, str(k)))}"
            for k, v in value.items()
            if v is not None
        ]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    if isinstance(value, list | tuple):
        return (
            "["
            + ", ".join(_toml_value(item, child_path(key_path, i)) for i, item in enumerate(value))
            + "]"
        )
    raise SchemeFileError(f"cannot write {describe(value)} to TOML", key_path=key_path)


def to_toml(data: Mapping[str, Any]) -> str:
    """``data`` as TOML text: plain keys first, then tables, then arrays of tables.

    Tables whose values are all plain go inline (``name = { en = "Novice" }``).
    ``None`` values are left out, since TOML has no null.
    """
    lines: list[str] = []
    # Work items: (header or None, key names, table); a list keeps this iterative.
    pending: list[tuple[str | None, list[str], Mapping[str, Any]]] = [(None, [], data)]
    while pending:
        header, names, table = pending.pop(0)
        if header is not None:
            if lines:
                lines.append("")
            lines.append(header)
        later: list[tuple[str | None, list[str], Mapping[str, Any]]] = []
        for raw_key, value in table.items():
            key = str(raw_key)
            if value is None:
                continue
            inner = [*names, key]
            dotted = ".".join(_toml_key(part) for part in inner)
            if _is_table_list(value):
                later.extend((f"[[{dotted}]]", inner, item) for item in value)
            elif isinstance(value, Mapping) and not _is_inline(value):
                later.append((f"[{dotted}]", inner, value))
            else:
                lines.append(f"{_toml_key(key)} = {_toml_value(value, format_key_path(inner))}")
        # A table's own sub-tables come right after it, before its siblings.
        pending[0:0] = later
    return "\n".join(lines) + "\n"
