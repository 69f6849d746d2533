"""Scenario files: reading, running, coverage arithmetic, reports and the CLI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from agentlevels import DEFAULT_CATALOG, Catalog, Metric, SchemeFileError, compile
from agentlevels._scenarios.cases import load_scenarios
from agentlevels._scenarios.coverage import ClauseCoverage, ConditionCoverage
from agentlevels._scenarios.reports import json_report, junit_xml, text_report
from agentlevels._scenarios.runner import run_scenarios
from agentlevels.cli import main

SCHEME = """
[[levels]]
key = "novice"
name = "Novice"
condition = "true"

[[levels]]
key = "regular"
name = { en = "Regular", ru = "Завсегдатай" }
condition = "$answers >= 100 || $chats >= 100"
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    _write(tmp_path, "levels.toml", SCHEME)
    return tmp_path


GOOD = """
scheme = "levels.toml"
[defaults]
answers = 0
chats = 0
[[case]]
name = "answers make a regular"
snapshot = { answers = 100 }
expect = "regular"
[[case]]
name = "an unknown count keeps a novice"
unknown = ["chats"]
expect = "novice"
expect_why = { locale = "ru", contains = "chats: нет данных" }
"""

BAD = """
scheme = "levels.toml"
[[case]]
name = "chats make a regular"
snapshot = { answers = 0, chats = 99 }
expect = "regular"
[[case]]
name = "a missing metric"
absent = ["chats"]
expect = "novice"
[[case]]
name = "an error that does not come"
snapshot = { answers = 1, chats = 1 }
expect_error = "missing-metric"
[[case]]
name = "progress"
snapshot = { answers = 40, chats = 0 }
expect_progress = { contains = "70 more answers" }
"""


def test_a_level_file_is_read_with_defaults_unknowns_and_absent_metrics(folder: Path) -> None:
    file = load_scenarios(_write(folder, "a.scenarios.toml", GOOD))
    assert file.kind == "levels"
    assert file.subject == str((folder / "levels.toml").resolve())
    first, second = file.cases
    assert first.snapshot == {"answers": 100, "chats": 0}  # type: ignore[union-attr]
    assert second.snapshot == {"answers": 0, "chats": None}  # type: ignore[union-attr]
    bad = load_scenarios(_write(folder, "b.scenarios.toml", BAD))
    assert "chats" not in bad.cases[1].snapshot  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('preset = "levels"\n[[case]]\nname = "x"\nexpect = 3', "case[0].expect"),
        ('preset = "levels"\n[[case]]\nname = "x"', "case[0]: a case needs"),
        ('preset = "levels"\n[[case]]\nname = "x"\nexpekt = "novice"', "case[0].expekt"),
        ('preset = "levels"\nversion = 2', "version: unsupported version 2"),
        ('preset = "routing"', "preset: the preset is"),
        ("answers = 1", "a scenario file names what it tests"),
        ('preset = "levels"\n[[case]]\nname = "x"\nexpect_error = "boom"', "unknown error code"),
        (
            'preset = "levels"\n[[case]]\nname = "x"\nexpect = ""\n'
            '[[case]]\nname = "x"\nexpect = ""',
            "case[1].name: case name 'x' is used twice",
        ),
        ('scheme = "nowhere.toml"', "nowhere.toml: cannot read the file"),
    ],
)
def test_a_bad_file_is_located_by_key_path(folder: Path, text: str, where: str) -> None:
    path = _write(folder, "bad.scenarios.toml", text)
    with pytest.raises(SchemeFileError) as caught:
        load_scenarios(path)
    assert where in str(caught.value)


def test_the_runner_reports_each_failure_with_its_reason(folder: Path) -> None:
    _write(folder, "good.scenarios.toml", GOOD)
    _write(folder, "bad.scenarios.toml", BAD)
    run = run_scenarios([folder])
    assert [(r.name, r.status) for r in run.results] == [
        ("chats make a regular", "failed"),
        ("a missing metric", "failed"),
        ("an error that does not come", "failed"),
        ("progress", "failed"),
        ("answers make a regular", "passed"),
        ("an unknown count keeps a novice", "passed"),
    ]
    messages = [r.message for r in run.failed]
    assert messages[0] == (
        "expected level 'regular', reached 'novice'\n"
        "Novice: no condition\nnot Regular: answers 0 < 100 and chats 99 < 100"
    )
    assert messages[1].startswith("expected no error, got error 'missing-metric': ")
    assert messages[2] == "expected error 'missing-metric', but the level reached is 'novice'"
    assert messages[3].startswith("expected the progress text to contain '70 more answers'")
    assert run.exit_code() == 1
    text = text_report(run, coverage=True)
    assert "bad.scenarios.toml::progress FAILED" in text
    assert text.endswith(f"==== 4 failed, 2 passed in {run.seconds:.2f}s ====")


def test_file_errors_make_exit_code_two_and_other_files_still_run(folder: Path) -> None:
    _write(folder, "good.scenarios.toml", GOOD)
    _write(folder, "broken.scenarios.json", "{")
    run = run_scenarios([folder])
    assert len(run.results) == 2
    assert len(run.errors) == 1
    assert run.exit_code() == 2
    assert "1 error" in text_report(run)


def test_badge_files(tmp_path: Path) -> None:
    text = """
preset = "badges"
[[case]]
name = "cleaner"
[case.windows.7d]
ann = { resolved_tickets = 5, deleted_tickets = 0 }
bob = { resolved_tickets = 7, deleted_tickets = 0 }
[case.expect]
cleaner = ["ann"]
rewarded = []
nope = []
"""
    run = run_scenarios([_write(tmp_path, "b.scenarios.toml", text)])
    assert run.failed[0].message == (
        "badge 'cleaner': expected ann, won by bob\nno badge has key 'nope'"
    )


def test_coverage_arithmetic_for_a_chain() -> None:
    condition = ConditionCoverage(
        "master", compile("($a >= 10 || $b >= 10) && $r >= 1", catalog=_catalog())
    )
    cases = {
        "a": {"a": 10, "b": 0, "r": 1},  # a true and deciding, condition true
        "a short": {"a": 9, "b": 0, "r": 1},  # a false and deciding, condition false
        "r short": {"a": 10, "b": 0, "r": 0},  # r false and deciding
        "both": {"a": 10, "b": 10, "r": 1},  # neither a nor b decides alone
        "unknown": {"a": None, "b": None, "r": None},
    }
    for name, snapshot in cases.items():
        condition.record(snapshot, name)
    rows = {row.text: row for row in condition.atoms()}
    assert rows["$a >= 10"].pair == ("a", "a short")
    assert rows["$b >= 10"].pair is None  # b was never shown to decide on its own
    assert (rows["$b >= 10"].true, rows["$b >= 10"].false, rows["$b >= 10"].unknown) == (
        True,
        True,
        True,
    )
    assert rows["$r >= 1"].pair == ("a", "r short")
    assert [row.met for row in condition.atoms()] == [4, 3, 4]
    coverage = ClauseCoverage()
    (same,) = coverage.conditions(
        "s", [("master", compile("($a >= 10 || $b >= 10) && $r >= 1", catalog=_catalog()))]
    )
    same.merge(condition)
    assert coverage.percent == pytest.approx(100 * 11 / 12)
    condition.record({}, "missing metrics are left out")
    assert condition.atoms()[0].met == 4
    assert ClauseCoverage().percent == 100.0


def _catalog() -> Catalog:
    return DEFAULT_CATALOG.extend([Metric("a"), Metric("b"), Metric("r")])


def test_junit_and_json_reports(folder: Path) -> None:
    _write(folder, "good.scenarios.toml", GOOD)
    _write(folder, "bad.scenarios.toml", BAD)
    _write(folder, "broken.scenarios.json", "{")
    run = run_scenarios([folder])
    root = ElementTree.fromstring(junit_xml(run))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "4", "1")
    suites = root.findall("testsuite")
    assert [s.get("tests") for s in suites] == ["4", "2", "1"]
    failure = suites[0].find("testcase/failure")
    assert failure is not None
    assert failure.get("message") == "expected level 'regular', reached 'novice'"
    data = json_report(run, coverage=True)
    json.dumps(data)
    assert (data["passed"], data["failed"], len(data["errors"])) == (2, 4, 1)
    assert data["coverage"]["goals"] == 8


def test_cli_test_exit_codes_junit_json_and_coverage(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(folder, "good.scenarios.toml", GOOD)
    junit = folder / "out.xml"
    assert main(["test", str(good), "--junit", str(junit), "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "good.scenarios.toml::answers make a regular PASSED" in out
    assert "clause coverage: 5/8 goals, 62.5%" in out
    assert ElementTree.parse(junit).getroot().get("tests") == "2"
    assert main(["test", str(good), "--fail-under", "80"]) == 1
    assert "below 80%" in capsys.readouterr().err
    assert main(["test", str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] == 2
    _write(folder, "bad.scenarios.toml", BAD)
    assert main(["test", str(folder)]) == 1
    _write(folder, "broken.scenarios.json", "{")
    assert main(["test", str(folder)]) == 2
    assert main(["test", str(folder / "nowhere")]) == 2
    empty = folder / "empty"
    empty.mkdir()
    assert main(["test", str(empty)]) == 2
    capsys.readouterr()


def test_cli_why_and_diff(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = _write(
        folder, "ann.json", '{"answers": 320, "chats": 140, "rewards": 0, "punishments_p": null}'
    )
    assert main(["why", "--snapshot", str(snapshot), "--locale", "ru"]) == 0
    assert "не Профессионал: answers 320 < 500 и chats 140 < 500" in capsys.readouterr().out
    assert main(["why", "--snapshot", str(snapshot), "--current", "7"]) == 0
    assert capsys.readouterr().out.startswith("Master: held already")
    assert main(["why"]) == 2
    piped = _write(
        folder, "ann.snapshot", '{"answers": 3, "chats": 0, "rewards": 0, "punishments_p": 1}'
    )
    assert main(["why", "--snapshot", str(piped)]) == 0
    assert capsys.readouterr().out.startswith("Novice: no condition\nnot Apprentice:")
    windows = _write(
        folder,
        "w.json",
        '{"7d": {"ann": {"resolved_tickets": 3, "deleted_tickets": 0}, '
        '"bob": {"resolved_tickets": 5, "deleted_tickets": 0}}}',
    )
    assert main(["why", "--windows", str(windows), "--agent", "ann"]) == 1
    out = capsys.readouterr().out
    assert "not Cleaner: value 3 below the winner's 5 (bob)" in out
    assert "Siesta: error: snapshot lacks metric 'break_seconds'" in out
    assert main(["why", "--windows", str(windows)]) == 2
    team = _write(
        folder,
        "team.json",
        '{"ann": {"answers": 150, "chats": 0}, "bob": {"answers": 5, "chats": 0}}',
    )
    stricter = _write(folder, "stricter.toml", SCHEME.replace(">= 100", ">= 200"))
    assert main(["diff", str(folder / "levels.toml"), str(stricter), "--team", str(team)]) == 0
    assert "  ann: regular -> novice" in capsys.readouterr().out
    current = _write(folder, "current.json", '{"ann": "regular"}')
    args = ["diff", str(folder / "levels.toml"), str(stricter), "--team", str(team)]
    assert main([*args, "--current", str(current), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []
    sample = Path(__file__).parent.parent / "src/agentlevels/data/sample_windows.json"
    args = ["diff", "preset:badges", "preset:badges", "--windows", str(sample)]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("0 of 15 badges")
    assert main(["diff", "a", "b"]) == 2
    assert main(["diff", str(folder / "nowhere.toml"), str(stricter), "--team", str(team)]) == 2
    capsys.readouterr()


def test_failure_messages_in_russian(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(folder, "bad.scenarios.toml", BAD)
    run = run_scenarios([folder], locale="ru")
    messages = [r.message for r in run.failed]
    assert messages[0] == (
        "ожидался уровень 'regular', получен 'novice'\n"
        "Novice: без условий\nне Завсегдатай: answers 0 < 100 и chats 99 < 100"
    )
    assert messages[1].startswith("ошибка не ожидалась, получена ошибка 'missing-metric': ")
    assert messages[2] == "ожидалась ошибка 'missing-metric', но получен уровень 'novice'"
    assert messages[3].startswith("текст прогресса должен содержать '70 more answers'")
    assert main(["test", str(folder), "--locale", "ru"]) == 1
    assert "ожидался уровень 'regular'" in capsys.readouterr().out
    text = """
preset = "badges"
[[case]]
name = "cleaner"
[case.windows.7d]
ann = { resolved_tickets = 5, deleted_tickets = 0 }
[case.expect]
cleaner = []
nope = ["ann"]
"""
    run = run_scenarios([_write(folder, "b.scenarios.toml", text)], locale="ru")
    assert run.failed[0].message == (
        "значок 'cleaner': ожидались никто, получил ann\nнет значка с ключом 'nope'"
    )
