"""The one reader of data files: the same rules and the same error type for every kind of file."""

from __future__ import annotations

import json
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from agentlevels import (
    Badge,
    SchemeFileError,
    load_badges,
    load_checklist,
    load_reviews,
    load_scheme,
)
from agentlevels._documents import check_keys, load_document, parse_document, unknown_name
from agentlevels._errors import RoutingStateError, _rebuild_error
from agentlevels.cli import main
from agentlevels.routing import RoutingError, RoutingState

# Text that no data file may hold, with the words of the error it gives.
BAD_TEXTS: list[tuple[str, bytes, str]] = [
    ("duplicate", b'{"a": 1, "a": 2}', "a: duplicate key 'a'"),
    ("nan", b'{"a": NaN}', "invalid JSON: NaN is not a number JSON allows"),
    ("syntax", b'{"a": }', "invalid JSON at line 1, column 7: Expecting value"),
    ("utf8", b'{"a": "\xff"}', "not UTF-8 text (bad byte at offset 7)"),
    ("top", b"[1]", "expected an object at the top level, found a list"),
    ("deep", b"[" * 100_000, "invalid JSON: the document is nested too deeply"),
]

LIBRARY_READERS: dict[str, Callable[[Path], object]] = {
    "scheme": load_scheme,
    "badge set": load_badges,
    "checklist": load_checklist,
    "reviews": load_reviews,
    "any document": load_document,
}


@pytest.mark.parametrize("kind", LIBRARY_READERS)
@pytest.mark.parametrize(("name", "content", "words"), BAD_TEXTS, ids=[b[0] for b in BAD_TEXTS])
def test_every_library_reader_raises_the_same_error(
    tmp_path: Path, kind: str, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(content)
    with pytest.raises(SchemeFileError) as caught:
        LIBRARY_READERS[kind](path)
    assert type(caught.value) is SchemeFileError
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: {words}"


@pytest.mark.parametrize(("name", "content", "words"), BAD_TEXTS, ids=[b[0] for b in BAD_TEXTS])
def test_a_routing_state_gets_the_same_errors(name: str, content: bytes, words: str) -> None:
    with pytest.raises(RoutingError) as caught:
        RoutingState.from_json(content)
    assert isinstance(caught.value, SchemeFileError)
    assert str(caught.value) == words


# Every command-line option that reads a data file, with the exit code of a bad one.
CLI_READERS: list[tuple[str, list[str], int]] = [
    ("levels TEAM", ["levels", "{}"], 1),
    ("levels --current", ["levels", "--current", "{}"], 1),
    ("levels --scheme", ["levels", "--scheme", "{}"], 1),
    ("presets --scheme", ["presets", "--scheme", "{}"], 1),
    ("badges WINDOWS", ["badges", "{}"], 1),
    ("badges --badges", ["badges", "--badges", "{}"], 1),
    ("route STATE", ["route", "{}"], 1),
    ("eval --snapshot", ["eval", "$answers > 1", "--snapshot", "{}"], 1),
    ("qa score REVIEWS", ["qa", "score", "{}"], 1),
    ("qa score --checklist", ["qa", "score", "--checklist", "{}"], 1),
    ("qa score --team", ["qa", "score", "--team", "{}"], 1),
    ("qa form --checklist", ["qa", "form", "--checklist", "{}"], 1),
]


@pytest.mark.parametrize(("command", "argv", "code"), CLI_READERS, ids=[c[0] for c in CLI_READERS])
@pytest.mark.parametrize(("name", "content", "words"), BAD_TEXTS, ids=[b[0] for b in BAD_TEXTS])
def test_every_command_reads_files_with_the_same_rules(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    argv: list[str],
    code: int,
    name: str,
    content: bytes,
    words: str,
) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(content)
    assert main([arg.format(path) for arg in argv]) == code
    captured = capsys.readouterr()
    assert f"{path}: {words}" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_line_and_column_where_the_format_gives_them(tmp_path: Path) -> None:
    json_file = tmp_path / "levels.json"
    json_file.write_text('{\n  "levels": [,]\n}', encoding="utf-8")
    toml_file = tmp_path / "levels.toml"
    toml_file.write_text("version = 1\nlevels = [1,,]\n", encoding="utf-8")
    bytes_file = tmp_path / "bytes.json"
    bytes_file.write_bytes(b'{\n "a":\n  "\xff"}')
    places = []
    for path in (json_file, toml_file, bytes_file):
        with pytest.raises(SchemeFileError) as caught:
            load_document(path)
        places.append((caught.value.line, caught.value.column))
    assert places == [(2, 14), (2, 13), (3, 4)]
    with pytest.raises(SchemeFileError) as caught:
        load_document(tmp_path / "missing.json")
    assert (caught.value.line, caught.value.column) == (None, None)


def test_a_duplicate_key_is_located_by_its_key_path() -> None:
    text = '{"levels": [{"key": "a"}, {"key": "b", "name": "B", "key": "c"}]}'
    with pytest.raises(SchemeFileError) as caught:
        parse_document(text, "json")
    assert caught.value.key_path == "levels[1].key"
    assert str(caught.value) == "levels[1].key: duplicate key 'key'"
    with pytest.raises(SchemeFileError, match="Cannot overwrite a value"):
        parse_document("a = 1\na = 2\n", "toml")


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_bytes(b"\xef\xbb\xbfann = 1\n")
    assert load_document(path) == {"ann": 1}


# --- The size limit, read with a bounded read -------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("agentlevels._documents.MAX_FILE_BYTES", 100)
    return 100


def test_a_file_over_the_limit_is_refused(tmp_path: Path, small_limit: int) -> None:
    path = tmp_path / "team.json"
    text = '{"a": "' + "x" * (small_limit - 9) + '"}'
    path.write_text(text, encoding="utf-8")
    assert len(path.read_bytes()) == small_limit
    assert load_document(path) == {"a": "x" * (small_limit - 9)}
    path.write_text(text + " ", encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_document(path)
    assert str(caught.value) == f"{path}: the file is larger than the limit of 100 bytes"


def test_the_limit_does_not_trust_the_size_a_device_reports(tmp_path: Path) -> None:
    # /dev/zero has no end and reports a size of 0: only a bounded read stops.
    link = tmp_path / "levels.json"
    try:
        link.symlink_to("/dev/zero")
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot link to /dev/zero")
    if not os.path.exists("/dev/zero") or link.stat().st_size != 0:
        pytest.skip("no /dev/zero of size 0 here")
    with pytest.raises(SchemeFileError, match="larger than the limit of 50,000,000 bytes"):
        load_scheme(link)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "state.json"
    try:
        os.mkfifo(path)
    except (AttributeError, OSError):
        pytest.skip("this system cannot make a FIFO")
    yield path
    # A writer still waiting for a reader is let go.
    os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))


def _write(path: Path, chunk: bytes, *, forever: bool) -> threading.Thread:
    def write() -> None:
        try:
            with path.open("wb") as stream:
                stream.write(chunk)
                while forever:
                    stream.write(chunk)
        except BrokenPipeError:  # the reader stopped reading, as it should
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_an_endless_pipe_is_cut_at_the_limit(fifo: Path, small_limit: int) -> None:
    writer = _write(fifo, b" " * 4096, forever=True)
    with pytest.raises(SchemeFileError, match="larger than the limit of 100 bytes"):
        load_document(fifo)
    writer.join(timeout=10)
    assert not writer.is_alive()


def test_a_state_can_come_through_a_pipe(
    fifo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # As in `agentlevels route <(make-state)`.
    writer = _write(fifo, b'{"now": 1, "operators": [{"id": "a"}]}', forever=False)
    assert main(["route", str(fifo)]) == 0
    writer.join(timeout=10)
    assert "Routing at t=1 (most_free_slots, 1 operators)" in capsys.readouterr().out


# --- Keys: the same "did you mean" in every kind of file --------------------------------------


def test_unknown_key_messages() -> None:
    assert unknown_name("key", "condtion", ("key", "condition")) == (
        "unknown key 'condtion'; did you mean 'condition'?"
    )
    assert unknown_name("key", "colour", ("key", "name")) == (
        "unknown key 'colour'; allowed: key, name"
    )
    # A misspelt required key is named as the typo it is, not as missing.
    with pytest.raises(SchemeFileError) as caught:
        check_keys({"key": "a", "condtion": "true"}, "levels[0]", required=("key", "condition"))
    assert (
        str(caught.value) == "levels[0].condtion: unknown key 'condtion'; did you mean 'condition'?"
    )


LEVEL = {"key": "a", "name": "A", "condition": "true"}
BADGE = {"key": "b", "name": "B", "rule": {"type": "threshold", "condition": "true"}}
COMPARATIVE = {"type": "comparative", "metric": "$chats"}
CHECKLIST = {"key": "c", "name": "C", "items": [{"key": "a", "text": "A"}]}
REVIEW = {"conversation": "c1", "agent": "a", "reviewer": "r", "results": {"a": "pass"}}


def _routing(path: Path) -> RoutingState:
    return RoutingState.from_json(path.read_bytes())


def _state(**changes: Any) -> dict[str, Any]:
    return {"now": 1, "operators": [{"id": "a"}], **changes}


TYPOS: list[tuple[str, Callable[[Path], object], dict[str, Any], str, str]] = [
    ("scheme", load_scheme, {"levls": [LEVEL]}, "levls", "levels"),
    ("level", load_scheme, {"levels": [{**LEVEL, "descripton": ""}]}, "levels[0].descripton",
     "description"),
    ("badge", load_badges, {"badges": [{**BADGE, "windw": "7d"}]}, "badges[0].windw", "window"),
    ("rule", load_badges, {"badges": [{**BADGE, "rule": {**COMPARATIVE, "minimun": 1}}]},
     "badges[0].rule.minimun", "minimum"),
    ("state", _routing, {**_state(), "operator": []}, "operator", "operators"),
    ("operator", _routing, _state(operators=[{"id": "a", "lod": 1}]), "operators[0].lod", "load"),
    ("conversation", _routing,
     _state(queue=[{"id": "c", "channel": "x", "point": "p", "arived_at": 1}]),
     "queue[0].arived_at", "arrived_at"),
    ("policy", _routing, _state(policy={"distrbution": "round_robin"}), "policy.distrbution",
     "distribution"),
    ("limit rule", _routing, _state(policy={"limits": {"rules": [{"wen": "true", "limit": 1}]}}),
     "policy.limits.rules[0].wen", "when"),
    ("alert", _routing, _state(policy={"alerts": [{"key": "a", "condition": "true", "scope": []}]}),
     "policy.alerts[0].scope", "scopes"),
    ("checklist", load_checklist, {**CHECKLIST, "itmes": []}, "itmes", "items"),
    ("checklist item", load_checklist,
     {**CHECKLIST, "items": [{"key": "a", "text": "A", "weigth": 2}]}, "items[0].weigth", "weight"),
    ("review", load_reviews, {"reviews": [{**REVIEW, "reviewd_on": "2026-11-03"}]},
     "reviews[0].reviewd_on", "reviewed_on"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "read", "data", "key_path", "meant"), TYPOS,
                         ids=[t[0] for t in TYPOS])  # fmt: skip
def test_every_kind_of_file_suggests_the_key_meant(
    tmp_path: Path,
    kind: str,
    read: Callable[[Path], object],
    data: dict[str, Any],
    key_path: str,
    meant: str,
) -> None:
    path = tmp_path / "file.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        read(path)
    typo = key_path.rsplit(".", 1)[-1]
    assert caught.value.key_path == key_path
    assert caught.value.reason == f"unknown key {typo!r}; did you mean {meant!r}?"


def test_a_misspelt_rule_type_gets_a_suggestion() -> None:
    with pytest.raises(SchemeFileError) as caught:
        Badge.from_dict({**BADGE, "rule": {"type": "treshold", "condition": "true"}})
    assert str(caught.value) == "rule.type: unknown rule type 'treshold'; did you mean 'threshold'?"


# --- The error type ---------------------------------------------------------------------------


def test_a_routing_state_error_is_both_kinds_of_error() -> None:
    with pytest.raises(RoutingError) as caught:
        RoutingState.from_dict({"now": 1, "operators": [{"id": "a", "lod": 1}]})
    error = caught.value
    assert isinstance(error, RoutingStateError)
    assert isinstance(error, SchemeFileError)
    located = error.with_path("state.json")
    assert type(located) is RoutingStateError
    assert str(located) == "state.json: operators[0].lod: unknown key 'lod'; did you mean 'load'?"
    again = pickle.loads(pickle.dumps(located))
    assert type(again) is RoutingStateError
    assert (again.path, again.key_path, str(again)) == (
        located.path,
        located.key_path,
        str(located),
    )


def test_errors_keep_their_line_and_column_through_pickles() -> None:
    error = SchemeFileError("invalid JSON", path="a.json", line=3, column=7)
    again = pickle.loads(pickle.dumps(error))
    assert (again.line, again.column, again.path) == (3, 7, "a.json")
    # The arguments pickles carried before line and column existed still rebuild.
    old = _rebuild_error("bad", "a.json", "levels[0]", (), None)
    assert (str(old), old.line) == ("a.json: levels[0]: bad", None)
