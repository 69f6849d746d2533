"""Why an agent did or did not win a badge, in words.

Not eligible (and which part of the eligibility condition failed), a value
that is unknown, below the minimum, or below (above, for a "least" badge)
the winner's; for a threshold badge, the atoms that decided its condition;
for a random badge, eligibility and the draw.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, Final

from agentlevels._badges.awards import award
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, ThresholdRule, always_true
from agentlevels._errors import BadgeError, MissingWindowError
from agentlevels._explain.why import WORDS, number_text, reasons_text, value_text, why_locale
from agentlevels._language.formula import Formula

__all__ = ["explain_badge"]

_TEXTS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "absent": "no snapshot for {agent} in window {window}",
        "won": "won with {value}",
        "won plain": "won",
        "not eligible": "not eligible: {reasons}",
        "value unknown": "value unknown: {reasons}",
        "below minimum": "value {value} below the minimum {minimum}",
        "all zero": "nobody won: every value is zero",
        "below winner": "value {value} below the winner's {best} ({winners})",
        "above winner": "value {value} above the winner's {best} ({winners})",
        "drawn other": "eligible; the draw picked {winners}",
        "not drawn": "eligible; the badge was not drawn this time",
    },
    "ru": {
        "absent": "нет данных {agent} за окно {window}",
        "won": "получен, значение {value}",
        "won plain": "получен",
        "not eligible": "не участвует: {reasons}",
        "value unknown": "значение неизвестно: {reasons}",
        "below minimum": "значение {value} ниже минимума {minimum}",
        "all zero": "никто не получил: все значения равны нулю",
        "below winner": "значение {value} ниже, чем у победителя: {best} ({winners})",
        "above winner": "значение {value} выше, чем у победителя: {best} ({winners})",
        "drawn other": "участвует; жребий выпал {winners}",
        "not drawn": "участвует; в этот раз значок не разыгран",
    },
}


def _said(badge: Badge, won: bool, text: str, locale: str) -> str:
    prefix = "" if won else WORDS[why_locale(locale)]["not"]
    return f"{prefix}{badge.name_in(locale)}: {text}"


def _unknown_parts(metric: Formula, snapshot: Mapping[str, Any], locale: str) -> str:
    trace = metric.trace(snapshot)
    names = dict.fromkeys(
        value_text(entry.text.replace("$", ""), None, locale)
        for entry in trace
        if entry.value is None and not entry.node.children
    )
    return WORDS[why_locale(locale)]["and"].join(names)


def explain_badge(
    badge: Badge,
    windows: Mapping[str, Mapping[str, Mapping[str, Any]]],
    agent_id: str,
    *,
    locale: str = "en",
    rng: random.Random | None = None,
) -> str:
    """Why ``agent_id`` did or did not win ``badge`` over ``windows``, in words.

    ``windows`` and ``rng`` are as for :func:`~agentlevels.award` (pass the
    same seeded generator to explain a random badge's draw).

    >>> from agentlevels import presets
    >>> cleaner = next(b for b in presets.badges() if b.key == "cleaner")
    >>> team = {"ann": {"resolved_tickets": 5, "deleted_tickets": 1},
    ...         "bob": {"resolved_tickets": 2, "deleted_tickets": 0}}
    >>> explain_badge(cleaner, {"7d": team}, "bob")
    "not Cleaner: value 2 below the winner's 6 (ann)"
    """
    if not isinstance(badge, Badge):
        raise BadgeError(f"explain_badge() takes a Badge, not {badge!r}")
    texts = _TEXTS[why_locale(locale)]
    if badge.window not in windows:
        raise MissingWindowError(badge.key, badge.window, tuple(sorted(windows)))
    team = windows[badge.window]
    if agent_id not in team:
        return _said(
            badge, False, texts["absent"].format(agent=agent_id, window=badge.window), locale
        )
    found = award([badge], {badge.window: team}, rng=rng)
    winners = found[0].agent_ids if found else ()
    best = found[0].value if found else None
    snapshot = team[agent_id]
    rule = badge.rule
    won = agent_id in winners
    eligible = rule.condition if isinstance(rule, ThresholdRule) else rule.eligible
    if isinstance(rule, ThresholdRule):
        return _said(badge, won, reasons_text(eligible.trace(snapshot), locale), locale)
    if not always_true(eligible) and eligible.evaluate(snapshot) is not True:
        reasons = reasons_text(eligible.trace(snapshot), locale)
        return _said(badge, False, texts["not eligible"].format(reasons=reasons), locale)
    if isinstance(rule, RandomRule):
        if won:
            return _said(badge, True, texts["won plain"], locale)
        key = "drawn other" if winners else "not drawn"
        return _said(badge, False, texts[key].format(winners=", ".join(winners)), locale)
    assert isinstance(rule, ComparativeRule)
    value = rule.metric.evaluate(snapshot)
    if won:
        return _said(badge, True, texts["won"].format(value=number_text(value, locale)), locale)
    if value is None:
        reasons = _unknown_parts(rule.metric, snapshot, locale)
        return _said(badge, False, texts["value unknown"].format(reasons=reasons), locale)
    shown = number_text(value, locale)
    if rule.minimum is not None and value < rule.minimum:
        minimum = number_text(rule.minimum, locale)
        return _said(
            badge, False, texts["below minimum"].format(value=shown, minimum=minimum), locale
        )
    if not winners:
        return _said(badge, False, texts["all zero"], locale)
    key = "below winner" if rule.direction == "most" else "above winner"
    said = texts[key].format(
        value=shown, best=number_text(best, locale), winners=", ".join(winners)
    )
    return _said(badge, False, said, locale)
