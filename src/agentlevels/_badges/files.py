"""Badge sets as documents and files (JSON or TOML): ``docs/badge-set.schema.json``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from agentlevels._badges.model import (
    Badge,
)
from agentlevels._documents import (
    FORMAT_VERSION,
    collect_problems,
    dump_document,
    expect_items,
    load_document,
)
from agentlevels._errors import BadgeError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import Catalog


def badges_from_dict(
    data: Mapping[str, Any], *, catalog: Catalog | None = None
) -> tuple[Badge, ...]:
    """A badge set from a document ``{"badges": [...]}``; keys must be unique.

    Every badge's problems are collected before anything is raised, so one
    run names them all (three badges naming missing metrics: three problems).
    """
    items = expect_items(data, "badges")
    badges: list[Badge] = []
    problems: list[SchemeFileError] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        try:
            badge = Badge.from_dict(item, catalog=catalog, key_path=child_path("badges", index))
        except SchemeFileError as error:
            problems.append(error)
            continue
        if badge.key in seen:
            problems.append(
                SchemeFileError(
                    f"badge key {badge.key!r} is used twice (first at badges[{seen[badge.key]}])",
                    key_path=child_path(child_path("badges", index), "key"),
                )
            )
            continue
        seen[badge.key] = index
        badges.append(badge)
    if problems:
        raise collect_problems(problems)
    return tuple(badges)


def badges_to_dict(badges: Iterable[Badge]) -> dict[str, Any]:
    """The document :func:`badges_from_dict` reads: ``{"version": 1, "badges": [...]}``."""
    return {"version": FORMAT_VERSION, "badges": [badge.to_dict() for badge in badges]}


def load_badges(
    path: str | os.PathLike[str], *, catalog: Catalog | None = None
) -> tuple[Badge, ...]:
    """Read a badge set from a JSON (``.json``) or TOML (``.toml``) file.

    The file holds ``badges``, a list of what :meth:`Badge.to_dict` writes.
    Every problem raises :class:`~agentlevels.SchemeFileError` naming the file
    and the place inside it (``badges[2].rule.metric``).
    """
    data = load_document(path)
    try:
        return badges_from_dict(data, catalog=catalog)
    except SchemeFileError as error:
        raise error.with_path(path) from None


def dump_badges(badges: Iterable[Badge], path: str | os.PathLike[str]) -> None:
    """Write a badge set to a JSON or TOML file (by suffix), as :func:`load_badges` reads it."""
    chosen = tuple(badges)
    for badge in chosen:
        if not isinstance(badge, Badge):
            raise BadgeError(f"dump_badges() takes Badge objects, not {badge!r}")
    dump_document(badges_to_dict(chosen), path)
