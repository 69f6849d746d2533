"""Command-line commands for single formulas: check, format, eval, metrics."""

from __future__ import annotations

import argparse
import json
import sys

from agentlevels._documents import load_document
from agentlevels._errors import FormulaError, SchemeFileError, SnapshotError
from agentlevels._language.formula import check, compile, format_formula
from agentlevels._language.metrics import DEFAULT_CATALOG

# argparse exposes no public name for the sub-parsers object.
Subparsers = argparse._SubParsersAction


def add_command(subparsers: Subparsers[argparse.ArgumentParser]) -> None:
    kind = {"choices": ("boolean", "number"), "default": "boolean", "help": "expected result"}

    parser = subparsers.add_parser("check", help="check a formula and show every problem")
    parser.add_argument("formula")
    parser.add_argument("--kind", **kind)  # type: ignore[arg-type]
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=_check)

    parser = subparsers.add_parser("format", help="print a formula's canonical text")
    parser.add_argument("formula")
    parser.set_defaults(handler=_format)

    parser = subparsers.add_parser("eval", help="evaluate a formula on a snapshot")
    parser.add_argument("formula")
    parser.add_argument("--snapshot", required=True, help="JSON file: metric name -> value")
    parser.add_argument("--kind", **kind)  # type: ignore[arg-type]
    parser.set_defaults(handler=_eval)

    parser = subparsers.add_parser("metrics", help="list the default catalog's metrics")
    parser.add_argument("--locale", choices=("en", "ru"), default="en")
    parser.set_defaults(handler=_metrics)


def _check(args: argparse.Namespace) -> int:
    report = check(args.formula, kind=args.kind)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif report.diagnostics:
        print(report.render())
    if not args.json and report.ok:
        print("ok: " + format_formula(args.formula))
    return 0 if report.ok else 1


def _format(args: argparse.Namespace) -> int:
    try:
        print(format_formula(args.formula))
    except FormulaError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _eval(args: argparse.Namespace) -> int:
    try:
        formula = compile(args.formula, kind=args.kind)
    except FormulaError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        # A snapshot is JSON whatever the file's name, as it always was.
        snapshot = load_document(args.snapshot, fmt="json")
    except SchemeFileError as error:
        print(f"cannot read snapshot {error}", file=sys.stderr)
        return 2
    try:
        value = formula.evaluate(snapshot)
    except SnapshotError as error:
        print(f"{args.snapshot}: {error}", file=sys.stderr)
        return 1
    print("unknown" if value is None else json.dumps(value))
    return 0


def _metrics(args: argparse.Namespace) -> int:
    rows = [("name", "type", "unit", "range", "description")]
    for metric in DEFAULT_CATALOG.values():
        low = "" if metric.minimum is None else f"{metric.minimum:g}"
        high = "" if metric.maximum is None else f"{metric.maximum:g}"
        span = f"{low}..{high}" if low or high else ""
        unit = "" if metric.type == "boolean" else metric.unit.symbol
        rows.append(
            ("$" + metric.name, metric.type, unit, span, metric.description_in(args.locale))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + row[4]
        )
    return 0
