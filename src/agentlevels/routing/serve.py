"""Serving the queue: who may take each conversation, in which order, and who does.

The queue is served in a fixed order; each conversation takes the best
operator of its *pool* (the online operators of the groups it may go to).
Each distinct pool keeps a binary heap of its operators with free slots,
keyed by the distribution's preference, so a pick costs ``O(log m)``
instead of a scan of every operator. An operator in several pools is
pushed again into each of them after a pick; older entries are recognised
by a version number and dropped when they surface ("lazy deletion").

:func:`agentlevels.routing.route` runs the phases in order: :class:`Groups`
and :class:`Team` from the policy and operators, :func:`offer_order`, then
:func:`serve`.
"""

from __future__ import annotations

import heapq
import math
from typing import Any, Literal, TypeAlias

import attrs

from agentlevels._errors import RoutingError
from agentlevels.routing.matching import Pool, find_chain, top
from agentlevels.routing.model import Conversation, Operator, Overflow
from agentlevels.routing.policy import RoutingPolicy

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


# --- groups, membership and limits ----------------------------------------------------------


class Groups:
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

    def serving_at(self, point: str) -> frozenset[str]:
        """The groups a new visitor's chat at ``point`` can reach the moment it arrives.

        Its target groups, plus the helpers of their rings that open at once
        (``after_s`` 0): a first-line group that takes everything at the point
        is alone in it, whatever other groups are visible there.
        """
        targets = self.targets_at(point)
        helpers = [
            ring.helpers for key in targets for ring in self.rings.get(key, ()) if ring.after_s <= 0
        ]
        return targets.union(*helpers) if helpers else targets


class Team:
    """The operators as parallel lists by index (ids sorted), changed as picks are made."""

    __slots__ = (
        "distribution",
        "limit",
        "load",
        "members",
        "online",
        "ops",
        "picks",
        "stamp",
        "tier",
        "version",
    )

    def __init__(self, policy: RoutingPolicy, ops: list[Operator], groups: Groups) -> None:
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
        self.picks = 0
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

    def pool(self, eligible: frozenset[str], pools_of: list[list[Pool]]) -> Pool:
        """A new pool of the operators the groups ``eligible`` reach."""
        pool = Pool()
        reach: set[int] = set()
        for key in eligible:
            reach.update(self.members.get(key, ()))
        online, load, limit = self.online, self.load, self.limit
        for index in reach:
            if online[index]:
                pool.online += 1
                pool.members.add(index)
                pools_of[index].append(pool)
                if load[index] < limit[index]:
                    pool.heap.append(self.entry(index))
        heapq.heapify(pool.heap)
        return pool

    def take(self, index: int, pools_of: list[list[Pool]]) -> None:
        """Give operator ``index`` one more conversation, as the latest pick of the call."""
        self.picks += 1
        self.load[index] += 1
        self.version[index] += 1
        self.tier[index] = _NOW
        self.stamp[index] = self.picks
        if self.load[index] < self.limit[index]:
            fresh = self.entry(index)
            for other in pools_of[index]:
                heapq.heappush(other.heap, fresh)

    def free(self) -> list[int]:
        """Free slots of every operator after the picks (0 when offline)."""
        return [
            max(0, limit - load) if online else 0
            for limit, load, online in zip(self.limit, self.load, self.online, strict=True)
        ]


# --- what each conversation may reach, and the offer order ----------------------------------


@attrs.define
class Offers:
    """The queue in offer order (``rows``), and per queue position what it may reach."""

    rows: list[tuple[int, float, str, int]]
    waited_of: list[float]
    targets_of: list[frozenset[str]]
    eligible_of: list[frozenset[str]]


def offer_order(
    policy: RoutingPolicy, conversations: list[Conversation], groups: Groups, now: float
) -> Offers:
    """Each conversation's wait, class after aging and reachable groups; the offer order.

    Conversations are offered by class, then arrival, then id. Raises
    :class:`RoutingError` for a conversation addressed to an unknown group.
    """
    class_of: dict[str, int] = {}
    step = policy.aging_step_s
    rings = groups.rings
    offers = Offers([], [], [], [])
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
class Served:
    """What serving the queue did: the picks, and what waits and why."""

    assignments: list[tuple[str, str]]
    waiting: list[Waiting]
    # Queue positions still waiting (blocked visitors left out) and assigned.
    waiting_rows: list[int]
    assigned_rows: list[int]


def serve(
    team: Team, conversations: list[Conversation], offers: Offers, blocked: frozenset[str]
) -> Served:
    """Offer each conversation, in order, to the best operator with a free slot in its pool.

    When its pool is full, conversations assigned earlier in this call are
    moved along the shortest chain that frees a slot in it (see
    :mod:`.matching`), so as many conversations are served as the free slots
    allow, and never one placed lower in offer order instead of a higher one.
    Changes ``team``'s loads, versions and recency as it picks.
    """
    pools: dict[frozenset[str], Pool] = {}
    pools_of: list[list[Pool]] = [[] for _ in team.ops]
    version, eligible_of = team.version, offers.eligible_of
    served = Served([], [], [], [])
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
            index = top(pool, version)
            if index >= 0:
                heapq.heappop(pool.heap)
                team.take(index, pools_of)
            elif pool.online and not pool.dead:
                index = _make_room(team, pool, list(pools.values()), pools_of, served)
            if index >= 0:
                pool.carriers.setdefault(index, []).append(len(served.assignments))
                served.assignments.append((conversation_id, team.ops[index].id))
                served.assigned_rows.append(position)
                continue
            reason = "no-free-slot" if pool.online else "no-operator-online"
        served.waiting.append(Waiting(conversation_id, reason, lifted, offers.waited_of[position]))
        if reason != "blocked-visitor":
            served.waiting_rows.append(position)
    return served


def _make_room(
    team: Team, start: Pool, pools: list[Pool], pools_of: list[list[Pool]], served: Served
) -> int:
    """Move conversations along the shortest chain that frees a slot in ``start``.

    Returns the operator of ``start`` whose slot is handed over, or -1 when
    no chain exists. The last conversation of the chain goes to the best free
    operator of its pool, as a pick; every other operator keeps its load.
    """
    chain = find_chain(start, pools, team.version)
    if not chain:
        return -1
    receiver = top(chain[-1][1], team.version)
    heapq.heappop(chain[-1][1].heap)
    team.take(receiver, pools_of)
    for carrier, pool in reversed(chain):
        # The conversation of ``pool`` that ``carrier`` took last moves to ``receiver``.
        slots = pool.carriers[carrier]
        slot = slots.pop()
        if not slots:
            del pool.carriers[carrier]
        pool.carriers.setdefault(receiver, []).append(slot)
        served.assignments[slot] = (served.assignments[slot][0], team.ops[receiver].id)
        receiver = carrier
    return receiver
