"""The 15 preset badges: names from the helpdesk gamification source, rules of the domain spec.

Windows: ``"7d"`` is the last 7 days, ``"1d"`` the previous day. The random
badge reads ``$online`` from the ``"1d"`` window, the freshest one the presets
use: the caller puts the agent's current online state in that snapshot.
"""

from __future__ import annotations

import functools

from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, Direction, RandomRule

__all__ = ["FOUR_LEAF_CLOVER_PROBABILITY", "preset_badges"]

# "Very rarely": about once in a hundred evaluations (a product decision; no
# source publishes the figure).
FOUR_LEAF_CLOVER_PROBABILITY = 0.01


def _comparative(
    key: str,
    names: tuple[str, str, str],
    descriptions: tuple[str, str],
    metric: str,
    window: str,
    *,
    direction: Direction = "most",
    eligible: str = "true",
    minimum: int | None = None,
) -> Badge:
    name, name_ru, name_lv = names
    description, description_ru = descriptions
    return Badge(
        key,
        {"en": name, "ru": name_ru, "lv": name_lv},
        description={"en": description, "ru": description_ru},
        image=f"{key}.png",
        window=window,
        rule=ComparativeRule(metric, direction, eligible, minimum),
    )


@functools.cache
def preset_badges() -> tuple[Badge, ...]:
    """The 15 preset badges in the source's order (built once; badges are immutable)."""
    last_week = ("over the last 7 days", "за последние 7 дней")
    yesterday = ("yesterday", "за вчера")

    def texts(en: str, ru: str, when: tuple[str, str]) -> tuple[str, str]:
        return (f"{en} {when[0]}.", f"{ru} {when[1]}.")

    return (
        _comparative(
            "traffic_controller",
            ("Traffic Controller", "Регулировщик", "Satiksmes regulētājs"),
            texts("Transferred the most tickets", "Больше всего переданных тикетов", last_week),
            "$transferred_tickets",
            "7d",
        ),
        _comparative(
            "siesta",
            ("Siesta", "Сиеста", "Siesta"),
            texts("The longest total break time", "Самое долгое время перерывов", last_week),
            "$break_seconds",
            "7d",
        ),
        _comparative(
            "rebel",
            ("Rebel Without a Cause", "Бунтарь без причины", "Nevaldāms Nemiernieks"),
            texts("The most negative ratings", "Больше всего отрицательных оценок", last_week),
            "$punishments",
            "7d",
            minimum=1,
        ),
        _comparative(
            "inspector",
            ("Inspector", "Инспектор", "Inspektors"),
            texts(
                "The longest average time spent viewing a ticket",
                "Самое долгое среднее время просмотра тикета",
                yesterday,
            ),
            "$avg_ticket_view_seconds",
            "1d",
        ),
        _comparative(
            "speedy_gonzales",
            ("Speedy Gonzales", "Спиди Гонсалес", "Veiklais Gonzaless"),
            texts(
                "The fastest average reaction to incoming chats",
                "Самая быстрая средняя реакция на входящие чаты",
                yesterday,
            ),
            "$avg_chat_pickup_seconds",
            "1d",
            direction="least",
            eligible="$chats >= 1",
        ),
        _comparative(
            "rewarded",
            ("Rewarded", "Признанный", "Atzīts"),
            texts("The most positive ratings", "Больше всего положительных оценок", last_week),
            "$rewards",
            "7d",
            minimum=1,
        ),
        _comparative(
            "coffee_lover",
            ("Coffee Lover", "Кофеман", "Kafijmīlis"),
            texts("Took the most breaks", "Больше всего перерывов", last_week),
            "$breaks",
            "7d",
        ),
        _comparative(
            "novelist",
            ("Novelist", "Романист", "Romānists"),
            texts("Wrote the longest ticket answer", "Самый длинный ответ на тикет", yesterday),
            "$longest_answer_chars",
            "1d",
        ),
        _comparative(
            "tag_hanger",
            ("Tag Hanger", "Любитель меток", "Birku Karinātājs"),
            texts("Tagged the most tickets", "Больше всего помеченных тикетов", last_week),
            "$tagged_tickets",
            "7d",
        ),
        Badge(
            "four_leaf_clover",
            {"en": "Four-Leaf Clover", "ru": "Четырёхлистный клевер", "lv": "Četrlapis"},
            description={
                "en": (
                    "Drawn at random, very rarely, among the agents online. Said to bring luck: "
                    "while you hold it, customers ask only easy questions."
                ),
                "ru": (
                    "Выпадает случайно и очень редко одному из операторов в сети. Говорят, "
                    "приносит удачу: пока он ваш, клиенты задают только простые вопросы."
                ),
            },
            image="four_leaf_clover.png",
            window="1d",
            rule=RandomRule(FOUR_LEAF_CLOVER_PROBABILITY, eligible="$online"),
        ),
        _comparative(
            "express",
            ("Express", "Экспресс", "Ekspresis"),
            texts(
                "The shortest average ticket handling time",
                "Самое короткое среднее время обработки тикета",
                last_week,
            ),
            "$avg_handling_seconds",
            "7d",
            direction="least",
        ),
        _comparative(
            "diligent",
            ("Diligent", "Усердный", "Centis"),
            texts("Spent the most time online", "Больше всего времени в сети", last_week),
            "$online_seconds",
            "7d",
        ),
        _comparative(
            "chatterbox",
            ("Chatterbox", "Болтун", "Pļāpa"),
            texts("Had the longest single chat", "Самый длинный чат", yesterday),
            "$longest_chat_seconds",
            "1d",
        ),
        _comparative(
            "cleaner",
            ("Cleaner", "Чистильщик", "Apkopējs"),
            texts(
                "Resolved or deleted the most tickets",
                "Больше всего решённых или удалённых тикетов",
                last_week,
            ),
            "$resolved_tickets + $deleted_tickets",
            "7d",
        ),
        _comparative(
            "speaker",
            ("Speaker", "Оратор", "Runasvīrs"),
            texts("Had the longest single call", "Самый длинный звонок", yesterday),
            "$longest_call_seconds",
            "1d",
        ),
    )
