"""Team standings by level, then progress to the next level, then agent id."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import attrs

from agentlevels._explain.progress import Progress
from agentlevels._levels.level import Held, Level
from agentlevels._levels.outcome import LevelOutcome
from agentlevels._levels.scheme import LevelScheme

__all__ = ["Standing", "leaderboard"]


@attrs.frozen
class Standing:
    """One agent's place on a leaderboard.

    ``rank`` is the place (1 is first); agents with the same level and the
    same progress share a rank (1, 1, 3). ``outcome`` is the full
    :class:`LevelOutcome` for the agent.
    """

    rank: int
    agent: str
    outcome: LevelOutcome

    @property
    def level(self) -> Level | None:
        """The level the agent holds."""
        return self.outcome.level

    @property
    def progress(self) -> Progress | None:
        """Progress toward the next level (``None`` at the top)."""
        return self.outcome.progress

    @property
    def ratio(self) -> float:
        """Progress to the next level as a number; 1.0 at the top level."""
        progress = self.outcome.progress
        return 1.0 if progress is None else progress.ratio


def leaderboard(
    scheme: LevelScheme,
    team: Mapping[str, Mapping[str, object]],
    *,
    current: Mapping[str, Held] | None = None,
) -> tuple[Standing, ...]:
    """Standings for ``team`` (agent id -> snapshot), best first.

    ``current`` maps agent id -> the level already held (rank, key or
    :class:`Level`); agents missing from it hold none yet. An id in
    ``current`` that is not in ``team`` is a :class:`ValueError` (a misspelt
    id would otherwise drop that agent's level silently). Ordered by level
    (highest first), then progress to the next level, then agent id.

    >>> from agentlevels import presets
    >>> board = leaderboard(presets.levels(), {
    ...     "ann": {"answers": 600, "chats": 0, "rewards": 0, "punishments_p": None},
    ...     "bob": {"answers": 40, "chats": 5, "rewards": 0, "punishments_p": None}})
    >>> [(s.rank, s.agent, s.level.key) for s in board]
    [(1, 'ann', 'professional'), (2, 'bob', 'apprentice')]
    """
    if not isinstance(team, Mapping):
        raise TypeError(f"team maps agent id to snapshot, not {type(team).__name__}")
    held = current or {}
    _check_current(held, team)
    rows: list[tuple[int, float, str, LevelOutcome]] = []
    for agent, snapshot in team.items():
        if not isinstance(agent, str):
            raise TypeError(f"agent ids are strings, not {agent!r}")
        outcome = scheme.evaluate(snapshot, current=held.get(agent))
        level_rank = 0 if outcome.level is None else outcome.level.rank
        progress = outcome.progress
        ratio = 1.0 if progress is None else progress.ratio
        rows.append((level_rank, ratio, agent, outcome))
    rows.sort(key=lambda row: (-row[0], -row[1], row[2]))
    standings: list[Standing] = []
    place = 0
    previous: tuple[int, float] | None = None
    for position, (level_rank, ratio, agent, outcome) in enumerate(rows, start=1):
        if (level_rank, ratio) != previous:
            place = position
            previous = (level_rank, ratio)
        standings.append(Standing(place, agent, outcome))
    return tuple(standings)


def _check_current(held: Mapping[str, Held], team: Mapping[str, object]) -> None:
    """Refuse levels held by agents the team does not have, naming them."""
    if not isinstance(held, Mapping):
        raise TypeError(f"current maps agent id to the level held, not {type(held).__name__}")
    strangers = sorted((agent for agent in held if agent not in team), key=str)
    if not strangers:
        return
    agent = strangers[0]
    ids = [key for key in team if isinstance(key, str)]
    close = difflib.get_close_matches(agent, ids, n=1) if isinstance(agent, str) else []
    hint = f"; did you mean {close[0]!r}?" if close else ""
    more = f" (and {len(strangers) - 1} more)" if len(strangers) > 1 else ""
    raise ValueError(f"current names agent {agent!r}{more}, who is not in the team{hint}")
