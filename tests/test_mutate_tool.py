"""tools/mutate.py (``make mutate``): mutants are stable, named uniquely and each one compiles."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "mutate.py"


@pytest.fixture(scope="module")
def mutate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate_tool", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutate_tool"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_target_exists(mutate: ModuleType) -> None:
    for module in mutate.TARGETS:
        assert mutate.module_path(module).is_file(), module


def test_mutants_are_named_uniquely_and_each_changes_one_thing(mutate: ModuleType) -> None:
    name = "agentlevels._language.ranges"
    mutants = mutate.mutants_of(name)
    assert len(mutants) > 10
    assert len({m.key for m in mutants}) == len(mutants)
    assert mutants == mutate.mutants_of(name)
    source = mutate.module_path(name).read_text("utf-8")
    original = ast.dump(ast.parse(source))
    for mutant in mutants:
        walker = mutate._Mutator(source, mutant.index)
        assert ast.dump(walker.visit(ast.parse(source))) != original, mutant.key
        mutate.mutated_code(name, mutant.index)  # compiles


def test_equivalents_file_lines_have_reasons(mutate: ModuleType) -> None:
    for key, reason in mutate.load_equivalents().items():
        assert key.count(":") >= 2, key
        assert reason, key


def test_a_sample_reaches_every_module_in_proportion(mutate: ModuleType) -> None:
    mutants = [
        mutate.Mutant(module, index, 1, f"{module}:{index}")
        for module, size in [("a", 90), ("b", 9), ("c", 1)]
        for index in range(size)
    ]
    chosen = mutate._select(mutants, 20, 16)
    counts = {m: sum(1 for x in chosen if x.module == m) for m in "abc"}
    assert counts == {"a": 18, "b": 1, "c": 1}
    assert chosen == mutate._select(mutants, 20, 16)
    assert mutate._select(mutants, 200, 16) == mutants


def test_a_mutant_selects_tests_by_its_statement_and_its_lines(mutate: ModuleType) -> None:
    name = "agentlevels.routing.serve"
    source = mutate.module_path(name).read_text("utf-8")
    for mutant in mutate.mutants_of(name):
        assert mutant.line in mutant.lines, mutant.key
    spread = [m for m in mutate.mutants_of(name) if len(m.lines) > 1]
    assert spread, "some mutant spans lines or sits inside a longer statement"
    assert all(line <= len(source.splitlines()) for m in spread for line in m.lines)


def test_a_line_run_only_at_import_selects_the_module_s_tests(mutate: ModuleType) -> None:
    mutant = mutate.Mutant("m", 0, 3, "m:f:`1` 1 -> 2", (3,))
    lines = {"3": [mutate.IMPORT_CONTEXT], "9": ["t.py::a", "t.py::b[x]", "t.py::c"]}
    cover = {
        "lines": {"m": lines},
        "durations": {"t.py::a": 1.0, "t.py::b[x]": 2.0},
        "failing": ["t.py::c"],  # fails on the real code: never run
    }
    assert mutate.covering_tests(mutant, cover) == {"t.py::a": 1.0, "t.py::b[x]": 2.0}
    lines["3"] = []
    assert mutate.covering_tests(mutant, cover) == {}


def test_the_run_deals_out_every_module_s_mutants_evenly(mutate: ModuleType) -> None:
    mutants = [
        mutate.Mutant(module, index, 1, f"{module}:{index}")
        for module, size in [("a", 30), ("b", 3)]
        for index in range(size)
    ]
    order = mutate._interleaved(mutants, 16)
    assert sorted(order, key=lambda m: m.key) == sorted(mutants, key=lambda m: m.key)
    assert sum(1 for m in order[:11] if m.module == "b") == 1
    assert sum(1 for m in order[:22] if m.module == "b") == 2


def test_a_mutant_of_a_module_agentlevels_publishes_is_the_code_that_runs(
    mutate: ModuleType,
) -> None:
    # agentlevels puts its own finder first on sys.meta_path; the mutant must still load.
    name = "agentlevels._badges.awards"
    (mutant,) = [m for m in mutate.mutants_of(name) if "`eligible is not None`" in m.key]
    test = "tests/test_awards.py::test_preset_winner"
    done = subprocess.run(
        [sys.executable, str(TOOL), "_run", name, str(mutant.index), test],
        capture_output=True,
        check=False,
        cwd=TOOL.parent.parent,
    )
    assert done.returncode == 1, done.stdout.decode()[-2000:]


def test_every_listed_equivalent_is_a_mutant_the_tool_makes(mutate: ModuleType) -> None:
    keys = {m.key for module in mutate.TARGETS for m in mutate.mutants_of(module)}
    stale = sorted(set(mutate.load_equivalents()) - keys)
    assert stale == []
