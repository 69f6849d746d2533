"""``agentlevels badges``: the sample team, files, locales, JSON output and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentlevels import Badge, ThresholdRule, dump_badges
from agentlevels.cli import main


def test_sample_team_prints_winners_with_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["badges", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "Badges for 20 agents over windows 1d, 7d" in out
    assert "Coffee Lover" in out
    assert "jonas, rasa" in out  # the sample's tie
    assert "Cleaner" in out
    assert "chars  ilze" in out  # Novelist's value shows its unit


def test_locale_and_seed_are_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["badges", "--seed", "4", "--locale", "ru"]) == 0
    first = capsys.readouterr().out
    assert main(["badges", "--seed", "4", "--locale", "ru"]) == 0
    assert capsys.readouterr().out == first
    assert "Чистильщик" in first
    assert main(["badges", "--seed", "4", "--locale", "lv"]) == 0
    assert "Apkopējs" in capsys.readouterr().out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["badges", "--seed", "1", "--json"]) == 0
    awards = json.loads(capsys.readouterr().out)
    cleaner = next(a for a in awards if a["badge"] == "cleaner")
    assert cleaner["window"] == "7d"
    assert isinstance(cleaner["value"], int)


def test_windows_and_badges_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    windows = tmp_path / "windows.json"
    windows.write_text(
        json.dumps({"7d": {"x": {"chats": 120}, "y": {"chats": 80}}}), encoding="utf-8"
    )
    badges = tmp_path / "badges.toml"
    hundred = Badge("chats_100", "Hundred Chats", rule=ThresholdRule("$chats >= 100"))
    dump_badges([hundred], badges)
    assert main(["badges", str(windows), "--badges", str(badges)]) == 0
    out = capsys.readouterr().out
    assert "Hundred Chats" in out
    assert "met" in out
    assert "x" in out.splitlines()[-1]


def test_nothing_awarded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    windows = tmp_path / "windows.json"
    windows.write_text(json.dumps({"7d": {"x": {"chats": 1}}}), encoding="utf-8")
    badges = tmp_path / "badges.json"
    dump_badges([Badge("b", "B", rule=ThresholdRule("$chats >= 100"))], badges)
    assert main(["badges", str(windows), "--badges", str(badges)]) == 0
    assert "No badge was awarded." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"7d": {}}, "needs window '1d'"),
        ({"7d": {"a": {}}, "1d": {"a": {}}}, "lacks metric"),
        ({"7d": {"a": {"transferred_tickets": "many"}}, "1d": {}}, "must be"),
    ],
)
def test_bad_windows_exit_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, message: str
) -> None:
    windows = tmp_path / "windows.json"
    windows.write_text(json.dumps(content), encoding="utf-8")
    assert main(["badges", str(windows)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_unreadable_files_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["badges", str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "badges.json"
    bad.write_text('{"badges": [{"key": "b"}]}', encoding="utf-8")
    assert main(["badges", "--badges", str(bad)]) == 1
    assert "badges[0]" in capsys.readouterr().err


def test_a_misspelt_key_gets_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "badges.toml"
    bad.write_text(
        '[[badges]]\nkey = "b"\nname = "B"\nwindw = "7d"\n'
        'rule = { type = "threshold", condition = "true" }\n',
        encoding="utf-8",
    )
    assert main(["badges", "--badges", str(bad)]) == 1
    assert capsys.readouterr().err == (
        f"agentlevels badges: error: {bad}: badges[0].windw: "
        "unknown key 'windw'; did you mean 'window'?\n"
    )


def test_a_windows_file_with_a_duplicate_key_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    windows = tmp_path / "windows.json"
    windows.write_text('{"7d": {"a": {"chats": 1, "chats": 2}}}', encoding="utf-8")
    assert main(["badges", str(windows)]) == 1
    assert f"{windows}: 7d.a.chats: duplicate key 'chats'" in capsys.readouterr().err


def test_russian_values_group_thousands_with_a_space(capsys: pytest.CaptureFixture[str]) -> None:
    # `21,616` reads as a decimal in Russian; the value is 21 616 seconds.
    assert main(["badges", "--seed", "1", "--locale", "ru"]) == 0
    out = capsys.readouterr().out
    assert "21\u00a0616 с" in out
    assert "2314 симв." in out
    assert "21,616" not in out
    assert main(["badges", "--seed", "1"]) == 0
    assert "21,616 s" in capsys.readouterr().out
