"""Reading and writing the library's data files (JSON and TOML), with errors that point into them.

Files come from people, so every problem is reported as a :class:`SchemeFileError`
naming the file, the place inside it as a key path (``levels[3].condition``) and,
for a formula, the formula's own diagnostics. The TOML writer is small and local
because the standard library only reads TOML.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from agentlevels._errors import SchemeFileError

__all__ = [
    "MAX_FILE_BYTES",
    "SchemeFileError",
    "check_keys",
    "child_path",
    "dump_document",
    "dumps_document",
    "expect_int",
    "expect_mapping",
    "expect_number",
    "expect_sequence",
    "expect_str",
    "expect_texts",
    "format_key_path",
    "load_document",
    "parse_document",
    "to_toml",
]

MAX_FILE_BYTES = 10_000_000
"""Files larger than this are refused before parsing."""

_SUFFIXES = {".json": "json", ".toml": "toml"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


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


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "a table/object"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def expect_mapping(value: object, key_path: str) -> Mapping[str, Any]:
    """``value`` if it is a table/object, else a :class:`SchemeFileError` at ``key_path``."""
    if not isinstance(value, Mapping):
        raise SchemeFileError(f"expected a table/object, found {_kind(value)}", key_path=key_path)
    return value


def expect_sequence(value: object, key_path: str) -> Sequence[Any]:
    """``value`` if it is a list, else a :class:`SchemeFileError` at ``key_path``."""
    if not isinstance(value, list | tuple):
        raise SchemeFileError(f"expected a list, found {_kind(value)}", key_path=key_path)
    return value


FORMAT_VERSION = 1
"""The version of the level-scheme and badge-set file formats."""


def expect_items(data: object, key: str) -> Sequence[Any]:
    """The list under ``key`` of a versioned document ``{"version": 1, key: [...]}``.

    ``version`` is optional; any other version than this library's, and any
    key other than these two, is a :class:`SchemeFileError`.
    """
    document = expect_mapping(data, "")
    check_keys(document, "", required=(key,), optional=("version",))
    if "version" in document:
        version = expect_int(document["version"], "version")
        if version != FORMAT_VERSION:
            raise SchemeFileError(
                f"unsupported version {version}; this library reads version {FORMAT_VERSION}",
                key_path="version",
            )
    return expect_sequence(document[key], key)


def expect_str(value: object, key_path: str, *, non_empty: bool = True) -> str:
    """``value`` if it is a string (non-empty unless told), else an error at ``key_path``."""
    if not isinstance(value, str):
        raise SchemeFileError(f"expected a string, found {_kind(value)}", key_path=key_path)
    if non_empty and not value.strip():
        raise SchemeFileError("expected a non-empty string", key_path=key_path)
    return value


def expect_int(value: object, key_path: str) -> int:
    """``value`` if it is a whole number (not a boolean), else an error at ``key_path``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemeFileError(f"expected a whole number, found {_kind(value)}", key_path=key_path)
    return value


def expect_number(value: object, key_path: str) -> int | float:
    """``value`` if it is a finite number (not a boolean), else an error at ``key_path``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SchemeFileError(f"expected a finite number, found {_kind(value)}", key_path=key_path)
    return value


def check_keys(
    mapping: Mapping[str, Any],
    key_path: str,
    *,
    required: Iterable[str] = (),
    optional: Iterable[str] = (),
) -> None:
    """Refuse missing required keys and unknown keys (a typo must not pass silently)."""
    required = tuple(required)
    allowed = set(required) | set(optional)
    for key in required:
        if key not in mapping:
            raise SchemeFileError(f"missing required key {key!r}", key_path=key_path)
    for key in mapping:
        if key not in allowed:
            raise SchemeFileError(
                f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})",
                key_path=child_path(key_path, str(key)),
            )


def child_path(key_path: str, part: str | int) -> str:
    """The key path of ``part`` inside ``key_path``: ``("levels", 3)`` -> ``levels[3]``."""
    if isinstance(part, int):
        return f"{key_path}[{part}]"
    name = format_key_path([part])
    return f"{key_path}.{name}" if key_path else name


def _format_of(path: Path) -> str:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise SchemeFileError(
            f"unsupported file type {path.suffix or '(none)'!r}; use .json or .toml", path=path
        )
    return fmt


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_document(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a JSON (``.json``) or TOML (``.toml``) file whose top level is a table/object.

    Every problem (missing file, bad encoding, syntax error with its line and
    column, a top level that is not a table) raises :class:`SchemeFileError`.
    """
    file = Path(path)
    fmt = _format_of(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SchemeFileError(f"file is {size} bytes; the limit is {MAX_FILE_BYTES}", path=file)
        text = file.read_bytes().decode("utf-8")
    except OSError as error:
        raise SchemeFileError(
            f"cannot read the file: {error.strerror or error}", path=file
        ) from None
    except UnicodeDecodeError as error:
        raise SchemeFileError(
            f"not UTF-8 text (bad byte at offset {error.start})", path=file
        ) from None
    return parse_document(text, fmt, path=file)


def parse_document(
    text: str, fmt: str, *, path: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """Parse ``text`` as ``"json"`` or ``"toml"``; errors as in :func:`load_document`."""
    data: object
    try:
        if fmt == "json":
            data = json.loads(
                text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant
            )
        elif fmt == "toml":
            data = tomllib.loads(text)
        else:
            raise SchemeFileError(f"unsupported format {fmt!r}; use json or toml", path=path)
    except json.JSONDecodeError as error:
        raise SchemeFileError(
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}", path=path
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise SchemeFileError(f"invalid TOML: {error}", path=path) from None
    except RecursionError:
        raise SchemeFileError("the document is nested too deeply", path=path) from None
    except ValueError as error:
        # Raised by the JSON hooks above: duplicate keys, NaN or Infinity.
        raise SchemeFileError(f"invalid JSON: {error}", path=path) from None
    if not isinstance(data, dict):
        raise SchemeFileError(
            f"the top level must be a table/object, found {_kind(data)}", path=path
        )
    return data


def dump_document(data: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write ``data`` as JSON or TOML, chosen by the file's suffix (UTF-8, trailing newline).

    TOML has no null, so ``None`` values are left out of TOML files.
    """
    file = Path(path)
    fmt = _format_of(file)
    text = dumps_document(data, fmt)
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise SchemeFileError(
            f"cannot write the file: {error.strerror or error}", path=file
        ) from None


def dumps_document(data: Mapping[str, Any], fmt: str) -> str:
    """``data`` as ``"json"`` or ``"toml"`` text."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt == "toml":
        return to_toml(data)
    raise SchemeFileError(f"unsupported format {fmt!r}; use json or toml")


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
    raise SchemeFileError(f"cannot write {_kind(value)} to TOML", key_path=key_path)


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


def expect_texts(value: object, key_path: str, *, required: bool) -> dict[str, str]:
    """A localized text: a string (English) or a table of locale -> text, with English.

    ``required``: the English text must not be empty (a name, unlike a description).
    """
    texts = {"en": value} if isinstance(value, str) else expect_mapping(value, key_path)
    out = {
        str(locale): expect_str(text, child_path(key_path, str(locale)), non_empty=False)
        for locale, text in texts.items()
    }
    if "en" not in out:
        raise SchemeFileError("needs an English text under 'en'", key_path=key_path)
    if required and not out["en"].strip():
        where = key_path if isinstance(value, str) else child_path(key_path, "en")
        raise SchemeFileError("the English text must not be empty", key_path=where)
    return out
