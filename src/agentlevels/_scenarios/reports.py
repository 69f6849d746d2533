"""A scenario run as text (pytest-like), JUnit XML for CI systems, or JSON."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

from agentlevels._scenarios.cases import SCENARIOS_VERSION
from agentlevels._scenarios.runner import CaseResult, ScenarioRun

__all__ = ["case_line", "json_report", "junit_xml", "summary_line", "text_report"]


def case_line(result: CaseResult) -> str:
    """``FILE::NAME PASSED`` (or ``FAILED``)."""
    return f"{result.file}::{result.name} {result.status.upper()}"


def summary_line(run: ScenarioRun) -> str:
    """``==== 1 failed, 67 passed in 0.05s ====``, as pytest ends a run."""
    parts = []
    if run.failed:
        parts.append(f"{len(run.failed)} failed")
    passed = len(run.results) - len(run.failed)
    if passed or not run.results:
        parts.append(f"{passed} passed")
    if run.errors:
        parts.append(f"{len(run.errors)} error{'s' if len(run.errors) > 1 else ''}")
    return f"==== {', '.join(parts)} in {run.seconds:.2f}s ===="


def text_report(run: ScenarioRun, *, coverage: bool = False) -> str:
    """One line per case, each failure and file error in full, coverage, then the summary."""
    lines = [case_line(result) for result in run.results]
    for error in run.errors:
        lines.append(f"ERROR {error}")
    for result in run.failed:
        lines.append("")
        lines.append(f"____ {result.file}::{result.name} ____")
        lines.extend(result.message.splitlines())
    if coverage:
        lines.append("")
        lines.append(run.coverage.table())
    lines.append(summary_line(run))
    return "\n".join(lines)


def junit_xml(run: ScenarioRun) -> str:
    """The run as JUnit XML: a test suite per file, a test case per scenario case."""
    root = ElementTree.Element("testsuites", name="agentlevels", time=f"{run.seconds:.3f}")
    suites: dict[str, ElementTree.Element] = {}
    for result in run.results:
        suite = suites.get(result.file)
        if suite is None:
            suite = ElementTree.SubElement(root, "testsuite", name=result.file)
            suites[result.file] = suite
        case = ElementTree.SubElement(
            suite, "testcase", classname=result.file, name=result.name, time=f"{result.seconds:.6f}"
        )
        if not result.passed:
            failure = ElementTree.SubElement(
                case, "failure", message=result.message.splitlines()[0]
            )
            failure.text = result.message
    for error in run.errors:
        suite = ElementTree.SubElement(root, "testsuite", name=error.path or "scenarios")
        case = ElementTree.SubElement(suite, "testcase", classname=error.path or "", name="load")
        ElementTree.SubElement(case, "error", message=error.reason).text = str(error)
    for suite in root:
        cases = list(suite)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
        suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    root.set("tests", str(len(run.results) + len(run.errors)))
    root.set("failures", str(len(run.failed)))
    root.set("errors", str(len(run.errors)))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, "unicode")


def json_report(run: ScenarioRun, *, coverage: bool = False) -> dict[str, Any]:
    """The run as JSON-ready data (``coverage`` is ``null`` unless asked for)."""
    return {
        "version": SCENARIOS_VERSION,
        "passed": len(run.results) - len(run.failed),
        "failed": len(run.failed),
        "errors": [{"path": e.path, "key_path": e.key_path, "message": str(e)} for e in run.errors],
        "seconds": run.seconds,
        "cases": [
            {
                "file": result.file,
                "name": result.name,
                "status": result.status,
                "message": result.message,
                "seconds": result.seconds,
            }
            for result in run.results
        ],
        "coverage": run.coverage.to_dict() if coverage else None,
    }
