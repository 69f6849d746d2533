"""Routing output an operations lead can act on (issue 10): offline operators said so,
and groups that look like mistakes reported as warnings instead of silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentlevels import cli
from agentlevels.routing import Conversation, Group, Operator, RoutingPolicy, RoutingState, route

POLICY = RoutingPolicy(
    groups=[Group("support", {"site"}), Group("sales", {"shop"})],
    alerts=(),
)


def test_an_operator_in_misspelt_group_suport_is_a_warning_with_a_suggestion() -> None:
    team = [Operator("anna", {"suport"}), Operator("boris", {"support", "sales"})]
    queue = [Conversation("c1", "website", "site", arrived_at=0)]
    decision = route(POLICY, team, queue, now=10)
    assert decision.assignments == (("c1", "boris"),)
    assert decision.warnings == (
        "operator 'anna' is in group 'suport', which the policy does not define: "
        "they receive nothing through it; did you mean 'support'?",
    )
    assert decision.to_dict()["warnings"] == list(decision.warnings)


def test_a_policy_group_with_no_members_is_a_warning() -> None:
    team = [Operator("anna", {"support"}, online=False)]
    decision = route(POLICY, team, [], now=10)
    # An offline member still belongs: only a group nobody lists is reported.
    assert decision.warnings == (
        "group 'sales' has no members: nothing addressed to it can be served",
    )


def test_without_policy_groups_or_with_everything_right_there_are_no_warnings() -> None:
    team = [Operator("anna", {"anything"})]
    assert route(RoutingPolicy(alerts=()), team, [], now=10).warnings == ()
    team = [Operator("anna", {"support"}), Operator("boris", {"sales"})]
    assert route(POLICY, team, [], now=10).warnings == ()


def test_route_output_says_offline_instead_of_0_of_5_and_lists_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = {
        "now": 100,
        "policy": {"groups": [{"key": "support", "points": ["site"]}]},
        "operators": [
            {"id": "anna", "groups": ["support"], "online": False, "level": 7},
            {"id": "boris", "groups": ["suport"], "online": False, "load": 2},
            {"id": "vera", "groups": ["support"], "load": 3},
        ],
        "queue": [{"id": "c1", "channel": "website", "point": "site", "arrived_at": 90}],
    }
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state), encoding="utf-8")
    assert cli.main(["route", str(path)]) == 0
    out = capsys.readouterr().out
    assert "anna             offline\n" in out
    assert "boris            offline (holds 2)\n" in out
    assert "vera             3 / 3\n" in out
    assert "0 / 5" not in out
    assert "Warnings:\n  operator 'boris' is in group 'suport'" in out
    assert cli.main(["route", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["warnings"] == list(RoutingState.from_json(json.dumps(state)).route().warnings)
