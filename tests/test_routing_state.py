"""Reading routing states from JSON, and the ``agentlevels route`` command."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlevels import SchemeFileError, cli
from agentlevels.cli.routing import sample_state_text
from agentlevels.routing import RoutingError, RoutingPolicy, RoutingState


def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sample_state_text())
    return data


def test_the_sample_state_routes() -> None:
    state = RoutingState.from_json(sample_state_text())
    decision = state.route()
    assert state.now == 1000
    assert len(state.operators) == 8
    assert decision.assignments
    assert any(entry.reason == "blocked-visitor" for entry in decision.waiting)
    assert decision.retention
    assert {alert.key for alert in decision.alerts} == {"wait_above_norm", "group_overloaded"}
    assert decision.widget_visible["site"] is False


def test_a_minimal_state_uses_the_preset_policy() -> None:
    state = RoutingState.from_dict({"now": 5, "operators": [{"id": "a", "groups": []}]})
    assert state.policy == RoutingPolicy()
    assert state.queue == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("now"), "^missing required key 'now'"),
        (lambda d: d.update(now="soon"), r"^now: expected a number of seconds"),
        (
            lambda d: d.update(extra=1),
            "^extra: unknown key 'extra'; allowed: now, operators, policy, queue$",
        ),
        (lambda d: d.update(operators={}), r"^operators: expected a list"),
        (lambda d: d["operators"][2].update(load=-1), r"operators\[2\]: load must be"),
        (lambda d: d["operators"][0].update(load="2"), r"operators\[0\]: load must be"),
        (lambda d: d["operators"][0].update(groups="front"), r"operators\[0\]\.groups"),
        (lambda d: d["operators"][0].update(metrics={"x": "y"}), r"metrics\.x"),
        (lambda d: d["operators"][1].update(id="anna"), r"id 'anna' appears twice"),
        (lambda d: d["queue"][0].update(arrived_at=None), r"queue\[0\]\.arrived_at"),
        (lambda d: d["queue"][0].update(group="nope"), r"unknown group 'nope'"),
        (lambda d: d["queue"][1].pop("channel"), r"^queue\[1\]: missing required key 'channel'"),
        (lambda d: d["policy"].update(distribution="fifo"), r"policy: distribution"),
        (
            lambda d: d["policy"]["limits"]["rules"][0].update(condition="$levle >= 6"),
            r"policy\.limits\.rules\[0\]: .*levle",
        ),
        (lambda d: d["policy"]["groups"][0].update(points="site"), r"groups\[0\]\.points"),
        (lambda d: d["policy"]["overflow"][0].update(helpers=["x"]), r"unknown group 'x'"),
        (lambda d: d["policy"].update(channel_priority=[1]), r"channel_priority"),
        (
            lambda d: d["policy"].update(alerts=[{"key": "a", "condition": "$nope"}]),
            r"policy\.alerts\[0\]",
        ),
        (lambda d: d["policy"].update(retention=[{"after_s": -1}]), r"retention\[0\]"),
    ],
)
def test_bad_states_name_the_place(change: Any, message: str) -> None:
    data = sample()
    change(data)
    with pytest.raises(RoutingError, match=message):
        RoutingState.from_dict(data).route()


def test_bad_json() -> None:
    with pytest.raises(RoutingError, match="invalid JSON at line 1, column 2"):
        RoutingState.from_json("{")
    with pytest.raises(RoutingError, match="not UTF-8"):
        RoutingState.from_json(b"\xff\xfe{")
    with pytest.raises(RoutingError, match="invalid JSON: the document is nested too deeply"):
        RoutingState.from_json("[" * 100_000)
    with pytest.raises(RoutingError, match="expected an object"):
        RoutingState.from_json("[]")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=10,
)


def paths(data: object) -> list[tuple[str | int, ...]]:
    """Every place in a JSON document, walked with an explicit stack."""
    found: list[tuple[str | int, ...]] = []
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if path:
            found.append(path)
        if isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, index), value) for index, value in enumerate(node))
    return sorted(found, key=repr)


SAMPLE_PATHS = paths(sample())


@given(st.sampled_from(SAMPLE_PATHS), json_values)
def test_any_json_value_anywhere_is_routing_error_or_fine(
    path: tuple[str | int, ...], value: object
) -> None:
    data = sample()
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    with contextlib.suppress(RoutingError):
        RoutingState.from_dict(data).route()


def run(argv: list[str]) -> int:
    return cli.main(argv)


def test_command_prints_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["route"]) == 0
    out = capsys.readouterr().out
    assert "Assigned (" in out
    assert "group_overloaded [group sales]" in out
    assert "site" in out


def test_command_json_and_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "state.json"
    path.write_text(sample_state_text(), encoding="utf-8")
    assert run(["route", str(path), "--json"]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision == RoutingState.from_json(sample_state_text()).route().to_dict()


def test_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["route", str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"now": 1, "operators": [{"id": 5, "groups": []}]}', encoding="utf-8")
    assert run(["route", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "operators[0].id" in err
    assert err.startswith("agentlevels route: error: ")


def test_a_duplicate_key_is_refused_where_it_is() -> None:
    text = '{"now": 1, "operators": [{"id": "a", "load": 1, "load": 2}]}'
    with pytest.raises(RoutingError) as caught:
        RoutingState.from_json(text)
    assert isinstance(caught.value, SchemeFileError)
    assert caught.value.key_path == "operators[0].load"
    assert str(caught.value) == "operators[0].load: duplicate key 'load'"


def test_command_refuses_duplicates_and_suggests_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"now": 1, "now": 2, "operators": []}', encoding="utf-8")
    assert run(["route", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == f"agentlevels route: error: {path}: now: duplicate key 'now'\n"
    path.write_text('{"now": 1, "operators": [{"id": "a", "lod": 1}]}', encoding="utf-8")
    assert run(["route", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"agentlevels route: error: {path}: operators[0].lod: "
        "unknown key 'lod'; did you mean 'load'?\n"
    )


def test_command_errors_from_the_sample_and_from_routing_name_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sample()
    data["operators"][1]["id"] = data["operators"][0]["id"]
    path = tmp_path / "state.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(["route", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"agentlevels route: error: {path}: ")
