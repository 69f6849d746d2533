"""A level scheme as one SQL query: every row of a table gets its level."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from agentlevels._sql.generator import SQLGenerator, column_expression, table_name
from agentlevels._sql.pieces import SQLNode

if TYPE_CHECKING:
    from agentlevels._levels.scheme import LevelScheme

__all__ = ["scheme_to_sql"]


def scheme_to_sql(
    scheme: LevelScheme,
    table: str,
    *,
    current_level_column: str | None = None,
    dialect: str = "sqlite",
    columns: Mapping[str, object] | None = None,
) -> str:
    """A query giving every row of ``table`` its level, as :meth:`LevelScheme.evaluate` does.

    The result has the table's columns plus ``level_rank`` (0 when no level
    is reached) and ``level_key``. ``current_level_column`` names the column
    holding the rank already held (``NULL`` or 0: none); the level is never
    below it. ``columns`` maps metric names to column expressions.
    """
    generator = SQLGenerator(dialect, columns)
    exp = generator.exp
    source = table_name(generator, table, "table")
    # Highest level first: CASE takes the first branch whose condition is TRUE,
    # so an unknown condition is not met.
    branches = [
        exp.If(
            this=exp.Var(this=generator.generate(formula.node).sql),
            true=exp.Literal.number(str(rank)),
        )
        for rank, formula in reversed(list(enumerate(scheme.formulas, start=1)))
    ]
    rank: SQLNode = exp.Case(ifs=branches, default=exp.Literal.number("0"))
    if current_level_column is not None:
        held = column_expression(generator, current_level_column, "current_level_column")
        held = exp.Coalesce(this=held, expressions=[exp.Literal.number("0")])
        rank = exp.Greatest(this=rank, expressions=[held])
    inner = exp.select(exp.Star(), exp.alias_(rank, "level_rank")).from_(source)
    key = exp.Case(
        this=exp.column("level_rank", table="ranked"),
        ifs=[
            exp.If(this=exp.Literal.number(str(level.rank)), true=exp.Literal.string(level.key))
            for level in scheme.levels
        ],
    )
    outer = exp.select(
        exp.Column(this=exp.Star(), table=exp.to_identifier("ranked")),
        exp.alias_(key, "level_key"),
    ).from_(inner.subquery("ranked"))
    # Every identifier built here is quoted; developer SQL arrives already rendered.
    return generator.render(outer, identify=True)
