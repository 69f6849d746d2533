"""The scenario examples of docs/testing.md are real files, and they run as the page says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agentlevels import load_scheme, run_scenarios
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
