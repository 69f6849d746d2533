"""agentlevels: agent levels, badges and load rules for helpdesks.

The heart is a small formula language (``$answers >= 500 || $chats >= 500``)
that is parsed, checked against a catalog of metrics and compiled to fast
Python callables. See ``docs/`` for the language, the presets and the API.
"""

import importlib
from typing import TYPE_CHECKING, Any

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic, Report
from agentlevels._errors import (
    AgentLevelsError,
    BadgeError,
    FormulaError,
    FormulaLimitError,
    FormulaSyntaxError,
    FormulaTypeError,
    InvalidMetricError,
    LevelSchemeError,
    MissingMetricError,
    MissingWindowError,
    QualityError,
    SchemeFileError,
    SnapshotError,
    SQLError,
    SQLUnavailableError,
    UnknownLevelError,
    UnknownVariableError,
)
from agentlevels._language.catalog import Catalog, Metric
from agentlevels._language.format import format_node
from agentlevels._language.formula import Formula, check, compile, format_formula
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.parser import parse
from agentlevels._language.trace import Trace, TraceEntry
from agentlevels._language.units import Unit
from agentlevels._public import install_legacy_modules, publish, publish_on_import
from agentlevels._values import LocalizedText
from agentlevels.nodes import Node, Span

if TYPE_CHECKING:
    from agentlevels import presets
    from agentlevels._badges.awards import Award, award
    from agentlevels._badges.compare import AwardChange, BadgeComparison, compare_badges
    from agentlevels._badges.files import dump_badges, load_badges
    from agentlevels._badges.lint import lint_badges
    from agentlevels._badges.model import Badge
    from agentlevels._badges.rules import ComparativeRule, RandomRule, ThresholdRule
    from agentlevels._badges.sql import badges_to_sql
    from agentlevels._badges.why import explain_badge
    from agentlevels._editor.completion import Completion, complete
    from agentlevels._editor.hover import Hover, hover
    from agentlevels._explain.progress import Progress, Requirement, Shortfall, progress
    from agentlevels._explain.sentences import explain
    from agentlevels._levels.compare import LevelChange, SchemeComparison
    from agentlevels._levels.files import dump_scheme, load_scheme
    from agentlevels._levels.leaderboard import Standing, leaderboard
    from agentlevels._levels.level import Level
    from agentlevels._levels.outcome import LevelOutcome
    from agentlevels._levels.scheme import LevelScheme
    from agentlevels._quality.checklist import Checklist, ChecklistItem
    from agentlevels._quality.files import (
        dump_checklist,
        dump_reviews,
        load_checklist,
        load_reviews,
    )
    from agentlevels._quality.metrics import item_failures, quality_metrics
    from agentlevels._quality.review import Review, ReviewForm, ReviewScore, score
    from agentlevels._quality.sql import quality_to_sql
    from agentlevels._scenarios.coverage import AtomCoverage, ClauseCoverage, ConditionCoverage
    from agentlevels._scenarios.runner import CaseResult, ScenarioRun, run_scenarios

# The language is imported with the package; the domains (levels, badges,
# quality, explain, scenarios, presets) on first use of one of their names, so
# that a program that only compiles formulas never pays for them
# (docs/performance.md).
_LAZY: dict[str, str] = {
    "AtomCoverage": "agentlevels._scenarios.coverage",
    "Award": "agentlevels._badges.awards",
    "AwardChange": "agentlevels._badges.compare",
    "Badge": "agentlevels._badges.model",
    "BadgeComparison": "agentlevels._badges.compare",
    "CaseResult": "agentlevels._scenarios.runner",
    "Checklist": "agentlevels._quality.checklist",
    "ChecklistItem": "agentlevels._quality.checklist",
    "ClauseCoverage": "agentlevels._scenarios.coverage",
    "ComparativeRule": "agentlevels._badges.rules",
    "Completion": "agentlevels._editor.completion",
    "ConditionCoverage": "agentlevels._scenarios.coverage",
    "Hover": "agentlevels._editor.hover",
    "Level": "agentlevels._levels.level",
    "LevelChange": "agentlevels._levels.compare",
    "LevelOutcome": "agentlevels._levels.outcome",
    "LevelScheme": "agentlevels._levels.scheme",
    "Progress": "agentlevels._explain.progress",
    "RandomRule": "agentlevels._badges.rules",
    "Requirement": "agentlevels._explain.progress",
    "Review": "agentlevels._quality.review",
    "ReviewForm": "agentlevels._quality.review",
    "ReviewScore": "agentlevels._quality.review",
    "ScenarioRun": "agentlevels._scenarios.runner",
    "SchemeComparison": "agentlevels._levels.compare",
    "Shortfall": "agentlevels._explain.progress",
    "Standing": "agentlevels._levels.leaderboard",
    "ThresholdRule": "agentlevels._badges.rules",
    "award": "agentlevels._badges.awards",
    "badges_to_sql": "agentlevels._badges.sql",
    "compare_badges": "agentlevels._badges.compare",
    "complete": "agentlevels._editor.completion",
    "dump_badges": "agentlevels._badges.files",
    "dump_checklist": "agentlevels._quality.files",
    "dump_reviews": "agentlevels._quality.files",
    "dump_scheme": "agentlevels._levels.files",
    "explain": "agentlevels._explain.sentences",
    "explain_badge": "agentlevels._badges.why",
    "hover": "agentlevels._editor.hover",
    "item_failures": "agentlevels._quality.metrics",
    "leaderboard": "agentlevels._levels.leaderboard",
    "lint_badges": "agentlevels._badges.lint",
    "load_badges": "agentlevels._badges.files",
    "load_checklist": "agentlevels._quality.files",
    "load_reviews": "agentlevels._quality.files",
    "load_scheme": "agentlevels._levels.files",
    "presets": "agentlevels.presets",
    "progress": "agentlevels._explain.progress",
    "quality_metrics": "agentlevels._quality.metrics",
    "quality_to_sql": "agentlevels._quality.sql",
    "run_scenarios": "agentlevels._scenarios.runner",
    "score": "agentlevels._quality.review",
}

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
    "Completion",
    "ConditionCoverage",
    "Diagnostic",
    "Formula",
    "FormulaError",
    "FormulaLimitError",
    "FormulaSyntaxError",
    "FormulaTypeError",
    "Hover",
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
    "complete",
    "dump_badges",
    "dump_checklist",
    "dump_reviews",
    "dump_scheme",
    "explain",
    "explain_badge",
    "format_formula",
    "format_node",
    "hover",
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

publish(globals(), [name for name in __all__ if name not in _LAZY], __name__)
publish_on_import({n: m for n, m in _LAZY.items() if n != "presets"}, __name__)
install_legacy_modules()


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    loaded = importlib.import_module(module)
    value = loaded if module == f"{__name__}.{name}" else getattr(loaded, name)
    globals()[name] = value  # the next look-up finds it without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
