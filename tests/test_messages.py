"""Every message in every shipped locale: keys, placeholders, plurals, and every code's text.

A diagnostic's texts come from message keys (``agentlevels._messages``).
These tests prove that no key lacks a locale, that the locales of a key use
the same placeholders, that every key the source uses has texts (and every
text is used), and that every diagnostic code the library emits reads in
Russian as well as English.
"""

from __future__ import annotations

import pickle
import re
import string
from pathlib import Path

import pytest

import agentlevels
from agentlevels import Badge, ComparativeRule, Level, LevelScheme, lint_badges
from agentlevels._diagnostics import LIMIT_CODES, SUMMARY_CODES, SYNTAX_CODES, Diagnostic
from agentlevels._messages.message import TEXTS, Alternatives, Message, message, require_locale
from agentlevels._values import LOCALES
from tests.golden import CHECKER_CODES

SRC = Path(__file__).resolve().parent.parent / "src" / "agentlevels"

LINT_CODES = frozenset(
    {"level-unreachable", "level-not-implied", "level-equivalent", "least-badge-unguarded"}
)
ALL_CODES = SYNTAX_CODES | LIMIT_CODES | SUMMARY_CODES | CHECKER_CODES | LINT_CODES

# One formula (and kind) per code the language emits.
EXAMPLES: dict[str, tuple[str, str]] = {
    "empty-formula": ("  ", "boolean"),
    "non-latin-name": ("$ответы >= 500", "boolean"),
    "lookalike-letter": ("$аnswers >= 500", "boolean"),
    "function-call": ("max($answers) >= 500", "boolean"),
    "unexpected-character": ("$answers ≥ 500", "boolean"),
    "unexpected-token": ("$answers >= 500 $chats", "boolean"),
    "unexpected-end": ("$answers >=", "boolean"),
    "unclosed-parenthesis": ("($answers >= 500", "boolean"),
    "unmatched-parenthesis": ("$answers >= 500)", "boolean"),
    "assignment-operator": ("$answers = 500", "boolean"),
    "word-operator": ("$answers >= 5 and $chats >= 5", "boolean"),
    "single-ampersand": ("$answers >= 5 & $chats >= 5", "boolean"),
    "single-pipe": ("$answers >= 5 | $chats >= 5", "boolean"),
    "missing-dollar": ("answers >= 500", "boolean"),
    "comma-decimal": ("$rewards_p > 12,5", "boolean"),
    "chained-comparison": ("1 < $answers < 5", "boolean"),
    "invalid-number": ("$answers >= 1e3", "boolean"),
    "invalid-variable": ("$Answers >= 500", "boolean"),
    "unknown-variable": ("$answer >= 500", "boolean"),
    "type-mismatch": ("$answers && $chats", "boolean"),
    "condition-expected": ("$answers + $chats", "boolean"),
    "number-expected": ("$answers >= 500", "number"),
    "too-long": ("1+" * 5_001 + "1", "number"),
    "too-deep": ("-" * 101 + "$answers", "number"),
    "too-many-nodes": ("$answers +\n" * 500 + "$answers", "number"),
    "number-too-long": ("$answers >= 1234567890123456", "boolean"),
    "number-too-small": ("$answers >= 0." + "0" * 320 + "1", "boolean"),
    "unit-mismatch": ("$calls + $call_seconds > 10", "boolean"),
    "out-of-range": ("$rewards_p > 100", "boolean"),
    "constant-condition": ("1 < 2", "boolean"),
    "division-by-zero": ("$answers / 0 >= 1", "boolean"),
    "more-errors": ("#" * 60, "boolean"),
}

_FIELD = string.Formatter()


def _fields(template: str) -> dict[str, str]:
    """Each placeholder's name, with the format spec of its last use."""
    return {name: spec or "" for _, name, spec, _ in _FIELD.parse(template) if name is not None}


def _lint_diagnostics() -> list[Diagnostic]:
    scheme = LevelScheme(
        [
            Level(1, "a", "A", condition="true"),
            Level(2, "b", "B", condition="$chats >= 200"),
            Level(3, "c", "C", condition="$chats >= 100 && $chats >= 200"),
            Level(4, "d", "D", condition="$rewards_p > 100 && $chats >= 300"),
            Level(5, "e", "E", condition="$answers >= 100"),
        ]
    )
    least = Badge("quick", "Quick", rule=ComparativeRule("$avg_handling_seconds", "least"))
    return [*scheme.lint(), *lint_badges([least])]


def _every_diagnostic() -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for text, kind in EXAMPLES.values():
        found.extend(agentlevels.check(text, kind=kind).diagnostics)
    return found + _lint_diagnostics()


DIAGNOSTICS = _every_diagnostic()


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_key_has_every_shipped_locale(key: str) -> None:
    texts = TEXTS[key]
    assert set(texts) == set(LOCALES), key
    assert all(texts[locale].strip() for locale in LOCALES)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_the_locales_of_a_key_agree_on_placeholders(key: str) -> None:
    english = _fields(TEXTS[key]["en"])
    for locale in LOCALES:
        fields = _fields(TEXTS[key][locale])
        assert set(fields) == set(english), (key, locale)
        for spec in fields.values():
            if spec.startswith("plural:"):
                # English nouns have two forms; Russian three (1, 2-4, 5 items).
                assert len(spec.split("|")) == (3 if locale == "ru" else 2), (key, locale)


@pytest.mark.parametrize("key", sorted(TEXTS))
@pytest.mark.parametrize("locale", LOCALES)
def test_every_text_renders(key: str, locale: str) -> None:
    # A placeholder with a spec in any locale takes a number.
    numeric = {name for text in TEXTS[key].values() for name, spec in _fields(text).items() if spec}
    args = {name: 2 if name in numeric else "x" for name in _fields(TEXTS[key]["en"])}
    rendered = message(key, **args).text(locale)
    assert "{" not in rendered.replace("{x}", "")


def _source_keys() -> tuple[set[str], set[str], set[str]]:
    """Keys in message("key") calls, f-string key prefixes, and every quoted word-string.

    Only modules that import ``message`` from ``_messages`` count (another
    module may have a function of that name).
    """
    called: set[str] = set()
    prefixes: set[str] = set()
    quoted: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text("utf-8")
        if "_messages" in path.parts or "from agentlevels._messages.message import" not in text:
            continue
        called |= set(re.findall(r"\bmessage\(\s*\"([a-z0-9-]+)\"", text))
        prefixes |= set(re.findall(r"\bmessage\(\s*f\"([a-z0-9-]+)\{", text))
        # Keys kept in tables or chosen in a variable before the call.
        quoted |= set(re.findall(r"\"([a-z0-9]+(?:-[a-z0-9]+)*)\"", text))
    return called, prefixes, quoted


def test_every_key_in_the_source_has_texts_and_every_text_is_used() -> None:
    called, prefixes, quoted = _source_keys()
    assert len(called) > 50
    assert called <= set(TEXTS)
    unused = {
        key
        for key in TEXTS
        if key not in quoted and not any(key.startswith(prefix) for prefix in prefixes)
    }
    # "or" joins Alternatives; "verbatim" carries a text made by hand.
    assert unused <= {"or", "verbatim"}


def test_the_examples_cover_every_code() -> None:
    assert {d.code for d in DIAGNOSTICS} == ALL_CODES


@pytest.mark.parametrize("diagnostic", DIAGNOSTICS, ids=lambda d: d.code)
def test_every_diagnostic_reads_in_every_locale(diagnostic: Diagnostic) -> None:
    assert diagnostic.localized is not None
    assert diagnostic.message_in("en") == diagnostic.message
    assert diagnostic.hint_in("en") == diagnostic.hint
    assert (diagnostic.localized_hint is None) == (diagnostic.hint is None)
    russian = diagnostic.message_in("ru")
    assert russian != diagnostic.message
    assert re.search("[а-яё]", russian)
    if diagnostic.hint is not None:
        assert re.search("[а-яё]", diagnostic.hint_in("ru") or "")


@pytest.mark.parametrize(
    ("limit", "words"),
    [(1, "1 уровня"), (2, "2 уровней"), (5, "5 уровней"), (21, "21 уровня"), (100, "100 уровней")],
)
def test_russian_plurals_follow_the_explainers_rules(limit: int, words: str) -> None:
    assert message("too-deep", limit=limit).text("ru").endswith(f"глубже {words}")


def test_russian_numbers_group_as_russian_typography_does() -> None:
    text = message("too-long-without-spaces", length=10_007, limit=10_000).text("ru")
    assert text == (
        "в формуле 10\u00a0007 символов без пробелов; допускается не больше 10\u00a0000"
    )
    assert "1 символ " in message("too-long-with-spaces", length=1, limit=2).text("ru")
    assert "22 символа " in message("too-long-with-spaces", length=22, limit=2).text("ru")


def test_alternatives_join_with_the_locales_or() -> None:
    names = Alternatives(("`$a`", "`$b`", "`$c`"))
    hint = message("hint-did-you-mean", names=names)
    assert hint.text("en") == "did you mean `$a`, `$b` or `$c`?"
    assert hint.text("ru") == "может быть, `$a`, `$b` или `$c`?"
    assert message("hint-did-you-mean", names=Alternatives(("`$a`",))).text("ru") == (
        "может быть, `$a`?"
    )


def test_nested_messages_render_in_the_same_locale() -> None:
    inner = message("level-unreachable")
    outer = message("level-prefix", rank=4, key="d", message=inner)
    assert outer.text("ru") == "уровень 4 (d): этому условию не удовлетворяет ни один снимок метрик"
    assert str(outer) == "level 4 (d): no snapshot can meet this condition"
    assert outer.arguments()["message"] == {"key": "level-unreachable", "args": {}}


@pytest.mark.parametrize("locale", ["de", "", "EN", None, 1])
def test_an_unknown_locale_names_the_shipped_ones(locale: object) -> None:
    with pytest.raises(ValueError, match="'en', 'ru'"):
        require_locale(locale)
    with pytest.raises(ValueError, match="'en', 'ru'"):
        agentlevels.check("$answers >= 1", locale=locale)  # type: ignore[arg-type]
    if locale is None:
        return  # render() and to_dict() take None for the report's own locale
    report = agentlevels.check("$answer >= 1")
    with pytest.raises(ValueError, match="'en', 'ru'"):
        report.render(locale)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'en', 'ru'"):
        report.to_dict(locale)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'en', 'ru'"):
        report.diagnostics[0].message_in(locale)  # type: ignore[arg-type]


def test_unknown_message_key_is_refused() -> None:
    with pytest.raises(KeyError, match="no-such-key"):
        message("no-such-key")


def test_the_report_renders_in_its_own_locale_unless_told() -> None:
    report = agentlevels.check("$answer >= 500", locale="ru")
    assert report.locale == "ru"
    assert report.render().startswith("ошибка[unknown-variable] в 1:1: неизвестная переменная")
    assert report.render("en") == agentlevels.check("$answer >= 500").render()
    data = report.to_dict()
    assert data["locale"] == "ru"
    assert data["diagnostics"][0]["message"] == "неизвестная переменная `$answer`"
    assert data["diagnostics"][0]["message_key"] == "unknown-variable"
    assert report.to_dict("en")["diagnostics"][0]["message"] == "unknown variable `$answer`"


def test_errors_keep_english_text_and_their_diagnostics_read_russian() -> None:
    with pytest.raises(agentlevels.UnknownVariableError) as raised:
        agentlevels.compile("$answer >= 500")
    assert str(raised.value).startswith("error[unknown-variable] at 1:1: unknown variable")
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.message_in("ru") == "неизвестная переменная `$answer`"
    assert raised.value.render() == str(raised.value)
    assert raised.value.render("ru").startswith("ошибка[unknown-variable] в 1:1: неизвестная")
    with pytest.raises(ValueError, match="'en', 'ru'"):
        raised.value.render("lv")


def test_a_diagnostic_made_by_hand_reads_english_everywhere() -> None:
    made = Diagnostic("warning", "custom", "a note", 0, 3, 1, 1, "a hint")
    assert (made.end_line, made.end_column) == (1, 4)
    assert made.message_in("ru") == "a note"
    assert made.hint_in("ru") == "a hint"
    assert made.message_key is None
    assert made.render("abc", "ru").startswith("предупреждение[custom] в 1:1: a note")


def test_diagnostics_pickle_and_compare_by_what_they_show() -> None:
    (diagnostic,) = agentlevels.check("$answer >= 500").diagnostics
    copied = pickle.loads(pickle.dumps(diagnostic))
    assert copied == diagnostic
    assert hash(copied) == hash(diagnostic)
    assert copied.message_in("ru") == diagnostic.message_in("ru")
    # Equality is about the English text and the place, not how it was made.
    by_hand = Diagnostic(
        diagnostic.severity,
        diagnostic.code,
        diagnostic.message,
        diagnostic.start,
        diagnostic.end,
        diagnostic.line,
        diagnostic.column,
        diagnostic.hint,
    )
    assert by_hand == diagnostic
    report = agentlevels.check("$answer >= 500", locale="ru")
    assert pickle.loads(pickle.dumps(report)) == report
    assert isinstance(diagnostic.localized, Message)


def test_level_lint_reads_in_russian() -> None:
    found = {d.code: d for d in _lint_diagnostics()}
    assert found["level-unreachable"].message_in("ru") == (
        "уровень 4 (d): этому условию не удовлетворяет ни один снимок метрик"
    )
    out_of_range = [d for d in _lint_diagnostics() if d.code == "out-of-range"]
    assert (
        out_of_range[0]
        .message_in("ru")
        .startswith("уровень 4 (d): `$rewards_p > 100` никогда не выполняется")
    )
    assert found["least-badge-unguarded"].message_in("ru").startswith("значок 'quick': ")
