"""Impact preview: what replacing one level scheme with another does to a team today.

For every agent, the level under each scheme (levels already held are kept
under both), the agents whose level would differ, the head count per level,
and the promotions the new scheme would grant today. This is what an
administrator reviews before saving a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from agentlevels._explain.why import why_locale
from agentlevels._levels.level import Held, Level

if TYPE_CHECKING:
    from agentlevels._levels.scheme import LevelScheme

__all__ = ["LevelChange", "SchemeComparison", "compare_schemes"]

_TEXTS = {
    "en": {
        "summary": "{agents} agents: {changed} would change level; "
        "promotions today: {before} under the old scheme, {after} under the new one",
        "counts": "level counts (old -> new):",
        "changes": "agents whose level would differ:",
        "none": "(none)",
        "no level": "no level",
    },
    "ru": {
        "summary": "{agents} агентов: уровень изменится у {changed}; "
        "повышений сегодня: {before} по старой схеме, {after} по новой",
        "counts": "число агентов по уровням (старая -> новая):",
        "changes": "агенты, у которых уровень будет другим:",
        "none": "(нет)",
        "no level": "без уровня",
    },
}


def _key(level: Level | None) -> str | None:
    return None if level is None else level.key


@attrs.frozen
class LevelChange:
    """One agent's level under the old scheme (``before``) and the new one (``after``).

    In :attr:`SchemeComparison.promotions`, ``before`` is the level held
    (``current``) and ``after`` the level the scheme would grant today.
    """

    agent: str
    before: Level | None
    after: Level | None

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data (levels by key; ``None`` for no level)."""
        return {"agent": self.agent, "before": _key(self.before), "after": _key(self.after)}


@attrs.frozen
class SchemeComparison:
    """What :meth:`LevelScheme.compare` found for a team.

    * ``changes`` -- every agent whose level differs, sorted by agent id;
    * ``counts_before`` / ``counts_after`` -- agents per level key under each
      scheme (``None``: no level), every level of the scheme listed, lowest first;
    * ``promotions_before`` / ``promotions`` -- the agents each scheme would
      promote today above the level they hold;
    * ``agents`` -- how many agents were compared.
    """

    changes: tuple[LevelChange, ...]
    counts_before: dict[str | None, int]
    counts_after: dict[str | None, int]
    promotions_before: tuple[LevelChange, ...]
    promotions: tuple[LevelChange, ...]
    agents: int

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data (``null`` counts agents without a level)."""

        def counts(data: dict[str | None, int]) -> list[dict[str, Any]]:
            return [{"level": key, "agents": count} for key, count in data.items()]

        return {
            "agents": self.agents,
            "changes": [change.to_dict() for change in self.changes],
            "counts_before": counts(self.counts_before),
            "counts_after": counts(self.counts_after),
            "promotions_before": [change.to_dict() for change in self.promotions_before],
            "promotions": [change.to_dict() for change in self.promotions],
        }

    def text(self, locale: str = "en") -> str:
        """The comparison as a short report, in English or Russian."""
        texts = _TEXTS[why_locale(locale)]
        lines = [
            texts["summary"].format(
                agents=self.agents,
                changed=len(self.changes),
                before=len(self.promotions_before),
                after=len(self.promotions),
            ),
            texts["counts"],
        ]
        keys = list(dict.fromkeys([*self.counts_before, *self.counts_after]))
        for key in keys:
            name = texts["no level"] if key is None else key
            before = self.counts_before.get(key, 0)
            after = self.counts_after.get(key, 0)
            if before or after:
                lines.append(f"  {name}: {before} -> {after}")
        lines.append(texts["changes"])
        for change in self.changes:
            old = texts["no level"] if change.before is None else change.before.key
            new = texts["no level"] if change.after is None else change.after.key
            lines.append(f"  {change.agent}: {old} -> {new}")
        if not self.changes:
            lines.append(f"  {texts['none']}")
        return "\n".join(lines)


def _held(scheme: LevelScheme, agent: str, current: Held) -> int:
    if current is None:
        return 0
    try:
        return scheme._rank_of(current)
    except Exception as error:
        error.add_note(f"while reading the level held by agent {agent!r}")
        raise


def _counts(scheme: LevelScheme, ranks: list[int]) -> dict[str | None, int]:
    tally = [0] * (len(scheme.levels) + 1)
    for rank in ranks:
        tally[rank] += 1
    counts: dict[str | None, int] = {None: tally[0]} if tally[0] else {}
    counts.update((level.key, tally[level.rank]) for level in scheme.levels)
    return counts


def compare_schemes(
    before: LevelScheme,
    after: LevelScheme,
    team: Mapping[str, Mapping[str, object]],
    current: Mapping[str, Held] | None = None,
) -> SchemeComparison:
    """The comparison :meth:`LevelScheme.compare` returns."""
    if not isinstance(team, Mapping):
        raise TypeError(f"team maps agent id to snapshot, not {type(team).__name__}")
    held_by = current or {}
    old_levels: tuple[Level, ...] = before.levels
    new_levels: tuple[Level, ...] = after.levels
    old_ranks: list[int] = []
    new_ranks: list[int] = []
    changes: list[LevelChange] = []
    old_promotions: list[LevelChange] = []
    new_promotions: list[LevelChange] = []
    for agent in sorted(team):
        snapshot = team[agent]
        held = held_by.get(agent)
        old_held = _held(before, agent, held)
        new_held = _held(after, agent, held)
        old = before._ladder(snapshot, old_held)
        new = after._ladder(snapshot, new_held)
        old_ranks.append(old)
        new_ranks.append(new)
        old_level = old_levels[old - 1] if old else None
        new_level = new_levels[new - 1] if new else None
        if _key(old_level) != _key(new_level):
            changes.append(LevelChange(agent, old_level, new_level))
        if old > old_held:
            held_level = old_levels[old_held - 1] if old_held else None
            old_promotions.append(LevelChange(agent, held_level, old_level))
        if new > new_held:
            held_level = new_levels[new_held - 1] if new_held else None
            new_promotions.append(LevelChange(agent, held_level, new_level))
    return SchemeComparison(
        tuple(changes),
        _counts(before, old_ranks),
        _counts(after, new_ranks),
        tuple(old_promotions),
        tuple(new_promotions),
        len(team),
    )
