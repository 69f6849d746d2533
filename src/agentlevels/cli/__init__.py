"""The ``agentlevels`` command line."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module adds one sub-command through ``add_command(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = (
    "agentlevels.cli.formula",
    "agentlevels.cli.badges",
    "agentlevels.cli.routing",
    "agentlevels.cli.levels",
    "agentlevels.cli.sql",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agentlevels",
        description="Agent levels, badges and load rules: check, format and run formulas.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_command(subparsers)
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
