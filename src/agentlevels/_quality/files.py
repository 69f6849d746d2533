"""Checklists and reviews as documents and files (JSON or TOML), through the one document reader."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from agentlevels._documents import (
    FORMAT_VERSION,
    check_keys,
    dump_document,
    expect_int,
    expect_mapping,
    expect_sequence,
    expect_str,
    load_document,
)
from agentlevels._errors import QualityError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._quality.checklist import Checklist
from agentlevels._quality.review import Review, ReviewForm, fits

__all__ = [
    "dump_checklist",
    "dump_reviews",
    "load_checklist",
    "load_reviews",
    "reviews_from_dict",
    "reviews_to_dict",
]


def load_checklist(path: str | os.PathLike[str]) -> Checklist:
    """Read a checklist from a JSON (``.json``) or TOML (``.toml``) file.

    The file holds what :meth:`Checklist.to_dict` writes. Every problem
    raises :class:`~agentlevels.SchemeFileError` naming the file and the
    place inside it (``items[3].weight``).
    """
    data = load_document(path)
    try:
        return Checklist.from_dict(data)
    except SchemeFileError as error:
        raise error.with_path(path) from None


def dump_checklist(checklist: Checklist, path: str | os.PathLike[str]) -> None:
    """Write a checklist to a JSON or TOML file (by suffix), as :func:`load_checklist` reads it."""
    if not isinstance(checklist, Checklist):
        raise QualityError(f"dump_checklist() takes a Checklist, not {checklist!r}")
    dump_document(checklist.to_dict(), path)


def reviews_from_dict(data: Mapping[str, Any]) -> tuple[str | None, tuple[Review, ...]]:
    """The checklist key (if the document names one) and the reviews of a reviews document.

    The document is ``{"version": 1, "checklist": "...", "reviews": [...]}``,
    each review as :meth:`Review.to_dict` writes it.
    """
    document = expect_mapping(data, "")
    check_keys(document, "", required=("reviews",), optional=("version", "checklist"))
    if "version" in document and expect_int(document["version"], "version") != FORMAT_VERSION:
        raise SchemeFileError(
            f"unsupported version; this library reads version {FORMAT_VERSION}",
            key_path="version",
        )
    key = expect_str(document["checklist"], "checklist") if "checklist" in document else None
    items = expect_sequence(document["reviews"], "reviews")
    reviews = tuple(
        Review.from_dict(item, key_path=child_path("reviews", index))
        for index, item in enumerate(items)
    )
    return key, reviews


def reviews_to_dict(
    reviews: Iterable[Review | ReviewForm], *, checklist: str | None = None
) -> dict[str, Any]:
    """The document :func:`reviews_from_dict` reads; forms give blank reviews to fill in."""
    data: dict[str, Any] = {"version": FORMAT_VERSION}
    if checklist is not None:
        data["checklist"] = checklist
    data["reviews"] = [review.to_dict() for review in reviews]
    return data


def load_reviews(
    path: str | os.PathLike[str], *, checklist: Checklist | None = None
) -> tuple[Review, ...]:
    """Read reviews from a JSON or TOML file, as :func:`dump_reviews` writes them.

    A malformed file raises :class:`~agentlevels.SchemeFileError` at the
    first problem, located (``reviews[2].results.greet``). With
    ``checklist``, the file must name that checklist (if it names one) and
    every review must fit it: the misfits are raised together as one
    :class:`~agentlevels.QualityError`.
    """
    data = load_document(path)
    try:
        key, reviews = reviews_from_dict(data)
        if checklist is not None and key is not None and key != checklist.key:
            raise SchemeFileError(
                f"these reviews are for checklist {key!r}, not {checklist.key!r}",
                key_path="checklist",
            )
    except SchemeFileError as error:
        raise error.with_path(path) from None
    if checklist is not None:
        problems = fits(checklist, reviews)
        if problems:
            raise QualityError([f"{os.fspath(path)}: {problem}" for problem in problems])
    return reviews


def dump_reviews(
    reviews: Iterable[Review | ReviewForm],
    path: str | os.PathLike[str],
    *,
    checklist: Checklist | None = None,
) -> None:
    """Write reviews (or blank forms) to a JSON or TOML file, naming ``checklist`` if given."""
    chosen = tuple(reviews)
    for review in chosen:
        if not isinstance(review, Review | ReviewForm):
            raise QualityError(f"dump_reviews() takes Review or ReviewForm objects, not {review!r}")
    key = None if checklist is None else checklist.key
    dump_document(reviews_to_dict(chosen, checklist=key), path)
