"""A badge set as one SQL query, awarding what :func:`agentlevels.award` awards."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, ThresholdRule, always_true
from agentlevels._errors import MissingWindowError, SQLError
from agentlevels._sql.generator import SQLGenerator, column_expression, formula_to_sql, table_name
from agentlevels._sql.pieces import SQLNode

__all__ = ["badges_to_sql"]


def badges_to_sql(
    badges: Iterable[Badge],
    tables_by_window: Mapping[str, str],
    *,
    dialect: str = "sqlite",
    agent_column: str = "agent_id",
    columns: Mapping[str, object] | None = None,
) -> str:
    """A query awarding ``badges`` the way :func:`agentlevels.award` does, in the database.

    ``tables_by_window`` maps each badge window (``"7d"``, ``"1d"``) to the
    table holding one row per agent for it; ``agent_column`` names the agent
    id column in those tables. The query returns one row per badge handed
    to an agent: ``badge_key``, ``agent_id`` and ``badge_value`` (the winning
    value of a comparative badge, ``NULL`` for a threshold badge), ordered by
    badge and agent.

    Comparative badges follow the same rules as in Python: an agent not
    eligible, or whose value is unknown or below the minimum, does not
    compete; every agent tied on the best value wins; a ``"most"`` badge
    is not awarded when every competing value is zero. Random badges are
    left out: a draw in the database could not be reproduced.
    """
    computable = _computable(badges, tables_by_window)
    query = _BadgeQuery(SQLGenerator(dialect, columns), dialect, columns, agent_column)
    parts = [
        query.part(position, badge, tables_by_window) for position, badge in enumerate(computable)
    ]
    exp = query.exp
    union: SQLNode = parts[0]
    for part in parts[1:]:
        union = exp.union(union, part, distinct=False)
    everything = exp.select(
        exp.column("badge_key"), exp.column("agent_id"), exp.column("badge_value")
    ).from_(union.subquery("awards"))
    # Every identifier built here is quoted; developer SQL arrives already rendered.
    ordered = everything.order_by("badge_position", "agent_id")
    return query.generator.render(ordered, identify=True)


def _computable(badges: Iterable[Badge], tables_by_window: object) -> list[Badge]:
    """The badges SQL can award (all but random ones), checked."""
    chosen = tuple(badges) if isinstance(badges, Iterable) else ()
    if not chosen:
        raise SQLError("badges_to_sql() needs at least one badge")
    for badge in chosen:
        if not isinstance(badge, Badge):
            raise SQLError(f"badges_to_sql() takes Badge objects, not {badge!r}")
    if not isinstance(tables_by_window, Mapping):
        raise SQLError("tables_by_window maps a window name ('7d') to a table name")
    computable = [badge for badge in chosen if not isinstance(badge.rule, RandomRule)]
    if not computable:
        raise SQLError("only random badges were given; SQL leaves random badges out")
    return computable


class _BadgeQuery:
    """Builds the ``SELECT`` of each badge; the parts are joined by ``UNION ALL``."""

    def __init__(
        self,
        generator: SQLGenerator,
        dialect: str,
        columns: Mapping[str, object] | None,
        agent_column: str,
    ) -> None:
        self.generator = generator
        self.exp = generator.exp
        self.dialect = dialect
        self.columns = columns
        self.agent = column_expression(generator, agent_column, "agent_column")

    def met(self, formula: object) -> SQLNode:
        return self.exp.Var(
            this=formula_to_sql(formula, self.dialect, self.columns, met_only=True)  # type: ignore[arg-type]
        )

    def part(self, position: int, badge: Badge, tables_by_window: Mapping[str, str]) -> SQLNode:
        exp = self.exp
        if badge.window not in tables_by_window:
            available = tuple(sorted(str(name) for name in tables_by_window))
            raise MissingWindowError(badge.key, badge.window, available)
        table = tables_by_window[badge.window]
        source = table_name(self.generator, table, f"the {badge.window} table")
        key = exp.alias_(exp.Literal.string(badge.key), "badge_key")
        order = exp.alias_(exp.Literal.number(str(position)), "badge_position")
        agent_id = exp.alias_(self.agent.copy(), "agent_id")
        rule = badge.rule
        if isinstance(rule, ThresholdRule):
            value = exp.alias_(exp.null(), "badge_value")
            return (
                exp.select(order, key, agent_id, value)
                .from_(source)
                .where(self.met(rule.condition))
            )
        if not isinstance(rule, ComparativeRule):
            raise SQLError(f"badge {badge.key!r} has a rule SQL cannot express: {rule!r}")
        ranked = self.ranked(rule, source, agent_id)
        return (
            exp.select(order, key, exp.column("agent_id"), exp.column("badge_value"))
            .from_(ranked.subquery("ranked"))
            .where(self.winners(rule))
        )

    def ranked(self, rule: ComparativeRule, source: SQLNode, agent_id: SQLNode) -> SQLNode:
        """Each competing agent's value beside the best, highest and lowest values."""
        exp = self.exp
        metric = self.generator.generate(rule.metric.node).sql
        scored = exp.select(agent_id, exp.alias_(exp.Var(this=metric), "badge_value")).from_(source)
        if not always_true(rule.eligible):
            scored = scored.where(self.met(rule.eligible))
        value = exp.column("badge_value")
        competing: SQLNode = exp.Not(this=exp.Is(this=value, expression=exp.null()))
        if rule.minimum is not None:
            bound = self.generator.raw(self.generator.literal(rule.minimum), 0)
            competing = exp.And(
                this=competing, expression=exp.GTE(this=value.copy(), expression=bound)
            )
        best = (exp.Max if rule.direction == "most" else exp.Min)(this=value.copy())
        return (
            exp.select(
                exp.column("agent_id"),
                value.copy(),
                exp.alias_(exp.Window(this=best), "best_value"),
                exp.alias_(exp.Window(this=exp.Max(this=value.copy())), "high_value"),
                exp.alias_(exp.Window(this=exp.Min(this=value.copy())), "low_value"),
            )
            .from_(scored.subquery("scored"))
            .where(competing)
        )

    def winners(self, rule: ComparativeRule) -> SQLNode:
        """The agents holding the best value; none for a "most" badge when all are zero."""
        exp = self.exp
        winners: SQLNode = exp.EQ(
            this=exp.column("badge_value"), expression=exp.column("best_value")
        )
        if rule.direction == "most":
            zero = exp.Literal.number("0")
            all_zero = exp.And(
                this=exp.EQ(this=exp.column("high_value"), expression=zero),
                expression=exp.EQ(this=exp.column("low_value"), expression=zero.copy()),
            )
            winners = exp.And(this=winners, expression=exp.Not(this=exp.Paren(this=all_zero)))
        return winners
