"""Positions for editors: code points and UTF-16 units, end lines and end columns.

JavaScript editors and LSP count UTF-16 code units, in which a character
beyond U+FFFF (an emoji) takes two. These properties check the offset
helpers against Python's own UTF-16 encoder, and every diagnostic's
positions against the text it was found in.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agentlevels
from agentlevels._diagnostics import Diagnostic
from agentlevels._positions import (
    codepoint_offset,
    line_column,
    offset_at,
    to_units,
    utf16_column,
    utf16_length,
    utf16_offset,
)

EMOJI = "😀"  # U+1F600: two UTF-16 code units

# Formula-ish text: the language's own pieces, line breaks, Cyrillic and astral characters.
PIECES = st.sampled_from(
    [
        "$answers",
        "$chats",
        "$answr",
        " >= ",
        " 500",
        " && ",
        " || ",
        "(",
        ")",
        "\n",
        "\r\n",
        " ",
        "!",
        EMOJI,
        "𝟓",
        "ответы",
        "and",
        "=",
        "12,5",
    ]
)
FORMULAS = st.lists(PIECES, max_size=12).map("".join)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.characters(max_codepoint=127)), st.data())
def test_utf16_and_code_points_agree_on_ascii(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert utf16_offset(text, offset) == offset
    assert codepoint_offset(text, offset) == offset
    assert utf16_column(text, offset) == line_column(text, offset)[1]
    assert utf16_length(text) == len(text)


@given(st.text(), st.data())
def test_utf16_offsets_match_the_utf16_encoding(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    units = utf16_offset(text, offset)
    assert units == _units(text[:offset])
    assert codepoint_offset(text, units) == offset
    line, column = line_column(text, offset)
    assert line == text[:offset].count("\n") + 1
    line_text = text[:offset].rsplit("\n", 1)[-1]
    assert column == len(line_text) + 1
    assert utf16_column(text, offset) == _units(line_text) + 1


@given(st.text(alphabet=st.sampled_from(["a", "\n", EMOJI, "ж"]), max_size=30), st.data())
def test_a_unit_inside_a_surrogate_pair_gives_its_character(text: str, data: st.DataObject) -> None:
    units = data.draw(st.integers(0, _units(text)))
    offset = codepoint_offset(text, units)
    # The character that holds the unit starts at or before it, and ends after it.
    assert utf16_offset(text, offset) <= units
    assert offset == len(text) or utf16_offset(text, offset + 1) > units


def test_around_an_emoji() -> None:
    text = f"$a{EMOJI}b"
    assert [utf16_offset(text, i) for i in range(len(text) + 1)] == [0, 1, 2, 4, 5]
    assert [codepoint_offset(text, u) for u in range(6)] == [0, 1, 2, 2, 3, 4]
    assert to_units(text, 3, "utf-16") == (4, 5)
    assert to_units(text, 3, "code-points") == (3, 4)


def test_offsets_out_of_range_are_clamped() -> None:
    assert utf16_offset("ab", 10) == 2
    assert utf16_offset("ab", -1) == 0
    assert codepoint_offset("ab", 10) == 2
    assert line_column("a\nb", 99) == (2, 2)


def test_a_diagnostic_after_an_emoji_in_utf16() -> None:
    text = f"$answers >= 500 {EMOJI} && $chatz >= 1"
    report = agentlevels.check(text)
    points = [d["start"] for d in report.to_dict()["diagnostics"]]
    units = report.to_dict(positions="utf-16")["diagnostics"]
    # The emoji, an unexpected character; and $chatz, unknown beside the syntax error.
    assert points == [16, 21]
    assert (units[0]["start"], units[0]["end"]) == (16, 18)
    assert (units[0]["column"], units[0]["end_column"]) == (17, 19)
    ascii_only = agentlevels.check("$chatz >= 1 &&\n$answerz >= 1")
    assert ascii_only.to_dict(positions="utf-16") == ascii_only.to_dict() | {"positions": "utf-16"}


def test_utf16_positions_need_the_source() -> None:
    (diagnostic,) = agentlevels.check("$answer >= 1").diagnostics
    with pytest.raises(ValueError, match="source"):
        diagnostic.to_dict(positions="utf-16")
    assert diagnostic.to_dict(positions="utf-16", source="$answer >= 1")["end"] == 7
    with pytest.raises(ValueError, match="'code-points' or 'utf-16'"):
        diagnostic.to_dict(positions="bytes")  # type: ignore[arg-type]


def _check_positions(diagnostic: Diagnostic, text: str) -> None:
    assert 0 <= diagnostic.start <= diagnostic.end <= len(text)
    assert (diagnostic.line, diagnostic.column) == line_column(text, diagnostic.start)
    assert (diagnostic.end_line, diagnostic.end_column) == line_column(text, diagnostic.end)


@given(FORMULAS)
def test_every_diagnostic_knows_where_it_starts_and_ends(text: str) -> None:
    for kind in ("boolean", "number"):
        report = agentlevels.check(text, kind=kind)
        for diagnostic in report.diagnostics:
            _check_positions(diagnostic, text)


@given(FORMULAS)
def test_utf16_positions_slice_the_same_text(text: str) -> None:
    report = agentlevels.check(text)
    encoded = text.encode("utf-16-le")
    pairs = zip(report.diagnostics, report.to_dict(positions="utf-16")["diagnostics"], strict=True)
    for diagnostic, data in pairs:
        start, end = data["start"], data["end"]
        # What a JavaScript editor underlines is what Python underlines.
        underlined = encoded[2 * start : 2 * end].decode("utf-16-le")
        assert underlined == text[diagnostic.start : diagnostic.end]
        line_text = text[: diagnostic.start].rsplit("\n", 1)[-1]
        assert data["column"] == _units(line_text) + 1
        end_line_text = text[: diagnostic.end].rsplit("\n", 1)[-1]
        assert data["end_column"] == _units(end_line_text) + 1
        assert (data["line"], data["end_line"]) == (diagnostic.line, diagnostic.end_line)


def test_end_line_and_column_on_multi_line_text() -> None:
    text = "$answers\n  + $chats"
    (diagnostic,) = agentlevels.check(text).diagnostics
    assert diagnostic.code == "condition-expected"
    assert (diagnostic.line, diagnostic.column) == (1, 1)
    assert (diagnostic.end_line, diagnostic.end_column) == (2, 11)
    data = diagnostic.to_dict()
    assert (data["end_line"], data["end_column"]) == (2, 11)


def test_level_lint_is_placed_in_the_condition() -> None:
    scheme = agentlevels.LevelScheme(
        [
            agentlevels.Level(1, "a", "A", condition="true"),
            agentlevels.Level(2, "b", "B", condition="$rewards_p > 100\n&& $chats >= 1"),
        ]
    )
    found = [d for d in scheme.lint() if d.code == "level-unreachable"]
    assert [(d.line, d.column, d.end_line, d.end_column) for d in found] == [(1, 1, 2, 15)]


@given(st.one_of(FORMULAS, st.text(max_size=60)))
def test_any_text_renders_in_every_locale_and_unit(text: str) -> None:
    report = agentlevels.check(text, locale="ru")
    for locale in ("en", "ru"):
        assert isinstance(report.render(locale), str)
        for positions in ("code-points", "utf-16"):
            data = report.to_dict(locale, positions)
            assert len(data["diagnostics"]) == len(report.diagnostics)
    for diagnostic in report.diagnostics:
        _check_positions(diagnostic, text)


@given(st.text(alphabet=st.sampled_from(["a", "\n", EMOJI, "ж", "\r"]), max_size=30), st.data())
def test_offset_at_inverts_line_and_column(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    line, column = line_column(text, offset)
    assert offset_at(text, line, column) == offset
    assert offset_at(text, line, utf16_column(text, offset), "utf-16") == offset


def test_offset_at_clamps_to_the_line_and_the_text() -> None:
    text = f"ab\n{EMOJI}c"
    assert offset_at(text, 1, 99) == 2
    assert offset_at(text, 9, 1) == len(text)
    assert offset_at(text, 2, 2, "utf-16") == 3  # inside the emoji: the emoji
    assert offset_at(text, 2, 3, "utf-16") == 4
    assert offset_at(text, 0, 0) == 0
