"""Scenario files: the cases of ``docs/scenarios.schema.json``, read and checked.

A level scenario file names a scheme (``scheme = "levels.toml"``, relative to
the file, or ``preset = "levels"``) and lists cases: a snapshot, the level
held, and the level expected (or an error, or words of the progress text).
A badge scenario file names a badge set and lists cases: windows of
snapshots and the expected winners by badge key.

Every case starts from ``[defaults]``. A metric the scheme reads that neither
the defaults nor the case give is *unknown* (``None``: TOML has no null); a
case lists metrics in ``unknown`` to clear a default, and in ``absent`` to
leave them out of the snapshot altogether (a ``missing-metric`` error).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

import attrs

from agentlevels._badges.files import load_badges
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import ComparativeRule, RandomRule, Rule, ThresholdRule
from agentlevels._documents import (
    check_keys,
    expect_int,
    expect_mapping,
    expect_sequence,
    expect_str,
    load_document,
)
from agentlevels._errors import (
    AgentLevelsError,
    BadgeError,
    InvalidMetricError,
    MissingMetricError,
    MissingWindowError,
    SchemeFileError,
    SnapshotError,
    UnknownLevelError,
)
from agentlevels._formats import child_path
from agentlevels._language.formula import Formula
from agentlevels._levels.files import load_scheme
from agentlevels._levels.scheme import LevelScheme
from agentlevels.presets import badges as preset_badges
from agentlevels.presets import levels as preset_levels

__all__ = [
    "ERROR_CODES",
    "RULE_FORMULAS",
    "SCENARIOS_VERSION",
    "SCENARIO_SUFFIXES",
    "BadgeCase",
    "LevelCase",
    "ScenarioFile",
    "TextCheck",
    "badge_formulas",
    "error_code",
    "load_scenarios",
]

SCENARIOS_VERSION: Final = 1
"""The version of the scenario file format (``docs/scenarios.schema.json``)."""

SCENARIO_SUFFIXES: Final = (".scenarios.toml", ".scenarios.json")
"""The names a directory search and the pytest plugin pick up."""

ERROR_CODES: Final[dict[str, type[AgentLevelsError]]] = {
    "missing-metric": MissingMetricError,
    "invalid-metric": InvalidMetricError,
    "snapshot": SnapshotError,
    "unknown-level": UnknownLevelError,
    "missing-window": MissingWindowError,
    "badge": BadgeError,
}
"""What ``expect_error`` may name; the most specific code of an error is reported."""


def error_code(error: BaseException) -> str:
    """The ``expect_error`` code of ``error`` (its class name when none fits)."""
    for code, cls in ERROR_CODES.items():
        if isinstance(error, cls):
            return code
    return type(error).__name__


Metrics: TypeAlias = dict[str, Any]


@attrs.frozen
class TextCheck:
    """``expect_progress``/``expect_why``: the text in ``locale`` contains ``contains``."""

    locale: str
    contains: str


@attrs.frozen
class LevelCase:
    """One case of a level scenario file, its snapshot already built from the defaults."""

    name: str
    snapshot: Metrics
    current: str | int | None = None
    expect: str | None = None
    expects_level: bool = False
    expect_error: str | None = None
    expect_progress: TextCheck | None = None
    expect_why: TextCheck | None = None


@attrs.frozen
class BadgeCase:
    """One case of a badge scenario file: windows of snapshots and the expected winners."""

    name: str
    windows: dict[str, dict[str, Metrics]]
    seed: int = 0
    expect: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    expect_error: str | None = None


@attrs.frozen
class ScenarioFile:
    """A scenario file read whole: what it tests (``subject``) and its cases.

    ``subject`` names the scheme or badge set for reports and coverage
    (``preset:levels`` or the resolved path of the scheme file).
    """

    path: str
    kind: Literal["levels", "badges"]
    subject: str
    scheme: LevelScheme | None
    badges: tuple[Badge, ...]
    cases: tuple[LevelCase | BadgeCase, ...]


_CASE_KEYS: Final = {
    "levels": (
        "snapshot",
        "current",
        "expect",
        "expect_error",
        "expect_progress",
        "expect_why",
        "unknown",
        "absent",
    ),
    "badges": ("windows", "seed", "expect", "expect_error"),
}


def _text_check(value: object, where: str) -> TextCheck:
    data = expect_mapping(value, where)
    check_keys(data, where, required=("contains",), optional=("locale",))
    locale = expect_str(data.get("locale", "en"), child_path(where, "locale"))
    return TextCheck(locale, expect_str(data["contains"], child_path(where, "contains")))


def _names(data: Mapping[str, Any], key: str, where: str) -> list[str]:
    items = expect_sequence(data.get(key, []), child_path(where, key))
    return [expect_str(item, child_path(child_path(where, key), i)) for i, item in enumerate(items)]


def _metrics(value: object, where: str) -> Metrics:
    return dict(expect_mapping(value, where))


def _snapshot(defaults: Metrics, given: Metrics, reads: Sequence[str]) -> Metrics:
    return dict.fromkeys(reads) | defaults | given


def _level_case(
    data: Mapping[str, Any], where: str, defaults: Metrics, reads: Sequence[str]
) -> LevelCase:
    snapshot = _snapshot(
        defaults, _metrics(data.get("snapshot", {}), child_path(where, "snapshot")), reads
    )
    for name in _names(data, "unknown", where):
        snapshot[name] = None
    for name in _names(data, "absent", where):
        snapshot.pop(name, None)
    current = data.get("current")
    if current is not None and (isinstance(current, bool) or not isinstance(current, str | int)):
        raise SchemeFileError("expected a level key or rank", key_path=child_path(where, "current"))
    expect = None
    if "expect" in data:
        expect = expect_str(data["expect"], child_path(where, "expect"), non_empty=False) or None
    expect_error = _expected_error(data, where)
    checks = {
        key: _text_check(data[key], child_path(where, key))
        for key in ("expect_progress", "expect_why")
        if key in data
    }
    if "expect" not in data and expect_error is None and not checks:
        raise SchemeFileError(
            "a case needs expect, expect_error, expect_progress or expect_why", key_path=where
        )
    return LevelCase(
        expect_str(data["name"], child_path(where, "name")),
        snapshot,
        current,
        expect,
        "expect" in data,
        expect_error,
        checks.get("expect_progress"),
        checks.get("expect_why"),
    )


def _expected_error(data: Mapping[str, Any], where: str) -> str | None:
    if "expect_error" not in data:
        return None
    code = expect_str(data["expect_error"], child_path(where, "expect_error"))
    if code not in ERROR_CODES:
        raise SchemeFileError(
            f"unknown error code {code!r} (one of: {', '.join(ERROR_CODES)})",
            key_path=child_path(where, "expect_error"),
        )
    return code


def _badge_case(
    data: Mapping[str, Any],
    where: str,
    defaults: Metrics,
    reads: Mapping[str, Sequence[str]],
    seed: int,
) -> BadgeCase:
    windows: dict[str, dict[str, Metrics]] = {}
    at = child_path(where, "windows")
    for window, team in expect_mapping(data.get("windows", {}), at).items():
        team_at = child_path(at, window)
        windows[window] = {
            agent: _snapshot(
                defaults, _metrics(values, child_path(team_at, agent)), reads.get(window, ())
            )
            for agent, values in expect_mapping(team, team_at).items()
        }
    expect: dict[str, tuple[str, ...]] = {}
    expect_at = child_path(where, "expect")
    for key, agents in expect_mapping(data.get("expect", {}), expect_at).items():
        expect[key] = tuple(sorted(_names({key: agents}, key, expect_at)))
    expect_error = _expected_error(data, where)
    if "expect" not in data and expect_error is None:
        raise SchemeFileError("a case needs expect or expect_error", key_path=where)
    case_seed = expect_int(data.get("seed", seed), child_path(where, "seed"))
    return BadgeCase(
        expect_str(data["name"], child_path(where, "name")),
        windows,
        case_seed,
        expect,
        expect_error,
    )


def _subject(
    data: Mapping[str, Any], base: Path, kind: str
) -> tuple[str, LevelScheme | tuple[Badge, ...]]:
    own_key = "scheme" if kind == "levels" else "badges"
    if "preset" in data:
        preset = expect_str(data["preset"], "preset")
        if preset != kind:
            raise SchemeFileError(
                f"the preset is 'levels' or 'badges', not {preset!r}", key_path="preset"
            )
        return f"preset:{kind}", preset_levels() if kind == "levels" else preset_badges()
    target = (base / expect_str(data[own_key], own_key)).resolve()
    if kind == "levels":
        return str(target), load_scheme(target)
    return str(target), load_badges(target)


def _kind(data: Mapping[str, Any]) -> Literal["levels", "badges"]:
    if "preset" in data and data["preset"] not in ("levels", "badges"):
        raise SchemeFileError(
            f"the preset is 'levels' or 'badges', not {data['preset']!r}", key_path="preset"
        )
    if "scheme" in data or data.get("preset") == "levels":
        return "levels"
    if "badges" in data or data.get("preset") == "badges":
        return "badges"
    raise SchemeFileError(
        'a scenario file names what it tests: scheme = "FILE", badges = "FILE" '
        'or preset = "levels" / "badges"'
    )


# The formula fields of each rule class, by name.
RULE_FORMULAS: Final[dict[type[Rule], tuple[str, ...]]] = {
    ThresholdRule: ("condition",),
    ComparativeRule: ("eligible", "metric"),
    RandomRule: ("eligible",),
}


def badge_formulas(badge: Badge) -> dict[str, Formula]:
    """Every formula of ``badge``'s rule by field name: condition or eligibility, and metric."""
    fields = RULE_FORMULAS.get(type(badge.rule))
    if fields is None:
        raise TypeError(f"badge {badge.key!r} has an unknown rule {badge.rule!r}")
    found: dict[str, Formula] = {name: getattr(badge.rule, name) for name in fields}
    return found


def _badge_reads(badges: Sequence[Badge]) -> dict[str, list[str]]:
    reads: dict[str, dict[str, None]] = {}
    for badge in badges:
        names = reads.setdefault(badge.window, {})
        for formula in badge_formulas(badge).values():
            names.update(dict.fromkeys(sorted(formula.variables)))
    return {window: list(names) for window, names in reads.items()}


def scenarios_from_dict(data: Mapping[str, Any], path: str | os.PathLike[str]) -> ScenarioFile:
    """The scenario file ``data`` read from ``path`` (relative names resolve beside it)."""
    data = expect_mapping(data, "")
    kind = _kind(data)
    own = "scheme" if kind == "levels" else "badges"
    optional = ["version", "preset", own, "defaults", "case"] + (
        ["seed"] if kind == "badges" else []
    )
    check_keys(data, "", optional=optional)
    if "preset" in data and own in data:
        raise SchemeFileError(f"give either preset or {own}, not both", key_path=own)
    version = expect_int(data.get("version", SCENARIOS_VERSION), "version")
    if version != SCENARIOS_VERSION:
        raise SchemeFileError(
            f"unsupported version {version}; this library reads version {SCENARIOS_VERSION}",
            key_path="version",
        )
    subject, tested = _subject(data, Path(path).parent, kind)
    defaults = _metrics(data.get("defaults", {}), "defaults")
    items = expect_sequence(data.get("case", []), "case")
    cases: list[LevelCase | BadgeCase] = []
    names: set[str] = set()
    for index, item in enumerate(items):
        where = child_path("case", index)
        entry = expect_mapping(item, where)
        check_keys(entry, where, required=("name",), optional=_CASE_KEYS[kind])
        if isinstance(tested, LevelScheme):
            reads = sorted({name for formula in tested.formulas for name in formula.variables})
            cases.append(_level_case(entry, where, defaults, reads))
        else:
            seed = expect_int(data.get("seed", 0), "seed")
            cases.append(_badge_case(entry, where, defaults, _badge_reads(tested), seed))
        if cases[-1].name in names:
            raise SchemeFileError(
                f"case name {cases[-1].name!r} is used twice", key_path=child_path(where, "name")
            )
        names.add(cases[-1].name)
    scheme = tested if isinstance(tested, LevelScheme) else None
    badges = () if isinstance(tested, LevelScheme) else tested
    return ScenarioFile(os.fspath(path), kind, subject, scheme, badges, tuple(cases))


def load_scenarios(path: str | os.PathLike[str]) -> ScenarioFile:
    """Read a scenario file (``.toml`` or ``.json``); problems raise :class:`SchemeFileError`."""
    data = load_document(path)
    try:
        return scenarios_from_dict(data, path)
    except SchemeFileError as error:
        raise error if error.path else error.with_path(path) from None
