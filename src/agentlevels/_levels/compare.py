"""Impact preview: what replacing one level scheme with another does to a team today.

For every agent, the level under each scheme (levels already held are kept
under both), the agents whose level would differ, the head count per level,
and the promotions the new scheme would grant today. This is what an
administrator reviews before saving a change.
"""

from __future__ import annotations

import functools
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
        "summary": "операторов: {agents}, уровень изменится у {changed}; "
        "повышений сегодня: {before} по старой схеме, {after} по новой",
        "counts": "число операторов по уровням (старая -> новая):",
        "changes": "операторы, у которых уровень будет другим:",
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


class SchemeComparison:
    """What :meth:`LevelScheme.compare` found for a team.

    * ``changes`` -- every agent whose level differs, sorted by agent id;
    * ``counts_before`` / ``counts_after`` -- agents per level key under each
      scheme (``None``: no level), every level of the scheme listed, lowest first;
    * ``promotions_before`` / ``promotions`` -- the agents each scheme would
      promote today above the level they hold;
    * ``agents`` -- how many agents were compared.

    Built from the ranks alone; the promotion lists are made when first read,
    so previewing a large team costs little more than evaluating it twice.
    """

    def __init__(
        self,
        schemes: tuple[LevelScheme, LevelScheme],
        agents: list[str],
        held: tuple[list[int], list[int]],
        ranks: tuple[list[int], list[int]],
    ) -> None:
        self._schemes = schemes
        self._agents = agents
        self._held = held
        self._ranks = ranks
        old_keys = [None, *(level.key for level in schemes[0].levels)]
        new_keys = [None, *(level.key for level in schemes[1].levels)]
        old_levels = (None, *schemes[0].levels)
        new_levels = (None, *schemes[1].levels)
        self.changes: tuple[LevelChange, ...] = tuple(
            LevelChange(agent, old_levels[old], new_levels[new])
            for agent, old, new in zip(agents, ranks[0], ranks[1], strict=True)
            if old_keys[old] != new_keys[new]
        )
        self.counts_before = _counts(schemes[0], ranks[0])
        self.counts_after = _counts(schemes[1], ranks[1])
        self.agents = len(agents)

    def _promotions(self, which: int) -> tuple[LevelChange, ...]:
        levels = (None, *self._schemes[which].levels)
        return tuple(
            LevelChange(agent, levels[held], levels[rank])
            for agent, held, rank in zip(
                self._agents, self._held[which], self._ranks[which], strict=True
            )
            if rank > held
        )

    @functools.cached_property
    def promotions_before(self) -> tuple[LevelChange, ...]:
        """The promotions the old scheme would grant today, by agent id."""
        return self._promotions(0)

    @functools.cached_property
    def promotions(self) -> tuple[LevelChange, ...]:
        """The promotions the new scheme would grant today, by agent id."""
        return self._promotions(1)

    def __repr__(self) -> str:
        return f"<SchemeComparison {self.agents} agents, {len(self.changes)} changes>"

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
    agents = sorted(team)
    snapshots = [team[agent] for agent in agents]
    held_by = current or {}
    if held_by:
        old_held = [_held(before, agent, held_by.get(agent)) for agent in agents]
        new_held = [_held(after, agent, held_by.get(agent)) for agent in agents]
    else:
        old_held = new_held = [0] * len(agents)
    old_ladder, new_ladder = before._ladder, after._ladder
    old_ranks = [old_ladder(s, h) for s, h in zip(snapshots, old_held, strict=True)]
    new_ranks = [new_ladder(s, h) for s, h in zip(snapshots, new_held, strict=True)]
    return SchemeComparison((before, after), agents, (old_held, new_held), (old_ranks, new_ranks))
