"""The playground's endpoints through a real server on an ephemeral port (urllib)."""

from __future__ import annotations

import http.client
import json
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlevels import check, compile, complete, explain, hover
from agentlevels._positions import utf16_length
from agentlevels._values import LOCALES
from agentlevels.playground import api
from agentlevels.playground import server as playground_server
from agentlevels.playground.server import MAX_BODY, PlaygroundServer
from agentlevels.playground.texts import PAGE_TEXTS, team_summary
from tests.playground_support import fetch, post, served


@pytest.fixture(scope="module")
def server() -> Iterator[PlaygroundServer]:
    with served() as running:
        yield running


@pytest.fixture
def url(server: PlaygroundServer) -> str:
    return server.url


def test_the_server_listens_on_loopback_only(server: PlaygroundServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.mark.parametrize(
    ("path", "content_type", "marker"),
    [
        ("", "text/html", b'<textarea id="formula"'),
        ("static/index.html", "text/html", b"/static/playground.js"),
        ("static/playground.js", "text/javascript", b"/api/check"),
        ("static/playground.css", "text/css", b".backdrop"),
    ],
)
def test_the_page_and_its_files(url: str, path: str, content_type: str, marker: bytes) -> None:
    status, headers, body = fetch(url + path)
    assert status == 200
    assert headers["Content-Type"].startswith(content_type)
    assert marker in body
    # Nothing is fetched from elsewhere: every address in the page is the server's own.
    assert b"http://" not in body
    assert b"https://" not in body
    assert b"//cdn" not in body


@pytest.mark.parametrize("path", ["static/../api.py", "static/api.py", "nothing", "static/"])
def test_other_paths_are_json_404s(url: str, path: str) -> None:
    status, headers, body = fetch(url + path)
    assert status == 404
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["error"]["type"] == "NotFound"


def test_every_page_text_exists_in_every_locale(url: str) -> None:
    status, _, body = fetch(url + "api/texts")
    data = json.loads(body)
    assert status == 200
    assert data["locales"] == list(LOCALES)
    assert set(data["texts"]) == set(LOCALES) == set(PAGE_TEXTS)
    for locale in LOCALES:
        assert data["texts"][locale].keys() == PAGE_TEXTS["en"].keys(), locale
        assert all(text.strip() for text in data["texts"][locale].values()), locale
    # Russian is written, not copied: only the formula example is the same.
    same = {k for k, v in PAGE_TEXTS["ru"].items() if v == PAGE_TEXTS["en"][k]}
    assert same == {"placeholder"}


def test_every_data_text_key_of_the_page_has_words() -> None:
    html = resources.files("agentlevels.playground").joinpath("static/index.html").read_text()
    keys = set(re.findall(r'data-text="([a-z_]+)"', html))
    script = resources.files("agentlevels.playground").joinpath("static/playground.js")
    keys |= set(re.findall(r'\bt\("([a-z_]+)"\)', script.read_text()))
    assert keys, "the page marks its words with data-text"
    assert keys <= PAGE_TEXTS["en"].keys()


def test_check_answers_the_report(url: str) -> None:
    status, data = post(url + "api/check", {"text": "$answrs >= 500 &&"})
    assert status == 200
    expected = check("$answrs >= 500 &&").to_dict(positions="utf-16")
    assert data == expected
    assert data["ok"] is False
    _, russian = post(url + "api/check", {"text": "$answrs >= 500 &&", "locale": "ru"})
    assert russian == check("$answrs >= 500 &&", locale="ru").to_dict(positions="utf-16")
    assert russian["diagnostics"][0]["message"] != data["diagnostics"][0]["message"]


def test_check_counts_utf16_units_after_an_astral_character(url: str) -> None:
    text = "$answers >= 1 && 😀 😀"
    _, code_points = post(url + "api/check", {"text": text, "positions": "code-points"})
    _, units = post(url + "api/check", {"text": text})
    by_point, by_unit = code_points["diagnostics"][1], units["diagnostics"][1]
    assert (by_point["start"], by_point["end"], by_point["column"]) == (19, 20, 20)
    assert (by_unit["start"], by_unit["end"], by_unit["column"]) == (20, 22, 21)
    # JavaScript's text.slice(start, end) on the UTF-16 text finds the same character.
    encoded = text.encode("utf-16-le")
    assert encoded[2 * by_unit["start"] : 2 * by_unit["end"]].decode("utf-16-le") == "😀"


def test_explain_in_each_locale(url: str) -> None:
    text = "$answers >= 500 || $chats >= 500"
    for locale in LOCALES:
        status, data = post(url + "api/explain", {"text": text, "locale": locale})
        assert status == 200
        assert data == {"explanation": explain(text, locale), "canonical": text}
    assert post(url + "api/explain", {"text": text, "locale": "ru"})[1]["explanation"] == (
        "ответьте на 500 тикетов или 500 чатов"
    )


def test_a_bad_formula_is_a_400_with_its_diagnostics_in_utf16(url: str) -> None:
    status, data = post(url + "api/evaluate", {"text": "😀 >= $answers"})
    assert status == 400
    error = data["error"]
    assert error["type"] == "FormulaSyntaxError"
    assert error["message"] == error["diagnostics"][0]["message"]
    assert (error["diagnostics"][0]["start"], error["diagnostics"][0]["end"]) == (0, 2)


def test_evaluate_the_sample_team(url: str) -> None:
    text = "$answers >= 500 || $chats >= 500"
    status, data = post(url + "api/evaluate", {"text": text})
    assert status == 200
    team = api.sample_team()
    formula = compile(text)
    assert [row["agent"] for row in data["agents"]] == list(team)
    assert [row["value"] for row in data["agents"]] == [formula.evaluate(s) for s in team.values()]
    met = sum(1 for s in team.values() if formula.evaluate(s) is True)
    assert 0 < met < len(team)
    assert data["met"] == met
    assert data["summary"] == f"{met} of 20 agents meet it"
    _, russian = post(url + "api/evaluate", {"text": text, "locale": "ru"})
    assert russian["summary"] == team_summary(met, 20, "ru")


def test_evaluate_a_number_and_an_unknown(url: str) -> None:
    _, data = post(url + "api/evaluate", {"text": "$rewards_p", "kind": "number"})
    values = {row["agent"]: row["value"] for row in data["agents"]}
    assert data["kind"] == "number"
    assert "met" not in data
    assert values["anna"] is None
    assert values["boris"] == 100.0
    _, condition = post(url + "api/evaluate", {"text": "$rewards_p >= 50"})
    assert {row["agent"]: row["value"] for row in condition["agents"]}["anna"] is None


def test_evaluate_a_team_of_ones_own(url: str) -> None:
    team = {"ann": {"answers": 600, "chats": 0}, "bob": {"answers": 1}, "cid": {"answers": "x"}}
    status, data = post(url + "api/evaluate", {"text": "$answers >= 500", "team": team})
    assert status == 200
    rows = {row["agent"]: row for row in data["agents"]}
    assert rows["ann"]["value"] is True
    assert rows["bob"]["value"] is False
    assert rows["cid"]["value"] is None
    assert "answers" in rows["cid"]["error"]
    assert data["summary"] == "1 of 3 agents meets it"
    too_many: dict[str, dict[str, int]] = {f"a{i}": {} for i in range(api.MAX_AGENTS + 1)}
    status, data = post(url + "api/evaluate", {"text": "$answers >= 1", "team": too_many})
    assert status == 400
    assert "at most" in data["error"]["message"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, "'text' must be a string"),
        ({"text": 5}, "'text' must be a string"),
        ({"text": "1 > 0", "kind": "text"}, "'kind' must be one of 'boolean', 'number'"),
        ({"text": "1 > 0", "locale": "de"}, "'locale' must be one of 'en', 'ru'"),
        ({"text": "1 > 0", "positions": "bytes"}, "'positions' must be one of"),
        ({"text": "1 > 0", "team": [1]}, "'team' must be an object"),
    ],
)
def test_bad_fields_are_400s_naming_the_field(url: str, body: Any, words: str) -> None:
    for path in ("api/check", "api/explain", "api/evaluate"):
        if "team" in body and path != "api/evaluate":
            continue
        status, data = post(url + path, body)
        assert status == 400, path
        assert data["error"]["type"] == "BadRequest"
        assert data["error"]["message"].startswith(words)


def _announced(server: PlaygroundServer, length: int | None) -> tuple[int, bytes]:
    # Only the headers are sent: the server answers from Content-Length alone,
    # without reading (or waiting for) the body it refuses.
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    try:
        connection.putrequest("POST", "/api/check")
        connection.putheader("Content-Type", "application/json")
        if length is not None:
            connection.putheader("Content-Length", str(length))
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_another_host_or_a_body_not_sent_as_json_is_refused(server: PlaygroundServer) -> None:
    port = server.server_address[1]
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/", headers={"Host": host})
            response = connection.getresponse()
            assert response.status == 403
            assert json.loads(response.read())["error"]["type"] == "Forbidden"
        finally:
            connection.close()
    request = urllib.request.Request(
        server.url + "api/check", b'{"text": "1"}', {"Content-Type": "text/plain"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 415
    refused.value.close()


def test_bad_bodies(server: PlaygroundServer, url: str) -> None:
    for raw, words in [
        (b"{", "the body is not JSON"),
        (b"[1]", "a JSON object"),
        (b"\xff", "JSON"),
    ]:
        status, _, body = fetch(url + "api/check", raw)
        assert status == 400
        assert words in json.loads(body)["error"]["message"]
    status, body = _announced(server, MAX_BODY + 1)
    assert status == 413
    assert json.loads(body)["error"]["message"].endswith(f"{MAX_BODY} bytes")
    status, body = _announced(server, None)
    assert status == 411
    status, _, body = fetch(url + "api/check")
    assert status == 405
    assert json.loads(body)["error"]["type"] == "MethodNotAllowed"
    status, _, body = fetch(url + "api/nothing", b"{}")
    assert status == 404


def test_a_text_over_the_limit_is_a_diagnostic_not_a_crash(url: str) -> None:
    status, data = post(url + "api/check", {"text": "1" * 30_000})
    assert status == 200
    assert data["ok"] is False
    status, data = post(url + "api/explain", {"text": "(" * 5_000})
    assert status == 400
    assert data["error"]["diagnostics"]


def test_an_unexpected_failure_is_a_500_without_a_traceback(
    url: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(body: Any) -> dict[str, Any]:
        raise RuntimeError("secret detail")

    monkeypatch.setitem(api.ENDPOINTS, "/api/check", broken)
    status, data = post(url + "api/check", {"text": "1"})
    assert status == 500
    assert data == {"error": {"type": "Internal", "message": "internal error (RuntimeError)"}}
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert "secret" not in out + err


def test_complete_at_a_cursor_after_an_astral_character(url: str) -> None:
    text = "😀 >= 1 || $ch"
    status, data = post(url + "api/complete", {"text": text, "offset": 14})
    assert status == 200
    found = data["completions"]
    expected = complete(text, 13)
    assert [c["label"] for c in found] == [c.label for c in expected]
    assert found[0]["label"] == "$chats"
    # The range the insert replaces, in UTF-16 units: `$ch` at 11..14.
    assert (found[0]["start"], found[0]["end"], found[0]["insert_text"]) == (11, 14, "$chats")
    assert set(found[0]) == {
        "label",
        "kind",
        "detail",
        "documentation",
        "start",
        "end",
        "insert_text",
    }
    _, russian = post(url + "api/complete", {"text": "$ch", "offset": 3, "locale": "ru"})
    assert russian["completions"][0]["documentation"] == (
        complete("$ch", 3, locale="ru")[0].documentation
    )
    _, points = post(url + "api/complete", {"text": text, "offset": 13, "positions": "code-points"})
    assert (points["completions"][0]["start"], points["completions"][0]["end"]) == (10, 13)


def test_hover_in_each_locale(url: str) -> None:
    text = "😀 $chats >= 5"
    status, data = post(url + "api/hover", {"text": text, "offset": 5, "locale": "ru"})
    assert status == 200
    expected = hover(text, 4, locale="ru")
    assert expected is not None
    assert data["hover"] == {
        "start": 3,
        "end": 9,
        "title": "$chats",
        "contents": list(expected.contents),
    }
    assert post(url + "api/hover", {"text": "1 ", "offset": 2})[1] == {"hover": None}


@pytest.mark.parametrize("offset", [-5, 0, 7, 10_000])
def test_offsets_out_of_the_text_are_clamped(url: str, offset: int) -> None:
    for path in ("api/complete", "api/hover"):
        status, _ = post(url + path, {"text": "$a 😀 b", "offset": offset})
        assert status == 200


def test_an_offset_must_be_an_integer(url: str) -> None:
    for offset in (None, "3", 1.5, True):
        status, data = post(url + "api/complete", {"text": "$a", "offset": offset})
        assert status == 400
        assert data["error"]["message"] == "'offset' must be an integer"


@pytest.mark.parametrize(
    ("met", "total", "words"),
    [
        (1, 20, "1 из 20 операторов выполняет условие"),
        (2, 21, "2 из 21 оператора выполняют условие"),
        (11, 20, "11 из 20 операторов выполняют условие"),
        (21, 25, "21 из 25 операторов выполняет условие"),
        (0, 1, "0 из 1 оператора выполняют условие"),
    ],
)
def test_the_russian_summary_agrees_with_its_numbers(met: int, total: int, words: str) -> None:
    assert team_summary(met, total, "ru") == words


@given(st.text(max_size=40), st.integers(-3, 90), st.sampled_from(["utf-16", "code-points"]))
def test_endpoints_answer_any_text_with_ranges_inside_it(
    text: str, offset: int, positions: str
) -> None:
    body = {"text": text, "offset": offset, "positions": positions}
    length = utf16_length(text) if positions == "utf-16" else len(text)
    spans = [(d["start"], d["end"]) for d in api.api_check(body)["diagnostics"]]
    spans += [(c["start"], c["end"]) for c in api.api_complete(body)["completions"]]
    found = api.api_hover(body)["hover"]
    if found is not None:
        spans.append((found["start"], found["end"]))
    assert all(0 <= start <= end <= length for start, end in spans)


def test_a_failing_page_is_a_500_and_a_client_gone_is_no_traceback(
    server: PlaygroundServer,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    def unreadable(name: str) -> bytes:
        raise OSError("disk gone")

    monkeypatch.setattr(playground_server, "_static", unreadable)
    status, _, body = fetch(url)
    assert status == 500
    assert json.loads(body)["error"]["message"] == "internal error (OSError)"
    # A client that sends half its body and goes away.
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=30) as sock:
        host = f"127.0.0.1:{server.server_address[1]}"
        sock.sendall(
            f"POST /api/check HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            "Content-Length: 100\r\n\r\n{".encode()
        )
    assert post(url + "api/check", {"text": "1 > 0"})[0] == 200
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
