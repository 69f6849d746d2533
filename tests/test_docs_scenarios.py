"""The scenario examples of docs/testing.md are real files, and they run as the page says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from agentlevels import SchemeFileError, load_scheme, run_scenarios
from agentlevels._documents import load_document, parse_document
from agentlevels._scenarios.cases import load_scenarios

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "testing.md"
EXAMPLES = ROOT / "docs" / "examples"


def _toml_blocks() -> list[str]:
    return re.findall(r"^```toml\n(.*?)^```", PAGE.read_text("utf-8"), re.M | re.S)


def test_every_toml_block_is_an_example_file() -> None:
    blocks = _toml_blocks()
    assert len(blocks) == 3
    for block in blocks:
        first = block.splitlines()[0]
        match = re.match(r"# (docs/examples/[\w.-]+):", first)
        assert match, f"a TOML example names its file on its first line: {first!r}"
        assert (ROOT / match.group(1)).read_text("utf-8") == block


def test_the_example_files_load() -> None:
    load_scheme(EXAMPLES / "levels.toml")
    load_scheme(EXAMPLES / "levels-proposed.toml")
    for path in EXAMPLES.glob("*.scenarios.toml"):
        load_scenarios(path)
    json.loads((EXAMPLES / "team.json").read_text("utf-8"))


def test_the_examples_run_as_the_page_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = run_scenarios(["docs/examples"])
    assert (len(run.results), len(run.failed), len(run.errors)) == (13, 0, 0)
    table = run.coverage.table()
    assert table in PAGE.read_text("utf-8")
    levels = next(s for s in run.coverage.subjects if s.endswith("levels.toml"))
    assert all(row.met == 4 for c in run.coverage.subjects[levels] for row in c.atoms())


def test_the_schema_lists_every_key_the_reader_accepts() -> None:
    from agentlevels._scenarios.cases import _CASE_KEYS, ERROR_CODES

    schema = json.loads((ROOT / "docs" / "scenarios.schema.json").read_text("utf-8"))
    defs = schema["$defs"]
    assert set(defs["levelCase"]["properties"]) == {"name", *_CASE_KEYS["levels"]}
    assert set(defs["badgeCase"]["properties"]) == {"name", *_CASE_KEYS["badges"]}
    assert defs["errorCode"]["enum"] == list(ERROR_CODES)
    assert set(defs["levelFile"]["properties"]) == {
        "version",
        "scheme",
        "preset",
        "defaults",
        "case",
    }
    assert set(defs["badgeFile"]["properties"]) == {
        "version",
        "badges",
        "preset",
        "seed",
        "defaults",
        "case",
    }


SCENARIO_FILES = sorted(
    [*EXAMPLES.glob("*.scenarios.toml"), *(ROOT / "src/agentlevels/presets").glob("*.scenarios.*")]
)


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "docs" / "scenarios.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda path: path.name)
def test_every_scenario_file_shipped_is_valid_under_the_schema(path: Path) -> None:
    _validator().validate(load_document(path))


@pytest.mark.parametrize(
    "text",
    [
        'preset = "levels"\n[[case]]\nname = "x"\nexpect = 3',
        'preset = "levels"\n[[case]]\nname = "x"',
        'preset = "levels"\n[[case]]\nname = "x"\nexpekt = "novice"',
        'preset = "levels"\nversion = 2',
        'preset = "routing"',
        'preset = "levels"\nscheme = "levels.toml"',
        'preset = "badges"\n[[case]]\nname = "x"\nexpect_error = "boom"',
        'preset = "badges"\n[[case]]\nname = "x"\nsnapshot = {}\nexpect = {}',
    ],
)
def test_what_the_reader_refuses_the_schema_refuses(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.scenarios.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemeFileError):
        load_scenarios(path)
    assert not _validator().is_valid(parse_document(text, "toml"))
