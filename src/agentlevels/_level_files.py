"""Level schemes as data and files (JSON or TOML); the format is ``docs/level-scheme.schema.json``.

```toml
version = 1

[[levels]]
key = "novice"
name = { en = "Novice", ru = "Новичок" }
condition = "true"
```

``rank`` is optional and defaults to the position in the list; ``name`` and
``description`` are a string (English) or a table of locale -> text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from agentlevels._catalog import Catalog
from agentlevels._files import (
    SchemeFileError,
    check_keys,
    child_path,
    dump_document,
    expect_int,
    expect_items,
    expect_mapping,
    expect_str,
    load_document,
)
from agentlevels._levels import Level, LevelScheme, LevelSchemeError

__all__ = ["dump_scheme", "load_scheme", "scheme_from_dict"]

_LEVEL_KEYS = ("key", "name", "condition")
_OPTIONAL_LEVEL_KEYS = ("rank", "description")


def _localized(value: object, key_path: str, *, required: bool) -> dict[str, str]:
    if isinstance(value, str):
        if required:
            expect_str(value, key_path)
        return {"en": value}
    texts = expect_mapping(value, key_path)
    out: dict[str, str] = {}
    for locale, text in texts.items():
        out[str(locale)] = expect_str(text, child_path(key_path, str(locale)), non_empty=False)
    if "en" not in out:
        raise SchemeFileError("needs an English text under 'en'", key_path=key_path)
    if required:
        expect_str(out["en"], child_path(key_path, "en"))
    return out


def scheme_from_dict(data: Mapping[str, Any], *, catalog: Catalog | None = None) -> LevelScheme:
    """Build a :class:`LevelScheme` from data; see :meth:`LevelScheme.from_dict`."""
    items = expect_items(data, "levels")
    if not items:
        raise SchemeFileError("a scheme needs at least one level", key_path="levels")
    levels: list[Level] = []
    for index, item in enumerate(items):
        where = child_path("levels", index)
        entry = expect_mapping(item, where)
        check_keys(entry, where, required=_LEVEL_KEYS, optional=_OPTIONAL_LEVEL_KEYS)
        rank = index + 1
        if "rank" in entry:
            rank = expect_int(entry["rank"], child_path(where, "rank"))
            if rank < 1:
                raise SchemeFileError("a rank is 1 or more", key_path=child_path(where, "rank"))
        key = expect_str(entry["key"], child_path(where, "key"))
        name = _localized(entry["name"], child_path(where, "name"), required=True)
        description = _localized(
            entry.get("description", ""), child_path(where, "description"), required=False
        )
        condition = expect_str(entry["condition"], child_path(where, "condition"))
        try:
            levels.append(Level(rank, key, name, description=description, condition=condition))
        except (ValueError, TypeError) as error:
            raise SchemeFileError(str(error), key_path=child_path(where, "key")) from None
    try:
        return LevelScheme(levels, catalog=catalog)
    except LevelSchemeError as error:
        where = "levels" if error.index is None else child_path("levels", error.index)
        if error.field:
            where = child_path(where, error.field)
        raise SchemeFileError(
            error.reason,
            key_path=where,
            diagnostics=error.diagnostics,
            source=error.source,
        ) from None


def load_scheme(path: str | os.PathLike[str], *, catalog: Catalog | None = None) -> LevelScheme:
    """Read a level scheme from a ``.json`` or ``.toml`` file.

    Every problem raises :class:`~agentlevels.SchemeFileError` naming the
    file, the key path inside it (``levels[3].condition``) and, for a bad
    condition, the formula's diagnostics.
    """
    data = load_document(path)
    try:
        return scheme_from_dict(data, catalog=catalog)
    except SchemeFileError as error:
        raise error.with_path(path) from None


def dump_scheme(scheme: LevelScheme, path: str | os.PathLike[str]) -> None:
    """Write ``scheme`` to a ``.json`` or ``.toml`` file that :func:`load_scheme` reads back."""
    if not isinstance(scheme, LevelScheme):
        raise TypeError(f"expected a LevelScheme, not {type(scheme).__name__}")
    dump_document(scheme.to_dict(), path)
