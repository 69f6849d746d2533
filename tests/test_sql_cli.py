"""``agentlevels sql``: a formula's expression, or a level scheme's query over a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentlevels import load_scheme
from agentlevels.cli import main

pytest.importorskip("sqlglot", reason="the SQL backend needs sqlglot (pip install -e '.[test]')")


def test_prints_the_expression(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "$answers >= 500 || $chats >= 500", "--dialect", "postgres"]) == 0
    assert capsys.readouterr().out == '"answers" >= 500 OR "chats" >= 500\n'


def test_met_form_and_columns(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sql", "$answers >= 1", "--met", "--column", "$answers=t.total"])
    assert code == 0
    assert capsys.readouterr().out == "COALESCE(t.total >= 1, FALSE)\n"


def test_number_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "$answers / $worktime", "--kind", "number", "--dialect", "duckdb"]) == 0
    assert "ISFINITE" in capsys.readouterr().out


def test_bad_formula_shows_the_diagnostic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "$answer >= 1"]) == 1
    assert "did you mean" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [["--dialect", "nope"], ["--column", "answers"], ["--column", "answers=SELECT 1"]],
)
def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> None:
    assert main(["sql", "$answers >= 1", *arguments]) == 2
    assert capsys.readouterr().err


SCHEME_TOML = """
[[levels]]
key = "rookie"
name = "Rookie"
condition = "$answers >= 10 || $chats >= 10"

[[levels]]
key = "pro"
name = "Pro"
condition = "($answers >= 1000 || $chats >= 1000) && $rewards >= 10"
"""


def test_scheme_query_over_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "levels.toml"
    path.write_text(SCHEME_TOML, "utf-8")
    arguments = ["sql", "--scheme", str(path), "--dialect", "spark", "--table", "metrics"]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # one query, on one line
    assert out.startswith("SELECT `ranked`.*, CASE `ranked`.`level_rank` WHEN 1 THEN 'rookie'")
    assert "FROM metrics" in out
    assert out.strip() == load_scheme(path).to_sql("metrics", dialect="spark")


def test_scheme_query_with_held_levels_and_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "levels.toml"
    path.write_text(SCHEME_TOML, "utf-8")
    arguments = ["sql", "--scheme", str(path), "--table", "warehouse.metrics"]
    arguments += ["--current-level-column", "held_rank", "--column", "answers=m_answers"]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "COALESCE((held_rank), 0)" in out
    assert "m_answers >= 10" in out
    assert "FROM warehouse.metrics" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "FORMULA"),
        (["$answers > 1", "--scheme", "levels.toml", "--table", "t"], "not both"),
        (["--scheme", "levels.toml"], "--table"),
        (["--scheme", "levels.toml", "--table", "t", "--met"], "--met"),
        (["$answers > 1", "--table", "t"], "--scheme"),
        (["--scheme", "levels.toml", "--table", "t; DROP TABLE t"], "table"),
    ],
)
def test_scheme_usage_errors_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    (tmp_path / "levels.toml").write_text(SCHEME_TOML, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["sql", *arguments]) == 2
    assert message in capsys.readouterr().err


def test_bad_scheme_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "levels.toml"
    path.write_text('[[levels]]\nkey = "x"\nname = "X"\ncondition = "$answer > 1"\n', "utf-8")
    assert main(["sql", "--scheme", str(path), "--table", "t"]) == 1
    assert "did you mean" in capsys.readouterr().err
