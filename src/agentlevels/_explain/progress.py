"""How far a snapshot is from meeting a condition, and what is still missing.

The share is computed over the formula's tree: a comparison of a quantity
with a threshold gives the share of the threshold reached (320 of 500 answers
is 0.64), ``||`` takes its best branch, ``&&`` the mean of its parts, and
anything that cannot be measured as a share (``==``, ``!``, unknown values)
counts 0 until it is met. Each piece grows with the metrics the condition
rewards, so the total never goes down as an agent works. The ratio is 1.0
exactly when the condition is met: the compiled formula decides that, and an
unmet condition is capped just below 1.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._explain.metric_phrases import METRIC_PHRASES
from agentlevels._explain.phrases import Compound, Leaf, Phrase, Rate, Task, render, value_text
from agentlevels._explain.plural import format_number, plural_en, plural_ru
from agentlevels._explain.sentences import explain_node
from agentlevels._language.catalog import Catalog
from agentlevels._language.format import format_node
from agentlevels._language.formula import Formula, as_formula
from agentlevels._language.parser import parse
from agentlevels._language.runtime import evaluate_tree, read_snapshot
from agentlevels._values import Value, text_locale

__all__ = ["MEASURES", "Measurer", "Progress", "Requirement", "Shortfall", "progress"]

ALMOST_ONE: Final = math.nextafter(1.0, 0.0)
"""The highest ratio a condition that is not met can have."""

# Python's own comparison for each comparison class: ``Ge`` is ``operator.ge``.
_COMPARE: Final[dict[type[nodes.Comparison], Callable[[Any, Any], bool]]] = {
    comparison: getattr(operator, comparison.__name__.lower())
    for comparison in nodes.COMPARISONS.values()
}

Number: TypeAlias = int | float


@attrs.frozen
class Shortfall:
    """One thing still missing: ``amount`` more (or less) of ``metric``.

    ``metric`` is ``None`` when the quantity is not a single metric
    (arithmetic, or a metric compared with another); ``amount`` is ``None``
    when the gap cannot be said as a number (an unknown value, ``==``,
    ``!=``, ``!``, a boolean metric). ``strict`` means "more than ``amount``".
    ``condition`` is the canonical text of the comparison concerned and
    ``value`` the quantity's current value; ``node`` is the comparison's
    tree, which the words are made from (``condition`` is never parsed again
    when it is given).
    """

    metric: str | None
    amount: Number | None
    direction: Literal["more", "less"]
    condition: str
    value: Number | bool | None = None
    strict: bool = False
    node: nodes.Node | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def text(self, locale: str = "en") -> str:
        """The shortfall in words: "180 more answers", "ещё 180 ответов"."""
        return self.phrase(locale).text

    def phrase(self, locale: str = "en") -> Leaf:
        """The shortfall as a phrase, to be joined with others into one sentence."""
        locale = text_locale(locale)
        phrasing = METRIC_PHRASES.get(self.metric) if self.metric is not None else None
        if self.amount is None or phrasing is None or not isinstance(phrasing, Task | Rate):
            node = self.node if self.node is not None else parse(self.condition)
            said = explain_node(node, locale)
            if self.metric is not None and self.value is None:
                said += " (пока нет данных)" if locale == "ru" else " (not measured yet)"
            elif self.amount is not None:
                number = format_number(self.amount, locale)
                said += f" (не хватает {number})" if locale == "ru" else f" ({number} to go)"
            return Leaf("", said)
        if isinstance(phrasing, Task):
            return _task_shortfall(phrasing, self, self.amount, locale)
        return _rate_shortfall(phrasing, self, self.amount, locale)


def _task_shortfall(task: Task, short: Shortfall, amount: Number, locale: str) -> Leaf:
    number = format_number(amount, locale)
    if locale == "ru":
        over = "более чем " if short.strict else ""
        if short.direction == "more":
            return Leaf("", f"ещё {over}{number} {plural_ru(amount, task.ru_unit)}")
        return Leaf("", f"{task.ru_unit[2]} — {over}на {number} меньше")
    word = "more" if short.direction == "more" else "fewer"
    if short.strict:  # "more than 0.5 hours more", not "over 0.5 more hours"
        return Leaf("", f"more than {number} {plural_en(amount, task.en_unit)} {word}")
    return Leaf("", f"{number} {word} {plural_en(amount, task.en_unit)}")


def _rate_shortfall(rate: Rate, short: Shortfall, amount: Number, locale: str) -> Leaf:
    if short.strict and isinstance(short.value, int | float) and not isinstance(short.value, bool):
        # "raise the share above 80%", not "by more than 0 percentage points"
        threshold = short.value + amount if short.direction == "more" else short.value - amount
        return _rate_beyond(rate, short.direction, threshold, locale)
    number = format_number(amount, locale)
    unit = rate.unit
    if locale == "ru":
        forms = unit.ru_shift or unit.ru_accusative
        shift = f"{number} {plural_ru(amount, forms)}" if forms else number
        over = "более чем " if short.strict else ""
        verb = "повысьте" if short.direction == "more" else "снизьте"
        return Leaf(verb, f"{rate.ru_subject} {over}на {shift}")
    en_forms = unit.en_shift or unit.en
    shift = f"{number} {plural_en(amount, en_forms)}" if en_forms else number
    over = "more than " if short.strict else ""
    verb = "raise" if short.direction == "more" else "lower"
    return Leaf(verb, f"{rate.en_subject} by {over}{shift}")


def _rate_beyond(
    rate: Rate, direction: Literal["more", "less"], threshold: Number, locale: str
) -> Leaf:
    """A rate to move past ``threshold``: "raise … above 80%", "снизьте … ниже 60 секунд"."""
    if locale == "ru":
        verb, word = ("повысьте", "выше") if direction == "more" else ("снизьте", "ниже")
        amount = value_text(threshold, rate.unit, locale, genitive=True)
        return Leaf(verb, f"{rate.ru_subject} {word} {amount}")
    verb, word = ("raise", "above") if direction == "more" else ("lower", "below")
    amount = value_text(threshold, rate.unit, locale, genitive=False)
    return Leaf(verb, f"{rate.en_subject} {word} {amount}")


@attrs.frozen
class Requirement:
    """Shortfalls that must all be made up (``all_of``) or any one of them."""

    all_of: bool
    parts: tuple[Shortfall | Requirement, ...]

    def text(self, locale: str = "en") -> str:
        """ "180 more answers or 490 more chats"."""
        return render(self.phrase(locale), text_locale(locale))

    def phrase(self, locale: str = "en") -> Phrase:
        """The requirement as a phrase: its parts joined by "and" or "or"."""
        return Compound(self.all_of, tuple(part.phrase(locale) for part in self.parts))

    @property
    def shortfalls(self) -> tuple[Shortfall, ...]:
        """Every shortfall in the tree, left to right."""
        out: list[Shortfall] = []
        stack: list[Shortfall | Requirement] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, Shortfall):
                out.append(item)
            else:
                stack.extend(reversed(item.parts))
        return tuple(out)


Remaining: TypeAlias = Shortfall | Requirement


@attrs.frozen
class Progress:
    """Progress toward a condition.

    ``ratio`` is in [0, 1] and 1.0 exactly when the condition is met;
    ``remaining`` is what is still missing as data (``None`` when met), and
    :meth:`remaining_text` says it in words.
    """

    ratio: float
    met: bool
    remaining: Remaining | None = None

    @property
    def shortfalls(self) -> tuple[Shortfall, ...]:
        """Every shortfall, flat, left to right (empty when met)."""
        if self.remaining is None:
            return ()
        if isinstance(self.remaining, Shortfall):
            return (self.remaining,)
        return self.remaining.shortfalls

    def remaining_text(self, locale: str = "en") -> str:
        """What is missing in words ("180 more answers or 490 more chats"); "" when met."""
        if self.remaining is None:
            return ""
        return self.remaining.text(locale)


@attrs.frozen
class _Part:
    """A condition measured: its truth, the share of it reached, and what is missing."""

    truth: bool | None
    ratio: float
    remaining: Remaining | None


# A condition folds to a _Part; a number-valued node to None, its value read when needed.
_Measured: TypeAlias = _Part | None


class _Measure:
    """The snapshot and catalog a condition is measured against."""

    def __init__(self, values: Mapping[str, Value], catalog: Catalog) -> None:
        self.snapshot = values  # validated and converted (Decimal to int or float) once
        self.catalog = catalog

    def value(self, node: nodes.Node) -> Number | bool | None:
        """The current value of a number-valued sub-tree, from the tree itself."""
        if isinstance(node, nodes.Number):
            return node.value
        if isinstance(node, nodes.Variable):
            return self.snapshot[node.name]
        return evaluate_tree(node, self.snapshot)

    def whole(self, quantity: nodes.Node, threshold: Number) -> bool:
        """Whether the quantity moves by whole steps: a metric declared ``integer``
        compared with a whole number (not the Python type of the value)."""
        if not isinstance(quantity, nodes.Variable):
            return False
        metric = self.catalog.get(quantity.name)
        return metric is not None and metric.integer and float(threshold).is_integer()

    def base(self, quantity: nodes.Node) -> Number:
        """Where a quantity starts: its metric's minimum, or 0."""
        if isinstance(quantity, nodes.Variable):
            metric = self.catalog.get(quantity.name)
            if metric is not None and metric.minimum is not None:
                return metric.minimum
        return 0


def _flag(node: nodes.Node, truth: bool | None, metric: str | None = None) -> _Part:
    if truth:
        return _Part(True, 1.0, None)
    short = Shortfall(metric, None, "more", format_node(node), truth, node=node)
    return _Part(truth, 0.0, short)


def _conditions(kids: Sequence[_Measured]) -> list[_Part]:
    parts = [kid for kid in kids if kid is not None]
    if len(parts) != len(kids):  # the checker lets only conditions reach !, && and ||
        raise TypeError("progress measures checked boolean formulas only")
    return parts


# --- one entry per node class ----------------------------------------------------------------

Measurer: TypeAlias = Callable[[_Measure, nodes.Node, Sequence[_Measured]], _Measured]
"""How far a node is from being met, given its children's measures."""


def _number_valued(measure: _Measure, node: nodes.Node, kids: Sequence[_Measured]) -> _Measured:
    return None


def _boolean(measure: _Measure, node: nodes.Node, kids: Sequence[_Measured]) -> _Measured:
    assert isinstance(node, nodes.Boolean)
    return _flag(node, node.value)


def _variable(measure: _Measure, node: nodes.Node, kids: Sequence[_Measured]) -> _Measured:
    assert isinstance(node, nodes.Variable)
    metric = measure.catalog.get(node.name)
    if metric is not None and metric.type == "boolean":
        value = measure.snapshot[node.name]
        return _flag(node, value if isinstance(value, bool) else None, node.name)
    return None


def _not(measure: _Measure, node: nodes.Node, kids: Sequence[_Measured]) -> _Measured:
    (inner,) = _conditions(kids)
    return _flag(node, None if inner.truth is None else not inner.truth)


def _logical(all_of: bool) -> Measurer:
    def measure_logical(
        measure: _Measure, node: nodes.Node, kids: Sequence[_Measured]
    ) -> _Measured:
        parts = _conditions(kids)
        truths = [part.truth for part in parts]
        if all_of:
            truth: bool | None = False if False in truths else (None if None in truths else True)
        else:
            truth = True if True in truths else (None if None in truths else False)
        if truth:
            return _Part(True, 1.0, None)
        # "and" is as far along as its parts on average, "or" as its best part.
        ratios = [part.ratio for part in parts]
        ratio = sum(ratios) / len(ratios) if all_of else max(ratios)
        missing = tuple(part.remaining for part in parts if part.remaining is not None)
        remaining: Remaining | None = Requirement(all_of, missing) if len(missing) > 1 else None
        if len(missing) == 1:
            remaining = missing[0]
        return _Part(truth, min(ratio, ALMOST_ONE), remaining)

    return measure_logical


def _comparison(measure: _Measure, node: nodes.Node, kids: Sequence[_Measured]) -> _Measured:
    assert isinstance(node, nodes.Comparison)
    if kids[0] is not None:  # conditions compared with == or !=: met or not, nothing between
        same = evaluate_tree(node, measure.snapshot)
        return _flag(node, same if isinstance(same, bool) else None)
    comparison = type(node)
    quantity, threshold = node.left, node.right
    if _is_constant(quantity) and not _is_constant(threshold):
        quantity, threshold, comparison = threshold, quantity, nodes.MIRRORED[comparison]
    q = measure.value(quantity)
    t = measure.value(threshold)
    if isinstance(q, bool) or isinstance(t, bool):  # booleans are compared elsewhere
        q = t = None
    metric = quantity.name if isinstance(quantity, nodes.Variable) else None
    if not _is_constant(threshold):
        metric = None
    if q is None or t is None:
        short = Shortfall(metric, None, "more", format_node(node), q, node=node)
        return _Part(None, 0.0, short)
    if _COMPARE[comparison](q, t):
        return _Part(True, 1.0, None)
    whole = measure.whole(quantity, t)
    part = _distance(comparison, q, t, measure.base(quantity), whole)
    short = Shortfall(metric, part[1], part[2], format_node(node), q, part[3], node=node)
    return _Part(False, part[0], short)


def _distance(
    comparison: type[nodes.Comparison], q: Number, t: Number, base: Number, whole: bool
) -> tuple[float, Number | None, Literal["more", "less"], bool]:
    """An unmet comparison of known numbers: the share reached, the amount missing, its
    direction and whether it is "more than" the amount.

    Values lie within float range, but their differences may not: the
    arithmetic is on ints where both are, and a share that overflows is 0.
    """
    ratio = 0.0
    amount: Number | None = None
    strict = False
    direction: Literal["more", "less"] = "more"
    if comparison is nodes.Ge or comparison is nodes.Gt:
        if t > base:
            ratio = _share(q - base, t - base)
        amount, strict = _gap(_exact(t) - _exact(q), strict=comparison is nodes.Gt, whole=whole)
    elif comparison is nodes.Le or comparison is nodes.Lt:
        if t > 0 and q > 0:
            ratio = _share(t, q)
        direction = "less"
        amount, strict = _gap(_exact(q) - _exact(t), strict=comparison is nodes.Lt, whole=whole)
    ratio = min(max(ratio, 0.0), ALMOST_ONE)
    return ratio, amount, direction, strict


def _exact(value: Number) -> Number:
    # A whole float as an int, so that 1e308 - -1e308 does not become infinity.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _share(part: Number, whole: Number) -> float:
    try:
        share = part / whole
    except (OverflowError, ZeroDivisionError):
        return 0.0
    return share if math.isfinite(share) else 0.0


MEASURES: Final[Mapping[type[nodes.Node], Measurer]] = {
    nodes.Number: _number_valued,
    nodes.Boolean: _boolean,
    nodes.Variable: _variable,
    nodes.Neg: _number_valued,
    nodes.Not: _not,
    nodes.Add: _number_valued,
    nodes.Sub: _number_valued,
    nodes.Mul: _number_valued,
    nodes.Div: _number_valued,
    nodes.Eq: _comparison,
    nodes.Ne: _comparison,
    nodes.Lt: _comparison,
    nodes.Le: _comparison,
    nodes.Gt: _comparison,
    nodes.Ge: _comparison,
    nodes.And: _logical(all_of=True),
    nodes.Or: _logical(all_of=False),
}
"""Progress's measure of each node class, by class (every class in ``nodes.CLASSES``)."""


def _gap(difference: Number, *, strict: bool, whole: bool) -> tuple[Number, bool]:
    # For a count, "more than 499" is "at least 500": say the exact amount. A
    # count short by a fraction (a value of 99.5) still needs a whole step.
    if whole:
        if strict:
            return math.floor(difference) + 1, False
        return math.ceil(difference), False
    return difference, strict


def _is_constant(node: nodes.Node) -> bool:
    return not any(isinstance(n, nodes.Variable) for n in nodes.walk(node))


def progress(formula: Formula | str, snapshot: Mapping[str, object]) -> Progress:
    """How far ``snapshot`` is from meeting ``formula`` (a boolean formula or its text).

    >>> p = progress("$answers >= 500 || $chats >= 500", {"answers": 320, "chats": 10})
    >>> round(p.ratio, 2), p.remaining_text()
    (0.64, '180 more answers or 490 more chats')

    Raises the usual snapshot errors for a bad snapshot.
    """
    formula = as_formula(formula)
    # Validates the snapshot (missing metrics, bad values) once, with the usual errors.
    truth = formula.evaluate(snapshot)
    if truth is True:
        return Progress(1.0, True, None)
    values = read_snapshot(snapshot, sorted(formula.variables), formula.catalog)
    measure = _Measure(values, formula.catalog)

    def visit(node: nodes.Node, kids: Sequence[_Measured]) -> _Measured:
        return nodes.handler(MEASURES, node, "progress measure")(measure, node, kids)

    part = nodes.fold(formula.node, visit)
    if part is None:  # pragma: no cover - a boolean formula folds to a part
        raise TypeError("not a condition")
    return Progress(min(part.ratio, ALMOST_ONE), False, part.remaining)
