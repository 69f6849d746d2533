"""``agentlevels sql``."""

from __future__ import annotations

import pytest

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
