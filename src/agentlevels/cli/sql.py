"""``agentlevels sql``: print a formula as a SQL expression, or a level scheme as one query."""

from __future__ import annotations

import argparse

from agentlevels._errors import SQLError
from agentlevels._language.formula import compile
from agentlevels._levels.files import load_scheme
from agentlevels._levels.sql import scheme_to_sql
from agentlevels._sql.generator import formula_to_sql
from agentlevels.cli.failures import OK, USAGE, CommandError, message_of
from agentlevels.cli.formula import read_formula

__all__ = ["add_command"]

# argparse exposes no public name for the sub-parsers object.
Subparsers = argparse._SubParsersAction


def add_command(subparsers: Subparsers[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sql",
        help="print a formula as a SQL expression, or a level scheme as one query",
        description=(
            "Print FORMULA as a SQL expression with the same semantics as the Python "
            "backend (unknown is NULL); or, with --scheme FILE --table TABLE, one query "
            "giving every row of TABLE its level (columns level_rank and level_key). "
            "Needs the optional extra: pip install 'agentlevels[sql]'."
        ),
    )
    parser.add_argument(
        "formula", nargs="?", help="the formula; - reads it from stdin (not with --scheme)"
    )
    parser.add_argument(
        "--scheme", metavar="FILE", help="level scheme file (JSON or TOML): print its query"
    )
    parser.add_argument("--table", help="with --scheme: the table holding one row per agent")
    parser.add_argument(
        "--current-level-column",
        metavar="COLUMN",
        help="with --scheme: the column holding the rank each agent already holds",
    )
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
    """Handle ``agentlevels sql``: a formula's expression, or with ``--scheme`` a scheme's query."""
    columns = _columns(args.column)
    dialect = DIALECT_ALIASES.get(args.dialect.lower(), args.dialect)
    if args.scheme is not None:
        return _scheme_query(args, columns, dialect)
    if args.formula is None:
        raise CommandError("give a FORMULA, or --scheme FILE --table TABLE", USAGE)
    if args.table is not None or args.current_level_column is not None:
        raise CommandError("--table and --current-level-column go with --scheme", USAGE)
    formula = compile(read_formula(args.formula), kind=args.kind)
    try:
        sql = formula_to_sql(formula, dialect, columns or None, met_only=args.met)
    except SQLError as error:  # the options' SQL or dialect: the command line is wrong
        raise CommandError(message_of(error), USAGE) from None
    print(sql)
    return OK


def _columns(items: list[str]) -> dict[str, str]:
    """``--column METRIC=SQL`` options as a mapping."""
    columns: dict[str, str] = {}
    for item in items:
        name, equals, expression = item.partition("=")
        if not equals or not name.strip():
            raise CommandError(f"--column takes METRIC=SQL, not {item!r}", USAGE)
        columns[name.strip().removeprefix("$")] = expression
    return columns


def _scheme_query(args: argparse.Namespace, columns: dict[str, str], dialect: str) -> int:
    if args.formula is not None:
        raise CommandError("give a FORMULA or --scheme FILE, not both", USAGE)
    if args.table is None:
        raise CommandError(
            "--scheme needs --table TABLE: the table holding one row per agent", USAGE
        )
    if args.met or args.kind != "boolean":
        raise CommandError("--met and --kind go with a FORMULA, not with --scheme", USAGE)
    scheme = load_scheme(args.scheme)
    try:
        sql = scheme_to_sql(
            scheme,
            args.table,
            current_level_column=args.current_level_column,
            dialect=dialect,
            columns=columns or None,
        )
    except SQLError as error:
        raise CommandError(message_of(error), USAGE) from None
    print(sql)
    return OK
