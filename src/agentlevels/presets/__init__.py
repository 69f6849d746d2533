"""The preset data the library ships: the 12 levels, the 15 badges and the routing defaults.

The routing defaults are the values ``RoutingPolicy()`` starts from; they live
in :mod:`agentlevels.routing` (the policy needs them) and are re-exported here
so that every preset has one home.
"""

from __future__ import annotations

from agentlevels._badges.model import Badge
from agentlevels._levels.scheme import LevelScheme
from agentlevels._public import publish
from agentlevels.presets._badges import preset_badges
from agentlevels.presets._levels import preset_levels
from agentlevels.routing.defaults import PRESET_CHANNEL_PRIORITY, PRESET_RETENTION
from agentlevels.routing.policy import preset_alerts, preset_limits

__all__ = [
    "PRESET_CHANNEL_PRIORITY",
    "PRESET_RETENTION",
    "badges",
    "levels",
    "preset_alerts",
    "preset_limits",
]


def levels() -> LevelScheme:
    """The 12 preset levels, Novice to Emperor, as a validated scheme."""
    return preset_levels()


def badges() -> tuple[Badge, ...]:
    """The 15 preset badges with the domain's rules and windows."""
    return preset_badges()


publish(globals(), __all__, __name__)
