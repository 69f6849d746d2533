"""Checked formula to Python callables.

Each formula becomes one fused Python function, generated as a Python
``ast`` tree from the *checked* syntax tree only: metric names enter it as
string constants taken from the catalog-checked tree and numbers as the
parsed values, never as text. The function has two paths:

* the fast path, taken when every value read is a finite number (or a bool
  for a boolean metric): plain Python arithmetic and logic, with a
  finiteness test on the few intermediate results that could overflow;
* the exact path, :class:`Program`, a small stack machine over the tree in
  postfix order that validates the snapshot (raising the library's own
  errors) and implements unknown values, division by zero and overflow with
  three-valued logic. The fast path hands over to it whenever a value is
  missing, unknown, of an odd type, or an operation fails.

Generated code never nests deeper than ``_SPILL_DEPTH``: deeper expressions
are spilled into temporaries, so a chain of hundreds of ``+`` never makes
Python's compiler recurse once per link.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Sequence
from types import CodeType
from typing import Any

from agentlevels import nodes
from agentlevels._language.checked import Checked
from agentlevels._language.runtime import Program
from agentlevels._values import Value

_SPILL_DEPTH = 24


# --------------------------------------------------------------------------
# The exact path: snapshot validation and a three-valued stack machine.


# --------------------------------------------------------------------------
# The fast path: one generated function per formula.

_PY_BINARY: dict[type[nodes.Node], ast.operator] = {
    nodes.Add: ast.Add(),
    nodes.Sub: ast.Sub(),
    nodes.Mul: ast.Mult(),
    nodes.Div: ast.Div(),
}
_PY_COMPARE: dict[type[nodes.Node], ast.cmpop] = {
    nodes.Eq: ast.Eq(),
    nodes.Ne: ast.NotEq(),
    nodes.Lt: ast.Lt(),
    nodes.Le: ast.LtE(),
    nodes.Gt: ast.Gt(),
    nodes.Ge: ast.GtE(),
}
# Negation cannot overflow, but -(x * y) carries an infinite product up to a
# comparison; so it is tested like the operators that can.
_ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.Neg)


def _name(identifier: str, store: bool = False) -> ast.Name:
    return ast.Name(identifier, ast.Store() if store else ast.Load())


def _finite_test(name: str) -> ast.expr:
    # x - x == 0 is false exactly for NaN and the infinities, and needs no call.
    return ast.Compare(
        ast.BinOp(_name(name), ast.Sub(), _name(name)), [ast.Eq()], [ast.Constant(0)]
    )


class _Generator:
    def __init__(self, checked: Checked) -> None:
        self.checked = checked
        self.locals: dict[str, str] = {}  # metric name -> local variable
        self.hoisted: list[ast.stmt] = []  # temporaries computed before the result
        self.finite: list[str] = []  # temporaries that must be finite
        self.guarded = self._guarded_nodes(checked)

    @staticmethod
    def _guarded_nodes(checked: Checked) -> set[int]:
        """Arithmetic results whose overflow to infinity would change the result.

        Infinity survives ``+ - *`` and is caught at the next comparison, but
        ``x / inf`` is a finite 0: so comparison operands, divisors and the
        formula's own numeric result are tested.
        """
        guarded: set[int] = set()
        for node in nodes.walk(checked.node):
            if isinstance(node, nodes.Comparison):
                guarded.update(id(side) for side in node.children)
            elif isinstance(node, nodes.Div):
                guarded.add(id(node.right))
        if checked.kind == "number":
            guarded.add(id(checked.node))
        return guarded

    def local(self, name: str) -> str:
        if name not in self.locals:
            self.locals[name] = f"v{len(self.locals)}"
        return self.locals[name]

    def temporary(self, expression: ast.expr) -> str:
        name = f"t{len(self.hoisted)}"
        self.hoisted.append(ast.Assign([_name(name, store=True)], expression))
        return name

    def visit(self, node: nodes.Node, kids: Sequence[tuple[ast.expr, int]]) -> tuple[ast.expr, int]:
        expression: ast.expr
        if isinstance(node, nodes.Number | nodes.Boolean):
            if type(node.value) not in (int, float, bool):  # only parsed values get here
                raise TypeError(f"not a literal value: {node.value!r}")
            return ast.Constant(node.value), 1
        if isinstance(node, nodes.Variable):
            if node.name not in self.checked.catalog:
                raise KeyError(node.name)  # unreachable for a checked tree
            return _name(self.local(node.name)), 1
        depth = 1 + max(kid[1] for kid in kids)
        operands = [kid[0] for kid in kids]
        if isinstance(node, nodes.Neg):
            expression = ast.UnaryOp(ast.USub(), operands[0])
        elif isinstance(node, nodes.Not):
            expression = ast.UnaryOp(ast.Not(), operands[0])
        elif isinstance(node, nodes.Logical):
            operator = ast.And() if isinstance(node, nodes.And) else ast.Or()
            expression = ast.BoolOp(operator, operands)
        elif isinstance(node, nodes.Comparison):
            expression = ast.Compare(operands[0], [_PY_COMPARE[type(node)]], [operands[1]])
        else:
            expression = ast.BinOp(operands[0], _PY_BINARY[type(node)], operands[1])
        if id(node) in self.guarded and isinstance(node, _ARITHMETIC):
            name = self.temporary(expression)
            self.finite.append(name)
            return _name(name), 1
        if depth > _SPILL_DEPTH:
            return _name(self.temporary(expression)), 1
        return expression, depth

    def function(self, name: str, fallback: str) -> ast.FunctionDef:
        result, _ = nodes.fold(self.checked.node, self.visit)
        slow = ast.Return(ast.Call(_name(fallback), [_name("s")], []))
        body: list[ast.stmt] = [ast.Return(result)]
        if self.finite:
            tests = [_finite_test(temp) for temp in self.finite]
            test = tests[0] if len(tests) == 1 else ast.BoolOp(ast.And(), tests)
            body = [ast.If(test, body, [])]
        if self.hoisted or any(isinstance(n, nodes.Div) for n in nodes.walk(self.checked.node)):
            # Division by zero or overflow anywhere hands over to the exact path.
            body = [
                ast.Try(
                    [*self.hoisted, *body],
                    [ast.ExceptHandler(_name("ArithmeticError"), None, [slow])],
                    [],
                    [],
                )
            ]
        if self.locals:
            reads: list[ast.stmt] = [
                ast.Assign(
                    [_name(local, store=True)],
                    ast.Subscript(_name("s"), ast.Constant(metric), ast.Load()),
                )
                for metric, local in self.locals.items()
            ]
            checks = [
                self._type_test(local, self.checked.catalog[metric].type == "boolean")
                for metric, local in self.locals.items()
            ]
            test = checks[0] if len(checks) == 1 else ast.BoolOp(ast.And(), checks)
            body = [
                ast.Try(reads, [ast.ExceptHandler(_name("Exception"), None, [slow])], [], []),
                ast.If(test, body, []),
                slow,
            ]
        parameters = [ast.arg("self"), ast.arg("s")]
        return ast.FunctionDef(
            name,
            ast.arguments([], parameters, None, [], [], None, []),
            body,
            [],
            None,
        )

    @staticmethod
    def _type_test(local: str, boolean: bool) -> ast.expr:
        def type_is(type_name: str) -> ast.expr:
            call = ast.Call(_name("type"), [_name(local)], [])
            return ast.Compare(call, [ast.Is()], [_name(type_name)])

        if boolean:
            return type_is("bool")
        finite_float = ast.BoolOp(ast.And(), [type_is("float"), _finite_test(local)])
        return ast.BoolOp(ast.Or(), [type_is("int"), finite_float])


_GLOBALS = {
    "type": type,
    "int": int,
    "float": float,
    "bool": bool,
    "Exception": Exception,
    "ArithmeticError": ArithmeticError,
}


def _generate(checked: Checked) -> CodeType:
    """The code of a module defining ``evaluate(self, s)``, whose exact path is ``_fallback``."""
    function = _Generator(checked).function("evaluate", "_fallback")
    module = ast.Module([function], [])
    # ast.fix_missing_locations recurses and is slow; every node gets line 1.
    for node in ast.walk(module):
        if "lineno" in node._attributes:
            node.lineno = node.end_lineno = 1  # type: ignore[attr-defined]
            node.col_offset = node.end_col_offset = 0  # type: ignore[attr-defined]
    return compile(module, "<formula>", "exec")


def _define(code: CodeType, name: str, fallback: Callable[[object], Value]) -> Callable[..., Value]:
    namespace: dict[str, Any] = {"__builtins__": {}, **_GLOBALS, "_fallback": fallback}
    exec(code, namespace)
    function: Callable[..., Value] = namespace["evaluate"]
    function.__name__ = function.__qualname__ = name
    return function


def build(checked: Checked) -> tuple[Program, Callable[..., Value], Callable[..., Value]]:
    """The exact program and the ``__call__`` and ``evaluate`` methods (taking self).

    Both methods share one generated code object; they differ only in the
    exact path they hand over to (for a condition, ``__call__`` answers
    whether it is met).
    """
    program = Program.of(checked)
    run = program.run
    code = _generate(checked)
    evaluate = _define(code, "evaluate", run)
    if checked.kind == "number":
        return program, _define(code, "__call__", run), evaluate

    def met(snapshot: object) -> Value:
        return run(snapshot) is True

    return program, _define(code, "__call__", met), evaluate


def ladder_function(
    formulas: Sequence[Checked], slow: Callable[[object, int], int]
) -> Callable[[object, int], int]:
    """One function that finds the rank reached, for schemes whose conditions allow it.

    Each condition is already compiled to Python; calling twelve of them reads
    and type-checks the same metrics up to twelve times. This joins the
    compiler's code for every condition into one function that reads and checks
    each metric once, then tests the levels from the top down. Whenever a value
    is missing, unknown or not a finite number, it hands over to ``slow`` (one
    compiled formula per level), so results and errors are exactly the same.
    Conditions with arithmetic keep the per-formula path.
    """
    shared: dict[str, str] = {}
    tests: list[ast.stmt] = []
    catalog = formulas[0].catalog if formulas else None
    for rank in range(len(formulas), 0, -1):
        formula = formulas[rank - 1]
        generator = _Generator(formula)
        generator.locals = shared
        expression, _ = nodes.fold(formula.node, generator.visit)
        if generator.hoisted or generator.finite:
            return slow
        guard = ast.Compare(ast.Name("held", ast.Load()), [ast.Lt()], [ast.Constant(rank)])
        test = ast.BoolOp(ast.And(), [guard, expression])
        tests.append(ast.If(test, [ast.Return(ast.Constant(rank))], []))
    if catalog is None or not shared:
        return slow
    s = ast.Name("s", ast.Load())
    handover = ast.Return(
        ast.Call(ast.Name("_slow", ast.Load()), [s, ast.Name("held", ast.Load())], [])
    )
    reads: list[ast.stmt] = [
        ast.Assign(
            [ast.Name(local, ast.Store())], ast.Subscript(s, ast.Constant(metric), ast.Load())
        )
        for metric, local in shared.items()
    ]
    checks = [
        _Generator._type_test(local, catalog[metric].type == "boolean")
        for metric, local in shared.items()
    ]
    valid = checks[0] if len(checks) == 1 else ast.BoolOp(ast.And(), checks)
    body: list[ast.stmt] = [
        ast.Try(
            reads, [ast.ExceptHandler(ast.Name("Exception", ast.Load()), None, [handover])], [], []
        ),
        ast.If(valid, [*tests, ast.Return(ast.Name("held", ast.Load()))], []),
        handover,
    ]
    function = ast.FunctionDef(
        "ladder",
        ast.arguments([], [ast.arg("s"), ast.arg("held")], None, [], [], None, []),
        body,
        [],
        None,
    )
    module = ast.fix_missing_locations(ast.Module([function], []))
    code = builtins.compile(module, "<level ladder>", "exec")
    namespace: dict[str, Any] = {"__builtins__": {}, **_GLOBALS, "_slow": slow}
    # Generated from checked formula trees by the compiler's own generator, never from text.
    exec(code, namespace)
    ladder: Callable[[object, int], int] = namespace["ladder"]
    return ladder
