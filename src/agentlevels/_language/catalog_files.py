"""Catalog files: the metrics a formula may read, as JSON or TOML.

The format (docs/cli.md, ``docs/catalog.schema.json``)::

    version = 1            # optional
    extends = "default"    # optional: "default" adds to the default catalog, "none" starts empty

    [[metrics]]
    name = "csat"
    type = "number"        # optional: "number" (default) or "boolean"
    unit = "percent"       # optional
    minimum = 0            # optional
    maximum = 100          # optional
    description = "Customer satisfaction"   # optional: a string or { en = "...", ru = "..." }

Every problem in the file is reported at once, each with its key path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from agentlevels._documents import (
    FORMAT_VERSION,
    check_keys,
    collect_problems,
    expect_int,
    expect_mapping,
    expect_number,
    expect_sequence,
    expect_str,
    expect_texts,
    load_document,
)
from agentlevels._errors import SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import Catalog, Metric
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.units import DIMENSIONLESS

__all__ = ["catalog_from_dict", "catalog_to_dict", "load_catalog"]

_TOP_KEYS = ("metrics",)
_OPTIONAL_TOP_KEYS = ("version", "extends")
_METRIC_KEYS = ("name",)
_OPTIONAL_METRIC_KEYS = ("type", "unit", "minimum", "maximum", "description")
_BASES = {"default": DEFAULT_CATALOG, "none": Catalog()}


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """The catalog in a JSON or TOML file; every problem is a :class:`SchemeFileError`."""
    data = load_document(path)
    try:
        return catalog_from_dict(data)
    except SchemeFileError as error:
        raise error.with_path(path) from None


def catalog_from_dict(data: Mapping[str, Any]) -> Catalog:
    """A catalog from a decoded document; all problems are collected into one error."""
    document = expect_mapping(data, "")
    check_keys(document, "", required=_TOP_KEYS, optional=_OPTIONAL_TOP_KEYS)
    if "version" in document and expect_int(document["version"], "version") != FORMAT_VERSION:
        raise SchemeFileError(
            f"unsupported version; this library reads version {FORMAT_VERSION}", key_path="version"
        )
    extends = expect_str(document.get("extends", "default"), "extends")
    if extends not in _BASES:
        raise SchemeFileError("extends is 'default' or 'none'", key_path="extends")
    items = expect_sequence(document["metrics"], "metrics")
    metrics: list[Metric] = []
    problems: list[SchemeFileError] = []
    for index, item in enumerate(items):
        try:
            metrics.append(_metric(item, child_path("metrics", index)))
        except SchemeFileError as error:
            problems.append(error)
    if problems:
        raise collect_problems(problems)
    try:
        return _BASES[extends].extend(metrics, replace=True)
    except (ValueError, TypeError) as error:
        raise SchemeFileError(str(error), key_path="metrics") from None


def _metric(item: object, where: str) -> Metric:
    entry = expect_mapping(item, where)
    check_keys(entry, where, required=_METRIC_KEYS, optional=_OPTIONAL_METRIC_KEYS)
    options: dict[str, Any] = {"name": expect_str(entry["name"], child_path(where, "name"))}
    if "type" in entry:
        options["type"] = expect_str(entry["type"], child_path(where, "type"))
    if "unit" in entry:
        options["unit"] = expect_str(entry["unit"], child_path(where, "unit"))
    for bound in ("minimum", "maximum"):
        if bound in entry:
            options[bound] = expect_number(entry[bound], child_path(where, bound))
    if "description" in entry:
        texts = expect_texts(entry["description"], child_path(where, "description"), required=False)
        options["description"] = texts["en"]
        options["description_ru"] = texts.get("ru", "")
    try:
        return Metric(**options)
    except (ValueError, TypeError, OverflowError) as error:
        raise SchemeFileError(str(error), key_path=where) from None


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The document :func:`catalog_from_dict` reads, standing alone (``extends = "none"``)."""
    metrics = []
    for metric in catalog.values():
        entry: dict[str, Any] = {"name": metric.name, "type": metric.type}
        if metric.unit != DIMENSIONLESS:
            entry["unit"] = str(metric.unit)
        for bound in ("minimum", "maximum"):
            if getattr(metric, bound) is not None:
                entry[bound] = getattr(metric, bound)
        if metric.description:
            entry["description"] = {"en": metric.description}
            if metric.description_ru:
                entry["description"]["ru"] = metric.description_ru
        metrics.append(entry)
    return {"version": FORMAT_VERSION, "extends": "none", "metrics": metrics}
