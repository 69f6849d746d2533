"""The formulas of a document and its problems, as offsets into the document's text.

Three kinds of document: a formula file (the whole text is one condition),
and TOML or JSON files whose level-scheme conditions and badge-rule formulas
are checked in place. Structural problems come from the library's own
readers, located through the key paths they name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, TypeAlias

import attrs

from agentlevels._badges.model import Badge
from agentlevels._documents import expect_items, parse_document
from agentlevels._errors import SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import Catalog
from agentlevels._levels.document import levels_from_dict
from agentlevels._levels.scheme import LevelScheme
from agentlevels.lsp.json_scan import scan_json
from agentlevels.lsp.strings import Found, Path
from agentlevels.lsp.toml_scan import scan_toml

__all__ = [
    "DocumentKind",
    "FormulaKind",
    "Located",
    "Problem",
    "document_kind",
    "file_problems",
    "formulas",
]

DocumentKind: TypeAlias = Literal["formula", "toml", "json"]
FormulaKind: TypeAlias = Literal["boolean", "number"]

_SUFFIXES: dict[str, DocumentKind] = {".formula": "formula", ".toml": "toml", ".json": "json"}
_LANGUAGES: dict[str, DocumentKind] = {
    "agentlevels": "formula",
    "formula": "formula",
    "toml": "toml",
    "json": "json",
}

# Where formulas sit in the files, by key path ("#" is any list index).
FORMULA_PATHS: dict[tuple[str, ...], FormulaKind] = {
    ("levels", "#", "condition"): "boolean",
    ("badges", "#", "rule", "condition"): "boolean",
    ("badges", "#", "rule", "eligible"): "boolean",
    ("badges", "#", "rule", "metric"): "number",
}


@attrs.frozen
class Located:
    """A formula inside a document: the string found, and the kind of formula it is."""

    found: Found
    kind: FormulaKind


@attrs.frozen
class Problem:
    """One diagnostic of a document, from ``start`` to ``end`` (code points of the file).

    ``message`` is what the editor shows: for a formula, its message and hint.
    """

    start: int
    end: int
    severity: Literal["error", "warning"]
    code: str
    message: str


def document_kind(uri: str, language_id: str | None = None) -> DocumentKind | None:
    """The kind of a document by its name's suffix, else by the editor's language id."""
    path = uri.split("?", 1)[0].split("#", 1)[0]
    match = re.search(r"\.[A-Za-z]+\Z", path)
    if match and match.group().lower() in _SUFFIXES:
        return _SUFFIXES[match.group().lower()]
    return _LANGUAGES.get((language_id or "").lower())


def _pattern(path: Path) -> tuple[str, ...]:
    return tuple("#" if isinstance(part, int) else part for part in path)


def formulas(text: str, kind: DocumentKind) -> list[Located]:
    """The formulas of a document: the whole text of a formula file, else the strings at
    the formula keys of level schemes and badge sets (found even in a file that is not
    valid yet, so completion works while it is typed)."""
    if kind == "formula":
        whole = Found((), 0, len(text), None, text, tuple(range(len(text) + 1)), "none")
        return [Located(whole, "boolean")]
    return _formulas_in(scan_toml(text) if kind == "toml" else scan_json(text))


def _formulas_in(found: list[Found]) -> list[Located]:
    located: list[Located] = []
    seen: set[Path] = set()
    for item in found:
        formula_kind = FORMULA_PATHS.get(_pattern(item.path))
        if formula_kind is not None and item.text is not None and item.path not in seen:
            seen.add(item.path)
            located.append(Located(item, formula_kind))
    return located


Checker: TypeAlias = Callable[[str, FormulaKind], list[Problem]]
"""Checks a formula's text: its problems as offsets into the formula."""


def file_problems(
    text: str, kind: DocumentKind, check: Checker, catalog: Catalog | None = None
) -> list[Problem]:
    """Every problem of a document, located in its text.

    A file that is not valid TOML/JSON has one problem where the parser
    stopped (if it names ``levels`` or ``badges`` at all); otherwise each
    formula's problems map through its string, and the readers' structural
    problems cover the value (and key) they name. The readers check against
    ``catalog`` (``None``: the default one), as ``check`` should.
    """
    if kind == "formula":
        return check(text, "boolean")
    found = scan_toml(text) if kind == "toml" else scan_json(text)
    try:
        data = parse_document(text, kind)
    except SchemeFileError as error:
        # Editors may send every TOML and JSON file (pyproject.toml, tsconfig.json with
        # comments): only a file that looks like a scheme or badge set gets the error.
        ours = any(item.path[:1] in (("levels",), ("badges",)) for item in found)
        if ours or re.search(r"\b(levels|badges)\b", text):
            return [_syntax_problem(text, error)]
        return []
    places: dict[Path, Found] = {}
    for item in found:
        places.setdefault(item.path, item)
    problems: list[Problem] = []
    checked: set[str] = set()
    for located in _formulas_in(found):
        value = _value_at(data, located.found.path)
        if not isinstance(value, str) or value != located.found.text:
            continue  # the scanner and the parser disagree: trust the parser's readers
        checked.add(located.found.key_path)
        problems.extend(_in_file(located.found, check(value, located.kind)))
    for problem in _structure(data, catalog):
        if problem.key_path in checked and problem.diagnostics:
            continue  # the formula's own diagnostics are already there, in place
        problems.append(_structure_problem(text, problem, places))
    return sorted(problems, key=lambda p: (p.start, p.end))


def _value_at(data: object, path: Path) -> object:
    for part in path:
        listed = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        if not listed and not (isinstance(data, dict) and part in data):
            return None
        data = data[part]  # type: ignore[index]
    return data


def _in_file(found: Found, problems: list[Problem]) -> Iterator[Problem]:
    for problem in problems:
        start = found.file_offset(problem.start)
        end = max(start, found.file_offset(problem.end))
        yield attrs.evolve(problem, start=start, end=end)


def _line_offset(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column as ``json`` and ``tomllib`` count them
    (lines end at ``\n`` only)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    if line > len(starts):
        return len(text)
    return min(starts[max(line, 1) - 1] + max(column, 1) - 1, len(text))


def _syntax_problem(text: str, error: SchemeFileError) -> Problem:
    start = 0
    if error.line is not None:
        start = _line_offset(text, error.line, error.column or 1)
    elif error.reason.endswith("(at end of document)"):  # tomllib's words for it
        start = len(text)
    end = start + 1 if start < len(text) and text[start] not in "\r\n" else start
    return Problem(start, end, "error", "invalid-file", error.reason)


_KEY_PART = re.compile(r'\[(\d+)\]|\.?("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)')


def key_path_parts(key_path: str) -> Path:
    """``levels[3]."a b"`` -> ``("levels", 3, "a b")``: the parts :func:`format_key_path` joined."""
    parts: list[str | int] = []
    position = 0
    while position < len(key_path):
        match = _KEY_PART.match(key_path, position)
        if match is None:
            break
        index, name = match.groups()
        parts.append(int(index) if index else json.loads(name) if name[0] == '"' else name)
        position = match.end()
    return tuple(parts)


def _structure_problem(text: str, error: SchemeFileError, places: Mapping[Path, Found]) -> Problem:
    path = key_path_parts(error.key_path)
    while path not in places and path:
        path = path[:-1]
    place = places.get(path)
    if place is None:  # the document as a whole: its first line
        first_line = len(re.split(r"\r\n|\r|\n", text, maxsplit=1)[0])
        return Problem(0, first_line, "error", "invalid-value", str(error))
    start = place.start if place.key_start is None else min(place.key_start, place.start)
    end = place.end
    if place.bracketed:
        end = place.start + 1  # a table or list: its key and opening bracket, not all of it
    where = f"{error.key_path}: " if error.key_path else ""
    return Problem(start, end, "error", "invalid-value", where + error.reason)


# --- The readers' structural checks ------------------------------------------------------------


def _structure(data: Mapping[str, Any], catalog: Catalog | None) -> list[SchemeFileError]:
    if "levels" in data:
        return _scheme_problems(data, catalog)
    if "badges" in data:
        return _badge_problems(data, catalog)
    return []


def _renumbered(error: SchemeFileError, list_key: str, index: int) -> SchemeFileError:
    """An error about the one-item list ``list_key[0]``, moved to ``list_key[index]``."""
    first = f"{list_key}[0]"
    key_path = error.key_path
    if key_path == first or key_path.startswith((first + ".", first + "[")):
        key_path = child_path(list_key, index) + key_path[len(first) :]
    return SchemeFileError(
        error.reason, key_path=key_path, diagnostics=error.diagnostics, source=error.source
    )


def _scheme_problems(data: Mapping[str, Any], catalog: Catalog | None) -> list[SchemeFileError]:
    try:
        items = expect_items(data, "levels")
        if not items:
            raise SchemeFileError("a scheme needs at least one level", key_path="levels")
    except SchemeFileError as error:
        return [error]
    problems: list[SchemeFileError] = []
    for index, item in enumerate(items):
        # One level at a time, so that every level's problem has its own place.
        try:
            levels_from_dict({"levels": [item]})
        except SchemeFileError as error:
            problems.append(_renumbered(error, "levels", index))
    if not problems:
        try:
            LevelScheme.from_dict(data, catalog=catalog)
        except SchemeFileError as error:
            problems.append(error)
    return problems


def _badge_problems(data: Mapping[str, Any], catalog: Catalog | None) -> list[SchemeFileError]:
    try:
        items = expect_items(data, "badges")
    except SchemeFileError as error:
        return [error]
    problems: list[SchemeFileError] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        where = child_path("badges", index)
        try:
            badge = Badge.from_dict(item, catalog=catalog, key_path=where)
        except SchemeFileError as error:
            problems.append(error)
            continue
        if badge.key in seen:
            problems.append(
                SchemeFileError(
                    f"badge key {badge.key!r} is used twice (first at badges[{seen[badge.key]}])",
                    key_path=child_path(where, "key"),
                )
            )
        seen.setdefault(badge.key, index)
    return problems
