"""The SQL backend for formulas on Apache Spark (local mode): the same answers as Python.

Run by ``make test-spark``; skipped otherwise (``pytest -ra`` prints why).
The golden file, the hypothesis properties of ``tests/test_sql.py`` and the
edge cases run here too. A Spark query costs a few hundred milliseconds
even on a handful of rows, so hypothesis draws every case first and Spark
evaluates them in a few batched queries; a disagreement is reported with
its formula, snapshot and SQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

import agentlevels
from agentlevels import Metric, format_node, nodes
from tests.golden import load_golden
from tests.spark_engine import Case, SparkEngine, check_cases
from tests.strategies import BOOLEAN_METRICS, CATALOG, NUMBER_METRICS, boolean_formulas
from tests.strategies import number_formulas as number_trees
from tests.strategies_sql import Snapshot, exact_domain, snapshot_lists

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")

METRICS = (*NUMBER_METRICS, *BOOLEAN_METRICS)
EXACT = 2**53


@pytest.fixture(scope="module")
def engine(spark: Any) -> SparkEngine:
    return SparkEngine(spark)


def in_domain(formula: agentlevels.Formula, rows: list[Snapshot]) -> tuple[Snapshot, ...]:
    return tuple(row for row in rows if exact_domain(formula.node, row).exact)


def assert_agree(engine: SparkEngine, cases: list[Case], **options: Any) -> None:
    metrics = options.pop("metrics", METRICS)
    catalog = options.pop("catalog", CATALOG)
    failures = check_cases(engine, cases, metrics, catalog, **options)
    checked = sum(len(case.rows) for case in cases)
    assert not failures, f"{len(failures)} of {checked} rows disagree:\n" + "\n".join(failures)


# ------------------------------------------------------------------ differential


def drawn_cases(kind: str) -> list[Case]:
    """The cases hypothesis draws for ``test_sql.py``'s property of the same kind."""
    cases: list[Case] = []
    trees = boolean_formulas() if kind == "boolean" else number_trees()

    @given(trees, snapshot_lists())
    def draw(tree: nodes.Node, snapshots: list[Snapshot]) -> None:
        formula = agentlevels.compile(format_node(tree), catalog=CATALOG, kind=kind)
        cases.append(Case(f"drawn {len(cases)}", formula, in_domain(formula, snapshots)))

    draw()
    return cases


@pytest.mark.parametrize("kind", ["boolean", "number"])
def test_drawn_formulas_agree_with_python(engine: SparkEngine, kind: str) -> None:
    cases = drawn_cases(kind)
    assert len(cases) >= 100
    assert_agree(engine, cases)


def test_golden_formulas_agree_with_python(engine: SparkEngine) -> None:
    chosen = [case for case in load_golden() if case.values and case.compiles]
    assert {case.catalog for case in chosen} == {"default"}
    catalog = agentlevels.DEFAULT_CATALOG
    metrics = sorted({name for case in chosen for v in case.values for name in v.snapshot})
    metrics = sorted(set(metrics) | {"answers"})
    cases = []
    for golden in chosen:
        formula = agentlevels.compile(golden.formula, catalog=catalog, kind=golden.kind)
        rows = [{**dict.fromkeys(metrics), **value.snapshot} for value in golden.values]
        for row, value in zip(rows, golden.values, strict=True):
            assert formula.evaluate(row) == value.evaluate, golden.id
        cases.append(Case(golden.id, formula, in_domain(formula, rows)))
    assert len(cases) == len(chosen) > 80
    assert_agree(engine, cases, metrics=metrics, catalog=catalog)


EDGE_CASES: list[tuple[str, list[Snapshot], bool | None]] = [
    # overflow is unknown: Spark computes Infinity
    ("$answers * 10 > 1", [{"answers": 1e308}], None),
    ("$answers * $chats > 1", [{"answers": 1e300, "chats": 1e300}], None),
    ("$answers * $chats - $answers * $chats == 0", [{"answers": 1e300, "chats": -1e300}], None),
    ("$answers / ($chats * $chats) >= 0", [{"answers": 1, "chats": 1e300}], None),
    ("$answers / ($chats * $chats * 10) < 1", [{"answers": 1, "chats": 1e300}], None),
    # division by zero is unknown: Spark raises DIVIDE_BY_ZERO in ANSI mode
    ("$answers / $chats > 0 || $online", [{"answers": 1, "chats": 0, "online": True}], True),
    ("$answers / $chats > 0 && !$online", [{"answers": 1, "chats": 0, "online": True}], False),
    ("$answers / $chats > 0 && !$online", [{"answers": 1, "chats": -0.0, "online": False}], None),
    ("$answers / ($chats - $worktime) > 0", [{"answers": 1, "chats": 5, "worktime": 5}], None),
    ("$answers / -$chats < 0", [{"answers": 1, "chats": 0}], None),
    # true division, and decimal literals meeting doubles
    ("$answers / 2 == 2.5", [{"answers": 5}], True),
    ("$answers * 0.1 > 0.3", [{"answers": 3}], True),
    ("$answers + 0.1 > 0.3", [{"answers": 0.2}], True),
    ("$answers + 0.1 > 0.3", [{"answers": 0.1}], False),
    ("1 / 49 * $answers == $answers / 49", [{"answers": 49}], False),
    # integers at the edge of the exact range
    ("-$answers < 0", [{"answers": EXACT}], True),
    ("$answers - 1 < $chats", [{"answers": EXACT, "chats": EXACT}], True),
    ("$answers - $chats == 1", [{"answers": -EXACT + 1, "chats": -EXACT}], True),
    ("$answers + $chats == 0", [{"answers": EXACT, "chats": -EXACT}], True),
    # unknowns and three-valued logic
    ("!($online == $busy)", [{"online": True, "busy": None}], None),
    ("$answers > 1 || $online", [{"answers": None, "online": True}], True),
    ("$nps < -50", [{"nps": -60}], True),
]


def edge_rows(snapshots: list[Snapshot]) -> tuple[Snapshot, ...]:
    return tuple({**dict.fromkeys(METRICS), **snapshot} for snapshot in snapshots)


def test_edge_cases_agree_with_python(engine: SparkEngine) -> None:
    cases = []
    for text, snapshots, expected in EDGE_CASES:
        formula = agentlevels.compile(text, catalog=CATALOG)
        rows = edge_rows(snapshots)
        assert formula.evaluate(rows[0]) is expected, text
        cases.append(Case(text, formula, rows))
    assert_agree(engine, cases)


BIGINT_CASES: list[tuple[str, int | None, int | None, int | None]] = [
    ("$answers >= $chats", EXACT, EXACT - 1, None),
    ("$answers > $chats", -EXACT + 1, -EXACT, None),
    ("$answers - $chats == 1", EXACT, EXACT - 1, None),
    ("$answers - $chats == $worktime", -EXACT, -EXACT, 0),
    ("$answers / $chats == 1", EXACT, EXACT, None),
    ("$answers / $chats > 1", 7, 0, None),
    ("$answers / $chats == 3.5", 7, 2, None),
    ("$answers > 0.5", 1, None, None),
    ("$answers * $chats == $worktime", 2**26, 2**26, 2**52),
    ("-$answers == $chats", EXACT, -EXACT, None),
    ("$answers >= 100000000000000", 10**14, None, None),
]


def test_bigint_columns_near_two_to_the_53(engine: SparkEngine) -> None:
    """Warehouse counts are BIGINT: comparisons keep the column's type, arithmetic is double."""
    cases = []
    for text, answers, chats, calls in BIGINT_CASES:
        formula = agentlevels.compile(text, catalog=CATALOG)
        rows = edge_rows([{"answers": answers, "chats": chats, "worktime": calls}])
        assert exact_domain(formula.node, rows[0]).exact, text
        cases.append(Case(text, formula, rows))
    assert_agree(engine, cases, integer_metrics={"answers", "chats", "worktime"})


DEEP = {
    "or-chain": " || ".join(f"$answers >= {n}" for n in range(249)),
    "and-chain": " && ".join(f"$answers >= {n}" for n in range(249)) + " || $online",
    "sum-chain": " + ".join("$answers" for _ in range(480)) + " > 0",
    "division-chain": " / ".join(["$answers"] * 480) + " > 0",
    "nested-sums": "$answers - (" * 99 + "$chats" + ")" * 99 + " > 0",
    "nested-divisions": "$answers / (" * 99 + "$chats" + ")" * 99 + " > 0",
    "nested-not": "!(" * 49 + "$online" + ")" * 49,
    "not-not": "!" * 99 + "$online",
    "nested-negation": "-(" * 49 + "$answers" + ")" * 49 + " > 0",
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_formulas_run(engine: SparkEngine, name: str) -> None:
    """The language's limits in Spark's parser, analyser and generated code."""
    formula = agentlevels.compile(DEEP[name], catalog=CATALOG)
    rows = []
    for value in (None, 0, 1, 2.5, -3):
        row: Snapshot = dict.fromkeys(METRICS, value)
        row["online"] = row["busy"] = True
        rows.append(row)
    assert_agree(engine, [Case(name, formula, tuple(rows))])


def test_metric_names_that_are_spark_keywords(engine: SparkEngine) -> None:
    """Every word Spark lists as a keyword, used as a metric name, reads its own column."""
    words = [row[0].lower() for row in engine.query("SELECT keyword FROM sql_keywords()")]
    names = sorted({word for word in words if word.isidentifier()})
    assert len(names) > 300
    catalog = agentlevels.DEFAULT_CATALOG.extend([Metric(name) for name in names], replace=False)
    row: Snapshot = {name: float(index) for index, name in enumerate(names)}
    cases = []
    for start in range(0, len(names), 50):  # 50 keywords a formula: a few queries in all
        group = names[start : start + 50]
        text = " && ".join(f"${name} + 1 > {index + start}" for index, name in enumerate(group))
        formula = agentlevels.compile(text, catalog=catalog)
        assert formula.evaluate(row) is True
        cases.append(Case(f"keywords {group[0]}..{group[-1]}", formula, (row,)))
    assert_agree(engine, cases, metrics=names, catalog=catalog)
