"""Running scenario cases: one result per case, clause coverage on the side."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Literal

import attrs

from agentlevels._badges.awards import award
from agentlevels._badges.model import Badge
from agentlevels._badges.rules import always_true
from agentlevels._errors import AgentLevelsError, SchemeFileError
from agentlevels._language.formula import Formula
from agentlevels._levels.scheme import LevelScheme
from agentlevels._scenarios.cases import (
    SCENARIO_SUFFIXES,
    BadgeCase,
    LevelCase,
    ScenarioFile,
    badge_formulas,
    error_code,
    load_scenarios,
)
from agentlevels._scenarios.coverage import ClauseCoverage, ConditionCoverage, record_case
from agentlevels._scenarios.messages import message

__all__ = [
    "CaseResult",
    "ScenarioRun",
    "find_scenario_files",
    "run_case",
    "run_file",
    "run_scenarios",
]

Status = Literal["passed", "failed"]


@attrs.frozen
class CaseResult:
    """One case's result: ``status`` is ``"passed"`` or ``"failed"``; ``message`` says why."""

    file: str
    name: str
    status: Status
    message: str = ""
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        """Whether the case passed."""
        return self.status == "passed"


@attrs.frozen
class ScenarioRun:
    """Every case result, every file that could not be read, and the clause coverage."""

    results: tuple[CaseResult, ...]
    errors: tuple[SchemeFileError, ...]
    coverage: ClauseCoverage
    seconds: float

    @property
    def failed(self) -> tuple[CaseResult, ...]:
        """The results of the cases that failed."""
        return tuple(result for result in self.results if not result.passed)

    def exit_code(self, fail_under: float | None = None) -> int:
        """2 when a file could not be read, 1 when a case failed or coverage is short, else 0."""
        if self.errors:
            return 2
        if self.failed:
            return 1
        if fail_under is not None and self.coverage.percent < fail_under:
            return 1
        return 0


def level_conditions(scheme: LevelScheme) -> list[tuple[str, Formula]]:
    """A scheme's conditions labelled by level key, lowest level first."""
    return [
        (level.key, formula) for level, formula in zip(scheme.levels, scheme.formulas, strict=True)
    ]


def badge_conditions(file: ScenarioFile) -> list[tuple[str, str, Formula]]:
    """The badge set's boolean formulas: (window, label, formula); ``true`` is left out."""
    return [
        (badge.window, f"{badge.key}.{field}", formula)
        for badge in file.badges
        for field, formula in badge_formulas(badge).items()
        if formula.kind == "boolean" and not always_true(formula)
    ]


def _check_text(label: str, text: str, contains: str, locale: str) -> str:
    if contains in text:
        return ""
    label = message(label, locale)
    return message("text", locale, label=label, contains=contains, text=text)


def _error_message(expected: str | None, error: AgentLevelsError, locale: str) -> str:
    code = error_code(error)
    if expected == code:
        return ""
    if expected is None:
        return message("unexpected error", locale, code=code, error=error)
    return message("wrong error", locale, expected=expected, code=code, error=error)


def _run_level_case(scheme: LevelScheme, case: LevelCase, locale: str) -> str:
    try:
        outcome = scheme.evaluate(case.snapshot, current=case.current)
    except AgentLevelsError as error:
        return _error_message(case.expect_error, error, locale)
    reached = None if outcome.level is None else outcome.level.key
    if case.expect_error:
        return message("error instead", locale, expected=case.expect_error, reached=reached)
    problems = []
    if case.expects_level and reached != case.expect:
        said = message("level", locale, expected=case.expect, reached=reached)
        problems.append(f"{said}\n{outcome.why(locale)}")
    if case.expect_progress is not None:
        progress = outcome.progress
        text = "" if progress is None else progress.remaining_text(case.expect_progress.locale)
        problems.append(_check_text("progress text", text, case.expect_progress.contains, locale))
    if case.expect_why is not None:
        text = outcome.why(case.expect_why.locale)
        problems.append(_check_text("why text", text, case.expect_why.contains, locale))
    return "\n".join(problem for problem in problems if problem)


def _run_badge_case(file: ScenarioFile, case: BadgeCase, locale: str) -> str:
    chosen = [badge for badge in file.badges if badge.window in case.windows]
    try:
        awards = award(chosen, case.windows, rng=random.Random(case.seed))
    except AgentLevelsError as error:
        return _error_message(case.expect_error, error, locale)
    if case.expect_error:
        return message("awarded instead", locale, expected=case.expect_error)
    won = {found.key: found.agent_ids for found in awards}
    return "\n".join(winner_problems(file.badges, won, case.expect, locale))


def winner_problems(
    badges: Iterable[Badge],
    won: Mapping[str, tuple[str, ...]],
    expected: Mapping[str, tuple[str, ...]],
    locale: str = "en",
) -> list[str]:
    """What differs between the winners ``won`` and the ``expected`` ones, by badge key."""
    known = {badge.key for badge in badges}
    nobody = message("nobody", locale)
    problems = []
    for key, wanted in expected.items():
        if key not in known:
            problems.append(message("no badge", locale, key=key))
        elif won.get(key, ()) != wanted:
            got = ", ".join(won.get(key, ())) or nobody
            problems.append(
                message("badge", locale, key=key, expected=", ".join(wanted) or nobody, got=got)
            )
    return problems


def run_case(
    file: ScenarioFile,
    case: LevelCase | BadgeCase,
    coverage: ClauseCoverage | None = None,
    locale: str = "en",
) -> CaseResult:
    """Run one case of ``file``; with ``coverage``, add the case's snapshots to it.

    ``locale`` is the language of the failure message (``"ru"`` or English).
    """
    start = time.perf_counter()
    if isinstance(case, LevelCase):
        assert file.scheme is not None  # a level file always has its scheme
        said = _run_level_case(file.scheme, case, locale)
        if coverage is not None:
            conditions = coverage.conditions(file.subject, level_conditions(file.scheme))
            record_case(conditions, case.snapshot, case.name)
    else:
        said = _run_badge_case(file, case, locale)
        if coverage is not None:
            _record_badges(file, case, coverage)
    status: Status = "failed" if said else "passed"
    return CaseResult(file.path, case.name, status, said, time.perf_counter() - start)


def _record_badges(file: ScenarioFile, case: BadgeCase, coverage: ClauseCoverage) -> None:
    found = badge_conditions(file)
    conditions: list[ConditionCoverage] = coverage.conditions(
        file.subject, [(label, formula) for _, label, formula in found]
    )
    for (window, _, _), condition in zip(found, conditions, strict=True):
        for agent, snapshot in case.windows.get(window, {}).items():
            condition.record(snapshot, f"{case.name} / {agent}")


def run_file(
    file: ScenarioFile, coverage: ClauseCoverage | None = None, locale: str = "en"
) -> list[CaseResult]:
    """Run every case of ``file`` in order."""
    if coverage is not None:  # every condition has a row, even one no case reaches
        if file.scheme is not None:
            coverage.conditions(file.subject, level_conditions(file.scheme))
        else:
            coverage.conditions(
                file.subject, [(label, f) for _, label, f in badge_conditions(file)]
            )
    return [run_case(file, case, coverage, locale) for case in file.cases]


def find_scenario_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files named, and every ``*.scenarios.toml``/``.json`` under the directories named."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = {p for suffix in SCENARIO_SUFFIXES for p in path.rglob(f"*{suffix}")}
            yield from sorted(found)
        else:
            yield path


def run_scenarios(paths: Iterable[str | os.PathLike[str]], *, locale: str = "en") -> ScenarioRun:
    """Run every scenario file found under ``paths`` (files or directories).

    A file that cannot be read is listed in :attr:`ScenarioRun.errors` and
    its cases are not run; the others run regardless. Failure messages are
    in ``locale`` (``"ru"`` or English).
    """
    start = time.perf_counter()
    coverage = ClauseCoverage()
    results: list[CaseResult] = []
    errors: list[SchemeFileError] = []
    for path in find_scenario_files(paths):
        try:
            file = load_scenarios(path)
        except SchemeFileError as error:
            errors.append(error)
            continue
        results.extend(run_file(file, coverage, locale))
    return ScenarioRun(tuple(results), tuple(errors), coverage, time.perf_counter() - start)
