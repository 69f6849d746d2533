"""Apache Spark in local mode for the SQL differential tests.

``make test-spark`` installs pyspark (and Java when missing) and sets
``AGENTLEVELS_TEST_SPARK``; without that variable the Spark tests are skipped
with the reason printed by ``pytest -ra``. One local session serves the whole
test run (``spark`` fixture in ``tests/conftest.py``): starting one takes
seconds, and every query a few hundred milliseconds, so the differential
tests draw their cases first and evaluate them in a few batched queries
(:func:`check_cases`).

pyspark is typed loosely here (``Any``): it is an optional extra, and mypy
must pass the same way with and without it installed.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

import agentlevels
from agentlevels import Catalog
from agentlevels._sql.generator import formula_to_sql
from tests.strategies_sql import Engine, Snapshot, Value, same

SPARK_VARIABLE = "AGENTLEVELS_TEST_SPARK"
SKIP_REASON = (
    f"no Spark: `make test-spark` installs pyspark and runs these tests (sets {SPARK_VARIABLE}=1)"
)
LOOPBACK = "127.0.0.1"


def spark_enabled() -> bool:
    return bool(os.environ.get(SPARK_VARIABLE))


def start_session(app: str, warehouse: str, *, memory: str = "1g", partitions: int = 2) -> Any:
    """A local Spark session on loopback: two cores at most, no web UI, quiet logs.

    ``warehouse`` is the directory where ``saveAsTable`` writes.
    """
    os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)
    sql = importlib.import_module("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName(app)
        .config("spark.driver.bindAddress", LOOPBACK)
        .config("spark.driver.host", LOOPBACK)
        .config("spark.driver.memory", memory)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", warehouse)
        # Small tables written as VALUES would otherwise be evaluated by the optimizer
        # (interpreted); excluding the rule runs them through the generated code that
        # real tables use, as Spark's own test suites do.
        .config(
            "spark.sql.optimizer.excludedRules",
            "org.apache.spark.sql.catalyst.optimizer.ConvertToLocalRelation",
        )
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("OFF")
    return session


class SparkEngine(Engine):
    """Snapshots as a temporary view over ``VALUES``; queries through ``spark.sql``."""

    name = dialect = "spark"

    def __init__(self, session: Any) -> None:
        self.session = session

    def load(
        self,
        snapshots: Sequence[Mapping[str, Value]],
        metrics: Sequence[str],
        catalog: Catalog,
        table: str = "snapshots",
        integer_metrics: Iterable[str] = (),
        ids: Sequence[str] | None = None,
        extra: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        """Replace the view ``table``: ``row_id``, ``agent_id``, ``extra`` columns, metrics.

        The rows go through ``createDataFrame`` with an explicit schema: Spark's
        parser takes seconds on a ``VALUES`` list of a few hundred literals.
        """
        types = importlib.import_module("pyspark.sql.types")
        integers = set(integer_metrics)
        kinds = {
            name: "boolean"
            if catalog[name].type == "boolean"
            else ("integer" if name in integers else "double")
            for name in metrics
        }
        spark_types = {
            "boolean": types.BooleanType(),
            "integer": types.LongType(),
            "double": types.DoubleType(),
        }
        added = dict(extra or {})
        fields = [
            types.StructField("row_id", types.LongType()),
            types.StructField("agent_id", types.StringType()),
            *(types.StructField(name, types.LongType()) for name in added),
            *(types.StructField(name, spark_types[kinds[name]]) for name in metrics),
        ]
        rows = [
            (
                index,
                ids[index] if ids else f"a{index}",
                *(values[index] for values in added.values()),
                *(_cell(snapshot[name], kinds[name]) for name in metrics),
            )
            for index, snapshot in enumerate(snapshots)
        ]
        frame = self.session.createDataFrame(rows, types.StructType(fields))
        frame.createOrReplaceTempView(table)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.session.sql(sql).collect()]


def _cell(value: Value, kind: str) -> Value:
    """A Python value of the column's Spark type (DoubleType takes floats only)."""
    if value is None or kind == "boolean":
        return value
    return int(value) if kind == "integer" else float(value)


# ------------------------------------------------------------------ batched cases


@attrs.frozen
class Case:
    """One formula and the snapshots it is evaluated on, with the Python results."""

    label: str
    formula: agentlevels.Formula
    rows: tuple[Snapshot, ...]

    @property
    def expected(self) -> list[Value]:
        return [self.formula.evaluate(row) for row in self.rows]


BATCH = 40  # formulas per query: big enough to amortise a query, small enough to plan


def check_cases(
    engine: SparkEngine,
    cases: Sequence[Case],
    metrics: Sequence[str],
    catalog: Catalog,
    *,
    integer_metrics: Iterable[str] = (),
) -> list[str]:
    """Evaluate every case in Spark; the disagreements with Python, described.

    ``integer_metrics`` are stored as ``BIGINT`` columns, the others as ``DOUBLE``.
    """
    cases = [case for case in cases if case.rows]
    snapshots = [row for case in cases for row in case.rows]
    owners = [number for number, case in enumerate(cases) for _ in case.rows]
    engine.load(
        snapshots,
        metrics,
        catalog,
        table="cases",
        integer_metrics=integer_metrics,
        extra={"case_id": owners},
    )
    failures: list[str] = []
    numbered = list(enumerate(cases))
    for kind in ("boolean", "number"):
        chosen = [(n, case) for n, case in numbered if case.formula.kind == kind]
        for start in range(0, len(chosen), BATCH):
            failures += _check_batch(engine, chosen[start : start + BATCH])
    return failures


def _select(number: int, case: Case) -> str:
    value = case.formula.to_sql("spark")
    if case.formula.kind == "boolean":
        met = formula_to_sql(case.formula, "spark", met_only=True)
    else:
        met = "CAST(NULL AS BOOLEAN)"
    return (
        f"SELECT case_id, row_id, {value} AS value, {met} AS met "
        f"FROM cases WHERE case_id = {number}"
    )


def _check_batch(engine: SparkEngine, batch: Sequence[tuple[int, Case]]) -> list[str]:
    union = " UNION ALL ".join(_select(number, case) for number, case in batch)
    try:
        rows = engine.query(f"SELECT * FROM ({union}) AS results ORDER BY case_id, row_id")
    except Exception as error:  # pyspark's error classes vary between releases
        if len(batch) == 1:
            number, case = batch[0]
            first = str(error).strip().splitlines()[0][:300]
            return [f"{case.label}: {case.formula.canonical!r}: Spark refused it: {first}"]
        # Find the case Spark refuses: each on its own.
        return [failure for item in batch for failure in _check_batch(engine, [item])]
    by_case: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_case.setdefault(row[0], []).append(row)
    failures = []
    for number, case in batch:
        got = by_case.get(number, [])
        boolean = case.formula.kind == "boolean"
        for snapshot, python, row in zip(case.rows, case.expected, got, strict=True):
            met_ok = not boolean or same(python is True, row[3], True)
            if not same(python, row[2], boolean) or not met_ok:
                failures.append(
                    f"{case.label}: {case.formula.canonical!r} on {snapshot}: "
                    f"Python {python!r}, Spark {row[2]!r} (met {row[3]!r})\n"
                    f"  SQL: {case.formula.to_sql('spark')}"
                )
    return failures
