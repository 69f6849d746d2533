"""Levels for 1,000,000 agents: in DuckDB from a table, against the Python backend.

The table is generated inside DuckDB (deterministic hashes, some unknown
values, a rank already held for a third of the agents). The SQL side runs the
query :meth:`LevelScheme.to_sql` builds and counts agents per level; the
Python side evaluates the same rows with :meth:`LevelScheme.reached_rank`
after they have been fetched. Both must give the same counts. Reported: both
times and their ratio (Python over DuckDB); fetching the rows into Python is
timed separately, since it is the cost moving the data out of the database
adds.
"""

from __future__ import annotations

import time
from collections import Counter

from agentlevels import presets

AGENTS = 1_000_000

_TABLE = f"""
CREATE OR REPLACE TABLE agents AS
SELECT
    i AS agent_id,
    CASE WHEN hash(i, 1) % 97 = 0 THEN NULL
         ELSE CAST(pow((hash(i, 2) % 10007) / 10007.0, 3) * 60000 AS BIGINT) END AS answers,
    CAST(pow((hash(i, 3) % 10007) / 10007.0, 4) * 60000 AS BIGINT) AS chats,
    CAST((hash(i, 4) % 1000) AS BIGINT) AS rewards,
    CASE WHEN hash(i, 5) % 13 = 0 THEN NULL
         ELSE (hash(i, 6) % 1000) / 100.0 END AS punishments_p,
    CASE WHEN hash(i, 7) % 3 = 0 THEN CAST(hash(i, 8) % 8 AS INTEGER) END AS held_rank
FROM range({AGENTS}) AS agents(i)
"""


def run() -> None:
    """Print the DuckDB time, the Python time over the same rows, and the ratio."""
    try:
        import duckdb
    except ImportError:
        print("sql: skipped (pip install duckdb sqlglot: the test extra)")
        return
    scheme = presets.levels()
    connection = duckdb.connect()
    connection.execute(_TABLE)
    query = scheme.to_sql("agents", current_level_column="held_rank", dialect="duckdb")
    counting = f"SELECT level_rank, COUNT(*) FROM ({query}) AS levels GROUP BY level_rank"

    start = time.perf_counter()
    in_database = dict(connection.execute(counting).fetchall())
    database_s = time.perf_counter() - start

    start = time.perf_counter()
    rows = connection.execute(
        "SELECT answers, chats, rewards, punishments_p, held_rank FROM agents"
    ).fetchall()
    fetch_s = time.perf_counter() - start

    reached = scheme.reached_rank
    start = time.perf_counter()
    in_python = Counter(
        reached(
            {"answers": a, "chats": c, "rewards": r, "punishments_p": p},
            current=held or None,
        )
        for a, c, r, p, held in rows
    )
    python_s = time.perf_counter() - start

    if dict(in_python) != in_database:
        raise SystemExit(f"sql: DuckDB and Python disagree: {in_database} != {dict(in_python)}")
    print(f"sql: levels for {AGENTS:,} agents (12 presets, a third holding a level)")
    print(f"  DuckDB, in the database   {database_s * 1000:9.1f} ms")
    print(f"  fetching rows to Python   {fetch_s * 1000:9.1f} ms")
    print(f"  Python backend            {python_s * 1000:9.1f} ms")
    print(f"  ratio Python / DuckDB     {python_s / database_s:9.1f}")
    spread = ", ".join(f"{rank}: {count}" for rank, count in sorted(in_database.items()))
    print(f"  agents per level rank     {spread}")


if __name__ == "__main__":
    run()
