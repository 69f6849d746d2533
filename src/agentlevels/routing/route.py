"""The routing decision: one pure function from policy, operators and queue to a decision.

:func:`route` checks its inputs and runs the phases of :mod:`.serve`, then
reads widgets, retention and alerts off the served queue (:mod:`.outlook`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from agentlevels._errors import RoutingError
from agentlevels._values import FrozenMap
from agentlevels.routing.alerts import FiredAlert, fire_alerts
from agentlevels.routing.fields import is_seconds, shown
from agentlevels.routing.model import Conversation, Operator
from agentlevels.routing.outlook import (
    alert_metrics,
    membership_warnings,
    retention_due,
    widget_visibility,
)
from agentlevels.routing.policy import RoutingPolicy
from agentlevels.routing.serve import (
    Groups,
    Offers,
    Served,
    Team,
    Waiting,
    offer_order,
    serve,
)


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
    * ``warnings``: what in the groups looks like a mistake (an operator in a
      group the policy does not define, a group with no members), as sentences.
    """

    assignments: tuple[tuple[str, str], ...]
    waiting: tuple[Waiting, ...]
    loads: Mapping[str, int]
    limits: Mapping[str, int]
    widget_visible: Mapping[str, bool]
    retention: Mapping[str, tuple[str, ...]]
    alerts: tuple[FiredAlert, ...] = ()
    warnings: tuple[str, ...] = ()

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
            "warnings": list(self.warnings),
        }


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
    groups = Groups(policy)
    team = Team(policy, ops, groups)
    offers = offer_order(policy, conversations, groups, now)
    served = serve(team, conversations, offers, policy.blocked_visitors)
    return _decision(policy, team, groups, conversations, offers, served)


# --- what the queue now means for widgets, retention and alerts -----------------------------


def _decision(
    policy: RoutingPolicy,
    team: Team,
    groups: Groups,
    conversations: list[Conversation],
    offers: Offers,
    served: Served,
) -> RoutingDecision:
    free = team.free()
    widget = widget_visibility(
        policy,
        conversations,
        served.waiting_rows,
        offers.eligible_of,
        groups,
        team.members,
        free,
    )
    retention = retention_due(policy, conversations, offers, served)
    metrics = alert_metrics(policy, conversations, offers, served, team, free)
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
        warnings=tuple(membership_warnings(policy, team)),
    )


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
