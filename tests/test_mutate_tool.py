"""tools/mutate.py (``make mutate``): mutants are stable, named uniquely and each one compiles."""

from __future__ import annotations

import ast
import importlib.util
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
