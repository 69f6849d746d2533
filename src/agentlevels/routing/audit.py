"""Sampling closed conversations for a monthly review of operators' work.

The practice the product follows: review a sample of every operator's
conversations, e.g. of 100 checked a month, 80 typical and 20 atypical
(promotions and other unusual requests are checked separately).
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import attrs

from agentlevels._errors import RoutingError
from agentlevels._quality.checklist import Checklist
from agentlevels._quality.review import ReviewForm
from agentlevels.routing.fields import MAX_COUNT, is_count, shown


def _check_text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise RoutingError(f"{attribute.name} must be a non-empty string, not {shown(value)}")


def _check_flag(_: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise RoutingError(f"{attribute.name} must be true or false, not {shown(value)}")


@attrs.frozen
class AuditCandidate:
    """A closed conversation that may be reviewed: its id, the operator who
    handled it, and whether it was atypical (a promotion, an unusual request).

    >>> AuditCandidate("c1", "anna", atypical=True).atypical
    True
    """

    id: str = attrs.field(validator=_check_text)
    operator: str = attrs.field(validator=_check_text)
    atypical: bool = attrs.field(default=False, validator=_check_flag)


@attrs.frozen
class AuditSample:
    """The conversations picked for review, typical and atypical apart."""

    typical: tuple[AuditCandidate, ...]
    atypical: tuple[AuditCandidate, ...]

    @property
    def all(self) -> tuple[AuditCandidate, ...]:
        """Typical then atypical."""
        return self.typical + self.atypical

    def forms(self, checklist: Checklist) -> tuple[ReviewForm, ...]:
        """A review form per picked conversation, typical then atypical.

        Each names the conversation, its operator and whether it is
        atypical, and lists ``checklist``'s items to fill in.

        >>> from agentlevels import presets
        >>> sample = AuditSample((AuditCandidate("c1", "anna"),), ())
        >>> form = sample.forms(presets.quality_checklist())[0]
        >>> form.conversation, form.agent, len(form.items)
        ('c1', 'anna', 21)
        """
        if not isinstance(checklist, Checklist):
            raise RoutingError(f"forms() takes a Checklist, not {shown(checklist)}")
        return tuple(
            ReviewForm(checklist.key, item.id, item.operator, checklist.keys, item.atypical)
            for item in self.all
        )


def _spread(
    candidates: list[AuditCandidate], quota: int, rng: random.Random
) -> tuple[AuditCandidate, ...]:
    """Up to ``quota`` candidates, taken in rounds across operators so each is reviewed."""
    by_operator: dict[str, list[AuditCandidate]] = {}
    for candidate in candidates:
        by_operator.setdefault(candidate.operator, []).append(candidate)
    operators = sorted(by_operator)
    # Shuffle the order of operators too, so that a short quota does not
    # always fall on the same names.
    rng.shuffle(operators)
    for name in operators:
        rng.shuffle(by_operator[name])
    picked: list[AuditCandidate] = []
    depth = 0
    while len(picked) < quota:
        took = False
        for name in operators:
            items = by_operator[name]
            if depth < len(items):
                picked.append(items[depth])
                took = True
                if len(picked) == quota:
                    break
        if not took:
            break
        depth += 1
    return tuple(picked)


def sample_for_audit(
    conversations: Iterable[AuditCandidate],
    *,
    per_month: int = 100,
    atypical_share: float = 0.2,
    rng: random.Random,
) -> AuditSample:
    """Pick conversations to review this month.

    ``round(per_month * atypical_share)`` atypical ones and the rest typical
    (80 and 20 by default). If one kind runs short, the other fills the gap
    so that ``min(per_month, len(conversations))`` are picked. Within each
    kind, picks go round the operators (in an order drawn from ``rng``), one
    conversation each per round, so every operator is reviewed and no one
    gets more than one more than another while they still have candidates.
    The same ``rng`` state gives the same sample whatever the input order.

    >>> import random
    >>> pool = [AuditCandidate(f"c{i}", "anna", atypical=i % 5 == 0) for i in range(50)]
    >>> sample = sample_for_audit(pool, per_month=10, rng=random.Random(1))
    >>> len(sample.typical), len(sample.atypical)
    (8, 2)
    """
    if not is_count(per_month):
        raise RoutingError(
            f"per_month must be a whole number from 0 to {MAX_COUNT}, not {shown(per_month)}"
        )
    # The range test also refuses NaN, and runs before any float conversion.
    if (
        isinstance(atypical_share, bool)
        or not isinstance(atypical_share, int | float)
        or not 0 <= atypical_share <= 1
    ):
        raise RoutingError(
            f"atypical_share must be a number from 0 to 1, not {shown(atypical_share)}"
        )
    if not isinstance(rng, random.Random):
        raise RoutingError(f"rng must be a random.Random, not {shown(rng)}")
    if isinstance(conversations, str) or not isinstance(conversations, Iterable):
        raise RoutingError("conversations must be a list of AuditCandidate")
    items = list(conversations)
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, AuditCandidate):
            raise RoutingError(f"conversations must hold AuditCandidate objects, not {shown(item)}")
        if item.id in seen:
            raise RoutingError(f"conversation {item.id!r} appears twice")
        seen.add(item.id)
    # Sorted first so the sample depends on the rng, never on the input order.
    items.sort(key=lambda item: item.id)
    typical = [item for item in items if not item.atypical]
    atypical = [item for item in items if item.atypical]
    atypical_quota = min(round(per_month * atypical_share), len(atypical))
    typical_quota = min(per_month - atypical_quota, len(typical))
    atypical_quota = min(per_month - typical_quota, len(atypical))
    return AuditSample(
        typical=_spread(typical, typical_quota, rng),
        atypical=_spread(atypical, atypical_quota, rng),
    )
