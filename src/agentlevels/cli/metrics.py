"""``agentlevels metrics``: the metrics a formula may name, as a table or as JSON."""

from __future__ import annotations

import argparse
import json

from agentlevels._editor import words
from agentlevels._language.catalog import Catalog, Metric
from agentlevels._language.catalog_files import load_catalog
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._values import LOCALES
from agentlevels.cli.failures import OK, escape

__all__ = ["add_command"]

# argparse exposes no public name for the sub-parsers object.
Subparsers = argparse._SubParsersAction


def add_command(subparsers: Subparsers[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "metrics",
        help="list the metrics a formula may name",
        description=(
            "List the metrics of the default catalog (or of --catalog FILE): name, type, "
            "unit, range and description; --json prints Catalog.to_dict() (docs/editor.md)."
        ),
    )
    parser.add_argument("--locale", choices=LOCALES, default="en", help="language")
    parser.add_argument("--json", action="store_true", help="print the catalog as JSON")
    parser.add_argument(
        "--catalog", metavar="FILE", help="the metrics (JSON or TOML catalog file; docs/cli.md)"
    )
    parser.set_defaults(handler=_metrics)


def _metrics(args: argparse.Namespace) -> int:
    catalog: Catalog = DEFAULT_CATALOG if args.catalog is None else load_catalog(args.catalog)
    if args.json:
        print(json.dumps(catalog.to_dict(args.locale), ensure_ascii=False, indent=2))
        return OK
    header = ("name", "type", "unit", "range", "description")
    rows = [tuple(words.term(key, args.locale) for key in header)]
    rows += [_row(metric, args.locale) for metric in catalog.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        print(escape(cells + row[4]))
    return OK


def _row(metric: Metric, locale: str) -> tuple[str, str, str, str, str]:
    low = "" if metric.minimum is None else f"{metric.minimum:g}"
    high = "" if metric.maximum is None else f"{metric.maximum:g}"
    span = f"{low}..{high}" if low or high else ""
    unit = "" if metric.type == "boolean" else metric.unit.symbol
    kind = words.term(metric.type, locale)
    return ("$" + metric.name, kind, unit, span, metric.description_in(locale))
