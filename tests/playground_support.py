"""A playground server on an ephemeral port, and a JSON client for it (urllib only)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from agentlevels.playground.server import PlaygroundServer, make_server


@contextmanager
def served() -> Iterator[PlaygroundServer]:
    """The server on 127.0.0.1 with a free port, serving in a thread until the block ends."""
    server = make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def fetch(
    url: str, data: bytes | None = None, method: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request; an HTTP error status is returned, not raised."""
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def post(url: str, body: Any) -> tuple[int, Any]:
    """POST ``body`` as JSON; the status and the decoded JSON answer."""
    status, _, raw = fetch(url, json.dumps(body).encode("utf-8"))
    return status, json.loads(raw)
