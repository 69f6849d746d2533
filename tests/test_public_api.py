"""The public surface: what `import agentlevels` offers, typed and documented."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import agentlevels
import agentlevels.routing
from agentlevels import nodes, presets

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_all_is_sorted_and_complete() -> None:
    names = agentlevels.__all__
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    for name in names:
        assert hasattr(agentlevels, name), name


PUBLIC_MODULES = (agentlevels, agentlevels.routing, presets, nodes)


def _own_doc(value: object) -> str | None:
    # The object's own docstring: inspect.getdoc would inherit a parent's.
    doc = getattr(value, "__doc__", None)
    if isinstance(value, property):
        doc = value.fget.__doc__ if value.fget else None
    return doc if isinstance(doc, str) and doc.strip() else None


def _public_members(cls: type) -> list[tuple[str, object]]:
    """Methods and properties a class defines itself (not dunders, not inherited)."""
    members: list[tuple[str, object]] = []
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, staticmethod | classmethod):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            members.append((name, value))
    return members


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_every_public_name_and_method_has_its_own_docstring(module: ModuleType) -> None:
    missing = []
    for name in module.__all__:
        value = getattr(module, name)
        if not (inspect.isfunction(value) or inspect.isclass(value) or inspect.ismodule(value)):
            continue
        if _own_doc(value) is None:
            missing.append(name)
        if inspect.isclass(value):
            missing += [
                f"{name}.{member}"
                for member, function in _public_members(value)
                if _own_doc(function) is None
            ]
    assert not missing, f"no docstring of their own: {', '.join(missing)}"


def test_every_public_name_is_in_the_api_docs() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in DOCS.glob("*.md"))
    for name in agentlevels.__all__:
        assert f"`{name}" in text or f"{name}(" in text, f"{name} is not documented in docs/"


def test_the_package_is_typed() -> None:
    assert (Path(agentlevels.__file__).parent / "py.typed").exists()


def test_importing_the_package_leaves_the_domains_for_their_first_use() -> None:
    code = (
        "import sys, agentlevels\n"
        "agentlevels.compile('$answers >= 1')\n"
        "assert not [m for m in sys.modules if m.startswith(('agentlevels._levels',"
        " 'agentlevels._badges', 'agentlevels._explain', 'agentlevels.presets'))]\n"
        "assert set(agentlevels.__all__) <= set(dir(agentlevels))\n"
        "import agentlevels.presets\n"
        "scheme = agentlevels.presets.levels()\n"
        "assert type(scheme).__module__ == 'agentlevels', type(scheme).__module__\n"
        "assert agentlevels.LevelScheme is type(scheme)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
