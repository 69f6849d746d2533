"""The syntax tree as JSON: the exact form, the round trip, and from_dict as strict as parse."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

from agentlevels import (
    FormulaLimitError,
    SchemeFileError,
    format_node,
    nodes,
    parse,
)
from tests.strategies import boolean_formulas, number_formulas


def tree(data: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "tree": data}


VARIABLE = {"type": "variable", "name": "answers"}
FIVE = {"type": "number", "value": 5}


def test_the_form_of_every_node_class() -> None:
    text = "($answers >= 500 || $chats > 1.5) && !$online && (-$a * 2 / 3 - 1 + 0 != 0) == true"
    data = nodes.to_dict(parse(text))
    assert data["version"] == 1
    types = {node["type"] for node in _walk(data["tree"])}
    assert types == {cls.__name__.lower() for cls in nodes.CLASSES} - {"lt", "le"}
    assert nodes.to_dict(parse("$a < 1 || $b <= 2 || false"))["tree"] == {
        "type": "or",
        "operands": [
            {
                "type": "lt",
                "left": {"type": "variable", "name": "a"},
                "right": {"type": "number", "value": 1},
            },
            {
                "type": "le",
                "left": {"type": "variable", "name": "b"},
                "right": {"type": "number", "value": 2},
            },
            {"type": "boolean", "value": False},
        ],
    }


def _walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.get("operands", []))
        stack.extend(current[key] for key in ("left", "right", "operand") if key in current)
    return found


def test_spans_on_request() -> None:
    data = nodes.to_dict(parse("-$a > 1"), spans=True)
    assert data["tree"] == {
        "type": "gt",
        "left": {
            "type": "neg",
            "operand": {"type": "variable", "name": "a", "span": [1, 3]},
            "span": [0, 3],
        },
        "right": {"type": "number", "value": 1, "span": [6, 7]},
        "span": [0, 7],
    }
    assert nodes.from_dict(data) == parse("-$a > 1")


def test_from_dict_gives_the_canonical_texts_spans() -> None:
    read = nodes.from_dict(tree({"type": "ge", "left": VARIABLE, "right": FIVE}))
    assert read == parse("$answers >= 5")
    assert read.span == parse("$answers >= 5").span


def test_to_dict_refuses_what_is_no_tree() -> None:
    with pytest.raises(TypeError, match="a Node"):
        nodes.to_dict("$a > 1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "key_path", "message"),
    [
        ([], "", "expected a table"),
        ({"tree": FIVE}, "", "missing required key 'version'"),
        ({"version": 2, "tree": FIVE}, "version", "unsupported version"),
        ({"version": True, "tree": FIVE}, "version", "whole number"),
        ({"version": 1, "tree": FIVE, "extra": 1}, "extra", "unknown key"),
        (tree({"value": 5}), "tree", "missing required key 'type'"),
        (tree({"type": "nmber", "value": 5}), "tree.type", "did you mean 'number'?"),
        (tree({"type": 5}), "tree.type", "expected a string"),
        (tree({"type": "number", "value": -5}), "tree.value", "not negative"),
        (tree({"type": "number", "value": True}), "tree.value", "finite number"),
        (tree({"type": "number", "value": float("nan")}), "tree.value", "finite number"),
        (tree({"type": "boolean", "value": 1}), "tree.value", "true or false"),
        (tree({"type": "variable", "name": "Answers"}), "tree.name", "not a variable name"),
        (tree({"type": "variable", "name": ""}), "tree.name", "not a variable name"),
        (tree({"type": "variable", "name": "$a"}), "tree.name", "not a variable name"),
        (tree({"type": "ge", "left": VARIABLE}), "tree", "missing required key 'right'"),
        (tree({"type": "ge", "left": VARIABLE, "right": 5}), "tree.right", "expected a table"),
        (tree({"type": "neg", "operand": FIVE, "left": FIVE}), "tree.left", "unknown key"),
        (tree({"type": "and", "operands": [FIVE]}), "tree.operands", "at least two"),
        (tree({"type": "or", "operands": {}}), "tree.operands", "expected a list"),
        (
            tree({"type": "or", "operands": [FIVE, {"type": "not", "operand": {"type": "x"}}]}),
            "tree.operands[1].operand.type",
            "unknown node type",
        ),
    ],
)
def test_a_shape_that_is_no_tree_names_its_place(data: Any, key_path: str, message: str) -> None:
    with pytest.raises(SchemeFileError, match=message) as caught:
        nodes.from_dict(data)
    assert caught.value.key_path == key_path


def _nested(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "boolean", "value": True}
    for _ in range(depth):
        data = {"type": "not", "operand": data}
    return data


def test_limits_are_parses_limits() -> None:
    nodes.from_dict(tree(_nested(100)))
    with pytest.raises(FormulaLimitError) as caught:
        nodes.from_dict(tree(_nested(101)))
    assert [d.code for d in caught.value.diagnostics] == ["too-deep"]
    with pytest.raises(FormulaLimitError) as caught:
        nodes.from_dict(tree({"type": "number", "value": 10**20}))
    assert [d.code for d in caught.value.diagnostics] == ["number-too-long"]
    with pytest.raises(FormulaLimitError) as caught:
        nodes.from_dict(tree({"type": "number", "value": 5e-324}))
    assert [d.code for d in caught.value.diagnostics] == ["number-too-small"]
    with pytest.raises(FormulaLimitError) as caught:
        nodes.from_dict(tree({"type": "number", "value": 10**5000}))
    assert [d.code for d in caught.value.diagnostics] == ["number-too-long"]


def test_too_many_parts_is_refused_before_printing() -> None:
    many = {"type": "and", "operands": [{"type": "boolean", "value": True}] * 1002}
    with pytest.raises(FormulaLimitError) as caught:
        nodes.from_dict(tree(many))
    assert [d.code for d in caught.value.diagnostics] == ["too-many-nodes"]


def test_no_depth_of_data_recurses() -> None:
    with pytest.raises(FormulaLimitError):
        nodes.from_dict(tree(_nested(200_000)))
    looped: dict[str, Any] = {"type": "not"}
    looped["operand"] = looped
    with pytest.raises(FormulaLimitError):
        nodes.from_dict(tree(looped))


def test_the_data_is_not_changed() -> None:
    data = tree({"type": "ge", "left": VARIABLE, "right": FIVE})
    before = json.dumps(data)
    nodes.from_dict(data)
    assert json.dumps(data) == before


@given(boolean_formulas())
def test_round_trip_of_conditions(node: nodes.Node) -> None:
    data = json.loads(json.dumps(nodes.to_dict(node)))
    assert nodes.from_dict(data) == node
    assert format_node(nodes.from_dict(data)) == format_node(node)


@given(number_formulas())
def test_round_trip_of_numbers(node: nodes.Node) -> None:
    assert nodes.from_dict(nodes.to_dict(node, spans=True)) == node
