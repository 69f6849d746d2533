"""Monitoring alerts: boolean formulas over per-group and per-channel queue metrics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from agentlevels._values import FrozenMap, Value
from agentlevels.routing.policy import Alert, Scope


@attrs.frozen
class FiredAlert:
    """An alert whose condition is met for one group or one channel.

    ``metrics`` are the values the condition saw (see ``ALERT_CATALOG``).
    """

    key: str
    scope: Scope
    subject: str
    metrics: Mapping[str, Value]

    def to_dict(self) -> dict[str, object]:
        """The alert as JSON-ready data."""
        return {
            "key": self.key,
            "scope": self.scope,
            "subject": self.subject,
            "metrics": dict(self.metrics),
        }


def fire_alerts(
    alerts: Iterable[Alert],
    metrics_by_scope: Mapping[Scope, Mapping[str, Mapping[str, Value]]],
) -> tuple[FiredAlert, ...]:
    """Evaluate every alert for every subject of its scopes.

    The order is fixed: alerts as the policy lists them, groups before
    channels, subjects by name.
    """
    fired: list[FiredAlert] = []
    for alert in alerts:
        names = alert.condition.variables
        for scope in ("group", "channel"):
            if scope not in alert.scopes:
                continue
            subjects = metrics_by_scope.get(scope, {})
            for subject in sorted(subjects):
                snapshot = dict(subjects[subject])
                # A formula compiled against a wider catalog sees unknowns, not a crash.
                for name in names:
                    snapshot.setdefault(name, None)
                if alert.condition(snapshot):
                    fired.append(FiredAlert(alert.key, scope, subject, FrozenMap(snapshot)))
    return tuple(fired)
