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

import attrs

from agentlevels._diagnostics import Diagnostic
from agentlevels._documents import parse_document
from agentlevels._editor.completion import complete
from agentlevels._editor.hover import hover
from agentlevels._errors import AgentLevelsError, FormulaError, SnapshotError
from agentlevels._explain.sentences import explain
from agentlevels._language.formula import Formula, check, compile
from agentlevels._positions import POSITIONS, Positions, codepoint_offset, utf16_offset
from agentlevels._values import LOCALES
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


def library_error(error: AgentLevelsError | ValueError | TypeError) -> ApiError:
    """The library's own error as an :class:`ApiError`, its message as the library words it."""
    return ApiError(str(error), type=type(error).__name__)


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
        chosen = _choice(body, "positions", POSITIONS, "utf-16")
        self.positions: Positions = "code-points" if chosen == "code-points" else "utf-16"

    def formula(self) -> Formula:
        """The text compiled, or the library's error (with its diagnostics) as a 400."""
        try:
            return compile(self.text, kind=self.kind)
        except FormulaError as error:
            errors = [d for d in error.diagnostics if d.severity == "error"]
            first = errors[0].message_in(self.locale) if errors else str(error)
            failure = ApiError(first, type=type(error).__name__)
            failure.details["diagnostics"] = self.diagnostics(error.diagnostics)
            raise failure from None

    def diagnostics(self, found: tuple[Diagnostic, ...]) -> list[dict[str, Any]]:
        """Diagnostics as dicts, in the request's locale and units."""
        return [d.to_dict(self.locale, self.positions, source=self.text) for d in found]

    def offset(self, body: Mapping[str, Any]) -> int:
        """The request's ``offset`` as a code-point offset (clamped into the text)."""
        offset: int = _field(body, "offset", int)
        if self.positions == "utf-16":
            return codepoint_offset(self.text, offset)
        return max(0, min(offset, len(self.text)))

    def units(self, offset: int) -> int:
        """A code-point offset in the request's units."""
        return utf16_offset(self.text, offset) if self.positions == "utf-16" else offset


def api_check(body: Mapping[str, Any]) -> dict[str, Any]:
    """``check(text, kind=..., locale=...)``: every problem, with offsets for underlining."""
    request = Request(body)
    report = check(request.text, kind=request.kind, locale=request.locale)
    return report.to_dict(positions=request.positions)


def api_complete(body: Mapping[str, Any]) -> dict[str, Any]:
    """``complete(text, offset)``: what may be typed at the cursor, best first."""
    request = Request(body)
    offset = request.offset(body)
    found = complete(request.text, offset, kind=request.kind, locale=request.locale)
    return {
        "completions": [
            attrs.asdict(item)
            | {"start": request.units(item.start), "end": request.units(item.end)}
            for item in found
        ]
    }


def api_hover(body: Mapping[str, Any]) -> dict[str, Any]:
    """``hover(text, offset)``: the metric or operator under the cursor, or ``null``."""
    request = Request(body)
    found = hover(request.text, request.offset(body), kind=request.kind, locale=request.locale)
    if found is None:
        return {"hover": None}
    return {
        "hover": {
            "start": request.units(found.start),
            "end": request.units(found.end),
            "title": found.title,
            "contents": list(found.contents),
        }
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
    "/api/complete": api_complete,
    "/api/hover": api_hover,
    "/api/explain": api_explain,
    "/api/evaluate": api_evaluate,
}
