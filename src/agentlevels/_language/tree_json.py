"""The syntax tree as JSON-ready data, for visual condition builders.

``to_dict(node)`` gives ``{"version": 1, "tree": {...}}``: each node is an
object with a ``"type"`` (the lower-case name of its class: ``"ge"``,
``"and"``, ``"variable"`` ...) and its fields (docs/editor.md). ``from_dict``
reads it back as strictly as :func:`~agentlevels.parse` reads text:

* a shape that is no tree (an unknown type, a missing or unknown key, a
  value of the wrong kind, a name that is not a variable name) is a
  :class:`~agentlevels.SchemeFileError` whose ``key_path`` points into the
  data (``tree.operands[1].right.value``);
* then the tree is printed as its canonical text and that text is parsed, so
  the limits (depth, parts, digits of a number) raise what ``parse`` raises,
  :class:`~agentlevels.FormulaLimitError`, with the canonical text as its
  ``source``. A tree of more parts than the limit is refused before it is
  printed, with the same error.

Both walk the data with an explicit stack: no input makes them recurse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic
from agentlevels._documents import (
    check_keys,
    expect_int,
    expect_mapping,
    expect_number,
    expect_sequence,
    expect_str,
    unknown_name,
)
from agentlevels._errors import FormulaLimitError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import VARIABLE_NAME
from agentlevels._language.format import format_node
from agentlevels._language.parser import MAX_DIGITS, MAX_NODES, parse

__all__ = ["TREE_VERSION", "from_dict", "to_dict"]

TREE_VERSION: Final = 1
"""The version of the tree's JSON form that :func:`to_dict` writes and :func:`from_dict` reads."""

TYPES: Final[Mapping[str, type[nodes.Node]]] = {cls.__name__.lower(): cls for cls in nodes.CLASSES}
_NAMES: Final[Mapping[type[nodes.Node], str]] = {cls: name for name, cls in TYPES.items()}
_LEAF_KEYS: Final[Mapping[type[nodes.Node], str]] = {
    nodes.Number: "value",
    nodes.Boolean: "value",
    nodes.Variable: "name",
}
# A whole number this long has more significant digits than a literal may.
_TOO_LONG_BITS: Final = 64


def _fields(node: nodes.Node) -> tuple[str, ...]:
    if isinstance(node, nodes.Logical):
        return ("operands",)
    if isinstance(node, nodes.Unary):
        return ("operand",)
    if isinstance(node, nodes.Binary):
        return ("left", "right")
    return ()


def to_dict(node: nodes.Node, *, spans: bool = False) -> dict[str, Any]:
    """``{"version": 1, "tree": ...}``: the tree as JSON-ready data.

    With ``spans=True`` each node also has ``"span": [start, end]`` (offsets
    in the text it was parsed from); :func:`from_dict` ignores them.

    >>> to_dict(nodes.Ge(nodes.Variable("answers"), nodes.Number(500)))
    {'version': 1, 'tree': {'type': 'ge', 'left': {'type': 'variable', 'name': 'answers'}, \
'right': {'type': 'number', 'value': 500}}}
    """
    if not isinstance(node, nodes.Node):
        raise TypeError(f"to_dict takes a syntax tree (a Node), not {type(node).__name__}")

    def visit(current: nodes.Node, children: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"type": nodes.handler(_NAMES, current, "tree's JSON form")}
        if type(current) in _LEAF_KEYS:
            data[_LEAF_KEYS[type(current)]] = current._payload()
        elif isinstance(current, nodes.Logical):
            data["operands"] = list(children)
        else:
            data.update(zip(_fields(current), children, strict=True))
        if spans:
            data["span"] = [current.span.start, current.span.end]
        return data

    return {"version": TREE_VERSION, "tree": nodes.fold(node, visit)}


def from_dict(data: Mapping[str, Any]) -> nodes.Node:
    """The tree that :func:`to_dict` gave ``data`` for; validated as ``parse`` validates text.

    >>> tree = from_dict({"version": 1, "tree": {"type": "not", "operand":
    ...     {"type": "variable", "name": "online"}}})
    >>> tree
    Not(Variable('online'))
    >>> from_dict({"version": 1, "tree": {"type": "variable", "name": "Answers"}})
    Traceback (most recent call last):
    ...
    agentlevels.SchemeFileError: tree.name: 'Answers' is not a variable name...
    """
    document = expect_mapping(data, "")
    check_keys(document, "", required=("version", "tree"))
    if expect_int(document["version"], "version") != TREE_VERSION:
        raise SchemeFileError(
            f"unsupported version; this library reads version {TREE_VERSION}", key_path="version"
        )
    tree = _build(document["tree"])
    # Printed and parsed again: the limits are parse's, and so are the errors.
    return parse(format_node(tree))


def _build(root: object) -> nodes.Node:
    """The nodes of the data under ``"tree"``, built children first with an explicit stack."""
    # Each entry: the data, its key path, and whether its children are built.
    pending: list[tuple[object, str, bool]] = [(root, "tree", False)]
    built: list[nodes.Node] = []
    parts = 0
    while pending:
        item, where, expanded = pending.pop()
        entry = expect_mapping(item, where)
        cls = _node_class(entry, where)
        if cls in _LEAF_KEYS:
            built.append(_leaf(cls, entry, where))
            parts += 1
        elif not expanded:
            pending.append((item, where, True))
            children = _children(cls, entry, where)
            pending.extend(reversed(children))
            parts += len(children) - 1 if issubclass(cls, nodes.Logical) else 1
        else:
            built.append(_inner(cls, entry, built))
        if parts > MAX_NODES:
            raise _limit(
                "too-many-nodes",
                f"the formula has more than {MAX_NODES:,} parts",
                "split it into simpler conditions",
            )
    (tree,) = built
    return tree


def _node_class(entry: Mapping[str, Any], where: str) -> type[nodes.Node]:
    if "type" not in entry:
        raise SchemeFileError("missing required key 'type'", key_path=where)
    name = expect_str(entry["type"], child_path(where, "type"))
    if name not in TYPES:
        raise SchemeFileError(
            unknown_name("node type", name, list(TYPES)), key_path=child_path(where, "type")
        )
    return TYPES[name]


def _children(
    cls: type[nodes.Node], entry: Mapping[str, Any], where: str
) -> list[tuple[object, str, bool]]:
    if issubclass(cls, nodes.Logical):
        check_keys(entry, where, required=("type", "operands"), optional=("span",))
        key = child_path(where, "operands")
        operands = expect_sequence(entry["operands"], key)
        if len(operands) < 2:
            raise SchemeFileError(
                f"`{cls.operator}` joins at least two operands, found {len(operands)}",
                key_path=key,
            )
        return [(operand, child_path(key, index), False) for index, operand in enumerate(operands)]
    fields = ("operand",) if issubclass(cls, nodes.Unary) else ("left", "right")
    check_keys(entry, where, required=("type", *fields), optional=("span",))
    return [(entry[field], child_path(where, field), False) for field in fields]


def _inner(cls: type[nodes.Node], entry: Mapping[str, Any], built: list[nodes.Node]) -> nodes.Node:
    count = len(entry["operands"]) if issubclass(cls, nodes.Logical) else len(_fields_of(cls))
    operands = built[-count:]
    del built[-count:]
    return cls.from_children(operands)  # type: ignore[attr-defined,no-any-return]


def _fields_of(cls: type[nodes.Node]) -> tuple[str, ...]:
    return ("operand",) if issubclass(cls, nodes.Unary) else ("left", "right")


def _leaf(cls: type[nodes.Node], entry: Mapping[str, Any], where: str) -> nodes.Node:
    key = _LEAF_KEYS[cls]
    check_keys(entry, where, required=("type", key), optional=("span",))
    value = entry[key]
    at = child_path(where, key)
    if cls is nodes.Variable:
        name = expect_str(value, at, non_empty=False)
        if not VARIABLE_NAME.match(name):
            raise SchemeFileError(
                f"{name!r} is not a variable name: a lower-case letter or `_`, then "
                "lower-case letters, digits or `_`",
                key_path=at,
            )
        return nodes.Variable(name)
    if cls is nodes.Boolean:
        if not isinstance(value, bool):
            raise SchemeFileError(f"expected true or false, found {value!r}", key_path=at)
        return nodes.Boolean(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _number(value, at)  # any size: not through float()
    return _number(expect_number(value, at), at)


def _number(value: int | float, where: str) -> nodes.Node:
    if value < 0:
        raise SchemeFileError(
            "a number is not negative: put it under {'type': 'neg', 'operand': ...}",
            key_path=where,
        )
    if isinstance(value, int) and value.bit_length() > _TOO_LONG_BITS:
        raise _limit(
            "number-too-long",
            f"a number of {value.bit_length()} bits has more than {MAX_DIGITS} significant digits",
            "round it: a formula's numbers are thresholds, not measurements",
        )
    return nodes.Number(value)


def _limit(code: str, message: str, hint: str) -> FormulaLimitError:
    return FormulaLimitError("", [Diagnostic("error", code, message, 0, 0, 1, 1, hint)])
