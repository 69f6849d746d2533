"""The 12 preset levels, Novice to Emperor.

The conditions are a product decision: thresholds spaced roughly
exponentially, with a quality gate (positive ratings, then a ceiling on the
share of negative ratings) from Master up. Each condition implies the one
below it, which ``LevelScheme.lint`` confirms in the tests.
"""

from __future__ import annotations

import functools

from agentlevels._levels.level import Level
from agentlevels._levels.scheme import LevelScheme

__all__ = ["PRESET_LEVELS", "preset_levels"]


def _volume(threshold: int) -> str:
    return f"$answers >= {threshold} || $chats >= {threshold}"


def _gated(threshold: int, rewards: int, punishments_p: int | None = None) -> str:
    condition = f"({_volume(threshold)}) && $rewards >= {rewards}"
    if punishments_p is not None:
        condition += f" && $punishments_p <= {punishments_p}"
    return condition


PRESET_LEVELS: tuple[Level, ...] = (
    Level(
        1,
        "novice",
        {"en": "Novice", "ru": "Новичок"},
        description={
            "en": "You are just starting out and ready to take your first steps.",
            "ru": "Вы только начинаете работать и готовы сделать первые шаги.",
        },
        condition="true",
    ),
    Level(
        2,
        "apprentice",
        {"en": "Apprentice", "ru": "Ученик"},
        description={
            "en": "You have answered your first few tickets; the learning has just begun.",
            "ru": "Вы ответили на первые тикеты, но обучение только началось.",
        },
        condition=_volume(10),
    ),
    Level(
        3,
        "trainee",
        {"en": "Trainee", "ru": "Стажёр"},
        description={
            "en": "You are learning well. Keep going and mastery will follow.",
            "ru": "Вы хорошо учитесь. Продолжайте в том же духе, и мастерство придёт.",
        },
        condition=_volume(50),
    ),
    Level(
        4,
        "beginner",
        {"en": "Beginner", "ru": "Начинающий"},
        description={
            "en": "Your training is over. Now show what you can do.",
            "ru": "Обучение позади. Пора показать, на что вы способны.",
        },
        condition=_volume(100),
    ),
    Level(
        5,
        "amateur",
        {"en": "Amateur", "ru": "Любитель"},
        description={
            "en": "You clearly know the job. Keep getting better.",
            "ru": "Вы уверенно справляетесь с работой. Продолжайте совершенствоваться.",
        },
        condition=_volume(250),
    ),
    Level(
        6,
        "professional",
        {"en": "Professional", "ru": "Профессионал"},
        description={
            "en": "You are a professional now: your answers are precise and to the point, "
            "and customers look forward to them.",
            "ru": "Теперь вы профессионал: ваши ответы точны и по делу, "
            "и клиенты всегда ждут их с нетерпением.",
        },
        condition=_volume(500),
    ),
    Level(
        7,
        "master",
        {"en": "Master", "ru": "Мастер"},
        description={
            "en": "You have earned respect and colleagues look up to you. "
            "Help them become professionals too.",
            "ru": "Вы заслужили уважение, коллеги равняются на вас. "
            "Помогите им тоже стать профессионалами.",
        },
        condition=_gated(1000, 10),
    ),
    Level(
        8,
        "wizard",
        {"en": "Wizard", "ru": "Волшебник"},
        description={
            "en": "Your skills go beyond the ordinary; some of your answers are pure magic.",
            "ru": "Ваши навыки выходят за рамки обычного, а некоторые ответы — настоящая магия.",
        },
        condition=_gated(2500, 25),
    ),
    Level(
        9,
        "mage",
        {"en": "Mage", "ru": "Маг"},
        description={
            "en": "You answer tickets by the power of thought.",
            "ru": "Вы отвечаете на тикеты силой мысли.",
        },
        condition=_gated(5000, 50),
    ),
    Level(
        10,
        "white_mage",
        {"en": "White Mage", "ru": "Белый маг"},
        description={
            "en": "Your magic is proven. You may wear the white hat.",
            "ru": "Ваша магия доказана. Теперь вы можете носить белую шляпу.",
        },
        condition=_gated(10000, 100, 5),
    ),
    Level(
        11,
        "ruler",
        {"en": "Ruler", "ru": "Правитель"},
        description={
            "en": "You rule this system: tickets come and go at your command.",
            "ru": "Вы правите этой системой: тикеты приходят и уходят по вашей команде.",
        },
        condition=_gated(25000, 250, 5),
    ),
    Level(
        12,
        "emperor",
        {"en": "Emperor", "ru": "Император"},
        description={
            "en": "You are the Emperor. Now hold the throne so that no one can take it.",
            "ru": "Вы — Император. Теперь удержите трон, чтобы никто не смог его захватить.",
        },
        condition=_gated(50000, 500, 3),
    ),
)


@functools.cache
def preset_levels() -> LevelScheme:
    """The 12 preset levels as a scheme over the default catalog (built once)."""
    return LevelScheme(PRESET_LEVELS)
