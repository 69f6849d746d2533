"""The playground's JSON endpoints: each takes the request's JSON object, returns the answer's.

Every endpoint is a thin layer over a library function; a bad request raises
:class:`ApiError`, which the server sends as a JSON 400. Offsets in requests
and answers count UTF-16 code units (what a browser's ``selectionStart``
counts) unless the request says ``"positions": "code-points"``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

from agentlevels._documents import parse_document
from agentlevels._errors import AgentLevelsError, FormulaError, SnapshotError
from agentlevels._explain.sentences import explain
from agentlevels._language.formula import Formula, check, compile
from agentlevels._values import LOCALES
from agentlevels.playground.offsets import POSITIONS, diagnostic_positions
from agentlevels.playground.texts import PAGE_TEXTS, team_summary

KINDS = ("boolean", "number")
# A team sent with /api/evaluate holds at most this many agents.
MAX_AGENTS = 1_000

Endpoint = Callable[[Mapping[str, Any]], dict[str, Any]]


class ApiError(Exception):
    """A request the endpoint cannot answer: sent as ``{"error": {...}}`` with ``status``."""

    def __init__(self, message: str, *, type: str = "BadRequest", status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.type = type
        self.status = status
        self.details: dict[str, Any] = {}

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of the error answer."""
        return {"error": {"type": self.type, "message": self.message, **self.details}}


def library_error(error: AgentLevelsError | ValueError | TypeError, text: str = "") -> ApiError:
    """The library's own error as an :class:`ApiError` (a formula's diagnostics included)."""
    failure = ApiError(str(error), type=type(error).__name__)
    if isinstance(error, FormulaError):
        errors = [d for d in error.diagnostics if d.severity == "error"] or error.diagnostics
        failure.message = errors[0].message if errors else "the formula has problems"
        failure.details["diagnostics"] = [d.to_dict() for d in error.diagnostics]
    return failure


def _field(body: Mapping[str, Any], name: str, kind: type, default: Any = None) -> Any:
    value = body.get(name, default)
    # bool is an int in Python, never a valid offset here.
    if value is None or isinstance(value, bool) or not isinstance(value, kind):
        raise ApiError(f"{name!r} must be {_KIND_WORDS[kind]}")
    return value


_KIND_WORDS: dict[type, str] = {str: "a string", int: "an integer", dict: "an object"}


def _choice(body: Mapping[str, Any], name: str, choices: tuple[str, ...], default: str) -> str:
    value = body.get(name, default)
    if value not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        raise ApiError(f"{name!r} must be one of {listed}, not {json.dumps(value)[:40]}")
    return str(value)


class Request:
    """The fields every endpoint shares, validated once."""

    def __init__(self, body: Mapping[str, Any]) -> None:
        self.text: str = _field(body, "text", str)
        self.kind = _choice(body, "kind", KINDS, "boolean")
        self.locale = _choice(body, "locale", LOCALES, "en")
        self.positions = _choice(body, "positions", POSITIONS, "utf-16")

    def formula(self) -> Formula:
        """The text compiled, or the library's error (with its diagnostics) as a 400."""
        try:
            return compile(self.text, kind=self.kind)
        except FormulaError as error:
            failure = library_error(error)
            failure.details["diagnostics"] = self.diagnostics(error.diagnostics)
            raise failure from None

    def diagnostics(self, found: Any) -> list[dict[str, Any]]:
        """Diagnostics as dicts, in the request's units."""
        return [diagnostic_positions(self.text, d.to_dict(), self.positions) for d in found]


def api_check(body: Mapping[str, Any]) -> dict[str, Any]:
    """``check(text, kind=...)``: every problem, with offsets for underlining."""
    request = Request(body)
    report = check(request.text, kind=request.kind)
    return {
        "ok": report.ok,
        "positions": request.positions,
        "diagnostics": request.diagnostics(report.diagnostics),
    }


def api_explain(body: Mapping[str, Any]) -> dict[str, Any]:
    """``explain(formula, locale)``, and the formula's canonical text."""
    request = Request(body)
    formula = request.formula()
    return {"explanation": explain(formula, request.locale), "canonical": formula.canonical}


def sample_team() -> dict[str, Any]:
    """The embedded sample team (the one ``agentlevels levels`` shows): agent -> snapshot."""
    text = resources.files("agentlevels").joinpath("data/sample_team.json").read_text("utf-8")
    return parse_document(text, "json")


def _team(body: Mapping[str, Any]) -> Mapping[str, Any]:
    if body.get("team") is None:
        return sample_team()
    team: dict[str, Any] = _field(body, "team", dict)
    if len(team) > MAX_AGENTS:
        raise ApiError(f"'team' holds {len(team)} agents; at most {MAX_AGENTS} are evaluated")
    return team


def api_evaluate(body: Mapping[str, Any]) -> dict[str, Any]:
    """The formula's value for every agent of the sample team (or of ``team``)."""
    request = Request(body)
    formula = request.formula()
    agents: list[dict[str, Any]] = []
    for agent, snapshot in _team(body).items():
        row: dict[str, Any] = {"agent": agent}
        try:
            row["value"] = formula.evaluate(snapshot)
        except SnapshotError as error:  # one agent's bad snapshot does not hide the others
            row["value"] = None
            row["error"] = str(error)
        agents.append(row)
    answer: dict[str, Any] = {"kind": formula.kind, "agents": agents}
    if formula.kind == "boolean":
        met = sum(1 for row in agents if row["value"] is True)
        answer["met"] = met
        answer["summary"] = team_summary(met, len(agents), request.locale)
    return answer


def api_texts(body: Mapping[str, Any]) -> dict[str, Any]:
    """Every word of the page, in every shipped locale."""
    return {"locales": list(LOCALES), "texts": PAGE_TEXTS}


# POST endpoints by path; GET /api/texts is the one read-only one.
ENDPOINTS: dict[str, Endpoint] = {
    "/api/check": api_check,
    "/api/explain": api_explain,
    "/api/evaluate": api_evaluate,
}
