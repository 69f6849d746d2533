"""Exit codes and the one-line error every failing command prints.

The table (docs/cli.md shows it to users):

====  =========================================================================
code  meaning
====  =========================================================================
0     done
1     the input has problems: a formula with errors, a file that is missing,
      unreadable or invalid, a snapshot, team or state whose values are refused
2     the command line is wrong: an unknown option or command, a missing
      argument, an option value the command cannot use (``--column`` without
      ``=``, an unknown ``--dialect``), or the optional SQL backend missing
3     an internal error (a bug in agentlevels: please report it)
====  =========================================================================

Every failure ends the command with exactly one line on stderr,
``agentlevels COMMAND: error: MESSAGE``, with control characters (such as
ESC) and bytes that are not text shown escaped, so input can neither
colour nor rewrite the terminal.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from agentlevels._diagnostics import Diagnostic
from agentlevels._errors import (
    AgentLevelsError,
    InvalidMetricError,
    MissingMetricError,
    SQLUnavailableError,
)
from agentlevels._formats import describe
from agentlevels._messages.message import message

__all__ = [
    "INTERNAL",
    "OK",
    "PROBLEMS",
    "USAGE",
    "CommandError",
    "escape",
    "exit_code",
    "in_file_words",
    "in_short",
    "message_of",
    "report_failure",
]

OK = 0
PROBLEMS = 1
USAGE = 2
INTERNAL = 3

MAX_DETAILS = 5
"""Formula diagnostics named in one error line; the rest are counted."""

# C0 and C1 control characters, DEL, and lone surrogates (bytes that were not UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class CommandError(Exception):
    """A failure a command reports itself, with its exit code."""

    def __init__(self, message: str, code: int = PROBLEMS) -> None:
        super().__init__(message)
        self.code = code


def _escaped(match: re.Match[str]) -> str:
    character = match.group()
    point = ord(character)
    if 0xDC80 <= point <= 0xDCFF:  # a byte Python could not decode as UTF-8
        return f"\\x{point - 0xDC00:02x}"
    return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(character) or (
        f"\\x{point:02x}" if point <= 0xFF else f"\\u{point:04x}"
    )


def escape(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with control characters and undecodable bytes shown as escapes.

    Newlines (and tabs) are kept unless ``keep_newlines`` is false, as in a
    line that must stay one line.
    """
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escaped, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escaped, text.replace("\t", " ")).replace("\n", "\\n")


def message_of(error: BaseException) -> str:
    """One line for ``error``: its first line, then each formula diagnostic in short."""
    text = str(error)
    first = text.split("\n", 1)[0].strip() or type(error).__name__
    diagnostics = getattr(error, "diagnostics", ())
    if not diagnostics:
        return first
    if first.startswith(("error[", "warning[")):
        # A formula error's first line is its first diagnostic: say it once.
        return in_short(diagnostics)
    return f"{first.rstrip(':')}: " + in_short(diagnostics)


def in_short(diagnostics: Sequence[Diagnostic], locale: str = "en") -> str:
    """Formula diagnostics on one line, each with its place and hint, in ``locale``."""
    details = [_one_line(d, locale) for d in diagnostics[:MAX_DETAILS]]
    if len(diagnostics) > MAX_DETAILS:
        details.append(message("more-details", count=len(diagnostics) - MAX_DETAILS).text(locale))
    return "; ".join(details)


def _one_line(diagnostic: Diagnostic, locale: str) -> str:
    heading = message(
        "rendered-heading",
        severity=message(f"severity-{diagnostic.severity}"),
        code=diagnostic.code,
        line=str(diagnostic.line),
        column=str(diagnostic.column),
        message=diagnostic.message_in(locale),
    )
    hint = diagnostic.hint_in(locale)
    if not hint:
        return heading.text(locale)
    return message("short-hint", text=heading, hint=hint).text(locale)


def in_file_words(error: AgentLevelsError) -> str:
    """A snapshot's problem in the words of the JSON file it came from (``null``, not ``None``)."""
    if isinstance(error, MissingMetricError):
        listed = ", ".join(f"{name!r}" for name in error.names)
        plural = "s" if len(error.names) > 1 else ""
        return f"snapshot lacks metric{plural} {listed} (use null for unknown)"
    if isinstance(error, InvalidMetricError):
        expected = error.expected.replace("None", "null")
        return f"metric {error.name!r} must be {expected}, not {describe(error.value)}"
    return message_of(error)


def exit_code(error: BaseException) -> int:
    """The code of a failure, by its kind (the table above)."""
    if isinstance(error, CommandError):
        return error.code
    if isinstance(error, SQLUnavailableError):
        return USAGE
    if isinstance(error, AgentLevelsError):
        return PROBLEMS
    return INTERNAL


def report_failure(command: str, error: BaseException) -> int:
    """Print the one error line for ``error`` and return its exit code."""
    code = exit_code(error)
    message = message_of(error)
    if code == INTERNAL:
        message = f"internal error ({type(error).__name__}: {message}); please report it"
    name = f"agentlevels {command}" if command else "agentlevels"
    print(f"{name}: error: {escape(message, keep_newlines=False)}", file=sys.stderr)
    return code


def usage_failure(command: str, message: str) -> NoReturn:
    """Stop with the usage code and one line (what argparse would say, without the usage)."""
    name = f"agentlevels {command}" if command else "agentlevels"
    hint = f"see `{name} --help`"
    print(f"{name}: error: {escape(message, keep_newlines=False)}; {hint}", file=sys.stderr)
    raise SystemExit(USAGE)
