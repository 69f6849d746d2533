"""The preset checklists: the helpdesk quality checklist and the operator audit.

The quality checklist is the 21 points of the Lithuanian quality-assurance
checklist, in its order; the Lithuanian texts are the seed's own (its
summary list, or its body where the summary words the point differently, and
without the vendor's product name). The audit checklist is the points of the
Russian article on monitoring operators in chat. Its quantitative side (time
per customer, requests closed per shift) is left to metrics such as
``$avg_handling_seconds`` and ``$resolved_ph``, as the article advises not
to tie an operator's assessment to them.

Every item weighs 1: neither source weighs its points. Blaming the customer
and addressing them informally are the critical items.
"""

from __future__ import annotations

import functools

from agentlevels._quality.checklist import Checklist, ChecklistItem

__all__ = ["preset_audit_checklist", "preset_quality_checklist"]

# key, section, critical, (en, ru, lt)
_QUALITY: tuple[tuple[str, str, bool, tuple[str, str, str]], ...] = (
    ("greet", "greeting", False, (
        "Greet the customer",
        "Поприветствуйте клиента",
        "Pasveikinkite vartotoją",
    )),
    ("apologise_empathise", "greeting", False, (
        "Apologise and show empathy",
        "Извинитесь и проявите сочувствие",
        "Atsiprašykite ir parodykite empatijos",
    )),
    ("use_name", "greeting", False, (
        "Address the customer by name",
        "Обращайтесь к клиенту по имени",
        "Kreipkitės į klientą pagal vardą",
    )),
    ("explain_problem", "communication", False, (
        "Explain the problem clearly",
        "Понятно объясните проблему",
        "Pateikite aiškų problemos paaiškinimą",
    )),
    ("plain_language", "communication", False, (
        "Avoid too many technical terms",
        "Не злоупотребляйте техническими терминами",
        "Naudokite techninius terminus tik jei būtina",
    )),
    ("listen_actively", "communication", False, (
        "Listen actively",
        "Слушайте активно",
        "Klausykitės aktyviai",
    )),
    ("several_solutions", "solving", False, (
        "Offer more than one solution",
        "Предложите больше одного решения",
        "Siūlykite daugiau nei vieną sprendimą",
    )),
    ("alternatives", "solving", False, (
        "Offer alternatives",
        "Предложите альтернативу",
        "Pateikite alternatyvą, jei reikalinga",
    )),
    ("answer_every_question", "solving", False, (
        "Answer every question",
        "Ответьте на все вопросы",
        "Efektyviai atsakykite į visus klausimus",
    )),
    ("product_knowledge", "solving", False, (
        "Show product knowledge",
        "Покажите знание продукта",
        "Parodykite produkto žinias",
    )),
    ("time_estimate", "solving", False, (
        "Give a time estimate for the solution",
        "Назовите срок решения",
        "Pateikite sprendimo laiko sąmatą",
    )),
    ("next_steps", "solving", False, (
        "Set the next steps",
        "Определите следующие шаги",
        "Nustatykite tolimesnius sprendimo žingsnius",
    )),
    ("teach_customer", "solving", False, (
        "Teach the customer",
        "Научите клиента",
        "Mokyti savo klientus",
    )),
    ("positive_tone", "communication", False, (
        "Keep a positive tone",
        "Сохраняйте позитивный тон",
        "Išlaikykite teigiamą balso toną",
    )),
    ("more_questions", "closing", False, (
        "Ask whether there are more questions",
        "Спросите, остались ли ещё вопросы",
        "Paklauskite klientų, ar jie turi dar klausimų",
    )),
    ("thank_customer", "closing", False, (
        "Thank the customer",
        "Поблагодарите клиента",
        "Padėkokite klientui pokalbio pabaigoje",
    )),
    ("solve_in_time", "process", False, (
        "Solve problems in time",
        "Решайте проблемы вовремя",
        "Išspręskite problemą laiku",
    )),
    ("categorise_case", "process", False, (
        "Categorise every case",
        "Категоризируйте каждое обращение",
        "Tinkamai kategorizuokite kiekvieną atvejį",
    )),
    ("first_reply_solution", "solving", False, (
        "Solve the problem in the first reply",
        "Решите проблему в первом же ответе",
        "Išspręskite kliento problemą per pirmą atsakymą",
    )),
    ("no_blame", "communication", True, (
        "Do not blame the customer",
        "Не обвиняйте клиента",
        "Nekaltinkite kliento",
    )),
    ("further_help", "closing", False, (
        "Offer further help",
        "Предложите дополнительную помощь",
        "Pasiūlykite papildomą pagalbą, jei ji reikalinga",
    )),
)  # fmt: skip

_AUDIT: tuple[tuple[str, str, bool, tuple[str, str, str]], ...] = (
    ("routine_template", "templates", False, (
        "A routine question is answered with the knowledge base's template",
        "Рутинный вопрос решён по шаблону из базы знаний",
        "Į įprastą klausimą atsakyta pagal žinių bazės šabloną",
    )),
    ("formal_address", "instructions", True, (
        "The customer is addressed formally (\u201cвы\u201d)",
        "К клиенту обращаются на «вы»",
        "Į klientą kreipiamasi mandagiai („jūs“)",
    )),
    ("greeting", "instructions", False, (
        "The operator greets the customer",
        "Оператор поздоровался с клиентом",
        "Operatorius pasisveikino su klientu",
    )),
    ("farewell", "instructions", False, (
        "The operator says goodbye",
        "Оператор попрощался с клиентом",
        "Operatorius atsisveikino su klientu",
    )),
    ("answered_in_chat", "instructions", False, (
        "The answer is given in the chat, not by phone",
        "Ответ дан здесь же, в чате, а не по телефону",
        "Atsakyta pokalbyje, o ne telefonu",
    )),
    ("promotion_handled", "promotions", False, (
        "A promotion is handled by its extra instructions (not applicable otherwise)",
        "Обращение по акции обработано по дополнительным инструкциям (иначе не применимо)",
        "Akcijos užklausa aptarnauta pagal papildomas instrukcijas (kitaip netaikoma)",
    )),
)  # fmt: skip


def _checklist(
    key: str,
    names: tuple[str, str, str],
    rows: tuple[tuple[str, str, bool, tuple[str, str, str]], ...],
) -> Checklist:
    items = [
        ChecklistItem(
            item_key,
            {"en": en, "ru": ru, "lt": lt},
            critical=critical,
            section=section,
        )
        for item_key, section, critical, (en, ru, lt) in rows
    ]
    return Checklist(key, dict(zip(("en", "ru", "lt"), names, strict=True)), items)


@functools.cache
def preset_quality_checklist() -> Checklist:
    """The 21-point helpdesk quality checklist (built once; checklists are immutable)."""
    return _checklist(
        "helpdesk_quality",
        (
            "Helpdesk quality assurance checklist",
            "Чек-лист контроля качества службы поддержки",
            "Pagalbos stalo kokybės užtikrinimo kontrolinis sąrašas",
        ),
        _QUALITY,
    )


@functools.cache
def preset_audit_checklist() -> Checklist:
    """The operator chat audit (built once)."""
    return _checklist(
        "operator_audit",
        (
            "Operator chat audit",
            "Проверка работы операторов в чате",
            "Operatorių pokalbių auditas",
        ),
        _AUDIT,
    )
