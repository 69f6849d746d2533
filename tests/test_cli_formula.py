"""The formula commands: check, format, eval, metrics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from agentlevels.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "($answers>=500)||($chats>=500)")
    assert code == 0
    assert out == "ok: $answers >= 500 || $chats >= 500\n"


def test_check_prints_every_problem_with_carets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "$answers >= 500 and chats >= 500")
    assert code == 1
    assert "error[word-operator] at 1:17" in out
    assert "                 ^^^" in out
    assert "hint: variables start with `$`: did you mean `$chats`?" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--json", "$answer >= 1")
    report = json.loads(out)
    assert code == 1
    assert report["ok"] is False
    assert report["diagnostics"][0]["code"] == "unknown-variable"
    assert report["diagnostics"][0]["column"] == 1


def test_check_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--locale", "ru", "$answers >= 500 and chats >= 500")
    assert code == 1
    assert "ошибка[word-operator] в 1:17: `and` здесь не оператор" in out
    assert "= подсказка: напишите `&&`" in out
    assert "в формуле 2 ошибки: ошибка[word-operator] в 1:17:" in err


def test_check_json_in_utf16_units(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("check", "--json", "--locale", "ru", "--positions", "utf-16", "$answerz >= 5 😀")
    code, out, _ = run(capsys, *argv)
    report = json.loads(out)
    assert code == 1
    assert (report["locale"], report["positions"]) == ("ru", "utf-16")
    (emoji,) = [d for d in report["diagnostics"] if d["code"] == "unexpected-character"]
    assert (emoji["start"], emoji["end"], emoji["column"], emoji["end_column"]) == (14, 16, 15, 17)
    assert emoji["message"] == "`😀` не входит в язык формул"


def test_check_warnings_alone_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "$rewards_p > 100")
    assert code == 0
    assert "warning[out-of-range]" in out


def test_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "format", "(($a))+1.50") == (0, "$a + 1.5\n", "")
    code, _, err = run(capsys, "format", "$a +")
    assert code == 1
    assert "unexpected-end" in err


def test_eval(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    snapshot = tmp_path / "s.json"
    snapshot.write_text('{"answers": 320, "chats": null}')
    formula = "$answers >= 500 || $chats >= 500"
    assert run(capsys, "eval", formula, "--snapshot", str(snapshot)) == (0, "unknown\n", "")
    snapshot.write_text('{"answers": 600, "chats": null}')
    assert run(capsys, "eval", formula, "--snapshot", str(snapshot))[1] == "true\n"
    code, out, _ = run(
        capsys, "eval", "$answers / 4", "--kind", "number", "--snapshot", str(snapshot)
    )
    assert (code, out) == (0, "150.0\n")


def test_eval_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    snapshot = tmp_path / "s.json"
    snapshot.write_text('{"answers": "many"}')
    code, _, err = run(capsys, "eval", "$answers > 1", "--snapshot", str(snapshot))
    assert code == 1
    assert "'answers'" in err
    code, _, err = run(capsys, "eval", "$answers > 1", "--snapshot", str(tmp_path / "none"))
    assert code == 1  # an unreadable file is a problem with the input, as in every command
    assert "cannot read the file" in err
    snapshot.write_text("{")
    assert run(capsys, "eval", "$answers > 1", "--snapshot", str(snapshot))[0] == 1


def test_metrics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "metrics")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["name", "type", "unit", "range", "description"]
    assert any(line.startswith("$answers_ph ") and "count/hours" in line for line in lines)
    assert "Ответы на тикеты" in run(capsys, "metrics", "--locale", "ru")[1]


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agentlevels", "check", "$answers >= 500"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == "ok: $answers >= 500\n"


def test_eval_reads_the_snapshot_with_the_rules_of_every_data_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    snapshot = tmp_path / "snapshot.txt"  # JSON whatever its name, as before
    snapshot.write_text('{"answers": 600}')
    assert run(capsys, "eval", "$answers > 1", "--snapshot", str(snapshot)) == (0, "true\n", "")
    snapshot.write_text('{"answers": 1, "answers": 600}')
    code, _, err = run(capsys, "eval", "$answers > 1", "--snapshot", str(snapshot))
    assert (code, err) == (
        1,
        f"agentlevels eval: error: {snapshot}: answers: duplicate key 'answers'\n",
    )
