"""agentlevels: agent levels, badges and load rules for helpdesks.

The heart is a small formula language (``$answers >= 500 || $chats >= 500``)
that is parsed, checked against a catalog of metrics and compiled to fast
Python callables. See ``docs/`` for the language, the presets and the API.
"""

from agentlevels import nodes
from agentlevels._awards import Award, award
from agentlevels._badges import (
    Badge,
    BadgeError,
    ComparativeRule,
    MissingWindowError,
    RandomRule,
    ThresholdRule,
    dump_badges,
    load_badges,
)
from agentlevels._catalog import DEFAULT_CATALOG, Catalog, Metric
from agentlevels._errors import (
    AgentLevelsError,
    Diagnostic,
    FormulaError,
    FormulaLimitError,
    FormulaSyntaxError,
    FormulaTypeError,
    InvalidMetricError,
    MissingMetricError,
    Report,
    SnapshotError,
    UnknownVariableError,
)
from agentlevels._format import format_node
from agentlevels._formula import Formula, check, compile, format_formula
from agentlevels._parser import parse
from agentlevels._units import Unit
from agentlevels.nodes import Node, Span

__all__ = [
    "DEFAULT_CATALOG",
    "AgentLevelsError",
    "Award",
    "Badge",
    "BadgeError",
    "Catalog",
    "ComparativeRule",
    "Diagnostic",
    "Formula",
    "FormulaError",
    "FormulaLimitError",
    "FormulaSyntaxError",
    "FormulaTypeError",
    "InvalidMetricError",
    "Metric",
    "MissingMetricError",
    "MissingWindowError",
    "Node",
    "RandomRule",
    "Report",
    "SnapshotError",
    "Span",
    "ThresholdRule",
    "Unit",
    "UnknownVariableError",
    "award",
    "check",
    "compile",
    "dump_badges",
    "format_formula",
    "format_node",
    "load_badges",
    "nodes",
    "parse",
]

__version__ = "0.1.0"
