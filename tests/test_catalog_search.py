"""Catalog.suggest with prefixes, Catalog.search for completion, Catalog.to_dict."""

from __future__ import annotations

import json

import pytest

from agentlevels import DEFAULT_CATALOG, Catalog, Metric, check
from agentlevels._values import LOCALES


def test_suggest_keeps_near_spellings_and_falls_back_on_prefixes() -> None:
    assert DEFAULT_CATALOG.suggest("answrs") == ["answers", "answers_ph", "chat_answers"]
    assert DEFAULT_CATALOG.suggest("ch") == ["chats", "chats_ph", "chat_answers"]
    assert DEFAULT_CATALOG.suggest("ch", limit=1) == ["chats"]
    assert DEFAULT_CATALOG.suggest("Answers") == ["answers"]
    assert DEFAULT_CATALOG.suggest("") == []
    assert DEFAULT_CATALOG.suggest("zzz") == []


def test_a_prefix_now_gives_a_hint() -> None:
    (unknown,) = check("$ch > 1").diagnostics
    assert unknown.hint == "did you mean `$chats`, `$chats_ph` or `$chat_answers`?"


def test_search_ranks_name_prefix_part_description_letters() -> None:
    catalog = Catalog(
        [
            Metric("calls_ph", description="Calls per hour"),
            Metric("answers", description="Ticket answers", description_ru="Ответы"),
            Metric("ans"),
            Metric("chat_answers", description="Messages"),
        ]
    )
    assert catalog.search("ans") == ["ans", "answers", "chat_answers"]
    assert catalog.search("$ANS") == ["ans", "answers", "chat_answers"]
    assert catalog.search("ph") == ["calls_ph"]
    assert catalog.search("hour") == ["calls_ph"]
    assert catalog.search("ответ", locale="ru") == ["answers"]
    assert catalog.search("ticket", locale="ru") == ["answers"]  # English is searched too
    assert catalog.search("clph") == ["calls_ph"]
    assert catalog.search("chat_answer") == ["chat_answers"]
    assert catalog.search("answesr") == ["answers", "chat_answers", "ans"]  # near spellings
    assert catalog.search("") == ["calls_ph", "answers", "ans", "chat_answers"]
    assert catalog.search("", limit=2) == ["calls_ph", "answers"]
    assert catalog.search("xyzzy") == []


def test_to_dict_describes_every_metric_in_the_locale() -> None:
    catalog = Catalog(
        [
            Metric("csat", unit="percent", minimum=0, maximum=100, description="CSAT"),
            Metric("vip", type="boolean", description="VIP", description_ru="ВИП"),
        ]
    )
    assert catalog.to_dict("ru") == {
        "locale": "ru",
        "metrics": [
            {
                "name": "csat",
                "type": "number",
                "unit": "percent",
                "minimum": 0,
                "maximum": 100,
                "integer": False,
                "description": "CSAT",
            },
            {
                "name": "vip",
                "type": "boolean",
                "unit": "1",
                "minimum": None,
                "maximum": None,
                "integer": False,
                "description": "ВИП",
            },
        ],
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_the_default_catalog_is_json_ready(locale: str) -> None:
    data = DEFAULT_CATALOG.to_dict(locale)
    assert json.loads(json.dumps(data)) == data
    assert [m["name"] for m in data["metrics"]] == list(DEFAULT_CATALOG)
    assert all(m["description"] for m in data["metrics"])
