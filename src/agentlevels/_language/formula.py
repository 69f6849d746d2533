"""The public facade of the language: compile, check, format."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from agentlevels import nodes
from agentlevels._diagnostics import Diagnostic, Report, cap_diagnostics
from agentlevels._errors import error_class
from agentlevels._language import compiler, ladder
from agentlevels._language.catalog import Catalog
from agentlevels._language.checked import KINDS, Checked, Kind
from agentlevels._language.checker import check_tree
from agentlevels._language.format import format_node
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._language.parser import parse, parse_or_diagnose
from agentlevels._language.trace import Plan, Trace, trace
from agentlevels._messages.message import require_locale
from agentlevels._values import Value


def _resolve(catalog: Catalog | None, kind: str) -> tuple[Catalog, Kind]:
    if catalog is None:
        catalog = DEFAULT_CATALOG
    elif not isinstance(catalog, Catalog):
        raise TypeError(f"catalog must be a Catalog, not {type(catalog).__name__}")
    if kind not in KINDS:
        raise ValueError(f"kind must be 'boolean' or 'number', not {kind!r}")
    return catalog, "boolean" if kind == "boolean" else "number"


def _diagnose(text: str, catalog: Catalog, kind: Kind) -> tuple[Checked | None, list[Diagnostic]]:
    tree, problems = parse_or_diagnose(text, catalog)
    if tree is None:
        return None, problems
    checked, problems = check_tree(tree, catalog, kind, text)
    return checked, cap_diagnostics(problems)


class Formula:
    """A checked, compiled formula; immutable, hashable and picklable.

    Call it with a snapshot (a mapping of metric name to value): a boolean
    formula answers whether its condition is met (unknown is not met), a
    numeric one gives its value or ``None`` when unknown.
    :meth:`evaluate` gives the three-valued answer.

    >>> formula = compile("$answers >= 500 || $chats >= 500")
    >>> formula({"answers": 320, "chats": 510})
    True
    >>> formula.evaluate({"answers": 320, "chats": None}) is None
    True
    >>> sorted(formula.variables)
    ['answers', 'chats']
    """

    __slots__ = (
        "__weakref__",
        "_checked",
        "canonical",
        "catalog",
        "kind",
        "node",
        "source",
        "variables",
        "warnings",
    )

    source: str
    canonical: str
    node: nodes.Node
    kind: Kind
    variables: frozenset[str]
    warnings: tuple[Diagnostic, ...]
    catalog: Catalog
    _checked: Checked

    if TYPE_CHECKING:  # both are generated for each formula (see _make)

        def __call__(self, snapshot: object) -> Value:
            """Whether the condition is met (unknown is not), or the number's value."""

        def evaluate(self, snapshot: object) -> Value:
            """The three-valued result: True, False or None; or the number or None."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Formula:
        raise TypeError("use agentlevels.compile(text) to make a Formula")

    @classmethod
    def _make(cls, source: str, checked: Checked) -> Formula:
        # Each formula gets its own subclass whose methods become the generated
        # functions themselves on the first call: one Python frame per call,
        # no wrapper. ``formula.evaluate(s)`` then costs what a hand-written
        # function does; ``formula(s)`` adds CPython's fixed cost of calling
        # an instance (see docs/performance.md). Until then, a formula compiled
        # only to be validated or listed never pays for code generation.
        methods = {"__slots__": (), "__call__": _first_call, "evaluate": _first_evaluate}
        subclass = type("Formula", (cls,), methods)
        self: Formula = object.__new__(subclass)
        for name, value in (
            ("source", source),
            ("canonical", format_node(checked.node)),
            ("node", checked.node),
            ("kind", checked.kind),
            ("variables", checked.variables),
            ("warnings", checked.warnings),
            ("catalog", checked.catalog),
            ("_checked", checked),
        ):
            object.__setattr__(self, name, value)
        return self

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("Formula is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("Formula is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Formula):
            return NotImplemented
        return (self.canonical, self.kind, self.catalog) == (
            other.canonical,
            other.kind,
            other.catalog,
        )

    def __hash__(self) -> int:
        return hash((self.canonical, self.kind))

    def __repr__(self) -> str:
        return f"<Formula {self.kind} {self.canonical!r}>"

    def __str__(self) -> str:
        return self.canonical

    def __reduce__(self) -> tuple[Callable[..., Formula], tuple[str, Catalog, str]]:
        return (_unpickle, (self.source, self.catalog, self.kind))

    def __copy__(self) -> Formula:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Formula:
        return self

    def trace(self, snapshot: object) -> Trace:
        """The value of every sub-expression for ``snapshot``, each with its span.

        The last entry is the whole formula, whose value equals
        :meth:`evaluate`'s; snapshot errors are the same as evaluate's.

        >>> [(e.text, e.value) for e in compile("$answers >= 500 && $online").trace(
        ...     {"answers": 640, "online": False}).atoms()]
        [('$answers >= 500', True), ('$online', False)]
        """
        return trace(self.source, Plan.of(self.node, self.catalog), snapshot)

    def to_sql(
        self, dialect: str = "sqlite", *, columns: Mapping[str, object] | None = None
    ) -> str:
        """The formula as a SQL expression with the same semantics (needs ``agentlevels[sql]``).

        ``columns`` maps metric names to SQL column expressions; a metric not
        in it reads the column of its own name. Unknown is ``NULL``; a
        condition is met where the expression is ``TRUE``. See ``docs/sql.md``.

        >>> compile("$answers >= 500 || $chats >= 500").to_sql("postgres")
        'answers >= 500 OR chats >= 500'
        """
        # Imported here, not at the top: the SQL backend sits above the language
        # and needs the optional sqlglot; the language never imports it otherwise.
        from agentlevels._sql.generator import formula_to_sql

        return formula_to_sql(self, dialect, columns)


def _generate(formula: Formula) -> None:
    """Replace the formula's first-call methods by its generated code.

    Two threads calling a new formula at once may both generate it; each
    installs equal functions, and either is correct.
    """
    call, evaluate = compiler.build(formula._checked)
    setattr(type(formula), "__call__", call)  # noqa: B010 - a method of the subclass
    setattr(type(formula), "evaluate", evaluate)  # noqa: B010


def _first_call(self: Formula, snapshot: object) -> Value:
    # A caller may hold this method from before the first call (``map(formula,
    # team)``), so it is called again afterwards: generate only once.
    if type(self).__dict__["__call__"] is _first_call:
        _generate(self)
    return self(snapshot)


def _first_evaluate(self: Formula, snapshot: object) -> Value:
    # ``evaluate = formula.evaluate`` taken before the first call stays this
    # function: generate only once, then go to the generated one.
    if type(self).__dict__["evaluate"] is _first_evaluate:
        _generate(self)
    return self.evaluate(snapshot)


# Formulas are immutable, so compiling the same text for the same catalog
# object and kind again gives the formula compiled before: a dictionary
# look-up. At most CACHE_SIZE formulas of at most CACHED_LENGTH characters are
# kept, the oldest dropped first, which bounds the memory held (an entry
# takes about 50 bytes per character of text once its code is generated);
# docs/performance.md gives the figures.
CACHE_SIZE = 256
CACHED_LENGTH = 1_000
_compiled: dict[tuple[str, str, int], Formula] = {}
_compiled_lock = threading.Lock()


def _unpickle(source: str, catalog: Catalog, kind: str) -> Formula:
    return compile(source, catalog=catalog, kind=kind)


def compile(text: str, *, catalog: Catalog | None = None, kind: str = "boolean") -> Formula:
    """Parse, check and compile formula text.

    ``kind="boolean"`` (the default) for a condition, ``kind="number"`` for
    a numeric formula such as a badge metric. Raises a
    :class:`~agentlevels.FormulaError` subclass listing every problem found.

    >>> compile("($answers + $chats) / $worktime", kind="number")({
    ...     "answers": 30, "chats": 18, "worktime": 4})
    12.0
    """
    catalog, kind_ = _resolve(catalog, kind)
    key = (text, kind_, id(catalog))
    cacheable = type(text) is str and len(text) <= CACHED_LENGTH
    if cacheable:
        cached = _compiled.get(key)
        # The entry holds its catalog, so no other catalog can have its id.
        if cached is not None and cached.catalog is catalog:
            return cached
    checked, problems = _diagnose(text, catalog, kind_)
    if checked is None:
        raise error_class(problems)(text, problems)
    formula = Formula._make(text, checked)
    if not cacheable:
        return formula
    with _compiled_lock:
        if len(_compiled) >= CACHE_SIZE:  # the oldest entry goes first
            del _compiled[next(iter(_compiled))]
        _compiled[key] = formula
    return formula


def as_formula(value: Formula | str, *, kind: str | None = "boolean") -> Formula:
    """``value`` if it is a :class:`Formula` of ``kind``, else ``value`` compiled as text.

    ``kind=None`` accepts a formula of either kind (text compiles as a condition).

    For functions that take a formula or its text; anything else is a
    ``TypeError`` naming what was given.
    """
    if isinstance(value, str):
        return compile(value, kind=kind or "boolean")
    if not isinstance(value, Formula):
        raise TypeError(f"expected a Formula or formula text, not {type(value).__name__}")
    if kind is not None and value.kind != kind:
        raise ValueError(f"expected a {kind} formula, not {value.kind}: {value.canonical}")
    return value


def check(
    text: str, *, catalog: Catalog | None = None, kind: str = "boolean", locale: str = "en"
) -> Report:
    """Every error and warning in ``text``; never raises for bad text.

    ``locale`` (``"en"`` or ``"ru"``) is the language the report renders
    its messages in; ``Diagnostic.message`` stays English whatever it is.

    >>> report = check("$answer >= 500")
    >>> report.ok, report.errors[0].code, report.errors[0].hint
    (False, 'unknown-variable', 'did you mean `$answers`, `$answers_ph` or `$chat_answers`?')
    >>> check("$answer >= 500", locale="ru").errors[0].message_in("ru")
    'неизвестная переменная `$answer`'
    """
    catalog, kind_ = _resolve(catalog, kind)
    locale = require_locale(locale)
    if not isinstance(text, str):
        raise TypeError(f"a formula is text (str), not {type(text).__name__}")
    _, problems = _diagnose(text, catalog, kind_)
    return Report(text, tuple(problems), locale=locale)


def format_formula(text: str) -> str:
    """The canonical text of a formula (syntax only; no catalog needed).

    >>> format_formula("($answers>=500)||($chats>=500.0)")
    '$answers >= 500 || $chats >= 500'
    """
    return format_node(parse(text))


def ladder_function(
    formulas: Sequence[Formula], slow: Callable[[object, int], int]
) -> Callable[[object, int], int]:
    """One function giving the rank a level ladder reaches (see the compiler's).

    ``formulas`` are the ladder's conditions, lowest level first; ``slow``
    finds the rank one formula at a time and is used whenever the fused
    function cannot decide exactly.
    """
    return ladder.ladder_function([formula._checked for formula in formulas], slow)
