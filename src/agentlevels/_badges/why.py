"""Why an agent did or did not win a badge, in words.

Not eligible (and which part of the eligibility condition failed), a value
that is unknown, below the minimum, or below (above, for a "least" badge)
the winner's; for a threshold badge, the atoms that decided its condition;
for a random badge, eligibility and the draw.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeAlias

import attrs

from agentlevels._badges.awards import award
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, Rule, ThresholdRule, always_true
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


Snapshot: TypeAlias = Mapping[str, Any]


def _unknown_parts(metric: Formula, snapshot: Snapshot, locale: str) -> str:
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
    winners = _Winners(found[0].agent_ids, found[0].value) if found else _Winners((), None)
    explainer = _EXPLAINERS.get(type(badge.rule))
    if explainer is None:
        raise BadgeError(f"badge {badge.key!r} has an unknown rule {badge.rule!r}")
    return explainer(badge, team[agent_id], agent_id in winners.agents, winners, locale)


@attrs.frozen
class _Winners:
    agents: tuple[str, ...]
    value: int | float | None


def _not_eligible(badge: Badge, eligible: Formula, snapshot: Snapshot, locale: str) -> str | None:
    if always_true(eligible) or eligible.evaluate(snapshot) is True:
        return None
    reasons = reasons_text(eligible.trace(snapshot), locale)
    return _said(
        badge, False, _TEXTS[why_locale(locale)]["not eligible"].format(reasons=reasons), locale
    )


def _threshold(badge: Badge, snapshot: Snapshot, won: bool, _: _Winners, locale: str) -> str:
    rule = badge.rule
    assert isinstance(rule, ThresholdRule)  # the table below picks by rule class
    return _said(badge, won, reasons_text(rule.condition.trace(snapshot), locale), locale)


def _random(badge: Badge, snapshot: Snapshot, won: bool, winners: _Winners, locale: str) -> str:
    rule = badge.rule
    assert isinstance(rule, RandomRule)  # the table below picks by rule class
    texts = _TEXTS[why_locale(locale)]
    refused = _not_eligible(badge, rule.eligible, snapshot, locale)
    if refused is not None:
        return refused
    if won:
        return _said(badge, True, texts["won plain"], locale)
    key = "drawn other" if winners.agents else "not drawn"
    return _said(badge, False, texts[key].format(winners=", ".join(winners.agents)), locale)


def _comparative(
    badge: Badge, snapshot: Snapshot, won: bool, winners: _Winners, locale: str
) -> str:
    rule = badge.rule
    assert isinstance(rule, ComparativeRule)  # the table below picks by rule class
    texts = _TEXTS[why_locale(locale)]
    refused = _not_eligible(badge, rule.eligible, snapshot, locale)
    if refused is not None:
        return refused
    value = rule.metric.evaluate(snapshot)
    if won:
        return _said(badge, True, texts["won"].format(value=number_text(value, locale)), locale)
    if value is None:
        reasons = _unknown_parts(rule.metric, snapshot, locale)
        return _said(badge, False, texts["value unknown"].format(reasons=reasons), locale)
    shown = number_text(value, locale)
    if rule.minimum is not None and value < rule.minimum:
        minimum = number_text(rule.minimum, locale)
        said = texts["below minimum"].format(value=shown, minimum=minimum)
    elif not winners.agents:
        said = texts["all zero"]
    else:
        said = texts["below winner" if rule.direction == "most" else "above winner"].format(
            value=shown,
            best=number_text(winners.value, locale),
            winners=", ".join(winners.agents),
        )
    return _said(badge, False, said, locale)


Explainer: TypeAlias = Callable[[Badge, Snapshot, bool, _Winners, str], str]

_EXPLAINERS: dict[type[Rule], Explainer] = {
    ThresholdRule: _threshold,
    RandomRule: _random,
    ComparativeRule: _comparative,
}
