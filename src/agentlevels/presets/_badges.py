"""The 15 preset badges: names from the helpdesk gamification source, rules of the domain spec.

Windows: ``"7d"`` is the last 7 days, ``"1d"`` the previous day. The random
badge reads ``$online`` from the ``"1d"`` window, the freshest one the presets
use: the caller puts the agent's current online state in that snapshot.

The badges are a table of :class:`PresetBadge` rows. Their rules are compiled
on the first call of :func:`preset_badges`, not at import: compiling needs the
parser, which ``import agentlevels`` does not build.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import attrs

from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, Rule

__all__ = ["FOUR_LEAF_CLOVER_PROBABILITY", "PRESET_BADGES", "PresetBadge", "preset_badges"]

# "Very rarely": about once in a hundred evaluations (a product decision; no
# source publishes the figure).
FOUR_LEAF_CLOVER_PROBABILITY = 0.01


@attrs.frozen
class PresetBadge:
    """One preset badge as data; :meth:`build` makes the :class:`Badge`."""

    key: str
    names: tuple[str, str, str]
    """English, Russian and Latvian."""
    description: tuple[str, str]
    """English and Russian."""
    window: str
    rule: Callable[[], Rule]
    """Builds the rule (compiling its formulas)."""

    def build(self) -> Badge:
        """The badge, its image named after its key."""
        name, name_ru, name_lv = self.names
        description, description_ru = self.description
        return Badge(
            self.key,
            {"en": name, "ru": name_ru, "lv": name_lv},
            description={"en": description, "ru": description_ru},
            image=f"{self.key}.png",
            window=self.window,
            rule=self.rule(),
        )


def _last_week(en: str, ru: str) -> tuple[str, str]:
    return (f"{en} over the last 7 days.", f"{ru} за последние 7 дней.")


def _yesterday(en: str, ru: str) -> tuple[str, str]:
    return (f"{en} yesterday.", f"{ru} за вчера.")


def _most(metric: str, *, minimum: int | None = None) -> Callable[[], Rule]:
    return functools.partial(ComparativeRule, metric, "most", "true", minimum)


def _least(metric: str, *, eligible: str = "true") -> Callable[[], Rule]:
    return functools.partial(ComparativeRule, metric, "least", eligible, None)


PRESET_BADGES: tuple[PresetBadge, ...] = (
    PresetBadge(
        "traffic_controller",
        ("Traffic Controller", "Регулировщик", "Satiksmes regulētājs"),
        _last_week("Transferred the most tickets", "Больше всего переданных тикетов"),
        "7d",
        _most("$transferred_tickets"),
    ),
    PresetBadge(
        "siesta",
        ("Siesta", "Сиеста", "Siesta"),
        _last_week("The longest total break time", "Самое долгое время перерывов"),
        "7d",
        _most("$break_seconds"),
    ),
    PresetBadge(
        "rebel",
        ("Rebel Without a Cause", "Бунтарь без причины", "Nevaldāms Nemiernieks"),
        _last_week("The most negative ratings", "Больше всего отрицательных оценок"),
        "7d",
        _most("$punishments", minimum=1),
    ),
    PresetBadge(
        "inspector",
        ("Inspector", "Инспектор", "Inspektors"),
        _yesterday(
            "The longest average time spent viewing a ticket",
            "Самое долгое среднее время просмотра тикета",
        ),
        "1d",
        _most("$avg_ticket_view_seconds"),
    ),
    PresetBadge(
        "speedy_gonzales",
        ("Speedy Gonzales", "Спиди Гонсалес", "Veiklais Gonzaless"),
        _yesterday(
            "The fastest average reaction to incoming chats",
            "Самая быстрая средняя реакция на входящие чаты",
        ),
        "1d",
        _least("$avg_chat_pickup_seconds", eligible="$chats >= 1"),
    ),
    PresetBadge(
        "rewarded",
        ("Rewarded", "Признанный", "Atzīts"),
        _last_week("The most positive ratings", "Больше всего положительных оценок"),
        "7d",
        _most("$rewards", minimum=1),
    ),
    PresetBadge(
        "coffee_lover",
        ("Coffee Lover", "Кофеман", "Kafijmīlis"),
        _last_week("Took the most breaks", "Больше всего перерывов"),
        "7d",
        _most("$breaks"),
    ),
    PresetBadge(
        "novelist",
        ("Novelist", "Романист", "Romānists"),
        _yesterday("Wrote the longest ticket answer", "Самый длинный ответ на тикет"),
        "1d",
        _most("$longest_answer_chars"),
    ),
    PresetBadge(
        "tag_hanger",
        ("Tag Hanger", "Любитель меток", "Birku Karinātājs"),
        _last_week("Tagged the most tickets", "Больше всего помеченных тикетов"),
        "7d",
        _most("$tagged_tickets"),
    ),
    PresetBadge(
        "four_leaf_clover",
        ("Four-Leaf Clover", "Четырёхлистный клевер", "Četrlapis"),
        (
            "Drawn at random, very rarely, among the agents online. Said to bring luck: "
            "while you hold it, customers ask only easy questions.",
            "Выпадает случайно и очень редко одному из операторов в сети. Говорят, "
            "приносит удачу: пока он ваш, клиенты задают только простые вопросы.",
        ),
        "1d",
        functools.partial(RandomRule, FOUR_LEAF_CLOVER_PROBABILITY, eligible="$online"),
    ),
    PresetBadge(
        "express",
        ("Express", "Экспресс", "Ekspresis"),
        _last_week(
            "The shortest average ticket handling time",
            "Самое короткое среднее время обработки тикета",
        ),
        "7d",
        # An average of 0 means nothing was handled: only agents who closed a
        # ticket (the tickets Cleaner counts, in the same window) compete.
        _least("$avg_handling_seconds", eligible="$resolved_tickets + $deleted_tickets >= 1"),
    ),
    PresetBadge(
        "diligent",
        ("Diligent", "Усердный", "Centis"),
        _last_week("Spent the most time online", "Больше всего времени в сети"),
        "7d",
        _most("$online_seconds"),
    ),
    PresetBadge(
        "chatterbox",
        ("Chatterbox", "Болтун", "Pļāpa"),
        _yesterday("Had the longest single chat", "Самый длинный чат"),
        "1d",
        _most("$longest_chat_seconds"),
    ),
    PresetBadge(
        "cleaner",
        ("Cleaner", "Чистильщик", "Apkopējs"),
        _last_week(
            "Resolved or deleted the most tickets", "Больше всего решённых или удалённых тикетов"
        ),
        "7d",
        _most("$resolved_tickets + $deleted_tickets"),
    ),
    PresetBadge(
        "speaker",
        ("Speaker", "Оратор", "Runasvīrs"),
        _yesterday("Had the longest single call", "Самый длинный звонок"),
        "1d",
        _most("$longest_call_seconds"),
    ),
)
"""The 15 preset badges in the source's order, as data."""


@functools.cache
def preset_badges() -> tuple[Badge, ...]:
    """The 15 preset badges in the source's order (built once; badges are immutable)."""
    return tuple(row.build() for row in PRESET_BADGES)
