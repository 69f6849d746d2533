"""``agentlevels metrics``: the table in each locale, --json as Catalog.to_dict, --catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentlevels import DEFAULT_CATALOG
from agentlevels.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "metrics", "--locale", "ru")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["имя", "тип", "единица", "измерения", "диапазон", "описание"]
    assert lines[1].split() == [
        "$worktime",
        "число",
        "hours",
        "0..",
        "Отработанное",
        "время,",
        "в",
        "часах",
    ]
    online = next(line for line in lines if line.startswith("$online "))
    assert online.split()[:2] == ["$online", "условие"]
    assert len(lines) == len(DEFAULT_CATALOG) + 1


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_json_is_catalog_to_dict(capsys: pytest.CaptureFixture[str], locale: str) -> None:
    code, out, _ = run(capsys, "metrics", "--json", "--locale", locale)
    assert code == 0
    assert json.loads(out) == DEFAULT_CATALOG.to_dict(locale)


def test_a_catalog_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(
        json.dumps({"extends": "none", "metrics": [{"name": "vip", "type": "boolean"}]}),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "metrics", "--json", "--catalog", str(path))
    assert code == 0
    assert [m["name"] for m in json.loads(out)["metrics"]] == ["vip"]
    path.write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "metrics", "--catalog", str(path))
    assert code == 1
    assert err.startswith("agentlevels metrics: error:")


def test_an_unknown_locale_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "metrics", "--locale", "de")
    assert code == 2
    assert "invalid choice" in err
