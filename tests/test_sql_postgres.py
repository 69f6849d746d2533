"""The SQL differential suite against a real PostgreSQL server.

``make test-postgres`` installs PostgreSQL from the system's packages when
missing, starts a private server on loopback and runs this module with
``AGENTLEVELS_TEST_POSTGRES`` naming it. Without that variable every test
here is skipped, with the reason shown by ``pytest -ra``.

PostgreSQL raises ``value out of range`` where double arithmetic overflows
(Python gives *unknown*) or where a nonzero product or quotient underflows to
zero (Python gives 0): rows whose Python evaluation does either are run one
by one and must either give the Python result or raise exactly that error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given

import agentlevels
from agentlevels import format_node, nodes, presets
from agentlevels._badges.rules import RandomRule
from agentlevels._badges.sql import badges_to_sql
from agentlevels._levels.sql import scheme_to_sql
from agentlevels._sql.generator import formula_to_sql
from tests.golden import GoldenCase, load_golden
from tests.strategies import BOOLEAN_METRICS, CATALOG, NUMBER_METRICS, boolean_formulas
from tests.strategies import number_formulas as number_trees
from tests.strategies_sql import (
    POSTGRES_VARIABLE,
    PostgresEngine,
    Snapshot,
    exact_domain,
    postgres_conninfo,
    same,
    snapshot_lists,
)
from tests.test_quality_sql import NOV, agree, sample_reviews
from tests.test_quality_sql import load as load_reviews
from tests.test_sql_levels import (
    HELD,
    TEAM,
    WINDOWS,
    load_team,
    python_awards,
    same_awards,
    sql_awards,
)

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")

CONNINFO = postgres_conninfo()
pytestmark = pytest.mark.skipif(
    CONNINFO is None,
    reason=f"no PostgreSQL server: `make test-postgres` starts one, or set {POSTGRES_VARIABLE}",
)
METRICS = (*NUMBER_METRICS, *BOOLEAN_METRICS)


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresEngine]:
    pytest.importorskip("psycopg", reason="pip install -e '.[test-postgres]' (psycopg)")
    assert CONNINFO is not None
    engine = PostgresEngine(CONNINFO)
    yield engine
    engine.connection.close()


def run_one(engine: PostgresEngine, expressions: list[str]) -> tuple[Any, ...] | None:
    """The row's results, or None when PostgreSQL reports a value out of range."""
    import psycopg

    try:
        (row,) = engine.values(expressions)
    except psycopg.errors.NumericValueOutOfRange:
        return None
    return row


def check_rows(
    engine: PostgresEngine, formula: agentlevels.Formula, snapshots: list[Snapshot]
) -> None:
    boolean = formula.kind == "boolean"
    expressions = [formula.to_sql("postgres")]
    if boolean:
        expressions.append(formula_to_sql(formula, "postgres", met_only=True))
    domains = [exact_domain(formula.node, snapshot) for snapshot in snapshots]
    plain = [s for s, d in zip(snapshots, domains, strict=True) if d.exact and not d.out_of_range]
    out_of_range = [
        s for s, d in zip(snapshots, domains, strict=True) if d.exact and d.out_of_range
    ]
    if plain:
        engine.load(plain, METRICS, CATALOG)
        for snapshot, row in zip(plain, engine.values(expressions), strict=True):
            python = formula.evaluate(snapshot)
            assert same(python, row[0], boolean), f"{formula.canonical} on {snapshot}: {row}"
            if boolean:
                assert same(python is True, row[1], True)
    for snapshot in out_of_range:
        engine.load([snapshot], METRICS, CATALOG)
        result = run_one(engine, expressions)
        if result is not None:
            assert same(formula.evaluate(snapshot), result[0], boolean)


@given(boolean_formulas(), snapshot_lists())
def test_conditions_agree_with_python(
    postgres: PostgresEngine, tree: nodes.Node, snapshots: list[Snapshot]
) -> None:
    check_rows(postgres, agentlevels.compile(format_node(tree), catalog=CATALOG), snapshots)


@given(number_trees(), snapshot_lists())
def test_numbers_agree_with_python(
    postgres: PostgresEngine, tree: nodes.Node, snapshots: list[Snapshot]
) -> None:
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG, kind="number")
    check_rows(postgres, formula, snapshots)


def golden_cases() -> list[object]:
    chosen = [case for case in load_golden() if case.values and case.compiles]
    return [pytest.param(case, id=case.id) for case in chosen]


@pytest.mark.parametrize("case", golden_cases())
def test_golden_values(postgres: PostgresEngine, case: GoldenCase) -> None:
    formula = agentlevels.compile(case.formula, catalog=case.catalog_object(), kind=case.kind)
    names = sorted(formula.variables) or ["answers"]
    for value in case.values:
        row = {name: value.snapshot.get(name) for name in names}
        domain = exact_domain(formula.node, row)
        if not domain.exact:
            continue
        postgres.load([row], names, formula.catalog)
        result = run_one(postgres, [formula.to_sql("postgres")])
        if result is None:
            assert domain.out_of_range  # PostgreSQL's own error, documented in docs/sql.md
            continue
        assert same(value.evaluate, result[0], formula.kind == "boolean")


def test_sample_team_levels_agree(postgres: PostgresEngine) -> None:
    scheme = presets.levels()
    load_team(postgres, TEAM, "team", {"held_rank": HELD})
    sql = scheme_to_sql(scheme, "team", current_level_column="held_rank", dialect="postgres")
    rows = postgres.query(f"SELECT agent_id, level_rank FROM ({sql}) AS levels")
    expected = {agent: scheme.reached_rank(s, current=HELD[agent]) for agent, s in TEAM.items()}
    assert dict(rows) == expected


def test_sample_team_badges_agree(postgres: PostgresEngine) -> None:
    badges = tuple(b for b in presets.badges() if not isinstance(b.rule, RandomRule))
    tables = {}
    for window, team in WINDOWS.items():
        load_team(postgres, team, f"window_{window}", {})
        tables[window] = f"window_{window}"
    sql = badges_to_sql(badges, tables, dialect="postgres")
    assert same_awards(python_awards(badges), sql_awards(postgres, sql))


def test_sample_reviews_qa_metrics_agree(postgres: PostgresEngine) -> None:
    reviews = sample_reviews()
    load_reviews(postgres, reviews)
    for window in (NOV, None):
        agree(postgres, presets.quality_checklist(), reviews, window)


def test_every_postgres_keyword_is_a_usable_metric_name(postgres: PostgresEngine) -> None:
    """``user`` and ``current_role`` must not read the session user; ``to`` must parse."""
    from tests.test_sql_keywords import catalog_of, metric_names

    words = [row[0] for row in postgres.query("SELECT word FROM pg_get_keywords()")]
    names = metric_names(words)
    assert {"user", "current_role", "both", "leading", "to"} <= set(names)
    for start in range(0, len(names), 100):
        chosen = names[start : start + 100]
        catalog = catalog_of(chosen)
        snapshot = {name: index + 1 for index, name in enumerate(chosen)}
        postgres.load([snapshot], chosen, catalog)
        formulas = [
            agentlevels.compile(f"${name}", catalog=catalog, kind="number") for name in chosen
        ]
        (row,) = postgres.values([formula.to_sql("postgres") for formula in formulas])
        assert list(row) == [snapshot[name] for name in chosen]
