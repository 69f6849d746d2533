"""Impact preview for badges: who would win what under a changed badge set.

Both sets are awarded over the same windows, each with its own
``random.Random(seed)``, and compared badge by badge (by key).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from agentlevels._badges.awards import award
from agentlevels._badges.model import Badge
from agentlevels._explain.why import why_locale

__all__ = ["AwardChange", "BadgeComparison", "compare_badges"]

_TEXTS = {
    "en": {"summary": "{changed} of {badges} badges would go to other agents", "none": "nobody"},
    "ru": {"summary": "{changed} из {badges} значков получат другие операторы", "none": "никто"},
}


@attrs.frozen
class AwardChange:
    """One badge whose winners differ: the agent ids under the old set and the new one.

    A badge missing from one of the sets has no winners there.
    """

    badge: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data."""
        return {"badge": self.badge, "before": list(self.before), "after": list(self.after)}


@attrs.frozen
class BadgeComparison:
    """What :func:`compare_badges` found: per badge and per agent.

    ``changes`` lists the badges whose winners differ, in the order the
    badges come (old set first, then badges only the new set has);
    ``badges`` is how many badge keys were compared.
    """

    changes: tuple[AwardChange, ...]
    badges: int

    def by_agent(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Agent id -> (badges won only under the old set, badges won only under the new)."""
        lost: dict[str, list[str]] = {}
        won: dict[str, list[str]] = {}
        for change in self.changes:
            for agent in set(change.before) - set(change.after):
                lost.setdefault(agent, []).append(change.badge)
            for agent in set(change.after) - set(change.before):
                won.setdefault(agent, []).append(change.badge)
        return {
            agent: (tuple(lost.get(agent, ())), tuple(won.get(agent, ())))
            for agent in sorted({*lost, *won})
        }

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data."""
        return {"badges": self.badges, "changes": [change.to_dict() for change in self.changes]}

    def text(self, locale: str = "en") -> str:
        """The comparison as a short report, in English or Russian."""
        texts = _TEXTS[why_locale(locale)]
        lines = [texts["summary"].format(changed=len(self.changes), badges=self.badges)]
        for change in self.changes:
            before = ", ".join(change.before) or texts["none"]
            after = ", ".join(change.after) or texts["none"]
            lines.append(f"  {change.badge}: {before} -> {after}")
        return "\n".join(lines)


def compare_badges(
    before: Iterable[Badge],
    after: Iterable[Badge],
    windows: Mapping[str, Mapping[str, Mapping[str, Any]]],
    *,
    seed: int = 0,
) -> BadgeComparison:
    """Who would win what if badge set ``before`` were replaced by ``after``.

    Each set is awarded over ``windows`` (as :func:`~agentlevels.award`
    takes them) with ``random.Random(seed)``.

    >>> from agentlevels import Badge, ComparativeRule
    >>> old = [Badge("cleaner", "Cleaner", rule=ComparativeRule("$resolved_tickets"))]
    >>> new = [Badge("cleaner", "Cleaner", rule=ComparativeRule("$deleted_tickets"))]
    >>> team = {"ann": {"resolved_tickets": 5, "deleted_tickets": 1},
    ...         "bob": {"resolved_tickets": 2, "deleted_tickets": 3}}
    >>> compare_badges(old, new, {"7d": team}).by_agent()
    {'ann': (('cleaner',), ()), 'bob': ((), ('cleaner',))}
    """
    old_set = tuple(before)
    new_set = tuple(after)
    old = {a.key: a.agent_ids for a in award(old_set, windows, rng=random.Random(seed))}
    new = {a.key: a.agent_ids for a in award(new_set, windows, rng=random.Random(seed))}
    keys = list(dict.fromkeys([b.key for b in old_set] + [b.key for b in new_set]))
    changes = tuple(
        AwardChange(key, old.get(key, ()), new.get(key, ()))
        for key in keys
        if old.get(key, ()) != new.get(key, ())
    )
    return BadgeComparison(changes, len(keys))
