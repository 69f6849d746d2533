"""Why: the atoms that decided a level, and why an agent did or did not win a badge."""

from __future__ import annotations

import random

import pytest

from agentlevels import (
    Badge,
    ComparativeRule,
    Level,
    LevelScheme,
    RandomRule,
    ThresholdRule,
    presets,
)
from agentlevels._badges.why import explain_badge


def _outcome(snapshot: dict[str, object], current: str | None = None):  # type: ignore[no-untyped-def]
    base: dict[str, object] = {"answers": 0, "chats": 0, "rewards": 0, "punishments_p": None}
    return presets.levels().evaluate(base | snapshot, current=current)


def test_level_why_names_the_atoms_in_english_and_russian() -> None:
    outcome = _outcome({"answers": 320, "chats": 140})
    assert outcome.why() == (
        "Amateur: answers 320 >= 250\nnot Professional: answers 320 < 500 and chats 140 < 500"
    )
    assert outcome.why(locale="ru") == (
        "Любитель: answers 320 >= 250\nне Профессионал: answers 320 < 500 и chats 140 < 500"
    )


def test_level_why_names_only_the_part_that_failed() -> None:
    outcome = _outcome({"answers": 1200, "rewards": 9})
    assert outcome.why().splitlines()[1] == "not Master: rewards 9 < 10"


def test_level_why_for_a_held_level_an_unknown_and_the_top() -> None:
    held = _outcome({"answers": 12}, current="master")
    assert held.why().splitlines()[0] == "Master: held already; a level is never lost"
    assert held.why("ru").splitlines()[0] == "Мастер: уже получен; уровень не теряется"
    unknown = _outcome({"answers": 1, "chats": None})
    assert unknown.why().splitlines() == [
        "Novice: no condition",
        "not Apprentice (unknown): chats unknown",
    ]
    assert unknown.why("ru").splitlines()[1] == "не Ученик (неизвестно): chats: нет данных"
    top = LevelScheme([Level(1, "one", "One", condition="$online")]).evaluate({"online": True})
    assert top.why() == "One: online"


def test_level_why_without_a_level() -> None:
    scheme = LevelScheme([Level(1, "one", "One", condition="!$online && $answers / $chats > 2")])
    outcome = scheme.evaluate({"online": True, "answers": 1, "chats": 0})
    assert outcome.why() == "no level yet\nnot One: online"
    outcome = scheme.evaluate({"online": False, "answers": 1, "chats": 1})
    assert outcome.why() == "no level yet\nnot One: (answers / chats) 1 <= 2"


CLEANER = Badge("cleaner", "Cleaner", rule=ComparativeRule("$resolved_tickets", minimum=1))
SPEEDY = Badge(
    "speedy",
    {"en": "Speedy", "ru": "Спиди"},
    rule=ComparativeRule("$avg_chat_pickup_seconds", direction="least", eligible="$chats >= 1"),
)
TEAM: dict[str, dict[str, int | None]] = {
    "ann": {"resolved_tickets": 5, "chats": 3, "avg_chat_pickup_seconds": 10},
    "bob": {"resolved_tickets": 2, "chats": 0, "avg_chat_pickup_seconds": 5},
    "cid": {"resolved_tickets": 0, "chats": 2, "avg_chat_pickup_seconds": 12},
    "dan": {"resolved_tickets": None, "chats": 2, "avg_chat_pickup_seconds": None},
}


@pytest.mark.parametrize(
    ("badge", "agent", "en", "ru"),
    [
        (CLEANER, "ann", "Cleaner: won with 5", "Cleaner: получен, значение 5"),
        (
            CLEANER,
            "bob",
            "not Cleaner: value 2 below the winner's 5 (ann)",
            "не Cleaner: значение 2 ниже, чем у победителя: 5 (ann)",
        ),
        (
            CLEANER,
            "cid",
            "not Cleaner: value 0 below the minimum 1",
            "не Cleaner: значение 0 ниже минимума 1",
        ),
        (
            CLEANER,
            "dan",
            "not Cleaner: value unknown: resolved_tickets unknown",
            "не Cleaner: значение неизвестно: resolved_tickets: нет данных",
        ),
        (
            CLEANER,
            "eve",
            "not Cleaner: no snapshot for eve in window 7d",
            "не Cleaner: нет данных eve за окно 7d",
        ),
        (
            SPEEDY,
            "bob",
            "not Speedy: not eligible: chats 0 < 1",
            "не Спиди: не участвует: chats 0 < 1",
        ),
        (
            SPEEDY,
            "cid",
            "not Speedy: value 12 above the winner's 10 (ann)",
            "не Спиди: значение 12 выше, чем у победителя: 10 (ann)",
        ),
    ],
)
def test_badge_why(badge: Badge, agent: str, en: str, ru: str) -> None:
    assert explain_badge(badge, {"7d": TEAM}, agent) == en
    assert explain_badge(badge, {"7d": TEAM}, agent, locale="ru") == ru


def test_badge_why_for_zero_values_threshold_and_random() -> None:
    zeros = {"ann": {"resolved_tickets": 0}}
    plain = Badge("c", "C", rule=ComparativeRule("$resolved_tickets"))
    assert explain_badge(plain, {"7d": zeros}, "ann") == "not C: nobody won: every value is zero"
    hundred = Badge("h", "Hundred", rule=ThresholdRule("$chats >= 100"))
    team = {"ann": {"chats": 120}, "bob": {"chats": 3}}
    assert explain_badge(hundred, {"7d": team}, "ann") == "Hundred: chats 120 >= 100"
    assert explain_badge(hundred, {"7d": team}, "bob") == "not Hundred: chats 3 < 100"
    lucky = Badge("l", "Lucky", window="1d", rule=RandomRule(1.0, eligible="$online"))
    online = {"ann": {"online": True}, "bob": {"online": True}, "cid": {"online": False}}
    windows = {"1d": online}
    said = {a: explain_badge(lucky, windows, a, rng=random.Random(1)) for a in online}
    winner = next(agent for agent, text in said.items() if text == "Lucky: won")
    loser = ({"ann", "bob"} - {winner}).pop()
    assert said[loser] == f"not Lucky: eligible; the draw picked {winner}"
    assert said["cid"] == "not Lucky: not eligible: not online"
    never = Badge("n", "Never", window="1d", rule=RandomRule(0.0))
    assert explain_badge(never, windows, "ann") == (
        "not Never: eligible; the badge was not drawn this time"
    )
