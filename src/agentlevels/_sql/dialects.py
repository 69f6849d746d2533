"""The SQL dialects: loading sqlglot (optional) and what each engine does on overflow.

A new dialect is declared here: what the engine does when double arithmetic
leaves the finite range decides how the generator keeps Python's semantics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agentlevels._errors import SQLError, SQLUnavailableError

if TYPE_CHECKING:
    from sqlglot.dialects.dialect import Dialect

__all__ = ["overflow_policy", "reserved_names", "resolve_dialect", "sqlglot_module"]

# Names Spark reads as a function call with no parentheses, in ANSI mode (its default
# from 4.0) even where a column of that name exists: a metric named so must be quoted.
# sqlglot does not list all of them as keywords.
_SPARK_FUNCTION_NAMES = frozenset(
    {
        "CURRENT_CATALOG",
        "CURRENT_DATABASE",
        "CURRENT_DATE",
        "CURRENT_PATH",
        "CURRENT_ROLE",
        "CURRENT_SCHEMA",
        "CURRENT_TIME",
        "CURRENT_TIMESTAMP",
        "CURRENT_TIMEZONE",
        "CURRENT_USER",
        "LOCALTIMESTAMP",
        "SESSION_USER",
        "SYSTEM_USER",
        "USER",
    }
)


def sqlglot_module() -> Any:
    try:
        import sqlglot
    except ImportError as error:
        raise SQLUnavailableError(
            "generating SQL needs the optional dependency sqlglot: pip install 'agentlevels[sql]'"
        ) from error
    return sqlglot


def resolve_dialect(dialect: object) -> Dialect:
    """The sqlglot dialect named ``dialect`` (``"sqlite"``, ``"duckdb"``, ``"postgres"`` ...)."""
    sqlglot = sqlglot_module()
    if not isinstance(dialect, str) or not dialect:
        raise SQLError(f"dialect is a name such as 'postgres', not {dialect!r}")
    try:
        resolved: Dialect = sqlglot.Dialect.get_or_raise(dialect)
    except ValueError:
        known = ", ".join(sorted(name for name in sqlglot.Dialect.classes if name))
        raise SQLError(f"unknown SQL dialect {dialect!r}; known dialects: {known}") from None
    return resolved


def overflow_policy(dialect: Dialect) -> str:
    """What the engine does when double arithmetic overflows, so results can be made unknown.

    * ``"raises"`` -- an error (PostgreSQL): nothing to guard, the query fails;
    * ``"infinity"`` -- infinities, and NULL in place of NaN (SQLite);
    * ``"isfinite"`` -- infinities and NaN, and an ``ISFINITE`` function (DuckDB);
    * ``"spark"`` -- infinities and NaN, but dividing by zero raises
      (``DIVIDE_BY_ZERO``, Spark 4's default ANSI mode), and the parser refuses
      deeply nested ``NULLIF``s: ``NULLIF`` for plain divisors, ``TRY_DIVIDE`` for
      arithmetic ones (Spark, Databricks);
    * ``"generic"`` -- any IEEE behaviour: the guard uses only ``CASE`` and ``-``.
    """
    from sqlglot.dialects.duckdb import DuckDB
    from sqlglot.dialects.postgres import Postgres
    from sqlglot.dialects.spark import Spark
    from sqlglot.dialects.sqlite import SQLite

    if isinstance(dialect, Postgres):
        return "raises"
    if isinstance(dialect, SQLite):
        return "infinity"
    if isinstance(dialect, DuckDB):
        return "isfinite"
    if isinstance(dialect, Spark):
        return "spark"
    return "generic"


def reserved_names(dialect: Dialect) -> frozenset[str]:
    """Names (upper case) the dialect reads as something other than a column, beyond
    the keywords sqlglot lists: they are quoted when a metric is named so."""
    from sqlglot.dialects.spark import Spark

    return _SPARK_FUNCTION_NAMES if isinstance(dialect, Spark) else frozenset()
