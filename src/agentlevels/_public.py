"""How the package presents its public names, now and to pickles written by 0.1.

Public classes and functions live in private modules (``agentlevels._levels.scheme``)
but report the module users import them from (``agentlevels.LevelScheme``), as
httpx does: tracebacks, reprs and pickles then name the public path, which
survives any later move of the private modules.

agentlevels 0.1 kept everything in flat modules (``agentlevels._formula``), and
its pickles name those. :data:`MOVED` lists every name such a pickle can
refer to with the module that holds it now; a finder on ``sys.meta_path``
answers imports of the old modules with a stand-in that resolves exactly those
names, so the pickles load. Two old modules are packages now
(``agentlevels._levels``, ``agentlevels._badges``); they resolve the old names
through :func:`legacy_attribute`.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # importlib.abc would load importlib.resources, pathlib, zipfile...
    from importlib.abc import Loader

__all__ = [
    "MOVED",
    "PUBLIC_MODULES",
    "install_legacy_modules",
    "legacy_attribute",
    "publish",
    "publish_on_import",
]

PUBLIC_MODULES = frozenset(
    {
        "agentlevels",
        "agentlevels.cli",
        "agentlevels.nodes",
        "agentlevels.presets",
        "agentlevels.routing",
        "agentlevels.testing",
    }
)
"""The modules users import from; everything else is the package's own business."""


def publish(namespace: MutableMapping[str, Any], names: Iterable[str], module: str) -> None:
    """Make each class and function of ``names`` in ``namespace`` report ``module``.

    Names defined in a module of :data:`PUBLIC_MODULES`, such as
    :mod:`agentlevels.nodes`, keep their own module.
    """
    for name in names:
        value = namespace[name]
        # functools.cache wrappers carry the module of the function they wrap.
        function = isinstance(value, types.FunctionType) or hasattr(value, "__wrapped__")
        if (isinstance(value, type) or function) and value.__module__ not in PUBLIC_MODULES:
            value.__module__ = module


# Old module -> {name: the module that holds it now}. Names only pickles use.
MOVED: Mapping[str, Mapping[str, str]] = {
    "agentlevels._badges": {
        "Badge": "agentlevels._badges.model",
        "ComparativeRule": "agentlevels._badges.rules",
        "RandomRule": "agentlevels._badges.rules",
        "ThresholdRule": "agentlevels._badges.rules",
    },
    "agentlevels._catalog": {
        "Catalog": "agentlevels._language.catalog",
        "Metric": "agentlevels._language.catalog",
    },
    "agentlevels._formula": {"_unpickle": "agentlevels._language.formula"},
    "agentlevels._levels": {
        "Level": "agentlevels._levels.level",
        "LocalizedText": "agentlevels._values",
        "_rebuild_outcome": "agentlevels._levels.outcome",
        "_rebuild_scheme": "agentlevels._levels.scheme",
    },
    "agentlevels._routing": {
        "RoutingDecision": "agentlevels.routing.route",
        "Waiting": "agentlevels.routing.serve",
    },
    "agentlevels._routing_alerts": {"FiredAlert": "agentlevels.routing.alerts"},
    "agentlevels._routing_model": {
        "Alert": "agentlevels.routing.policy",
        "Conversation": "agentlevels.routing.model",
        "FrozenMap": "agentlevels._values",
        "Group": "agentlevels.routing.model",
        "LimitPolicy": "agentlevels.routing.policy",
        "LimitRule": "agentlevels.routing.policy",
        "Operator": "agentlevels.routing.model",
        "Overflow": "agentlevels.routing.model",
        "RetentionStep": "agentlevels.routing.model",
        "RoutingPolicy": "agentlevels.routing.policy",
    },
    "agentlevels._units": {"Unit": "agentlevels._language.units"},
}


def legacy_attribute(module: str, name: str) -> Any:
    """``name`` as 0.1's ``module`` held it; ``AttributeError`` for any other name."""
    target = MOVED.get(module, {}).get(name)
    if target is None:
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    return getattr(importlib.import_module(target), name)


class _StandIn(types.ModuleType):
    """An old module's name, resolving the names it used to hold."""

    def __getattr__(self, name: str) -> Any:
        return legacy_attribute(self.__name__, name)


class _Finder:
    """Consulted last: only names no module or package answers reach it."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", self))

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _StandIn(spec.name, f"agentlevels 0.1's {spec.name}, kept for pickles")

    def exec_module(self, module: types.ModuleType) -> None:
        return None


def install_legacy_modules() -> None:
    """Answer imports of 0.1's flat modules (once per process)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())


class _Publisher:
    """Publishes the public names of a private module as soon as it has run.

    The package loads its domains on first use (``agentlevels.__getattr__``),
    and a program may reach a domain's module without passing through the
    package's namespace (``import agentlevels.presets``); either way the names
    must report ``agentlevels``. Consulted first, it only answers for the
    modules of its table, and delegates finding and loading to Python's own.
    """

    def __init__(self, names: Mapping[str, Sequence[str]], public: str) -> None:
        self.names = names  # private module -> the public names it defines
        self.public = public

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = cast(
                "Loader", _PublishingLoader(spec.loader, self.names[fullname], self.public)
            )
        return spec


class _PublishingLoader:
    def __init__(self, loader: Loader, names: Sequence[str], public: str) -> None:
        self.loader = loader
        self.names = names
        self.public = public

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        self.loader.exec_module(module)
        publish(vars(module), self.names, self.public)


def publish_on_import(names: Mapping[str, str], public: str) -> None:
    """Publish each public name of ``names`` (name -> private module) under
    ``public`` when its module is first imported, however it is reached."""
    by_module: dict[str, list[str]] = {}
    for name, module in names.items():
        by_module.setdefault(module, []).append(name)
    for module, defined in by_module.items():
        if module in sys.modules:  # already run: publish now
            publish(vars(sys.modules[module]), defined, public)
    if not any(isinstance(finder, _Publisher) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Publisher(by_module, public))
