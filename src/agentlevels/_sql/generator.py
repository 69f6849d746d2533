"""Checked formulas to SQL expressions, with the Python backend's semantics.

The SQL is built through ``sqlglot`` expression trees (the optional extra
``agentlevels[sql]``), so every dialect sqlglot knows is reachable and no
text a person typed is ever pasted into SQL: metric names reach the output
as identifiers rendered by sqlglot, always quoted (no list of keywords is
ever complete across engines and versions), numbers as literals of the
values the parser produced. SQL a developer supplies (``columns``, table
names) is parsed as one expression or name; anything else, such as a
second statement, is refused with :class:`SQLError`.

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
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from agentlevels import nodes
from agentlevels._errors import SQLError
from agentlevels._language.runtime import evaluate_constant
from agentlevels._sql.dialects import (
    overflow_policy,
    resolve_dialect,
    sqlglot_module,
)
from agentlevels._sql.pieces import (
    ATOM,
    EXACT_INTEGER_LIMIT,
    NEGATION,
    PRODUCT,
    SUM,
    Constant,
    Piece,
    Result,
    SQLNode,
)
from agentlevels._sql.visitors import VISITORS
from agentlevels._values import Value

if TYPE_CHECKING:
    from agentlevels._language.formula import Formula


__all__ = ["SQLGenerator", "column_expression", "formula_to_sql", "met", "table_name"]


class SQLGenerator:
    """Renders the nodes of checked formulas for one dialect and one column mapping."""

    def __init__(self, dialect: object, columns: Mapping[str, object] | None = None) -> None:
        sqlglot = sqlglot_module()
        self.exp = sqlglot.exp
        self.dialect = resolve_dialect(dialect)
        self.name = dialect if isinstance(dialect, str) else ""
        self.overflow = overflow_policy(self.dialect)
        self._double = self.exp.DataType.build("double")
        self.columns = self._columns(columns)
        self._column_cache: dict[str, str] = {}

    # ---------------------------------------------------------------- rendering

    def render(self, expression: SQLNode, *, identify: bool = False) -> str:
        """The dialect's SQL for a (shallow) sqlglot expression.

        ``identify=True`` quotes every identifier in ``expression``: queries
        built here use it, with developer-supplied SQL already rendered into
        opaque pieces so that its own quoting (and case folding) is kept.
        """
        from sqlglot.errors import ErrorLevel, UnsupportedError

        try:
            text: str = self.dialect.generate(
                expression, unsupported_level=ErrorLevel.RAISE, identify=identify
            )
        except UnsupportedError as error:
            raise SQLError(f"the {self.name} dialect cannot express {plain(error)}") from None
        return text

    def opaque(self, expression: SQLNode) -> SQLNode:
        """``expression`` rendered now, as text no later rendering re-quotes."""
        return self.exp.Var(this=self.render(expression))

    def raw(self, piece: Piece, minimum: int = ATOM) -> SQLNode:
        """``piece`` as an opaque sqlglot node, in parentheses when looser than ``minimum``."""
        inner = self.exp.Var(this=piece.sql)
        return self.exp.Paren(this=inner) if piece.precedence < minimum else inner

    def piece(self, result: Result) -> Piece:
        if isinstance(result, Constant):
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
        parsed: dict[str, SQLNode] = {}
        for name, column in columns.items():
            if not isinstance(name, str):
                raise SQLError(f"columns: metric names are text, not {name!r}")
            if isinstance(column, self.exp.Expression):
                parsed[name] = column.copy()
                continue
            if not isinstance(column, str) or not column.strip():
                raise SQLError(f"columns[{name!r}] is a SQL column expression, not {column!r}")
            parsed[name] = self.parse_sql(column, f"columns[{name!r}]")
        return parsed

    def parse_sql(self, text: str, what: str, into: type | None = None) -> SQLNode:
        """``text`` as one SQL expression (or ``into``, such as a table name).

        Every failure is a :class:`SQLError` naming ``what``: a tokenizer or
        parser error (an unterminated quote or comment), a second statement
        after ``;``, or a statement where an expression belongs.
        """
        from sqlglot import parse_one
        from sqlglot.errors import SqlglotError
        from sqlglot.tokenizer_core import TokenType

        kind = "a SQL expression" if into is None else "a table name"
        try:
            tokens = self.dialect.tokenize(text)
        except (SqlglotError, ValueError) as error:
            raise SQLError(f"{what} {text!r} is not {kind}: {plain(error)}") from None
        if any(token.token_type == TokenType.SEMICOLON for token in tokens):
            raise SQLError(f"{what} {text!r} holds ';': one expression, not statements")
        try:
            expression: SQLNode = parse_one(text, read=self.dialect, into=into)
        except (SqlglotError, ValueError) as error:
            raise SQLError(f"{what} {text!r} is not {kind}: {plain(error)}") from None
        if into is None and (
            not isinstance(expression, self.exp.Condition)
            or isinstance(expression, self.exp.Query | self.exp.Command)
        ):
            raise SQLError(
                f"{what} {text!r} is not a SQL expression: expected a column or an expression"
            )
        return expression

    def column(self, name: str) -> Piece:
        """The metric's column: from ``columns``, else its name, always quoted."""
        if name not in self._column_cache:
            exp = self.exp
            expression = self.columns.get(name)
            if expression is None:
                expression = exp.Column(this=exp.to_identifier(name, quoted=True))
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
        else:  # also Spark, which has no ISFINITE
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

    def divisor(self, result: Result) -> SQLNode:
        """The right side of ``/``: ``NULL`` when zero, or when an infinity (``x / inf`` is 0)."""
        exp = self.exp
        if self.overflow == "isfinite":
            return self.ieee_divisor(result)
        if self.overflow == "spark":
            return self.spark_divisor(result)
        if isinstance(result, Constant):
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

    def division(self, numerator: SQLNode, divisor: Result) -> tuple[SQLNode, int]:
        """``numerator / divisor`` and its precedence; unknown when the divisor is zero."""
        exp = self.exp
        if self.overflow == "spark" and isinstance(divisor, Piece) and divisor.arithmetic:
            # A divisor that is itself arithmetic: TRY_DIVIDE, whose nesting Spark's parser
            # takes 99 deep where a NULLIF per level was refused as too complex.
            right = self.ieee_divisor(divisor)
            arguments = [
                node.this if isinstance(node, exp.Paren) else node for node in (numerator, right)
            ]
            return exp.Anonymous(this="TRY_DIVIDE", expressions=arguments), ATOM
        return exp.Div(this=numerator, expression=self.divisor(divisor), typed=True), PRODUCT

    def spark_divisor(self, result: Result) -> SQLNode:
        """A plain divisor for Spark (a metric, a negated metric, a constant).

        Spark raises ``DIVIDE_BY_ZERO`` for ``x / 0`` in ANSI mode (its default
        from 4.0), so a zero divisor must become ``NULL``: one ``NULLIF``, which
        keeps a chain such as ``$a / $b / $c`` flat (``TRY_DIVIDE`` would nest
        it one call per term, and the parser refuses a chain of hundreds).
        Arithmetic divisors go through :meth:`division`.
        """
        exp = self.exp
        divisor = self.ieee_divisor(result)
        if isinstance(result, Constant):
            return divisor
        return exp.Nullif(this=divisor, expression=exp.Literal.number("0"))

    def ieee_divisor(self, result: Result) -> SQLNode:
        """A divisor naming its operand once, for DuckDB (and Spark's forms).

        DuckDB copies the operand of NULLIF when it plans: nested divisors
        would grow geometrically, so no NULLIF. Dividing by zero already gives
        an infinity or NaN there, which the guard where the arithmetic ends
        turns into NULL (Spark raises instead: see :meth:`division`). Only an
        infinite divisor must be caught before ``x / inf`` hides it as 0:
        ``d % inf`` is ``d`` for every finite ``d`` and NaN for an infinity.
        """
        exp = self.exp
        if isinstance(result, Constant):
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
        if isinstance(result, Constant):
            value = evaluate_constant(result.node)
            if isinstance(value, float):
                # A bare literal would be DECIMAL or NUMERIC in some engines; Python's is a double.
                literal = self.raw(self.literal(value), 0)
                cast = self.exp.Cast(this=literal, to=self.double())
                return Piece(self.render(cast), ATOM)
        return self.finite(self.piece(result))

    def visit(self, node: nodes.Node, children: Sequence[Result]) -> Result:
        if not isinstance(node, nodes.Variable) and all(
            isinstance(child, Constant) for child in children
        ):
            return Constant(node)
        visitor = nodes.handler(VISITORS, node, "SQL backend")
        return visitor(self, node, children)


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
    """``table`` as a (qualified) table name, already rendered; errors name ``what``.

    The name keeps the developer's own quoting: an unquoted name folds case
    as the engine folds it.
    """
    if not isinstance(table, str) or not table.strip():
        raise SQLError(f"{what} is a table name such as 'metrics' or 'warehouse.metrics'")
    return generator.opaque(generator.parse_sql(table, what, into=generator.exp.Table))


def column_expression(generator: SQLGenerator, text: object, what: str) -> SQLNode:
    """``text`` as a column expression in parentheses, already rendered; errors name ``what``."""
    if not isinstance(text, str) or not text.strip():
        raise SQLError(f"{what} is a SQL column expression, not {text!r}")
    return generator.opaque(generator.exp.Paren(this=generator.parse_sql(text, what)))


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(error: BaseException) -> str:
    """An error's message without the terminal colour codes sqlglot puts around the culprit."""
    return _ANSI.sub("", str(error))
