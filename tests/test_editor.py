"""Completion and hover: exact answers for each position, and properties over any text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlevels import (
    DEFAULT_CATALOG,
    Catalog,
    Completion,
    Hover,
    Metric,
    complete,
    format_node,
    hover,
)
from agentlevels._editor import words
from agentlevels._values import LOCALES
from tests.strategies import CATALOG, boolean_formulas, formula_like_text


def labels(text: str, offset: int | None = None, **options: object) -> list[str]:
    at = len(text) if offset is None else offset
    return [c.label for c in complete(text, at, **options)]  # type: ignore[arg-type]


COMPARISONS = [">=", ">", "<=", "<", "==", "!="]
ARITHMETIC = ["+", "-", "*", "/"]

# --- inside a name ---------------------------------------------------------------------------


def test_a_prefix_offers_the_metrics_it_begins_shortest_first() -> None:
    found = complete("$ch", 3)
    assert [c.label for c in found[:4]] == [
        "$chats",
        "$chats_ph",
        "$chat_answers",
        "$chat_answers_ph",
    ]
    chats = found[0]
    assert chats == Completion("$chats", "metric", "number, count", "Chats handled", 0, 3, "$chats")
    assert found[1].detail == "number, count per hour"


def test_a_name_in_russian_has_russian_words() -> None:
    (chats, *_) = complete("$chats", 6, locale="ru")
    assert (chats.label, chats.detail, chats.documentation) == (
        "$chats",
        "число, штуки",
        "Обработанные чаты",
    )


def test_inside_a_name_the_whole_name_is_replaced() -> None:
    found = complete("$chats >= 5", 3)
    assert (found[0].start, found[0].end, found[0].insert_text) == (0, 6, "$chats")


def test_after_a_dollar_every_metric_in_catalog_order() -> None:
    assert labels("$") == [f"${name}" for name in DEFAULT_CATALOG]
    assert {(c.start, c.end) for c in complete("$answers >= 1 && $", 18)} == {(17, 18)}


def test_a_description_word_finds_its_metric_in_either_language() -> None:
    assert labels("$ответ", locale="ru")[:2] == ["$answers", "$answers_ph"]
    assert labels("$missed")[:2] == ["$missed_chats", "$missed_calls"]
    assert labels("$handled")[0] == "$chats"  # "Chats handled"


def test_fuzzy_and_misspelt_names() -> None:
    assert labels("$chph") == ["$chats_ph", "$chat_answers_ph"]
    assert labels("$answrs")[0] == "$answers"


def test_a_bare_word_offers_keywords_and_metrics_with_their_dollar() -> None:
    found = complete("tr", 2)
    assert [(c.label, c.kind, c.insert_text) for c in found] == [
        ("true", "keyword", "true"),
        ("$transferred_tickets", "metric", "$transferred_tickets"),
    ]
    assert labels("tr", kind="number") == ["$transferred_tickets"]


def test_a_name_in_capitals_is_completed_in_lower_case() -> None:
    assert labels("$Chats")[:1] == ["$chats"]


# --- after an operand ------------------------------------------------------------------------


def test_after_a_number_comparisons_then_arithmetic() -> None:
    assert labels("$answers ") == COMPARISONS + ARITHMETIC
    (at_least, *_) = complete("$answers ", 9)
    assert at_least == Completion(
        ">=", "operator", "at least", "precedence: level 4 of 6 (1 binds tightest)", 9, 9, ">= "
    )


def test_an_operator_right_after_an_operand_brings_its_spaces() -> None:
    assert complete("$answers", 8)[0].label == "$answers"  # still in the name
    assert complete("500", 3)[0].insert_text == " >= "


def test_after_a_condition_the_logical_operators_and_equality() -> None:
    assert labels("$online ") == ["==", "!=", "&&", "||"]
    assert labels("$answers >= 5 ") == ["&&", "||", *ARITHMETIC]  # 5 may still grow
    assert labels("true ") == ["==", "!=", "&&", "||"]


def test_comparisons_do_not_chain_and_precedence_decides_the_operand() -> None:
    assert labels("$answers + 1 >= 2 ") == ["&&", "||", *ARITHMETIC]
    # `||` here would make the number $chats an operand of `||`.
    assert labels("$answers >= 1 || $chats ") == COMPARISONS + ARITHMETIC
    assert labels("!$online ") == ["==", "!=", "&&", "||"]
    assert labels("($answers + 1) ") == COMPARISONS + ARITHMETIC


def test_a_number_formula_offers_arithmetic_only() -> None:
    assert labels("$answers + $chats ", kind="number") == ARITHMETIC


def test_an_open_parenthesis_can_be_closed() -> None:
    assert labels("($answers >= 5 ") == ["&&", "||", *ARITHMETIC, ")"]
    assert labels("$answers >= 1 && ($chats ")[-1] == ")"


def test_text_that_does_not_parse_falls_back_on_the_last_token() -> None:
    assert labels("$answers >= 5 >= 6 ") == COMPARISONS + ARITHMETIC
    assert labels("$nope ") == COMPARISONS + ARITHMETIC + ["&&", "||"]


def test_a_half_typed_operator_is_completed_in_place() -> None:
    found = complete("$answers >", 10)
    assert [(c.label, c.start, c.end, c.insert_text) for c in found] == [
        (">=", 9, 10, ">="),
        (">", 9, 10, ">"),
    ]
    assert labels("$online &") == ["&&"]
    assert labels("$online |") == ["||"]
    assert labels("$answers =") == ["=="]


# --- where an operand is expected ------------------------------------------------------------


def test_at_the_start_the_openers_then_every_metric() -> None:
    found = labels("")
    assert found[:6] == ["$", "(", "!", "-", "true", "false"]
    assert found[6:] == [f"${name}" for name in DEFAULT_CATALOG]


def test_after_a_comparison_only_what_makes_a_number() -> None:
    found = labels("$answers >= ")
    assert found[:3] == ["$", "(", "-"]
    assert "$online" not in found
    assert "true" not in found


def test_after_a_logical_operator_or_a_word_operator_anything() -> None:
    assert labels("$online && ")[:6] == ["$", "(", "!", "-", "true", "false"]
    assert labels("$online and ")[:6] == ["$", "(", "!", "-", "true", "false"]
    assert labels("!")[:3] == ["$", "(", "!"]


def test_a_number_formula_starts_with_numbers_only() -> None:
    found = labels("", kind="number")
    assert found[:3] == ["$", "(", "-"]
    assert "$online" not in found
    assert "true" not in found


def test_a_catalog_of_ones_own() -> None:
    catalog = Catalog([Metric("vip", type="boolean", description="A VIP customer")])
    assert labels("$", catalog=catalog) == ["$vip"]
    (vip,) = complete("$v", 2, catalog=catalog)
    assert (vip.detail, vip.documentation) == ("condition", "A VIP customer")
    assert labels("$vip ", catalog=catalog) == ["==", "!=", "&&", "||"]


# --- arguments -------------------------------------------------------------------------------


def test_inside_a_number_or_an_operator_nothing() -> None:
    assert complete("$answers >= 500", 13) == []
    assert complete("$answers >= 500", 10) == []
    assert labels("$answers >= 500", 15) == ["&&", "||", *ARITHMETIC]


def test_offsets_are_clamped() -> None:
    assert complete("$ch", 99) == complete("$ch", 3)
    assert complete("$ch", -5) == complete("$ch", 0)


@pytest.mark.parametrize("function", [complete, hover])
def test_arguments_of_the_wrong_kind(function: Any) -> None:
    with pytest.raises(TypeError):
        function(None, 0)
    with pytest.raises(TypeError):
        function("$a", "1")
    with pytest.raises(TypeError):
        function("$a", 1, catalog={})
    with pytest.raises(ValueError, match="'boolean' or 'number'"):
        function("$a", 1, kind="text")
    with pytest.raises(ValueError, match="en, ru"):
        function("$a", 1, locale="de")


# --- hover -----------------------------------------------------------------------------------


def test_hover_on_a_metric() -> None:
    assert hover("$answers >= 500", 3) == Hover(
        0, 8, "$answers", ("Ticket answers", "type: number", "unit: count", "range: from 0")
    )
    assert hover("$answers >= 500", 8) == hover("$answers >= 500", 0)  # just after it
    assert hover("$rewards_p", 1, locale="ru") == Hover(
        0,
        10,
        "$rewards_p",
        (
            "Положительные оценки, процент от оценённых",
            "тип: число",
            "единица измерения: проценты",
            "диапазон: от 0 до 100",
        ),
    )
    assert hover("$online", 1) == Hover(0, 7, "$online", ("Online now", "type: condition"))
    assert hover("$chats_ph", 1, locale="ru").contents[2] == "единица измерения: штуки в час"  # type: ignore[union-attr]


def test_hover_ranges_in_words() -> None:
    catalog = Catalog(
        [Metric("delta"), Metric("cap", maximum=5), Metric("score", minimum=0.5, maximum=9.5)]
    )
    assert hover("$delta", 1, catalog=catalog).contents[-1] == "range: any number"  # type: ignore[union-attr]
    assert hover("$cap", 1, catalog=catalog).contents[-1] == "range: up to 5"  # type: ignore[union-attr]
    assert hover("$score", 1, catalog=catalog).contents[-1] == "range: from 0.5 to 9.5"  # type: ignore[union-attr]
    assert hover("$delta", 1, catalog=catalog).contents[0] == "no description"  # type: ignore[union-attr]


def test_hover_on_an_operator_gives_its_meaning_and_precedence() -> None:
    assert hover("$answers >= 500", 10) == Hover(
        9, 11, ">=", ("at least", "precedence: level 4 of 6 (1 binds tightest)")
    )
    assert hover("$a - 1", 3).contents[0] == "minus"  # type: ignore[union-attr]
    assert hover("-$a", 0).contents == (  # type: ignore[union-attr]
        "negative of a number",
        "precedence: level 1 of 6 (1 binds tightest)",
    )
    assert hover("$a || !$b", 6, locale="ru").contents == (  # type: ignore[union-attr]
        "не: условие не выполнено",
        "приоритет: уровень 1 из 6 (уровень 1 выполняется первым)",
    )
    assert hover("$a || $b", 4).contents[1].endswith("level 6 of 6 (1 binds tightest)")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "offset"),
    [("", 0), ("$nope > 1", 2), ("(1)", 0), ("500", 1), ("true", 2), ("$a  > 1", 3), ("#", 0)],
)
def test_hover_elsewhere_is_none(text: str, offset: int) -> None:
    assert hover(text, offset) is None


# --- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize("table", sorted(words.TABLES))
def test_every_word_exists_in_every_locale(table: str) -> None:
    for key, texts in words.TABLES[table].items():
        assert set(texts) == set(LOCALES), f"{table} {key!r}"
        assert all(text.strip() for text in texts.values()), f"{table} {key!r}"


def test_every_operator_has_a_precedence() -> None:
    assert set(words.PRECEDENCE) == set(words.OPERATORS)


def test_every_unit_of_the_default_catalog_has_words() -> None:
    for metric in DEFAULT_CATALOG.values():
        for locale in LOCALES:
            said = words.unit(str(metric.unit), locale)
            assert said != str(metric.unit) or str(metric.unit) in words.UNITS, metric.name


# --- properties ------------------------------------------------------------------------------

texts = st.one_of(formula_like_text(), st.text(max_size=40))


@given(texts, st.integers(min_value=-3, max_value=200), st.sampled_from(LOCALES))
def test_complete_never_raises_and_stays_inside_the_text(
    text: str, offset: int, locale: str
) -> None:
    for kind in ("boolean", "number"):
        for found in complete(text, offset, catalog=CATALOG, kind=kind, locale=locale):
            assert 0 <= found.start <= found.end <= len(text)
            assert found.label
            assert found.insert_text


@given(texts, st.integers(min_value=-3, max_value=200), st.sampled_from(LOCALES))
def test_hover_never_raises_and_stays_inside_the_text(text: str, offset: int, locale: str) -> None:
    found = hover(text, offset, catalog=CATALOG, locale=locale)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
        assert found.title == text[found.start : found.end]
        assert all(line for line in found.contents)


@given(boolean_formulas(), st.data())
def test_every_offset_of_a_formula_completes(tree: object, data: st.DataObject) -> None:
    text = format_node(tree)  # type: ignore[arg-type]
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    for found in complete(text, offset, catalog=CATALOG):
        assert 0 <= found.start <= offset <= max(found.end, offset)
