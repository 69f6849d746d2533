"""The one reader (and writer) of the library's data files, and the checks of what they hold.

Every data file goes through :func:`load_document`: level schemes, badge
sets, routing states, and the team, window, current-level and snapshot files
of the command line. Every file therefore follows the same rules: at most
:data:`MAX_FILE_BYTES`, read with a bounded read; UTF-8 text; no duplicate
keys; no ``NaN`` or ``Infinity``; a table/object at the top (the text-level
rules live in :mod:`agentlevels._formats`).

Files come from people, so every problem is a :class:`SchemeFileError`
naming the file, the place inside it as a key path (``levels[3].condition``),
the line and column when the format gives them and, for a formula, the
formula's own diagnostics. The ``expect_*`` helpers and :func:`check_keys`
check decoded data the same way for every kind of file, so an unknown key
gets the same "did you mean" everywhere.
"""

from __future__ import annotations

import difflib
import json
import math
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from agentlevels._errors import SchemeFileError
from agentlevels._formats import (
    child_path,
    describe,
    format_key_path,
    parse_json,
    parse_toml,
    to_toml,
    utf8_text,
)

__all__ = [
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "SchemeFileError",
    "check_keys",
    "child_path",
    "collect_problems",
    "describe",
    "dump_document",
    "dumps_document",
    "expect_int",
    "expect_items",
    "expect_mapping",
    "expect_number",
    "expect_sequence",
    "expect_str",
    "expect_texts",
    "format_key_path",
    "load_document",
    "parse_document",
    "to_toml",
    "unknown_name",
]

MAX_FILE_BYTES = 50_000_000
"""Files larger than this are refused; no more than one byte past it is ever read.

A routing state of 100,000 waiting conversations and 10,000 operators, the
largest that ``make bench`` routes, is about 15 MB; a team's windows with
many agents are of that order too. Anything over 50 MB is a mistake, such as
a path to a log or a device.
"""

FORMAT_VERSION = 1
"""The version of the level-scheme and badge-set file formats."""

_SUFFIXES = {".json": "json", ".toml": "toml"}
_PARSERS: dict[str, Callable[[str], object]] = {"json": parse_json, "toml": parse_toml}


# --- Reading and writing ---------------------------------------------------------------------


def load_document(path: str | os.PathLike[str], *, fmt: str | None = None) -> dict[str, Any]:
    """Read a JSON or TOML file whose top level is a table/object.

    ``fmt`` is ``"json"`` or ``"toml"``; ``None`` chooses by the suffix
    (``.json``, ``.toml``). Every problem (a file that is missing or over
    :data:`MAX_FILE_BYTES`, bad encoding, a syntax error with its line and
    column, a duplicate key, a top level that is not a table) raises
    :class:`SchemeFileError` naming the file.
    """
    file = Path(path)
    return parse_document(_read_bounded(file), fmt or _format_of(file), path=file)


def _read_bounded(file: Path) -> bytes:
    # Reading one byte past the limit is enough to refuse, whatever stat() says:
    # a pipe or a device such as /dev/zero has no size, or reports the wrong one.
    limit = MAX_FILE_BYTES
    try:
        with file.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise SchemeFileError(
            f"cannot read the file: {error.strerror or error}", path=file
        ) from None
    if len(data) > limit:
        raise SchemeFileError(f"the file is larger than the limit of {limit:,} bytes", path=file)
    return data


def _format_of(path: Path) -> str:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise SchemeFileError(
            f"unsupported file type {path.suffix or '(none)'!r}; use .json or .toml", path=path
        )
    return fmt


def parse_document(
    text: str | bytes, fmt: str, *, path: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """Parse ``text`` (bytes are UTF-8) as ``"json"`` or ``"toml"``, as :func:`load_document`
    does; ``path`` only names the file in errors."""
    parse = _PARSERS.get(fmt)
    if parse is None:
        raise SchemeFileError(f"unsupported format {fmt!r}; use json or toml", path=path)
    try:
        data = parse(utf8_text(text) if isinstance(text, bytes) else text)
    except SchemeFileError as error:
        raise error if path is None else error.with_path(path) from None
    except RecursionError:
        raise SchemeFileError(
            f"invalid {fmt.upper()}: the document is nested too deeply", path=path
        ) from None
    if not isinstance(data, dict):
        # Only JSON gets here: the top level of a TOML document is always a table.
        raise SchemeFileError(
            f"expected an object at the top level, found {describe(data)}", path=path
        )
    return data


def dump_document(data: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write ``data`` as JSON or TOML, chosen by the file's suffix (UTF-8, trailing newline).

    TOML has no null, so ``None`` values are left out of TOML files.
    """
    file = Path(path)
    text = dumps_document(data, _format_of(file))
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


# --- Checking decoded data -------------------------------------------------------------------


def collect_problems(problems: Sequence[SchemeFileError]) -> SchemeFileError:
    """One error for every problem found in a document, so one run names them all.

    A single problem is returned as it is (with its line, column and
    diagnostics); several become one error whose message lists each with
    its key path, on one line.
    """
    if len(problems) == 1:
        return problems[0]
    listed = "; ".join(_in_one_line(problem) for problem in problems)
    return SchemeFileError(f"{len(problems)} problems: {listed}")


def _in_one_line(error: SchemeFileError) -> str:
    first = str(error).split("\n", 1)[0].rstrip(":")
    details = [f"{d.message} at {d.line}:{d.column}" for d in error.diagnostics[:3]]
    return f"{first} ({', '.join(details)})" if details else first


def unknown_name(what: str, name: str, allowed: Collection[str]) -> str:
    """``unknown key 'condtion'; did you mean 'condition'?``, else the allowed names."""
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return f"unknown {what} {name!r}; did you mean {close[0]!r}?"
    return f"unknown {what} {name!r}; allowed: {', '.join(sorted(allowed))}"


def check_keys(
    mapping: Mapping[str, Any],
    key_path: str,
    *,
    required: Iterable[str] = (),
    optional: Iterable[str] = (),
) -> None:
    """Refuse unknown keys (with a "did you mean"), then missing required ones.

    Unknown keys come first, so that a misspelt required key is named as the
    typo it is rather than as a missing key.
    """
    required = tuple(required)
    allowed = (*required, *optional)
    for key in mapping:
        if key not in allowed:
            raise SchemeFileError(
                unknown_name("key", str(key), allowed), key_path=child_path(key_path, str(key))
            )
    for key in required:
        if key not in mapping:
            raise SchemeFileError(f"missing required key {key!r}", key_path=key_path)


def expect_mapping(value: object, key_path: str) -> Mapping[str, Any]:
    """``value`` if it is a table/object, else a :class:`SchemeFileError` at ``key_path``."""
    if not isinstance(value, Mapping):
        raise SchemeFileError(
            f"expected a table/object, found {describe(value)}", key_path=key_path
        )
    return value


def expect_sequence(value: object, key_path: str) -> Sequence[Any]:
    """``value`` if it is a list, else a :class:`SchemeFileError` at ``key_path``."""
    if not isinstance(value, list | tuple):
        raise SchemeFileError(f"expected a list, found {describe(value)}", key_path=key_path)
    return value


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
        raise SchemeFileError(f"expected a string, found {describe(value)}", key_path=key_path)
    if non_empty and not value.strip():
        raise SchemeFileError("expected a non-empty string", key_path=key_path)
    return value


def expect_int(value: object, key_path: str) -> int:
    """``value`` if it is a whole number (not a boolean), else an error at ``key_path``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemeFileError(
            f"expected a whole number, found {describe(value)}", key_path=key_path
        )
    return value


def expect_number(value: object, key_path: str) -> int | float:
    """``value`` if it is a finite number (not a boolean), else an error at ``key_path``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SchemeFileError(
            f"expected a finite number, found {describe(value)}", key_path=key_path
        )
    return value


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
