"""Conditions in words: every preset in both languages, every metric and comparison."""

from __future__ import annotations

import pytest

from agentlevels import DEFAULT_CATALOG, compile, explain, nodes, presets
from agentlevels._explain.metric_phrases import METRIC_PHRASES
from agentlevels._explain.plural import format_number, plural_ru
from agentlevels._explain.sentences import EXPLAINERS, explain_node

NB = "\u00a0"

PRESET_TEXTS = {
    "novice": ("no condition: always met", "без условий: выполняется всегда"),
    "apprentice": ("answer 10 tickets or 10 chats", "ответьте на 10 тикетов или 10 чатов"),
    "trainee": ("answer 50 tickets or 50 chats", "ответьте на 50 тикетов или 50 чатов"),
    "beginner": ("answer 100 tickets or 100 chats", "ответьте на 100 тикетов или 100 чатов"),
    "amateur": ("answer 250 tickets or 250 chats", "ответьте на 250 тикетов или 250 чатов"),
    "professional": (
        "answer 500 tickets or 500 chats",
        "ответьте на 500 тикетов или 500 чатов",
    ),
    "master": (
        "answer 1,000 tickets or 1,000 chats, and earn 10 positive ratings",
        "ответьте на 1000 тикетов или 1000 чатов и получите 10 положительных оценок",
    ),
    "wizard": (
        "answer 2,500 tickets or 2,500 chats, and earn 25 positive ratings",
        "ответьте на 2500 тикетов или 2500 чатов и получите 25 положительных оценок",
    ),
    "mage": (
        "answer 5,000 tickets or 5,000 chats, and earn 50 positive ratings",
        "ответьте на 5000 тикетов или 5000 чатов и получите 50 положительных оценок",
    ),
    "white_mage": (
        "answer 10,000 tickets or 10,000 chats, earn 100 positive ratings, "
        "and keep the share of negative ratings at 5% or less",
        f"ответьте на 10{NB}000 тикетов или 10{NB}000 чатов, получите 100 положительных "
        f"оценок и держите долю отрицательных оценок не выше 5{NB}%",
    ),
    "ruler": (
        "answer 25,000 tickets or 25,000 chats, earn 250 positive ratings, "
        "and keep the share of negative ratings at 5% or less",
        f"ответьте на 25{NB}000 тикетов или 25{NB}000 чатов, получите 250 положительных "
        f"оценок и держите долю отрицательных оценок не выше 5{NB}%",
    ),
    "emperor": (
        "answer 50,000 tickets or 50,000 chats, earn 500 positive ratings, "
        "and keep the share of negative ratings at 3% or less",
        f"ответьте на 50{NB}000 тикетов или 50{NB}000 чатов, получите 500 положительных "
        f"оценок и держите долю отрицательных оценок не выше 3{NB}%",
    ),
}


@pytest.mark.parametrize("key", list(PRESET_TEXTS))
def test_every_preset_in_both_languages(key: str) -> None:
    formula = presets.levels().formula(key)
    english, russian = PRESET_TEXTS[key]
    assert explain(formula) == english
    assert explain(formula, "ru") == russian
    assert explain(formula, "lv") == english  # unknown locales fall back to English


def test_the_domain_example() -> None:
    assert explain("$answers >= 500 || $chats >= 500") == "answer 500 tickets or 500 chats"


@pytest.mark.parametrize(
    ("count", "form"),
    [(1, "тикет"), (2, "тикета"), (4, "тикета"), (5, "тикетов"), (11, "тикетов"),
     (12, "тикетов"), (21, "тикет"), (22, "тикета"), (25, "тикетов"), (101, "тикет"),
     (111, "тикетов"), (1.5, "тикета"), (0, "тикетов")],
)  # fmt: skip
def test_russian_plurals(count: float, form: str) -> None:
    assert plural_ru(count, ("тикет", "тикета", "тикетов")) == form
    assert explain(f"$answers >= {count}", "ru") == (
        f"ответьте на {format_number(count, 'ru')} {form}"
    )


def test_english_singular() -> None:
    assert explain("$answers >= 1") == "answer 1 ticket"
    assert explain("$rewards >= 1", "ru") == "получите 1 положительную оценку"
    assert explain("$rewards >= 2", "ru") == "получите 2 положительные оценки"


@pytest.mark.parametrize(
    ("text", "english", "russian"),
    [
        ("$answers > 5", "answer more than 5 tickets", "ответьте более чем на 5 тикетов"),
        ("$missed_chats <= 3", "miss at most 3 chats", "пропустите не более чем 3 чата"),
        ("$worktime < 1.5", "work less than 1.5 hours", "отработайте менее чем 1,5 часа"),
        ("$calls != 7", "take any number of calls but 7", "примите любое число звонков, кроме 7"),
        ("$calls == 7", "take exactly 7 calls", "примите ровно 7 звонков"),
        ("500 <= $answers", "answer 500 tickets", "ответьте на 500 тикетов"),
        ("!($answers >= 5)", "answer fewer than 5 tickets", "ответьте менее чем на 5 тикетов"),
        (
            "$avg_response_seconds <= 1",
            "keep the average first response time at 1 second or less",
            "держите среднее время первого ответа не выше 1 секунды",
        ),
        (
            "$rewards_p >= 90.5",
            "keep the share of positive ratings at 90.5% or more",
            f"держите долю положительных оценок не ниже 90,5{NB}%",
        ),
        ("$online", "be online", "будьте в сети"),
        ("!$online", "be offline", "будьте не в сети"),
        ("$nps >= -50", "keep the net promoter score at -50 or more",
         "держите индекс NPS не ниже -50"),
        (
            "($answers + $chats) / $worktime >= 12",
            "make sure ($answers + $chats) / $worktime is at least 12",
            "добейтесь, чтобы ($answers + $chats) / $worktime было не меньше 12",
        ),
        ("$answers >= $chats", "make sure $answers is at least $chats",
         "добейтесь, чтобы $answers было не меньше $chats"),
        ("false", "never: the condition cannot be met", "никогда: условие не выполнимо"),
    ],
)  # fmt: skip
def test_phrases(text: str, english: str, russian: str) -> None:
    assert explain(text) == english
    assert explain(text, "ru") == russian


def test_nested_compounds_get_parentheses() -> None:
    text = "($answers > 1 || $chats > 2 && $calls > 3) && $rewards > 1"
    assert explain(text) == (
        "(answer more than 1 ticket, or answer more than 2 chats and take more than 3 calls), "
        "and earn more than 1 positive rating"
    )


OPERATORS = (">=", ">", "<=", "<", "==", "!=")


@pytest.mark.parametrize("name", sorted(DEFAULT_CATALOG))
def test_every_default_metric_has_a_phrase(name: str) -> None:
    assert name in METRIC_PHRASES
    metric = DEFAULT_CATALOG[name]
    if metric.type == "boolean":
        texts = [explain(f"${name}"), explain(f"!${name}")]
    else:
        texts = [explain(f"${name} {op} 3", locale) for op in OPERATORS for locale in ("en", "ru")]
    for text in texts:
        assert "$" not in text  # a real phrase, not the fallback
        assert text.strip() == text
        assert "  " not in text


def test_deep_chains_do_not_recurse() -> None:
    text = " || ".join(f"$answers >= {n}" for n in range(1, 251))
    said = explain(compile(text))
    assert said.startswith("answer 1 ticket, 2 tickets, 3 tickets")
    assert said.endswith("249 tickets or 250 tickets")
    sum_text = " + ".join(["$answers"] * 400) + " >= 5"
    assert explain(sum_text).startswith("make sure $answers + $answers")


def test_the_explainer_has_an_entry_for_every_node_class() -> None:
    assert set(EXPLAINERS) == set(nodes.CLASSES)


class _Mod(nodes.Binary):
    operator = "%"


def test_a_node_class_the_explainer_does_not_know_is_an_error() -> None:
    condition = nodes.Ge(_Mod(nodes.Variable("answers"), nodes.Number(7)), nodes.Number(1))
    with pytest.raises(TypeError, match="the explainer has no entry for _Mod nodes"):
        explain_node(condition)
