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
    # The phases, in order; each reads what the ones before it built.
    groups = _Groups(policy)
    team = _Team(policy, ops, groups)
    offers = _offer_order(policy, conversations, groups, now)
    served = _serve(team, conversations, offers, policy.blocked_visitors)
    return _decision(policy, team, groups, conversations, offers, served)


# --- groups, membership and limits ----------------------------------------------------------


class _Groups:
    """The policy's groups by contact point, and the overflow rings by group."""

    __slots__ = ("first_line_at", "keys", "open_mode", "point_targets", "rings", "visible_at")

    def __init__(self, policy: RoutingPolicy) -> None:
        # With no groups, every operator serves every point as one implicit group.
        self.open_mode = not policy.groups
        self.keys = {group.key for group in policy.groups}
        self.first_line_at: dict[str, set[str]] = {}
        self.visible_at: dict[str, set[str]] = {}
        for group in policy.groups:
            for point in group.points:
                if group.first_line:
                    self.first_line_at.setdefault(point, set()).add(group.key)
                if group.visible:
                    self.visible_at.setdefault(point, set()).add(group.key)
        self.rings: dict[str, list[Overflow]] = {}
        for ring in policy.overflow:
            self.rings.setdefault(ring.group, []).append(ring)
        self.point_targets: dict[str, frozenset[str]] = {}

    def targets_at(self, point: str) -> frozenset[str]:
        """The groups a conversation arriving at ``point`` goes to (first line first)."""
        found = self.point_targets.get(point)
        if found is None:
            if self.open_mode:
                found = frozenset((ALL_OPERATORS,))
            elif point in self.first_line_at:
                found = frozenset(self.first_line_at[point])
            else:
                found = frozenset(self.visible_at.get(point, ()))
            self.point_targets[point] = found
        return found


class _Team:
    """The operators as parallel lists by index (ids sorted), changed as picks are made."""

    __slots__ = (
        "distribution",
        "limit",
        "load",
        "members",
        "online",
        "ops",
        "stamp",
        "tier",
        "version",
    )

    def __init__(self, policy: RoutingPolicy, ops: list[Operator], groups: _Groups) -> None:
        self.ops = ops
        self.distribution = policy.distribution
        self.limit = [policy.limits.limit_for(op) for op in ops]
        self.load = [op.load for op in ops]
        self.online = [op.online for op in ops]
        self.tier = [_NEVER if op.last_assigned is None else _BEFORE for op in ops]
        self.stamp: list[float] = [
            0 if op.last_assigned is None else op.last_assigned for op in ops
        ]
        self.version = [0] * len(ops)
        self.members: dict[str, list[int]] = {}
        if groups.open_mode:
            self.members[ALL_OPERATORS] = list(range(len(ops)))
        else:
            for index, op in enumerate(ops):
                for key in op.groups:
                    if key in groups.keys:
                        self.members.setdefault(key, []).append(index)

    def entry(self, index: int) -> tuple[Any, ...]:
        """The heap entry of an operator: their preference under the distribution."""
        # Smaller is better; the operator's index (ids sorted) ends every key, so
        # keys never tie and the version that follows is never compared.
        load, limit = self.load[index], self.limit[index]
        tier, stamp, version = self.tier[index], self.stamp[index], self.version[index]
        if self.distribution == "most_free_slots":
            return (load - limit, tier, stamp, index, version)
        if self.distribution == "most_free_ratio":
            return ((load - limit) / limit, tier, stamp, index, version)
        return (tier, stamp, index, version)

    def pool(self, eligible: frozenset[str], pools_of: list[list[_Pool]]) -> _Pool:
        """A new pool of the operators the groups ``eligible`` reach."""
        pool = _Pool()
        reach: set[int] = set()
        for key in eligible:
            reach.update(self.members.get(key, ()))
        online, load, limit = self.online, self.load, self.limit
        for index in reach:
            if online[index]:
                pool.online += 1
                pools_of[index].append(pool)
                if load[index] < limit[index]:
                    pool.heap.append(self.entry(index))
        heapq.heapify(pool.heap)
        return pool

    def free(self) -> list[int]:
        """Free slots of every operator after the picks (0 when offline)."""
        return [
            max(0, limit - load) if online else 0
            for limit, load, online in zip(self.limit, self.load, self.online, strict=True)
        ]


# --- what each conversation may reach, and the offer order ----------------------------------


@attrs.define
class _Offers:
    """The queue in offer order (``rows``), and per queue position what it may reach."""

    rows: list[tuple[int, float, str, int]]
    waited_of: list[float]
    targets_of: list[frozenset[str]]
    eligible_of: list[frozenset[str]]


def _offer_order(
    policy: RoutingPolicy, conversations: list[Conversation], groups: _Groups, now: float
) -> _Offers:
    class_of: dict[str, int] = {}
    step = policy.aging_step_s
    rings = groups.rings
    offers = _Offers([], [], [], [])
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
            if conversation.group not in groups.keys:
                raise RoutingError(
                    f"conversation {conversation.id!r} is addressed to unknown group "
                    f"{conversation.group!r}"
                )
            targets = frozenset((conversation.group,))
        else:
            targets = groups.targets_at(conversation.point)
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
        offers.rows.append((lifted, conversation.arrived_at, conversation.id, position))
        offers.waited_of.append(waited)
        offers.targets_of.append(targets)
        offers.eligible_of.append(eligible)
    offers.rows.sort()
    return offers


# --- serve the queue in offer order ---------------------------------------------------------


@attrs.define
class _Served:
    """What serving the queue did: the picks, and what waits and why."""

    assignments: list[tuple[str, str]]
    waiting: list[Waiting]
    # Queue positions still waiting (blocked visitors left out) and assigned.
    waiting_rows: list[int]
    assigned_rows: list[int]


def _serve(
    team: _Team, conversations: list[Conversation], offers: _Offers, blocked: frozenset[str]
) -> _Served:
    pools: dict[frozenset[str], _Pool] = {}
    pools_of: list[list[_Pool]] = [[] for _ in team.ops]
    load, limit, version, tier, stamp = team.load, team.limit, team.version, team.tier, team.stamp
    ops, entry, eligible_of = team.ops, team.entry, offers.eligible_of
    served = _Served([], [], [], [])
    picks = 0
    for lifted, _, conversation_id, position in offers.rows:
        conversation = conversations[position]
        eligible = eligible_of[position]
        reason: WaitReason
        if conversation.visitor is not None and conversation.visitor in blocked:
            reason = "blocked-visitor"
        elif not eligible:
            reason = "no-group"
        else:
            pool = pools.get(eligible)
            if pool is None:
                pool = pools[eligible] = team.pool(eligible, pools_of)
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
                served.assignments.append((conversation_id, ops[index].id))
                served.assigned_rows.append(position)
                continue
            reason = "no-free-slot" if pool.online else "no-operator-online"
        served.waiting.append(Waiting(conversation_id, reason, lifted, offers.waited_of[position]))
        if reason != "blocked-visitor":
            served.waiting_rows.append(position)
    return served


# --- what the queue now means for widgets, retention and alerts -----------------------------


def _decision(
    policy: RoutingPolicy,
    team: _Team,
    groups: _Groups,
    conversations: list[Conversation],
    offers: _Offers,
    served: _Served,
) -> RoutingDecision:
    free = team.free()
    widget = _widget_visibility(
        policy,
        conversations,
        served.waiting_rows,
        offers.eligible_of,
        groups.visible_at,
        team.members,
        free,
    )
    retention = _retention_due(policy, conversations, offers, served)
    metrics = _alert_metrics(policy, conversations, offers, served, team, free)
    alerts = fire_alerts(policy.alerts, metrics)
    ops = team.ops
    return RoutingDecision(
        assignments=tuple(served.assignments),
        waiting=tuple(served.waiting),
        loads=FrozenMap({op.id: team.load[index] for index, op in enumerate(ops)}),
        limits=FrozenMap({op.id: team.limit[index] for index, op in enumerate(ops)}),
        widget_visible=FrozenMap(widget),
        retention=FrozenMap(retention),
        alerts=alerts,
    )


def _retention_due(
    policy: RoutingPolicy, conversations: list[Conversation], offers: _Offers, served: _Served
) -> dict[str, tuple[str, ...]]:
    """Per waiting conversation, the retention actions its wait has reached."""
    retention: dict[str, tuple[str, ...]] = {}
    for position in served.waiting_rows:
        waited = offers.waited_of[position]
        due = tuple(step.action for step in policy.retention if waited >= step.after_s)
        if due:
            retention[conversations[position].id] = due
    return retention


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


Figures: TypeAlias = dict[str, Value]


def _alert_metrics(
    policy: RoutingPolicy,
    conversations: list[Conversation],
    offers: _Offers,
    served: _Served,
    team: _Team,
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


def _group_figures(norm: float, indices: list[int], team: _Team, free: list[int]) -> Figures:
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
    offers: _Offers,
    conversations: list[Conversation],
    position: int,
) -> tuple[Figures, ...]:
    """The figures a queued conversation counts toward: its groups' and its channel's."""
    channel = conversations[position].channel
    found = channels.get(channel)
    if found is None:
        found = channels[channel] = _channel_figures(norm)
    return (*(groups[key] for key in offers.targets_of[position]), found)


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
