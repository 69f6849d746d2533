"""Level scheme files: JSON or TOML documents read and written whole."""

from __future__ import annotations

import os

from agentlevels._documents import dump_document, load_document
from agentlevels._errors import SchemeFileError
from agentlevels._language.catalog import Catalog
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._levels.document import levels_from_dict
from agentlevels._levels.scheme import LevelScheme

__all__ = ["dump_scheme", "load_scheme"]


def load_scheme(path: str | os.PathLike[str], *, catalog: Catalog | None = None) -> LevelScheme:
    """Read a level scheme from a ``.json`` or ``.toml`` file.

    Every problem raises :class:`~agentlevels.SchemeFileError` naming the
    file, the key path inside it (``levels[3].condition``) and, for a bad
    condition, the formula's diagnostics.
    """
    data = load_document(path)
    try:
        # Every level's problems first, conditions included, so one run names them all.
        levels_from_dict(data, catalog=DEFAULT_CATALOG if catalog is None else catalog)
        return LevelScheme.from_dict(data, catalog=catalog)
    except SchemeFileError as error:
        raise error.with_path(path) from None


def dump_scheme(scheme: LevelScheme, path: str | os.PathLike[str]) -> None:
    """Write ``scheme`` to a ``.json`` or ``.toml`` file that :func:`load_scheme` reads back."""
    if not isinstance(scheme, LevelScheme):
        raise TypeError(f"expected a LevelScheme, not {type(scheme).__name__}")
    dump_document(scheme.to_dict(), path)
