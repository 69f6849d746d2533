"""The QA metrics as one SQL query over a table of review results.

The table holds one row per item of each review (the long layout a
helpdesk's database or a spreadsheet export has): ``conversation_id``,
``agent_id``, ``reviewed_on`` (a date, or ISO text ``2026-11-03`` in
SQLite), ``item`` (the item key) and ``result`` (``pass``, ``fail`` or
``na``). The checklist's keys, weights, critical items and sections enter
the query as literals; rows for items the checklist does not have are
ignored (check the reviews with :func:`agentlevels.load_reviews` first).
"""

from __future__ import annotations

from collections.abc import Mapping

from agentlevels._errors import SQLError
from agentlevels._quality.checklist import Checklist, ChecklistItem
from agentlevels._quality.metrics import Window, check_window
from agentlevels._sql.generator import SQLGenerator, column_expression, table_name
from agentlevels._sql.pieces import SQLNode

__all__ = ["REVIEW_COLUMNS", "quality_to_sql"]

REVIEW_COLUMNS = ("conversation_id", "agent_id", "reviewed_on", "item", "result")
"""The columns of a review results table, as ``columns`` may rename them."""


class _Builder:
    """The pieces of the query, for one checklist, dialect and column mapping."""

    def __init__(self, generator: SQLGenerator, columns: Mapping[str, object] | None) -> None:
        self.generator = generator
        self.exp = generator.exp
        self.columns = self._columns(columns or {})

    def _columns(self, columns: Mapping[str, object]) -> dict[str, SQLNode]:
        if not isinstance(columns, Mapping):
            raise SQLError(f"columns maps {', '.join(REVIEW_COLUMNS)} to SQL, not {columns!r}")
        unknown = [name for name in columns if name not in REVIEW_COLUMNS]
        if unknown:
            raise SQLError(
                f"columns: unknown column {unknown[0]!r} (known: {', '.join(REVIEW_COLUMNS)})"
            )
        # Developer SQL is rendered once, as it was written (its own quoting and
        # case folding); every identifier the query builds itself is quoted.
        return {
            name: self.exp.Var(
                this=self.generator.render(
                    column_expression(self.generator, columns[name], f"columns[{name!r}]")
                )
            )
            if name in columns
            else self.exp.column(name)
            for name in REVIEW_COLUMNS
        }

    def text(self, value: str) -> SQLNode:
        return self.exp.Literal.string(value)

    def number(self, value: float) -> SQLNode:
        return self.exp.Var(this=self.generator.literal(value).sql)

    def one_of(self, items: list[ChecklistItem]) -> SQLNode:
        return self.exp.In(
            this=self.columns["item"].copy(),
            expressions=[self.text(item.key) for item in items],
        )

    def result_is(self, *results: str) -> SQLNode:
        return self.exp.In(
            this=self.columns["result"].copy(), expressions=[self.text(r) for r in results]
        )

    def weight(self, items: list[ChecklistItem]) -> SQLNode:
        """The row's weight if its item is one of ``items``, else ``NULL`` (which ``SUM`` skips)."""
        ifs = [
            self.exp.If(this=self.text(item.key), true=self.number(item.weight)) for item in items
        ]
        return self.exp.Case(this=self.columns["item"].copy(), ifs=ifs)

    def weighted_sum(self, condition: SQLNode, weight: SQLNode) -> SQLNode:
        """``SUM`` of the weights of the rows meeting ``condition``; 0 when none do."""
        case = self.exp.Case(
            ifs=[self.exp.If(this=condition, true=weight.copy())],
            default=self.exp.Literal.number("0"),
        )
        return self.exp.Sum(this=case)

    def percent(self, part: SQLNode, whole: SQLNode) -> SQLNode:
        """``100 * part / whole`` in double precision; ``NULL`` when ``whole`` is 0."""
        exp = self.exp
        share = exp.Div(
            this=exp.Mul(
                this=exp.Cast(this=part, to=self.generator.double()),
                expression=exp.Literal.number("100"),
            ),
            expression=exp.Nullif(this=whole, expression=exp.Literal.number("0")),
        )
        return exp.Paren(this=share)


def _scored(
    builder: _Builder, checklist: Checklist, source: SQLNode, window: Window | None
) -> SQLNode:
    """One row per review: its agent, weights passed and applicable, critical failure."""
    exp = builder.exp
    weight = builder.weight(list(checklist.items))
    passed = builder.result_is("pass")
    applicable = builder.result_is("pass", "fail")
    critical = [item for item in checklist.items if item.critical]
    failed_critically: SQLNode = exp.Literal.number("0")
    if critical:
        condition = exp.And(this=builder.result_is("fail"), expression=builder.one_of(critical))
        failed_critically = exp.Max(
            this=exp.Case(
                ifs=[exp.If(this=condition, true=exp.Literal.number("1"))],
                default=exp.Literal.number("0"),
            )
        )
    selected = [
        exp.alias_(builder.columns["agent_id"].copy(), "agent_id"),
        exp.alias_(builder.weighted_sum(passed, weight), "passed"),
        exp.alias_(builder.weighted_sum(applicable, weight), "applicable"),
        exp.alias_(failed_critically, "critical"),
    ]
    for index, section in enumerate(checklist.sections):
        in_section = builder.weight([item for item in checklist.items if item.section == section])
        for name, results in (("passed", passed), ("applicable", applicable)):
            total = builder.weighted_sum(results, in_section)
            selected.append(exp.alias_(total, f"s{index}_{name}"))
    query = exp.select(*selected).from_(source).where(builder.one_of(list(checklist.items)))
    if window is not None:
        day = builder.columns["reviewed_on"]
        query = query.where(exp.GTE(this=day.copy(), expression=builder.text(str(window[0]))))
        query = query.where(exp.LT(this=day.copy(), expression=builder.text(str(window[1]))))
    return query.group_by(
        builder.columns["agent_id"].copy(), builder.columns["conversation_id"].copy()
    )


def _per_agent(builder: _Builder, checklist: Checklist, scored: SQLNode) -> SQLNode:
    """The metrics per agent from the rows of :func:`_scored`, in ``agent_id`` order."""
    exp = builder.exp

    def column(name: str) -> SQLNode:
        return exp.column(name, table="scored")

    score = exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(this=column("critical"), expression=exp.Literal.number("1")),
                true=exp.Cast(this=exp.Literal.number("0"), to=builder.generator.double()),
            )
        ],
        default=builder.percent(column("passed"), column("applicable")),
    )
    selected = [
        column("agent_id"),
        exp.alias_(exp.Avg(this=score), "qa_score_p"),
        exp.alias_(exp.Count(this=exp.Star()), "qa_reviews"),
        exp.alias_(exp.Sum(this=column("critical")), "qa_critical_fails"),
    ]
    for index, section in enumerate(checklist.sections):
        share = builder.percent(
            exp.Sum(this=column(f"s{index}_passed")), exp.Sum(this=column(f"s{index}_applicable"))
        )
        selected.append(exp.alias_(share, f"qa_{section}_pass_p"))
    return (
        exp.select(*selected)
        .from_(scored)
        .group_by(column("agent_id"))
        .order_by(column("agent_id"))
    )


def quality_to_sql(
    checklist: Checklist,
    table: str,
    *,
    window: Window | None = None,
    dialect: str = "sqlite",
    columns: Mapping[str, object] | None = None,
) -> str:
    """A query computing :func:`~agentlevels.quality_metrics` per agent from ``table``.

    One row per agent reviewed in ``window`` (``None``: every review), in
    ``agent_id`` order, with ``agent_id``, then the metrics in the order of
    :meth:`Checklist.metrics`: ``qa_score_p``, ``qa_reviews``,
    ``qa_critical_fails`` and ``qa_<section>_pass_p`` per section. Agents
    with no review have no row: join the result to the team with a ``LEFT
    JOIN`` and their metrics are ``NULL``, unknown, as in Python.
    ``columns`` renames the table's columns (:data:`REVIEW_COLUMNS`).
    """
    if not isinstance(checklist, Checklist):
        raise SQLError(f"quality_to_sql() takes a Checklist, not {checklist!r}")
    try:
        chosen = check_window(window)
    except ValueError as error:
        raise SQLError(str(error)) from None
    generator = SQLGenerator(dialect)
    builder = _Builder(generator, columns)
    source = table_name(generator, table, "table")
    scored = _scored(builder, checklist, source, chosen).subquery("scored")
    return generator.render(_per_agent(builder, checklist, scored), identify=True)
