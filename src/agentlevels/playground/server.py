"""The playground's HTTP server: the standard library's, on 127.0.0.1 only.

``GET /`` is the page, ``GET /static/NAME`` its files, ``GET /api/texts`` its
words, and ``POST /api/...`` the endpoints of :mod:`agentlevels.playground.api`.
A request body is JSON of at most :data:`MAX_BODY` bytes. Every failure is a
JSON answer ``{"error": {"type": ..., "message": ...}}``; nothing a client
sends makes the server print or send a traceback.
"""

from __future__ import annotations

import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, cast

from agentlevels._errors import AgentLevelsError
from agentlevels.playground.api import ENDPOINTS, ApiError, api_texts, library_error

HOST = "127.0.0.1"
MAX_BODY = 1_048_576
STATIC: dict[str, str] = {
    "index.html": "text/html; charset=utf-8",
    "playground.css": "text/css; charset=utf-8",
    "playground.js": "text/javascript; charset=utf-8",
}


def _static(name: str) -> bytes:
    return resources.files("agentlevels.playground").joinpath("static", name).read_bytes()


def _body(handler: BaseHTTPRequestHandler) -> dict[str, Any]:
    try:
        length = int(handler.headers.get("Content-Length", ""))
    except ValueError:
        raise ApiError("a request needs a Content-Length", status=411) from None
    if length > MAX_BODY or length < 0:
        raise ApiError(f"a request body holds at most {MAX_BODY} bytes", status=413)
    raw = handler.rfile.read(length)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ApiError(f"the body is not JSON: {error}") from None
    if not isinstance(body, dict):
        raise ApiError("the body must be a JSON object")
    return body


def answer(path: str, body: dict[str, Any]) -> dict[str, Any]:
    """The endpoint's answer; the library's errors become :class:`ApiError`."""
    endpoint = ENDPOINTS.get(path)
    if endpoint is None:
        raise ApiError(f"no endpoint {path}", type="NotFound", status=404)
    try:
        return endpoint(body)
    except (AgentLevelsError, ValueError, TypeError) as error:
        raise library_error(error) from None


def _internal(error: Exception) -> ApiError:
    return ApiError(f"internal error ({type(error).__name__})", type="Internal", status=500)


class Handler(BaseHTTPRequestHandler):
    """One request: the page, a static file, or a JSON endpoint."""

    server_version = "agentlevels-playground"
    # Keep-alive lets a page's typing reuse one connection.
    protocol_version = "HTTP/1.1"

    def _refused(self) -> ApiError | None:
        # Another site's page in the admin's browser may send requests here:
        # a Host that is not this server's (DNS rebinding) is refused, and a
        # POST must say it is JSON, which a plain cross-site form cannot.
        port = cast(ThreadingHTTPServer, self.server).server_port
        if self.headers.get("Host") not in (f"{HOST}:{port}", f"localhost:{port}"):
            return ApiError(
                "requests must be addressed to this server", type="Forbidden", status=403
            )
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if self.command == "POST" and kind != "application/json":
            return ApiError("the body must be sent as application/json", status=415)
        return None

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        try:
            refused = self._refused()
            if refused is not None:
                raise refused
            name = "index.html" if path == "/" else path.removeprefix("/static/")
            if name in STATIC and (path == "/" or path.startswith("/static/")):
                self._send(HTTPStatus.OK, _static(name), STATIC[name])
            elif path == "/api/texts":
                self._json(HTTPStatus.OK, api_texts({}))
            elif path in ENDPOINTS:
                raise ApiError("use POST with a JSON body", type="MethodNotAllowed", status=405)
            else:
                raise ApiError(f"no page {path[:100]}", type="NotFound", status=404)
        except ApiError as error:
            self._error(error)
        except Exception as error:  # never a traceback to the client or the terminal
            self._error(_internal(error))

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        try:
            refused = self._refused()
            if refused is not None:
                raise refused
            if path not in ENDPOINTS:
                raise ApiError(f"no endpoint {path[:100]}", type="NotFound", status=404)
            self._json(HTTPStatus.OK, answer(path, _body(self)))
        except ApiError as error:
            self._error(error)
        except Exception as error:  # never a traceback to the client or the terminal
            self._error(_internal(error))

    def _error(self, error: ApiError) -> None:
        # A refused request's body may be unread, and would be taken for the
        # next request on a kept-alive connection: close it instead.
        self.close_connection = True
        self._json(error.status, error.to_dict())

    def _json(self, status: int, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
        self._send(status, payload, "application/json; charset=utf-8")

    def _send(self, status: int, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        # Quiet: the terminal shows the address only; a quiet flag is not worth a flag.
        pass


class PlaygroundServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1 serving the playground."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away mid-answer (a page reloaded while typing):
        # nothing to tell the terminal, and never a traceback.
        pass

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT/``."""
        return f"http://{HOST}:{self.server_address[1]}/"


def make_server(port: int = 8000) -> PlaygroundServer:
    """The server bound to 127.0.0.1:``port`` (0 picks a free port); not yet serving."""
    return PlaygroundServer((HOST, port), Handler)


def serve(port: int = 8000) -> None:
    """Serve until interrupted, after printing the address."""
    with make_server(port) as server:
        print(f"agentlevels playground: {server.url}  (Ctrl-C stops it)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
