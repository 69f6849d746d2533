"""The preset data the library ships: levels, badges, review checklists and routing defaults.

The routing defaults are the values ``RoutingPolicy()`` starts from; they live
in :mod:`agentlevels.routing` (the policy needs them) and are re-exported here
so that every preset has one home.
"""

from __future__ import annotations

from agentlevels._badges.model import Badge
from agentlevels._levels.scheme import LevelScheme
from agentlevels._public import publish
from agentlevels._quality.checklist import Checklist
from agentlevels.presets._badges import preset_badges
from agentlevels.presets._levels import preset_levels
from agentlevels.presets._quality import preset_audit_checklist, preset_quality_checklist
from agentlevels.routing.defaults import PRESET_CHANNEL_PRIORITY, PRESET_RETENTION
from agentlevels.routing.policy import preset_alerts, preset_limits

__all__ = [
    "PRESET_CHANNEL_PRIORITY",
    "PRESET_RETENTION",
    "audit_checklist",
    "badges",
    "levels",
    "preset_alerts",
    "preset_limits",
    "quality_checklist",
]


def levels() -> LevelScheme:
    """The 12 preset levels, Novice to Emperor, as a validated scheme."""
    return preset_levels()


def badges() -> tuple[Badge, ...]:
    """The 15 preset badges with the domain's rules and windows."""
    return preset_badges()


def quality_checklist() -> Checklist:
    """The 21-point helpdesk quality checklist, in its source's order, in en/ru/lt.

    >>> checklist = quality_checklist()
    >>> len(checklist.items), checklist.items[0].text.in_locale("lt")
    (21, 'Pasveikinkite vartotoją')
    """
    return preset_quality_checklist()


def audit_checklist() -> Checklist:
    """The operator chat audit: templates, instructions and promotions, in en/ru/lt."""
    return preset_audit_checklist()


publish(globals(), __all__, __name__)
