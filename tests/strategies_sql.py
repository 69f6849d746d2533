"""Snapshots and database engines for the SQL backend's differential tests.

The formulas come from :mod:`tests.strategies`; this module adds snapshots
that reach the edges SQL cares about (unknowns, zeros, negatives, integers up
to 2**53, floats up to 1e300 that overflow when multiplied) and a small
runner per engine that stores snapshots in a table and evaluates generated
SQL expressions over it, one row per snapshot.

The value domain the backends agree on (see docs/sql.md): SQL computes in
double precision, Python keeps integers exact, so a case counts only when
every integer the Python evaluation meets (read or computed) is within
2**53; :func:`exact_domain` tells.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from agentlevels import Catalog, nodes
from agentlevels._language.runtime import _BINARY, _LOGICAL, _UNARY
from tests.strategies import BOOLEAN_METRICS, NUMBER_METRICS

Value = int | float | bool | None
Snapshot = dict[str, Value]

EXACT = 2**53

number_values: st.SearchStrategy[Value] = st.one_of(
    st.none(),
    st.sampled_from([0, 0.0, -0.0, 1, -1, 2, 0.5, 0.1, 100, EXACT, -EXACT, 1e300, -1e300, 1e-300]),
    st.integers(min_value=-1000, max_value=1000),
    st.integers(min_value=-EXACT, max_value=EXACT),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=False).filter(
        lambda x: x == 0 or abs(x) > 1e-280  # SQLite 3.40 misreads some literals below 1e-290
    ),
)
boolean_values: st.SearchStrategy[Value] = st.one_of(st.none(), st.booleans())


def snapshots() -> st.SearchStrategy[Snapshot]:
    """A value for every metric the generated formulas use."""
    fields: dict[str, st.SearchStrategy[Value]] = dict.fromkeys(NUMBER_METRICS, number_values)
    fields.update(dict.fromkeys(BOOLEAN_METRICS, boolean_values))
    return st.fixed_dictionaries(fields)


def snapshot_lists() -> st.SearchStrategy[list[Snapshot]]:
    """Several agents at once: one SQL query checks them all."""
    return st.lists(snapshots(), min_size=1, max_size=6)


@attrs.frozen
class Domain:
    """Where one Python evaluation stands against SQL's double precision."""

    exact: bool  # every integer met was within 2**53
    # Some result left the double range: an overflow (unknown in Python), or a nonzero
    # product or quotient that rounded to zero. PostgreSQL raises for both.
    out_of_range: bool


def exact_domain(root: nodes.Node, snapshot: Mapping[str, Value]) -> Domain:
    """Evaluate like the Python backend, watching integers and the double range."""
    exact = True
    out_of_range = False

    def visit(node: nodes.Node, values: Sequence[Value]) -> Value:
        nonlocal exact, out_of_range
        result: Value
        if isinstance(node, nodes.Number | nodes.Boolean):
            result = node.value
        elif isinstance(node, nodes.Variable):
            result = snapshot[node.name]
        elif isinstance(node, nodes.Unary):
            result = _UNARY[type(node)](values[0])
        elif isinstance(node, nodes.Logical):
            result = _LOGICAL[type(node)](values)
        else:
            result = _BINARY[type(node)](values[0], values[1])
            left, right = values
            if (
                result is None
                and None not in values
                and not (isinstance(node, nodes.Div) and right == 0)
            ):
                out_of_range = True
            if (
                isinstance(node, nodes.Mul | nodes.Div)
                and result == 0
                and left != 0
                and (isinstance(node, nodes.Div) or right != 0)
            ):
                out_of_range = True  # underflow
        for value in (result, *values):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > EXACT:
                exact = False
        return result

    nodes.fold(root, visit)
    return Domain(exact, out_of_range)


# ------------------------------------------------------------------ engines


def same(python: Value, sql: object, boolean: bool) -> bool:
    """Whether a SQL result is the Python value (SQLite gives booleans as 0 and 1)."""
    if python is None or sql is None:
        return python is None and sql is None
    if boolean:
        return sql in (0, 1) and bool(sql) is python
    if isinstance(sql, bool) or not isinstance(sql, int | float):
        return False
    return math.isfinite(sql) and sql == python


def quoted(columns: Sequence[str]) -> str:
    """Column names quoted, as the generated SQL quotes them (metric names may be keywords)."""
    return ", ".join(f'"{name}"' for name in columns)


class Engine:
    """A database holding snapshots in a table, one row each, ordered by ``row_id``."""

    name = ""
    dialect = ""

    def create(self, catalog: Catalog, metrics: Iterable[str], types: Mapping[str, str]) -> None:
        raise NotImplementedError

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def load(
        self,
        snapshots: Sequence[Mapping[str, Value]],
        metrics: Sequence[str],
        catalog: Catalog,
        table: str = "snapshots",
        integer_metrics: Iterable[str] = (),
        ids: Sequence[str] | None = None,
    ) -> None:
        """Replace ``table`` with one row per snapshot: ``row_id``, ``agent_id``, the metrics."""
        integers = set(integer_metrics)
        types = {
            name: "boolean"
            if catalog[name].type == "boolean"
            else ("integer" if name in integers else "double")
            for name in metrics
        }
        self.execute(f"DROP TABLE IF EXISTS {table}")
        self.execute(self.create_table(table, types))
        rows = [
            (index, ids[index] if ids else f"a{index}", *(snapshot[name] for name in metrics))
            for index, snapshot in enumerate(snapshots)
        ]
        self.insert(table, ["row_id", "agent_id", *metrics], rows)

    def create_table(self, table: str, types: Mapping[str, str]) -> str:
        spelled = {"boolean": "BOOLEAN", "integer": "BIGINT", "double": self.double}
        columns = ", ".join(f'"{name}" {spelled[kind]}' for name, kind in types.items())
        return f"CREATE TABLE {table} (row_id INTEGER, agent_id TEXT, {columns})"

    double = "DOUBLE"

    def execute(self, sql: str) -> None:
        self.query(sql)

    def values(self, expressions: Sequence[str], table: str = "snapshots") -> list[tuple[Any, ...]]:
        """Each expression evaluated on each row, rows in ``row_id`` order."""
        select = ", ".join(expressions)
        return self.query(f"SELECT {select} FROM {table} ORDER BY row_id")


class SQLiteEngine(Engine):
    name = dialect = "sqlite"

    def __init__(self) -> None:
        self.connection = sqlite3.connect(":memory:")

    def create_table(self, table: str, types: Mapping[str, str]) -> str:
        # Columns without a declared type keep each value's own storage class.
        columns = ", ".join(f'"{name}"' for name in types)
        return f"CREATE TABLE {table} (row_id INTEGER, agent_id TEXT, {columns})"

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("?" for _ in columns)
        self.connection.executemany(
            f"INSERT INTO {table} ({quoted(columns)}) VALUES ({marks})", rows
        )

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql).fetchall()


class DuckDBEngine(Engine):
    name = dialect = "duckdb"

    def __init__(self) -> None:
        import duckdb

        self.connection = duckdb.connect()

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        marks = "(" + ", ".join("?" for _ in columns) + ")"
        values = ", ".join(marks for _ in rows)
        parameters = [value for row in rows for value in row]
        self.connection.execute(
            f"INSERT INTO {table} ({quoted(columns)}) VALUES {values}", parameters
        )

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql).fetchall()


POSTGRES_VARIABLE = "AGENTLEVELS_TEST_POSTGRES"


class PostgresEngine(Engine):
    name = dialect = "postgres"
    double = "DOUBLE PRECISION"

    def __init__(self, conninfo: str) -> None:
        import psycopg

        self.connection = psycopg.connect(conninfo, autocommit=True)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("%s" for _ in columns)
        with self.connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({quoted(columns)}) VALUES ({marks})", rows)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql.replace("%", "%%"))
            return cursor.fetchall() if cursor.description else []


def postgres_conninfo() -> str | None:
    """The server ``make test-postgres`` starts, named by an environment variable."""
    return os.environ.get(POSTGRES_VARIABLE) or None
