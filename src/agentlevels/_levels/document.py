"""Level schemes as data: the document of ``docs/level-scheme.schema.json`` and back.

```toml
version = 1

[[levels]]
key = "novice"
name = { en = "Novice", ru = "Новичок" }
condition = "true"
```

``rank`` is optional and defaults to the position in the list; ``name`` and
``description`` are a string (English) or a table of locale -> text. This
module reads the levels of such a document; :class:`~agentlevels.LevelScheme`
then checks them as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from agentlevels._documents import (
    FORMAT_VERSION,
    check_keys,
    collect_problems,
    expect_int,
    expect_items,
    expect_mapping,
    expect_str,
    expect_texts,
)
from agentlevels._errors import FormulaError, LevelSchemeError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import Catalog
from agentlevels._language.formula import compile
from agentlevels._levels.level import Level

__all__ = ["file_error", "levels_from_dict", "levels_to_dict"]

_LEVEL_KEYS = ("key", "name", "condition")
_OPTIONAL_LEVEL_KEYS = ("rank", "description")


def levels_from_dict(data: Mapping[str, Any], *, catalog: Catalog | None = None) -> list[Level]:
    """The levels of a scheme document, each checked on its own.

    Every level's problems are collected before anything is raised, so one
    run names them all; with ``catalog``, each condition is compiled against
    it as well (the scheme checks ranks and keys as a whole afterwards).
    """
    items = expect_items(data, "levels")
    if not items:
        raise SchemeFileError("a scheme needs at least one level", key_path="levels")
    levels: list[Level] = []
    problems: list[SchemeFileError] = []
    for index, item in enumerate(items):
        where = child_path("levels", index)
        try:
            level = _level(item, index, where)
            if catalog is not None:
                _check_condition(level, catalog, where)
        except SchemeFileError as error:
            problems.append(error)
            continue
        levels.append(level)
    if problems:
        raise collect_problems(problems)
    return levels


def _level(item: object, index: int, where: str) -> Level:
    entry = expect_mapping(item, where)
    check_keys(entry, where, required=_LEVEL_KEYS, optional=_OPTIONAL_LEVEL_KEYS)
    rank = index + 1
    if "rank" in entry:
        rank = expect_int(entry["rank"], child_path(where, "rank"))
        if rank < 1:
            raise SchemeFileError("a rank is 1 or more", key_path=child_path(where, "rank"))
    key = expect_str(entry["key"], child_path(where, "key"))
    name = expect_texts(entry["name"], child_path(where, "name"), required=True)
    description = expect_texts(
        entry.get("description", ""), child_path(where, "description"), required=False
    )
    condition = expect_str(entry["condition"], child_path(where, "condition"))
    try:
        return Level(rank, key, name, description=description, condition=condition)
    except (ValueError, TypeError) as error:
        raise SchemeFileError(str(error), key_path=child_path(where, "key")) from None


def _check_condition(level: Level, catalog: Catalog, where: str) -> None:
    try:
        compile(level.condition, catalog=catalog)
    except FormulaError as error:
        raise SchemeFileError(
            "the condition is not a valid formula",
            key_path=child_path(where, "condition"),
            diagnostics=error.diagnostics,
            source=error.source,
        ) from None


def file_error(error: LevelSchemeError) -> SchemeFileError:
    """A scheme's own error, located in its document (``levels[3].condition``)."""
    where = "levels" if error.index is None else child_path("levels", error.index)
    if error.field:
        where = child_path(where, error.field)
    return SchemeFileError(
        error.reason, key_path=where, diagnostics=error.diagnostics, source=error.source
    )


def levels_to_dict(levels: Sequence[Level]) -> dict[str, Any]:
    """The document :func:`levels_from_dict` reads."""
    return {
        "version": FORMAT_VERSION,
        "levels": [
            {
                "rank": level.rank,
                "key": level.key,
                "name": dict(level.name),
                # An empty description is left out rather than written as { en = "" }.
                **({"description": dict(level.description)} if _described(level) else {}),
                "condition": level.condition,
            }
            for level in levels
        ],
    }


def _described(level: Level) -> bool:
    return any(text.strip() for text in level.description.values())
