"""Checked formula to Python callables.

Each formula becomes one fused Python function, generated as a Python
``ast`` tree from the *checked* syntax tree only: metric names enter it as
string constants taken from the catalog-checked tree and numbers as the
parsed values, never as text. The function has two paths:

* the fast path, taken when every value read is a finite number (or a bool
  for a boolean metric): plain Python arithmetic and logic, with a
  finiteness test on the few intermediate results that could overflow;
* the three-valued path (:mod:`.exact`), flat generated statements that
  implement unknown values, division by zero and overflow with Kleene logic,
  behind the snapshot validation of :mod:`.runtime` (raising the library's
  own errors). The fast path hands over to it whenever a value is missing,
  unknown, of an odd type, or an operation fails.

A level ladder is compiled the same way (:func:`ladder_function`): one
function that reads and checks each metric once and tests every level.

Generated code never nests deeper than ``_SPILL_DEPTH``: deeper expressions
are spilled into temporaries, so a chain of hundreds of ``+`` never makes
Python's compiler recurse once per link.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from types import CodeType
from typing import Any, TypeAlias

from agentlevels import nodes
from agentlevels._language import located
from agentlevels._language.catalog import Catalog
from agentlevels._language.checked import Checked
from agentlevels._language.exact import ThreeValued
from agentlevels._language.runtime import FLOAT_MAX, _validate, read_snapshot
from agentlevels._values import Value

_SPILL_DEPTH = 24

# Negation cannot overflow, but -(x * y) carries an infinite product up to a
# comparison; so it is tested like the operators that can.
_ARITHMETIC: frozenset[type[nodes.Node]] = frozenset(
    {nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.Neg}
)

# All that generated code can name besides its own locals and handover.
_GLOBALS = {
    "type": type,
    "int": int,
    "float": float,
    "bool": bool,
    "dict": dict,
    "Exception": Exception,
    "ArithmeticError": ArithmeticError,
}


def _name(identifier: str, store: bool = False) -> ast.Name:
    return located.Name(identifier, ast.Store() if store else ast.Load())


def _all(tests: Sequence[ast.expr]) -> ast.expr:
    return tests[0] if len(tests) == 1 else located.BoolOp(ast.And(), list(tests))


# FLOAT_MAX is a whole number: an int is within float range exactly when it is
# within these bounds.
_INT_MAX = int(FLOAT_MAX)
# The largest int CPython keeps in one 30-bit digit.
_SMALL_INT = 2**30 - 1


def _finite_test(name: str) -> ast.expr:
    # -max <= x <= max is false for NaN, the infinities and an int beyond float
    # range (Python compares int with float exactly), and needs no call.
    return located.Compare(
        located.Constant(-FLOAT_MAX),
        [ast.LtE(), ast.LtE()],
        [_name(name), located.Constant(FLOAT_MAX)],
    )


def _type_test(local: str, boolean: bool) -> ast.expr:
    def type_is(type_name: str) -> ast.expr:
        call = located.Call(_name("type"), [_name(local)], [])
        return located.Compare(call, [ast.Is()], [_name(type_name)])

    if boolean:
        return type_is("bool")
    # The same test as _finite_test, split by type because it is cheaper so: an
    # int against int bounds (no conversion to float), and a float is within
    # float range exactly when it is finite (x - x == 0, false for NaN and the
    # infinities).
    # Most counts fit one machine digit, and CPython compares those with a
    # one-digit bound faster than with the 1024-bit one, so that test goes first.
    int_in_range = located.BoolOp(
        ast.Or(),
        [
            located.Compare(
                located.Constant(-_SMALL_INT),
                [ast.LtE(), ast.LtE()],
                [_name(local), located.Constant(_SMALL_INT)],
            ),
            located.Compare(
                located.Constant(-_INT_MAX),
                [ast.LtE(), ast.LtE()],
                [_name(local), located.Constant(_INT_MAX)],
            ),
        ],
    )
    finite = located.Compare(
        located.BinOp(_name(local), ast.Sub(), _name(local)), [ast.Eq()], [located.Constant(0)]
    )
    return located.BoolOp(
        ast.Or(),
        [
            located.BoolOp(ast.And(), [type_is("int"), int_in_range]),
            located.BoolOp(ast.And(), [type_is("float"), finite]),
        ],
    )


class _Generator:
    """The fast-path expression of one checked formula, with what it needs around it."""

    def __init__(self, checked: Checked, reads: dict[str, str] | None = None) -> None:
        self.checked = checked
        # metric name -> local variable; a ladder shares one among its formulas.
        self.reads: dict[str, str] = {} if reads is None else reads
        self.hoisted: list[ast.stmt] = []  # temporaries computed before the result
        self.finite: list[str] = []  # temporaries that must be finite
        self.guarded = self._guarded_nodes(checked)

    @staticmethod
    def _guarded_nodes(checked: Checked) -> set[int]:
        """Arithmetic results whose overflow to infinity would change the result.

        Infinity survives ``+ - *`` and is caught at the next comparison, but
        ``x / inf`` is a finite 0: so comparison operands, divisors and the
        formula's own numeric result are tested. Whole numbers do not
        overflow in Python but must be unknown beyond float range as floats
        are, and may come back into range (``$a * $a / $a``): so every sum,
        difference, product and quotient is tested too.
        """
        sides: list[nodes.Node] = []
        for node in nodes.walk(checked.node):
            if type(node) in _ARITHMETIC:
                sides.append(node)
            if isinstance(node, nodes.Comparison):
                sides.extend(node.children)
            elif isinstance(node, nodes.Div):
                sides.append(node.right)
        if checked.kind == "number":
            sides.append(checked.node)
        return {id(side) for side in sides if type(side) in _ARITHMETIC}

    def local(self, name: str) -> str:
        if name not in self.reads:
            self.reads[name] = f"v{len(self.reads)}"
        return self.reads[name]

    def temporary(self, expression: ast.expr) -> str:
        name = f"t{len(self.hoisted)}"
        self.hoisted.append(located.Assign([_name(name, store=True)], expression))
        return name

    def expression(self) -> ast.expr:
        """The formula's value as one Python expression over locals and temporaries."""
        result, _ = nodes.fold(self.checked.node, self.visit)
        return result

    def visit(self, node: nodes.Node, kids: Sequence[tuple[ast.expr, int]]) -> tuple[ast.expr, int]:
        build = nodes.handler(FAST_PATH, node, "compiler's fast path")
        expression = build(self, node, [kid[0] for kid in kids])
        if id(node) in self.guarded:
            name = self.temporary(expression)
            self.finite.append(name)
            return _name(name), 1
        depth = 1 + max((kid[1] for kid in kids), default=0)
        if depth > _SPILL_DEPTH:
            return _name(self.temporary(expression)), 1
        return expression, depth

    def result(self, handover: ast.stmt) -> list[ast.stmt]:
        """Statements returning the formula's value, or handing over when it overflows."""
        body: list[ast.stmt] = [located.Return(self.expression())]
        if self.finite:
            body = [located.If(_all([_finite_test(temp) for temp in self.finite]), body, [])]
        if self.hoisted or any(isinstance(n, nodes.Div) for n in nodes.walk(self.checked.node)):
            # Division by zero or overflow anywhere hands over to the exact path.
            body = [
                located.Try(
                    [*self.hoisted, *body],
                    [located.ExceptHandler(_name("ArithmeticError"), None, [handover])],
                    [],
                    [],
                )
            ]
        return body


# --------------------------------------------------------------------------
# The fast path: one Python expression per node class, from the expressions of
# its children. The node argument is the class the entry is keyed by.

FastPath: TypeAlias = Callable[[_Generator, Any, list[ast.expr]], ast.expr]


def _literal(
    generator: _Generator, node: nodes.Number | nodes.Boolean, operands: list[ast.expr]
) -> ast.expr:
    if type(node.value) not in (int, float, bool):  # only parsed values get here
        raise TypeError(f"not a literal value: {node.value!r}")
    return located.Constant(node.value)


def _variable(generator: _Generator, node: nodes.Variable, operands: list[ast.expr]) -> ast.expr:
    if node.name not in generator.checked.catalog:
        raise KeyError(node.name)  # unreachable for a checked tree
    return _name(generator.local(node.name))


def _prefix(operator: ast.unaryop) -> FastPath:
    def build(generator: _Generator, node: nodes.Unary, operands: list[ast.expr]) -> ast.expr:
        (operand,) = operands
        return located.UnaryOp(operator, operand)

    return build


def _infix(operator: ast.operator) -> FastPath:
    def build(generator: _Generator, node: nodes.Binary, operands: list[ast.expr]) -> ast.expr:
        left, right = operands
        return located.BinOp(left, operator, right)

    return build


def _comparison(operator: ast.cmpop) -> FastPath:
    def build(generator: _Generator, node: nodes.Comparison, operands: list[ast.expr]) -> ast.expr:
        left, right = operands
        return located.Compare(left, [operator], [right])

    return build


def _chain(operator: ast.boolop) -> FastPath:
    def build(generator: _Generator, node: nodes.Logical, operands: list[ast.expr]) -> ast.expr:
        return located.BoolOp(operator, operands)

    return build


# One entry per concrete node class (tests/test_dispatch.py checks none is missing).
FAST_PATH: dict[type[nodes.Node], FastPath] = {
    nodes.Number: _literal,
    nodes.Boolean: _literal,
    nodes.Variable: _variable,
    nodes.Neg: _prefix(ast.USub()),
    nodes.Not: _prefix(ast.Not()),
    nodes.Add: _infix(ast.Add()),
    nodes.Sub: _infix(ast.Sub()),
    nodes.Mul: _infix(ast.Mult()),
    nodes.Div: _infix(ast.Div()),
    nodes.Eq: _comparison(ast.Eq()),
    nodes.Ne: _comparison(ast.NotEq()),
    nodes.Lt: _comparison(ast.Lt()),
    nodes.Le: _comparison(ast.LtE()),
    nodes.Gt: _comparison(ast.Gt()),
    nodes.Ge: _comparison(ast.GtE()),
    nodes.And: _chain(ast.And()),
    nodes.Or: _chain(ast.Or()),
}


# --------------------------------------------------------------------------
# Assembly: the parts every generated function shares.


def _read_then(
    reads: Mapping[str, str],
    catalog: Catalog,
    body: list[ast.stmt],
    unreadable: ast.stmt,
    otherwise: list[ast.stmt],
) -> list[ast.stmt]:
    """``body`` behind reading each metric of ``reads`` once from ``s`` and testing its type.

    A metric that cannot be read runs ``unreadable``; one that is unknown
    (None) or not a finite number (a bool for a boolean metric) skips
    ``body`` for ``otherwise``, as does a ``body`` that does not return.
    """
    if not reads:
        return [*body, *otherwise]
    loads: list[ast.stmt] = [
        located.Assign(
            [_name(local, store=True)],
            located.Subscript(_name("s"), located.Constant(metric), ast.Load()),
        )
        for metric, local in reads.items()
    ]
    valid = _all(
        [_type_test(local, catalog[metric].type == "boolean") for metric, local in reads.items()]
    )
    return [
        located.Try(loads, [located.ExceptHandler(_name("Exception"), None, [unreadable])], [], []),
        located.If(valid, body, []),
        *otherwise,
    ]


def _code(functions: Sequence[ast.FunctionDef], filename: str) -> CodeType:
    """The code of a module defining ``functions``."""
    module = ast.Module(list(functions), [])
    # Every node is at line 1 already (see .located): no walk over the tree.
    return compile(module, filename, "exec")


def _function(name: str, parameters: Sequence[str], body: list[ast.stmt]) -> ast.FunctionDef:
    arguments = ast.arguments([], [located.arg(p) for p in parameters], None, [], [], None, [])
    return located.FunctionDef(name, arguments, body, [], None)


def _define(code: CodeType, namespace: Mapping[str, object]) -> dict[str, Any]:
    """The functions ``code`` defines, seeing only ``_GLOBALS`` and ``namespace``:
    no builtins."""
    defined: dict[str, Any] = {"__builtins__": {}, **_GLOBALS, **namespace}
    # The code was generated from a checked tree by this module, never from text.
    exec(code, defined)
    return defined


# --------------------------------------------------------------------------
# What the formula facade and level ladders ask for.


def _validated(reads: Mapping[str, str], catalog: Catalog) -> list[ast.stmt]:
    """Statements passing each read value that is not plainly valid through the
    snapshot validation of the exact path, in the order it validates them."""
    statements: list[ast.stmt] = []
    for metric, local in reads.items():
        boolean = catalog[metric].type == "boolean"
        unknown = located.Compare(_name(local), [ast.Is()], [located.Constant(None)])
        valid = located.BoolOp(ast.Or(), [_type_test(local, boolean), unknown])
        validate = located.Call(
            _name("_validate"),
            [located.Constant(metric), _name(local), located.Constant(boolean)],
            [],
        )
        assign = located.Assign([_name(local, store=True)], validate)
        statements.append(located.If(located.UnaryOp(ast.Not(), valid), [assign], []))
    return statements


def _variable_order(root: nodes.Node) -> tuple[str, ...]:
    variables = (v for v in nodes.walk(root) if isinstance(v, nodes.Variable))
    return tuple(dict.fromkeys(v.name for v in variables))


def _reads(checked: Checked) -> dict[str, str]:
    """Metric name -> local, in the order snapshot validation reads them."""
    return {name: f"v{index}" for index, name in enumerate(_variable_order(checked.node))}


def _three_valued(checked: Checked, reads: Mapping[str, str]) -> list[ast.FunctionDef]:
    """``exact(values...)``, the three-valued path over validated values, and
    ``fallback(s)``, which reads and validates a whole snapshot (raising the
    library's errors) before ``exact``."""
    three_valued = ThreeValued(reads)
    result = three_valued.result(checked.node)
    if checked.kind == "boolean":  # __call__ answers whether the condition is met
        met = located.Compare(result, [ast.Is()], [located.Constant(True)])
        result = located.IfExp(_name("_raw"), result, met)
    exact = _function(
        "exact", list(reads.values()), [*three_valued.statements, located.Return(result)]
    )
    values: list[ast.expr] = [
        located.Subscript(_name("values"), located.Constant(metric), ast.Load()) for metric in reads
    ]
    read = located.Call(_name("_read"), [_name("s"), _name("_names"), _name("_catalog")], [])
    to_exact = located.Return(located.Call(_name("exact"), values, []))
    fallback = _function(
        "fallback", ["s"], [located.Assign([_name("values", store=True)], read), to_exact]
    )
    return [exact, fallback]


def _fast(checked: Checked, reads: Mapping[str, str]) -> ast.FunctionDef:
    """``evaluate(self, s)``: the fast path; when it cannot decide, a plain
    ``dict`` snapshot's values go through the snapshot validation and on to
    ``exact``, any other snapshot, or one that cannot be read, to ``fallback``.
    """
    generator = _Generator(checked, dict(reads))
    locals_ = list(reads.values())
    handover = located.Return(located.Call(_name("fallback"), [_name("s")], []))
    not_dict = located.Compare(
        located.Call(_name("type"), [_name("s")], []), [ast.IsNot()], [_name("dict")]
    )
    otherwise: list[ast.stmt] = [
        located.If(not_dict, [handover], []),
        *_validated(reads, checked.catalog),
        located.Return(located.Call(_name("exact"), [_name(local) for local in locals_], [])),
    ]
    if not reads:
        otherwise = [otherwise[-1]]
    body = _read_then(reads, checked.catalog, generator.result(located.Pass()), handover, otherwise)
    return _function("evaluate", ("self", "s"), body)


def build(checked: Checked) -> tuple[Callable[..., Value], Callable[..., Value]]:
    """The ``__call__`` and ``evaluate`` methods (taking self) of one formula.

    Both come from one generated code object; for a condition, ``__call__``
    answers whether it is met, through the three-valued path's last line.
    The three-valued path is generated when a snapshot first needs it: most
    formulas meet only plain values for a long while, and it doubles the
    code to compile.
    """
    reads = _reads(checked)
    code = _code([_fast(checked, reads)], "<formula>")
    shared = {
        "_read": read_snapshot,
        "_names": _variable_order(checked.node),
        "_catalog": checked.catalog,
        "_validate": _validate,
    }
    # The globals of each method: evaluate's, and __call__'s (a condition met).
    spaces = [_define(code, {**shared, "_raw": raw}) for raw in (True, checked.kind == "number")]

    def generate() -> None:
        # Two threads may both get here; each installs equal functions.
        exact = _code(_three_valued(checked, reads), "<formula>")
        for space in spaces:
            defined = _define(exact, space)
            space["exact"], space["fallback"] = defined["exact"], defined["fallback"]

    for space in spaces:
        space.update(_first_use(generate, space))
    methods = [space["evaluate"] for space in spaces]
    evaluate, call = methods
    evaluate.__name__ = evaluate.__qualname__ = "evaluate"
    call.__name__ = call.__qualname__ = "__call__"
    return call, evaluate


def _first_use(generate: Callable[[], None], namespace: Mapping[str, Any]) -> dict[str, Any]:
    """Stand-ins for ``exact`` and ``fallback`` that generate them, then run them."""

    def exact(*values: Value) -> Value:
        generate()
        result: Value = namespace["exact"](*values)
        return result

    def fallback(snapshot: object) -> Value:
        generate()
        result: Value = namespace["fallback"](snapshot)
        return result

    return {"exact": exact, "fallback": fallback}
