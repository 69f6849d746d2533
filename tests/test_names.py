"""Names an administrator types: other scripts, look-alike letters, word operators, functions.

Each case pins the code, the span (start, end) and the English text; the
Russian text where the wording is new.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agentlevels
from agentlevels import Catalog, FormulaError, FormulaSyntaxError, Metric, check, parse
from agentlevels._language import scripts
from agentlevels._language.confusables import LOOKALIKES


def problems(text: str, **options: object) -> list[tuple[str, int, int, str, str | None]]:
    report = check(text, **options)  # type: ignore[arg-type]
    return [(d.code, d.start, d.end, d.message, d.hint) for d in report.diagnostics]


# ---- Cyrillic text: one diagnostic per name, not one per letter


def test_cyrillic_names_give_one_diagnostic_each_with_the_closest_metrics() -> None:
    assert problems("$ответы >= 500 или $чаты >= 500") == [
        (
            "non-latin-name",
            0,
            7,
            "`$ответы` is written in Cyrillic: names use only the Latin letters a-z,"
            " digits and `_`",
            "did you mean `$answers`, `$answers_ph` or `$replies_per_ticket`?",
        ),
        ("word-operator", 15, 18, "`или` is not an operator here", "write `||`"),
        (
            "non-latin-name",
            19,
            24,
            "`$чаты` is written in Cyrillic: names use only the Latin letters a-z, digits and `_`",
            "did you mean `$chats`, `$chats_ph` or `$missed_chats`?",
        ),
    ]


def test_cyrillic_names_in_russian() -> None:
    report = check("$ответы >= 500", locale="ru")
    (diagnostic,) = report.diagnostics
    assert diagnostic.message_in("ru") == (
        "`$ответы` написано кириллицей: в именах бывают только латинские буквы a-z, цифры и `_`"
    )
    assert diagnostic.hint_in("ru") == (
        "может быть, `$answers`, `$answers_ph` или `$replies_per_ticket`?"
    )


def test_an_inflected_russian_word_finds_its_metric_by_the_description() -> None:
    # "звонков" (of calls) shares its stem with "Звонки" (calls).
    (diagnostic,) = check("звонков > 5").diagnostics
    assert diagnostic.code == "non-latin-name"
    assert diagnostic.hint is not None
    assert diagnostic.hint.startswith("did you mean `$calls`")


def test_closest_metrics_come_only_from_the_catalog_in_use() -> None:
    catalog = Catalog([Metric("tickets", description="Tickets", description_ru="Тикеты")])
    assert problems("$тикеты > 1", catalog=catalog)[0][4] == "did you mean `$tickets`?"
    assert problems("$ответы > 1", catalog=catalog)[0][4] == (
        "the catalog lists the known variables (`agentlevels metrics`)"
    )


def test_letters_of_several_scripts_or_with_accents_say_so_without_naming_a_script() -> None:
    assert problems("$zvanī > 1")[0][:4] == (
        "non-latin-name",
        0,
        6,
        "`$zvanī` has letters other than the Latin a-z: names use only the letters a-z,"
        " digits and `_`",
    )


def test_a_greek_name_is_written_in_greek() -> None:
    code, *_, message, _ = problems("$απαντήσεις > 1")[0]
    assert (code, message) == (
        "non-latin-name",
        "`$απαντήσεις` is written in Greek: names use only the Latin letters a-z, digits and `_`",
    )


# ---- и, или, не (and the Latvian and Lithuanian words) are word operators


@pytest.mark.parametrize(
    ("word", "symbol"),
    [("и", "&&"), ("или", "||"), ("ИЛИ", "||"), ("un", "&&"), ("vai", "||"), ("arba", "||")],
)
def test_word_operators_in_other_languages(word: str, symbol: str) -> None:
    text = f"$answers > 1 {word} $chats > 1"
    assert problems(text) == [
        (
            "word-operator",
            13,
            13 + len(word),
            f"`{word}` is not an operator here",
            f"write `{symbol}`",
        )
    ]


def test_ne_is_not() -> None:
    assert problems("не $online") == [
        ("word-operator", 0, 2, "`не` is not an operator here", "write `!`")
    ]


# ---- a Latin name with letters that only look Latin


def test_a_cyrillic_a_in_a_latin_name_is_named() -> None:
    assert problems("$аnswers >= 500") == [
        (
            "lookalike-letter",
            0,
            8,
            "`$аnswers` has a letter that only looks Latin",
            "the `а` in `$аnswers` is the Cyrillic letter а; did you mean `$answers`?",
        )
    ]
    (diagnostic,) = check("$аnswers >= 500").diagnostics
    assert diagnostic.message_in("ru") == (
        "в `$аnswers` есть буква, которая только похожа на латинскую"
    )
    assert (
        diagnostic.hint_in("ru")
        == "`а` в `$аnswers` — кириллическая буква а; может быть, `$answers`?"
    )


def test_several_look_alike_letters_of_two_scripts_are_one_diagnostic() -> None:
    # Cyrillic а and Greek ρ.
    assert problems("$аnswers_ρh > 1") == [
        (
            "lookalike-letter",
            0,
            11,
            "`$аnswers_ρh` has letters that only look Latin",
            "the `а` in `$аnswers_ρh` is the Cyrillic letter а, the `ρ` is the Greek letter ρ;"
            " did you mean `$answers_ph`?",
        )
    ]


def test_a_fullwidth_letter_is_named_by_its_unicode_name() -> None:
    assert problems("$ａnswers > 1")[0][4] == (
        "the `ａ` in `$ａnswers` is fullwidth latin small letter a, not the Latin `a`;"
        " did you mean `$answers`?"
    )


def test_a_look_alike_in_a_name_that_is_no_metric_suggests_catalog_names() -> None:
    assert problems("$аnswer > 1")[0][4] == (
        "the `а` in `$аnswer` is the Cyrillic letter а;"
        " did you mean `$answers`, `$answers_ph` or `$chat_answers`?"
    )
    assert problems("$аbcdefgh > 1")[0][4] == (
        "the `а` in `$аbcdefgh` is the Cyrillic letter а;"
        " type the name with a Latin keyboard layout"
    )


def test_a_look_alike_in_a_keyword_or_a_word_operator() -> None:
    assert problems("$online || truе")[0][:2] == ("lookalike-letter", 11)
    assert problems("$online || truе")[0][4] == (
        "the `е` in `truе` is the Cyrillic letter е; did you mean `true`?"
    )
    assert problems("$online аnd $chats > 1")[0][4] == (
        "the `а` in `аnd` is the Cyrillic letter а; did you mean `&&`?"
    )


def test_a_word_all_of_cyrillic_look_alikes_is_a_cyrillic_word() -> None:
    # с, о, р are all look-alikes, but no Latin letter is in the word: it is Russian.
    assert problems("$сор > 1")[0][0] == "non-latin-name"


# ---- the missing-$ hint suggests catalog names only


def test_missing_dollar_suggests_metrics_of_the_catalog() -> None:
    assert problems("answer >= 5") == [
        (
            "missing-dollar",
            0,
            6,
            "`answer` is not a variable, number or keyword",
            "variables start with `$`: did you mean `$answers`, `$answers_ph` or `$chat_answers`?",
        )
    ]
    assert problems("answers >= 5")[0][4] == "variables start with `$`: did you mean `$answers`?"
    assert problems("frobnicate >= 5")[0][4] == (
        "variables start with `$`, but no metric is named like `frobnicate`;"
        " the catalog lists them (`agentlevels metrics`)"
    )


def test_missing_dollar_with_a_catalog_of_ones_own() -> None:
    catalog = Catalog([Metric("answer")])
    assert problems("answer >= 5", catalog=catalog)[0][4] == (
        "variables start with `$`: did you mean `$answer`?"
    )


def test_a_capitalised_name_suggests_metrics_of_the_catalog() -> None:
    assert problems("$Answers > 1")[0][3:] == (
        "`$Answers` is not a variable name: names are lower case",
        "write `$answers`",
    )
    assert problems("$Answer > 1")[0][4] == (
        "did you mean `$answers`, `$answers_ph` or `$chat_answers`?"
    )


def test_parse_has_no_catalog_and_suggests_no_name() -> None:
    with pytest.raises(FormulaSyntaxError) as raised:
        parse("answer >= 5")
    assert raised.value.diagnostics[0].hint == "variables start with `$`, as in `$answers`"


# ---- a name followed by ( says there are no functions


def test_max_says_formulas_have_no_functions() -> None:
    assert problems("max($answers, $chats) >= 500") == [
        (
            "function-call",
            0,
            3,
            "`max(...)` calls a function, and formulas have no functions",
            "for 'the larger of', compare each value and join with `||`: `$a >= 5 || $b >= 5`",
        ),
        (
            "unexpected-character",
            12,
            13,
            "`,` is not part of the language",
            "decimals use a point, as in `12.5`; formulas have no lists",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("min ($answers) > 1", "`$a >= 5 && $b >= 5`"),
        ("sum($answers) > 1", "`$a + $b`"),
        ("AVG($answers) > 1", "`($a + $b) / 2`"),
        ("round($answers) > 1", "formulas use $variables"),
        ("макс($answers) > 1", "formulas use $variables"),
    ],
)
def test_other_functions(text: str, hint: str) -> None:
    diagnostic = check(text).diagnostics[0]
    assert diagnostic.code == "function-call"
    assert diagnostic.hint is not None
    assert hint in diagnostic.hint


def test_a_word_without_a_parenthesis_is_no_function() -> None:
    assert problems("max > 1")[0][0] == "missing-dollar"


# ---- a number in digits of another script is one diagnostic


@pytest.mark.parametrize("digits", ["５００", "٥٠٠", "५००", "5００"])
def test_a_number_in_other_digits_is_one_diagnostic(digits: str) -> None:
    assert problems(f"$answers > {digits}") == [
        (
            "invalid-number",
            11,
            14,
            f"`{digits}` is written in digits other than the ASCII 0-9",
            "write `500`",
        )
    ]
    (diagnostic,) = check(f"$answers > {digits}").diagnostics
    assert diagnostic.message_in("ru") == f"`{digits}` записано не цифрами ASCII 0-9"


# ---- a syntax error no longer hides unknown variables


def test_unknown_variables_are_reported_beside_a_syntax_error() -> None:
    assert problems("$answrs >= 500 and $chats >= 500") == [
        (
            "unknown-variable",
            0,
            7,
            "unknown variable `$answrs`",
            "did you mean `$answers`, `$answers_ph` or `$chat_answers`?",
        ),
        ("word-operator", 15, 18, "`and` is not an operator here", "write `&&`"),
    ]
    with pytest.raises(FormulaSyntaxError):
        agentlevels.compile("$answrs >= 500 and $chats >= 500")


def test_unknown_variables_beside_a_grammar_error_each_occurrence() -> None:
    report = check("$x >= 1 $x")
    assert [(d.code, d.start, d.end) for d in report.diagnostics] == [
        ("unknown-variable", 0, 2),
        ("unexpected-token", 8, 10),
        ("unknown-variable", 8, 10),
    ]


def test_the_words_of_unknown_variable_are_the_checkers() -> None:
    beside = check("$answrs >= 500 and 1").diagnostics[0]
    alone = check("$answrs >= 500").diagnostics[0]
    assert (beside.code, beside.message, beside.hint) == (alone.code, alone.message, alone.hint)
    assert beside.hint_in("ru") == alone.hint_in("ru")


# ---- scripts: the look-alike table and its helpers


def test_the_look_alike_table_follows_its_rules() -> None:
    assert len(LOOKALIKES) > 40
    for target, chars in LOOKALIKES.items():
        assert target.isascii()
        assert target.isalnum()
        for char in chars:
            assert not char.isascii()
            assert unicodedata.category(char)[0] in "LN"
            assert unicodedata.normalize("NFKC", char) != target


@pytest.mark.parametrize(
    ("char", "ascii"),
    [
        ("а", "a"),
        ("е", "e"),
        ("о", "o"),
        ("р", "p"),
        ("с", "c"),
        ("ο", "o"),
        ("ν", "v"),
        ("ａ", "a"),
        ("𝐚", "a"),
        ("А", "A"),
        ("ı", "i"),
        ("a", None),
        ("т", None),
    ],
)
def test_lookalike(char: str, ascii: str | None) -> None:
    assert scripts.lookalike(char) == ascii


def test_script_transliteration_and_stems() -> None:
    assert (scripts.script("а"), scripts.script("ο"), scripts.script("ａ")) == (
        "CYRILLIC",
        "GREEK",
        "",
    )
    assert scripts.transliterate("Чаты") == "chaty"
    assert scripts.transliterate("zvanī") == "zvani"
    assert scripts.stem("ответов") == scripts.stem("Ответы") == "ответ"
    assert scripts.same_stem("звонк", "звонк")
    assert not scripts.same_stem("чат", "час")


def _tool() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "tools" / "confusables.py"
    spec = importlib.util.spec_from_file_location("confusables_tool", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_keeps_single_letters_that_look_like_ascii(tmp_path: Path) -> None:
    data = tmp_path / "confusables.txt"
    data.write_text(
        "\ufeff# Version: 13.0.0\n"
        "0430 ;\t0061 ;\tMA\t# CYRILLIC SMALL LETTER A -> a\n"
        "FF41 ;\t0061 ;\tMA\t# FULLWIDTH (NFKC gives a: left out)\n"
        "2260 ;\t003D 0338 ;\tMA\t# NOT EQUAL TO (no letter: left out)\n"
        "0585 ;\t006F ;\tMA\t# ARMENIAN SMALL LETTER OH -> o\n"
        "0031 ;\t006C ;\tMA\t# DIGIT ONE (ASCII: left out)\n",
        encoding="utf-8",
    )
    tool = _tool()
    version, kept = tool.read(data)
    assert (version, kept) == ("13.0.0", {"а": "a", "օ": "o"})
    namespace: dict[str, object] = {}
    exec(tool.render(version, kept), namespace)  # the generated module is plain data
    assert namespace["LOOKALIKES"] == {"a": "а", "o": "օ"}


# ---- any mix of Cyrillic, Greek and ASCII: a bounded report, the library's errors only

_LETTERS = "abcdeopxyz_0123456789５٠абвгдеёжзийклмнопрстуфхцчшщъыьэюяАОЕαβγδεζηθικλμνξοπρστυφχψω"
_WORDS = st.builds(
    lambda dollar, word: dollar + word,
    st.sampled_from(["", "$"]),
    st.text(alphabet=_LETTERS, min_size=1, max_size=12),
)
_JOINS = st.sampled_from([" ", " && ", " || ", " >= 5 ", " > ", " (", ") ", " и ", " или "])


@given(st.lists(st.tuples(_WORDS, _JOINS), min_size=1, max_size=12))
def test_mixed_scripts_give_a_bounded_report_and_only_library_errors(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(word + join for word, join in pieces)
    report = check(text)
    # A few diagnostics per word and joint (`$0α (`: the `$0`, the `α`, the
    # unclosed `(`), one more from the grammar: never one per letter.
    assert len(report.diagnostics) <= 3 * len(pieces) + 1
    for diagnostic in report.diagnostics:
        assert 0 <= diagnostic.start <= diagnostic.end <= len(text)
        assert diagnostic.message_in("ru")
        assert diagnostic.message_in("en")
    with contextlib.suppress(FormulaError):
        agentlevels.compile(text)


# ---- the language page's table of common mistakes, in English and Russian

_DOCS = Path(__file__).resolve().parent.parent / "docs"
_MISTAKE_ROW = r"^\| `(.*?)` \| `([a-z-]+)`(?: \(.*?\))? \| (.*) \|$"


@pytest.mark.parametrize(
    ("page", "locale"), [("language.md", "en"), (str(Path("ru") / "language.md"), "ru")]
)
def test_the_common_mistakes_tables_show_todays_hints(page: str, locale: str) -> None:
    rows = re.findall(_MISTAKE_ROW, (_DOCS / page).read_text("utf-8"), re.M)
    assert len(rows) > 20
    for formula, code, hint in rows:
        report = check(formula.replace("\\|", "|"), locale=locale)
        hints = {d.hint_in(locale) for d in report.diagnostics if d.code == code}
        assert hint.replace("\\|", "|") in hints, (formula, code)
