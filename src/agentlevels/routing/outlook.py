"""What the queue means once it is served: which chat widgets show, which
retention steps are due, and the figures alert conditions see.
"""

from __future__ import annotations

import difflib
from typing import TypeAlias

from agentlevels._values import Value
from agentlevels.routing.model import Conversation
from agentlevels.routing.policy import RoutingPolicy, Scope
from agentlevels.routing.serve import ALL_OPERATORS, Groups, Offers, Served, Team


def retention_due(
    policy: RoutingPolicy, conversations: list[Conversation], offers: Offers, served: Served
) -> dict[str, tuple[str, ...]]:
    """Per waiting conversation, the retention actions its wait has reached."""
    retention: dict[str, tuple[str, ...]] = {}
    for position in served.waiting_rows:
        waited = offers.waited_of[position]
        due = tuple(step.action for step in policy.retention if waited >= step.after_s)
        if due:
            retention[conversations[position].id] = due
    return retention


def widget_visibility(
    policy: RoutingPolicy,
    conversations: list[Conversation],
    waiting_rows: list[int],
    eligible_of: list[frozenset[str]],
    groups: Groups,
    members: dict[str, list[int]],
    free: list[int],
) -> dict[str, bool]:
    """Per contact point: shown while free slots exceed what waits for them.

    The slots counted are those of the groups a new chat at the point can
    reach (:meth:`Groups.serving_at`), so a full first line hides the widget
    even when other groups visible at the point have room.
    """
    waiting_by_pool: dict[frozenset[str], int] = {}
    for position in waiting_rows:
        eligible = eligible_of[position]
        if eligible:
            waiting_by_pool[eligible] = waiting_by_pool.get(eligible, 0) + 1
    points: set[str] = {conversation.point for conversation in conversations}
    for group in policy.groups:
        points.update(group.points)
    # Many points share the same serving groups; each distinct set is summed once.
    shown_for: dict[frozenset[str], bool] = {frozenset(): False}
    widget: dict[str, bool] = {}
    for point in sorted(points):
        serving = groups.serving_at(point)
        visible = shown_for.get(serving)
        if visible is None:
            reach: set[int] = set()
            for key in serving:
                reach.update(members.get(key, ()))
            slots = sum(free[index] for index in reach)
            queued = sum(n for eligible, n in waiting_by_pool.items() if eligible & serving)
            within_cap = policy.max_queue is None or queued < policy.max_queue
            visible = shown_for[serving] = slots - queued > 0 and within_cap
        widget[point] = visible
    return widget


def membership_warnings(policy: RoutingPolicy, team: Team) -> list[str]:
    """What in the groups looks like a mistake: an operator listing a group the
    policy does not define (a misspelt key serves nothing), and a policy group
    no operator belongs to. Without groups in the policy there is nothing to say.
    """
    if not policy.groups:
        return []
    keys = sorted(group.key for group in policy.groups)
    warnings: list[str] = []
    for op in team.ops:
        for key in sorted(set(op.groups) - set(keys)):
            close = difflib.get_close_matches(key, keys, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            warnings.append(
                f"operator {op.id!r} is in group {key!r}, which the policy does not define: "
                f"they receive nothing through it{hint}"
            )
    for key in keys:
        if not team.members.get(key):
            warnings.append(f"group {key!r} has no members: nothing addressed to it can be served")
    return warnings


Figures: TypeAlias = dict[str, Value]


def alert_metrics(
    policy: RoutingPolicy,
    conversations: list[Conversation],
    offers: Offers,
    served: Served,
    team: Team,
    free: list[int],
) -> dict[Scope, dict[str, Figures]]:
    """The figures alert conditions see, per group and per channel."""
    norm = policy.wait_norm_s
    groups = {
        key: _group_figures(norm, team.members.get(key, []), team, free)
        for key in [group.key for group in policy.groups] or [ALL_OPERATORS]
    }
    channels: dict[str, Figures] = {}
    for tier in policy.channel_priority:
        for name in tier:
            channels[name] = _channel_figures(norm)
    # Every channel in the queue is a subject, even one seen only on blocked
    # visitors' conversations (which count toward no figure).
    for conversation in conversations:
        if conversation.channel not in channels:
            channels[conversation.channel] = _channel_figures(norm)
    for position in served.waiting_rows:
        waited = offers.waited_of[position]
        for metrics in _counted_in(groups, channels, norm, offers, conversations, position):
            metrics["queue_length"] = int(metrics["queue_length"] or 0) + 1
            if waited > (metrics["longest_wait_seconds"] or 0):
                metrics["longest_wait_seconds"] = waited
    for position in served.assigned_rows:
        for metrics in _counted_in(groups, channels, norm, offers, conversations, position):
            metrics["assigned"] = int(metrics["assigned"] or 0) + 1
    return {"group": groups, "channel": channels}


def _group_figures(norm: float, indices: list[int], team: Team, free: list[int]) -> Figures:
    return {
        "queue_length": 0,
        "longest_wait_seconds": 0,
        "wait_norm_seconds": norm,
        "free_slots": sum(free[index] for index in indices),
        "online_operators": sum(1 for index in indices if team.online[index]),
        "in_progress": sum(team.load[index] for index in indices),
        "assigned": 0,
    }


def _channel_figures(norm: float) -> Figures:
    # Loads are not split by channel, so operator figures are unknown here.
    return {
        "queue_length": 0,
        "longest_wait_seconds": 0,
        "wait_norm_seconds": norm,
        "free_slots": None,
        "online_operators": None,
        "in_progress": None,
        "assigned": 0,
    }


def _counted_in(
    groups: dict[str, Figures],
    channels: dict[str, Figures],
    norm: float,
    offers: Offers,
    conversations: list[Conversation],
    position: int,
) -> tuple[Figures, ...]:
    """The figures a queued conversation counts toward: its groups' and its channel's."""
    channel = conversations[position].channel
    found = channels.get(channel)
    if found is None:
        found = channels[channel] = _channel_figures(norm)
    return (*(groups[key] for key in offers.targets_of[position]), found)
