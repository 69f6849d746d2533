"""``agentlevels playground``: the formula playground page on 127.0.0.1."""

from __future__ import annotations

import argparse
import signal
from types import FrameType

from agentlevels.cli.failures import OK, USAGE, CommandError
from agentlevels.playground.server import serve


def add_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``agentlevels playground``."""
    parser = subparsers.add_parser(
        "playground",
        help="serve a page for trying formulas: problems, completion, words, the sample team",
        description=(
            "Serve the playground page on 127.0.0.1 (the standard library's HTTP server): "
            "type a condition and see its problems underlined, complete metric names, read "
            "it in words and see which agents of the sample team meet it. Ctrl-C stops it."
        ),
    )
    parser.add_argument(
        "--port", type=_port, default=8000, help="TCP port (default 8000; 0 picks a free one)"
    )
    parser.set_defaults(handler=_playground)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0..65535, not {port}")
    return port


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _playground(args: argparse.Namespace) -> int:
    # Ctrl-C stops the server even when the shell started it with SIGINT
    # ignored (a background job); SIGTERM stops it the same clean way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop)
    try:
        serve(args.port)
    except OSError as error:  # the port is taken, or not ours to take
        reason = error.strerror or str(error)
        raise CommandError(f"cannot listen on 127.0.0.1:{args.port}: {reason}", USAGE) from None
    return OK
