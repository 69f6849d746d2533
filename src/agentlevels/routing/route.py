"""The routing decision: one pure function from policy, operators and queue to a decision.

The queue is served in a fixed order; each conversation takes the best
operator of its *pool* (the online operators of the groups it may go to).
Each distinct pool keeps a binary heap of its operators with free slots,
keyed by the distribution's preference, so a pick costs ``O(log m)``
instead of a scan of every operator. An operator in several pools is
pushed again into each of them after a pick; older entries are recognised
by a version number and dropped when they surface ("lazy deletion").
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeAlias

import attrs

from agentlevels._errors import RoutingError
from agentlevels._values import FrozenMap, Value
from agentlevels.routing.alerts import FiredAlert, fire_alerts
from agentlevels.routing.fields import is_seconds, shown
from agentlevels.routing.model import Conversation, Operator, Overflow
from agentlevels.routing.policy import RoutingPolicy, Scope

WaitReason: TypeAlias = Literal["blocked-visitor", "no-group", "no-operator-online", "no-free-slot"]
WAIT_REASONS: tuple[WaitReason, ...] = (
    "blocked-visitor",
    "no-group",
    "no-operator-online",
    "no-free-slot",
)

# With no groups in the policy, every operator serves every contact point as
# one implicit visible group; it shows under this key in alerts.
ALL_OPERATORS = "*"

# Recency tiers: never assigned, assigned before this call, assigned in this call.
_NEVER, _BEFORE, _NOW = 0, 1, 2


@attrs.frozen
class Waiting:
    """A conversation left in the queue, with why.

    ``reason`` is one of ``"blocked-visitor"``, ``"no-group"`` (no group
    serves its contact point), ``"no-operator-online"`` (none of its groups'
    members is online) and ``"no-free-slot"``. ``priority`` is its class after
    aging (0 is the highest); ``waited_s`` is how long it has waited.
    """

    conversation: str
    reason: WaitReason
    priority: int
    waited_s: float

    def to_dict(self) -> dict[str, object]:
        """The entry as JSON-ready data."""
        return {
            "conversation": self.conversation,
            "reason": self.reason,
            "priority": self.priority,
            "waited_s": self.waited_s,
        }


@attrs.frozen
class RoutingDecision:
    """What :func:`route` decided.

    * ``assignments``: ``(conversation id, operator id)`` pairs, in pick order.
    * ``waiting``: everything not assigned, in offer order, with reasons.
    * ``loads``: projected load of every operator, by id.
    * ``limits``: the limit that applied to every operator, by id.
    * ``widget_visible``: per contact point, whether to show the chat widget.
    * ``retention``: per waiting conversation, the retention actions now due.
    * ``alerts``: the alerts whose conditions are met.
    """

    assignments: tuple[tuple[str, str], ...]
    waiting: tuple[Waiting, ...]
    loads: Mapping[str, int]
    limits: Mapping[str, int]
    widget_visible: Mapping[str, bool]
    retention: Mapping[str, tuple[str, ...]]
    alerts: tuple[FiredAlert, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON-ready data."""
        return {
            "assignments": [
                {"conversation": conversation, "operator": operator}
                for conversation, operator in self.assignments
            ],
            "waiting": [entry.to_dict() for entry in self.waiting],
            "loads": dict(self.loads),
            "limits": dict(self.limits),
            "widget_visible": dict(self.widget_visible),
            "retention": {key: list(actions) for key, actions in self.retention.items()},
            "alerts": [alert.to_dict() for alert in self.alerts],
        }


class _Pool:
    """The operators one set of groups can reach, as a heap of those with free slots."""

    __slots__ = ("heap", "online")

    def __init__(self) -> None:
        self.heap: list[tuple[Any, ...]] = []
        self.online = 0


def _sequence_of(kind: type[Operator] | type[Conversation], name: str, value: object) -> list[Any]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise RoutingError(f"{name} must be a list of {kind.__name__}, not {type(value).__name__}")
    items = list(value)
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, kind):
            raise RoutingError(f"{name} must hold {kind.__name__} objects, not {shown(item)}")
        if item.id in seen:
            raise RoutingError(f"{name}: id {item.id!r} appears twice")
        seen.add(item.id)
    return items


def route(
    policy: RoutingPolicy,
    operators: Iterable[Operator],
    queue: Iterable[Conversation],
    *,
    now: float,
) -> RoutingDecision:
    """Decide who takes which waiting conversation, and what else is due now.

    Pure and deterministic: the same inputs in any order give the same
    decision, and nothing passed in is changed. See ``docs/routing.md``.

    >>> policy = RoutingPolicy()
    >>> team = [Operator("anna", (), load=1), Operator("boris", ())]
    >>> queue = [Conversation("c1", "website", "site", arrived_at=0)]
    >>> route(policy, team, queue, now=5).assignments
    (('c1', 'boris'),)
    """
    if not isinstance(policy, RoutingPolicy):
        raise RoutingError(f"policy must be a RoutingPolicy, not {shown(policy)}")
    if not is_seconds(now):
        raise RoutingError(f"now must be a number of seconds within ±1e15, not {shown(now)}")
    ops: list[Operator] = sorted(
        _sequence_of(Operator, "operators", operators), key=lambda op: op.id
    )
    conversations: list[Conversation] = _sequence_of(Conversation, "queue", queue)

    # --- groups, membership and limits ---
    open_mode = not policy.groups
    group_keys = {group.key for group in policy.groups}
    first_line_at: dict[str, set[str]] = {}
    visible_at: dict[str, set[str]] = {}
    for group in policy.groups:
        for point in group.points:
            if group.first_line:
                first_line_at.setdefault(point, set()).add(group.key)
            if group.visible:
                visible_at.setdefault(point, set()).add(group.key)
    rings: dict[str, list[Overflow]] = {}
    for ring in policy.overflow:
        rings.setdefault(ring.group, []).append(ring)

    count = len(ops)
    limit = [policy.limits.limit_for(op) for op in ops]
    load = [op.load for op in ops]
    online = [op.online for op in ops]
    tier = [_NEVER if op.last_assigned is None else _BEFORE for op in ops]
    stamp: list[float] = [0 if op.last_assigned is None else op.last_assigned for op in ops]
    version = [0] * count
    members: dict[str, list[int]] = {}
    if open_mode:
        members[ALL_OPERATORS] = list(range(count))
    else:
        for index, op in enumerate(ops):
            for key in op.groups:
                if key in group_keys:
                    members.setdefault(key, []).append(index)

    distribution = policy.distribution

    def entry(index: int) -> tuple[Any, ...]:
        # Smaller is better; the operator's index (ids sorted) ends every key, so
        # keys never tie and the version that follows is never compared.
        if distribution == "most_free_slots":
            return (load[index] - limit[index], tier[index], stamp[index], index, version[index])
        if distribution == "most_free_ratio":
            share = (load[index] - limit[index]) / limit[index]
            return (share, tier[index], stamp[index], index, version[index])
        return (tier[index], stamp[index], index, version[index])

    # --- what each conversation may reach, and the offer order ---
    point_targets: dict[str, frozenset[str]] = {}

    def targets_at(point: str) -> frozenset[str]:
        found = point_targets.get(point)
        if found is None:
            if open_mode:
                found = frozenset((ALL_OPERATORS,))
            elif point in first_line_at:
                found = frozenset(first_line_at[point])
            else:
                found = frozenset(visible_at.get(point, ()))
            point_targets[point] = found
        return found

    class_of: dict[str, int] = {}
    step = policy.aging_step_s
    blocked = policy.blocked_visitors
    rows: list[tuple[int, float, str, int]] = []
    waited_of: list[float] = []
    targets_of: list[frozenset[str]] = []
    eligible_of: list[frozenset[str]] = []
    for position, conversation in enumerate(conversations):
        waited = max(0, now - conversation.arrived_at)
        base = class_of.get(conversation.channel)
        if base is None:
            base = class_of[conversation.channel] = policy.priority_class(conversation.channel)
        lifted = base
        if step is not None:
            steps = waited / step  # may be inf for a tiny step: then simply class 0
            lifted = 0 if steps >= base else base - math.floor(steps)
        if conversation.group is not None:
            if conversation.group not in group_keys:
                raise RoutingError(
                    f"conversation {conversation.id!r} is addressed to unknown group "
                    f"{conversation.group!r}"
                )
            targets = frozenset((conversation.group,))
        else:
            targets = targets_at(conversation.point)
        eligible = targets
        if rings:
            helpers = [
                ring.helpers
                for key in targets
                for ring in rings.get(key, ())
                if waited >= ring.after_s
            ]
            if helpers:
                eligible = targets.union(*helpers)
        rows.append((lifted, conversation.arrived_at, conversation.id, position))
        waited_of.append(waited)
        targets_of.append(targets)
        eligible_of.append(eligible)
    rows.sort()

    # --- serve the queue in offer order ---
    pools: dict[frozenset[str], _Pool] = {}
    pools_of: list[list[_Pool]] = [[] for _ in range(count)]

    def pool_for(eligible: frozenset[str]) -> _Pool:
        pool = pools.get(eligible)
        if pool is None:
            pool = pools[eligible] = _Pool()
            reach: set[int] = set()
            for key in eligible:
                reach.update(members.get(key, ()))
            for index in reach:
                if online[index]:
                    pool.online += 1
                    pools_of[index].append(pool)
                    if load[index] < limit[index]:
                        pool.heap.append(entry(index))
            heapq.heapify(pool.heap)
        return pool

    assignments: list[tuple[str, str]] = []
    waiting: list[Waiting] = []
    waiting_rows: list[int] = []
    assigned_rows: list[int] = []
    picks = 0
    for lifted, _, conversation_id, position in rows:
        conversation = conversations[position]
        eligible = eligible_of[position]
        reason: WaitReason
        if conversation.visitor is not None and conversation.visitor in blocked:
            reason = "blocked-visitor"
        elif not eligible:
            reason = "no-group"
        else:
            pool = pool_for(eligible)
            heap = pool.heap
            while heap and heap[0][-1] != version[heap[0][-2]]:
                heapq.heappop(heap)
            if heap:
                index = heapq.heappop(heap)[-2]
                picks += 1
                load[index] += 1
                version[index] += 1
                tier[index] = _NOW
                stamp[index] = picks
                if load[index] < limit[index]:
                    fresh = entry(index)
                    for other in pools_of[index]:
                        heapq.heappush(other.heap, fresh)
                assignments.append((conversation_id, ops[index].id))
                assigned_rows.append(position)
                continue
            reason = "no-free-slot" if pool.online else "no-operator-online"
        waiting.append(Waiting(conversation_id, reason, lifted, waited_of[position]))
        if reason != "blocked-visitor":
            waiting_rows.append(position)

    # --- what the queue now means for widgets, retention and alerts ---
    def free_of(index: int) -> int:
        return max(0, limit[index] - load[index]) if online[index] else 0

    free = [free_of(index) for index in range(count)]
    widget = _widget_visibility(
        policy, conversations, waiting_rows, eligible_of, visible_at, members, free
    )
    retention: dict[str, tuple[str, ...]] = {}
    for position in waiting_rows:
        due = tuple(
            step_.action for step_ in policy.retention if waited_of[position] >= step_.after_s
        )
        if due:
            retention[conversations[position].id] = due

    metrics = _alert_metrics(
        policy,
        conversations,
        waiting_rows,
        assigned_rows,
        waited_of,
        targets_of,
        members,
        load,
        free,
        online,
    )
    alerts = fire_alerts(policy.alerts, metrics)

    return RoutingDecision(
        assignments=tuple(assignments),
        waiting=tuple(waiting),
        loads=FrozenMap({op.id: load[index] for index, op in enumerate(ops)}),
        limits=FrozenMap({op.id: limit[index] for index, op in enumerate(ops)}),
        widget_visible=FrozenMap(widget),
        retention=FrozenMap(retention),
        alerts=alerts,
    )


def _widget_visibility(
    policy: RoutingPolicy,
    conversations: list[Conversation],
    waiting_rows: list[int],
    eligible_of: list[frozenset[str]],
    visible_at: dict[str, set[str]],
    members: dict[str, list[int]],
    free: list[int],
) -> dict[str, bool]:
    """Per contact point: shown while free slots exceed what waits for them."""
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
        serving = (
            frozenset((ALL_OPERATORS,))
            if not policy.groups
            else frozenset(visible_at.get(point, ()))
        )
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


def _alert_metrics(
    policy: RoutingPolicy,
    conversations: list[Conversation],
    waiting_rows: list[int],
    assigned_rows: list[int],
    waited_of: list[float],
    targets_of: list[frozenset[str]],
    members: dict[str, list[int]],
    load: list[int],
    free: list[int],
    online: list[bool],
) -> dict[Scope, dict[str, dict[str, Value]]]:
    norm = policy.wait_norm_s
    groups: dict[str, dict[str, Value]] = {}
    group_keys = [group.key for group in policy.groups] or [ALL_OPERATORS]
    for key in group_keys:
        indices = members.get(key, [])
        groups[key] = {
            "queue_length": 0,
            "longest_wait_seconds": 0,
            "wait_norm_seconds": norm,
            "free_slots": sum(free[index] for index in indices),
            "online_operators": sum(1 for index in indices if online[index]),
            "in_progress": sum(load[index] for index in indices),
            "assigned": 0,
        }
    channels: dict[str, dict[str, Value]] = {}

    def channel(name: str) -> dict[str, Value]:
        found = channels.get(name)
        if found is None:
            # Loads are not split by channel, so operator figures are unknown here.
            found = channels[name] = {
                "queue_length": 0,
                "longest_wait_seconds": 0,
                "wait_norm_seconds": norm,
                "free_slots": None,
                "online_operators": None,
                "in_progress": None,
                "assigned": 0,
            }
        return found

    for tier in policy.channel_priority:
        for name in tier:
            channel(name)
    for position in waiting_rows:
        waited = waited_of[position]
        for metrics in (
            *(groups[key] for key in targets_of[position]),
            channel(conversations[position].channel),
        ):
            metrics["queue_length"] = int(metrics["queue_length"] or 0) + 1
            if waited > (metrics["longest_wait_seconds"] or 0):
                metrics["longest_wait_seconds"] = waited
    for position in assigned_rows:
        for metrics in (
            *(groups[key] for key in targets_of[position]),
            channel(conversations[position].channel),
        ):
            metrics["assigned"] = int(metrics["assigned"] or 0) + 1
    return {"group": groups, "channel": channels}


def is_cancelled(
    opened_at: float,
    closed_at: float,
    closed_by_client: bool,
    policy: RoutingPolicy | None = None,
) -> bool:
    """Whether a conversation counts as cancelled: the client closed it less than
    ``policy.cancelled_within_s`` (20 s) after opening it, a sign of non-target traffic.

    >>> is_cancelled(100, 112, True), is_cancelled(100, 112, False), is_cancelled(100, 120, True)
    (True, False, False)
    """
    policy = RoutingPolicy() if policy is None else policy
    if not isinstance(policy, RoutingPolicy):
        raise RoutingError(f"policy must be a RoutingPolicy, not {shown(policy)}")
    for name, value in (("opened_at", opened_at), ("closed_at", closed_at)):
        if not is_seconds(value):
            raise RoutingError(
                f"{name} must be a number of seconds within ±1e15, not {shown(value)}"
            )
    if not isinstance(closed_by_client, bool):
        raise RoutingError(f"closed_by_client must be true or false, not {shown(closed_by_client)}")
    if closed_at < opened_at:
        raise RoutingError(f"closed_at ({closed_at}) is before opened_at ({opened_at})")
    return closed_by_client and closed_at - opened_at < policy.cancelled_within_s
