"""Generated code is built from the checked tree only: no way in for text."""

from __future__ import annotations

import builtins

import pytest

import agentlevels
from agentlevels import Catalog, FormulaError, Metric, nodes
from agentlevels._language.checked import Checked
from agentlevels._language.compiler import build

ATTACKS = [
    '$answers"] or __import__("os").system("echo pwned") or s["x',
    "$answers) or __import__('os').system('echo pwned') or (1",
    "__import__('os').system('echo pwned')",
    "$__class__.__mro__ > 1",
    "$answers >= 1e308 or 1",
    "$answers >= 0x10",
    "$answers >= 1_000",
    "$answers >= 5j",
    "$answers >= (lambda: 1)()",
    "$answers >= [1][0]",
    "$answers if 1 else 2",
    "$answers; import os",
    "$answers\n__import__('os')",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_code_in_formula_text_is_a_syntax_error(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the formula reached Python's import machinery")

    monkeypatch.setattr(builtins, "__import__", forbidden)
    with pytest.raises(FormulaError):
        agentlevels.compile(text)


@pytest.mark.parametrize(
    "name",
    [
        'x"] or __import__("os") or s["',
        "x) or (1",
        "Answers",
        "a b",
        "a\n",
        "",
    ],
)
def test_a_catalog_refuses_names_that_are_not_identifiers(name: str) -> None:
    with pytest.raises(ValueError, match="metric name"):
        Metric(name)


def test_a_variable_name_is_only_ever_a_dictionary_key() -> None:
    catalog = Catalog([Metric("__import__"), Metric("__builtins__")])
    formula = agentlevels.compile("$__import__ + $__builtins__ > 1", catalog=catalog)
    assert formula({"__import__": 1, "__builtins__": 1}) is True


def test_the_compiler_refuses_a_tree_whose_values_are_not_parsed_numbers() -> None:
    # Only the parser builds trees for compile(); a hand-made tree with a
    # non-number in a literal is refused rather than embedded.
    with pytest.raises(TypeError, match="int or a float"):
        nodes.Number("__import__('os')")  # type: ignore[arg-type]
    # And should one be smuggled past the constructor, the compiler refuses it too.
    number = nodes.Number(1)
    object.__setattr__(number, "value", "__import__('os')")
    evil = nodes.Gt(nodes.Variable("answers"), number)
    checked = Checked(evil, "boolean", agentlevels.DEFAULT_CATALOG, frozenset({"answers"}), ())
    with pytest.raises(TypeError, match="not a literal"):
        build(checked)


def test_the_compiler_refuses_names_outside_the_catalog() -> None:
    evil = nodes.Gt(nodes.Variable('x"]) or print("pwned") or (s["x'), nodes.Number(1))
    checked = Checked(evil, "boolean", agentlevels.DEFAULT_CATALOG, frozenset(), ())
    with pytest.raises(KeyError):
        build(checked)


def test_generated_code_has_no_builtins() -> None:
    formula = agentlevels.compile("$answers > 1")
    formula({"answers": 2})  # the code is generated on the first call
    call = type(formula).__call__
    assert call.__globals__["__builtins__"] == {}
