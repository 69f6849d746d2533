"""Every diagnostic code the library can emit is documented in docs/errors.md.

A new code cannot ship undocumented: the parser's codes come from
``SYNTAX_CODES`` and ``LIMIT_CODES``, the checker's from the list kept with
the golden cases, and that list is itself checked against the checker's
source.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from types import ModuleType

from agentlevels import _checker, _parser
from agentlevels._errors import LIMIT_CODES, SYNTAX_CODES
from tests.golden import CHECKER_CODES

ERRORS_DOC = Path(__file__).resolve().parent.parent / "docs" / "errors.md"

# error("code", ...) / warn("code", ...) / diagnostic("code", ...), the code
# possibly on the next line.
_EMITTED = re.compile(r"\b(?:error|warn|diagnostic)\(\s*\"([a-z]+(?:-[a-z]+)*)\"")
_MISTAKE = re.compile(r"\(\"([a-z]+(?:-[a-z]+)+)\", \"`")


def _documented() -> set[str]:
    headings = re.findall(r"^### `([a-z]+(?:-[a-z]+)*)`$", ERRORS_DOC.read_text("utf-8"), re.M)
    return set(headings)


def _emitted_by(module: ModuleType) -> set[str]:
    source = inspect.getsource(module)
    return set(_EMITTED.findall(source)) | set(_MISTAKE.findall(source))


def test_checker_codes_list_is_complete() -> None:
    assert _emitted_by(_checker) == CHECKER_CODES


def test_parser_codes_are_listed_in_errors_module() -> None:
    found = _emitted_by(_parser)
    assert len(found) >= 10  # the pattern still matches how the parser reports
    assert found <= SYNTAX_CODES | LIMIT_CODES


def test_every_code_is_documented() -> None:
    missing = (SYNTAX_CODES | LIMIT_CODES | CHECKER_CODES) - _documented()
    assert not missing


def test_no_documented_code_is_stale() -> None:
    known = SYNTAX_CODES | LIMIT_CODES | CHECKER_CODES
    exceptions = {"SnapshotError", "MissingMetricError", "InvalidMetricError"}
    assert _documented() - exceptions <= known
