"""Awarding badges across a team, window by window."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import (
    ComparativeRule,
    RandomRule,
    Rule,
    ThresholdRule,
    always_true,
)
from agentlevels._errors import BadgeError, MissingWindowError, SnapshotError
from agentlevels._language.runtime import FLOAT_MAX

__all__ = ["Award", "Team", "award"]

_MISSING = object()
# An int is a valid value exactly when it is within float range (the formula
# refuses one beyond it), that is within these whole bounds.
_INT_MAX = int(FLOAT_MAX)
_INT_MIN = -_INT_MAX

Team: TypeAlias = Mapping[str, Mapping[str, Any]]


@attrs.frozen
class Award:
    """One badge handed out: to whom, for what value, over which window.

    ``agent_ids`` is sorted and holds every agent tied on the winning value.
    ``value`` is the winning metric value of a comparative badge, ``None``
    for threshold and random badges.
    """

    badge: Badge
    agent_ids: tuple[str, ...]
    value: int | float | None
    window: str

    @property
    def key(self) -> str:
        """The awarded badge's key."""
        return self.badge.key

    def to_dict(self) -> dict[str, Any]:
        """The award as JSON-ready data (the badge by its key)."""
        return {
            "badge": self.badge.key,
            "agent_ids": list(self.agent_ids),
            "value": self.value,
            "window": self.window,
        }


def award(
    badges: Iterable[Badge],
    windows: Mapping[str, Mapping[str, Mapping[str, Any]]],
    *,
    rng: random.Random | None = None,
) -> list[Award]:
    """Award ``badges`` over ``windows``; one :class:`Award` per badge handed out, in badge order.

    ``windows`` maps a window name (``"7d"``, ``"1d"``) to a team: agent id ->
    snapshot of that agent's metrics over the window. Every badge's window must
    be present, or :class:`MissingWindowError` names the badge and the window.

    Comparative badges: an agent who is not eligible, or whose metric is
    unknown or below ``minimum``, does not compete; there is no award when
    nobody competes or, for a ``"most"`` badge, when every competing value is
    zero; otherwise every agent holding the best value receives the badge.
    Threshold badges go to every agent whose condition is met. A random badge
    draws from ``rng`` (a fresh unseeded :class:`random.Random` when ``None``)
    as :class:`RandomRule` describes, once per badge, in badge order.

    Snapshot errors (a missing or malformed metric) propagate with a note
    naming the badge, the window and the agent.

    >>> from agentlevels import presets
    >>> cleaner = next(b for b in presets.badges() if b.key == "cleaner")
    >>> team = {"ann": {"resolved_tickets": 5, "deleted_tickets": 1},
    ...         "bob": {"resolved_tickets": 2, "deleted_tickets": 0}}
    >>> [(a.key, a.agent_ids, a.value) for a in award([cleaner], {"7d": team})]
    [('cleaner', ('ann',), 6)]
    """
    if isinstance(badges, Badge | str) or not isinstance(badges, Iterable):
        raise BadgeError(f"award() takes an iterable of Badge objects, not {badges!r}")
    if rng is not None and not isinstance(rng, random.Random):
        raise BadgeError(f"rng is a random.Random (random.Random(42)), not {rng!r}")
    chosen = tuple(badges)
    for badge in chosen:
        if not isinstance(badge, Badge):
            raise BadgeError(f"award() takes Badge objects, not {badge!r}")
    if not isinstance(windows, Mapping):
        raise BadgeError(
            f"windows maps a window name to {{agent id: snapshot}}, not {type(windows).__name__}"
        )
    teams: dict[str, Team] = {}
    for badge in chosen:
        if badge.window not in teams:
            if badge.window not in windows:
                available = tuple(sorted(str(name) for name in windows))
                raise MissingWindowError(badge.key, badge.window, available)
            teams[badge.window] = _team(badge.window, windows[badge.window])
    draw = rng if rng is not None else random.Random()
    awards: list[Award] = []
    for badge in chosen:
        result = _award_one(badge, teams[badge.window], draw)
        if result is not None:
            awards.append(result)
    return awards


def _team(window: str, team: object) -> Team:
    """The window's team, checked once for all the badges that read it."""
    if not isinstance(team, Mapping):
        raise BadgeError(f"window {window!r} maps agent id to snapshot, not {type(team).__name__}")
    for agent_id, snapshot in team.items():
        # ``type(...) is`` first: the common case skips the slower ABC check.
        if type(agent_id) is not str and not isinstance(agent_id, str):
            raise BadgeError(f"window {window!r}: agent ids are text, not {agent_id!r}")
        if type(snapshot) is not dict and not isinstance(snapshot, Mapping):
            raise SnapshotError(
                f"window {window!r}, agent {agent_id!r}: a snapshot maps metric names to "
                f"values, not {type(snapshot).__name__}"
            )
    return team


def _award_one(badge: Badge, team: Team, rng: random.Random) -> Award | None:
    rule = badge.rule
    # The rule's class, or for a subclass the nearest class the table knows.
    for cls in type(rule).__mro__:
        awarder = _AWARDERS.get(cls)
        if awarder is not None:
            return awarder(badge, rule, team, rng)
    raise BadgeError(f"badge {badge.key!r} has an unknown rule {rule!r}")


def _locate(error: SnapshotError, badge: Badge, agent_id: str | None) -> None:
    """Add to ``error`` which badge, window and agent were being awarded."""
    where = f"badge {badge.key!r}, window {badge.window!r}"
    if agent_id is not None:
        where += f", agent {agent_id!r}"
    error.add_note(f"while awarding {where}")


def _award_comparative(
    badge: Badge, rule: ComparativeRule, team: Team, rng: random.Random
) -> Award | None:
    most = rule.direction == "most"
    best: int | float | None = None
    winners: list[str] = []
    competing = 0
    # The hot path for large teams, so the loop is written out: a metric that is a
    # bare variable holding an int within float range (or None, unknown) is read
    # directly; anything else (a float, a missing, malformed or too large value,
    # any other formula) goes through the compiled formula, which is the authority
    # on values and errors.
    metric = rule.metric.evaluate
    name = rule.metric.node.name if isinstance(rule.metric.node, nodes.Variable) else None
    eligible = None if always_true(rule.eligible) else rule.eligible.evaluate
    minimum = rule.minimum
    value: Any
    agent_id: str | None = None
    try:
        for agent_id, snapshot in team.items():
            if eligible is not None and eligible(snapshot) is not True:
                continue
            if name is None:
                value = metric(snapshot)
            else:
                try:
                    value = snapshot[name]
                except Exception:
                    value = _MISSING
                if type(value) is not int or not _INT_MIN <= value <= _INT_MAX:
                    if value is None:
                        continue
                    value = metric(snapshot)
            if value is None or (minimum is not None and value < minimum):
                continue
            competing += 1
            if best is None or (value > best if most else value < best):
                best = value
                winners = [agent_id]
            elif value == best:
                winners.append(agent_id)
    except SnapshotError as error:
        _locate(error, badge, agent_id)
        raise
    if best is None:
        return None
    if most and best == 0 and len(winners) == competing:
        return None
    # Winners are sorted, not the team: input order never shows in the result.
    return Award(badge, tuple(sorted(winners)), best, badge.window)


def _award_threshold(
    badge: Badge, rule: ThresholdRule, team: Team, rng: random.Random
) -> Award | None:
    condition = rule.condition.evaluate
    holders: list[str] = []
    agent_id: str | None = None
    try:
        for agent_id, snapshot in team.items():
            if condition(snapshot) is True:
                holders.append(agent_id)
    except SnapshotError as error:
        _locate(error, badge, agent_id)
        raise
    if not holders:
        return None
    return Award(badge, tuple(sorted(holders)), None, badge.window)


def _award_random(badge: Badge, rule: RandomRule, team: Team, rng: random.Random) -> Award | None:
    hit = rng.random() < rule.probability
    eligible_now = rule.eligible.evaluate
    # Eligibility is checked even on a miss, so a bad snapshot fails every time.
    eligible_ids: list[str] = []
    # As for comparative rules: a bare boolean variable is read directly when it holds a bool.
    node = rule.eligible.node
    flag = node.name if isinstance(node, nodes.Variable) else None
    met: Any
    agent_id: str | None = None
    try:
        for agent_id, snapshot in team.items():
            if flag is None:
                met = eligible_now(snapshot)
            else:
                try:
                    met = snapshot[flag]
                except Exception:
                    met = _MISSING
                if type(met) is not bool:
                    met = eligible_now(snapshot)
            if met is True:
                eligible_ids.append(agent_id)
    except SnapshotError as error:
        _locate(error, badge, agent_id)
        raise
    if not hit or not eligible_ids:
        return None
    eligible_ids.sort()
    winner = eligible_ids[rng.randrange(len(eligible_ids))]
    return Award(badge, (winner,), None, badge.window)


# One awarder per rule class; every class of RULE_CLASSES has an entry.
_AWARDERS: dict[type[Rule], Callable[[Badge, Any, Team, random.Random], Award | None]] = {
    ComparativeRule: _award_comparative,
    ThresholdRule: _award_threshold,
    RandomRule: _award_random,
}
