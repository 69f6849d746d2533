"""``agentlevels sql``: print the SQL expression of a formula."""

from __future__ import annotations

import argparse
import sys

from agentlevels._errors import FormulaError, SQLError, SQLUnavailableError
from agentlevels._language.formula import compile
from agentlevels._sql.generator import formula_to_sql

__all__ = ["add_command"]

# argparse exposes no public name for the sub-parsers object.
Subparsers = argparse._SubParsersAction


def add_command(subparsers: Subparsers[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sql",
        help="print a formula as a SQL expression",
        description=(
            "Print FORMULA as a SQL expression with the same semantics as the Python "
            "backend (unknown is NULL). Needs the optional extra: pip install 'agentlevels[sql]'."
        ),
    )
    parser.add_argument("formula")
    parser.add_argument(
        "--dialect", default="sqlite", help="sqlglot dialect: sqlite, duckdb, postgres, ..."
    )
    parser.add_argument(
        "--kind", choices=("boolean", "number"), default="boolean", help="expected result"
    )
    parser.add_argument(
        "--met",
        action="store_true",
        help="for a condition: TRUE only when met, FALSE otherwise (never NULL)",
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="METRIC=SQL",
        help="read METRIC from a SQL column expression (repeatable)",
    )
    parser.set_defaults(handler=run_sql)


def run_sql(args: argparse.Namespace) -> int:
    columns: dict[str, str] = {}
    for item in args.column:
        name, equals, expression = item.partition("=")
        if not equals or not name.strip():
            print(f"--column takes METRIC=SQL, not {item!r}", file=sys.stderr)
            return 2
        columns[name.strip().removeprefix("$")] = expression
    try:
        formula = compile(args.formula, kind=args.kind)
    except FormulaError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        sql = formula_to_sql(formula, args.dialect, columns or None, met_only=args.met)
    except (SQLError, SQLUnavailableError) as error:
        print(f"agentlevels sql: {error}", file=sys.stderr)
        return 2
    print(sql)
    return 0
