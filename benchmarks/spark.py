"""Levels for 1,000,000 agents in local Spark, beside DuckDB and the Python backend.

``make bench-spark`` (not part of ``make bench``: it needs pyspark and Java).
The agents are generated inside Spark (``spark.range`` and deterministic
hashes: some unknown values, a rank already held for a third of them) and
written once to a Parquet file, which every contender reads:

* Spark runs the query :meth:`LevelScheme.to_sql` builds for ``"spark"``:
  once counting agents per level, once writing every agent's new level back
  to Parquet (the nightly job);
* DuckDB runs the same two steps with its own query;
* Python reads the rows (timed apart: it is the cost of moving the data out)
  and evaluates them with :meth:`LevelScheme.reached_rank`.

The three must count the same agents per level. Reported: seconds (median
of three runs for the engines, one for Python) and agents per second.
"""

from __future__ import annotations

import importlib
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agentlevels import presets

AGENTS = 1_000_000
METRICS = "answers, chats, rewards, punishments_p, held_rank"

# Spark SQL over spark.range(AGENTS): the same shape of data as benchmarks/bench_sql.py.
_COLUMNS = [
    "id AS agent_id",
    "CASE WHEN pmod(hash(id, 1), 97) = 0 THEN NULL ELSE "
    "CAST(pow(pmod(hash(id, 2), 10007) / 10007.0D, 3) * 60000 AS BIGINT) END AS answers",
    "CAST(pow(pmod(hash(id, 3), 10007) / 10007.0D, 4) * 60000 AS BIGINT) AS chats",
    "CAST(pmod(hash(id, 4), 1000) AS BIGINT) AS rewards",
    "CASE WHEN pmod(hash(id, 5), 13) = 0 THEN NULL "
    "ELSE pmod(hash(id, 6), 1000) / 100.0D END AS punishments_p",
    "CASE WHEN pmod(hash(id, 7), 3) = 0 THEN CAST(pmod(hash(id, 8), 8) AS INT) END AS held_rank",
]


def median_seconds(action: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def start_spark(warehouse: str) -> Any:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    sql = importlib.import_module("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName("agentlevels-bench")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.memory", "2g")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", warehouse)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_side(spark: Any, data: Path, out: Path) -> tuple[dict[int, int], float, float]:
    """Counts per level, the counting time and the write-back time."""
    spark.read.parquet(str(data)).createOrReplaceTempView("agents")
    query = presets.levels().to_sql("agents", current_level_column="held_rank", dialect="spark")
    counting = f"SELECT level_rank, COUNT(*) FROM ({query}) AS levels GROUP BY level_rank"
    counts: dict[int, int] = {}

    def count() -> None:
        counts.clear()
        counts.update({int(row[0]): int(row[1]) for row in spark.sql(counting).collect()})

    def write() -> None:
        levels = spark.sql(query).select("agent_id", "level_rank", "level_key")
        levels.write.mode("overwrite").parquet(str(out))

    return counts, median_seconds(count), median_seconds(write)


def duckdb_side(duckdb: Any, data: Path, out: Path) -> tuple[dict[int, int], float, float]:
    connection = duckdb.connect()
    connection.execute(f"CREATE VIEW agents AS SELECT * FROM read_parquet('{data}/*.parquet')")
    query = presets.levels().to_sql("agents", current_level_column="held_rank", dialect="duckdb")
    counting = f"SELECT level_rank, COUNT(*) FROM ({query}) AS levels GROUP BY level_rank"
    counts: dict[int, int] = {}

    def count() -> None:
        counts.clear()
        counts.update(dict(connection.execute(counting).fetchall()))

    def write() -> None:
        connection.execute(
            f"COPY (SELECT agent_id, level_rank, level_key FROM ({query}) AS levels) "
            f"TO '{out}' (FORMAT PARQUET)"
        )

    return counts, median_seconds(count), median_seconds(write)


def python_side(duckdb: Any, data: Path) -> tuple[dict[int, int], float, float]:
    """Counts per level, the time to read the rows into Python, and the evaluation time."""
    start = time.perf_counter()
    rows = duckdb.connect().execute(f"SELECT {METRICS} FROM read_parquet('{data}/*.parquet')")
    rows = rows.fetchall()
    fetch_s = time.perf_counter() - start
    reached = presets.levels().reached_rank
    start = time.perf_counter()
    counts = Counter(
        reached(
            {"answers": a, "chats": c, "rewards": r, "punishments_p": p},
            current=held or None,
        )
        for a, c, r, p, held in rows
    )
    return dict(counts), fetch_s, time.perf_counter() - start


def line(name: str, seconds: float) -> str:
    return f"  {name:<34}{seconds:8.2f} s  {AGENTS / seconds:>12,.0f} agents/s"


def run() -> int:
    try:
        import duckdb
    except ImportError:
        print("bench-spark: needs duckdb (the test extra)")
        return 1
    with tempfile.TemporaryDirectory(prefix="agentlevels-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        spark = start_spark(str(root / "warehouse"))
        start_s = time.perf_counter() - started
        data = root / "agents.parquet"
        started = time.perf_counter()
        spark.range(AGENTS, numPartitions=2).selectExpr(*_COLUMNS).write.parquet(str(data))
        generate_s = time.perf_counter() - started
        in_spark, spark_count_s, spark_write_s = spark_side(spark, data, root / "spark-out")
        spark.stop()
        in_duckdb, duck_count_s, duck_write_s = duckdb_side(duckdb, data, root / "duck.parquet")
        in_python, fetch_s, python_s = python_side(duckdb, data)
    if not in_spark == in_duckdb == in_python:
        print(f"bench-spark: disagreement: {in_spark} / {in_duckdb} / {in_python}")
        return 1
    print(f"spark: levels for {AGENTS:,} agents (12 presets, a third holding a level)")
    print(f"  Spark session start, local[2]    {start_s:8.2f} s")
    print(f"  generating the rows in Spark     {generate_s:8.2f} s  (to Parquet)")
    print(line("Spark, count per level", spark_count_s))
    print(line("Spark, levels written to Parquet", spark_write_s))
    print(line("DuckDB, count per level", duck_count_s))
    print(line("DuckDB, levels written to Parquet", duck_write_s))
    print(f"  reading the rows into Python     {fetch_s:8.2f} s")
    print(line("Python backend", python_s))
    spread = ", ".join(f"{rank}: {count}" for rank, count in sorted(in_spark.items()))
    print(f"  agents per level rank            {spread}")
    return 0


if __name__ == "__main__":
    sys.exit(run())
