"""Level schemes as JSON and TOML files: round trips and errors that point into the file."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from agentlevels import LevelScheme, SchemeFileError, dump_scheme, load_scheme, presets
from agentlevels._documents import load_document
from agentlevels._formats import to_toml

SCHEME = presets.levels()
SCHEMA = Path(__file__).parent.parent / "docs" / "level-scheme.schema.json"


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"levels{suffix}"
    dump_scheme(SCHEME, path)
    assert load_scheme(path) == SCHEME
    assert LevelScheme.from_dict(SCHEME.to_dict()) == SCHEME


def test_toml_reads_naturally(tmp_path: Path) -> None:
    path = tmp_path / "levels.toml"
    dump_scheme(SCHEME, path)
    text = path.read_text(encoding="utf-8")
    assert '[[levels]]\nrank = 1\nkey = "novice"\nname = { en = "Novice", ru = "Новичок" }' in text


def test_toml_writer_escapes() -> None:
    data: dict[str, Any] = {
        "a b": 'quote " and \\ and \n and \x01',
        "n": [1, 2.5, True],
        "t": {"x": None, "y": {"z": 1}},
    }
    assert tomllib.loads(to_toml(data)) == {
        "a b": data["a b"],
        "n": [1, 2.5, True],
        "t": {"y": {"z": 1}},
    }


def test_short_forms() -> None:
    scheme = LevelScheme.from_dict(
        {"levels": [{"key": "a", "name": "A", "condition": "true"}, {"key": "b", "name": "B",
                     "condition": "$answers >= 5", "description": "Five answers."}]}
    )  # fmt: skip
    assert [level.rank for level in scheme] == [1, 2]
    assert scheme.level("b").description_in("ru") == "Five answers."


def good() -> dict[str, Any]:
    return SCHEME.to_dict()


def with_level(index: int, **changes: Any) -> dict[str, Any]:
    data = good()
    data["levels"][index].update(changes)
    return data


BAD: list[tuple[Any, str, str]] = [
    ([], "", "expected a table/object"),
    ({}, "", "missing required key 'levels'"),
    ({"levels": [], "version": 1}, "levels", "at least one level"),
    ({"levels": {}, "version": 1}, "levels", "expected a list"),
    ({**good(), "version": 2}, "version", "unsupported version 2"),
    ({**good(), "extra": 1}, "extra", "unknown key 'extra'"),
    (with_level(3, condition="$answers >= 100 &&"), "levels[3].condition", "not a valid"),
    (with_level(3, condition=5), "levels[3].condition", "expected a string"),
    (with_level(3, key="Beginner"), "levels[3].key", "lower-case"),
    (with_level(3, key="novice"), "levels[3].key", "already used"),
    (with_level(3, rank=5), "levels[3].rank", "without gaps"),
    (with_level(3, rank=0), "levels[3].rank", "1 or more"),
    (with_level(3, rank="4"), "levels[3].rank", "expected a whole number"),
    (with_level(3, name={"ru": "Начинающий"}), "levels[3].name", "English"),
    (with_level(3, name=""), "levels[3].name", "must not be empty"),
    (with_level(3, name={"en": 1}), "levels[3].name.en", "expected a string"),
    (with_level(3, colour="red"), "levels[3].colour", "unknown key"),
]


@pytest.mark.parametrize(("data", "key_path", "words"), BAD)
def test_bad_data(data: Any, key_path: str, words: str) -> None:
    with pytest.raises(SchemeFileError) as caught:
        LevelScheme.from_dict(data)
    assert caught.value.key_path == key_path
    assert words in str(caught.value)


def test_bad_file_names_the_file_key_and_formula(tmp_path: Path) -> None:
    path = tmp_path / "levels.json"
    path.write_text(json.dumps(with_level(3, condition="$answer >= 100")), encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_scheme(path)
    error = caught.value
    assert error.path == str(path)
    assert error.key_path == "levels[3].condition"
    assert error.diagnostics[0].code == "unknown-variable"
    text = str(error)
    assert text.startswith(f"{path}: levels[3].condition: ")
    assert "did you mean `$answers`" in text


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("levels.json", '{\n  "levels": [,]\n}', "invalid JSON at line 2, column 14"),
        ("levels.json", '{"levels": 1, "levels": 2}', "duplicate key 'levels'"),
        ("levels.json", '{"levels": NaN}', "NaN"),
        ("levels.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("levels.toml", "levels = [", "invalid TOML"),
        ("levels.yaml", "levels: []", "unsupported file type '.yaml'"),
        ("missing.json", None, "cannot read the file"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: str | None, words: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_scheme(path)
    assert words in str(caught.value)
    assert caught.value.path == str(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "levels.toml"
    path.write_bytes(b"levels = '\xff'")
    with pytest.raises(SchemeFileError, match="not UTF-8"):
        load_document(path)


def test_error_pickles() -> None:
    import pickle

    error = SchemeFileError("bad", path="a.json", key_path="levels[0]")
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.key_path, str(again)) == ("a.json", "levels[0]", str(error))


def test_schema_describes_what_to_dict_writes() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    level = schema["$defs"]["level"]
    assert set(good()) <= set(schema["properties"])
    for entry in good()["levels"]:
        assert set(entry) <= set(level["properties"])
        assert set(level["required"]) <= set(entry)
