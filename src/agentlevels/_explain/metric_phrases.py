"""How each metric of the default catalog is said: plain data, one phrasing per metric.

A metric missing here still reads correctly, as the formula's own text with
the comparison in words; a test checks every default metric has an entry.
"""

from __future__ import annotations

from typing import Final

from agentlevels._explain.phrases import (
    BARE,
    CHARACTERS,
    PERCENT,
    SECONDS,
    Flag,
    Phrasing,
    Rate,
    Task,
    ValueUnit,
)
from agentlevels._explain.plural import Forms2, Forms3

__all__ = ["METRIC_PHRASES"]


def _per_hour(en: Forms2, ru_accusative: Forms3, ru_genitive: Forms2) -> ValueUnit:
    return ValueUnit(
        (en[0] + " per hour", en[1] + " per hour"),
        (ru_genitive[0] + " в час", ru_genitive[1] + " в час"),
        (
            ru_accusative[0] + " в час",
            ru_accusative[1] + " в час",
            ru_accusative[2] + " в час",
        ),
    )


_TICKET_EN = ("ticket", "tickets")
_TICKET_RU = ("тикет", "тикета", "тикетов")
_SECOND_RU = ("секунду", "секунды", "секунд")


def _seconds_task(en_where: str, ru_verb: str, ru_unit_suffix: str) -> Task:
    return Task(
        "spend",
        ("second " + en_where, "seconds " + en_where),
        ("second " + en_where, "seconds " + en_where),
        ru_verb,
        "",
        _SECOND_RU,
        (
            "секунда " + ru_unit_suffix,
            "секунды " + ru_unit_suffix,
            "секунд " + ru_unit_suffix,
        ),
    )


def _percent(en: str, ru: str) -> Rate:
    return Rate(en, ru, PERCENT)


def _seconds(en: str, ru: str) -> Rate:
    return Rate(en, ru, SECONDS)


METRIC_PHRASES: Final[dict[str, Phrasing]] = {
    # The 19 level variables.
    "worktime": Task(
        "work",
        ("hour", "hours"),
        ("hour of work", "hours of work"),
        "отработайте",
        "",
        ("час", "часа", "часов"),
        ("час работы", "часа работы", "часов работы"),
        countable=False,
    ),
    "answers": Task(
        "answer",
        _TICKET_EN,
        ("answer", "answers"),
        "ответьте",
        "на",
        _TICKET_RU,
        ("ответ", "ответа", "ответов"),
    ),
    "answers_ph": Rate(
        "the ticket answer rate",
        "темп ответов на тикеты",
        _per_hour(("answer", "answers"), ("ответ", "ответа", "ответов"), ("ответа", "ответов")),
    ),
    "chats": Task(
        "answer",
        ("chat", "chats"),
        ("chat", "chats"),
        "ответьте",
        "на",
        ("чат", "чата", "чатов"),
        ("чат", "чата", "чатов"),
    ),
    "chats_ph": Rate(
        "the chat rate",
        "темп чатов",
        _per_hour(("chat", "chats"), ("чат", "чата", "чатов"), ("чата", "чатов")),
    ),
    "missed_chats": Task(
        "miss",
        ("chat", "chats"),
        ("missed chat", "missed chats"),
        "пропустите",
        "",
        ("чат", "чата", "чатов"),
        ("пропущенный чат", "пропущенных чата", "пропущенных чатов"),
    ),
    "chat_answers": Task(
        "send",
        ("chat message", "chat messages"),
        ("chat message", "chat messages"),
        "отправьте",
        "",
        ("сообщение в чате", "сообщения в чате", "сообщений в чате"),
        ("сообщение в чате", "сообщения в чате", "сообщений в чате"),
    ),
    "chat_answers_ph": Rate(
        "the chat message rate",
        "темп сообщений в чатах",
        _per_hour(
            ("chat message", "chat messages"),
            ("сообщение", "сообщения", "сообщений"),
            ("сообщения", "сообщений"),
        ),
    ),
    "calls": Task(
        "take",
        ("call", "calls"),
        ("call", "calls"),
        "примите",
        "",
        ("звонок", "звонка", "звонков"),
        ("звонок", "звонка", "звонков"),
    ),
    "calls_ph": Rate(
        "the call rate",
        "темп звонков",
        _per_hour(("call", "calls"), ("звонок", "звонка", "звонков"), ("звонка", "звонков")),
    ),
    "call_seconds": _seconds_task("on calls", "проведите в разговорах", "разговоров"),
    "call_seconds_ph": Rate(
        "call time per hour worked",
        "время звонков за час работы",
        _per_hour(("second", "seconds"), _SECOND_RU, ("секунды", "секунд")),
    ),
    "missed_calls": Task(
        "miss",
        ("call", "calls"),
        ("missed call", "missed calls"),
        "пропустите",
        "",
        ("звонок", "звонка", "звонков"),
        ("пропущенный звонок", "пропущенных звонка", "пропущенных звонков"),
    ),
    "rewards": Task(
        "earn",
        ("positive rating", "positive ratings"),
        ("positive rating", "positive ratings"),
        "получите",
        "",
        ("положительную оценку", "положительные оценки", "положительных оценок"),
        ("положительная оценка", "положительные оценки", "положительных оценок"),
    ),
    "rewards_p": _percent("the share of positive ratings", "долю положительных оценок"),
    "punishments": Task(
        "receive",
        ("negative rating", "negative ratings"),
        ("negative rating", "negative ratings"),
        "получите",
        "",
        ("отрицательную оценку", "отрицательные оценки", "отрицательных оценок"),
        ("отрицательная оценка", "отрицательные оценки", "отрицательных оценок"),
    ),
    "punishments_p": _percent("the share of negative ratings", "долю отрицательных оценок"),
    "not_ranked": Task(
        "leave",
        ("interaction unrated", "interactions unrated"),
        ("unrated interaction", "unrated interactions"),
        "оставьте без оценки",
        "",
        ("обращение", "обращения", "обращений"),
        ("неоценённое обращение", "неоценённых обращения", "неоценённых обращений"),
    ),
    "not_ranked_p": _percent("the share of unrated interactions", "долю неоценённых обращений"),
    # Badge metrics.
    "transferred_tickets": Task(
        "transfer",
        _TICKET_EN,
        ("transferred ticket", "transferred tickets"),
        "передайте",
        "",
        _TICKET_RU,
        ("переданный тикет", "переданных тикета", "переданных тикетов"),
    ),
    "break_seconds": _seconds_task("on breaks", "проведите на перерывах", "перерывов"),
    "breaks": Task(
        "take",
        ("break", "breaks"),
        ("break", "breaks"),
        "сделайте",
        "",
        ("перерыв", "перерыва", "перерывов"),
        ("перерыв", "перерыва", "перерывов"),
    ),
    "avg_ticket_view_seconds": _seconds(
        "the average ticket viewing time", "среднее время просмотра тикета"
    ),
    "avg_chat_pickup_seconds": _seconds(
        "the average chat pick-up time", "среднее время реакции на чат"
    ),
    "longest_answer_chars": Rate(
        "the longest ticket answer", "самый длинный ответ на тикет", CHARACTERS
    ),
    "tagged_tickets": Task(
        "tag",
        _TICKET_EN,
        ("tagged ticket", "tagged tickets"),
        "проставьте метки на",
        "",
        _TICKET_RU,
        ("тикет с метками", "тикета с метками", "тикетов с метками"),
    ),
    "avg_handling_seconds": _seconds(
        "the average ticket handling time", "среднее время обработки тикета"
    ),
    "online_seconds": _seconds_task("online", "проведите онлайн", "онлайн"),
    "longest_chat_seconds": _seconds("the longest chat", "самый длинный чат"),
    "resolved_tickets": Task(
        "resolve",
        _TICKET_EN,
        ("resolved ticket", "resolved tickets"),
        "решите",
        "",
        _TICKET_RU,
        ("решённый тикет", "решённых тикета", "решённых тикетов"),
    ),
    "deleted_tickets": Task(
        "delete",
        _TICKET_EN,
        ("deleted ticket", "deleted tickets"),
        "удалите",
        "",
        _TICKET_RU,
        ("удалённый тикет", "удалённых тикета", "удалённых тикетов"),
    ),
    "longest_call_seconds": _seconds("the longest call", "самый длинный звонок"),
    "online": Flag("be online", "be offline", "будьте в сети", "будьте не в сети"),
    # Quality metrics.
    "resolved_ph": Rate(
        "productivity",
        "продуктивность",
        _per_hour(
            ("resolved ticket", "resolved tickets"),
            ("решённый тикет", "решённых тикета", "решённых тикетов"),
            ("решённого тикета", "решённых тикетов"),
        ),
    ),
    "first_contact_resolution_p": _percent(
        "the first-contact resolution rate", "долю решённых с первого обращения"
    ),
    "avg_response_seconds": _seconds(
        "the average first response time", "среднее время первого ответа"
    ),
    "rating": Rate("the average rating", "среднюю оценку", BARE),
    "csat_p": _percent("customer satisfaction", "удовлетворённость клиентов"),
    "nps": Rate("the net promoter score", "индекс NPS", BARE),
    "negative_response_p": _percent("the negative response rate", "долю негативных ответов"),
    "resolution_p": _percent("the resolution rate", "долю решённых обращений"),
    "recontact_p": _percent("the recontact rate", "долю повторных обращений"),
    "replies_per_ticket": Rate(
        "the average number of replies per ticket", "среднее число ответов на тикет", BARE
    ),
    # QA review metrics.
    "qa_score_p": _percent("the quality review score", "оценку проверок качества"),
    "qa_reviews": Rate("the number of quality reviews", "число проверок качества", BARE),
    "qa_critical_fails": Rate(
        "the number of reviews failed on a critical item",
        "число проверок, проваленных по критическому пункту",
        BARE,
    ),
    "qa_greeting_pass_p": _percent(
        "the share of greeting items passed", "долю пройденных пунктов приветствия"
    ),
    "qa_communication_pass_p": _percent(
        "the share of communication items passed", "долю пройденных пунктов общения"
    ),
    "qa_solving_pass_p": _percent(
        "the share of problem-solving items passed", "долю пройденных пунктов решения проблемы"
    ),
    "qa_closing_pass_p": _percent(
        "the share of closing items passed", "долю пройденных пунктов завершения"
    ),
    "qa_process_pass_p": _percent(
        "the share of ticket-handling items passed", "долю пройденных пунктов работы с тикетом"
    ),
    "qa_templates_pass_p": _percent(
        "the share of template items passed", "долю пройденных пунктов о шаблонах"
    ),
    "qa_instructions_pass_p": _percent(
        "the share of instruction items passed", "долю пройденных пунктов инструкций"
    ),
    "qa_promotions_pass_p": _percent(
        "the share of promotion items passed", "долю пройденных пунктов об акциях"
    ),
}
