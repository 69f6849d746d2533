"""``agentlevels lsp``: the language server for editors (the extra ``agentlevels[lsp]``)."""

from __future__ import annotations

import argparse
import importlib.util

from agentlevels._values import LOCALES
from agentlevels.cli.failures import OK, USAGE, CommandError

# argparse exposes no public name for the sub-parsers object.
Subparsers = argparse._SubParsersAction

INSTALL = "pip install 'agentlevels[lsp]'"
"""How to install what the server needs."""


def add_command(subparsers: Subparsers[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "lsp",
        help="run the language server (LSP over stdin/stdout) for editors",
        description="Diagnostics, completion and hover for .formula files and the conditions "
        "of level-scheme and badge-set files (TOML, JSON), over the Language Server Protocol "
        "on stdin and stdout. Needs the lsp extra: " + INSTALL,
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk over stdin and stdout (the default and only transport; editors pass it)",
    )
    parser.add_argument(
        "--locale",
        choices=LOCALES,
        default="en",
        help="the language of messages until the client sets one (default: en)",
    )
    parser.set_defaults(handler=_lsp)


def _lsp(args: argparse.Namespace) -> int:
    missing = [name for name in ("pygls", "lsprotocol") if importlib.util.find_spec(name) is None]
    if missing:
        raise CommandError(
            f"the language server needs {' and '.join(missing)}: {INSTALL}", code=USAGE
        )
    # The server module imports pygls, which only the lsp extra installs.
    from agentlevels.lsp.server import serve

    serve(locale=args.locale)
    return OK
