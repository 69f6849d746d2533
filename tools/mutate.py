"""Mutation testing of the language core, levels, badges and routing.

Each mutant is one small change to one module (``<`` to ``<=``, ``is`` to
``is not``, ``+`` to ``-``, ``and`` to ``or``, a dropped ``not``, an integer
plus one, ``True`` to ``False``), made in the module's syntax tree and loaded
through the source loader, so the source files are never touched. A mutant is
*killed* when a test fails, *timeout* (counted as killed) when the tests use
far more processor time than they did on the real code, *uncovered* when no
test runs its lines, and *survived* otherwise.

Only the tests that cover the mutated lines run: one coverage run of the whole
suite records which test executed which line (a coverage context per test).
Mutations are made only inside function bodies; module- and class-level
statements are left alone. A function body run only at import (a table built
at module level) is covered by no test's context: its mutants run every test
that ran any line of the module.

Survivors judged equivalent (the change cannot alter behaviour) are listed in
``tools/mutants-equivalent.txt`` with a reason; they are reported apart, so a
run shows only new survivors.

    python tools/mutate.py [--sample N] [--seed S] [--jobs J] [--budget MINUTES] [--resume]
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import CodeType
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
    "agentlevels._language.exact",
    "agentlevels._language.descent",
    "agentlevels._language.ladder",
    "agentlevels._language.units",
    "agentlevels._language.names",
    "agentlevels._language.nesting",
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
    "agentlevels.routing.model",
    "agentlevels.routing.matching",
)
# Packages whose every module the coverage map records, so that a module added to
# TARGETS later can reuse the map.
COVERED_PACKAGES = ("_language", "_levels", "_badges", "routing")
# A coverage context for what ran at import, before the first test.
IMPORT_CONTEXT = "<import>"

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
    # The lines whose coverage selects the tests: the changed expression's lines and
    # the first line of the statement holding it (a tracer may report either).
    lines: tuple[int, ...] = ()


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
        # line, qualname, label, lines that select the tests
        self.points: list[tuple[int, str, str, tuple[int, ...]]] = []
        self.statement = 0
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
        first = getattr(node, "lineno", 0)
        last = getattr(node, "end_lineno", None) or first
        lines = tuple(sorted({self.statement, *range(first, last + 1)} - {0}))
        self.points.append((first, ".".join(self.scope), f"`{segment}` {label}", lines))
        hit = self.count == self.target
        self.count += 1
        return hit

    def visit(self, node: ast.AST) -> Any:
        if not isinstance(node, ast.stmt):
            return super().visit(node)
        outer = self.statement
        self.statement = node.lineno
        try:
            return super().visit(node)
        finally:
            self.statement = outer

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
    for index, (line, qualname, label, lines) in enumerate(walker.points):
        occurrence = seen[(qualname, label)]
        seen[(qualname, label)] += 1
        key = f"{short(module)}:{qualname}:{label}" + (f" #{occurrence + 1}" if occurrence else "")
        found.append(Mutant(module, index, line, key, lines))
    return found


def mutated_code(module: str, index: int) -> CodeType:
    path = module_path(module)
    source = path.read_text(encoding="utf-8")
    walker = _Mutator(source, index)
    tree = ast.fix_missing_locations(walker.visit(ast.parse(source)))
    if walker.count <= index:
        raise SystemExit(f"{module} has no mutant {index}")
    return compile(tree, str(path), "exec")


def _serve_mutant(module: str, code: CodeType) -> None:
    """Make every import of ``module`` run ``code`` instead of the file's own.

    The source loader itself is patched, not ``sys.meta_path``: agentlevels puts
    a finder of its own first on the path when it is imported (to publish names
    from its private modules), and that finder, too, ends in this loader.
    """
    original = SourceFileLoader.get_code

    def get_code(self: SourceFileLoader, fullname: str) -> CodeType | None:
        if fullname == module:
            return code
        return original(self, fullname)

    SourceFileLoader.get_code = get_code  # type: ignore[method-assign,assignment]


def _pytest_args(tests: Sequence[str]) -> list[str]:
    # Plain asserts: pytest's assertion rewriter would otherwise load every module of
    # agentlevels itself (the package is a pytest plugin), past the patched loader.
    return ["-q", "-x", "--no-header", "--assert=plain", "-p", "no:cacheprovider", *tests]


# How many of a mutant's quickest tests run before the others.
FIRST_STAGE = 12


def run_one(module: str, index: int, tests: Sequence[str]) -> int:
    """In a child process: load the mutant, run the tests, return pytest's exit code."""
    import pytest

    _serve_mutant(module, mutated_code(module, index))
    # The quickest tests first, on their own: most mutants fail one of them, and
    # then the other tests' modules are never even imported.
    first, rest = tests[:FIRST_STAGE], tests[FIRST_STAGE:]
    code = int(pytest.main(_pytest_args(first)))
    if code != 0 or not rest:
        return code
    return int(pytest.main(_pytest_args(rest)))


class _Contexts:
    """A pytest plugin: one coverage context per test, and each test's duration."""

    def __init__(self, coverage: Any) -> None:
        self.coverage = coverage
        self.durations: dict[str, float] = {}
        self.failed: set[str] = set()

    def pytest_runtest_setup(self, item: Any) -> None:
        self.coverage.switch_context(item.nodeid)

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.durations[report.nodeid] = self.durations.get(report.nodeid, 0.0) + report.duration
        if report.failed:
            self.failed.add(report.nodeid)


def run_coverage(out: Path, tests: Sequence[str]) -> int:
    """In a child process: the suite under coverage, then line -> tests for each target."""
    import coverage
    import pytest

    files = sorted(
        str(path)
        for package in COVERED_PACKAGES
        for path in SRC.joinpath("agentlevels", package).glob("*.py")
    )
    cov = coverage.Coverage(data_file=None, include=files)
    plugin = _Contexts(cov)
    cov.start()
    # The mutants' own options (plain asserts), so a test that fails on the real code
    # that way is known and never counts as killing a mutant.
    args = ["-q", "--no-header", "--assert=plain", "-p", "no:cacheprovider", *tests]
    code = int(pytest.main(args, [plugin]))
    cov.stop()
    data = cov.get_data()
    lines: dict[str, dict[str, list[str]]] = {}
    for name in files:
        module = ".".join(Path(name).relative_to(SRC).with_suffix("").parts)
        by_line = data.contexts_by_lineno(name)
        lines[module] = {
            str(n): sorted(c or IMPORT_CONTEXT for c in ctx) for n, ctx in by_line.items()
        }
    cover = {"lines": lines, "durations": plugin.durations, "failing": sorted(plugin.failed)}
    out.write_text(json.dumps(cover), encoding="utf-8")
    return code


def _base(nodeid: str) -> str:
    """A test's id without its parameters: robust on any command line."""
    return re.sub(r"\[.*\]$", "", nodeid)


def _runnable(nodeid: str) -> str:
    """The id to ask pytest for: the one parametrized case, unless its id would not parse."""
    base = _base(nodeid)
    parameters = nodeid[len(base) :]
    return nodeid if "::" not in parameters else base


def load_equivalents() -> dict[str, str]:
    equivalents = {}
    for raw in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            key, _, reason = raw.partition("  # ")
            equivalents[key.strip()] = reason.strip()
    return equivalents


def _child(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def covering_tests(mutant: Mutant, cover: dict[str, Any]) -> dict[str, float]:
    """The tests to run for a mutant, each with the seconds it took on the real code.

    The tests that ran the mutant's lines; when only the import ran them (a table
    built by a function called at module level), every test that ran any line of
    the module, since each of them sees what the import built.
    """
    by_line: dict[str, list[str]] = cover["lines"].get(mutant.module, {})
    contexts = {c for line in mutant.lines or (mutant.line,) for c in by_line.get(str(line), [])}
    if contexts == {IMPORT_CONTEXT}:
        contexts = {c for found in by_line.values() for c in found}
    contexts.discard(IMPORT_CONTEXT)
    contexts.difference_update(cover.get("failing", []))
    durations: dict[str, float] = cover["durations"]
    whole = {_runnable(nodeid) for nodeid in contexts if _runnable(nodeid) == _base(nodeid)}
    spent: dict[str, float] = {}
    for nodeid in contexts:
        # A whole test asked for runs all its cases: none of them is asked for again.
        test = _base(nodeid) if _base(nodeid) in whole else _runnable(nodeid)
        spent[test] = spent.get(test, 0.0) + durations.get(nodeid, 0.0)
    return spent


def test_mutant(mutant: Mutant, cover: dict[str, Any]) -> Result:
    spent = covering_tests(mutant, cover)
    if not spent:
        return Result(mutant.key, mutant.module, mutant.line, "uncovered", 0, 0.0)
    tests = sorted(spent, key=lambda test: (spent[test], test))  # quickest first
    timeout = 30 + 3 * sum(spent.values())
    start = time.monotonic()
    code, output = _server().run(mutant, tests, timeout)
    # 1: a test failed; 2: a test module failed to import (collection error);
    # 3: pytest itself failed, as when the mutant breaks importing agentlevels;
    # 4 with a collection error: a requested test's module failed to import.
    if code is None:
        status = "timeout"
    elif code == 4 and "ERROR collecting" in output:
        status = "killed"
    else:
        status = {0: "survived", 1: "killed", 2: "killed", 3: "killed"}.get(code, "error")
    seconds = time.monotonic() - start
    return Result(mutant.key, mutant.module, mutant.line, status, len(tests), seconds)


class _Server:
    """A child process that has imported pytest, hypothesis and lark, but no agentlevels,
    and forks once per mutant: each mutant starts from that state, not from a bare
    interpreter."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            _child("_serve"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        )

    def run(self, mutant: Mutant, tests: Sequence[str], timeout: float) -> tuple[int | None, str]:
        """pytest's exit code (None on a timeout) and its output."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        request = {"module": mutant.module, "index": mutant.index, "tests": list(tests)}
        self.process.stdin.write(json.dumps({**request, "timeout": timeout}) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        return reply["code"], reply["output"]


_servers = threading.local()


def _server() -> _Server:
    """The calling thread's server (one per job)."""
    if not hasattr(_servers, "server"):
        _servers.server = _Server()
    server: _Server = _servers.server
    return server


def serve() -> int:
    """In the server process: one mutant per line of input, each in a forked child."""
    import hypothesis  # noqa: F401  (loaded once, before the fork)
    import lark  # noqa: F401
    import pytest  # noqa: F401

    # Compiled modules are kept (under .mutate/, whatever PYTHONDONTWRITEBYTECODE says),
    # so each mutant's child compiles only the mutated module.
    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(WORK / "pycache")
    while line := sys.stdin.readline():
        request = json.loads(line)
        with tempfile.TemporaryFile() as output:
            pid = os.fork()
            if pid == 0:
                os.setpgid(0, 0)
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                os.dup2(output.fileno(), 1)
                os.dup2(output.fileno(), 2)
                try:
                    code = run_one(request["module"], request["index"], request["tests"])
                except BaseException:
                    code = 3
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
            code_or_none = _wait(pid, request["timeout"])
            output.seek(0)
            text = output.read()[-20000:].decode("utf-8", "replace")
        print(json.dumps({"code": code_or_none, "output": text}), flush=True)
    return 0


def _wait(pid: int, timeout: float) -> int | None:
    """The child's exit code, or None when it ran past ``timeout`` (then it is killed).

    The limit is on the processor time the child used, not on the clock: on a
    shared, busy machine a mutant's tests may wait long for a processor, and a
    slow run is not a killed mutant. Ten times the limit on the clock still ends
    a child that hangs without computing.
    """
    start = time.monotonic()
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if _cpu_seconds(pid) > timeout or time.monotonic() - start > 10 * timeout:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.1)


def _cpu_seconds(pid: int) -> float:
    """Processor seconds used by ``pid`` and the children it has waited for."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return 0.0
    # The fields after the command name (which may hold spaces): utime, stime,
    # cutime and cstime are the 14th to 17th.
    fields = stat.rsplit(")", 1)[1].split()
    ticks = sum(int(field) for field in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _score(killed: int, total: int) -> str:
    return f"{100 * killed / total:5.1f}%" if total else "    -"


def report(results: Sequence[Result], equivalents: dict[str, str]) -> str:
    """Per module: mutants, how each ended, raw and adjusted scores; then the new survivors.

    Raw is caught (killed or timed out) over all; adjusted leaves out the survivors
    listed as equivalent. An uncovered mutant (no test runs its line) counts as a
    survivor in both, and has a column of its own.
    """
    rows = [
        f"{'module':28} mutants killed timeout survived uncovered equiv    raw adjusted",
    ]
    totals = Counter[str]()

    def row(name: str, counts: Counter[str]) -> str:
        caught = counts["killed"] + counts["timeout"]
        total = counts["total"]
        return (
            f"{name:28} {total:7} {counts['killed']:6} {counts['timeout']:7} "
            f"{total - caught - counts['uncovered']:8} {counts['uncovered']:9} "
            f"{counts['equiv']:5} {_score(caught, total)} {_score(caught, total - counts['equiv'])}"
        )

    for module in TARGETS:
        mine = [r for r in results if r.module == module]
        if not mine:
            continue
        counts = Counter(r.status for r in mine)
        counts["equiv"] = sum(
            1 for r in mine if r.status not in ("killed", "timeout") and r.key in equivalents
        )
        counts["total"] = len(mine)
        totals.update(counts)
        rows.append(row(short(module), counts))
    rows.append(row("all", totals))
    alive = [r for r in results if r.status not in ("killed", "timeout")]
    new = [r for r in alive if r.key not in equivalents]
    known = len(alive) - len(new)
    rows.append(f"\nNew survivors ({len(new)}; {known} more listed as equivalent):")
    rows.extend(f"  [{r.status}] {r.key}   (line {r.line})" for r in new)
    return "\n".join(rows)


def _select(all_mutants: list[Mutant], sample: int | None, seed: int) -> list[Mutant]:
    """All mutants, or ``sample`` of them drawn per module in proportion to its size.

    Every module gets its share (at least one mutant), so a sample reaches every
    module; each module's draw depends only on the seed and the module.
    """
    if sample is None or sample >= len(all_mutants):
        return all_mutants
    by_module: dict[str, list[Mutant]] = {}
    for mutant in all_mutants:
        by_module.setdefault(mutant.module, []).append(mutant)
    exact = {m: sample * len(found) / len(all_mutants) for m, found in by_module.items()}
    quota = {m: max(1, int(share)) for m, share in exact.items()}
    # Largest remainders first, until the sample is used up.
    for module in sorted(exact, key=lambda m: (int(exact[m]) - exact[m], m)):
        if sum(quota.values()) >= sample:
            break
        if quota[module] < len(by_module[module]):
            quota[module] += 1
    chosen: list[Mutant] = []
    for module, found in by_module.items():
        draw = random.Random(f"{seed}:{module}")
        chosen += draw.sample(found, min(quota[module], len(found)))
    return sorted(chosen, key=lambda m: (m.module, m.index))


def _interleaved(mutants: list[Mutant], seed: int) -> list[Mutant]:
    """The modules' mutants shuffled and dealt out in proportion to each module's count.

    An interrupted run (see ``--resume``) has then reached every module about
    equally far.
    """
    by_module: dict[str, list[Mutant]] = {}
    for mutant in mutants:
        by_module.setdefault(mutant.module, []).append(mutant)
    placed: list[tuple[float, str, Mutant]] = []
    for module, found in by_module.items():
        shuffled = random.Random(f"{seed}:{module}:order").sample(found, len(found))
        placed += [((i + 0.5) / len(found), module, m) for i, m in enumerate(shuffled)]
    return [mutant for *_, mutant in sorted(placed, key=lambda p: (p[0], p[1]))]


def _progress(done: int, total: int, result: Result) -> None:
    print(f"[{done}/{total}] {result.status:9} {result.seconds:5.1f}s {result.key}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["_run"]:
        return run_one(args[1], int(args[2]), args[3:])
    if args[:1] == ["_serve"]:
        return serve()
    if args[:1] == ["_cover"]:
        return run_coverage(Path(args[1]), args[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sample",
        type=int,
        default=None,
        help="mutants to draw at random, shared among the modules by size",
    )
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
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the results an interrupted run with the same --out wrote as it went",
    )
    parser.add_argument(
        "--only-tests",
        nargs="*",
        default=[],
        metavar="PATHS",
        help="with --retest and --add-tests: run the survivors against these tests only "
        "(they passed every other test already)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        metavar="MINUTES",
        help="start no mutant after this long; the run reaches every module evenly",
    )
    options = parser.parse_args(args)
    started = time.monotonic()
    modules = [m for m in TARGETS if not options.module or short(m) in options.module]
    all_mutants = [mutant for module in modules for mutant in mutants_of(module)]
    chosen = _select(all_mutants, options.sample, options.seed)
    earlier: dict[str, Result] = {}
    retested: dict[str, Result] = {}
    if options.retest:
        # The earlier run's mutants; more tests never revive a killed one, so only
        # its survivors run again.
        rows = json.loads(Path(options.retest).read_text(encoding="utf-8"))
        keys = {row["key"] for row in rows}
        chosen = [m for m in all_mutants if m.key in keys]
        for row in rows:
            retested[row["key"]] = Result(**row)
            if row["status"] in ("killed", "timeout"):
                earlier[row["key"]] = Result(**row)
    if options.list:
        print("\n".join(f"{m.key}   (line {m.line})" for m in chosen))
        return 0
    out = Path(options.out)
    partial = out.with_name(out.name + ".partial")
    if options.resume and partial.exists():
        keys = {m.key for m in chosen}
        for raw in partial.read_text(encoding="utf-8").splitlines():
            row = json.loads(raw)
            if row["key"] in keys:
                earlier.setdefault(row["key"], Result(**row))
    else:
        partial.unlink(missing_ok=True)
    sampled = Counter(short(m.module) for m in chosen)
    print(
        f"{len(chosen)} of {len(all_mutants)} mutants (seed {options.seed}), "
        f"{len(earlier)} known before: "
        + ", ".join(f"{module} {n}" for module, n in sampled.items()),
        flush=True,
    )
    cover = _coverage(options.tests, options.reuse_coverage, options.add_tests)
    if cover.get("failing"):
        print("Left out, failing on the real code with plain asserts:", *cover["failing"])
    if options.only_tests:
        cover = _restricted(cover, options.only_tests)
    results = [earlier[m.key] for m in chosen if m.key in earlier]
    todo = _interleaved([m for m in chosen if m.key not in earlier], options.seed)
    deadline = started + 60 * options.budget if options.budget is not None else math.inf
    ran = list(_run_all(todo, cover, options.jobs, partial, deadline))
    if options.only_tests:
        # No test of those covers it: it stays as the earlier run left it.
        ran = [
            retested.get(r.key, r) if r.status == "uncovered" and options.retest else r for r in ran
        ]
    results += ran
    out.write_text(json.dumps([asdict(r) for r in results], indent=1), "utf-8")
    print(report(results, load_equivalents()))
    minutes = (time.monotonic() - started) / 60
    print(f"\n{len(ran)} mutants run in {minutes:.1f} min; results in {out}")
    if len(results) < len(chosen):
        reached = Counter(short(r.module) for r in results)
        print(
            f"The time budget ran out: {len(results)} of the {len(chosen)} sampled mutants "
            "reached (" + ", ".join(f"{m} {reached[m]}/{n}" for m, n in sampled.items()) + ")"
        )
    return 0


def _restricted(cover: dict[str, Any], paths: Sequence[str]) -> dict[str, Any]:
    """The coverage map with only the tests under ``paths``."""
    prefixes = tuple(path.rstrip("/") for path in paths)

    def kept(nodeid: str) -> bool:
        return nodeid == IMPORT_CONTEXT or nodeid.split("::")[0].startswith(prefixes)

    lines = {
        module: {line: [c for c in found if kept(c)] for line, found in by_line.items()}
        for module, by_line in cover["lines"].items()
    }
    return {**cover, "lines": lines}


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
    cover["failing"] = sorted({*cover.get("failing", []), *extra.get("failing", [])})
    return cover


def _run_all(
    chosen: list[Mutant], cover: dict[str, Any], jobs: int, partial: Path, deadline: float
) -> Iterator[Result]:
    """Run the mutants, ``jobs`` at a time; each result is appended to ``partial`` at once.

    No mutant starts after ``deadline`` (a ``time.monotonic()`` value); those left
    are not yielded.
    """

    def run(mutant: Mutant) -> Result | None:
        return test_mutant(mutant, cover) if time.monotonic() < deadline else None

    with ThreadPoolExecutor(max_workers=jobs) as pool, partial.open("a", encoding="utf-8") as log:
        futures = [pool.submit(run, mutant) for mutant in chosen]
        for done, future in enumerate(futures, 1):
            result = future.result()
            if result is None:
                continue
            log.write(json.dumps(asdict(result)) + "\n")
            log.flush()
            _progress(done, len(chosen), result)
            yield result


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
