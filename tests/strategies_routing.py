"""Hypothesis strategies for routing, and a naive reference router to compare against.

The reference follows ``docs/routing.md`` word for word with plain scans
(every conversation looks at every operator), so it is slow but obvious.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from agentlevels.routing import (
    Conversation,
    Group,
    LimitPolicy,
    Operator,
    Overflow,
    RetentionStep,
    RoutingPolicy,
)

GROUP_KEYS = ("g0", "g1", "g2", "g3")
POINTS = ("p0", "p1", "p2")
CHANNELS = ("website", "mobile_app", "messenger", "social", "email", "fax")
VISITORS = ("v0", "v1", "v2", "v3", "v4")

LIMIT_POLICIES = (
    LimitPolicy.preset(),
    LimitPolicy(),
    LimitPolicy([("$level >= 3 && $rewards >= 5", 4), ("$level >= 2", 2)], default=1),
    LimitPolicy([("$rewards > 10", 0)], default=2),
)


@attrs.frozen
class Scenario:
    """One routing call's inputs."""

    policy: RoutingPolicy
    operators: tuple[Operator, ...]
    queue: tuple[Conversation, ...]
    now: float


times = st.one_of(
    st.integers(0, 300), st.floats(0, 300, allow_nan=False).map(lambda x: round(x, 1))
)


@st.composite
def groups(draw: st.DrawFn) -> tuple[Group, ...]:
    keys = draw(st.lists(st.sampled_from(GROUP_KEYS), unique=True, max_size=4))
    made = []
    for key in keys:
        visible = draw(st.booleans())
        made.append(
            Group(
                key,
                draw(st.frozensets(st.sampled_from(POINTS), max_size=3)),
                visible=visible,
                first_line=visible and draw(st.booleans()),
            )
        )
    return tuple(made)


@st.composite
def policies(draw: st.DrawFn) -> RoutingPolicy:
    made_groups = draw(groups())
    keys = [group.key for group in made_groups]
    rings: list[Overflow] = []
    if len(keys) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            group = draw(st.sampled_from(keys))
            helpers = draw(
                st.frozensets(st.sampled_from([k for k in keys if k != group]), min_size=1)
            )
            rings.append(Overflow(group, helpers, after_s=draw(st.integers(0, 120))))
    retention = draw(
        st.lists(
            st.builds(
                RetentionStep,
                st.integers(0, 120),
                st.sampled_from(["service_message", "offer_alternative_channel", "call_back"]),
            ),
            max_size=3,
        )
    )
    return RoutingPolicy(
        distribution=draw(st.sampled_from(["most_free_slots", "most_free_ratio", "round_robin"])),
        limits=draw(st.sampled_from(LIMIT_POLICIES)),
        channel_priority=draw(
            st.sampled_from(
                [
                    (("website", "mobile_app"), "messenger", "social", "email"),
                    ("email", "website"),
                    (),
                ]
            )
        ),
        aging_step_s=draw(st.sampled_from([None, 15, 60])),
        groups=made_groups,
        overflow=rings,
        retention=retention,
        max_queue=draw(st.sampled_from([None, 1, 3])),
        blocked_visitors=draw(st.frozensets(st.sampled_from(VISITORS), max_size=2)),
    )


operator_groups = st.frozensets(st.sampled_from([*GROUP_KEYS, "gx"]), min_size=1, max_size=3)
OPERATOR_IDS = [f"op{i}" for i in range(12)]
CONVERSATION_IDS = [f"c{i:02d}" for i in range(40)]
# Mostly light loads, so that most examples assign something; sometimes above the limit.
loads = st.integers(0, 1) | st.integers(0, 6)
limits = st.none() | st.integers(0, 5) | st.none()
levels = st.integers(1, 12)
rewards = st.none() | st.integers(0, 20)
optional_times = st.none() | times
onlines = st.just(True) | st.booleans()
channels = st.sampled_from(CHANNELS)
points = st.sampled_from(POINTS)
visitors = st.none() | st.sampled_from(VISITORS)


@st.composite
def scenarios(draw: st.DrawFn, *, operators_at_most: int = 8, queue_at_most: int = 14) -> Scenario:
    policy = draw(policies())
    keys = [group.key for group in policy.groups]
    operators = [
        Operator(
            operator_id,
            draw(operator_groups),
            online=draw(onlines),
            load=draw(loads),
            limit=draw(limits),
            level=draw(levels),
            metrics={"rewards": draw(rewards)},
            last_assigned=draw(optional_times),
        )
        for operator_id in draw(
            st.lists(st.sampled_from(OPERATOR_IDS), unique=True, max_size=operators_at_most)
        )
    ]
    addressed = st.none() | st.sampled_from(keys) if keys else st.none()
    queue = [
        Conversation(
            conversation_id,
            draw(channels),
            draw(points),
            arrived_at=draw(times),
            group=draw(addressed),
            visitor=draw(visitors),
        )
        for conversation_id in draw(
            st.lists(st.sampled_from(CONVERSATION_IDS), unique=True, max_size=queue_at_most)
        )
    ]
    now = draw(st.integers(250, 500))
    return Scenario(policy, tuple(operators), tuple(queue), now)


# --- the reference -----------------------------------------------------------------------


def waited(conversation: Conversation, now: float) -> float:
    return max(0, now - conversation.arrived_at)


def priority(policy: RoutingPolicy, conversation: Conversation, now: float) -> int:
    base = policy.priority_class(conversation.channel)
    if policy.aging_step_s is None:
        return base
    return max(0, base - math.floor(waited(conversation, now) / policy.aging_step_s))


def offer_key(policy: RoutingPolicy, conversation: Conversation, now: float) -> tuple[Any, ...]:
    return (priority(policy, conversation, now), conversation.arrived_at, conversation.id)


def target_groups(policy: RoutingPolicy, conversation: Conversation) -> frozenset[str]:
    if not policy.groups:
        return frozenset({"*"})
    if conversation.group is not None:
        return frozenset({conversation.group})
    first = {g.key for g in policy.groups if g.first_line and conversation.point in g.points}
    if first:
        return frozenset(first)
    return frozenset(g.key for g in policy.groups if g.visible and conversation.point in g.points)


def eligible_groups(
    policy: RoutingPolicy, conversation: Conversation, now: float
) -> frozenset[str]:
    targets = target_groups(policy, conversation)
    extra: set[str] = set()
    for ring in policy.overflow:
        if ring.group in targets and waited(conversation, now) >= ring.after_s:
            extra |= ring.helpers
    return targets | extra


def members(policy: RoutingPolicy, operator: Operator, keys: frozenset[str]) -> bool:
    if not policy.groups:
        return True
    return bool(operator.groups & keys)


def naive_route(
    policy: RoutingPolicy,
    operators: Sequence[Operator],
    queue: Sequence[Conversation],
    now: float,
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """Assignments and loads by the documented rules, scanning every operator each time."""
    load = {op.id: op.load for op in operators}
    limit = {op.id: policy.limits.limit_for(op) for op in operators}
    # Recency: (0,) never, (1, t) before this call, (2, k) k-th pick of this call.
    recency: dict[str, tuple[float, ...]] = {
        op.id: (0, 0) if op.last_assigned is None else (1, op.last_assigned) for op in operators
    }
    picks = 0
    assignments = []
    for conversation in sorted(queue, key=lambda c: offer_key(policy, c, now)):
        if conversation.visitor in policy.blocked_visitors:
            continue
        keys = eligible_groups(policy, conversation, now)
        candidates = [
            op
            for op in operators
            if op.online and members(policy, op, keys) and load[op.id] < limit[op.id]
        ]
        if not keys or not candidates:
            continue

        def preference(op: Operator) -> tuple[Any, ...]:
            free = limit[op.id] - load[op.id]
            if policy.distribution == "most_free_slots":
                return (-free, recency[op.id], op.id)
            if policy.distribution == "most_free_ratio":
                return (-free / limit[op.id], recency[op.id], op.id)
            return (recency[op.id], op.id)

        chosen = min(candidates, key=preference)
        picks += 1
        load[chosen.id] += 1
        recency[chosen.id] = (2, picks)
        assignments.append((conversation.id, chosen.id))
    return assignments, load


# --- brute force over the eligibility graph ---------------------------------------------------


def free_slots(policy: RoutingPolicy, operators: Sequence[Operator]) -> dict[str, int]:
    return {
        op.id: max(0, policy.limits.limit_for(op) - op.load) if op.online else 0 for op in operators
    }


def candidates_of(
    policy: RoutingPolicy, operators: Sequence[Operator], conversation: Conversation, now: float
) -> list[str]:
    """Who may take ``conversation`` at all (free slots aside)."""
    if conversation.visitor in policy.blocked_visitors:
        return []
    keys = eligible_groups(policy, conversation, now)
    if not keys:
        return []
    return [op.id for op in operators if op.online and members(policy, op, keys)]


def most_servable(
    policy: RoutingPolicy,
    operators: Sequence[Operator],
    queue: Sequence[Conversation],
    now: float,
) -> int:
    """The most conversations of ``queue`` that can be served at once: every way tried."""
    options = [candidates_of(policy, operators, c, now) for c in queue]
    slots = free_slots(policy, operators)

    def best(position: int) -> int:
        if position == len(options):
            return 0
        found = best(position + 1)  # this one waits
        for op in options[position]:
            if slots[op] > 0:
                slots[op] -= 1
                found = max(found, 1 + best(position + 1))
                slots[op] += 1
        return found

    return best(0)


def greedy_by_priority(
    policy: RoutingPolicy,
    operators: Sequence[Operator],
    queue: Sequence[Conversation],
    now: float,
) -> list[str]:
    """The conversations served when, in offer order, each is served if it can be
    together with those served before it (checked by :func:`most_servable`)."""
    chosen: list[Conversation] = []
    for conversation in sorted(queue, key=lambda c: offer_key(policy, c, now)):
        trial = [*chosen, conversation]
        if most_servable(policy, operators, trial, now) == len(trial):
            chosen = trial
    return [c.id for c in chosen]


@st.composite
def tight_scenarios(draw: st.DrawFn) -> Scenario:
    """Small states where slots are scarce and operators share groups in part: the
    states where the first free operator is often the wrong one to take."""
    keys = GROUP_KEYS[:3]
    policy = RoutingPolicy(
        distribution=draw(st.sampled_from(["most_free_slots", "most_free_ratio", "round_robin"])),
        channel_priority=(("website", "mobile_app"), "messenger", ("social", "email")),
        aging_step_s=draw(st.sampled_from([None, 60])),
        groups=[Group(key, {f"p{index}"}) for index, key in enumerate(keys)],
        blocked_visitors=draw(st.frozensets(st.sampled_from(VISITORS), max_size=1)),
    )
    # Operators that come first in the tie order (never assigned, lower id) are
    # mostly in two groups: the first free operator is then often the one a
    # later conversation needs.
    ids = sorted(draw(st.lists(st.sampled_from(OPERATOR_IDS), unique=True, min_size=2, max_size=5)))
    operators = [
        Operator(
            operator_id,
            draw(st.frozensets(st.sampled_from(keys), min_size=2 if index < 2 else 1, max_size=2)),
            online=draw(st.just(True) | st.booleans()),
            load=draw(st.just(0) | st.integers(0, 1)),
            limit=draw(st.just(1) | st.integers(1, 2)),
            last_assigned=draw(st.none() | optional_times),
        )
        for index, operator_id in enumerate(ids)
    ]
    queue = [
        Conversation(
            conversation_id,
            draw(channels),
            draw(st.sampled_from(POINTS)),
            arrived_at=draw(times),
            visitor=draw(visitors),
        )
        for conversation_id in draw(
            st.lists(st.sampled_from(CONVERSATION_IDS), unique=True, min_size=2, max_size=4)
        )
    ]
    return Scenario(policy, tuple(operators), tuple(queue), draw(st.integers(250, 500)))


@st.composite
def chain_scenarios(draw: st.DrawFn) -> Scenario:
    """Operators linked in a path of groups (``x_i`` in ``g_i`` and ``g_i+1``, one
    spare in ``g0``) and conversations addressed along it, last the one for the
    end of the path: whether it is served depends on moving every earlier one.
    Ids, recency and extra conversations are drawn, so some states need a chain
    and some do not."""
    length = draw(st.integers(1, len(GROUP_KEYS) - 1))
    keys = GROUP_KEYS[: length + 1]
    policy = RoutingPolicy(
        distribution=draw(st.sampled_from(["most_free_slots", "most_free_ratio", "round_robin"])),
        groups=[Group(key, {"p0"}, visible=False) for key in keys],
        alerts=(),
    )
    ids = draw(st.permutations(OPERATOR_IDS[: length + 1]))
    groups_of = [{keys[i], keys[i + 1]} for i in range(length)] + [{keys[0]}]
    operators = [
        Operator(ids[i], groups_of[i], limit=1, last_assigned=draw(st.none() | times))
        for i in range(length + 1)
    ]
    addressed = [*keys[:length], keys[length]]
    extra = draw(st.lists(st.sampled_from(keys), max_size=2))
    queue = [
        Conversation(
            CONVERSATION_IDS[index],
            draw(channels),
            "p0",
            arrived_at=index,
            group=key,
        )
        for index, key in enumerate([*addressed, *extra])
    ]
    return Scenario(policy, tuple(operators), tuple(queue), 300)
