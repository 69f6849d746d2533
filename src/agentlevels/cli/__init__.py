"""The ``agentlevels`` command line: one module per group of commands."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import NoReturn

from agentlevels.cli import (
    badges,
    formula,
    levels,
    lsp,
    metrics,
    playground,
    quality,
    routing,
    scenarios,
    sql,
)
from agentlevels.cli.failures import report_failure, usage_failure


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line on stderr (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        usage_failure(self.prog.removeprefix("agentlevels").strip(), message)


def _version() -> str:
    try:
        return metadata.version("agentlevels")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command; each module adds its own sub-commands."""
    parser = Parser(
        prog="agentlevels",
        description="Agent levels, badges and load rules: check, format and run formulas.",
        epilog="Exit codes: 0 done, 1 the input has problems, 2 usage, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"agentlevels {_version()}")
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=Parser
    )
    # In the order `agentlevels --help` lists them.
    formula.add_command(subparsers)
    metrics.add_command(subparsers)
    badges.add_command(subparsers)
    routing.add_command(subparsers)
    levels.add_command(subparsers)
    sql.add_command(subparsers)
    scenarios.add_command(subparsers)
    quality.add_command(subparsers)
    playground.add_command(subparsers)
    lsp.add_command(subparsers)
    return parser


def _safe_streams() -> None:
    # Text that cannot be encoded (a byte that was not UTF-8 in an argument) is
    # shown escaped rather than ending the command with UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (docs/cli.md lists them)."""
    _safe_streams()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already reported
        return stop.code if isinstance(stop.code, int) else 0
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except Exception as error:  # every failure: one line and its code, never a traceback
        return report_failure(args.command, error)
    return code


if __name__ == "__main__":
    sys.exit(main())
