"""``agentlevels lsp`` driven as an editor drives it: JSON-RPC messages with Content-Length
headers over the pipes of a real process."""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.test_lsp_files import CATALOG

pytest.importorskip("pygls", reason="pip install -e '.[lsp]' (pygls)")

TIMEOUT = 60.0
"""Seconds to wait for one message: generous, since the machine may be busy."""

Message = dict[str, Any]


class Client:
    """The editor's side: sends requests and notifications, and waits for what comes back."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None
        assert process.stdout is not None
        self.process = process
        self.stdin: IO[bytes] = process.stdin
        self.incoming: queue.Queue[Message | None] = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self.reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.incoming.put(None)
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self.incoming.put(json.loads(stream.read(length)))

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.stdin.flush()

    def notify(self, method: str, params: Message) -> None:
        self.send({"method": method, "params": params})

    def wait_for(self, wanted: Callable[[Message], bool]) -> Message:
        """The next message ``wanted`` accepts; requests from the server get a null reply."""
        while True:
            message = self.incoming.get(timeout=TIMEOUT)
            assert message is not None, "the server closed its output"
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            elif wanted(message):
                return message

    def request(self, method: str, params: Message | None = None) -> Any:
        self.next_id += 1
        number = self.next_id
        self.send({"id": number, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == number and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def diagnostics(self, uri: str) -> list[Message]:
        def published(message: Message) -> bool:
            return (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            )

        found: list[Message] = self.wait_for(published)["params"]["diagnostics"]
        return found


@contextlib.contextmanager
def running(
    capabilities: Message, options: Message, root: str | None = None
) -> Iterator[tuple[Client, Message]]:
    """``agentlevels lsp`` started and initialized; shut down and exited at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "agentlevels", "lsp", "--stdio"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    editor = Client(process)
    try:
        initialize = {
            "processId": None,
            "rootUri": root,
            "capabilities": capabilities,
            "initializationOptions": options,
        }
        offered = editor.request("initialize", initialize)["capabilities"]
        editor.notify("initialized", {})
        yield editor, offered
        assert editor.request("shutdown") is None
        editor.notify("exit", {})
        assert process.wait(timeout=TIMEOUT) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        editor.reader.join(timeout=TIMEOUT)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def client() -> Iterator[Client]:
    with running({}, {}) as (editor, capabilities):
        assert capabilities["completionProvider"]["triggerCharacters"] == ["$"]
        assert capabilities["hoverProvider"] is True
        assert capabilities["positionEncoding"] == "utf-16"
        yield editor


def _range(start: tuple[int, int], end: tuple[int, int]) -> Message:
    return {
        "start": {"line": start[0], "character": start[1]},
        "end": {"line": end[0], "character": end[1]},
    }


def _open(client: Client, uri: str, language: str, text: str) -> None:
    document = {"uri": uri, "languageId": language, "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": document})


def _at(uri: str, line: int, character: int) -> Message:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


FORMULA = "file:///work/senior.formula"


def test_a_formula_document(client: Client) -> None:
    _open(client, FORMULA, "agentlevels", "😀 || $answers >= 500")
    [diagnostic] = client.diagnostics(FORMULA)
    assert diagnostic["range"] == _range((0, 0), (0, 2))  # one emoji: two UTF-16 units
    assert (diagnostic["code"], diagnostic["severity"]) == ("unexpected-character", 1)
    assert diagnostic["source"] == "agentlevels"

    text = "$answers >= 500 &&\n  $answrs > 1"
    change = {"textDocument": {"uri": FORMULA, "version": 2}, "contentChanges": [{"text": text}]}
    client.notify("textDocument/didChange", change)
    [diagnostic] = client.diagnostics(FORMULA)
    assert diagnostic["range"] == _range((1, 2), (1, 9))
    assert diagnostic["code"] == "unknown-variable"
    assert diagnostic["message"].startswith("unknown variable `$answrs`\nhint: did you mean")

    items = client.request("textDocument/completion", _at(FORMULA, 1, 6))["items"]
    assert items[0]["label"] == "$answers"
    assert items[0]["textEdit"] == {"range": _range((1, 2), (1, 9)), "newText": "$answers"}
    assert items[0]["kind"] == 6  # Variable

    hover = client.request("textDocument/hover", _at(FORMULA, 0, 3))
    assert hover["range"] == _range((0, 0), (0, 8))
    assert hover["contents"]["value"].startswith("$answers\n\nTicket answers\n")
    assert client.request("textDocument/hover", _at(FORMULA, 0, 14)) is None

    formatting = {"textDocument": {"uri": FORMULA}, "options": {"tabSize": 2, "insertSpaces": True}}
    # An unknown name is no obstacle to the canonical layout; a syntax error would be.
    [edit] = client.request("textDocument/formatting", formatting)
    assert edit == {"range": _range((0, 0), (1, 13)), "newText": "$answers >= 500 && $answrs > 1"}
    text = "($answers>=500)||\n($chats>=500.0)\n"
    change = {"textDocument": {"uri": FORMULA, "version": 3}, "contentChanges": [{"text": text}]}
    client.notify("textDocument/didChange", change)
    assert client.diagnostics(FORMULA) == []
    [edit] = client.request("textDocument/formatting", formatting)
    assert edit == {
        "range": _range((0, 0), (2, 0)),
        "newText": "$answers >= 500 || $chats >= 500\n",
    }

    client.notify("textDocument/didClose", {"textDocument": {"uri": FORMULA}})
    assert client.diagnostics(FORMULA) == []


SCHEME_URI = "file:///work/levels.toml"
SCHEME = """version = 1
levels = [
  { key = "novice", name = "😀", condition = "true" },
  { key = "pro", name = "Pro", condition = "$answrs >= 500 || \\u0024chats >= 500" },
]
"""


def test_a_level_scheme_in_toml(client: Client) -> None:
    _open(client, SCHEME_URI, "toml", SCHEME)
    [diagnostic] = client.diagnostics(SCHEME_URI)
    assert diagnostic["range"] == _range((3, 44), (3, 51))
    assert diagnostic["code"] == "unknown-variable"

    # Two emoji before it on its line: two UTF-16 units each (code points would say 43).
    text = SCHEME.replace('name = "Pro"', 'name = "😀😀"')
    change = {"textDocument": {"uri": SCHEME_URI, "version": 2}, "contentChanges": [{"text": text}]}
    client.notify("textDocument/didChange", change)
    [diagnostic] = client.diagnostics(SCHEME_URI)
    assert diagnostic["range"] == _range((3, 45), (3, 52))

    items = client.request("textDocument/completion", _at(SCHEME_URI, 3, 48))["items"]
    assert items[0]["textEdit"] == {"range": _range((3, 45), (3, 52)), "newText": "$answers"}

    # On the escaped `\u0024chats`: the whole escape and the name are the token.
    hover = client.request("textDocument/hover", _at(SCHEME_URI, 3, 65))
    assert hover["range"] == _range((3, 63), (3, 74))
    assert hover["contents"]["value"].startswith("$chats\n")

    broken = text.replace("]\n", "")
    change = {
        "textDocument": {"uri": SCHEME_URI, "version": 3},
        "contentChanges": [{"text": broken}],
    }
    client.notify("textDocument/didChange", change)
    [diagnostic] = client.diagnostics(SCHEME_URI)
    assert diagnostic["code"] == "invalid-file"
    assert diagnostic["range"] == _range((4, 0), (4, 0))  # the end of the document

    # LSP breaks lines at \n, \r\n and \r only: not at U+2028 or U+0085 in a comment.
    commented = "# levels\u2028for the team\x85\r\n" + SCHEME
    change = {
        "textDocument": {"uri": SCHEME_URI, "version": 4},
        "contentChanges": [{"text": commented}],
    }
    client.notify("textDocument/didChange", change)
    [diagnostic] = client.diagnostics(SCHEME_URI)
    assert diagnostic["range"] == _range((4, 44), (4, 51))


def test_the_locale_comes_from_the_client(client: Client) -> None:
    _open(client, FORMULA, "agentlevels", "$answrs >= 5")
    assert "\nhint: " in client.diagnostics(FORMULA)[0]["message"]
    settings = {"settings": {"agentlevels": {"locale": "ru"}}}
    client.notify("workspace/didChangeConfiguration", settings)
    message = client.diagnostics(FORMULA)[0]["message"]
    assert message.startswith("неизвестная переменная `$answrs`\nподсказка: ")
    items = client.request("textDocument/completion", _at(FORMULA, 0, 3))["items"]
    assert items[0]["documentation"] == "Ответы на тикеты"


def test_a_client_may_count_in_code_points_and_choose_the_locale_at_start() -> None:
    general = {"general": {"positionEncodings": ["utf-32", "utf-16"]}}
    with running(general, {"locale": "ru"}) as (editor, capabilities):
        assert capabilities["positionEncoding"] == "utf-32"
        _open(editor, FORMULA, "agentlevels", "(😀 > 1) || $answrs > 1")
        emoji, name = editor.diagnostics(FORMULA)
        assert emoji["range"] == _range((0, 1), (0, 2))
        assert name["range"] == _range((0, 11), (0, 18))
        items = editor.request("textDocument/completion", _at(FORMULA, 0, 14))["items"]
        assert items[0]["textEdit"]["range"] == _range((0, 11), (0, 18))
        assert items[0]["documentation"] == "Ответы на тикеты"


def test_a_catalog_file_from_the_settings(tmp_path: Path) -> None:
    (tmp_path / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    with running({}, {"catalog": "catalog.toml"}, tmp_path.as_uri()) as (editor, _):
        _open(editor, FORMULA, "agentlevels", "$csat >= 90")
        assert editor.diagnostics(FORMULA) == []
        hover = editor.request("textDocument/hover", _at(FORMULA, 0, 2))
        assert hover["contents"]["value"].startswith("$csat\n\nCustomer satisfaction\n")
        settings = {"settings": {"agentlevels": {"catalog": "missing.toml"}}}
        editor.notify("workspace/didChangeConfiguration", settings)
        shown = editor.wait_for(lambda m: m.get("method") == "window/showMessage")
        assert "missing.toml" in shown["params"]["message"]
        assert shown["params"]["type"] == 1  # Error
        assert editor.diagnostics(FORMULA) == []  # the catalog read before stays


def test_without_pygls_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from agentlevels.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pygls" else real(name, *a)
    )
    assert main(["lsp"]) == 2
    assert "pip install 'agentlevels[lsp]'" in capsys.readouterr().err


def test_importing_the_library_does_not_import_pygls() -> None:
    code = "import sys, agentlevels, agentlevels.cli; print('pygls' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
