"""``agentlevels sql``: print the SQL expression of a formula."""

from __future__ import annotations

import argparse

from agentlevels._errors import SQLError
from agentlevels._language.formula import compile
from agentlevels._sql.generator import formula_to_sql
from agentlevels.cli.failures import OK, USAGE, CommandError, message_of
from agentlevels.cli.formula import read_formula

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
    parser.add_argument("formula", help="the formula; - reads it from stdin")
    parser.add_argument(
        "--dialect",
        default="sqlite",
        help="sqlglot dialect: sqlite, duckdb, postgres (or postgresql), ...",
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


# Names people write for a dialect that sqlglot knows by another.
DIALECT_ALIASES = {"postgresql": "postgres", "pg": "postgres", "sqlserver": "tsql"}


def run_sql(args: argparse.Namespace) -> int:
    columns: dict[str, str] = {}
    for item in args.column:
        name, equals, expression = item.partition("=")
        if not equals or not name.strip():
            raise CommandError(f"--column takes METRIC=SQL, not {item!r}", USAGE)
        columns[name.strip().removeprefix("$")] = expression
    formula = compile(read_formula(args.formula), kind=args.kind)
    dialect = DIALECT_ALIASES.get(args.dialect.lower(), args.dialect)
    try:
        sql = formula_to_sql(formula, dialect, columns or None, met_only=args.met)
    except SQLError as error:  # the options' SQL or dialect: the command line is wrong
        raise CommandError(message_of(error), USAGE) from None
    print(sql)
    return OK
