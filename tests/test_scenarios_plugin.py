"""The pytest plugin: scenario files collected as test items, with clause coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

import agentlevels

PRESETS = Path(agentlevels.__file__).parent / "presets"

SCHEME = """
[[levels]]
key = "novice"
name = "Novice"
condition = "true"

[[levels]]
key = "regular"
name = { en = "Regular", ru = "Завсегдатай" }
condition = "$answers >= 100 || $chats >= 100"
"""

CASES = """
scheme = "levels.toml"

[defaults]
answers = 0
chats = 0

[[case]]
name = "a new agent stays a novice"
snapshot = { answers = 3 }
expect = "novice"

[[case]]
name = "answers make a regular"
snapshot = { answers = 100 }
expect = "regular"

[[case]]
name = "chats make a regular"
snapshot = { chats = 99 }
expect = "regular"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".toml", levels=SCHEME)
    (pytester.path / "team.scenarios.toml").write_text(CASES, encoding="utf-8")
    return pytester


def test_the_presets_pass_at_full_clause_coverage(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest(
        str(PRESETS / "levels.scenarios.toml"),
        str(PRESETS / "badges.scenarios.toml"),
        "--agentlevels-fail-under=100",
        "-p",
        "no:cacheprovider",
    )
    result.assert_outcomes(passed=69)
    result.stdout.fnmatch_lines(
        ["*agentlevels clause coverage*", "clause coverage: 136/136 goals, 100.0%"]
    )
    assert result.ret == 0


def test_a_failing_case_reads_like_a_pytest_failure(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*scenario: chats make a regular*",
            "expected level 'regular', reached 'novice'",
            "Novice: no condition",
            "not Regular: answers 0 < 100 and chats 99 < 100",
            "FAILED team.scenarios.toml::chats make a regular - expected level 'regular'*",
        ]
    )


def test_k_selects_cases_by_name(project: pytest.Pytester) -> None:
    result = project.runpytest("-k", "answers", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, deselected=2)


def test_coverage_below_the_bar_fails_the_run(project: pytest.Pytester) -> None:
    result = project.runpytest(
        "-k", "not chats", "--agentlevels-fail-under=90", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=2, deselected=1)
    result.stdout.fnmatch_lines(
        ["*regular*$answers >= 100*", "FAIL: clause coverage *% is below 90%"]
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_coverage_is_printed_only_when_asked(project: pytest.Pytester) -> None:
    quiet = project.runpytest("-k", "novice", "-p", "no:cacheprovider")
    assert "clause coverage" not in quiet.stdout.str()
    loud = project.runpytest("-k", "novice", "--agentlevels-coverage", "-p", "no:cacheprovider")
    loud.stdout.fnmatch_lines(["clause coverage: */8 goals, *%"])


def test_a_bad_file_is_a_collection_error(pytester: pytest.Pytester) -> None:
    (pytester.path / "bad.scenarios.json").write_text(
        '{"preset": "levels", "case": [{"name": "x", "expect": 3}]}', encoding="utf-8"
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*case[[]0[]].expect: expected a string, found*"])
    assert result.ret == pytest.ExitCode.INTERRUPTED


def test_failures_in_russian(project: pytest.Pytester) -> None:
    result = project.runpytest("--agentlevels-locale", "ru", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(
        [
            "ожидался уровень 'regular', получен 'novice'",
            "не Завсегдатай: answers 0 < 100 и chats 99 < 100",
        ]
    )
