"""Examples: each algorithm's ties, widget, retention, aging, overflow, limits, alerts."""

from __future__ import annotations

import contextlib
import copy
import math
import pickle
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agentlevels
from agentlevels.routing import (
    ALERT_CATALOG,
    LIMIT_CATALOG,
    Alert,
    Conversation,
    Group,
    LimitPolicy,
    LimitRule,
    Operator,
    Overflow,
    RetentionStep,
    RoutingDecision,
    RoutingError,
    RoutingPolicy,
    is_cancelled,
    route,
)

NO_ALERTS = RoutingPolicy(alerts=())


def chat(conversation_id: str, arrived_at: float = 0, **fields: object) -> Conversation:
    channel = str(fields.pop("channel", "website"))
    point = str(fields.pop("point", "site"))
    return Conversation(conversation_id, channel, point, arrived_at, **fields)  # type: ignore[arg-type]  # test helper passes group/visitor through


def picks(
    policy: RoutingPolicy,
    operators: Sequence[Operator],
    queue: Sequence[Conversation],
    now: float = 100,
) -> list[str]:
    return [operator for _, operator in route(policy, operators, queue, now=now).assignments]


# --- most free slots ---------------------------------------------------------------------


def test_most_free_slots_takes_the_operator_with_most_free_slots() -> None:
    team = [Operator("a", (), load=1), Operator("b", (), load=0), Operator("c", (), load=2)]
    assert picks(NO_ALERTS, team, [chat("x")]) == ["b"]


def test_most_free_slots_tie_goes_to_never_assigned_then_least_recent_then_id() -> None:
    team = [
        Operator("a", (), last_assigned=50),
        Operator("b", (), last_assigned=10),
        Operator("c", ()),
        Operator("d", ()),
    ]
    # c and d never assigned: c by id; then d; then b (10) before a (50).
    queue = [chat(f"x{i}", i) for i in range(4)]
    assert picks(NO_ALERTS, team, queue) == ["c", "d", "b", "a"]


def test_most_free_slots_a_burst_spreads_out() -> None:
    team = [Operator("a", (), limit=3), Operator("b", (), limit=3)]
    queue = [chat(f"x{i}", i) for i in range(5)]
    # After each pick the picked operator has fewer free slots and is the most recent.
    assert picks(NO_ALERTS, team, queue) == ["a", "b", "a", "b", "a"]


def test_most_free_slots_compares_slots_not_ratio() -> None:
    team = [Operator("big", (), limit=10, load=6), Operator("small", (), limit=3, load=0)]
    assert picks(NO_ALERTS, team, [chat("x")]) == ["big"]


# --- most free ratio ---------------------------------------------------------------------


def test_most_free_ratio_compares_share_of_limit() -> None:
    team = [Operator("big", (), limit=10, load=6), Operator("small", (), limit=3, load=0)]
    policy = RoutingPolicy(distribution="most_free_ratio", alerts=())
    assert picks(policy, team, [chat("x")]) == ["small"]


def test_most_free_ratio_ties_by_recency_then_id() -> None:
    policy = RoutingPolicy(distribution="most_free_ratio", alerts=())
    team = [
        Operator("a", (), limit=4, load=2, last_assigned=5),
        Operator("b", (), limit=2, load=1, last_assigned=1),
        Operator("c", (), limit=6, load=3, last_assigned=5),
    ]
    # All at 1/2 free: b was assigned longest ago; then a before c by id.
    assert picks(policy, team, [chat("x")]) == ["b"]
    assert picks(policy, [team[0], team[2]], [chat("x")]) == ["a"]


# --- round robin -------------------------------------------------------------------------


def test_round_robin_ignores_free_slots_and_goes_by_recency() -> None:
    policy = RoutingPolicy(distribution="round_robin", alerts=())
    team = [
        Operator("a", (), limit=5, load=0, last_assigned=90),
        Operator("b", (), limit=5, load=4, last_assigned=10),
        Operator("c", (), limit=5, load=2),
    ]
    queue = [chat(f"x{i}", i) for i in range(4)]
    assert picks(policy, team, queue) == ["c", "b", "a", "c"]


def test_round_robin_ties_by_id_and_skips_full_operators() -> None:
    policy = RoutingPolicy(distribution="round_robin", alerts=())
    team = [Operator("b", ()), Operator("a", ()), Operator("z", (), load=3)]
    assert picks(policy, team, [chat("x"), chat("y", 1), chat("w", 2)]) == ["a", "b", "a"]


# --- limits ------------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "limit"), [(1, 3), (5, 3), (6, 5), (7, 5), (12, 5)])
def test_preset_limits_by_level(level: int, limit: int) -> None:
    assert LimitPolicy.preset().limit_for(Operator("a", (), level=level)) == limit


def test_preset_limit_rule_matches_the_professional_rank() -> None:
    presets = pytest.importorskip("agentlevels.presets")
    try:
        scheme = presets.levels()
    except ImportError:
        pytest.skip("preset levels not available")
    ranks = {level.key: rank for rank, level in enumerate(scheme.levels, start=1)}
    assert ranks["professional"] == 6


def test_an_operator_limit_overrides_the_rules() -> None:
    assert LimitPolicy.preset().limit_for(Operator("a", (), level=9, limit=1)) == 1
    assert LimitPolicy.preset().limit_for(Operator("a", (), limit=0)) == 0


def test_first_matching_rule_wins_and_unknown_metrics_do_not_match() -> None:
    policy = LimitPolicy(
        [("$level >= 8 && $rewards >= 100", 7), ("$level >= 4", 4), ("$level >= 2", 2)],
        default=1,
    )
    assert policy.limit_for(Operator("a", (), level=9, metrics={"rewards": 150})) == 7
    assert policy.limit_for(Operator("a", (), level=9, metrics={"rewards": 10})) == 4
    # No rewards reported: unknown, so the first rule is not met.
    assert policy.limit_for(Operator("a", (), level=9)) == 4
    assert policy.limit_for(Operator("a", (), level=9, metrics={"rewards": None})) == 4
    assert policy.limit_for(Operator("a", (), level=3)) == 2
    assert policy.limit_for(Operator("a", ())) == 1


def test_limit_rules_compile_against_the_limit_catalog() -> None:
    assert "level" in LIMIT_CATALOG
    assert LIMIT_CATALOG["level"].minimum == 1
    with pytest.raises(agentlevels.UnknownVariableError):
        LimitRule("$levle >= 6", 5)
    formula = agentlevels.compile("$level >= 3", catalog=LIMIT_CATALOG)
    assert LimitRule(formula, 4).condition is formula
    with pytest.raises(RoutingError):
        LimitRule(agentlevels.compile("$level + 1", catalog=LIMIT_CATALOG, kind="number"), 4)


def test_a_bad_metric_value_is_the_librarys_error() -> None:
    policy = LimitPolicy([("$rewards >= 1", 4)])
    with pytest.raises(agentlevels.InvalidMetricError):
        policy.limit_for(Operator("a", (), metrics={"rewards": "many"}))  # type: ignore[dict-item]  # a wrong value on purpose


def test_operators_above_a_lowered_limit_get_nothing() -> None:
    team = [Operator("a", (), load=4, limit=2)]
    decision = route(NO_ALERTS, team, [chat("x")], now=1)
    assert decision.assignments == ()
    assert decision.loads["a"] == 4
    assert decision.waiting[0].reason == "no-free-slot"


# --- priority and aging ------------------------------------------------------------------


def test_channel_priority_orders_the_queue() -> None:
    team = [Operator("a", (), limit=2)]
    queue = [
        chat("mail", 0, channel="email"),
        chat("vk", 1, channel="social"),
        chat("tg", 2, channel="messenger"),
        chat("app", 3, channel="mobile_app"),
        chat("web", 4, channel="website"),
        chat("fax", -5, channel="fax"),
    ]
    decision = route(NO_ALERTS, team, queue, now=10)
    # website and mobile app share the first class: the earlier one first.
    assert [c for c, _ in decision.assignments] == ["app", "web"]
    # social networks and e-mail share the last class: the one waiting longer first.
    assert [w.conversation for w in decision.waiting] == ["tg", "mail", "vk", "fax"]
    assert [w.priority for w in decision.waiting] == [1, 2, 2, 3]


def test_unserved_conversations_do_not_block_later_ones() -> None:
    policy = RoutingPolicy(
        groups=[Group("a", {"site"}), Group("b", {"app"})],
        alerts=(),
    )
    team = [Operator("x", {"a"}, load=3), Operator("y", {"b"})]
    queue = [chat("first", 0, point="site"), chat("second", 5, point="app")]
    decision = route(policy, team, queue, now=10)
    assert decision.assignments == (("second", "y"),)
    assert decision.waiting[0].conversation == "first"


def test_aging_lifts_one_class_per_full_step() -> None:
    four_classes = [["website", "mobile_app"], "messenger", "social", "email"]
    policy = RoutingPolicy(channel_priority=four_classes, aging_step_s=60, alerts=())
    team = [Operator("a", (), limit=1)]
    email = chat("mail", 0, channel="email")  # class 3
    web = chat("web", 50, channel="website")  # class 0
    # At t=179 the e-mail waited 179 s: two steps, class 1; the chat wins.
    assert route(policy, team, [email, web], now=179).assignments == (("web", "a"),)
    # At t=180: three steps, class 0, and it arrived first.
    assert route(policy, team, [email, web], now=180).assignments == (("mail", "a"),)
    # Never below class 0, and no aging without a step.
    decision = route(policy, [], [email], now=10_000)
    assert decision.waiting[0].priority == 0
    no_aging = attrs.evolve(policy, aging_step_s=None)
    assert route(no_aging, [], [email], now=10_000).waiting[0].priority == 3


def test_a_conversation_from_the_future_has_waited_zero() -> None:
    decision = route(NO_ALERTS, [], [chat("x", 500)], now=100)
    assert decision.waiting[0].waited_s == 0


# --- groups, first line and overflow -----------------------------------------------------


def first_line_policy(**fields: object) -> RoutingPolicy:
    return RoutingPolicy(
        groups=[
            Group("front", {"site"}, first_line=True),
            Group("sales", {"site"}),
            Group("billing", {"site"}, visible=False),
        ],
        alerts=(),
        **fields,  # type: ignore[arg-type]  # test helper forwards policy fields
    )


def test_first_line_takes_everything_at_its_points() -> None:
    team = [Operator("f", {"front"}, load=3), Operator("s", {"sales"}), Operator("b", {"billing"})]
    decision = route(first_line_policy(), team, [chat("x")], now=1)
    assert decision.assignments == ()
    assert decision.waiting[0].reason == "no-free-slot"


def test_conversations_addressed_to_a_group_go_to_its_members() -> None:
    team = [Operator("f", {"front"}), Operator("s", {"sales"}), Operator("b", {"billing"})]
    queue = [chat("x", group="billing"), chat("y", 1, group="sales")]
    decision = route(first_line_policy(), team, queue, now=5)
    assert decision.assignments == (("x", "b"), ("y", "s"))


def test_visible_groups_share_a_point_without_first_line() -> None:
    policy = RoutingPolicy(
        groups=[Group("a", {"site"}), Group("b", {"site"}), Group("h", {"site"}, visible=False)],
        alerts=(),
    )
    team = [Operator("x", {"a"}, load=2), Operator("y", {"b"}, load=1), Operator("z", {"h"})]
    assert picks(policy, team, [chat("c")]) == ["y"]


def test_no_group_for_the_point() -> None:
    policy = RoutingPolicy(groups=[Group("a", {"site"}), Group("h", {"app"}, visible=False)])
    decision = route(policy, [Operator("x", {"a", "h"})], [chat("c", point="app")], now=1)
    assert decision.waiting[0].reason == "no-group"
    assert decision.widget_visible == {"site": True, "app": False}


def test_overflow_ring_opens_after_its_wait() -> None:
    policy = first_line_policy(
        overflow=[
            Overflow("billing", {"sales"}, after_s=30),
            Overflow("billing", {"front"}, after_s=90),
        ]
    )
    team = [
        Operator("f", {"front"}),
        Operator("s", {"sales"}, load=1),
        Operator("b", {"billing"}, load=3),
    ]
    conversation = chat("x", 0, group="billing")
    assert route(policy, team, [conversation], now=29.9).assignments == ()
    assert route(policy, team, [conversation], now=30).assignments == (("x", "s"),)
    # Both rings open: the operator with the most free slots among all of them.
    assert route(policy, team, [conversation], now=90).assignments == (("x", "f"),)


def test_overflow_is_not_transitive() -> None:
    policy = first_line_policy(
        overflow=[
            Overflow("billing", {"sales"}, after_s=0),
            Overflow("sales", {"front"}, after_s=0),
        ]
    )
    team = [
        Operator("f", {"front"}),
        Operator("s", {"sales"}, load=3),
        Operator("b", {"billing"}, load=3),
    ]
    assert route(policy, team, [chat("x", group="billing")], now=100).assignments == ()


def test_offline_members_and_operators_outside_the_policy_groups() -> None:
    policy = first_line_policy()
    team = [Operator("f", {"front"}, online=False), Operator("g", {"ghost"})]
    decision = route(policy, team, [chat("x")], now=1)
    assert decision.waiting[0].reason == "no-operator-online"


def test_blocked_visitors_get_nothing() -> None:
    policy = RoutingPolicy(blocked_visitors={"troll"}, alerts=())
    decision = route(policy, [Operator("a", ())], [chat("x", visitor="troll")], now=100)
    assert decision.assignments == ()
    assert decision.waiting[0].reason == "blocked-visitor"
    assert decision.retention == {}
    assert decision.widget_visible == {"site": True}


# --- widget ------------------------------------------------------------------------------


def test_widget_hidden_when_no_free_slot_is_left() -> None:
    team = [Operator("a", (), load=2), Operator("b", (), load=3)]
    decision = route(NO_ALERTS, team, [chat("x")], now=1)
    assert decision.assignments == (("x", "a"),)
    assert decision.widget_visible == {"site": False}
    assert route(NO_ALERTS, team, [], now=1).widget_visible == {}


def two_desks(**fields: object) -> RoutingPolicy:
    return RoutingPolicy(
        groups=[Group("a", {"site"}), Group("b", {"site"}), Group("h", {"site"}, visible=False)],
        alerts=(),
        **fields,  # type: ignore[arg-type]  # test helper forwards policy fields
    )


def test_widget_counts_waiting_conversations_against_free_slots() -> None:
    # Desk a is full, desk b has 2 free; conversations addressed to a wait for it.
    team = [Operator("x", {"a"}, load=3), Operator("y", {"b"}, load=1), Operator("z", {"h"})]
    one = [chat("c1", group="a")]
    two = [*one, chat("c2", 1, group="a")]
    assert route(two_desks(), team, one, now=5).widget_visible == {"site": True}
    assert route(two_desks(), team, two, now=5).widget_visible == {"site": False}
    # Conversations waiting only for the hidden group do not count against the desks.
    full_hidden = [*team[:2], Operator("z", {"h"}, load=3)]
    hidden = [chat("h1", group="h"), chat("h2", 1, group="h")]
    assert route(two_desks(), full_hidden, hidden, now=5).widget_visible == {"site": True}


def test_widget_hidden_when_the_queue_reaches_max_queue() -> None:
    team = [Operator("x", {"a"}, load=3), Operator("y", {"b"}, limit=9)]
    one = [chat("c1", group="a")]
    two = [*one, chat("c2", 1, group="a")]
    assert route(two_desks(max_queue=2), team, one, now=5).widget_visible == {"site": True}
    assert route(two_desks(max_queue=2), team, two, now=5).widget_visible == {"site": False}
    assert route(two_desks(), team, two, now=5).widget_visible == {"site": True}


# --- retention ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waited", "due"),
    [
        (0, ()),
        (29.9, ()),
        (30, ("service_message",)),
        (59, ("service_message",)),
        (60, ("service_message", "offer_alternative_channel")),
        (600, ("service_message", "offer_alternative_channel")),
    ],
)
def test_preset_retention_timing(waited: float, due: tuple[str, ...]) -> None:
    decision = route(NO_ALERTS, [], [chat("x", 1000)], now=1000 + waited)
    assert decision.retention.get("x", ()) == due


def test_retention_only_for_those_still_waiting() -> None:
    policy = RoutingPolicy(retention=[RetentionStep(10, "call_back")], alerts=())
    decision = route(policy, [Operator("a", (), limit=1)], [chat("x", 0), chat("y", 1)], now=50)
    assert decision.assignments == (("x", "a"),)
    assert decision.retention == {"y": ("call_back",)}


# --- alerts ------------------------------------------------------------------------------


def test_preset_alerts_fire_for_an_overloaded_group() -> None:
    policy = RoutingPolicy(groups=[Group("sales", {"site"})])
    team = [Operator("a", {"sales"}, load=3)]
    decision = route(policy, team, [chat("x", 0), chat("y", 50)], now=90)
    fired = [(a.key, a.scope, a.subject) for a in decision.alerts]
    assert fired == [
        ("wait_above_norm", "group", "sales"),
        ("wait_above_norm", "channel", "website"),
        ("group_overloaded", "group", "sales"),
    ]
    sales = decision.alerts[0].metrics
    assert sales["queue_length"] == 2
    assert sales["longest_wait_seconds"] == 90
    assert sales["free_slots"] == 0
    assert sales["online_operators"] == 1
    assert sales["in_progress"] == 3
    assert decision.alerts[1].metrics["free_slots"] is None


def test_no_alert_at_the_norm_or_with_free_slots() -> None:
    policy = RoutingPolicy(groups=[Group("sales", {"site"})])
    team = [Operator("a", {"sales"}, load=3)]
    assert route(policy, team, [chat("x", 0)], now=60).alerts == ()
    free = [Operator("a", {"sales"}, load=3), Operator("b", {"sales"}, online=False)]
    assert route(policy, free, [chat("x", 0)], now=61).alerts[-1].key == "group_overloaded"


def test_custom_alerts_and_the_implicit_team_group() -> None:
    policy = RoutingPolicy(
        alerts=[
            Alert("busy", "$in_progress >= 5", scopes={"group"}),
            Alert("queue", "$queue_length >= 2", scopes={"channel"}),
            Alert("unknown", "$free_slots == 0 || $free_slots > 0", scopes={"channel"}),
        ]
    )
    team = [Operator("a", (), load=2), Operator("b", (), load=2)]
    queue = [chat("x", 0), chat("y", 1), chat("z", 2, channel="email")]
    decision = route(policy, team, queue, now=10)
    assert [(a.key, a.scope, a.subject) for a in decision.alerts] == [("busy", "group", "*")]
    assert "queue_length" in ALERT_CATALOG


def test_alert_definitions_are_checked() -> None:
    with pytest.raises(agentlevels.UnknownVariableError):
        Alert("x", "$queue > 1")
    with pytest.raises(RoutingError):
        Alert("x", "$queue_length > 1", scopes={"team"})
    with pytest.raises(RoutingError):
        Alert("x", "$queue_length > 1", scopes=())
    with pytest.raises(RoutingError, match="twice"):
        RoutingPolicy(alerts=[Alert("x", "true"), Alert("x", "false")])


# --- policy and input checks -------------------------------------------------------------


def test_policy_checks() -> None:
    with pytest.raises(RoutingError, match="distribution"):
        RoutingPolicy(distribution="random")  # type: ignore[arg-type]  # a bad value on purpose
    with pytest.raises(RoutingError, match="twice"):
        RoutingPolicy(groups=[Group("a", ()), Group("a", {"x"})])
    with pytest.raises(RoutingError, match="unknown group"):
        RoutingPolicy(groups=[Group("a", ())], overflow=[Overflow("a", {"b"})])
    with pytest.raises(RoutingError, match="twice"):
        RoutingPolicy(channel_priority=["email", ["website", "email"]])
    with pytest.raises(RoutingError):
        RoutingPolicy(aging_step_s=0)
    with pytest.raises(RoutingError):
        RoutingPolicy(max_queue=0)
    with pytest.raises(RoutingError):
        RoutingPolicy(wait_norm_s=math.inf)
    with pytest.raises(RoutingError):
        Group("a", {"x"}, visible=False, first_line=True)
    with pytest.raises(RoutingError):
        Group("a", "site")
    with pytest.raises(RoutingError):
        Group("a", [["site"]])  # type: ignore[list-item]  # a bad value on purpose
    with pytest.raises(RoutingError):
        RoutingPolicy(blocked_visitors=[{}])  # type: ignore[list-item]  # a bad value on purpose
    with pytest.raises(RoutingError):
        RoutingPolicy(channel_priority=[["email", ["x"]]])  # type: ignore[list-item]  # a bad value on purpose
    with pytest.raises(RoutingError):
        Overflow("a", {"a"})
    with pytest.raises(RoutingError):
        Overflow("a", ())


def test_value_checks() -> None:
    with pytest.raises(RoutingError):
        Operator("", ())
    with pytest.raises(RoutingError):
        Operator("a", (), load=-1)
    with pytest.raises(RoutingError):
        Operator("a", (), load=True)
    with pytest.raises(RoutingError):
        Operator("a", (), level=0)
    with pytest.raises(RoutingError):
        Operator("a", (), last_assigned=math.nan)
    with pytest.raises(RoutingError):
        Operator("a", (), metrics=[1, 2])  # type: ignore[arg-type]  # a bad value on purpose
    with pytest.raises(RoutingError):
        Conversation("c", "website", "site", arrived_at=math.inf)
    with pytest.raises(RoutingError):
        Conversation("c", "", "site", arrived_at=0)
    with pytest.raises(RoutingError, match=r"\.\.\."):
        Conversation("c", "website", "site", arrived_at=10**400)
    with pytest.raises(RoutingError):
        Operator("a", (), limit=10**12)
    with pytest.raises(RoutingError):
        route(NO_ALERTS, [], [], now=-(10**400))
    # The largest times allowed never overflow, even with a tiny aging step.
    tiny = RoutingPolicy(aging_step_s=1e-300, alerts=())
    far = route(tiny, [], [chat("x", -1e15, channel="email")], now=1e15)
    assert far.waiting[0].priority == 0
    assert far.waiting[0].waited_s == 2e15
    assert issubclass(RoutingError, agentlevels.AgentLevelsError)
    assert issubclass(RoutingError, ValueError)


def test_route_input_checks() -> None:
    with pytest.raises(RoutingError, match="twice"):
        route(NO_ALERTS, [Operator("a", ()), Operator("a", ())], [], now=0)
    with pytest.raises(RoutingError, match="twice"):
        route(NO_ALERTS, [], [chat("x"), chat("x")], now=0)
    with pytest.raises(RoutingError, match="unknown group"):
        route(first_line_policy(), [], [chat("x", group="nope")], now=0)
    with pytest.raises(RoutingError, match="unknown group"):
        route(NO_ALERTS, [], [chat("x", group="any")], now=0)
    with pytest.raises(RoutingError, match="now"):
        route(NO_ALERTS, [], [], now=math.nan)
    with pytest.raises(RoutingError):
        route(NO_ALERTS, "abc", [], now=0)  # type: ignore[arg-type]  # a bad value on purpose
    with pytest.raises(RoutingError):
        route(NO_ALERTS, [{"id": "a"}], [], now=0)  # type: ignore[list-item]  # a bad value on purpose
    with pytest.raises(RoutingError):
        route("policy", [], [], now=0)  # type: ignore[arg-type]  # a bad value on purpose


def test_values_copy_pickle_and_hash() -> None:
    metrics = {"rewards": 3}
    operator = Operator("a", {"g"}, metrics=metrics)
    metrics["rewards"] = 99
    assert operator.metrics == {"rewards": 3}
    assert copy.deepcopy(operator) == operator
    assert pickle.loads(pickle.dumps(operator)) == operator
    assert hash(operator) == hash(Operator("a", {"g"}, metrics={"rewards": 3}))
    policy = RoutingPolicy()
    assert pickle.loads(pickle.dumps(policy)) == policy
    decision = route(policy, [operator], [chat("x")], now=1)
    assert isinstance(decision, RoutingDecision)
    assert pickle.loads(pickle.dumps(decision)) == decision
    assert copy.deepcopy(decision) == decision


def test_preset_policy() -> None:
    policy = RoutingPolicy.preset()
    assert policy == RoutingPolicy()
    assert policy.distribution == "most_free_slots"
    assert policy.priority_class("website") == policy.priority_class("mobile_app") == 0
    assert policy.priority_class("messenger") == 1
    assert policy.priority_class("social") == policy.priority_class("email") == 2
    assert policy.priority_class("pigeon") == 3
    assert policy.aging_step_s == 120
    assert [(s.after_s, s.action) for s in policy.retention] == [
        (30, "service_message"),
        (60, "offer_alternative_channel"),
    ]
    assert policy.wait_norm_s == 60
    assert policy.cancelled_within_s == 20
    assert [a.key for a in policy.alerts] == ["wait_above_norm", "group_overloaded"]


# --- cancelled conversations -------------------------------------------------------------


def test_is_cancelled() -> None:
    assert is_cancelled(0, 19.9, True)
    assert not is_cancelled(0, 20, True)
    assert not is_cancelled(0, 5, False)
    assert is_cancelled(0, 25, True, RoutingPolicy(cancelled_within_s=30))
    with pytest.raises(RoutingError):
        is_cancelled(10, 5, True)
    with pytest.raises(RoutingError):
        is_cancelled(0, math.nan, True)
    with pytest.raises(RoutingError):
        is_cancelled(0, 5, 1)  # type: ignore[arg-type]  # a bad value on purpose


# --- the public surface ------------------------------------------------------------------


def test_routing_names_are_sorted_documented_and_described() -> None:
    from pathlib import Path

    from agentlevels import routing

    # Constants first, then the rest, as ruff and the package's own __all__ sort them.
    assert routing.__all__ == sorted(routing.__all__, key=lambda n: (not n.isupper(), n))
    docs = (Path(__file__).resolve().parent.parent / "docs" / "routing.md").read_text("utf-8")
    for name in routing.__all__:
        value = getattr(routing, name)
        assert f"`{name}" in docs, f"{name} is not in docs/routing.md"
        if callable(value) and not isinstance(value, agentlevels.Catalog):
            assert value.__doc__, f"{name} has no docstring"


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.text(max_size=4),
    st.lists(st.one_of(st.text(max_size=3), st.integers(), st.lists(st.integers(), max_size=1))),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.frozensets(st.text(max_size=3), max_size=2),
)

GOOD: dict[type, dict[str, object]] = {
    Operator: {"id": "a", "groups": ()},
    Conversation: {"id": "c", "channel": "website", "point": "site", "arrived_at": 0},
    Group: {"key": "g", "points": ()},
    Overflow: {"group": "g", "helpers": {"h"}},
    RetentionStep: {"after_s": 1, "action": "x"},
    LimitRule: {"condition": "$level >= 2", "limit": 3},
    LimitPolicy: {},
    Alert: {"key": "a", "condition": "true"},
    RoutingPolicy: {},
}


@given(
    st.sampled_from(sorted(GOOD, key=lambda kind: kind.__name__)).flatmap(
        lambda kind: st.tuples(
            st.just(kind), st.sampled_from([f.name for f in attrs.fields(kind)]), junk
        )
    )
)
def test_any_value_in_any_field_is_accepted_or_a_library_error(
    case: tuple[type, str, object],
) -> None:
    kind, field, value = case
    fields = {**GOOD[kind], field: value}
    with contextlib.suppress(agentlevels.AgentLevelsError):
        kind(**fields)
