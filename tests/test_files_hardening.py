"""Data files: every problem in one run, catalog files, the routing state's ``condition``,
and what ``dump_scheme`` leaves out."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import agentlevels
from agentlevels import DEFAULT_CATALOG, Level, LevelScheme, SchemeFileError, presets
from agentlevels._badges.files import load_badges
from agentlevels._language.catalog_files import catalog_from_dict, catalog_to_dict, load_catalog
from agentlevels._levels.files import dump_scheme, load_scheme
from agentlevels.cli import main
from agentlevels.routing import RoutingError, RoutingState

ROOT = Path(__file__).resolve().parent.parent

THREE_BAD_LEVELS = """
[[levels]]
key = "a"
name = "A"
condition = "$x1 > 1"

[[levels]]
key = "b"
name = "B"
condtion = "true"

[[levels]]
key = "c"
name = "C"
condition = "$answers >"
"""

THREE_MISSING_METRICS = """
[[badges]]
key = "a"
name = "A"
rule = { type = "threshold", condition = "$nope1 > 1" }

[[badges]]
key = "b"
name = "B"
rule = { type = "comparative", metric = "$nope2", direction = "most" }

[[badges]]
key = "c"
name = "C"
rule = { type = "threshold", condition = "$nope3 > 1" }
"""


def test_a_scheme_with_three_bad_levels_reports_all_three(tmp_path: Path) -> None:
    path = tmp_path / "scheme.toml"
    path.write_text(THREE_BAD_LEVELS, encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_scheme(path)
    message = str(caught.value)
    assert "3 problems" in message
    assert "levels[0].condition" in message
    assert "$x1" in message
    assert "levels[1].condtion: unknown key 'condtion'; did you mean 'condition'?" in message
    assert "levels[2].condition" in message


def test_a_badge_set_naming_three_missing_metrics_reports_all_three(tmp_path: Path) -> None:
    path = tmp_path / "badges.toml"
    path.write_text(THREE_MISSING_METRICS, encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_badges(path)
    message = str(caught.value)
    for where, name in (("badges[0]", "$nope1"), ("badges[1]", "$nope2"), ("badges[2]", "$nope3")):
        assert where in message
        assert name in message


def test_the_cli_shows_every_problem_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "badges.toml"
    path.write_text(THREE_MISSING_METRICS, encoding="utf-8")
    assert main(["badges", "--badges", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert all(name in err for name in ("$nope1", "$nope2", "$nope3"))


def test_one_problem_keeps_its_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "scheme.toml"
    path.write_text('[[levels]]\nkey = "a"\nname = "A"\ncondition = "$x1 > 1"\n', "utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_scheme(path)
    assert caught.value.key_path == "levels[0].condition"
    assert caught.value.diagnostics


def test_dump_scheme_leaves_out_empty_descriptions(tmp_path: Path) -> None:
    scheme = LevelScheme(
        [
            Level(1, "a", "A"),
            Level(2, "b", "B", description={"en": "Second"}, condition="$answers > 1"),
        ]
    )
    path = tmp_path / "scheme.toml"
    dump_scheme(scheme, path)
    text = path.read_text("utf-8")
    assert 'en = ""' not in text
    assert text.count("description") == 1
    assert load_scheme(path) == scheme


# --- catalog files ---------------------------------------------------------------------------


def test_the_default_catalog_round_trips() -> None:
    assert catalog_from_dict(catalog_to_dict(DEFAULT_CATALOG)) == DEFAULT_CATALOG


def test_a_catalog_file_extends_the_default(tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text(
        '[[metrics]]\nname = "csat"\nunit = "percent"\nmaximum = 100\n'
        '[[metrics]]\nname = "vip"\ntype = "boolean"\n',
        encoding="utf-8",
    )
    catalog = load_catalog(path)
    assert catalog["csat"].maximum == 100
    assert catalog["vip"].type == "boolean"
    assert "answers" in catalog
    alone = catalog_from_dict({"extends": "none", "metrics": [{"name": "csat"}]})
    assert list(alone) == ["csat"]


def test_a_catalog_file_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    data = {"metrics": [{"name": "A"}, {"nme": "x"}, {"name": "ok", "maximum": True}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert "3 problems" in message
    assert "metrics[1].nme: unknown key 'nme'; did you mean 'name'?" in message
    assert "metrics[2].maximum: expected a finite number, found true" in message


def test_check_and_eval_take_a_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps({"metrics": [{"name": "csat", "maximum": 100}]}), "utf-8")
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text('{"csat": 95}', "utf-8")
    assert main(["check", "$csat > 90", "--catalog", str(catalog)]) == 0
    assert main(["eval", "$csat > 90", "--catalog", str(catalog), "--snapshot", str(snapshot)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "true"
    assert main(["check", "$csat > 90"]) == 1
    assert main(["check", "$csat > 90", "--catalog", str(tmp_path / "none.json")]) == 1
    assert "none.json" in capsys.readouterr().err


def test_the_catalog_schema_describes_the_default_catalog() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "catalog.schema.json").read_text("utf-8"))
    jsonschema.validate(catalog_to_dict(DEFAULT_CATALOG), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"metrics": [{"name": "x", "colour": 1}]}, schema)


# --- the routing state's condition -----------------------------------------------------------


def sample() -> dict[str, Any]:
    path = ROOT / "src" / "agentlevels" / "data" / "sample_state.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def test_the_sample_state_says_condition() -> None:
    text = (ROOT / "src" / "agentlevels" / "data" / "sample_state.json").read_text("utf-8")
    assert '"when"' not in text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        RoutingState.from_dict(sample())


def test_when_is_read_with_a_deprecation_warning() -> None:
    old = sample()
    rules = old["policy"]["limits"]["rules"]
    rules[0]["when"] = rules[0].pop("condition")
    old["policy"]["alerts"] = [{"key": "long", "when": "$queue_length > 5"}]
    with pytest.warns(DeprecationWarning, match="'when' is deprecated; write 'condition'"):
        state = RoutingState.from_dict(old)
    new = sample()
    new["policy"]["alerts"] = [{"key": "long", "condition": "$queue_length > 5"}]
    assert state == RoutingState.from_dict(new)


def test_when_and_condition_together_are_refused() -> None:
    data = sample()
    data["policy"]["limits"]["rules"][0]["when"] = "true"
    with pytest.raises(RoutingError, match=r"rules\[0\]\.when"):
        RoutingState.from_dict(data)


def test_a_rule_without_a_condition_names_it() -> None:
    data = sample()
    del data["policy"]["limits"]["rules"][0]["condition"]
    with pytest.raises(RoutingError, match="missing required key 'condition'"):
        RoutingState.from_dict(data)


def test_presets_still_load() -> None:
    assert len(presets.levels()) == 12
    assert agentlevels.DEFAULT_CATALOG
