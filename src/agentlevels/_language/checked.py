from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic
from agentlevels._language.catalog import Catalog

Kind: TypeAlias = Literal["boolean", "number"]


KINDS: tuple[Kind, ...] = ("boolean", "number")


@attrs.frozen
class Checked:
    """A tree that passed the checker: the only input the compiler accepts."""

    node: nodes.Node
    kind: Kind
    catalog: Catalog
    variables: frozenset[str]
    warnings: tuple[Diagnostic, ...]
