"""The preset data the library ships: the 12 levels and the 15 badges."""

from __future__ import annotations

from agentlevels._badges.model import Badge
from agentlevels._levels.scheme import LevelScheme
from agentlevels.presets._badges import preset_badges
from agentlevels.presets._levels import preset_levels

__all__ = ["badges", "levels"]


def levels() -> LevelScheme:
    """The 12 preset levels, Novice to Emperor, as a validated scheme."""
    return preset_levels()


def badges() -> tuple[Badge, ...]:
    """The 15 preset badges with the domain's rules and windows."""
    return preset_badges()
