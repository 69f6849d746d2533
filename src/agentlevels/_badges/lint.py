"""Warnings for a set of badges an administrator may have got wrong.

A "least" badge goes to the lowest value. An agent who did nothing often has
the lowest value of all (an average of 0 when nothing was handled), so such
a badge needs an ``eligible`` condition (at least one ticket handled) or a
``minimum`` that drops values too small to be real. :func:`lint_badges`
warns about one that has neither.
"""

from __future__ import annotations

from collections.abc import Iterable

from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, always_true
from agentlevels._diagnostics import Diagnostic
from agentlevels._errors import BadgeError
from agentlevels._messages.message import message

__all__ = ["lint_badges"]


def lint_badges(badges: Iterable[Badge]) -> list[Diagnostic]:
    """Warnings (never errors) for ``badges``, in badge order; ``[]`` when there is nothing to say.

    ``least-badge-unguarded``: a ``"least"`` comparative badge with neither an
    ``eligible`` condition nor a ``minimum``, so an agent with nothing done
    (a value of 0) can win it.

    >>> from agentlevels import presets
    >>> lint_badges(presets.badges())
    []
    """
    found: list[Diagnostic] = []
    for badge in badges:
        if not isinstance(badge, Badge):
            raise BadgeError(f"lint_badges takes Badge objects, not {type(badge).__name__}")
        rule = badge.rule
        if not isinstance(rule, ComparativeRule) or rule.direction != "least":
            continue
        if always_true(rule.eligible) and rule.minimum is None:
            metric = rule.metric.source
            found.append(
                Diagnostic.of(
                    "warning",
                    "least-badge-unguarded",
                    message("least-badge-unguarded", key=repr(badge.key), metric=metric),
                    metric,
                    0,
                    len(metric),
                    message("hint-eligible-or-minimum"),
                )
            )
    return found
