"""The ``agentlevels`` command line: one module per group of commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from agentlevels.cli import badges, formula, levels, quality, routing, scenarios, sql


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command; each module adds its own sub-commands."""
    parser = argparse.ArgumentParser(
        prog="agentlevels",
        description="Agent levels, badges and load rules: check, format and run formulas.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # In the order `agentlevels --help` lists them.
    formula.add_command(subparsers)
    badges.add_command(subparsers)
    routing.add_command(subparsers)
    levels.add_command(subparsers)
    sql.add_command(subparsers)
    scenarios.add_command(subparsers)
    quality.add_command(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 problems found, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
