"""Every diagnostic code the library can emit is documented in docs/errors.md.

The rendered examples there are the library's current output, and the
metric table of docs/language.md lists the whole default catalog.

A new code cannot ship undocumented: the parser's codes come from
``SYNTAX_CODES`` and ``LIMIT_CODES``, the checker's from the list kept with
the golden cases, and that list is itself checked against the checker's
source.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from types import ModuleType

import agentlevels
from agentlevels._diagnostics import LIMIT_CODES, SUMMARY_CODES, SYNTAX_CODES
from agentlevels._language import checker as _checker
from agentlevels._language import names as _names
from agentlevels._language import parser as _parser
from agentlevels._language import scanner as _scanner
from agentlevels._language import syntax_errors as _syntax_errors
from tests.golden import CHECKER_CODES

DOCS = Path(__file__).resolve().parent.parent / "docs"
ERRORS_DOC = DOCS / "errors.md"
LANGUAGE_DOC = DOCS / "language.md"

# error("code", ...) / warn("code", ...) / diagnostic("code", ...), the code
# possibly on the next line.
_EMITTED = re.compile(r"\b(?:error|warn|diagnostic)\(\s*\"([a-z]+(?:-[a-z]+)*)\"")
_MISTAKE = re.compile(r"\(\"([a-z]+(?:-[a-z]+)+)\", \"`")
# names words a code, message and hint: return "code", message(...), hint
_WORDED = re.compile(r"\breturn \"([a-z]+(?:-[a-z]+)*)\", ")


def _documented() -> set[str]:
    headings = re.findall(r"^### `([a-z]+(?:-[a-z]+)*)`$", ERRORS_DOC.read_text("utf-8"), re.M)
    return set(headings)


def _emitted_by(module: ModuleType) -> set[str]:
    source = inspect.getsource(module)
    return set(_EMITTED.findall(source)) | set(_MISTAKE.findall(source))


def _worded_by(module: ModuleType) -> set[str]:
    return set(_WORDED.findall(inspect.getsource(module)))


def test_checker_codes_list_is_complete() -> None:
    # unknown-variable is worded in names: the parser reports it beside syntax errors too.
    assert _emitted_by(_checker) | (_worded_by(_names) & CHECKER_CODES) == CHECKER_CODES
    assert "unknown-variable" in _worded_by(_names)


def test_parser_codes_are_listed_in_errors_module() -> None:
    found = _emitted_by(_scanner) | _emitted_by(_syntax_errors) | _emitted_by(_parser)
    found |= _worded_by(_names) - CHECKER_CODES
    assert len(found) >= 10  # the pattern still matches how the parser reports
    assert found <= SYNTAX_CODES | LIMIT_CODES


def test_every_code_is_documented() -> None:
    missing = (SYNTAX_CODES | LIMIT_CODES | SUMMARY_CODES | CHECKER_CODES) - _documented()
    assert not missing


def test_no_documented_code_is_stale() -> None:
    known = SYNTAX_CODES | LIMIT_CODES | SUMMARY_CODES | CHECKER_CODES
    exceptions = {"SnapshotError", "MissingMetricError", "InvalidMetricError"}
    assert _documented() - exceptions <= known


_SECTION = re.compile(r"^### `([a-z-]+)`$(.*?)(?=^##)", re.M | re.S)
_EXAMPLE = re.compile(
    r"Example[^\n]*:\n\n```text\n(?P<formula>.*?)\n```\n\n"
    r"`agentlevels\.check\(text(?:, kind='(?P<kind>\w+)')?\)\.render\(\)` prints:\n\n"
    r"```text\n(?P<rendered>.*?)\n```\n\n"
    r"In Russian, `agentlevels\.check\(text(?:, kind='(?P=kind)')?, locale='ru'\)\.render\(\)` "
    r"prints:\n\n```text\n(?P<russian>.*?)\n```",
    re.S,
)
_RUSSIAN = re.compile(r"^In Russian[^\n]*:\n\n```text\n(.*?)\n```", re.M | re.S)


def test_rendered_examples_are_current_in_english_and_russian() -> None:
    text = ERRORS_DOC.read_text("utf-8")
    checked = 0
    for code, body in _SECTION.findall(text + "\n##"):
        for example in _EXAMPLE.finditer(body):
            kind = example["kind"] or "boolean"
            report = agentlevels.check(example["formula"], kind=kind)
            assert code in {d.code for d in report.diagnostics}, code
            assert report.render() == example["rendered"], code
            assert report.render("ru") == example["russian"], code
            checked += 1
    assert checked >= 20


# The examples too long to print: the formula is described in words.
_DESCRIBED = {
    "too-long": ("$answers + " * 1_111 + "$answers", "number"),
    "too-many-nodes": ("$answers +\n" * 500 + "$answers", "number"),
    "more-errors": ("#" * 60, "boolean"),
    "number-too-small": ("$worktime >= 0." + "0" * 400 + "1", "boolean"),
}


def test_every_code_is_shown_in_russian() -> None:
    sections = dict(_SECTION.findall(ERRORS_DOC.read_text("utf-8") + "\n##"))
    for code in SYNTAX_CODES | LIMIT_CODES | SUMMARY_CODES | CHECKER_CODES:
        assert _RUSSIAN.search(sections[code]), code
    for code, (formula, kind) in _DESCRIBED.items():
        shown = _RUSSIAN.findall(sections[code])
        last = agentlevels.check(formula, kind=kind).diagnostics[-1]
        assert shown == [last.render(formula, "ru")], code


def test_every_default_metric_is_in_the_language_table() -> None:
    text = LANGUAGE_DOC.read_text("utf-8")
    rows = set(re.findall(r"^\| `\$([a-z0-9_]+)` \| (?:number|boolean) \|", text, re.M))
    assert rows == set(agentlevels.DEFAULT_CATALOG)


RUSSIAN_DOC = DOCS / "ru" / "errors.md"
_RUSSIAN_EXAMPLE = re.compile(
    r"Пример[^\n]*:\n\n```text\n(?P<formula>.*?)\n```\n\n"
    r"`agentlevels\.check\(text(?:, kind='(?P<kind>\w+)')?, locale='ru'\)\.render\(\)` "
    r"выводит:\n\n```text\n(?P<rendered>.*?)\n```",
    re.S,
)


def _headings(text: str) -> list[str]:
    # Headings outside code blocks: the level, and the code for a code's section.
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    return [
        f"{hashes} {code}" if code else hashes
        for hashes, code in re.findall(r"^(#+) (?:`([A-Za-z-]+)`$)?", prose, re.M)
    ]


def test_the_russian_page_has_the_english_pages_sections_in_order() -> None:
    english = _headings(ERRORS_DOC.read_text("utf-8"))
    assert _headings(RUSSIAN_DOC.read_text("utf-8")) == english
    assert len(english) > 40


def test_the_russian_pages_examples_are_current() -> None:
    text = RUSSIAN_DOC.read_text("utf-8")
    checked = 0
    for code, body in _SECTION.findall(text + "\n##"):
        for example in _RUSSIAN_EXAMPLE.finditer(body):
            report = agentlevels.check(example["formula"], kind=example["kind"] or "boolean")
            assert code in {d.code for d in report.diagnostics}, code
            assert report.render("ru") == example["rendered"], code
            checked += 1
    assert checked >= 25
    sections = dict(_SECTION.findall(text + "\n##"))
    for code, (formula, kind) in _DESCRIBED.items():
        last = agentlevels.check(formula, kind=kind).diagnostics[-1]
        assert f"```text\n{last.render(formula, 'ru')}\n```" in sections[code], code
