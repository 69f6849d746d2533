"""Checked formulas to SQL expressions, with the Python backend's semantics.

The SQL is built through ``sqlglot`` expression trees (the optional extra
``agentlevels[sql]``), so every dialect sqlglot knows is reachable and no
text a person typed is ever pasted into SQL: metric names reach the output
as identifiers rendered by sqlglot, numbers as literals of the values the
parser produced.

How the Python semantics are kept (see ``docs/sql.md`` for the table):

* unknown is ``NULL``; ``&&``, ``||`` and ``!`` are SQL's own three-valued
  ``AND``, ``OR`` and ``NOT``, which are exactly Kleene logic;
* arithmetic runs in double precision: a metric read by ``+ - * /`` or
  unary ``-`` is cast to the dialect's double type, so ``/`` is true
  division everywhere and integer overflow never raises;
* a divisor is wrapped in ``NULLIF(divisor, 0)``, so dividing by zero is
  ``NULL``;
* a result that is not finite is unknown in Python. Engines that produce
  infinities (SQLite, DuckDB, Spark, Trino ...) give them back as ``NULL``
  where they would otherwise be absorbed: at every divisor (``x / inf`` is
  a finite 0) and where arithmetic meets a comparison or ends a numeric
  formula (``CASE WHEN v - v = 0 THEN v END`` is ``NULL`` for infinities and
  NaN). PostgreSQL raises ``value out of range`` instead;
* sub-formulas that read no metric are evaluated once, in Python, by the
  exact evaluator, and enter the SQL as literals.

Nothing here recurses over formula nodes: :func:`agentlevels.nodes.fold`
drives the generation, and each node is rendered on its own with its
children's SQL already rendered, so sqlglot's recursive generator never
sees more than a few levels whatever the depth of the formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from agentlevels import nodes
from agentlevels._errors import SQLError, SQLUnavailableError
from agentlevels._language.runtime import evaluate_constant
from agentlevels._values import Value

if TYPE_CHECKING:
    from sqlglot.dialects.dialect import Dialect

    from agentlevels._language.formula import Formula

# A sqlglot expression node. Typed loosely: sqlglot is optional, and the name of
# its base class has changed between releases.
SQLNode = Any

__all__ = ["SQLGenerator", "column_expression", "formula_to_sql", "met", "table_name"]


def _sqlglot() -> Any:
    try:
        import sqlglot
    except ImportError as error:
        raise SQLUnavailableError(
            "generating SQL needs the optional dependency sqlglot: pip install 'agentlevels[sql]'"
        ) from error
    return sqlglot


def resolve_dialect(dialect: object) -> Dialect:
    """The sqlglot dialect named ``dialect`` (``"sqlite"``, ``"duckdb"``, ``"postgres"`` ...)."""
    sqlglot = _sqlglot()
    if not isinstance(dialect, str) or not dialect:
        raise SQLError(f"dialect is a name such as 'postgres', not {dialect!r}")
    try:
        resolved: Dialect = sqlglot.Dialect.get_or_raise(dialect)
    except ValueError:
        known = ", ".join(sorted(name for name in sqlglot.Dialect.classes if name))
        raise SQLError(f"unknown SQL dialect {dialect!r}; known dialects: {known}") from None
    return resolved


def overflow_policy(dialect: Dialect) -> str:
    """What the engine does when double arithmetic overflows, so results can be made unknown.

    * ``"raises"`` -- an error (PostgreSQL): nothing to guard, the query fails;
    * ``"infinity"`` -- infinities, and NULL in place of NaN (SQLite);
    * ``"isfinite"`` -- infinities and NaN, and an ``ISFINITE`` function (DuckDB);
    * ``"generic"`` -- any IEEE behaviour: the guard uses only ``CASE`` and ``-``.
    """
    from sqlglot.dialects.duckdb import DuckDB
    from sqlglot.dialects.postgres import Postgres
    from sqlglot.dialects.sqlite import SQLite

    if isinstance(dialect, Postgres):
        return "raises"
    if isinstance(dialect, SQLite):
        return "infinity"
    if isinstance(dialect, DuckDB):
        return "isfinite"
    return "generic"


# SQL operator precedence of the rendered pieces, loosest last. A piece is put
# in parentheses when its parent needs a tighter one at that position.
ATOM: Final = 100  # column, literal, function call, CAST, CASE, parentheses
NEGATION: Final = 90
PRODUCT: Final = 80
SUM: Final = 70
COMPARISON: Final = 60
NOT: Final = 50
AND: Final = 40
OR: Final = 30

# The largest integer every double represents exactly: larger integers are
# written as the nearest double (see docs/sql.md on the value domain).
EXACT_INTEGER_LIMIT: Final = 2**53


@attrs.frozen
class Piece:
    """One node rendered to SQL text, with what its parent needs to know."""

    sql: str
    precedence: int
    # A metric read as stored (not yet cast to double for arithmetic).
    column: bool = False
    # The result of + - * / or negation of one: may be an infinity or NaN in the engine.
    arithmetic: bool = False
    # For ``NOT x`` and ``-x``: the piece of ``x``, so a double negation can drop both.
    negated: Piece | None = None


@attrs.frozen
class _Constant:
    """A sub-formula that reads no metric; rendered only when a parent needs it."""

    node: nodes.Node


_Result = Piece | _Constant


class SQLGenerator:
    """Renders the nodes of checked formulas for one dialect and one column mapping."""

    def __init__(self, dialect: object, columns: Mapping[str, object] | None = None) -> None:
        sqlglot = _sqlglot()
        self.exp = sqlglot.exp
        self.dialect = resolve_dialect(dialect)
        self.name = dialect if isinstance(dialect, str) else ""
        self.overflow = overflow_policy(self.dialect)
        self._double = self.exp.DataType.build("double")
        self.columns = self._columns(columns)
        self._column_cache: dict[str, str] = {}

    # ---------------------------------------------------------------- rendering

    def render(self, expression: SQLNode) -> str:
        """The dialect's SQL for a (shallow) sqlglot expression."""
        from sqlglot.errors import ErrorLevel, UnsupportedError

        try:
            text: str = self.dialect.generate(expression, unsupported_level=ErrorLevel.RAISE)
        except UnsupportedError as error:
            raise SQLError(f"the {self.name} dialect cannot express {error}") from None
        return text

    def raw(self, piece: Piece, minimum: int = ATOM) -> SQLNode:
        """``piece`` as an opaque sqlglot node, in parentheses when looser than ``minimum``."""
        inner = self.exp.Var(this=piece.sql)
        return self.exp.Paren(this=inner) if piece.precedence < minimum else inner

    def piece(self, result: _Result) -> Piece:
        if isinstance(result, _Constant):
            return self.literal(evaluate_constant(result.node))
        return result

    def literal(self, value: Value) -> Piece:
        """A Python value as a SQL literal (``NULL`` for unknown)."""
        exp = self.exp
        if value is None:
            return Piece(self.render(exp.null()), ATOM)
        if isinstance(value, bool):
            return Piece(self.render(exp.true() if value else exp.false()), ATOM)
        if isinstance(value, int) and abs(value) <= EXACT_INTEGER_LIMIT:
            text = str(abs(value))
        else:
            try:
                number = float(value)
            except OverflowError:
                number = math.inf
            if not math.isfinite(number):
                raise SQLError(
                    f"the constant {value} is beyond the range of SQL double precision"
                ) from None
            text = repr(abs(number))
        literal = exp.Literal.number(text)
        if value < 0:
            return Piece(self.render(exp.Neg(this=literal)), NEGATION)
        return Piece(self.render(literal), ATOM)

    def double(self) -> SQLNode:
        """The double-precision type (built once: building parses the type name)."""
        return self._double.copy()

    def infinity(self, sign: str = "+") -> SQLNode:
        """Positive (or negative) infinity in this dialect."""
        exp = self.exp
        if self.overflow == "infinity":  # SQLite reads an out-of-range literal as infinity
            infinity = exp.Literal.number("9e999")
        else:
            infinity = exp.Cast(this=exp.Literal.string("Infinity"), to=self.double())
        return exp.Neg(this=infinity) if sign == "-" else infinity

    # ---------------------------------------------------------------- columns

    def _columns(self, columns: Mapping[str, object] | None) -> dict[str, SQLNode]:
        if columns is None:
            return {}
        if not isinstance(columns, Mapping):
            raise SQLError(f"columns maps metric names to SQL column expressions, not {columns!r}")
        from sqlglot.errors import ParseError

        parsed: dict[str, SQLNode] = {}
        for name, column in columns.items():
            if not isinstance(name, str):
                raise SQLError(f"columns: metric names are text, not {name!r}")
            if isinstance(column, self.exp.Expression):
                parsed[name] = column.copy()
                continue
            if not isinstance(column, str) or not column.strip():
                raise SQLError(f"columns[{name!r}] is a SQL column expression, not {column!r}")
            try:
                parsed[name] = self._parse(column)
            except (ParseError, ValueError) as error:
                raise SQLError(f"columns[{name!r}] is not a SQL expression: {error}") from None
        return parsed

    def _parse(self, text: str) -> SQLNode:
        from sqlglot import parse_one

        expression: SQLNode = parse_one(text, read=self.dialect)
        if not isinstance(expression, self.exp.Expression) or isinstance(
            expression, self.exp.Query | self.exp.Command
        ):
            raise ValueError("expected a column or an expression")
        return expression

    def keywords(self) -> frozenset[str]:
        """Words the dialect reads as keywords (first words of phrases such as ``ORDER BY``)."""
        phrases = self.dialect.tokenizer_class.KEYWORDS
        reserved = self.dialect.generator_class.RESERVED_KEYWORDS
        words = {phrase.split()[0] for phrase in phrases if phrase[:1].isalpha()}
        return frozenset(words | {word.upper() for word in reserved})

    def column(self, name: str) -> Piece:
        """The metric's column: from ``columns``, else its name, quoted when a keyword."""
        if name not in self._column_cache:
            exp = self.exp
            expression = self.columns.get(name)
            if expression is None:
                keyword = name.upper() in self.keywords()
                identifier = exp.to_identifier(name, quoted=keyword or not name.isidentifier())
                expression = exp.Column(this=identifier)
            elif not isinstance(expression, exp.Column | exp.Identifier | exp.Func):
                expression = exp.Paren(this=expression)
            self._column_cache[name] = self.render(expression)
        return Piece(self._column_cache[name], ATOM, column=True)

    # ---------------------------------------------------------------- guards

    def as_double(self, piece: Piece) -> SQLNode:
        """A metric cast to double for arithmetic; anything else as it is."""
        if piece.column:
            return self.exp.Cast(this=self.exp.Var(this=piece.sql), to=self.double())
        return self.raw(piece, NEGATION)

    def finite(self, piece: Piece) -> Piece:
        """``NULL`` where an arithmetic result is an infinity or NaN; others unchanged."""
        if not piece.arithmetic or self.overflow == "raises":
            return piece
        exp = self.exp
        if self.overflow == "infinity":
            # SQLite turns NaN into NULL by itself.
            guarded = self.without_infinities(self.raw(piece, 0))
            return Piece(self.render(guarded), ATOM)
        if self.overflow == "isfinite":
            test = exp.Anonymous(this="ISFINITE", expressions=[self.raw(piece, 0)])
        else:
            # v - v is 0 for every finite v, NaN (or NULL) otherwise; needs no function.
            value = self.raw(piece, SUM)
            difference = exp.Sub(this=value, expression=self.raw(piece, PRODUCT))
            test = exp.EQ(this=difference, expression=exp.Literal.number("0"))
        case = exp.Case(ifs=[exp.If(this=test, true=exp.Var(this=piece.sql))])
        return Piece(self.render(case), ATOM)

    def without_infinities(self, expression: SQLNode) -> SQLNode:
        for sign in "+-":
            expression = self.exp.Nullif(this=expression, expression=self.infinity(sign))
        return expression

    def divisor(self, result: _Result) -> SQLNode:
        """The right side of ``/``: ``NULL`` when zero, or when an infinity (``x / inf`` is 0)."""
        exp = self.exp
        if self.overflow == "isfinite":
            return self.ieee_divisor(result)
        if isinstance(result, _Constant):
            value = evaluate_constant(result.node)
            piece = self.literal(value)
            if value is not None and value != 0:
                return self.raw(piece, NEGATION)
            return exp.Nullif(this=self.raw(piece, 0), expression=exp.Literal.number("0"))
        guarded: SQLNode = exp.Nullif(
            this=self.as_double(result) if result.column else self.raw(result, 0),
            expression=exp.Literal.number("0"),
        )
        if not result.arithmetic or self.overflow == "raises":
            return guarded
        return self.without_infinities(guarded)

    def ieee_divisor(self, result: _Result) -> SQLNode:
        """A divisor for DuckDB, which copies the operand of NULLIF (and CASE) when it plans.

        Nested divisors would grow geometrically, so no NULLIF: dividing by
        zero already gives an infinity or NaN there, which the guard where
        the arithmetic ends turns into NULL. Only an infinite divisor must be
        caught before ``x / inf`` hides it as 0: ``d % inf`` is ``d`` for
        every finite ``d`` and NaN for an infinity, and names ``d`` once.
        """
        exp = self.exp
        if isinstance(result, _Constant):
            value = evaluate_constant(result.node)
            if value is None or value == 0:
                return exp.null()
            return self.raw(self.literal(value), NEGATION)
        if result.column:
            return self.as_double(result)
        if not result.arithmetic:
            return self.raw(result, NEGATION)
        modulo = exp.Mod(this=self.raw(result, PRODUCT), expression=self.infinity())
        return exp.Paren(this=modulo)

    # ---------------------------------------------------------------- nodes

    def generate(self, node: nodes.Node) -> Piece:
        """The three-valued SQL of a checked tree (``NULL`` where Python gives ``None``)."""
        result = nodes.fold(node, self.visit)
        if isinstance(result, _Constant):
            value = evaluate_constant(result.node)
            if isinstance(value, float):
                # A bare literal would be DECIMAL or NUMERIC in some engines; Python's is a double.
                literal = self.raw(self.literal(value), 0)
                cast = self.exp.Cast(this=literal, to=self.double())
                return Piece(self.render(cast), ATOM)
        return self.finite(self.piece(result))

    def visit(self, node: nodes.Node, children: Sequence[_Result]) -> _Result:
        if not isinstance(node, nodes.Variable) and all(
            isinstance(child, _Constant) for child in children
        ):
            return _Constant(node)
        visitor = VISITORS[type(node)]
        return visitor(self, node, children)


def _variable(generator: SQLGenerator, node: nodes.Node, _: Sequence[_Result]) -> _Result:
    assert isinstance(node, nodes.Variable)
    return generator.column(node.name)


def _unreachable(generator: SQLGenerator, node: nodes.Node, _: Sequence[_Result]) -> _Result:
    # Literals are always folded as constants before dispatch.
    return _Constant(node)


def _negation(generator: SQLGenerator, node: nodes.Node, children: Sequence[_Result]) -> _Result:
    (operand,) = (generator.piece(child) for child in children)
    if operand.negated is not None and operand.precedence == NEGATION:
        # -(-x) is x exactly, in Python and in IEEE doubles; one level less for SQL parsers.
        return operand.negated
    exp = generator.exp
    inner = generator.as_double(operand) if operand.column else generator.raw(operand)
    return Piece(
        generator.render(exp.Neg(this=inner)),
        NEGATION,
        arithmetic=operand.arithmetic,
        negated=operand,
    )


def _not(generator: SQLGenerator, node: nodes.Node, children: Sequence[_Result]) -> _Result:
    (operand,) = (generator.piece(child) for child in children)
    if operand.negated is not None and operand.precedence == NOT:
        # NOT NOT x is x in three-valued logic too; one level less for SQL parsers.
        return operand.negated
    return Piece(
        generator.render(generator.exp.Not(this=generator.raw(operand))), NOT, negated=operand
    )


def _arithmetic(
    sqlglot_class: str, precedence: int
) -> Callable[[SQLGenerator, nodes.Node, Sequence[_Result]], _Result]:
    def visit(generator: SQLGenerator, node: nodes.Node, children: Sequence[_Result]) -> _Result:
        exp = generator.exp
        left_result, right_result = children
        left = generator.piece(left_result)
        left_sql = generator.as_double(left) if left.column else generator.raw(left, precedence)
        if isinstance(node, nodes.Div):
            right_sql = generator.divisor(right_result)
            expression = exp.Div(this=left_sql, expression=right_sql, typed=True)
        else:
            right = generator.piece(right_result)
            right_sql = (
                generator.as_double(right) if right.column else generator.raw(right, precedence + 1)
            )
            expression = getattr(exp, sqlglot_class)(this=left_sql, expression=right_sql)
        return Piece(generator.render(expression), precedence, arithmetic=True)

    return visit


def _comparison(
    sqlglot_class: str,
) -> Callable[[SQLGenerator, nodes.Node, Sequence[_Result]], _Result]:
    def visit(generator: SQLGenerator, node: nodes.Node, children: Sequence[_Result]) -> _Result:
        left, right = (generator.finite(generator.piece(child)) for child in children)
        expression = getattr(generator.exp, sqlglot_class)(
            this=generator.raw(left, COMPARISON + 1),
            expression=generator.raw(right, COMPARISON + 1),
        )
        return Piece(generator.render(expression), COMPARISON)

    return visit


def _logical(
    sqlglot_class: str, precedence: int
) -> Callable[[SQLGenerator, nodes.Node, Sequence[_Result]], _Result]:
    def visit(generator: SQLGenerator, node: nodes.Node, children: Sequence[_Result]) -> _Result:
        operands = [generator.raw(generator.piece(child), precedence + 1) for child in children]
        # A left-deep chain: sqlglot renders chains of one binary class without recursion.
        expression = operands[0]
        for operand in operands[1:]:
            expression = getattr(generator.exp, sqlglot_class)(this=expression, expression=operand)
        return Piece(generator.render(expression), precedence)

    return visit


Visitor = Callable[[SQLGenerator, nodes.Node, Sequence[_Result]], _Result]

# One entry per concrete node class (a test checks none is missing).
VISITORS: dict[type[nodes.Node], Visitor] = {
    nodes.Number: _unreachable,
    nodes.Boolean: _unreachable,
    nodes.Variable: _variable,
    nodes.Neg: _negation,
    nodes.Not: _not,
    nodes.Add: _arithmetic("Add", SUM),
    nodes.Sub: _arithmetic("Sub", SUM),
    nodes.Mul: _arithmetic("Mul", PRODUCT),
    nodes.Div: _arithmetic("Div", PRODUCT),
    nodes.Eq: _comparison("EQ"),
    nodes.Ne: _comparison("NEQ"),
    nodes.Lt: _comparison("LT"),
    nodes.Le: _comparison("LTE"),
    nodes.Gt: _comparison("GT"),
    nodes.Ge: _comparison("GTE"),
    nodes.And: _logical("And", AND),
    nodes.Or: _logical("Or", OR),
}


def met(generator: SQLGenerator, condition: Piece) -> Piece:
    """A condition that is true only when met: unknown becomes false."""
    exp = generator.exp
    coalesce = exp.Coalesce(this=generator.raw(condition, 0), expressions=[exp.false()])
    return Piece(generator.render(coalesce), ATOM)


def formula_to_sql(
    formula: Formula,
    dialect: str = "sqlite",
    columns: Mapping[str, object] | None = None,
    *,
    met_only: bool = False,
) -> str:
    """The SQL expression computing ``formula`` per row, as :meth:`Formula.to_sql` documents.

    ``met_only=True`` (boolean formulas) gives ``COALESCE(condition, FALSE)``,
    true exactly when the condition is met.
    """
    generator = SQLGenerator(dialect, columns)
    piece = generator.generate(formula.node)
    if met_only and formula.kind == "boolean":
        piece = met(generator, piece)
    return piece.sql


# ------------------------------------------------------- developer-supplied SQL


def table_name(generator: SQLGenerator, table: object, what: str) -> SQLNode:
    """``table`` parsed as a (qualified) table name, or a :class:`SQLError` naming ``what``."""
    if not isinstance(table, str) or not table.strip():
        raise SQLError(f"{what} is a table name such as 'metrics' or 'warehouse.metrics'")
    from sqlglot import parse_one
    from sqlglot.errors import ParseError

    try:
        return parse_one(table, into=generator.exp.Table, dialect=generator.dialect)
    except (ParseError, ValueError) as error:
        raise SQLError(f"{what} {table!r} is not a table name: {error}") from None


def column_expression(generator: SQLGenerator, text: object, what: str) -> SQLNode:
    """``text`` parsed as a column expression, in parentheses; errors name ``what``."""
    if not isinstance(text, str) or not text.strip():
        raise SQLError(f"{what} is a SQL column expression, not {text!r}")
    from sqlglot.errors import ParseError

    try:
        return generator.exp.Paren(this=generator._parse(text))
    except (ParseError, ValueError) as error:
        raise SQLError(f"{what} {text!r} is not a SQL expression: {error}") from None
