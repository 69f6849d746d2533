"""Command-line commands for single formulas: check, format, eval, metrics."""

from __future__ import annotations

import argparse
import json
import sys

from agentlevels._documents import load_document
from agentlevels._errors import SnapshotError
from agentlevels._language.catalog import Catalog
from agentlevels._language.catalog_files import load_catalog
from agentlevels._language.formula import check, compile, format_formula
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.parser import MAX_LENGTH
from agentlevels._messages.message import message
from agentlevels._positions import POSITIONS
from agentlevels._values import LOCALES
from agentlevels.cli.failures import OK, CommandError, escape, in_file_words, in_short

# argparse exposes no public name for the sub-parsers object.
Subparsers = argparse._SubParsersAction


def add_command(subparsers: Subparsers[argparse.ArgumentParser]) -> None:
    kind = {"choices": ("boolean", "number"), "default": "boolean", "help": "expected result"}
    text = {"help": "the formula; - reads it from stdin (put -- before a formula starting with -)"}
    catalog = {"metavar": "FILE", "help": "the metrics (JSON or TOML catalog file; docs/cli.md)"}

    parser = subparsers.add_parser("check", help="check a formula and show every problem")
    parser.add_argument("formula", **text)  # type: ignore[arg-type]
    parser.add_argument("--kind", **kind)  # type: ignore[arg-type]
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--catalog", **catalog)  # type: ignore[arg-type]
    parser.add_argument(
        "--locale", choices=LOCALES, default="en", help="the language of messages and hints"
    )
    parser.add_argument(
        "--positions",
        choices=POSITIONS,
        default="code-points",
        help="with --json: count offsets and columns in code points or UTF-16 units",
    )
    parser.set_defaults(handler=_check)

    parser = subparsers.add_parser("format", help="print a formula's canonical text")
    parser.add_argument("formula", **text)  # type: ignore[arg-type]
    parser.set_defaults(handler=_format)

    parser = subparsers.add_parser("eval", help="evaluate a formula on a snapshot")
    parser.add_argument("formula", **text)  # type: ignore[arg-type]
    parser.add_argument("--snapshot", required=True, help="JSON file: metric name -> value")
    parser.add_argument("--kind", **kind)  # type: ignore[arg-type]
    parser.add_argument("--catalog", **catalog)  # type: ignore[arg-type]
    parser.set_defaults(handler=_eval)


def read_formula(text: str) -> str:
    """The formula argument, or for ``-`` the formula read from stdin (one trailing newline off)."""
    if text != "-":
        return text
    # One character past the longest formula is enough for check() to refuse it.
    data = sys.stdin.read(MAX_LENGTH + 2)
    return data.removesuffix("\n").removesuffix("\r")


def _catalog(path: str | None) -> Catalog:
    return DEFAULT_CATALOG if path is None else load_catalog(path)


def _check(args: argparse.Namespace) -> int:
    text = read_formula(args.formula)
    report = check(text, kind=args.kind, catalog=_catalog(args.catalog), locale=args.locale)
    if args.json:
        data = report.to_dict(positions=args.positions)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif report.diagnostics:
        print(escape(report.render()))
    if report.ok:
        if not args.json:
            print("ok: " + escape(format_formula(text)))
        return OK
    errors = [d for d in report.diagnostics if d.severity == "error"]
    details = in_short(errors, args.locale)
    said = message("formula-has-errors", count=len(errors), details=details)
    raise CommandError(said.text(args.locale))


def _format(args: argparse.Namespace) -> int:
    print(escape(format_formula(read_formula(args.formula))))
    return OK


def _eval(args: argparse.Namespace) -> int:
    formula = compile(read_formula(args.formula), kind=args.kind, catalog=_catalog(args.catalog))
    # A snapshot is JSON whatever the file's name, as it always was.
    snapshot = load_document(args.snapshot, fmt="json")
    try:
        value = formula.evaluate(snapshot)
    except SnapshotError as error:
        raise CommandError(f"{args.snapshot}: {in_file_words(error)}") from None
    print("unknown" if value is None else json.dumps(value))
    return OK
