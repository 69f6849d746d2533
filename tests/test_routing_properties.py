"""Properties of ``route`` over generated policies, operators and queues: every invariant."""

from __future__ import annotations

import copy
import random

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlevels.routing import Conversation, RoutingDecision, route
from tests.strategies_routing import (
    Scenario,
    candidates_of,
    chain_scenarios,
    eligible_groups,
    free_slots,
    greedy_by_priority,
    members,
    most_servable,
    naive_route,
    offer_key,
    scenarios,
    target_groups,
    tight_scenarios,
    waited,
)


def decide(scenario: Scenario) -> RoutingDecision:
    return route(scenario.policy, scenario.operators, scenario.queue, now=scenario.now)


@given(scenarios(operators_at_most=5, queue_at_most=8) | tight_scenarios() | chain_scenarios())
def test_matches_the_naive_reference(scenario: Scenario) -> None:
    # The naive router picks greedily. Where greedy serves the same conversations
    # as the matching, no chain was needed and every pick must be the same;
    # otherwise the matching serves those the brute force says it should.
    policy, operators, queue, now = (
        scenario.policy,
        scenario.operators,
        scenario.queue,
        scenario.now,
    )
    decision = decide(scenario)
    assignments, loads = naive_route(policy, operators, queue, now)
    best = greedy_by_priority(policy, operators, queue, now)
    assert [conversation for conversation, _ in decision.assignments] == best
    if [conversation for conversation, _ in assignments] == best:
        assert list(decision.assignments) == assignments
        assert dict(decision.loads) == loads


# More cases than the profile's default: a third of them are built along a path of
# groups, where a chain of moves is often needed; the brute force is cheap here.
@settings(max_examples=max(400, settings().max_examples))
@given(scenarios(operators_at_most=4, queue_at_most=7) | tight_scenarios() | chain_scenarios())
def test_serves_a_brute_force_maximum_in_priority_order(scenario: Scenario) -> None:
    policy, operators, queue, now = (
        scenario.policy,
        scenario.operators,
        scenario.queue,
        scenario.now,
    )
    decision = decide(scenario)
    assert len(decision.assignments) == most_servable(policy, operators, queue, now)
    # Priority order: no waiting conversation could have been served together with
    # every conversation served before it in offer order.
    by_id = {c.id: c for c in queue}
    served = {conversation for conversation, _ in decision.assignments}
    for entry in decision.waiting:
        high = by_id[entry.conversation]
        before = [
            by_id[c]
            for c in served
            if offer_key(policy, by_id[c], now) < offer_key(policy, high, now)
        ]
        trial = [*before, high]
        assert most_servable(policy, operators, trial, now) < len(trial)
    # The assignments are a matching: members of the pool, within free slots.
    slots = free_slots(policy, operators)
    for conversation, operator in decision.assignments:
        assert operator in candidates_of(policy, operators, by_id[conversation], now)
        slots[operator] -= 1
    assert min(slots.values(), default=0) >= 0


@given(scenarios())
def test_no_operator_ends_above_its_limit(scenario: Scenario) -> None:
    decision = decide(scenario)
    for op in scenario.operators:
        limit = decision.limits[op.id]
        assert decision.limits[op.id] == scenario.policy.limits.limit_for(op)
        # An operator already above a lowered limit keeps its load but gets nothing more.
        assert decision.loads[op.id] <= max(limit, op.load)
        assert decision.loads[op.id] - op.load == sum(
            1 for _, chosen in decision.assignments if chosen == op.id
        )


@given(scenarios())
def test_every_conversation_is_assigned_or_waiting_once(scenario: Scenario) -> None:
    decision = decide(scenario)
    assigned = [conversation for conversation, _ in decision.assignments]
    waiting = [entry.conversation for entry in decision.waiting]
    assert sorted(assigned + waiting) == sorted(c.id for c in scenario.queue)
    by_id = {c.id: c for c in scenario.queue}
    keys = [offer_key(scenario.policy, by_id[c], scenario.now) for c in waiting]
    assert keys == sorted(keys), "waiting is in offer order"
    keys = [offer_key(scenario.policy, by_id[c], scenario.now) for c in assigned]
    assert keys == sorted(keys), "assignments are in pick (offer) order"


@given(scenarios())
def test_a_conversation_waits_only_if_no_eligible_operator_has_a_free_slot(
    scenario: Scenario,
) -> None:
    decision = decide(scenario)
    by_id = {c.id: c for c in scenario.queue}
    for entry in decision.waiting:
        if entry.reason == "blocked-visitor":
            continue
        keys = eligible_groups(scenario.policy, by_id[entry.conversation], scenario.now)
        for op in scenario.operators:
            if op.online and members(scenario.policy, op, keys):
                assert decision.loads[op.id] >= decision.limits[op.id]
        if entry.reason == "no-operator-online":
            assert not any(
                op.online and members(scenario.policy, op, keys) for op in scenario.operators
            )


@given(scenarios())
def test_lower_priority_never_taken_while_a_higher_one_waits(scenario: Scenario) -> None:
    decision = decide(scenario)
    policy, now = scenario.policy, scenario.now
    by_id = {c.id: c for c in scenario.queue}
    operators = {op.id: op for op in scenario.operators}
    for entry in decision.waiting:
        if entry.reason == "blocked-visitor":
            continue
        high = by_id[entry.conversation]
        high_groups = eligible_groups(policy, high, now)
        for conversation_id, operator_id in decision.assignments:
            low = by_id[conversation_id]
            if members(policy, operators[operator_id], high_groups):
                assert offer_key(policy, low, now) < offer_key(policy, high, now)


@given(scenarios())
def test_offline_operators_and_blocked_visitors_get_nothing(scenario: Scenario) -> None:
    decision = decide(scenario)
    operators = {op.id: op for op in scenario.operators}
    by_id = {c.id: c for c in scenario.queue}
    for conversation_id, operator_id in decision.assignments:
        assert operators[operator_id].online
        assert by_id[conversation_id].visitor not in scenario.policy.blocked_visitors
    for entry in decision.waiting:
        blocked = by_id[entry.conversation].visitor in scenario.policy.blocked_visitors
        assert (entry.reason == "blocked-visitor") == blocked
        assert entry.conversation not in decision.retention or not blocked


@given(scenarios())
def test_group_conversations_go_only_to_members_or_open_rings(scenario: Scenario) -> None:
    decision = decide(scenario)
    policy, now = scenario.policy, scenario.now
    operators = {op.id: op for op in scenario.operators}
    by_id = {c.id: c for c in scenario.queue}
    for conversation_id, operator_id in decision.assignments:
        conversation = by_id[conversation_id]
        operator = operators[operator_id]
        if not policy.groups:
            continue
        allowed = set(target_groups(policy, conversation))
        for ring in policy.overflow:
            if ring.group in allowed and waited(conversation, now) >= ring.after_s:
                allowed |= ring.helpers
        assert operator.groups & allowed


@given(scenarios())
def test_first_line_receives_everything_at_its_points(scenario: Scenario) -> None:
    decision = decide(scenario)
    policy, now = scenario.policy, scenario.now
    operators = {op.id: op for op in scenario.operators}
    by_id = {c.id: c for c in scenario.queue}
    for conversation_id, operator_id in decision.assignments:
        conversation = by_id[conversation_id]
        if conversation.group is not None:
            continue
        first_line = {
            g.key for g in policy.groups if g.first_line and conversation.point in g.points
        }
        if not first_line:
            continue
        helpers: set[str] = set()
        for ring in policy.overflow:
            if ring.group in first_line and waited(conversation, now) >= ring.after_s:
                helpers |= ring.helpers
        assert operators[operator_id].groups & (first_line | helpers)


@given(scenarios(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(scenario: Scenario, rng: random.Random) -> None:
    operators = list(scenario.operators)
    queue = list(scenario.queue)
    groups = list(scenario.policy.groups)
    rng.shuffle(operators)
    rng.shuffle(queue)
    rng.shuffle(groups)
    policy = attrs.evolve(scenario.policy, groups=groups)
    assert policy == scenario.policy
    assert route(policy, operators, queue, now=scenario.now) == decide(scenario)


@given(scenarios())
def test_inputs_are_never_mutated(scenario: Scenario) -> None:
    operators = list(scenario.operators)
    queue = list(scenario.queue)
    metrics_before = [dict(op.metrics) for op in operators]
    snapshot = copy.deepcopy((operators, queue))
    route(scenario.policy, operators, queue, now=scenario.now)
    assert (operators, queue) == snapshot
    assert [dict(op.metrics) for op in operators] == metrics_before


@given(scenarios())
def test_routing_the_waiting_list_again_assigns_nothing(scenario: Scenario) -> None:
    decision = decide(scenario)
    projected = [attrs.evolve(op, load=decision.loads[op.id]) for op in scenario.operators]
    still = {entry.conversation for entry in decision.waiting}
    queue = [c for c in scenario.queue if c.id in still]
    again = route(scenario.policy, projected, queue, now=scenario.now)
    assert again.assignments == ()
    assert dict(again.loads) == dict(decision.loads)
    assert again.waiting == decision.waiting


@given(scenarios())
def test_retention_lists_the_steps_reached_by_each_waiting_conversation(
    scenario: Scenario,
) -> None:
    decision = decide(scenario)
    by_id = {c.id: c for c in scenario.queue}
    expected = {}
    for entry in decision.waiting:
        if entry.reason == "blocked-visitor":
            continue
        due = tuple(
            step.action
            for step in scenario.policy.retention
            if waited(by_id[entry.conversation], scenario.now) >= step.after_s
        )
        if due:
            expected[entry.conversation] = due
    assert dict(decision.retention) == expected


@given(scenarios())
def test_widget_follows_free_slots_and_queue(scenario: Scenario) -> None:
    decision = decide(scenario)
    policy, now = scenario.policy, scenario.now
    by_id = {c.id: c for c in scenario.queue}
    points = {c.point for c in scenario.queue} | {p for g in policy.groups for p in g.points}
    assert set(decision.widget_visible) == points
    for point in points:
        # The groups a new visitor's chat at the point reaches as it arrives.
        arriving = Conversation("new", "website", point, arrived_at=now)
        serving = eligible_groups(policy, arriving, now)
        free = sum(
            max(0, decision.limits[op.id] - decision.loads[op.id])
            for op in scenario.operators
            if op.online and serving and members(policy, op, serving)
        )
        queued = sum(
            1
            for entry in decision.waiting
            if entry.reason != "blocked-visitor"
            and eligible_groups(policy, by_id[entry.conversation], now) & serving
        )
        cap_ok = policy.max_queue is None or queued < policy.max_queue
        assert decision.widget_visible[point] == (bool(serving) and free - queued > 0 and cap_ok)


@given(scenarios())
def test_the_decision_is_deterministic_and_serialisable(scenario: Scenario) -> None:
    first, second = decide(scenario), decide(scenario)
    assert first == second
    assert hash(first) == hash(second)
    data = first.to_dict()
    assert [(a["conversation"], a["operator"]) for a in data["assignments"]] == list(
        first.assignments
    )
