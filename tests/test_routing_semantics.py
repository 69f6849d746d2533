"""Routing scenarios from the audit of routing semantics (issue 15), one test per finding."""

from __future__ import annotations

from agentlevels.routing import (
    Alert,
    Conversation,
    Group,
    Operator,
    Overflow,
    RoutingPolicy,
    route,
)


def test_c1_moves_to_y_so_that_c2_for_b_is_served_by_x() -> None:
    # x is in A and B, y only in A, one free slot each. Taking the first free
    # operator would give c1 to x and leave c2 waiting; the matching serves both.
    policy = RoutingPolicy(groups=[Group("A", {"site"}), Group("B", {"shop"})])
    team = [Operator("x", {"A", "B"}, limit=1), Operator("y", {"A"}, limit=1)]
    queue = [
        Conversation("c1", "website", "site", arrived_at=0),
        Conversation("c2", "website", "shop", arrived_at=1),
    ]
    decision = route(policy, team, queue, now=10)
    assert decision.assignments == (("c1", "y"), ("c2", "x"))
    assert decision.waiting == ()
    assert dict(decision.loads) == {"x": 1, "y": 1}


def test_a_chain_of_moves_frees_a_slot_two_pools_away() -> None:
    # c3 (for C) can only go to z, who holds c2 (for B); c2 can go to x, who
    # holds c1 (for A); c1 can go to y, who is free. Both moves are made.
    policy = RoutingPolicy(
        groups=[Group("A", {"a"}), Group("B", {"b"}), Group("C", {"c"})],
    )
    team = [
        Operator("x", {"A", "B"}, limit=1),
        Operator("y", {"A"}, limit=1, load=1),
        Operator("z", {"B", "C"}, limit=1),
    ]
    queue = [
        Conversation("c1", "website", "a", arrived_at=0),
        Conversation("c2", "website", "b", arrived_at=1),
        Conversation("c3", "website", "c", arrived_at=2),
    ]
    # y is full: c1 -> x, c2 -> z, and c3 finds no chain (nobody is free).
    assert route(policy, team, queue, now=10).assignments == (("c1", "x"), ("c2", "z"))
    team[1] = Operator("y", {"A"}, limit=1)
    decision = route(policy, team, queue, now=10)
    assert decision.assignments == (("c1", "y"), ("c2", "x"), ("c3", "z"))


def test_a_lower_priority_chat_never_displaces_a_higher_one() -> None:
    # One slot, two chats that both could take it: the website chat keeps it.
    policy = RoutingPolicy(groups=[Group("A", {"site"})])
    team = [Operator("x", {"A"}, limit=1)]
    queue = [
        Conversation("mail", "email", "site", arrived_at=0),
        Conversation("web", "website", "site", arrived_at=5),
    ]
    decision = route(policy, team, queue, now=10)
    assert decision.assignments == (("web", "x"),)
    assert [entry.conversation for entry in decision.waiting] == ["mail"]


def test_widget_hides_while_the_first_line_front_is_full_though_sales_has_free_slots() -> None:
    # A new chat at the site can only reach the first line: sales' 3 free
    # slots are no promise to the visitor.
    policy = RoutingPolicy(
        groups=[Group("front", {"site"}, first_line=True), Group("sales", {"site"})],
    )
    team = [Operator("anna", {"front"}, load=3), Operator("boris", {"sales"}, load=0)]
    decision = route(policy, team, [], now=10)
    assert decision.widget_visible == {"site": False}
    team[0] = Operator("anna", {"front"}, load=2)
    assert route(policy, team, [], now=10).widget_visible == {"site": True}


def test_widget_counts_the_helpers_of_a_ring_that_opens_at_once() -> None:
    front = Group("front", {"site"}, first_line=True)
    policy = RoutingPolicy(
        groups=[front, Group("sales", {"site"}, visible=False)],
        overflow=[Overflow("front", {"sales"}, after_s=0)],
    )
    team = [Operator("anna", {"front"}, load=3), Operator("boris", {"sales"})]
    assert route(policy, team, [], now=10).widget_visible == {"site": True}
    later = RoutingPolicy(groups=policy.groups, overflow=[Overflow("front", {"sales"}, after_s=30)])
    assert route(later, team, [], now=10).widget_visible == {"site": False}


def test_social_and_email_share_a_tier_and_the_one_waiting_longer_goes_first() -> None:
    policy = RoutingPolicy(alerts=())
    assert policy.priority_class("social") == policy.priority_class("email") == 2
    assert policy.priority_class("messenger") == 1
    team = [Operator("a", (), limit=1)]
    queue = [
        Conversation("vk", "social", "site", arrived_at=5),
        Conversation("mail", "email", "site", arrived_at=0),
    ]
    decision = route(policy, team, queue, now=10)
    assert decision.assignments == (("mail", "a"),)
    queue[1] = Conversation("mail", "email", "site", arrived_at=6)
    assert route(policy, team, queue, now=10).assignments == (("vk", "a"),)


def test_the_preset_lifts_an_email_to_the_website_class_after_four_minutes() -> None:
    policy = RoutingPolicy(alerts=())
    assert policy.aging_step_s == 120
    team = [Operator("a", (), limit=1)]
    mail = Conversation("mail", "email", "site", arrived_at=0)
    web = Conversation("web", "website", "site", arrived_at=100)
    assert route(policy, team, [mail, web], now=239).assignments == (("web", "a"),)
    assert route(policy, team, [mail, web], now=240).assignments == (("mail", "a"),)


def test_a_channel_seen_only_on_a_blocked_visitors_conversation_is_an_alert_subject() -> None:
    policy = RoutingPolicy(
        blocked_visitors={"troll"},
        alerts=[Alert("any", "$queue_length >= 0", scopes={"channel"})],
    )
    queue = [Conversation("c1", "fax", "site", arrived_at=0, visitor="troll")]
    decision = route(policy, [], queue, now=10)
    subjects = [alert.subject for alert in decision.alerts]
    assert "fax" in subjects
    fax = next(alert for alert in decision.alerts if alert.subject == "fax")
    assert fax.metrics["queue_length"] == 0
    assert fax.metrics["assigned"] == 0
