"""Routing and load limits: policies as data, one pure decision function.

The caller keeps the live state (who is online, who holds what, what waits);
:func:`route` decides who takes which conversation, whether each contact
point's chat widget shows, which retention steps are due and which alerts
fire. Semantics in ``docs/routing.md``.

>>> from agentlevels.routing import Conversation, Operator, RoutingPolicy, route
>>> team = [Operator("anna", (), load=2), Operator("boris", (), load=1)]
>>> queue = [Conversation("c1", "website", "site", arrived_at=0)]
>>> route(RoutingPolicy(), team, queue, now=10).assignments
(('c1', 'boris'),)
"""

from agentlevels._errors import RoutingError, RoutingStateError
from agentlevels._public import publish
from agentlevels.routing.alerts import FiredAlert
from agentlevels.routing.audit import AuditCandidate, AuditSample, sample_for_audit
from agentlevels.routing.defaults import (
    ALERT_CATALOG,
    LEVEL_METRIC,
    LIMIT_CATALOG,
    PRESET_CHANNEL_PRIORITY,
    PRESET_RETENTION,
)
from agentlevels.routing.model import Conversation, Group, Operator, Overflow, RetentionStep
from agentlevels.routing.policy import (
    DISTRIBUTIONS,
    Alert,
    LimitPolicy,
    LimitRule,
    RoutingPolicy,
    preset_alerts,
)
from agentlevels.routing.route import RoutingDecision, is_cancelled, route
from agentlevels.routing.serve import ALL_OPERATORS, WAIT_REASONS, Waiting
from agentlevels.routing.state import RoutingState

__all__ = [
    "ALERT_CATALOG",
    "ALL_OPERATORS",
    "DISTRIBUTIONS",
    "LEVEL_METRIC",
    "LIMIT_CATALOG",
    "PRESET_CHANNEL_PRIORITY",
    "PRESET_RETENTION",
    "WAIT_REASONS",
    "Alert",
    "AuditCandidate",
    "AuditSample",
    "Conversation",
    "FiredAlert",
    "Group",
    "LimitPolicy",
    "LimitRule",
    "Operator",
    "Overflow",
    "RetentionStep",
    "RoutingDecision",
    "RoutingError",
    "RoutingPolicy",
    "RoutingState",
    "RoutingStateError",
    "Waiting",
    "is_cancelled",
    "preset_alerts",
    "route",
    "sample_for_audit",
]

publish(globals(), __all__, __name__)
