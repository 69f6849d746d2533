"""Levels and badges in SQL agree with Python for the embedded sample team."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

import pytest

import agentlevels
from agentlevels import presets
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, ThresholdRule
from agentlevels._badges.sql import badges_to_sql
from agentlevels._errors import SQLError
from agentlevels._levels.sql import scheme_to_sql
from tests.strategies_sql import DuckDBEngine, Engine, SQLiteEngine

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")


def _data(name: str) -> Any:
    return json.loads(resources.files("agentlevels").joinpath(f"data/{name}").read_text("utf-8"))


TEAM: dict[str, dict[str, Any]] = _data("sample_team.json")
WINDOWS: dict[str, dict[str, dict[str, Any]]] = _data("sample_windows.json")


@pytest.fixture(scope="module")
def engines() -> list[Engine]:
    pytest.importorskip("duckdb", reason="the differential tests need duckdb (the test extra)")
    return [SQLiteEngine(), DuckDBEngine()]


def integer_metrics(team: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """Metrics whose known values are all integers: BIGINT columns, as a warehouse would have."""
    names = {name for snapshot in team.values() for name in snapshot}
    return {
        name
        for name in names
        if all(
            type(snapshot.get(name)) is int
            for snapshot in team.values()
            if snapshot.get(name) is not None
        )
    }


def load_team(
    engine: Engine, team: Mapping[str, Mapping[str, Any]], table: str, extra: Mapping[str, Any]
) -> None:
    ids = sorted(team)
    metrics = sorted({name for snapshot in team.values() for name in snapshot})
    rows = [{**team[agent], **{k: v[agent] for k, v in extra.items()}} for agent in ids]
    engine.load(
        rows,
        [*metrics, *extra],
        agentlevels.DEFAULT_CATALOG.extend(
            [agentlevels.Metric(name) for name in extra], replace=False
        ),
        table=table,
        integer_metrics=integer_metrics(team) | set(extra),
        ids=ids,
    )


HELD = {agent: (index * 5) % 13 or None for index, agent in enumerate(sorted(TEAM))}


@pytest.mark.parametrize("with_current", [False, True], ids=["fresh", "held"])
def test_sample_team_levels_agree(engines: list[Engine], with_current: bool) -> None:
    scheme = presets.levels()
    held = {"held_rank": HELD} if with_current else {}
    expected = {
        agent: scheme.reached_rank(snapshot, current=HELD[agent] if with_current else None)
        for agent, snapshot in TEAM.items()
    }
    assert len(set(expected.values())) > 3  # the sample team spreads over the ladder
    for engine in engines:
        load_team(engine, TEAM, "team", held)
        sql = scheme_to_sql(
            scheme,
            "team",
            current_level_column="held_rank" if with_current else None,
            dialect=engine.dialect,
        )
        rows = engine.query(f"SELECT agent_id, level_rank, level_key FROM ({sql}) AS levels")
        got = {agent: rank for agent, rank, _ in rows}
        assert got == expected, engine.name
        for _, rank, key in rows:
            assert key == (scheme.level(rank).key if rank else None)


def python_awards(badges: tuple[Badge, ...]) -> dict[str, tuple[set[str], Any]]:
    return {
        award.key: (set(award.agent_ids), award.value)
        for award in agentlevels.award(badges, WINDOWS)
    }


def sql_awards(engine: Engine, sql: str) -> dict[str, tuple[set[str], Any]]:
    awards: dict[str, tuple[set[str], Any]] = {}
    for key, agent, value in engine.query(sql):
        agents, _ = awards.setdefault(key, (set(), value))
        agents.add(agent)
    return awards


def same_awards(python: dict[str, tuple[set[str], Any]], sql: dict[str, Any]) -> bool:
    if python.keys() != sql.keys():
        return False
    return all(
        python[key][0] == sql[key][0]
        and (python[key][1] is None) == (sql[key][1] is None)
        and (python[key][1] is None or python[key][1] == sql[key][1])
        for key in python
    )


def load_windows(engine: Engine) -> dict[str, str]:
    tables = {}
    for window, team in WINDOWS.items():
        table = f"window_{window}"
        load_team(engine, team, table, {})
        tables[window] = table
    return tables


def test_sample_team_badges_agree(engines: list[Engine]) -> None:
    badges = tuple(b for b in presets.badges() if not isinstance(b.rule, RandomRule))
    expected = python_awards(badges)
    assert len(expected) >= 10
    for engine in engines:
        sql = badges_to_sql(presets.badges(), load_windows(engine), dialect=engine.dialect)
        assert same_awards(expected, sql_awards(engine, sql)), engine.name


CUSTOM = (
    Badge("chatty", "Chatty", rule=ThresholdRule("$chats >= 100")),
    Badge("fast", "Fast", rule=ComparativeRule("$answers / $worktime", "least", "$worktime > 0")),
    Badge("zero", "Zero", rule=ComparativeRule("$answers - $answers", "most")),
    Badge("low", "Low", rule=ComparativeRule("$missed_chats", "least", minimum=1)),
    Badge("ratio", "Ratio", rule=ComparativeRule("$rewards_p", "most", minimum=50)),
    Badge("nobody", "Nobody", rule=ThresholdRule("$chats > 1000000")),
)


def test_custom_rules_agree(engines: list[Engine]) -> None:
    expected = python_awards(CUSTOM)
    assert "zero" not in expected  # every competing value is zero
    assert "nobody" not in expected
    for engine in engines:
        sql = badges_to_sql(CUSTOM, load_windows(engine), dialect=engine.dialect)
        assert same_awards(expected, sql_awards(engine, sql)), engine.name


def test_missing_window_is_the_badge_error() -> None:
    with pytest.raises(agentlevels.MissingWindowError, match="1d"):
        badges_to_sql(presets.badges(), {"7d": "week"})


@pytest.mark.parametrize(
    ("badges", "tables", "match"),
    [
        ((), {"7d": "w"}, "at least one"),
        (("cleaner",), {"7d": "w"}, "Badge objects"),
        (None, {"7d": "w"}, "at least one"),
        ("all", ["7d"], "tables_by_window"),
        ("all", {"7d": "w", "1d": "not a table;"}, "table"),
        ("random", {"7d": "w", "1d": "d"}, "random"),
    ],
)
def test_bad_badge_input_is_a_library_error(badges: object, tables: object, match: str) -> None:
    if badges == "all":
        badges = presets.badges()
    elif badges == "random":
        badges = [b for b in presets.badges() if isinstance(b.rule, RandomRule)]
    with pytest.raises(SQLError, match=match):
        badges_to_sql(badges, tables)  # type: ignore[arg-type]  # bad input on purpose


@pytest.mark.parametrize(
    ("scheme", "table", "current", "match"),
    [
        ("levels", "", None, "table"),
        ("levels", "t; DROP TABLE t", None, "table"),
        ("levels", "t", "", "current_level_column"),
        ("levels", "t", "SELECT 1", "current_level_column"),
    ],
)
def test_bad_scheme_input_is_a_library_error(
    scheme: str, table: str, current: str | None, match: str
) -> None:
    with pytest.raises(SQLError, match=match):
        presets.levels().to_sql(table, current_level_column=current)


def test_scheme_method_is_the_module_function() -> None:
    scheme = presets.levels()
    assert scheme.to_sql("team", dialect="postgres") == scheme_to_sql(
        scheme, "team", dialect="postgres"
    )


def test_no_level_held_is_null_or_zero_in_sql_and_none_or_zero_in_python(
    engines: list[Engine],
) -> None:
    # One meaning of "no level held" everywhere: NULL/None or 0, in both SQL and Python.
    scheme = presets.levels()
    agents = sorted(TEAM)
    held_column: dict[str, int | None] = {
        agent: (None, 0, 3)[index % 3] for index, agent in enumerate(agents)
    }
    for snapshot in TEAM.values():
        fresh = scheme.reached_rank(snapshot)
        assert scheme.reached_rank(snapshot, current=0) == fresh
        assert scheme.evaluate(snapshot, current=0) == scheme.evaluate(snapshot)
    expected = {
        agent: scheme.reached_rank(TEAM[agent], current=held_column[agent]) for agent in agents
    }
    for engine in engines:
        load_team(engine, TEAM, "team", {"held_rank": held_column})
        sql = scheme_to_sql(
            scheme, "team", current_level_column="held_rank", dialect=engine.dialect
        )
        rows = engine.query(f"SELECT agent_id, level_rank FROM ({sql}) AS levels")
        assert dict(rows) == expected, engine.name
    with pytest.raises(agentlevels.UnknownLevelError):
        scheme.reached_rank(TEAM[agents[0]], current=-1)
