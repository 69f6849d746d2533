"""The preset data the library ships: the 12 levels and the 15 badges."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agentlevels._badges import Badge
    from agentlevels._levels import LevelScheme

__all__ = ["badges", "levels"]


def levels() -> LevelScheme:
    """The 12 preset levels, Novice to Emperor, as a validated scheme."""
    from agentlevels._preset_levels import preset_levels

    return preset_levels()


def badges() -> tuple[Badge, ...]:
    """The 15 preset badges with the domain's rules and windows."""
    from agentlevels._preset_badges import preset_badges

    return preset_badges()
