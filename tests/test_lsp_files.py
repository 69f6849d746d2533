"""The language server's documents: a document's formulas and problems located in its text,
settings, formatting and completion while a string is typed (no pygls needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels.lsp.files import (
    DocumentKind,
    Problem,
    document_kind,
    file_problems,
    formulas,
)
from agentlevels.lsp.language import canonical_text, checker, suggestions
from agentlevels.lsp.lines import LineIndex
from agentlevels.lsp.session import Session

# --- Problems of a document, in place ----------------------------------------------------------


def _problems(text: str, kind: DocumentKind) -> list[tuple[str, str]]:
    """Each problem's code and the document's text it covers."""
    return [(p.code, text[p.start : p.end]) for p in file_problems(text, kind, checker("en"))]


SCHEME = """version = 1

[[levels]]
key = "novice"
name = "Novice"
condition = "true"

[[levels]]
key = "pro"
name = { en = "Pro", ru = "Профи" }
condition = "\\u0024answrs >= 500 || $chats >= 500"
"""


def test_a_condition_in_a_toml_scheme_is_checked_in_place() -> None:
    assert _problems(SCHEME, "toml") == [("unknown-variable", "\\u0024answrs")]
    problem = file_problems(SCHEME, "toml", checker("en"))[0]
    index = LineIndex(SCHEME)
    assert index.position(problem.start) == (10, 13)
    assert index.position(problem.end) == (10, 25)


def test_escapes_and_continuations_map_to_the_file() -> None:
    text = SCHEME.replace(
        '"\\u0024answrs >= 500 || $chats >= 500"', '"""\n😀 >= \\\n   500 || $x"""'
    )
    assert _problems(text, "toml") == [
        ("unexpected-character", "😀"),
        ("unknown-variable", "$x"),  # after the line continuation
    ]
    text = SCHEME.replace('"\\u0024answrs >= 500 || $chats >= 500"', '"$answers >="')
    assert _problems(text, "toml") == [("unexpected-end", ">=")]


def test_json_badges_are_checked_in_place() -> None:
    data = {
        "badges": [
            {
                "key": "fast",
                "name": "Fast",
                "rule": {"type": "comparative", "metric": "$chats >= 1", "eligible": "$ch"},
            },
            {"key": "x", "name": "X", "rule": {"type": "threshold", "condition": "😀 && $chats"}},
        ]
    }
    text = json.dumps(data, indent=2)
    assert _problems(text, "json") == [
        ("number-expected", "$chats >= 1"),
        ("unknown-variable", "$ch"),
        ("unexpected-character", "\\ud83d\\ude00"),
    ]


def test_structural_problems_cover_the_key_and_value_they_name() -> None:
    text = SCHEME.replace('condition = "true"', 'condtion = "true"')
    assert ("invalid-value", 'condtion = "true"') in _problems(text, "toml")
    text = SCHEME.replace('key = "pro"', 'key = "novice"')
    assert ("invalid-value", 'key = "novice"') in _problems(text, "toml")
    text = SCHEME.replace('[[levels]]\nkey = "pro"', '[[levels]]\nrank = 1\nkey = "pro"')
    assert ("invalid-value", "rank = 1") in _problems(text, "toml")
    text = SCHEME.replace('name = "Novice"\n', "")
    [(_code, covered)] = [p for p in _problems(text, "toml") if p[0] == "invalid-value"]
    assert covered == "[[levels]]"


def test_a_problem_of_a_table_or_list_covers_its_opening() -> None:
    text = json.dumps({"levels": [{"key": "a", "name": "A"}]}, indent=2)
    assert _problems(text, "json") == [("invalid-value", "{")]
    text = json.dumps({"badges": [{"key": "a", "name": "A", "rule": {}}]}, indent=2)
    assert _problems(text, "json") == [("invalid-value", '"rule": {')]
    assert _problems('{"levels": []}', "json") == [("invalid-value", '"levels": [')]


def test_a_file_that_does_not_parse_has_one_problem_where_the_parser_stopped() -> None:
    text = SCHEME.replace('key = "pro"', 'key = "pro')
    [problem] = file_problems(text, "toml", checker("en"))
    assert problem.code == "invalid-file"
    assert LineIndex(text).position(problem.start) == (8, 10)  # the end of the line
    [problem] = file_problems("levels = [", "toml", checker("en"))
    assert (problem.code, problem.start, problem.end) == ("invalid-file", 10, 10)
    [problem] = file_problems('{"levels":\r [\r\n}', "json", checker("en"))
    assert (problem.code, problem.start) == ("invalid-file", 15)
    [problem] = file_problems('{"levels": [}', "json", checker("en"))
    assert (problem.code, problem.start) == ("invalid-file", 12)


def test_a_formula_file_is_one_condition() -> None:
    assert _problems("$answers >= 500 &&", "formula") == [("unexpected-end", "&&")]
    [located] = formulas("$a", "formula")
    assert located.found.text == "$a"
    assert located.kind == "boolean"


def test_other_documents_have_no_formulas() -> None:
    assert file_problems('{"name": "$x"}', "json", checker("en")) == []
    assert file_problems('x = "$x"', "toml", checker("en")) == []
    assert file_problems('[tool\nx = "$x"', "toml", checker("en")) == []
    assert file_problems('{"compilerOptions": {}, // x\n}', "json", checker("en")) == []


@pytest.mark.parametrize(
    ("uri", "language", "kind"),
    [
        ("file:///a/b.formula", None, "formula"),
        ("file:///a/levels.TOML", None, "toml"),
        ("file:///a/badges.json?x=1", "plaintext", "json"),
        ("untitled:1", "agentlevels", "formula"),
        ("file:///a/readme.md", "markdown", None),
    ],
)
def test_document_kinds(uri: str, language: str | None, kind: str | None) -> None:
    assert document_kind(uri, language) == kind


def test_a_formula_problem_shows_its_hint() -> None:
    [problem] = file_problems("$answrs >= 5", "formula", checker("en"))
    assert problem == Problem(
        0,
        7,
        "error",
        "unknown-variable",
        "unknown variable `$answrs`\n"
        "hint: did you mean `$answers`, `$answers_ph` or `$chat_answers`?",
    )


def test_diagnostics_are_shown_in_the_clients_locale() -> None:
    [problem] = file_problems("$answrs >= 5", "formula", checker("ru"))
    assert problem.message == (
        "неизвестная переменная `$answrs`\n"
        "подсказка: может быть, `$answers`, `$answers_ph` или `$chat_answers`?"
    )


ANYTHING = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
LEVEL_KEYS = st.sampled_from(["key", "name", "condition", "rank", "description", "extra"])
RULE_KEYS = st.sampled_from(["type", "condition", "metric", "eligible", "direction", "minimum"])
RULES = st.dictionaries(RULE_KEYS, ANYTHING | st.sampled_from(["threshold", "comparative"]))
BADGE = st.dictionaries(
    st.sampled_from(["key", "name", "rule", "window", "image"]), ANYTHING | RULES
)
ODD_DOCUMENTS = st.one_of(
    st.fixed_dictionaries({"levels": st.lists(st.dictionaries(LEVEL_KEYS, ANYTHING), max_size=3)}),
    st.fixed_dictionaries({"badges": st.lists(BADGE, max_size=3)}),
    st.fixed_dictionaries({"levels": ANYTHING, "version": ANYTHING}),
)


@given(ODD_DOCUMENTS)
def test_odd_documents_get_problems_not_exceptions(data: dict[str, Any]) -> None:
    text = json.dumps(data)
    for problem in file_problems(text, "json", checker("en")):
        assert 0 <= problem.start <= problem.end <= len(text)


CATALOG = """version = 1
extends = "default"

[[metrics]]
name = "csat"
unit = "percent"
minimum = 0
maximum = 100
description = { en = "Customer satisfaction", ru = "Удовлетворённость клиентов" }
"""


def test_settings_choose_the_locale_and_the_catalog(tmp_path: Path) -> None:
    (tmp_path / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    session = Session()
    assert session.configure({"agentlevels": {"locale": "ru"}}) is None
    assert (session.locale, session.catalog) == ("ru", DEFAULT_CATALOG)
    assert session.configure({"locale": "xx", "catalog": "catalog.toml"}, str(tmp_path)) is None
    assert session.locale == "ru"
    assert "csat" in session.catalog
    scheme = 'levels = [{ key = "a", name = "A", condition = "$csat >= 90" }]'
    assert file_problems(scheme, "toml", session.checker(), session.catalog) == []
    assert _problems(scheme, "toml") == [("unknown-variable", "$csat")]
    problem = session.configure({"catalog": str(tmp_path / "missing.toml")})
    assert problem is not None
    assert "missing.toml" in problem
    assert "csat" in session.catalog  # a catalog that cannot be read changes nothing
    assert session.configure({"catalog": ""}) is None
    assert session.catalog is DEFAULT_CATALOG
    assert session.configure(["not", "settings"]) is None


def test_the_canonical_text_of_a_formula_file() -> None:
    assert canonical_text("($answers>=500)||($chats>=500.0)\n") == (
        "$answers >= 500 || $chats >= 500\n"
    )
    assert canonical_text("$answers >=") is None
    assert canonical_text("") is None


@pytest.mark.parametrize(
    "text",
    [
        'version = 1\n[[levels]]\ncondition = "$ans\nkey = "a"\n',
        '{"levels": [{"condition": "$ans\n',
        '{"levels": [{"condition": "$ans',
    ],
)
def test_a_string_still_being_typed_is_found_for_completion(text: str) -> None:
    kind: DocumentKind = "json" if text.startswith("{") else "toml"
    [located] = formulas(text, kind)
    assert located.found.text == "$ans"
    start = text.index("$ans")
    assert located.found.offsets == tuple(range(start, start + 5))
    [offer, *_] = suggestions("$ans", 4, "boolean", "en")
    assert (offer.insert_text, offer.start, offer.end) == ("$answers", 0, 4)
