"""Every command line failure: one line on stderr and the documented exit code.

The table is in docs/cli.md: 0 done, 1 the input has problems, 2 the
command line is wrong, 3 an internal error.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from agentlevels import check
from agentlevels.cli import main
from agentlevels.cli.failures import escape

# Each command that reads a file, with the arguments that make it read PATH.
FILE_COMMANDS = {
    "levels (team)": ["levels", "{path}"],
    "levels --scheme": ["levels", "--scheme", "{path}"],
    "levels --current": ["levels", "--current", "{path}"],
    "presets --scheme": ["presets", "--scheme", "{path}"],
    "badges (windows)": ["badges", "{path}"],
    "badges --badges": ["badges", "--badges", "{path}"],
    "route": ["route", "{path}"],
    "eval --snapshot": ["eval", "$answers > 1", "--snapshot", "{path}"],
}

BAD_FILES = {
    "missing": None,
    "syntax": "{",
    "duplicate key": '{"a": {}, "a": {}}',
    "not an object": "[1, 2]",
    "NaN": '{"a": NaN}',
    "not UTF-8": b'{"a": "\xff"}',
    "deeply nested": "[" * 100_000 + "]" * 100_000,
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(err: str) -> str:
    assert err.endswith("\n"), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert "\x1b" not in err
    return err


@pytest.mark.parametrize("bad", list(BAD_FILES))
@pytest.mark.parametrize("command", list(FILE_COMMANDS))
def test_a_bad_file_is_the_same_failure_in_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, bad: str
) -> None:
    path = tmp_path / "input.json"
    content = BAD_FILES[bad]
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    argv = [part.format(path=path) for part in FILE_COMMANDS[command]]
    code, out, err = run(capsys, *argv)
    assert code == 1, err
    assert out == ""
    name = argv[0]
    assert one_line(err).startswith(f"agentlevels {name}: error: ")
    assert str(path) in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_file_that_never_ends_is_refused_after_a_bounded_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "endless.json"
    link.symlink_to("/dev/zero")
    code, _, err = run(capsys, "eval", "$answers > 1", "--snapshot", str(link))
    assert code == 1
    assert "larger than the limit" in one_line(err)


def numeric_leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from numeric_leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from numeric_leaves(value, (*path, index))
    elif isinstance(data, int | float) and not isinstance(data, bool):
        yield path


def sample_state() -> dict[str, Any]:
    text = resources.files("agentlevels").joinpath("data/sample_state.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize("replacement", ["true", "NaN", "Infinity", "-Infinity", "1e999"])
def test_route_refuses_every_non_number_in_place_of_a_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, replacement: str
) -> None:
    """Each number of the sample state in turn: never a traceback, always code 1."""
    state = sample_state()
    leaves = list(numeric_leaves(state))
    assert len(leaves) > 20
    path = tmp_path / "state.json"
    for leaf in leaves:
        changed = json.loads(json.dumps(state))
        target = changed
        for part in leaf[:-1]:
            target = target[part]
        target[leaf[-1]] = "@@"
        path.write_text(json.dumps(changed).replace('"@@"', replacement), encoding="utf-8")
        code, out, err = run(capsys, "route", str(path))
        assert code == 1, (leaf, err)
        assert out == ""
        assert one_line(err).startswith(f"agentlevels route: error: {path}: ")


def test_usage_errors_are_one_line_with_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        [],
        ["nosuch"],
        ["check"],
        ["check", "$answers > 1", "--kind", "text"],
        ["levels", "--nosuch"],
        ["sql", "$answers > 1", "--column", "answers"],
        ["sql", "$answers > 1", "--dialect", "nosuch"],
        ["sql", "$answers > 1", "--column", "answers='unterminated"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert out == ""
        assert one_line(err).startswith("agentlevels"), argv


def test_a_formula_with_errors_is_code_1_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["check", "$answer > 1"], ["format", "$a +"], ["sql", "$answer > 1"]):
        code, _, err = run(capsys, *argv)
        assert code == 1, argv
        assert "error[" in one_line(err)
    code, _, err = run(capsys, "eval", "$answer > 1", "--snapshot", "/nonexistent")
    assert code == 1
    assert "did you mean" in one_line(err)


def test_internal_errors_are_one_line_with_code_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from agentlevels.cli import formula

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(formula, "format_formula", broken)
    code, _, err = run(capsys, "format", "$answers")
    assert code == 3
    assert "internal error" in one_line(err)
    assert "please report" in err


# --- what reaches the terminal ---------------------------------------------------------------


def test_control_characters_are_shown_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "$answers > 1 \x1b[31m\x07")
    assert code == 1
    assert "\x1b" not in out
    assert "\x07" not in out
    # The report shows them as their Unicode pictures, which keep the caret in place.
    assert "\u241b[31m\u2407" in out


def test_control_characters_in_the_levels_table_are_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    team = tmp_path / "team.json"
    text = resources.files("agentlevels").joinpath("data/sample_team.json").read_text("utf-8")
    snapshot = next(iter(json.loads(text).values()))
    team.write_text(json.dumps({"anna\x1b[2J": snapshot}), encoding="utf-8")
    code, out, _ = run(capsys, "levels", str(team))
    assert code == 0
    assert "\x1b" not in out
    assert "anna\\x1b[2J" in out


def test_escape_keeps_text_and_shows_controls_and_bad_bytes() -> None:
    assert escape("plain, кириллица\nnext") == "plain, кириллица\nnext"
    assert escape("a\x1bb\x00\x9b") == "a\\x1bb\\x00\\x9b"
    assert escape("bad \udcff byte") == "bad \\xff byte"
    assert escape("one\nline", keep_newlines=False) == "one\\nline"


def test_an_argument_that_is_not_utf8_is_shown_not_a_crash() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for command in (["check"], ["format"], ["sql"]):
        result = subprocess.run(
            [sys.executable, "-m", "agentlevels", *command, b"$answers > \xff"],
            capture_output=True,
            env=env,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr
        shown = result.stdout + result.stderr
        assert b"\\xff" in shown or b"U+DCFF" in shown


# --- new options ---------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("agentlevels ")


def test_check_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("$answers   >= 500\n"))
    assert run(capsys, "check", "-") == (0, "ok: $answers >= 500\n", "")
    monkeypatch.setattr(sys, "stdin", io.StringIO("$answers   >= 500\n"))
    assert run(capsys, "format", "-") == (0, "$answers >= 500\n", "")


def test_double_dash_ends_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--", "-$nps > 5") == (0, "ok: -$nps > 5\n", "")
    assert run(capsys, "format", "--", "-$nps>5") == (0, "-$nps > 5\n", "")


def test_postgresql_is_postgres(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sqlglot")
    postgres = run(capsys, "sql", "$answers / 2 > 1", "--dialect", "postgres")
    assert run(capsys, "sql", "$answers / 2 > 1", "--dialect", "postgresql") == postgres
    assert "DOUBLE PRECISION" in postgres[1]


def test_shell_mangled_formula_shows_the_library_hint(capsys: pytest.CaptureFixture[str]) -> None:
    """What the shell leaves of "$answers > 5": the CLI shows every hint check() gives."""
    for mangled in (" > 5", " >= 500 &&  > 2"):
        hints = [d.hint for d in check(mangled).diagnostics if d.hint]
        assert hints
        _, out, err = run(capsys, "check", mangled)
        for hint in hints:
            assert hint in out
            assert hint in err


@pytest.mark.parametrize("command", ["levels", "badges", "metrics"])
def test_json_output(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, err = run(capsys, command, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    if command == "metrics":  # Catalog.to_dict(): the locale, and the metrics
        assert set(data) == {"locale", "metrics"}
        data = data["metrics"]
    assert isinstance(data, list)
    assert data
    if command == "levels":
        assert {"place", "agent", "level", "rank", "next", "progress", "missing"} <= set(data[0])
    if command == "metrics":
        keys = {"name", "type", "unit", "minimum", "maximum", "integer", "description"}
        assert keys == set(data[0])


def test_snapshot_problems_are_told_in_json_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text('{"answers": "96"}', encoding="utf-8")
    code, _, err = run(capsys, "eval", "$answers / $worktime > 1", "--snapshot", str(snapshot))
    assert code == 1
    assert "None" not in one_line(err)
    assert "use null for unknown" in err
    snapshot.write_text('{"answers": true, "worktime": 8}', encoding="utf-8")
    code, _, err = run(capsys, "eval", "$answers / $worktime > 1", "--snapshot", str(snapshot))
    assert code == 1
    assert "None" not in one_line(err)
    assert "or null for unknown, not true" in err
