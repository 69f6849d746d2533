"""The QA metrics in SQL agree with Python, for the sample reviews and for random ones."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlevels import Checklist, ChecklistItem, Review, SQLError, presets, quality_to_sql
from agentlevels._documents import parse_document
from agentlevels._quality.files import reviews_from_dict
from agentlevels._quality.metrics import Window, quality_metrics
from agentlevels._values import Value
from tests.strategies_sql import DuckDBEngine, Engine, SQLiteEngine

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")

NOV = (datetime.date(2026, 11, 1), datetime.date(2026, 12, 1))


def sample_reviews() -> tuple[Review, ...]:
    text = resources.files("agentlevels").joinpath("data/sample_reviews.json").read_text("utf-8")
    return reviews_from_dict(parse_document(text, "json"))[1]


@pytest.fixture(scope="module")
def engines() -> list[Engine]:
    pytest.importorskip("duckdb", reason="the differential tests need duckdb (the test extra)")
    return [SQLiteEngine(), DuckDBEngine()]


def load(engine: Engine, reviews: Sequence[Review], table: str = "reviews") -> None:
    day = "TEXT" if engine.name == "sqlite" else "DATE"
    engine.execute(f"DROP TABLE IF EXISTS {table}")
    engine.execute(
        f"CREATE TABLE {table} (conversation_id TEXT, agent_id TEXT, reviewed_on {day}, "
        "item TEXT, result TEXT)"
    )
    # SQLite has no date type: ISO text, which compares in date order.
    rows = [
        (
            review.conversation,
            review.agent,
            review.reviewed_on.isoformat() if engine.name == "sqlite" else review.reviewed_on,
            item,
            result,
        )
        for review in reviews
        for item, result in review.results.items()
    ]
    engine.insert(table, ["conversation_id", "agent_id", "reviewed_on", "item", "result"], rows)


def same(python: Value, sql: object) -> bool:
    if python is None or sql is None:
        return python is None and sql is None
    assert isinstance(sql, int | float)
    assert not isinstance(python, bool)
    # Python's mean is exact; a database adds the review scores in its own order.
    return math.isclose(python, sql, rel_tol=1e-12, abs_tol=1e-12)


def agree(
    engine: Engine, checklist: Checklist, reviews: Sequence[Review], window: Window | None
) -> None:
    expected = quality_metrics(checklist, reviews, window=window)
    sql = quality_to_sql(checklist, "reviews", window=window, dialect=engine.dialect)
    rows = engine.query(sql)
    names = [metric.name for metric in checklist.metrics()]
    assert [row[0] for row in rows] == list(expected)
    for agent, *values in rows:
        for name, value in zip(names, values, strict=True):
            assert same(expected[agent][name], value), (engine.name, agent, name, value)


@pytest.mark.parametrize("window", [NOV, None], ids=["november", "all"])
def test_sample_reviews_agree(engines: list[Engine], window: Window | None) -> None:
    reviews = sample_reviews()
    for engine in engines:
        load(engine, reviews)
        agree(engine, presets.quality_checklist(), reviews, window)


def test_audit_checklist_with_critical_failures_agrees(engines: list[Engine]) -> None:
    checklist = presets.audit_checklist()
    passed = dict.fromkeys(checklist.keys, "pass")
    reviews = [
        Review("c1", "anna", "rasa", "2026-11-02", passed | {"formal_address": "fail"}),
        Review("c2", "anna", "rasa", "2026-11-03", passed | {"promotion_handled": "na"}),
        Review("c3", "boris", "rasa", "2026-11-04", dict.fromkeys(checklist.keys, "na")),
    ]
    for engine in engines:
        load(engine, reviews)
        agree(engine, checklist, reviews, NOV)


results = st.sampled_from(("pass", "fail", "na"))
weights = st.one_of(
    st.integers(min_value=1, max_value=1000),
    st.floats(min_value=0.01, max_value=1000).map(lambda w: round(w, 2)),
)


@st.composite
def checklists_and_reviews(draw: st.DrawFn) -> tuple[Checklist, list[Review]]:
    size = draw(st.integers(min_value=1, max_value=6))
    items = [
        ChecklistItem(
            f"i{n}",
            f"Item {n}",
            weight=draw(weights),
            critical=draw(st.booleans()),
            section=draw(st.sampled_from([None, "alpha", "beta"])),
        )
        for n in range(size)
    ]
    count = draw(st.integers(min_value=0, max_value=8))
    reviews = [
        Review(
            f"c{n}",
            draw(st.sampled_from(["anna", "boris", "chen"])),
            "rasa",
            datetime.date(2026, 11, 1) + datetime.timedelta(days=draw(st.integers(-3, 33))),
            {item.key: draw(results) for item in items},
        )
        for n in range(count)
    ]
    return Checklist("random", "Random", items), reviews


@given(drawn=checklists_and_reviews())
def test_random_reviews_agree(engines: list[Engine], drawn: tuple[Checklist, list[Review]]) -> None:
    checklist, reviews = drawn
    for engine in engines:
        load(engine, reviews)
        agree(engine, checklist, reviews, NOV)


def test_columns_can_be_renamed(engines: list[Engine]) -> None:
    checklist = presets.audit_checklist()
    reviews = [Review("c1", "anna", "rasa", "2026-11-02", dict.fromkeys(checklist.keys, "pass"))]
    engine = engines[0]
    load(engine, reviews, table="qa")
    engine.execute("ALTER TABLE qa RENAME COLUMN agent_id TO operator")
    sql = quality_to_sql(checklist, "qa", columns={"agent_id": "operator"})
    assert engine.query(sql)[0][:3] == ("anna", 100.0, 1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"columns": {"agent": "x"}}, "unknown column 'agent'"),
        ({"columns": {"agent_id": "1 +"}}, "not a SQL expression"),
        ({"window": ("2026-11-01", "2026-12-01")}, "window is"),
        ({"dialect": "nosuchsql"}, "dialect"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(SQLError, match=message):
        quality_to_sql(presets.audit_checklist(), "reviews", **kwargs)  # type: ignore[arg-type]
