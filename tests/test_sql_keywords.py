"""SQL names and developer-supplied SQL.

Every identifier the library writes is quoted, in every dialect: metric
names drawn from the engines' own keyword lists (SQLite's compile-time list,
DuckDB's ``duckdb_keywords()``) run on the real engines, as formulas, level
queries and badge queries. PostgreSQL's ``pg_get_keywords()`` is checked in
tests/test_sql_postgres.py. Developer-supplied SQL that is not one
expression (an unterminated quote or comment, a second statement) is a
:class:`SQLError` without terminal colour codes.
"""

from __future__ import annotations

import ctypes
import re
import sqlite3
from collections.abc import Sequence
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agentlevels
from agentlevels import Catalog, Level, LevelScheme, Metric
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, ThresholdRule
from agentlevels._badges.sql import badges_to_sql
from agentlevels._errors import SQLError
from agentlevels._levels.sql import scheme_to_sql
from tests.strategies_sql import DuckDBEngine, Engine, SQLiteEngine, same

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")

NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")


def metric_names(keywords: Sequence[str]) -> list[str]:
    """The keywords that are valid metric names and not in the default catalog."""
    names = {word.lower() for word in keywords}
    return sorted(n for n in names if NAME.match(n) and n not in agentlevels.DEFAULT_CATALOG)


@cache
def sqlite_keywords() -> tuple[str, ...]:
    """SQLite's own list (``sqlite3_keyword_name``), from the library Python links."""
    import _sqlite3

    library = ctypes.CDLL(_sqlite3.__file__)
    count = library.sqlite3_keyword_count()
    words = []
    for index in range(count):
        text = ctypes.c_char_p()
        size = ctypes.c_int()
        library.sqlite3_keyword_name(index, ctypes.byref(text), ctypes.byref(size))
        assert text.value is not None
        words.append(text.value[: size.value].decode("ascii"))
    return tuple(words)


@cache
def duckdb_keywords() -> tuple[str, ...]:
    import duckdb

    rows = duckdb.connect().execute("SELECT keyword_name FROM duckdb_keywords()").fetchall()
    return tuple(row[0] for row in rows)


def sqlite_names() -> list[str]:
    try:
        return metric_names(sqlite_keywords())
    except (AttributeError, OSError):
        return []


def duckdb_names() -> list[str]:
    try:
        return metric_names(duckdb_keywords())
    except ImportError:
        return []


SQLITE_NAMES = sqlite_names()
DUCKDB_NAMES = duckdb_names()


def engine_for(dialect: str) -> Engine:
    if dialect == "duckdb":
        pytest.importorskip("duckdb", reason="the keyword tests need duckdb (the test extra)")
    return _engine(dialect)


@cache
def _engine(dialect: str) -> Engine:
    # One in-memory database per engine for the module: load() replaces its tables.
    return DuckDBEngine() if dialect == "duckdb" else SQLiteEngine()


def names_of(dialect: str) -> list[str]:
    names = DUCKDB_NAMES if dialect == "duckdb" else SQLITE_NAMES
    if not names:
        pytest.skip(f"the {dialect} keyword list is not available here")
    return names


def catalog_of(names: Sequence[str]) -> Catalog:
    return agentlevels.DEFAULT_CATALOG.extend([Metric(name) for name in names])


def check_formulas(engine: Engine, names: Sequence[str]) -> None:
    """``$name + 1 > 1`` (and the name as a number formula) for each name, on one row."""
    catalog = catalog_of(names)
    snapshot = {name: index + 1 for index, name in enumerate(names)}
    engine.load([snapshot], list(names), catalog)
    conditions = [agentlevels.compile(f"${n} * 2 > ${n}", catalog=catalog) for n in names]
    numbers = [agentlevels.compile(f"${n}", catalog=catalog, kind="number") for n in names]
    formulas = [*conditions, *numbers]
    (row,) = engine.values([formula.to_sql(engine.dialect) for formula in formulas])
    for formula, value in zip(formulas, row, strict=True):
        python = formula.evaluate(snapshot)
        assert same(python, value, formula.kind == "boolean"), formula.canonical


@pytest.mark.parametrize("dialect", ["sqlite", "duckdb"])
def test_every_keyword_is_a_usable_metric_name(dialect: str) -> None:
    names = names_of(dialect)
    assert len(names) > 100  # the real list, not a handful
    engine = engine_for(dialect)
    for start in range(0, len(names), 100):
        check_formulas(engine, names[start : start + 100])


def test_the_names_the_issue_found_are_in_the_lists() -> None:
    for word in ("cast", "check", "to", "raise"):
        assert word in names_of("sqlite")
    assert "to" in names_of("duckdb")


def scheme_of(names: Sequence[str]) -> LevelScheme:
    levels = [
        Level(rank, f"l{rank}", f"Level {rank}", condition=f"${name} >= {rank}")
        for rank, name in enumerate(names, start=1)
    ]
    return LevelScheme(levels, catalog=catalog_of(names))


def check_queries(engine: Engine, names: Sequence[str], values: Sequence[int]) -> None:
    """A level query and a badge query over keyword-named metrics agree with Python."""
    catalog = catalog_of(names)
    team = {
        f"a{i}": {n: (value + i) % 5 for n, value in zip(names, values, strict=True)}
        for i in range(3)
    }
    engine.load(list(team.values()), list(names), catalog, table="team", ids=sorted(team))
    scheme = scheme_of(names)
    sql = scheme_to_sql(scheme, "team", dialect=engine.dialect)
    rows = engine.query(f"SELECT agent_id, level_rank FROM ({sql}) AS levels")
    assert dict(rows) == {agent: scheme.reached_rank(s) for agent, s in team.items()}
    first = names[0]
    metric = agentlevels.compile(f"${first}", catalog=catalog, kind="number")
    condition = agentlevels.compile(f"${names[-1]} > 1", catalog=catalog)
    badges = (
        Badge("most", "Most", rule=ComparativeRule(metric, "most")),
        Badge("some", "Some", rule=ThresholdRule(condition)),
    )
    sql = badges_to_sql(badges, {"7d": "team"}, dialect=engine.dialect)
    got: dict[str, set[str]] = {}
    for key, agent, _ in engine.query(sql):
        got.setdefault(key, set()).add(agent)
    expected = {a.key: set(a.agent_ids) for a in agentlevels.award(badges, {"7d": team})}
    assert got == expected


@pytest.mark.parametrize("dialect", ["sqlite", "duckdb"])
def test_level_and_badge_queries_quote_keywords(dialect: str) -> None:
    names = [
        n for n in ("order", "select", "to", "cast", "user", "group") if n in names_of(dialect)
    ]
    check_queries(engine_for(dialect), names, list(range(len(names))))


@st.composite
def keyword_catalogs(draw: st.DrawFn) -> tuple[list[str], list[int]]:
    pool = sorted(set(SQLITE_NAMES) | set(DUCKDB_NAMES)) or ["order"]
    names = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6, unique=True))
    values = draw(st.lists(st.integers(0, 9), min_size=len(names), max_size=len(names)))
    return names, values


@given(keyword_catalogs())
def test_generated_sql_runs_for_any_keyword_catalog(case: tuple[list[str], list[int]]) -> None:
    names, values = case
    catalog = catalog_of(names)
    snapshot = dict(zip(names, values, strict=True))
    terms = " + ".join(f"${name}" for name in names)
    formula = agentlevels.compile(f"({terms}) / ${names[0]} >= 1", catalog=catalog)
    for dialect in ("sqlite", "duckdb"):
        engine = engine_for(dialect)
        engine.load([snapshot], names, catalog)
        (row,) = engine.values([formula.to_sql(dialect)])
        assert same(formula.evaluate(snapshot), row[0], True), (dialect, formula.canonical)
        check_queries(engine, names, values)


# --- developer-supplied SQL -----------------------------------------------------------------

BROKEN = ["'abc", '"abc', "a /* b", "`abc", "x; DROP TABLE t", "x;", "DROP TABLE t", "a +"]
ANSI = re.compile("\x1b")


def refused(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(SQLError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]  # any of the entry points
    message = str(caught.value)
    assert not ANSI.search(message), message
    return message


@pytest.mark.parametrize("text", BROKEN)
@pytest.mark.parametrize("dialect", ["sqlite", "postgres", "duckdb", "bigquery"])
def test_broken_developer_sql_is_an_sql_error(text: str, dialect: str) -> None:
    formula = agentlevels.compile("$answers > 1")
    assert "columns" in refused(formula.to_sql, dialect, columns={"answers": text})
    scheme = agentlevels.presets.levels()
    if text != "a +":  # a table name may not hold an operator either, checked below
        assert "table" in refused(scheme.to_sql, text, dialect=dialect)
    message = refused(scheme.to_sql, "t", current_level_column=text, dialect=dialect)
    assert "current_level_column" in message
    badges = agentlevels.presets.badges()
    tables = {"7d": "w", "1d": "d"}
    assert "agent_column" in refused(
        badges_to_sql, badges, tables, agent_column=text, dialect=dialect
    )
    assert "table" in refused(badges_to_sql, badges, {"7d": text, "1d": "d"}, dialect=dialect)


def test_a_second_statement_is_refused_by_name() -> None:
    formula = agentlevels.compile("$answers > 1")
    message = refused(formula.to_sql, columns={"answers": "x; DROP TABLE t"})
    assert message == (
        "columns['answers'] 'x; DROP TABLE t' holds ';': one expression, not statements"
    )


def test_parse_errors_carry_no_colour_codes() -> None:
    formula = agentlevels.compile("$answers > 1")
    message = refused(formula.to_sql, columns={"answers": "a + (b"})
    assert "columns['answers']" in message


def test_developer_sql_keeps_its_own_quoting() -> None:
    """Only names the library writes are quoted: ``Total`` still folds as the engine folds it."""
    formula = agentlevels.compile("$answers > 1")
    assert formula.to_sql("postgres", columns={"answers": "t.Total"}) == "t.Total > 1"
    sql = agentlevels.presets.levels().to_sql("Warehouse.Team", dialect="postgres")
    assert "FROM Warehouse.Team" in sql
    assert 'AS "level_rank"' in sql


def test_sqlite_accepts_keyword_columns_only_quoted() -> None:
    """The premise: unquoted, these names are syntax errors in SQLite."""
    connection = sqlite3.connect(":memory:")
    connection.execute('CREATE TABLE t ("cast" INTEGER, "to" INTEGER)')
    for name in ("cast", "to"):
        with pytest.raises(sqlite3.OperationalError):
            connection.execute(f"SELECT {name} + 1 FROM t")
        connection.execute(f'SELECT "{name}" + 1 FROM t')
