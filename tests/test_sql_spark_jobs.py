"""Levels and badges computed by Apache Spark (local mode) agree with Python.

Run by ``make test-spark``; skipped otherwise (``pytest -ra`` prints why).
Covers the preset level scheme over the sample team (with and without
levels already held), the preset and custom badge sets (ties, unknowns,
zero divisors, all-zero values), the query ``agentlevels sql --scheme``
prints, and the PySpark example of docs/sql.md, run as written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import agentlevels
from agentlevels import presets
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, ThresholdRule
from agentlevels._badges.sql import badges_to_sql
from agentlevels._levels.sql import scheme_to_sql
from agentlevels.cli import main
from tests.spark_engine import SparkEngine
from tests.test_sql_levels import (
    CUSTOM,
    HELD,
    TEAM,
    load_team,
    load_windows,
    python_awards,
    same_awards,
    sql_awards,
)

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")

DOCS = Path(__file__).resolve().parent.parent / "docs" / "sql.md"


@pytest.fixture(scope="module")
def engine(spark: Any) -> SparkEngine:
    return SparkEngine(spark)


@pytest.mark.parametrize("with_current", [False, True], ids=["fresh", "held"])
def test_preset_levels_agree(engine: SparkEngine, with_current: bool) -> None:
    scheme = presets.levels()
    load_team(engine, TEAM, "team", {"held_rank": HELD} if with_current else {})
    sql = scheme_to_sql(
        scheme, "team", current_level_column="held_rank" if with_current else None, dialect="spark"
    )
    rows = engine.query(f"SELECT agent_id, level_rank, level_key FROM ({sql}) AS levels")
    expected = {
        agent: scheme.reached_rank(snapshot, current=HELD[agent] if with_current else None)
        for agent, snapshot in TEAM.items()
    }
    assert {agent: rank for agent, rank, _ in rows} == expected
    for _, rank, key in rows:
        assert key == (scheme.level(rank).key if rank else None)


def test_preset_badges_agree(engine: SparkEngine) -> None:
    badges = tuple(b for b in presets.badges() if not isinstance(b.rule, RandomRule))
    sql = badges_to_sql(presets.badges(), load_windows(engine), dialect="spark")
    assert same_awards(python_awards(badges), sql_awards(engine, sql))


TIES = (
    *CUSTOM,
    # every agent with a zero worktime has an unknown ratio and does not compete
    Badge("per_hour", "Per hour", rule=ComparativeRule("$answers / $worktime", "most")),
    # ties on the best value: both winners, in agent order
    Badge("tied", "Tied", rule=ComparativeRule("$missed_calls", "least")),
    Badge("held", "Held", rule=ThresholdRule("$answers / $chats >= 1")),
)


def test_custom_badges_agree(engine: SparkEngine) -> None:
    expected = python_awards(TIES)
    assert len(expected["tied"][0]) > 1
    sql = badges_to_sql(TIES, load_windows(engine), dialect="spark")
    awards = sql_awards(engine, sql)
    assert same_awards(expected, awards)
    rows = engine.query(sql)
    assert rows == sorted(rows, key=lambda row: (list(awards).index(row[0]), row[1]))


def test_cli_scheme_query_runs(
    engine: SparkEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What ``agentlevels sql --scheme levels.toml --dialect spark --table metrics`` prints."""
    path = tmp_path / "levels.toml"
    agentlevels.dump_scheme(presets.levels(), path)
    load_team(engine, TEAM, "metrics", {"held_rank": HELD})
    arguments = ["sql", "--scheme", str(path), "--dialect", "spark", "--table", "metrics"]
    assert main([*arguments, "--current-level-column", "held_rank"]) == 0
    query = capsys.readouterr().out
    rows = engine.query(f"SELECT agent_id, level_rank FROM ({query}) AS levels")
    scheme = presets.levels()
    assert dict(rows) == {
        agent: scheme.reached_rank(snapshot, current=HELD[agent])
        for agent, snapshot in TEAM.items()
    }


def pyspark_example() -> str:
    """The PySpark block of docs/sql.md (the one that starts a session)."""
    blocks = re.findall(r"^```python\n(.*?)^```", DOCS.read_text("utf-8"), re.M | re.S)
    (block,) = [block for block in blocks if "SparkSession" in block]
    return str(block)


def test_docs_pyspark_example_runs_as_written(spark: Any) -> None:
    spark.sql("DROP TABLE IF EXISTS agent_levels")
    namespace: dict[str, Any] = {}
    exec(compile(pyspark_example(), str(DOCS), "exec"), namespace)
    written = spark.sql("SELECT agent_id, level_rank, level_key FROM agent_levels").collect()
    assert namespace["spark"] is spark  # the example reuses the running session
    metrics = {row["agent_id"]: row.asDict() for row in namespace["metrics"].collect()}
    scheme = presets.levels()
    assert len(written) == len(metrics) >= 3
    for agent_id, rank, key in written:
        row = metrics[agent_id]
        snapshot = {name: row[name] for name in ("answers", "chats", "rewards", "punishments_p")}
        expected = scheme.reached_rank(snapshot, current=row["held_rank"])
        assert (rank, key) == (expected, scheme.level(expected).key if expected else None)
    spark.sql("DROP TABLE IF EXISTS agent_levels")
