"""The shape of the house: imports point one way, and nothing hides a cycle.

Every module's imports are read with ``ast`` (nothing is imported to find
them). Packages sit on floors; a module may import its own package and the
floors below, never a floor above. The language never knows the domains.
An import inside a function is allowed only for an optional dependency,
which may be missing where the library is installed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "agentlevels"

# Lowest first. A module may import from its own floor only inside its own
# package (levels, badges and quality reviews know nothing of each other).
FLOORS: tuple[tuple[str, ...], ...] = (
    (
        "agentlevels.nodes",
        "agentlevels._values",
        "agentlevels._public",
        "agentlevels._plural",
        "agentlevels._positions",
    ),
    ("agentlevels._messages",),
    ("agentlevels._diagnostics",),
    ("agentlevels._errors",),
    ("agentlevels._formats",),
    ("agentlevels._documents",),
    ("agentlevels._language",),
    ("agentlevels._sql", "agentlevels._editor"),
    ("agentlevels._explain",),
    ("agentlevels._levels", "agentlevels._badges", "agentlevels._quality"),
    ("agentlevels.routing",),
    ("agentlevels.presets",),
    ("agentlevels._scenarios",),
    ("agentlevels.playground", "agentlevels.lsp"),
    ("agentlevels.cli", "agentlevels.testing"),
    ("agentlevels",),
)
DOMAINS = (
    "agentlevels._explain",
    "agentlevels._levels",
    "agentlevels._badges",
    "agentlevels._quality",
    "agentlevels.routing",
    "agentlevels.presets",
    "agentlevels.lsp",
    "agentlevels.cli",
)
# What may be imported inside a function: dependencies that are optional
# extras (hypothesis: agentlevels[testing]), the optional SQL backend that
# needs one (Formula.to_sql), the language server that needs pygls
# (`agentlevels lsp`), and the tree's JSON form, which validates with
# the parser floors above the nodes (nodes.to_dict / nodes.from_dict).
OPTIONAL = (
    "sqlglot",
    "pygls",
    "lsprotocol",
    "hypothesis",
    "agentlevels._sql",
    "agentlevels.lsp.server",
    "agentlevels._language.tree_json",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def _package(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def _resolve(module: str, node: ast.ImportFrom | ast.Import) -> Iterator[str]:
    """The modules an import statement names (a name may be a submodule)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        anchor = _package(module).split(".")
        base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        yield candidate if candidate in MODULES else base


def _type_checking_block(node: ast.stmt) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _imports(module: str) -> tuple[set[str], list[tuple[str, int]]]:
    """Module-level imports (type-only ones left out), and imports inside functions."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    top: set[str] = set()
    inner: list[tuple[str, int]] = []
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, in_function = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in _resolve(module, node):
                if in_function:
                    inner.append((name, node.lineno))
                else:
                    top.add(name)
            continue
        if isinstance(node, ast.stmt) and _type_checking_block(node):
            continue
        function = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        stack.extend((child, function) for child in ast.iter_child_nodes(node))
    return top, inner


GRAPH = {module: _imports(module) for module in MODULES}


def _floor(module: str) -> tuple[int, str]:
    for index, floor in enumerate(FLOORS):
        for package in floor:
            if module == package or (module.startswith(package + ".") and package != "agentlevels"):
                return index, package
    assert module in ("agentlevels", "agentlevels.__main__"), f"{module} is on no floor"
    return len(FLOORS) - 1, "agentlevels"


def _ours(name: str) -> bool:
    return name == "agentlevels" or name.startswith("agentlevels.")


def test_every_module_is_on_a_floor() -> None:
    for module in MODULES:
        _floor(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    floor, package = _floor(module)
    for name in sorted(filter(_ours, GRAPH[module][0])):
        if name == "agentlevels" and module != "agentlevels":
            pytest.fail(f"{module} imports the package root, which imports everything")
        their_floor, their_package = _floor(name)
        assert their_floor < floor or their_package == package, (
            f"{module} (floor {floor}, {package}) imports {name} "
            f"(floor {their_floor}, {their_package}): imports must point down"
        )


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if m.startswith("agentlevels._language"))
)
def test_the_language_never_imports_a_domain(module: str) -> None:
    top, inner = GRAPH[module]
    for name in sorted(top | {name for name, _ in inner}):
        assert not name.startswith(DOMAINS), f"{module} imports the domain module {name}"


def test_there_is_no_import_cycle() -> None:
    # Depth-first search over module-level imports between our own modules.
    edges = {m: sorted(n for n in GRAPH[m][0] if n in MODULES and n != m) for m in MODULES}
    state: dict[str, int] = {}
    for root in sorted(MODULES):
        if root in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            module, index = stack.pop()
            if index == 0:
                state[module] = 1
                path.append(module)
            targets = edges[module]
            if index < len(targets):
                stack.append((module, index + 1))
                target = targets[index]
                if state.get(target) == 1:
                    cycle = [*path[path.index(target) :], target]
                    pytest.fail("import cycle: " + " -> ".join(cycle))
                if target not in state:
                    stack.append((target, 0))
            else:
                state[module] = 2
                path.pop()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_inside_functions_are_optional_dependencies(module: str) -> None:
    for name, line in GRAPH[module][1]:
        assert name.startswith(OPTIONAL), (
            f"{module}:{line} imports {name} inside a function: move it to the top "
            "(or, if it is an optional dependency, add it to OPTIONAL)"
        )
