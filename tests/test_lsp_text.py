"""The language server's text layer: LSP positions, and where the string values of TOML and
JSON texts are, character by character (no pygls needed)."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from agentlevels._documents import dumps_document
from agentlevels.lsp.files import file_problems, key_path_parts
from agentlevels.lsp.json_scan import scan_json
from agentlevels.lsp.language import checker
from agentlevels.lsp.lines import LineIndex, units
from agentlevels.lsp.strings import Found, escape_for
from agentlevels.lsp.toml_scan import scan_toml

# --- Positions ---------------------------------------------------------------------------------

TEXTS = st.lists(
    st.sampled_from(["a", "é", "😀", "𝔸", "\n", "\r", "\r\n", "\u2028", "\t", "$"])
).map("".join)


def _lines_before(text: str, offset: int) -> int:
    return len(re.findall(r"\r\n|\r|\n", text[:offset]))


@given(TEXTS, st.data())
def test_positions_count_utf16_units_and_lsp_line_breaks(text: str, data: st.DataObject) -> None:
    index = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # between \r and \n is not a place a cursor can be
    line, character = index.position(offset)
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    assert line == _lines_before(text, offset)
    assert character == len(text[line_start:offset].encode("utf-16-le")) // 2
    assert index.offset(line, character) == offset
    for encoding in ("utf-8", "utf-32"):
        assert index.offset(*index.position(offset, encoding), encoding) == offset


def test_positions_around_astral_characters() -> None:
    text = "😀 $a\r\n𝔸é $b"
    index = LineIndex(text)
    assert index.position(text.index("$a")) == (0, 3)
    assert index.position(text.index("$a"), "utf-32") == (0, 2)
    assert index.position(text.index("$a"), "utf-8") == (0, 5)
    assert index.position(text.index("$b")) == (1, 4)
    # Half of a surrogate pair is the character's start; past a line's end is its end.
    assert index.offset(1, 1) == text.index("𝔸")
    assert index.offset(0, 99) == text.index("\r")
    assert index.offset(7, 0) == len(text)
    assert units("😀é", "utf-16") == 3
    assert units("😀é", "utf-8") == 6


# --- Finding strings ---------------------------------------------------------------------------

KEYS = st.text(min_size=1, max_size=6)
STRINGS = st.text(max_size=12)
SCALARS = st.one_of(STRINGS, st.integers(-5, 5), st.booleans())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=12,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=4)


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _strings(data: Any) -> int:
    if isinstance(data, str):
        return 1
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return sum(_strings(item) for item in items)


def _agrees(found: list[Found], data: dict[str, Any], text: str) -> None:
    """Every string of ``data`` is found once, at its path, with its value and its places."""
    strings = [item for item in found if item.text is not None and item.path]
    assert len(strings) == _strings(data)
    for item in strings:
        assert item.text is not None
        assert _value_at(data, item.path) == item.text, item.key_path
        assert list(item.offsets) == sorted(set(item.offsets))
        assert item.start < item.offsets[0]
        assert item.offsets[-1] < item.end
        for char, offset in zip(item.text, item.offsets, strict=False):
            assert text[offset] in (char, "\\", "\r"), (item.key_path, char, text[offset:])
        for index, offset in enumerate(item.offsets):
            assert item.text_offset(offset) == index
            assert item.file_offset(index) == offset


@given(DOCUMENTS)
def test_toml_strings_are_found_where_tomllib_reads_them(data: dict[str, Any]) -> None:
    text = dumps_document(data, "toml")
    _agrees(scan_toml(text), tomllib.loads(text), text)


@given(DOCUMENTS, st.booleans(), st.sampled_from([None, 2]))
def test_json_strings_are_found_where_json_reads_them(
    data: dict[str, Any], ascii_only: bool, indent: int | None
) -> None:
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    _agrees(scan_json(text), json.loads(text), text)


HAND_WRITTEN_TOML = "\n".join(
    [
        "",
        '# a comment with "quotes" and = signs',
        "version = 1",
        "\"quoted key\" = 'literal \\n'",
        "[[levels]]",
        "key = 'a'  # trailing",
        'name.en = "A"',
        'condition = """',
        "$answers >= \\",
        '    500 || $chats\\r\\t>= 1"""',
        "[[levels]]",
        'key = "b"',
        'name = { en = "B", ru = "Б" }',
        "condition = '''$a ''",
        " >= 1'''",
        "[levels.extra]",
        'list = [ "x", # comment',
        '  \'y\', """z""" ]',
        "[[badges]]",
        'rule = { type = "threshold", condition = "\\"$a\\" \\U0001F600" }',
        "[badges.more]",
        'deep = [[{ x = "1" }], ["2"]]',
        "",
    ]
)


def test_hand_written_toml() -> None:
    text = HAND_WRITTEN_TOML.replace("\n", "\r\n")
    for source in (HAND_WRITTEN_TOML, text):
        found = scan_toml(source)
        _agrees(found, tomllib.loads(source), source)
        paths = [item.key_path for item in found if item.text is not None]
        assert "levels[1].extra.list[2]" in paths
        assert "badges[0].rule.condition" in paths
        assert "badges[0].more.deep[0][0].x" in paths


@given(st.text(max_size=80))
def test_scanners_never_raise(text: str) -> None:
    for scan in (scan_toml, scan_json):
        for item in scan(text):
            assert 0 <= item.start <= item.end <= len(text)
    for kind in ("toml", "json", "formula"):
        for problem in file_problems(text, kind, checker("en")):
            assert 0 <= problem.start <= problem.end <= len(text)


@given(st.data())
def test_broken_documents_never_raise(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from([HAND_WRITTEN_TOML, json.dumps({"levels": [{"a": "\\"}]})]))
    cut = data.draw(st.integers(0, len(text)))
    inserted = data.draw(st.sampled_from(['"', "'", "[", "{", "\\", "\n", "=", "]", "", "#"]))
    broken = text[:cut] + inserted + text[cut + data.draw(st.integers(0, 3)) :]
    for kind in ("toml", "json"):
        for problem in file_problems(broken, kind, checker("en")):
            assert 0 <= problem.start <= problem.end <= len(broken)


def test_escaping_completions_into_strings() -> None:
    assert escape_for("basic", '$a "b" \\') == '$a \\"b\\" \\\\'
    assert escape_for("json", "$chats") == "$chats"
    assert escape_for("literal", "it's") is None
    assert escape_for("none", "x") == "x"


def test_key_paths_read_back() -> None:
    assert key_path_parts('levels[3]."a b".c[0]') == ("levels", 3, "a b", "c", 0)
    assert key_path_parts("") == ()
