"""Every backend is a table keyed by node class, with an entry for every class.

Adding an operator means adding a node class to ``nodes.CLASSES`` and one row
to each table below; the parametrised test names the tables still missing it.
A node of a class no table knows is refused with a ``TypeError`` naming the
backend, never rendered or run as something else.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping

import pytest

import agentlevels
from agentlevels import DEFAULT_CATALOG, nodes
from agentlevels._explain import progress, sentences
from agentlevels._language import checker, compiler, exact, format, ladder, runtime, trace
from agentlevels._language.checked import Checked
from agentlevels._sql import visitors as sql

# Every backend's dispatch table, by the name a reader finds it under.
TABLES: list[tuple[str, Mapping[type[nodes.Node], object]]] = [
    ("agentlevels._language.checker.CHECKS", checker.CHECKS),
    ("agentlevels._language.compiler.FAST_PATH", compiler.FAST_PATH),
    ("agentlevels._language.exact.THREE_VALUED", exact.THREE_VALUED),
    ("agentlevels._language.runtime.EXACT_PATH", runtime.EXACT_PATH),
    ("agentlevels._language.trace.TRACE_STEPS", trace.TRACE_STEPS),
    ("agentlevels._language.format.FORMATTERS", format.FORMATTERS),
    ("agentlevels._language.format.PRECEDENCE", format.PRECEDENCE),
    ("agentlevels._sql.visitors.VISITORS", sql.VISITORS),
    ("agentlevels._explain.sentences.EXPLAINERS", sentences.EXPLAINERS),
    ("agentlevels._explain.progress.MEASURES", progress.MEASURES),
]


@pytest.mark.parametrize("cls", nodes.CLASSES, ids=lambda cls: cls.__name__)
def test_every_backend_has_an_entry_for_the_node_class(cls: type[nodes.Node]) -> None:
    forgotten = [name for name, table in TABLES if cls not in table]
    assert not forgotten, f"no entry for nodes.{cls.__name__} in: {', '.join(forgotten)}"


@pytest.mark.parametrize(("name", "table"), TABLES, ids=[name for name, _ in TABLES])
def test_tables_are_keyed_by_concrete_classes_only(
    name: str, table: Mapping[type[nodes.Node], object]
) -> None:
    # Lookups are by exact class: an entry for a base class would never be used.
    extra = [cls.__name__ for cls in table if cls not in nodes.CLASSES]
    assert not extra, f"{name} has entries for classes outside nodes.CLASSES: {extra}"


def test_classes_lists_every_concrete_node_class() -> None:
    # The concrete classes of the nodes module are those no class of it extends.
    defined = [v for v in vars(nodes).values() if inspect.isclass(v) and issubclass(v, nodes.Node)]
    bases = {base for cls in defined for base in cls.__mro__[1:]}
    assert {cls for cls in defined if cls not in bases} == set(nodes.CLASSES)
    assert len(nodes.CLASSES) == len(set(nodes.CLASSES)) == 17


# A formula in which every node class appears, evaluated by every backend.
EVERY_CLASS = (
    "!($a + $b - $c * $d / $e == 1) && $a != 2 || $a < 3 && $a <= 4"
    " || $a > 5 && -$a >= 6 || $on || true"
)


def test_one_formula_of_every_class_goes_through_every_backend() -> None:
    catalog = DEFAULT_CATALOG.extend(
        [agentlevels.Metric(name) for name in "abcde"] + [agentlevels.Metric("on", "boolean")]
    )
    formula = agentlevels.compile(EVERY_CLASS, catalog=catalog)
    assert {type(node) for node in nodes.walk(formula.node)} == set(nodes.CLASSES)
    snapshot = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "on": None}
    assert formula.evaluate(snapshot) is True
    assert formula.evaluate({**snapshot, "a": None}) is True  # the exact path, `|| true`
    traced = formula.trace(snapshot)
    assert traced.value is True
    assert [traced.plan.flipped(traced.values, i) for i in traced.plan.atoms] == [True] * 7
    assert agentlevels.parse(formula.canonical) == formula.node
    pytest.importorskip("sqlglot")
    assert "OR" in formula.to_sql()


class Mod(nodes.Binary):
    """A node class no backend knows (not registered in nodes.CLASSES)."""

    operator = "%"


def _with_mod() -> nodes.Node:
    return nodes.Gt(Mod(nodes.Variable("answers"), nodes.Number(7)), nodes.Number(1))


def _checked(node: nodes.Node) -> Checked:
    return Checked(node, "boolean", DEFAULT_CATALOG, frozenset({"answers"}), ())


def test_the_formatter_refuses_an_unknown_class() -> None:
    with pytest.raises(TypeError, match="the formatter has no entry for Mod nodes"):
        agentlevels.format_node(_with_mod())
    with pytest.raises(TypeError, match="precedence table has no entry for Mod nodes"):
        format.precedence(Mod(nodes.Number(1), nodes.Number(2)))


def test_the_checker_refuses_an_unknown_class() -> None:
    with pytest.raises(TypeError, match="the checker has no entry for Mod nodes"):
        checker.check_tree(_with_mod(), DEFAULT_CATALOG, "boolean")


def test_both_compiler_paths_refuse_an_unknown_class() -> None:
    with pytest.raises(TypeError, match="has no entry for Mod nodes"):
        compiler.build(_checked(_with_mod()))
    with pytest.raises(TypeError, match="the exact path has no entry for Mod nodes"):
        runtime.Program.of(_checked(_with_mod()))
    with pytest.raises(TypeError, match="the exact path has no entry for Mod nodes"):
        runtime.evaluate_constant(Mod(nodes.Number(1), nodes.Number(2)))
    with pytest.raises(TypeError, match="the compiler's fast path has no entry for Mod nodes"):
        ladder.ladder_function([_checked(_with_mod())], lambda snapshot, held: held)


def test_the_trace_refuses_an_unknown_class() -> None:
    with pytest.raises(TypeError, match="the exact path has no entry for Mod nodes"):
        trace.Plan.of(_with_mod(), DEFAULT_CATALOG)
