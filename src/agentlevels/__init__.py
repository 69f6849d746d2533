"""agentlevels: agent levels, badges and load rules for helpdesks.

The heart is a small formula language (``$answers >= 500 || $chats >= 500``)
that is parsed, checked against a catalog of metrics and compiled to fast
Python callables. See ``docs/`` for the language, the presets and the API.
"""

from agentlevels import nodes, presets
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
from agentlevels._explain import explain
from agentlevels._files import SchemeFileError
from agentlevels._format import format_node
from agentlevels._formula import Formula, check, compile, format_formula
from agentlevels._leaderboard import Standing, leaderboard
from agentlevels._level_files import dump_scheme, load_scheme
from agentlevels._levels import (
    Level,
    LevelOutcome,
    LevelScheme,
    LevelSchemeError,
    LocalizedText,
    UnknownLevelError,
)
from agentlevels._parser import parse
from agentlevels._progress import Progress, Requirement, Shortfall, progress
from agentlevels._sql import SQLError, SQLUnavailableError, badges_to_sql
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
    "Level",
    "LevelOutcome",
    "LevelScheme",
    "LevelSchemeError",
    "LocalizedText",
    "Metric",
    "MissingMetricError",
    "MissingWindowError",
    "Node",
    "Progress",
    "RandomRule",
    "Report",
    "Requirement",
    "SQLError",
    "SQLUnavailableError",
    "SchemeFileError",
    "Shortfall",
    "SnapshotError",
    "Span",
    "Standing",
    "ThresholdRule",
    "Unit",
    "UnknownLevelError",
    "UnknownVariableError",
    "award",
    "badges_to_sql",
    "check",
    "compile",
    "dump_badges",
    "dump_scheme",
    "explain",
    "format_formula",
    "format_node",
    "leaderboard",
    "load_badges",
    "load_scheme",
    "nodes",
    "parse",
    "presets",
    "progress",
]

__version__ = "0.1.0"
