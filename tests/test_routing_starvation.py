"""The starvation simulation: website chats at 95% of the team's capacity and a trickle
of e-mails, routed tick by tick with a seeded generator (see docs/routing.md, "What
aging guarantees")."""

from __future__ import annotations

from agentlevels.routing import RoutingPolicy
from tests.simulation_routing import simulate

# Four operators holding three conversations each, 8 hours of website chats
# at 95% of capacity and 48 e-mails; seed 2 is a run where, without aging,
# e-mails starve.
RUN = {"seed": 2, "operators": 4, "hours": 8}


def test_every_email_is_served_at_95_percent_load_under_the_preset() -> None:
    outcome = simulate(RoutingPolicy(alerts=()), **RUN)
    assert outcome.arrived["email"] == 48
    assert outcome.unserved["email"] == 0
    assert len(outcome.waits["email"]) == 48
    # Lifted to class 0 after 4 minutes, an e-mail then waits its turn among chats.
    assert outcome.median_wait("email") < 900
    assert outcome.longest_wait("email") < 1800


def test_without_aging_emails_starve_at_95_percent_load() -> None:
    outcome = simulate(RoutingPolicy(aging_step_s=None, alerts=()), **RUN)
    assert outcome.unserved["email"] >= 10
    assert outcome.median_wait("email") > 3600
