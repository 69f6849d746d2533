"""Every word the playground page shows, in each shipped locale.

The page asks ``GET /api/texts`` once and fills each element marked
``data-text="key"``; a test checks that every locale has every key.
"""

from __future__ import annotations

from agentlevels._explain.plural import genitive_ru, plural_en, ru_form

PAGE_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "agentlevels playground",
        "intro": "Type a condition for a level or a badge. Problems are underlined as you type; "
        "$ and the first letters of a metric offer its name.",
        "locale": "Language",
        "kind": "Formula",
        "kind_boolean": "condition",
        "kind_number": "number",
        "condition": "Condition",
        "placeholder": "$answers >= 500 || $chats >= 500",
        "problems": "Problems",
        "no_problems": "No problems.",
        "hint": "hint",
        "at": "at",
        "explained": "In words",
        "cursor": "At the cursor",
        "cursor_none": "Put the cursor on a metric or an operator.",
        "team": "Sample team",
        "agent": "agent",
        "result": "result",
        "met": "meets it",
        "not_met": "does not meet it",
        "unknown": "unknown",
        "waiting": "Fix the problems to see the words and the team.",
        "offline": "The playground server does not answer.",
        "completions": "Completions",
    },
    "ru": {
        "title": "Песочница agentlevels",
        "intro": "Введите условие уровня или значка. Ошибки подчёркиваются по мере ввода; "
        "$ и первые буквы метрики подсказывают её имя.",
        "locale": "Язык",
        "kind": "Формула",
        "kind_boolean": "условие",
        "kind_number": "число",
        "condition": "Условие",
        "placeholder": "$answers >= 500 || $chats >= 500",
        "problems": "Проблемы",
        "no_problems": "Проблем не найдено.",
        "hint": "подсказка",
        "at": "позиция",
        "explained": "Словами",
        "cursor": "Под курсором",
        "cursor_none": "Поставьте курсор на метрику или оператор.",
        "team": "Пример команды",
        "agent": "оператор",
        "result": "результат",
        "met": "выполняет",
        "not_met": "не выполняет",
        "unknown": "неизвестно",
        "waiting": "Исправьте ошибки, чтобы увидеть условие словами и команду.",
        "offline": "Сервер песочницы не отвечает.",
        "completions": "Варианты",
    },
}


def team_summary(met: int, total: int, locale: str) -> str:
    """``3 of 20 agents meet it`` / ``3 из 20 операторов выполняют условие``."""
    if locale == "ru":
        verb = "выполняет" if ru_form(met) == 0 else "выполняют"
        agents = genitive_ru(total, ("оператора", "операторов"))
        return f"{met} из {total} {agents} {verb} условие"
    agents = plural_en(total, ("agent", "agents"))
    verb = "meets" if met == 1 else "meet"
    return f"{met} of {total} {agents} {verb} it"
