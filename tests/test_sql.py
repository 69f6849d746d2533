"""The SQL backend for formulas: the same answers as Python, in SQLite and DuckDB.

The differential tests store generated snapshots in a table and evaluate the
generated SQL over it: every generated row within the exact value domain
(integers within 2**53, see docs/sql.md) must give the Python result.
"""

from __future__ import annotations

import sqlite3
import sys

import pytest
from hypothesis import given

import agentlevels
from agentlevels import Metric, format_node, nodes
from agentlevels._errors import SQLError, SQLUnavailableError
from agentlevels._sql.generator import formula_to_sql
from agentlevels._sql.visitors import VISITORS
from tests.golden import GoldenCase, load_golden
from tests.strategies import BOOLEAN_METRICS, CATALOG, NUMBER_METRICS, boolean_formulas
from tests.strategies import number_formulas as number_trees
from tests.strategies_sql import (
    DuckDBEngine,
    Engine,
    Snapshot,
    SQLiteEngine,
    exact_domain,
    same,
    snapshot_lists,
)

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")

METRICS = (*NUMBER_METRICS, *BOOLEAN_METRICS)


@pytest.fixture(scope="module")
def engines() -> list[Engine]:
    pytest.importorskip("duckdb", reason="the differential tests need duckdb (the test extra)")
    return [SQLiteEngine(), DuckDBEngine()]


def check_rows(
    engines: list[Engine], formula: agentlevels.Formula, snapshots: list[Snapshot]
) -> int:
    """Evaluate ``formula`` on every in-domain snapshot in every engine; the rows checked."""
    rows = [s for s in snapshots if exact_domain(formula.node, s).exact]
    if not rows:
        return 0
    boolean = formula.kind == "boolean"
    expected = [formula.evaluate(snapshot) for snapshot in rows]
    for engine in engines:
        engine.load(rows, METRICS, CATALOG)
        expressions = [formula.to_sql(engine.dialect)]
        if boolean:
            expressions.append(formula_to_sql(formula, engine.dialect, met_only=True))
        results = engine.values(expressions)
        for snapshot, python, result in zip(rows, expected, results, strict=True):
            where = f"{engine.name}: {formula.canonical!r} on {snapshot}\nSQL: {expressions[0]}"
            assert same(python, result[0], boolean), (
                f"{where}\nPython {python!r}, SQL {result[0]!r}"
            )
            if boolean:
                assert same(python is True, result[1], True), where
    return len(rows)


# ------------------------------------------------------------------ differential


@given(boolean_formulas(), snapshot_lists())
def test_conditions_agree_with_python(
    engines: list[Engine], tree: nodes.Node, snapshots: list[Snapshot]
) -> None:
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG)
    check_rows(engines, formula, snapshots)


@given(number_trees(), snapshot_lists())
def test_numbers_agree_with_python(
    engines: list[Engine], tree: nodes.Node, snapshots: list[Snapshot]
) -> None:
    formula = agentlevels.compile(format_node(tree), catalog=CATALOG, kind="number")
    check_rows(engines, formula, snapshots)


EDGE_CASES = [
    ("$answers * $chats > 1", [{"answers": 1e300, "chats": 1e300}], None),
    ("$answers * $chats - $answers * $chats == 0", [{"answers": 1e300, "chats": -1e300}], None),
    ("$answers / ($chats * $chats) >= 0", [{"answers": 1, "chats": 1e300}], None),
    ("$answers / $chats > 0 || $online", [{"answers": 1, "chats": 0, "online": True}], True),
    ("$answers / $chats > 0 && !$online", [{"answers": 1, "chats": 0, "online": True}], False),
    ("$answers / $chats > 0 && !$online", [{"answers": 1, "chats": -0.0, "online": False}], None),
    ("$answers / 2 == 2.5", [{"answers": 5}], True),
    ("-$answers < 0", [{"answers": 9007199254740992}], True),
    ("1 / 49 * $answers == $answers / 49", [{"answers": 49}], False),
    ("!($online == $busy)", [{"online": True, "busy": None}], None),
    ("$nps < -50", [{"nps": -60}], True),
]


@pytest.mark.parametrize(("text", "snapshots", "expected"), EDGE_CASES)
def test_edge_cases(
    engines: list[Engine], text: str, snapshots: list[Snapshot], expected: bool | None
) -> None:
    formula = agentlevels.compile(text, catalog=CATALOG)
    full: list[Snapshot] = [{**dict.fromkeys(METRICS), **snapshot} for snapshot in snapshots]
    assert formula.evaluate(full[0]) is expected
    assert check_rows(engines, formula, full) == len(full)


def golden_cases() -> list[object]:
    chosen = [case for case in load_golden() if case.values and case.compiles]
    return [pytest.param(case, id=case.id) for case in chosen]


@pytest.mark.parametrize("case", golden_cases())
def test_golden_values(engines: list[Engine], case: GoldenCase) -> None:
    """The language's golden file, run in each database."""
    catalog = case.catalog_object()
    formula = agentlevels.compile(case.formula, catalog=catalog, kind=case.kind)
    names = sorted(formula.variables) or ["answers"]
    boolean = formula.kind == "boolean"
    for value in case.values:
        row = {name: value.snapshot.get(name) for name in names}
        if not exact_domain(formula.node, row).exact:
            continue
        for engine in engines:
            engine.load([row], names, formula.catalog)
            sql = formula.to_sql(engine.dialect)
            (result,) = engine.values([sql])
            assert same(value.evaluate, result[0], boolean), f"{engine.name}: {sql} -> {result}"


# ------------------------------------------------------------------ shape of the SQL


def test_every_node_class_has_a_visitor() -> None:
    concrete = {
        cls
        for cls in vars(nodes).values()
        if isinstance(cls, type)
        and issubclass(cls, nodes.Node)
        and cls not in (nodes.Node, nodes.Unary, nodes.Binary, nodes.Comparison, nodes.Logical)
    }
    assert concrete == set(VISITORS)


def test_plain_conditions_stay_plain() -> None:
    formula = agentlevels.compile("$answers >= 500 || $chats >= 500")
    assert formula.to_sql() == '"answers" >= 500 OR "chats" >= 500'
    assert formula.to_sql("postgres") == '"answers" >= 500 OR "chats" >= 500'
    assert formula.to_sql("bigquery") == "`answers` >= 500 OR `chats` >= 500"
    assert formula_to_sql(formula, met_only=True) == (
        'COALESCE("answers" >= 500 OR "chats" >= 500, FALSE)'
    )


def test_true_division_and_null_divisor() -> None:
    formula = agentlevels.compile("$answers / $worktime", kind="number")
    assert formula.to_sql("postgres") == (
        'CAST("answers" AS DOUBLE PRECISION) / NULLIF(CAST("worktime" AS DOUBLE PRECISION), 0)'
    )
    assert 'CAST("answers" AS REAL)' in formula.to_sql("sqlite")


def test_spark_divisors() -> None:
    """Spark raises DIVIDE_BY_ZERO in ANSI mode, and its parser refused 99 nested divisions
    with NULLIFs: TRY_DIVIDE for arithmetic divisors (``d % inf`` catches an infinity),
    one NULLIF for plain ones, which keeps chains of divisions flat.

    tests/test_sql_spark.py runs both the nested divisions and the flat chains.
    """
    formula = agentlevels.compile("$answers / ($chats - $worktime)", kind="number")
    for dialect in ("spark", "databricks"):
        sql = formula.to_sql(dialect)
        assert "NULLIF" not in sql
        assert (
            "TRY_DIVIDE(CAST(`answers` AS DOUBLE), (CAST(`chats` AS DOUBLE) - "
            "CAST(`worktime` AS DOUBLE)) % CAST('Infinity' AS DOUBLE))"
        ) in sql
    chain = agentlevels.compile("$answers / $chats / $worktime > 1").to_sql("spark")
    assert "CAST(`answers` AS DOUBLE) / NULLIF(CAST(`chats` AS DOUBLE), 0) / NULLIF(" in chain
    assert "CAST(`answers` AS DOUBLE) / 4 " in agentlevels.compile("$answers / 4 > 1").to_sql(
        "spark"
    )
    assert "/ NULL " in agentlevels.compile("$answers / 0 > 1").to_sql("spark")


def test_constant_parts_are_evaluated_in_python() -> None:
    assert agentlevels.compile("$answers > 1 / 4").to_sql() == '"answers" > 0.25'
    assert agentlevels.compile("$answers > 1 / 0").to_sql() == '"answers" > NULL'
    assert agentlevels.compile("1 < 2").to_sql("postgres") == "TRUE"
    assert agentlevels.compile("$answers >= -(2 * 3)").to_sql() == '"answers" >= -6'


def test_precedence_is_kept_with_parentheses() -> None:
    cases = {
        "($answers - ($chats - $calls)) > 0": "(CAST(chats AS DOUBLE) - CAST(calls AS DOUBLE))",
        "!$online == ($answers > 1)": "(NOT online) = (answers > 1)",
        "($answers > 1 || $chats > 1) && $online": "(answers > 1 OR chats > 1) AND online",
        "!($online && $answers > 1)": "NOT (online AND answers > 1)",
        "-($answers + 1) < 0": "-(CAST(answers AS DOUBLE) + 1)",
    }
    for text, piece in cases.items():
        sql = agentlevels.compile(text).to_sql("duckdb")
        assert piece in sql.replace('"', ""), text


def test_columns_map_metrics_to_expressions() -> None:
    formula = agentlevels.compile("$answers + $chats >= 10")
    sql = formula.to_sql("postgres", columns={"answers": "t.answers_total", "chats": "t.c + 1"})
    assert sql == (
        "CAST(t.answers_total AS DOUBLE PRECISION) + CAST((t.c + 1) AS DOUBLE PRECISION) >= 10"
    )


def test_columns_do_not_change_what_the_caller_passed() -> None:
    columns = {"answers": "a"}
    agentlevels.compile("$answers > 1").to_sql(columns=columns)
    assert columns == {"answers": "a"}


def test_metric_names_that_are_keywords_are_quoted() -> None:
    catalog = agentlevels.DEFAULT_CATALOG.extend([Metric("order"), Metric("select")])
    formula = agentlevels.compile("$order + $select > 1", catalog=catalog)
    assert '"order"' in formula.to_sql("postgres")
    assert "`select`" in formula.to_sql("bigquery")


def test_names_spark_reads_as_functions_are_quoted() -> None:
    """In ANSI mode Spark reads ``current_path`` or ``user`` as a function, not the column."""
    names = ["current_path", "user", "system_user", "current_database", "answers"]
    catalog = agentlevels.DEFAULT_CATALOG.extend([Metric(n) for n in names[:-1]])
    sql = agentlevels.compile(" && ".join(f"${n} > 1" for n in names), catalog=catalog)
    spark = sql.to_sql("spark")
    assert "`current_path` > 1 AND `user` > 1 AND `system_user` > 1" in spark
    assert "`current_database` > 1 AND `answers` > 1" in spark
    assert '"user" > 1' in sql.to_sql("duckdb")


@pytest.mark.parametrize(
    "columns",
    [
        ["answers"],
        {"answers": 5},
        {"answers": ""},
        {"answers": "SELECT 1"},
        {"answers": "a +"},
        {1: "a"},
    ],
)
def test_bad_columns_are_library_errors(columns: object) -> None:
    formula = agentlevels.compile("$answers > 1")
    with pytest.raises(SQLError, match="columns"):
        formula.to_sql(columns=columns)  # type: ignore[arg-type]  # bad input on purpose


@pytest.mark.parametrize("dialect", ["nosuch", "", 5])
def test_unknown_dialect_is_a_library_error(dialect: object) -> None:
    with pytest.raises(SQLError, match="dialect"):
        agentlevels.compile("$answers > 1").to_sql(dialect)  # type: ignore[arg-type]  # on purpose


def test_constants_beyond_double_range_are_unknown() -> None:
    # A product of constants beyond float range is unknown in the language
    # (docs/language.md), so it is NULL in SQL, as `1 / 0` is.
    text = " * ".join(["999999999999999"] * 22) + " > $answers"
    formula = agentlevels.compile(text)
    assert formula.evaluate({"answers": 1}) is None
    assert formula.to_sql() == 'NULL > "answers"'


def test_missing_sqlglot_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlglot", None)
    with pytest.raises(SQLUnavailableError, match=r"agentlevels\[sql\]"):
        agentlevels.compile("$answers > 1").to_sql()


@pytest.mark.parametrize("dialect", ["sqlite", "duckdb", "postgres"])
@pytest.mark.parametrize(
    "text",
    [
        " || ".join(f"$answers >= {n}" for n in range(249)),
        " && ".join(f"$answers >= {n}" for n in range(249)) + " || $online",
        " + ".join("$answers" for _ in range(480)) + " > 0",
        " / ".join(["$answers"] * 480) + " > 0",
        "$answers - (" * 99 + "$chats" + ")" * 99 + " > 0",
        "$answers / (" * 99 + "$chats" + ")" * 99 + " > 0",
        "!(" * 49 + "$online" + ")" * 49,
        "!" * 99 + "$online",
        "-(" * 49 + "$answers" + ")" * 49 + " > 0",
    ],
    ids=[
        "or-chain",
        "and-chain",
        "sum-chain",
        "division-chain",
        "nested-sums",
        "nested-divisions",
        "nested-not",
        "not-not",
        "nested-negation",
    ],
)
def test_deep_formulas_render_without_recursion(dialect: str, text: str) -> None:
    formula = agentlevels.compile(text)
    sql = formula.to_sql(dialect)
    assert sql.count("(") == sql.count(")")


DEEP_RUNS = {
    # SQLite's parser takes long chains but refuses nesting beyond about 33 levels (3.40).
    "sqlite": [
        " || ".join(f"$answers >= {n}" for n in range(249)),
        " + ".join("$answers" for _ in range(480)) + " > 0",
        "$answers / (" * 5 + "$chats" + ")" * 5 + " > 0",
    ],
    # DuckDB plans deep expressions in time that grows faster than their length, and copies
    # the operand of NULLIF and CASE: nested divisors grow the expression geometrically.
    "duckdb": [
        " || ".join(f"$answers >= {n}" for n in range(249)),
        " + ".join("$answers" for _ in range(150)) + " > 0",
        "$answers / (" * 99 + "$chats" + ")" * 99 + " > 0",
    ],
}


@pytest.mark.parametrize(
    ("engine_name", "text"),
    [(name, text) for name, texts in DEEP_RUNS.items() for text in texts],
    ids=[f"{name}-{kind}" for name in DEEP_RUNS for kind in ("or", "sum", "nested")],
)
def test_deep_formulas_run(engines: list[Engine], engine_name: str, text: str) -> None:
    formula = agentlevels.compile(text)
    snapshots: list[Snapshot] = [dict.fromkeys(METRICS, value) for value in (None, 0, 1, 2.5, -3)]
    for snapshot in snapshots:
        snapshot["online"] = snapshot["busy"] = True
    engine = next(engine for engine in engines if engine.name == engine_name)
    assert check_rows([engine], formula, snapshots) == len(snapshots)


def test_sqlite_refuses_deep_nesting_with_its_own_error(engines: list[Engine]) -> None:
    """A known engine limit, documented in docs/sql.md: not ours to hide."""
    formula = agentlevels.compile("$answers / (" * 60 + "$chats" + ")" * 60 + " > 0")
    engine = engines[0]
    engine.load([dict.fromkeys(METRICS, 1)], METRICS, CATALOG)
    with pytest.raises(sqlite3.OperationalError, match="parser stack overflow"):
        engine.values([formula.to_sql("sqlite")])


@pytest.mark.parametrize(
    "dialect",
    [
        "bigquery",
        "clickhouse",
        "databricks",
        "duckdb",
        "hive",
        "mysql",
        "oracle",
        "postgres",
        "presto",
        "redshift",
        "snowflake",
        "spark",
        "sqlite",
        "trino",
        "tsql",
    ],
)
def test_every_common_dialect_renders(dialect: str) -> None:
    formula = agentlevels.compile(
        "($answers + $chats) / $worktime >= 12 && ($rewards_p > 80 || !$online)"
    )
    sql = formula.to_sql(dialect)
    assert "answers" in sql
    assert "worktime" in sql
