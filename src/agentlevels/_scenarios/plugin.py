"""The pytest plugin: scenario files collected as tests, with clause coverage.

Declared under the ``pytest11`` entry point, so installing agentlevels is
enough: pytest collects every ``*.scenarios.toml`` and ``*.scenarios.json``
it is pointed at, one test item per case (``-k`` selects cases by name).
``--agentlevels-coverage`` prints the clause coverage of the cases that ran;
``--agentlevels-fail-under N`` fails the run below N percent;
``--agentlevels-locale ru`` gives the failure messages in Russian.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from agentlevels._errors import SchemeFileError
from agentlevels._scenarios.cases import (
    SCENARIO_SUFFIXES,
    BadgeCase,
    LevelCase,
    ScenarioFile,
    load_scenarios,
)
from agentlevels._scenarios.coverage import ClauseCoverage
from agentlevels._scenarios.runner import run_case

__all__ = [
    "ScenarioCaseItem",
    "ScenarioFailure",
    "ScenarioFileCollector",
    "pytest_addoption",
    "pytest_collect_file",
    "pytest_configure",
    "pytest_sessionfinish",
    "pytest_terminal_summary",
]

_COVERAGE = pytest.StashKey[ClauseCoverage]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--agentlevels-coverage`` and ``--agentlevels-fail-under``."""
    group = parser.getgroup("agentlevels", "agentlevels scenario files")
    group.addoption(
        "--agentlevels-coverage",
        action="store_true",
        default=False,
        help="print the clause coverage of the scenario cases that ran",
    )
    group.addoption(
        "--agentlevels-fail-under",
        type=float,
        default=None,
        metavar="N",
        help="fail the run when scenario clause coverage is below N percent",
    )
    group.addoption(
        "--agentlevels-locale",
        choices=("en", "ru"),
        default="en",
        help="language of scenario failure messages",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Keep one coverage record for the whole session."""
    config.stash[_COVERAGE] = ClauseCoverage()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A collector for each scenario file."""
    if file_path.name.endswith(SCENARIO_SUFFIXES):
        collector: ScenarioFileCollector = ScenarioFileCollector.from_parent(parent, path=file_path)
        return collector
    return None


class ScenarioFailure(Exception):
    """A scenario case that did not hold; the message says what was expected and why."""


class ScenarioFileCollector(pytest.File):
    """One scenario file: an item per case."""

    def collect(self) -> list[pytest.Item]:
        """The cases of the file; a file that cannot be read fails collection with its error."""
        try:
            file = load_scenarios(self.path)
        except SchemeFileError as error:
            raise self.CollectError(str(error)) from None
        return [
            ScenarioCaseItem.from_parent(self, name=case.name, file=file, case=case)
            for case in file.cases
        ]


class ScenarioCaseItem(pytest.Item):
    """One scenario case run as a test."""

    def __init__(self, *, file: ScenarioFile, case: LevelCase | BadgeCase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.file = file
        self.case = case

    def runtest(self) -> None:
        """Run the case, recording coverage; a failure raises :class:`ScenarioFailure`."""
        locale = self.config.getoption("agentlevels_locale")
        result = run_case(self.file, self.case, self.config.stash[_COVERAGE], locale)
        if not result.passed:
            raise ScenarioFailure(result.message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The case's own message instead of a Python traceback."""
        if isinstance(excinfo.value, ScenarioFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the case is, for pytest's report."""
        return self.path, None, f"scenario: {self.name}"


def _wanted(config: pytest.Config) -> bool:
    return bool(
        config.getoption("agentlevels_coverage")
        or config.getoption("agentlevels_fail_under") is not None
    )


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print the clause coverage tables when asked for."""
    coverage = config.stash.get(_COVERAGE, None)
    if coverage is None or not _wanted(config) or not coverage.subjects:
        return
    terminalreporter.section("agentlevels clause coverage")
    for line in coverage.table().splitlines():
        terminalreporter.write_line(line)
    fail_under = config.getoption("agentlevels_fail_under")
    if fail_under is not None and coverage.percent < fail_under:
        terminalreporter.write_line(
            f"FAIL: clause coverage {coverage.percent:.1f}% is below {fail_under:g}%"
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail an otherwise green run whose coverage is below ``--agentlevels-fail-under``."""
    fail_under = session.config.getoption("agentlevels_fail_under")
    coverage = session.config.stash.get(_COVERAGE, None)
    if fail_under is None or coverage is None or exitstatus != 0:
        return
    if coverage.percent < fail_under:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
