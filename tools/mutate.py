"""Mutation testing of the language core, levels, badges and routing.

Each mutant is one small change to one module (``<`` to ``<=``, ``is`` to
``is not``, ``+`` to ``-``, ``and`` to ``or``, a dropped ``not``, an integer
plus one, ``True`` to ``False``), made in the module's syntax tree and loaded
through an import hook, so the source files are never touched. A mutant is
*killed* when a test fails, *timeout* (counted as killed) when the tests run
far longer than they did on the real code, and *survived* otherwise.

Only the tests that cover the mutated line run: one coverage run of the whole
suite records which test executed which line (a coverage context per test).
Mutations are made only inside function bodies; module- and class-level
statements run at import, before any test, so no single test covers them.

Survivors judged equivalent (the change cannot alter behaviour) are listed in
``tools/mutants-equivalent.txt`` with a reason; they are reported apart, so a
run shows only new survivors.

    python tools/mutate.py [--sample N] [--seed S] [--jobs J] [--tests PATHS]
"""

from __future__ import annotations

import argparse
import ast
import importlib.abc
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
EQUIVALENT_FILE = ROOT / "tools" / "mutants-equivalent.txt"
WORK = ROOT / ".mutate"

# The modules under test: the language core, levels, badges and routing.
TARGETS = (
    "agentlevels._language.checker",
    "agentlevels._language.ranges",
    "agentlevels._language.runtime",
    "agentlevels._language.compiler",
    "agentlevels._language.scanner",
    "agentlevels._language.parser",
    "agentlevels._language.syntax_errors",
    "agentlevels._levels.level",
    "agentlevels._levels.scheme",
    "agentlevels._levels.outcome",
    "agentlevels._badges.rules",
    "agentlevels._badges.awards",
    "agentlevels.routing.policy",
    "agentlevels.routing.serve",
    "agentlevels.routing.outlook",
    "agentlevels.routing.route",
    "agentlevels.routing.alerts",
)

_COMPARE_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BINOP_SWAP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}
_SYMBOL: dict[type[ast.AST], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.And: "and",
    ast.Or: "or",
}


@dataclass(frozen=True)
class Mutant:
    """One change: the module, its position among the module's mutants, and a stable key."""

    module: str
    index: int
    line: int
    key: str


@dataclass
class Result:
    """The outcome of running one mutant's tests."""

    key: str
    module: str
    line: int
    status: str  # killed, timeout, survived, uncovered, error
    tests: int
    seconds: float


def module_path(module: str) -> Path:
    return SRC.joinpath(*module.split(".")).with_suffix(".py")


def short(module: str) -> str:
    return module.removeprefix("agentlevels.")


class _Mutator(ast.NodeTransformer):
    """Walks a module in a fixed order, numbering mutation points.

    With ``target`` None it only records the points; otherwise it applies the
    one numbered ``target``.
    """

    def __init__(self, source: str, target: int | None) -> None:
        self.source = source
        self.target = target
        self.count = 0
        self.points: list[tuple[int, str, str]] = []  # line, qualname, label
        self.scope: list[str] = []
        self.in_function = False

    def _point(self, node: ast.AST, label: str) -> bool:
        """Record a point; True when it is the one to apply."""
        if not self.in_function:
            return False
        segment = ast.get_source_segment(self.source, node) or ""
        segment = " ".join(segment.split())
        if len(segment) > 60:
            segment = segment[:57] + "..."
        self.points.append(
            (getattr(node, "lineno", 0), ".".join(self.scope), f"`{segment}` {label}")
        )
        hit = self.count == self.target
        self.count += 1
        return hit

    def _scoped(self, node: ast.AST, name: str, body: list[ast.stmt], inside: bool) -> ast.AST:
        outer = self.in_function
        self.scope.append(name)
        self.in_function = inside
        body[:] = [self.visit(stmt) for stmt in body]
        self.in_function = outer
        self.scope.pop()
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._scoped(node, node.name, node.body, True)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._scoped(node, node.name, node.body, True)

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        # A lambda's body runs when it is called, like a function's.
        outer = self.in_function
        self.in_function = True
        node.body = self.visit(node.body)
        self.in_function = outer
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return self._scoped(node, node.name, node.body, False)

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for position, op in enumerate(node.ops):
            swap = _COMPARE_SWAP.get(type(op))
            label = f"{_SYMBOL[type(op)]} -> {_SYMBOL[swap]}" if swap else ""
            if swap and self._point(node, label):
                node.ops[position] = swap()
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        swap = _BINOP_SWAP.get(type(node.op))
        if swap and self._point(node, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[swap]}"):
            node.op = swap()
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        swap = _BINOP_SWAP.get(type(node.op))
        if swap and self._point(node, f"{_SYMBOL[type(node.op)]}= -> {_SYMBOL[swap]}="):
            node.op = swap()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        swap: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self._point(node, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[swap]}"):
            node.op = swap()
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._point(node, "not dropped"):
            return node.operand
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._point(node, f"{value} -> {not value}"):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, int) and self._point(node, f"{value} -> {value + 1}"):
            return ast.copy_location(ast.Constant(value + 1), node)
        return node


def mutants_of(module: str) -> list[Mutant]:
    source = module_path(module).read_text(encoding="utf-8")
    walker = _Mutator(source, None)
    walker.visit(ast.parse(source))
    seen: Counter[tuple[str, str]] = Counter()
    found = []
    for index, (line, qualname, label) in enumerate(walker.points):
        occurrence = seen[(qualname, label)]
        seen[(qualname, label)] += 1
        key = f"{short(module)}:{qualname}:{label}" + (f" #{occurrence + 1}" if occurrence else "")
        found.append(Mutant(module, index, line, key))
    return found


def mutated_code(module: str, index: int) -> CodeType:
    path = module_path(module)
    source = path.read_text(encoding="utf-8")
    walker = _Mutator(source, index)
    tree = ast.fix_missing_locations(walker.visit(ast.parse(source)))
    if walker.count <= index:
        raise SystemExit(f"{module} has no mutant {index}")
    return compile(tree, str(path), "exec")


class _Loader(importlib.abc.Loader):
    def __init__(self, code: CodeType) -> None:
        self.code = code

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        exec(self.code, module.__dict__)


class _Finder(importlib.abc.MetaPathFinder):
    """Serves the mutated code for one module; every other import is left alone."""

    def __init__(self, module: str, code: CodeType) -> None:
        self.module = module
        self.code = code

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self.module:
            return None
        return importlib.util.spec_from_file_location(
            fullname, module_path(fullname), loader=_Loader(self.code)
        )


def _pytest_args(tests: Sequence[str]) -> list[str]:
    # Plain asserts: pytest's assertion rewriter would otherwise load every module of
    # agentlevels itself (the package is a pytest plugin), past the mutant's finder.
    return ["-q", "-x", "--no-header", "--assert=plain", "-p", "no:cacheprovider", *tests]


def run_one(module: str, index: int, tests: Sequence[str]) -> int:
    """In a child process: load the mutant, run the tests, return pytest's exit code."""
    import pytest

    sys.meta_path.insert(0, _Finder(module, mutated_code(module, index)))
    return int(pytest.main(_pytest_args(tests)))


class _Contexts:
    """A pytest plugin: one coverage context per test, and each test's duration."""

    def __init__(self, coverage: Any) -> None:
        self.coverage = coverage
        self.durations: dict[str, float] = {}

    def pytest_runtest_setup(self, item: Any) -> None:
        self.coverage.switch_context(item.nodeid)

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.durations[report.nodeid] = self.durations.get(report.nodeid, 0.0) + report.duration


def run_coverage(out: Path, tests: Sequence[str]) -> int:
    """In a child process: the suite under coverage, then line -> tests for each target."""
    import coverage
    import pytest

    files = [str(module_path(module)) for module in TARGETS]
    cov = coverage.Coverage(data_file=None, include=files)
    plugin = _Contexts(cov)
    cov.start()
    code = int(pytest.main(["-q", "--no-header", "-p", "no:cacheprovider", *tests], [plugin]))
    cov.stop()
    data = cov.get_data()
    lines: dict[str, dict[str, list[str]]] = {}
    for module, name in zip(TARGETS, files, strict=True):
        by_line = data.contexts_by_lineno(name)
        lines[module] = {str(n): sorted(c for c in ctx if c) for n, ctx in by_line.items()}
    out.write_text(json.dumps({"lines": lines, "durations": plugin.durations}), encoding="utf-8")
    return code


def _base(nodeid: str) -> str:
    """A test's id without its parameters: robust on any command line."""
    return re.sub(r"\[.*\]$", "", nodeid)


def load_equivalents() -> dict[str, str]:
    equivalents = {}
    for raw in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            key, _, reason = raw.partition("  # ")
            equivalents[key.strip()] = reason.strip()
    return equivalents


def _child(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def test_mutant(mutant: Mutant, cover: dict[str, Any]) -> Result:
    contexts = cover["lines"][mutant.module].get(str(mutant.line), [])
    durations: dict[str, float] = cover["durations"]
    spent: dict[str, float] = {}
    for nodeid in contexts:
        spent[_base(nodeid)] = spent.get(_base(nodeid), 0.0) + durations.get(nodeid, 0.0)
    if not spent:
        return Result(mutant.key, mutant.module, mutant.line, "uncovered", 0, 0.0)
    tests = sorted(spent, key=lambda test: (spent[test], test))  # quickest first
    timeout = 30 + 3 * sum(spent.values())
    start = time.monotonic()
    command = _child("_run", mutant.module, str(mutant.index), *tests)
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=ROOT)
        # 1: a test failed; 2: a test module failed to import (collection error);
        # 3: pytest itself failed, as when the mutant breaks importing agentlevels;
        # 4 with a collection error: a requested test's module failed to import.
        status = {0: "survived", 1: "killed", 2: "killed", 3: "killed"}.get(
            done.returncode, "error"
        )
        if done.returncode == 4 and b"ERROR collecting" in done.stdout:
            status = "killed"
    except subprocess.TimeoutExpired:
        status = "timeout"
    seconds = time.monotonic() - start
    return Result(mutant.key, mutant.module, mutant.line, status, len(tests), seconds)


def _score(killed: int, total: int) -> str:
    return f"{100 * killed / total:5.1f}%" if total else "    -"


def report(results: Sequence[Result], equivalents: dict[str, str]) -> str:
    rows = ["module                       mutants killed timeout survived equiv   raw  adjusted"]
    totals = Counter[str]()
    for module in TARGETS:
        mine = [r for r in results if r.module == module]
        if not mine:
            continue
        counts = Counter(r.status for r in mine)
        equiv = sum(1 for r in mine if r.status != "killed" and r.key in equivalents)
        caught = counts["killed"] + counts["timeout"]
        for name, n in [*counts.items(), ("equiv", equiv), ("total", len(mine))]:
            totals[name] += n
        rows.append(
            f"{short(module):28} {len(mine):7} {counts['killed']:6} {counts['timeout']:7} "
            f"{len(mine) - caught:8} {equiv:5} {_score(caught, len(mine))} "
            f"{_score(caught, len(mine) - equiv)}"
        )
    caught = totals["killed"] + totals["timeout"]
    rows.append(
        f"{'all':28} {totals['total']:7} {totals['killed']:6} {totals['timeout']:7} "
        f"{totals['total'] - caught:8} {totals['equiv']:5} {_score(caught, totals['total'])} "
        f"{_score(caught, totals['total'] - totals['equiv'])}"
    )
    alive = [r for r in results if r.status not in ("killed", "timeout")]
    new = [r for r in alive if r.key not in equivalents]
    rows.append(f"\nNew survivors ({len(new)}):")
    rows.extend(f"  [{r.status}] {r.key}   (line {r.line})" for r in new)
    known = [r for r in alive if r.key in equivalents]
    rows.append(f"\nKnown equivalent survivors ({len(known)}):")
    rows.extend(f"  {r.key}  # {equivalents[r.key]}" for r in known)
    return "\n".join(rows)


def _select(all_mutants: list[Mutant], sample: int | None, seed: int) -> list[Mutant]:
    if sample is None or sample >= len(all_mutants):
        return all_mutants
    return sorted(random.Random(seed).sample(all_mutants, sample), key=lambda m: m.key)


def _progress(done: int, total: int, result: Result) -> None:
    print(f"[{done}/{total}] {result.status:9} {result.seconds:5.1f}s {result.key}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["_run"]:
        return run_one(args[1], int(args[2]), args[3:])
    if args[:1] == ["_cover"]:
        return run_coverage(Path(args[1]), args[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sample", type=int, default=None, help="mutants to draw at random")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once")
    parser.add_argument("--tests", nargs="*", default=["tests"], help="test paths for coverage")
    parser.add_argument("--module", action="append", help="only these modules (repeatable)")
    parser.add_argument("--out", default=str(WORK / "results.json"), help="results as JSON")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument(
        "--reuse-coverage", action="store_true", help="keep the last coverage map (.mutate/)"
    )
    parser.add_argument(
        "--add-tests", nargs="*", default=[], help="with --reuse-coverage: cover these too"
    )
    parser.add_argument(
        "--retest",
        metavar="RESULTS",
        help="the mutants of an earlier results file; rerun only its survivors",
    )
    options = parser.parse_args(args)
    modules = [m for m in TARGETS if not options.module or short(m) in options.module]
    all_mutants = [mutant for module in modules for mutant in mutants_of(module)]
    chosen = _select(all_mutants, options.sample, options.seed)
    earlier: dict[str, Result] = {}
    if options.retest:
        # The earlier run's mutants; more tests never revive a killed one, so only
        # its survivors run again.
        rows = json.loads(Path(options.retest).read_text(encoding="utf-8"))
        keys = {row["key"] for row in rows}
        chosen = [m for m in all_mutants if m.key in keys]
        for row in rows:
            if row["status"] in ("killed", "timeout"):
                earlier[row["key"]] = Result(**row)
    if options.list:
        print("\n".join(f"{m.key}   (line {m.line})" for m in chosen))
        return 0
    print(f"{len(chosen)} of {len(all_mutants)} mutants, {len(earlier)} killed before")
    cover = _coverage(options.tests, options.reuse_coverage, options.add_tests)
    results = [earlier[m.key] for m in chosen if m.key in earlier]
    results += _run_all([m for m in chosen if m.key not in earlier], cover, options.jobs)
    Path(options.out).write_text(json.dumps([asdict(r) for r in results], indent=1), "utf-8")
    print(report(results, load_equivalents()))
    return 0


def _coverage(tests: Sequence[str], reuse: bool, added: Sequence[str]) -> dict[str, Any]:
    """Which tests cover which line: a fresh map, or the last one with ``added`` merged in."""
    WORK.mkdir(exist_ok=True)
    cover_file = WORK / "coverage.json"
    if not reuse:
        subprocess.run(_child("_cover", str(cover_file), *tests), check=False, cwd=ROOT)
        return dict(json.loads(cover_file.read_text(encoding="utf-8")))
    cover: dict[str, Any] = json.loads(cover_file.read_text(encoding="utf-8"))
    if not added:
        return cover
    extra_file = WORK / "coverage-extra.json"
    subprocess.run(_child("_cover", str(extra_file), *added), check=False, cwd=ROOT)
    extra: dict[str, Any] = json.loads(extra_file.read_text(encoding="utf-8"))
    for module, lines in extra["lines"].items():
        known = cover["lines"].setdefault(module, {})
        for line, contexts in lines.items():
            known[line] = sorted({*known.get(line, []), *contexts})
    cover["durations"].update(extra["durations"])
    return cover


def _run_all(chosen: list[Mutant], cover: dict[str, Any], jobs: int) -> Iterator[Result]:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(test_mutant, mutant, cover) for mutant in chosen]
        for done, future in enumerate(futures, 1):
            result = future.result()
            _progress(done, len(chosen), result)
            yield result


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
