"""Every example in docs/ (its translations in docs/ru/ too) and the README runs:
``>>>`` ones and docstrings as doctests, JSON and TOML blocks parse (and load, when
they are a scheme, a badge set, a routing state or a catalog), shell blocks run
through the CLI's ``main()`` with the output they show compared."""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import pkgutil
import re
import shlex
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import agentlevels
from agentlevels import LevelScheme
from agentlevels._badges.files import badges_from_dict
from agentlevels._documents import dumps_document, parse_document
from agentlevels._language.catalog_files import catalog_from_dict
from agentlevels._levels.document import levels_from_dict
from agentlevels.cli import main
from agentlevels.routing import RoutingState

DOCS = Path(__file__).resolve().parent.parent / "docs"
# The English pages, then their translations (docs/ru/ ...): every example runs in each.
PAGES = sorted(DOCS.glob("*.md")) + sorted(DOCS.glob("*/*.md"))


def page_name(page: Path) -> str:
    """The page's path under docs/ (``language.md``, ``ru/language.md``), or ``README.md``."""
    return page.relative_to(DOCS).as_posix() if page.is_relative_to(DOCS) else page.name


def _globals() -> dict[str, object]:
    namespace: dict[str, object] = {}
    exec(
        "import agentlevels\nfrom agentlevels import *\nfrom agentlevels import nodes, presets",
        namespace,
    )
    return namespace


@pytest.mark.parametrize("page", PAGES, ids=[page_name(page) for page in PAGES])
def test_examples_in_docs(page: Path) -> None:
    # The ```python blocks of a page run in order and share their names.
    blocks = re.findall(r"^```(?:python|pycon)\n(.*?)^```", page.read_text("utf-8"), re.M | re.S)
    text = "\n".join(blocks)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, _globals(), page_name(page), str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, (
        f"{result.failed} of {result.attempted} examples in {page_name(page)}"
    )


MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(agentlevels.__path__, "agentlevels.")
    if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, globs=_globals() | vars(module)):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name}"


# --- JSON, TOML and shell examples ------------------------------------------------------------

FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.M | re.S)
PAGES_AND_README = [*PAGES, DOCS.parent / "README.md"]


def blocks(language: set[str]) -> list[object]:
    """Every fenced block in ``language`` in docs/ and the README, as pytest params."""
    found: list[Any] = []
    for page in PAGES_AND_README:
        text = page.read_text("utf-8")
        for match in FENCE.finditer(text):
            if match.group(1) in language:
                line = text.count("\n", 0, match.start()) + 1
                found.append(pytest.param(match.group(2), id=f"{page_name(page)}:{line}"))
    return found


def load_data(data: dict[str, Any]) -> None:
    """Load a document the way its kind is loaded: scheme, badge set, routing state, catalog."""
    if "levels" in data:
        LevelScheme(levels_from_dict(data))
    elif "badges" in data:
        badges_from_dict(data)
    elif "operators" in data and "now" in data:
        RoutingState.from_dict(data)
    elif "metrics" in data:
        catalog_from_dict(data)


@pytest.mark.parametrize("text", blocks({"json"}))
def test_json_examples_load(text: str) -> None:
    load_data(parse_document(text, "json"))


@pytest.mark.parametrize("text", blocks({"toml"}))
def test_toml_examples_load(text: str) -> None:
    load_data(parse_document(text, "toml"))


def _sample(name: str) -> str:
    return resources.files("agentlevels").joinpath(f"data/{name}").read_text("utf-8")


def _doc_block(page: str, marker: str) -> str:
    text = (DOCS / page).read_text("utf-8")
    return next((m.group(2) for m in FENCE.finditer(text) if marker in m.group(2)), "")


# The files the shell examples name, with the content their shown output needs.
SHELL_FILES: dict[str, Callable[[], str]] = {
    "team.json": lambda: _sample("sample_team.json"),
    "windows.json": lambda: _sample("sample_windows.json"),
    "held.json": lambda: '{"ann": 3, "ann": 4}',
    "state.json": lambda: '{"now": 1, "operators": [{"id": "a", "lod": 1}]}',
    "my-badges.toml": lambda: _doc_block("badges.md", "[[badges]]"),
    "catalog.toml": lambda: _doc_block("cli.md", "[[metrics]]"),
    "snapshot.json": lambda: '{"answers": 620, "chats": 10, "csat": null}',
    "levels.toml": lambda: dumps_document(agentlevels.presets.levels().to_dict(), "toml"),
}


def commands(text: str) -> list[tuple[str, list[str]]]:
    """The block's commands, each with the output lines shown after it (``$ `` blocks)."""
    prompted = any(line.startswith("$ ") for line in text.splitlines())
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if prompted and line.startswith("$ "):
            found.append((line[2:], []))
        elif prompted and found:
            found[-1][1].append(line)
        elif not prompted and line.strip():
            found.append((line, []))
    return found


def run_command(line: str, stdin: str | None) -> tuple[int, str]:
    """``agentlevels ...`` through main(), stdout and stderr as a terminal shows them."""
    argv = shlex.split(line, comments=True)[1:]
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue() + err.getvalue()


def shows(got: list[str], shown: list[str]) -> bool:
    """Whether the output is what the page shows; a line ``...`` stands for any lines."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if row.strip() == "..." else re.escape(row) + r"\n" for row in shown
    )
    return re.fullmatch(pattern, "".join(row + "\n" for row in got)) is not None


@pytest.mark.parametrize("text", blocks({"sh", "shell", "console", "bash"}))
def test_shell_examples_run(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, content in SHELL_FILES.items():
        (tmp_path / name).write_text(content(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = 0
    for line, shown in commands(text):
        stdin = None
        if "|" in line and line.startswith("echo "):
            # `echo 'FORMULA' | agentlevels ...`: the formula arrives on stdin.
            echoed, line = (part.strip() for part in line.split("|", 1))
            stdin = shlex.split(echoed)[1] + "\n"
        if line.startswith("echo $?"):
            assert shown == [str(code)], line
            continue
        if not line.startswith("agentlevels"):
            continue  # pip, make and the like
        code, output = run_command(line, stdin)
        if shown:
            got = [row.rstrip() for row in output.rstrip("\n").splitlines()]
            assert shows(got, [row.rstrip() for row in shown]), (line, got)
        elif "echo $?" not in text:
            assert code == 0, f"{line}: {output}"


def python_scripts(page: Path) -> list[tuple[int, str]]:
    """The page's ```python blocks that are scripts (no ``>>>``), with their first line."""
    text = page.read_text("utf-8")
    return [
        (text.count("\n", 0, match.start()) + 1, match.group(2))
        for match in FENCE.finditer(text)
        if match.group(1) == "python"
        and ">>>" not in match.group(2)
        # A PySpark job needs Spark: tests/test_sql_spark_jobs.py runs it (make test-spark).
        and "pyspark" not in match.group(2)
    ]


SCRIPT_PAGES = [page for page in PAGES_AND_README if python_scripts(page)]


@pytest.mark.parametrize("page", SCRIPT_PAGES, ids=[page_name(page) for page in SCRIPT_PAGES])
def test_python_scripts_in_docs_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's script blocks run in order, sharing their names, in an empty directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config").mkdir()
    agentlevels.dump_scheme(agentlevels.presets.levels(), tmp_path / "config" / "levels.toml")
    namespace = _globals()
    # What the pages leave to the reader's application: sending and logging.
    namespace["notify"] = namespace["log_level_reached"] = lambda *_: None
    for line, script in python_scripts(page):
        code = compile(script, f"{page_name(page)}:{line}", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, namespace)
