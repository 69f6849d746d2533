"""agentlevels: agent levels, badges and load rules for helpdesks.

The heart is a small formula language (``$answers >= 500 || $chats >= 500``)
that is parsed, checked against a catalog of metrics and compiled to fast
Python callables. See ``docs/`` for the language, the presets and the API.
"""

from agentlevels import nodes, presets
from agentlevels._badges.awards import Award, award
from agentlevels._badges.compare import AwardChange, BadgeComparison, compare_badges
from agentlevels._badges.files import dump_badges, load_badges
from agentlevels._badges.lint import lint_badges
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, ThresholdRule
from agentlevels._badges.sql import badges_to_sql
from agentlevels._badges.why import explain_badge
from agentlevels._errors import (
    AgentLevelsError,
    BadgeError,
    Diagnostic,
    FormulaError,
    FormulaLimitError,
    FormulaSyntaxError,
    FormulaTypeError,
    InvalidMetricError,
    LevelSchemeError,
    MissingMetricError,
    MissingWindowError,
    QualityError,
    Report,
    SchemeFileError,
    SnapshotError,
    SQLError,
    SQLUnavailableError,
    UnknownLevelError,
    UnknownVariableError,
)
from agentlevels._explain.progress import Progress, Requirement, Shortfall, progress
from agentlevels._explain.sentences import explain
from agentlevels._language.catalog import Catalog, Metric
from agentlevels._language.format import format_node
from agentlevels._language.formula import Formula, check, compile, format_formula
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.parser import parse
from agentlevels._language.trace import Trace, TraceEntry
from agentlevels._language.units import Unit
from agentlevels._levels.compare import LevelChange, SchemeComparison
from agentlevels._levels.files import dump_scheme, load_scheme
from agentlevels._levels.leaderboard import Standing, leaderboard
from agentlevels._levels.level import Level
from agentlevels._levels.outcome import LevelOutcome
from agentlevels._levels.scheme import LevelScheme
from agentlevels._public import install_legacy_modules, publish
from agentlevels._quality.checklist import Checklist, ChecklistItem
from agentlevels._quality.files import dump_checklist, dump_reviews, load_checklist, load_reviews
from agentlevels._quality.metrics import item_failures, quality_metrics
from agentlevels._quality.review import Review, ReviewForm, ReviewScore, score
from agentlevels._quality.sql import quality_to_sql
from agentlevels._scenarios.coverage import AtomCoverage, ClauseCoverage, ConditionCoverage
from agentlevels._scenarios.runner import CaseResult, ScenarioRun, run_scenarios
from agentlevels._values import LocalizedText
from agentlevels.nodes import Node, Span

__all__ = [
    "DEFAULT_CATALOG",
    "AgentLevelsError",
    "AtomCoverage",
    "Award",
    "AwardChange",
    "Badge",
    "BadgeComparison",
    "BadgeError",
    "CaseResult",
    "Catalog",
    "Checklist",
    "ChecklistItem",
    "ClauseCoverage",
    "ComparativeRule",
    "ConditionCoverage",
    "Diagnostic",
    "Formula",
    "FormulaError",
    "FormulaLimitError",
    "FormulaSyntaxError",
    "FormulaTypeError",
    "InvalidMetricError",
    "Level",
    "LevelChange",
    "LevelOutcome",
    "LevelScheme",
    "LevelSchemeError",
    "LocalizedText",
    "Metric",
    "MissingMetricError",
    "MissingWindowError",
    "Node",
    "Progress",
    "QualityError",
    "RandomRule",
    "Report",
    "Requirement",
    "Review",
    "ReviewForm",
    "ReviewScore",
    "SQLError",
    "SQLUnavailableError",
    "ScenarioRun",
    "SchemeComparison",
    "SchemeFileError",
    "Shortfall",
    "SnapshotError",
    "Span",
    "Standing",
    "ThresholdRule",
    "Trace",
    "TraceEntry",
    "Unit",
    "UnknownLevelError",
    "UnknownVariableError",
    "award",
    "badges_to_sql",
    "check",
    "compare_badges",
    "compile",
    "dump_badges",
    "dump_checklist",
    "dump_reviews",
    "dump_scheme",
    "explain",
    "explain_badge",
    "format_formula",
    "format_node",
    "item_failures",
    "leaderboard",
    "lint_badges",
    "load_badges",
    "load_checklist",
    "load_reviews",
    "load_scheme",
    "nodes",
    "parse",
    "presets",
    "progress",
    "quality_metrics",
    "quality_to_sql",
    "run_scenarios",
    "score",
]

__version__ = "0.1.0"

publish(globals(), __all__, __name__)
install_legacy_modules()
