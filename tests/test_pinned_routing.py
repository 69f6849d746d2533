"""Routing: alert metrics (`assigned`, `longest_wait_seconds`), waiting entries as data,
argument checks and the cancelled-conversation boundary."""

from __future__ import annotations

from typing import Any

import pytest

from agentlevels.routing import (
    Alert,
    Conversation,
    Operator,
    RoutingError,
    RoutingPolicy,
    is_cancelled,
    route,
)

# An alert that always fires shows every subject's metrics.
EVERY = RoutingPolicy(alerts=(Alert("every", "true"),))


def metrics(decision: Any) -> dict[tuple[str, str], dict[str, object]]:
    return {(a.scope, a.subject): dict(a.metrics) for a in decision.alerts}


def channel(queue: int, longest: float, assigned: int) -> dict[str, object]:
    return {
        "queue_length": queue,
        "longest_wait_seconds": longest,
        "wait_norm_seconds": 60,
        "free_slots": None,
        "online_operators": None,
        "in_progress": None,
        "assigned": assigned,
    }


def test_metrics_start_at_zero_with_an_empty_queue() -> None:
    found = metrics(route(EVERY, [], [], now=10))
    assert found[("group", "*")] == {
        "queue_length": 0,
        "longest_wait_seconds": 0,
        "wait_norm_seconds": 60,
        "free_slots": 0,
        "online_operators": 0,
        "in_progress": 0,
        "assigned": 0,
    }
    for scope, subject in found:
        if scope == "channel":
            assert found[(scope, subject)] == channel(0, 0, 0)


def test_assigned_and_queue_counts_per_group_and_channel() -> None:
    team = [Operator("anna", (), load=2)]
    queue = [
        Conversation("c1", "website", "site", arrived_at=3),
        Conversation("c2", "website", "site", arrived_at=10),
        Conversation("c3", "chat", "site", arrived_at=10),
    ]
    found = metrics(route(EVERY, team, queue, now=10))
    assert found[("group", "*")] == {
        "queue_length": 2,
        # c2 and c3 arrived just now: waiting 0 s keeps the longest wait at 0.
        "longest_wait_seconds": 0,
        "wait_norm_seconds": 60,
        "free_slots": 0,
        "online_operators": 1,
        "in_progress": 3,
        "assigned": 1,
    }
    assert found[("channel", "website")] == channel(1, 0, 1)
    assert found[("channel", "chat")] == channel(1, 0, 0)
    assert found[("channel", "email")] == channel(0, 0, 0)


def test_assigned_counts_every_assignment() -> None:
    team = [Operator("anna", ()), Operator("boris", ())]
    queue = [Conversation(f"c{i}", "website", "site", arrived_at=i) for i in range(5)]
    found = metrics(route(EVERY, team, queue, now=10))
    assert found[("group", "*")]["assigned"] == 5
    assert found[("channel", "website")]["assigned"] == 5
    assert found[("channel", "email")]["assigned"] == 0


def test_an_alert_on_assigned_fires_at_its_threshold() -> None:
    policy = RoutingPolicy(alerts=(Alert("busy", "$assigned >= 2", scopes={"channel"}),))
    team = [Operator("anna", ())]
    queue = [
        Conversation("c1", "website", "site", arrived_at=0),
        Conversation("c2", "website", "site", arrived_at=1),
        Conversation("c3", "chat", "site", arrived_at=2),
    ]
    fired = route(policy, team, queue, now=10).alerts
    assert [(a.key, a.scope, a.subject, a.metrics["assigned"]) for a in fired] == [
        ("busy", "channel", "website", 2)
    ]


def test_longest_wait_is_the_longest_of_the_waiting() -> None:
    queue = [
        Conversation("c1", "website", "site", arrived_at=4),
        Conversation("c2", "website", "site", arrived_at=1.5),
        Conversation("c3", "chat", "site", arrived_at=7),
    ]
    found = metrics(route(EVERY, [], queue, now=10))
    assert found[("group", "*")]["longest_wait_seconds"] == 8.5
    assert found[("group", "*")]["queue_length"] == 3
    assert found[("channel", "website")] == channel(2, 8.5, 0)
    assert found[("channel", "chat")] == channel(1, 3, 0)


def test_waiting_entries_in_the_decision_data() -> None:
    team = [Operator("anna", (), online=False)]
    queue = [
        Conversation("c1", "website", "site", arrived_at=0),
        Conversation("c2", "website", "site", arrived_at=4.5),
    ]
    data = route(RoutingPolicy(), team, queue, now=10).to_dict()
    assert data["waiting"] == [
        {"conversation": "c1", "reason": "no-operator-online", "priority": 0, "waited_s": 10},
        {"conversation": "c2", "reason": "no-operator-online", "priority": 0, "waited_s": 5.5},
    ]
    assert data["assignments"] == []
    assert data["loads"] == {"anna": 0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((EVERY, None, []), "operators must be a list of Operator, not NoneType"),
        ((EVERY, [], None), "queue must be a list of Conversation, not NoneType"),
        ((None, [], []), "policy must be a RoutingPolicy, not None"),
    ],
)
def test_route_refuses_missing_arguments(args: tuple[Any, Any, Any], message: str) -> None:
    with pytest.raises(RoutingError) as caught:
        route(*args, now=1)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("opened", "closed", "by_client", "cancelled"),
    [
        (100, 100, True, True),
        (100, 100, False, False),
        (100, 119.5, True, True),
        (100, 120, True, False),
        (100, 121, True, False),
    ],
)
def test_is_cancelled_at_its_bounds(
    opened: float, closed: float, by_client: bool, cancelled: bool
) -> None:
    assert is_cancelled(opened, closed, by_client) is cancelled


def test_is_cancelled_refuses_a_close_before_the_open() -> None:
    with pytest.raises(RoutingError) as caught:
        is_cancelled(100, 99, True)
    assert str(caught.value) == "closed_at (99) is before opened_at (100)"
