from __future__ import annotations

from agentlevels._language.catalog import Catalog, Metric


def _metric(
    name: str,
    unit: str,
    description: str,
    description_ru: str,
    *,
    minimum: float | None = 0,
    maximum: float | None = None,
    integer: bool | None = None,
) -> Metric:
    return Metric(
        name,
        unit=unit,
        minimum=minimum,
        maximum=maximum,
        description=description,
        description_ru=description_ru,
        # Counts of whole things (answers, chats, calls) step by one.
        integer=unit == "count" if integer is None else integer,
    )


def _percent(name: str, description: str, description_ru: str) -> Metric:
    return _metric(name, "percent", description, description_ru, maximum=100)


LEVEL_METRICS: tuple[Metric, ...] = (
    _metric("worktime", "hours", "Time worked, in hours", "Отработанное время, в часах"),
    _metric("answers", "count", "Ticket answers", "Ответы на тикеты"),
    _metric("answers_ph", "count/hours", "Ticket answers per hour", "Ответы на тикеты в час"),
    _metric("chats", "count", "Chats handled", "Обработанные чаты"),
    _metric("chats_ph", "count/hours", "Chats per hour", "Чаты в час"),
    _metric("missed_chats", "count", "Missed chats", "Пропущенные чаты"),
    _metric("chat_answers", "count", "Chat messages sent", "Отправленные сообщения в чатах"),
    _metric(
        "chat_answers_ph",
        "count/hours",
        "Chat messages sent per hour",
        "Сообщения в чатах в час",
    ),
    _metric("calls", "count", "Calls", "Звонки"),
    _metric("calls_ph", "count/hours", "Calls per hour", "Звонки в час"),
    _metric(
        "call_seconds",
        "seconds",
        "Total call time, in seconds",
        "Общая продолжительность звонков, в секундах",
    ),
    _metric(
        "call_seconds_ph",
        "seconds/hours",
        "Call time per hour worked, in seconds",
        "Время звонков за час работы, в секундах",
    ),
    _metric("missed_calls", "count", "Missed calls", "Пропущенные звонки"),
    _metric("rewards", "count", "Positive ratings", "Положительные оценки"),
    _percent(
        "rewards_p",
        "Positive ratings, percent of rated interactions",
        "Положительные оценки, процент от оценённых",
    ),
    _metric("punishments", "count", "Negative ratings", "Отрицательные оценки"),
    _percent(
        "punishments_p",
        "Negative ratings, percent of rated interactions",
        "Отрицательные оценки, процент от оценённых",
    ),
    _metric("not_ranked", "count", "Interactions left unrated", "Неоценённые обращения"),
    _percent(
        "not_ranked_p",
        "Unrated interactions, percent of all",
        "Неоценённые обращения, процент от всех",
    ),
)


BADGE_METRICS: tuple[Metric, ...] = (
    _metric("transferred_tickets", "count", "Tickets transferred", "Переданные тикеты"),
    _metric("break_seconds", "seconds", "Total break time, in seconds", "Общее время перерывов"),
    _metric("breaks", "count", "Breaks taken", "Количество перерывов"),
    _metric(
        "avg_ticket_view_seconds",
        "seconds",
        "Average time spent viewing a ticket, in seconds",
        "Среднее время просмотра тикета, в секундах",
    ),
    _metric(
        "avg_chat_pickup_seconds",
        "seconds",
        "Average time to react to an incoming chat, in seconds",
        "Среднее время реакции на входящий чат, в секундах",
    ),
    _metric(
        "longest_answer_chars",
        "chars",
        "Longest ticket answer written, in characters",
        "Самый длинный ответ на тикет, в символах",
    ),
    _metric("tagged_tickets", "count", "Tickets tagged", "Тикеты с проставленными метками"),
    _metric(
        "avg_handling_seconds",
        "seconds",
        "Average ticket handling time, in seconds",
        "Среднее время обработки тикета, в секундах",
    ),
    _metric("online_seconds", "seconds", "Time online, in seconds", "Время онлайн, в секундах"),
    _metric(
        "longest_chat_seconds",
        "seconds",
        "Longest single chat, in seconds",
        "Самый длинный чат, в секундах",
    ),
    _metric("resolved_tickets", "count", "Tickets resolved", "Решённые тикеты"),
    _metric("deleted_tickets", "count", "Tickets deleted", "Удалённые тикеты"),
    _metric(
        "longest_call_seconds",
        "seconds",
        "Longest single call, in seconds",
        "Самый длинный звонок, в секундах",
    ),
    Metric(
        "online",
        type="boolean",
        description="Online now",
        description_ru="Сейчас в сети",
    ),
)


QUALITY_METRICS: tuple[Metric, ...] = (
    _metric(
        "resolved_ph",
        "count/hours",
        "Productivity: tickets resolved per hour worked",
        "Продуктивность: решённые тикеты в час",
    ),
    _percent(
        "first_contact_resolution_p",
        "First-contact resolution rate, percent",
        "Решено с первого обращения, процент",
    ),
    _metric(
        "avg_response_seconds",
        "seconds",
        "Average first response time, in seconds",
        "Среднее время первого ответа, в секундах",
    ),
    _metric(
        "rating",
        "points",
        "Average agent rating, 1 to 5",
        "Средняя оценка оператора, от 1 до 5",
        minimum=1,
        maximum=5,
    ),
    _percent(
        "csat_p",
        "Customer satisfaction score, percent",
        "Удовлетворённость клиентов, процент",
    ),
    _metric(
        "nps",
        "points",
        "Net promoter score, -100 to 100",
        "Индекс потребительской лояльности (NPS), от -100 до 100",
        minimum=-100,
        maximum=100,
    ),
    _percent(
        "negative_response_p",
        "Negative response rate: survey answers rated 1 or 2 of 10, percent",
        "Доля негативных ответов (оценки 1–2 из 10), процент",
    ),
    _percent("resolution_p", "Resolution rate, percent", "Доля решённых обращений, процент"),
    _percent(
        "recontact_p",
        "Recontact rate: clients who came back on the same issue, percent",
        "Доля повторных обращений по тому же вопросу, процент",
    ),
    _metric(
        "replies_per_ticket",
        "count",
        "Average replies per ticket",
        "Среднее число ответов на тикет",
        integer=False,  # an average of counts
    ),
)


def qa_section_metric(section: str, name: str = "", name_ru: str = "") -> Metric:
    """``$qa_<section>_pass_p``: the weighted share of a checklist section's items passed.

    ``name``/``name_ru`` say what the section is about ("greeting"); the
    section key stands in when they are empty.
    """
    return _percent(
        f"qa_{section}_pass_p",
        f"Quality reviews, {name or section}: items passed, percent of applicable",
        f"Проверки качества, {name_ru or name or section}: пройденные пункты, "
        "процент от применимых",
    )


# From reviews of conversations against a checklist (agentlevels._quality). An
# agent with no review in the window has all of them unknown.
QA_METRICS: tuple[Metric, ...] = (
    _percent(
        "qa_score_p",
        "Quality reviews: mean score, percent (0 for a review with a critical failure)",
        "Проверки качества: средняя оценка, процент (0 при критической ошибке)",
    ),
    _metric("qa_reviews", "count", "Quality reviews in the window", "Проверки качества за период"),
    _metric(
        "qa_critical_fails",
        "count",
        "Quality reviews failed on a critical item",
        "Проверки качества, проваленные по критическому пункту",
    ),
    # The sections of the two preset checklists.
    qa_section_metric("greeting", "greeting", "приветствие"),
    qa_section_metric("communication", "communication", "общение"),
    qa_section_metric("solving", "problem-solving", "решение проблемы"),
    qa_section_metric("closing", "closing", "завершение"),
    qa_section_metric("process", "ticket handling", "работа с тикетом"),
    qa_section_metric("templates", "knowledge-base templates", "шаблоны базы знаний"),
    qa_section_metric("instructions", "instructions", "инструкции"),
    qa_section_metric("promotions", "promotions", "акции"),
)


DEFAULT_CATALOG = Catalog(LEVEL_METRICS + BADGE_METRICS + QUALITY_METRICS + QA_METRICS)
"""The 19 level variables, the badge metrics, the quality metrics and the QA review metrics."""
