"""The golden formula cases, kept as data and shared by every backend's tests.

``formulas.json`` lists formulas with what the language must make of them:
the canonical text, the diagnostics (code, line, column, severity and,
optionally, a piece of the hint), the exception :func:`agentlevels.compile`
raises, and values for snapshots. The Python runner is ``tests/test_golden.py``;
other backends (SQL) load the same cases with :func:`load_golden`.

A formula (or canonical text) in the file is either a string or a list of
pieces, each a string or ``{"text": ..., "times": n}``, so that formulas at
the limits (10,000 characters, 1,000 nodes) stay readable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import agentlevels
from agentlevels import Catalog

GOLDEN_FILE = Path(__file__).with_name("formulas.json")

Value = int | float | bool | None

# Codes the checker emits (the parser's are in agentlevels._errors.SYNTAX_CODES
# and LIMIT_CODES). A code added to the checker must be added here, to the
# golden file and to docs/errors.md.
CHECKER_ERROR_CODES = frozenset(
    {"unknown-variable", "type-mismatch", "condition-expected", "number-expected"}
)
CHECKER_WARNING_CODES = frozenset(
    {"unit-mismatch", "out-of-range", "constant-condition", "division-by-zero"}
)
CHECKER_CODES = CHECKER_ERROR_CODES | CHECKER_WARNING_CODES

CATALOGS: dict[str, Catalog] = {"default": agentlevels.DEFAULT_CATALOG}


@dataclass(frozen=True)
class ExpectedDiagnostic:
    code: str
    line: int
    column: int
    severity: str
    hint: str | None = None  # a piece of text the hint must contain


@dataclass(frozen=True)
class ExpectedValue:
    snapshot: dict[str, Value]
    evaluate: Value
    met: bool | None = None  # boolean formulas only


@dataclass(frozen=True)
class GoldenCase:
    id: str
    formula: str
    kind: str = "boolean"
    catalog: str | None = "default"  # None: a syntax-only case (parse and format)
    canonical: str | None = None
    diagnostics: tuple[ExpectedDiagnostic, ...] = ()
    error: str | None = None  # the FormulaError subclass compile() raises
    values: tuple[ExpectedValue, ...] = ()
    note: str = ""

    @property
    def compiles(self) -> bool:
        """Whether the formula compiles (warnings allowed)."""
        return self.error is None

    def catalog_object(self) -> Catalog | None:
        return None if self.catalog is None else CATALOGS[self.catalog]


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    parts: list[str] = []
    for piece in value:
        parts.append(piece if isinstance(piece, str) else piece["text"] * piece["times"])
    return "".join(parts)


def _case(raw: dict[str, Any]) -> GoldenCase:
    known = {"id", "formula", "kind", "catalog", "canonical", "diagnostics", "error", "values"}
    unknown = set(raw) - known - {"note"}
    if unknown:
        raise ValueError(f"golden case {raw.get('id')!r} has unknown keys {sorted(unknown)}")
    return GoldenCase(
        id=raw["id"],
        formula=_text(raw["formula"]),
        kind=raw.get("kind", "boolean"),
        catalog=raw.get("catalog", "default"),
        canonical=None if raw.get("canonical") is None else _text(raw["canonical"]),
        diagnostics=tuple(ExpectedDiagnostic(**d) for d in raw.get("diagnostics", ())),
        error=raw.get("error"),
        values=tuple(ExpectedValue(**v) for v in raw.get("values", ())),
        note=raw.get("note", ""),
    )


def load_golden(path: Path = GOLDEN_FILE) -> list[GoldenCase]:
    """Every golden case, with formulas expanded to plain text."""
    with path.open(encoding="utf-8") as file:
        return [_case(raw) for raw in json.load(file)]
