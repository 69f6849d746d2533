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

import functools
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._explain.metric_phrases import METRIC_PHRASES
from agentlevels._explain.phrases import Compound, Leaf, Phrase, Rate, Task, render
from agentlevels._explain.plural import format_number, plural_en, plural_ru
from agentlevels._explain.sentences import explain_node
from agentlevels._language.catalog import Catalog
from agentlevels._language.format import format_node
from agentlevels._language.formula import Formula, as_formula, compile
from agentlevels._language.parser import parse

__all__ = ["Progress", "Requirement", "Shortfall", "progress"]

ALMOST_ONE: Final = math.nextafter(1.0, 0.0)
"""The highest ratio a condition that is not met can have."""

# Python's own comparison for each comparison class: ``Ge`` is ``operator.ge``.
_COMPARE: Final[dict[type[nodes.Comparison], Callable[[Any, Any], bool]]] = {
    comparison: getattr(operator, comparison.__name__.lower())
    for comparison in nodes.COMPARISONS.values()
}

Number: TypeAlias = int | float


def _locale(locale: str) -> str:
    return "ru" if locale == "ru" else "en"


@attrs.frozen
class Shortfall:
    """One thing still missing: ``amount`` more (or less) of ``metric``.

    ``metric`` is ``None`` when the quantity is not a single metric
    (arithmetic, or a metric compared with another); ``amount`` is ``None``
    when the gap cannot be said as a number (an unknown value, ``==``,
    ``!=``, ``!``, a boolean metric). ``strict`` means "more than ``amount``".
    ``condition`` is the canonical text of the comparison concerned and
    ``value`` the quantity's current value.
    """

    metric: str | None
    amount: Number | None
    direction: Literal["more", "less"]
    condition: str
    value: Number | bool | None = None
    strict: bool = False

    def text(self, locale: str = "en") -> str:
        """The shortfall in words: "180 more answers", "ещё 180 ответов"."""
        return self.phrase(locale).text

    def phrase(self, locale: str = "en") -> Leaf:
        locale = _locale(locale)
        phrasing = METRIC_PHRASES.get(self.metric) if self.metric is not None else None
        if self.amount is None or phrasing is None or not isinstance(phrasing, Task | Rate):
            said = explain_node(parse(self.condition), locale)
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
    over = "over " if short.strict else ""
    word = "more" if short.direction == "more" else "fewer"
    return Leaf("", f"{over}{number} {word} {plural_en(amount, task.en_unit)}")


def _rate_shortfall(rate: Rate, short: Shortfall, amount: Number, locale: str) -> Leaf:
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


@attrs.frozen
class Requirement:
    """Shortfalls that must all be made up (``all_of``) or any one of them."""

    all_of: bool
    parts: tuple[Shortfall | Requirement, ...]

    def text(self, locale: str = "en") -> str:
        """ "180 more answers or 490 more chats"."""
        return render(self.phrase(locale), _locale(locale))

    def phrase(self, locale: str = "en") -> Phrase:
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


@functools.lru_cache(maxsize=2048)
def _number_formula(canonical: str, catalog: Catalog) -> Formula:
    return compile(canonical, catalog=catalog, kind="number")


@functools.lru_cache(maxsize=2048)
def _boolean_formula(canonical: str, catalog: Catalog) -> Formula:
    return compile(canonical, catalog=catalog)


@attrs.frozen
class _Part:
    truth: bool | None
    ratio: float
    remaining: Remaining | None


_NUMBER = object()  # what a number-valued node folds to; its value is read when needed


class _Measure:
    def __init__(self, snapshot: Mapping[str, object], catalog: Catalog) -> None:
        self.snapshot = snapshot
        self.catalog = catalog

    def value(self, node: nodes.Node) -> Number | bool | None:
        if isinstance(node, nodes.Number):
            return node.value
        if isinstance(node, nodes.Variable):
            return self.snapshot[node.name]  # type: ignore[return-value]  # validated before
        formula = _number_formula(format_node(node), self.catalog)
        return formula.evaluate(self.snapshot)

    def __call__(self, node: nodes.Node, kids: Sequence[Any]) -> Any:
        if isinstance(node, nodes.Boolean):
            return self._flag(node, node.value)
        if isinstance(node, nodes.Variable):
            metric = self.catalog.get(node.name)
            if metric is not None and metric.type == "boolean":
                value = self.snapshot[node.name]
                return self._flag(node, value if isinstance(value, bool) else None, node.name)
            return _NUMBER
        if isinstance(node, nodes.Not):
            (inner,) = kids
            truth = None if inner.truth is None else not inner.truth
            return self._flag(node, truth)
        if isinstance(node, nodes.Logical):
            return self._logical(isinstance(node, nodes.And), kids)
        if isinstance(node, nodes.Comparison):
            if isinstance(kids[0], _Part):
                same = _boolean_formula(format_node(node), self.catalog).evaluate(self.snapshot)
                return self._flag(node, same if isinstance(same, bool) else None)
            return self._comparison(node)
        return _NUMBER

    def _flag(self, node: nodes.Node, truth: bool | None, metric: str | None = None) -> _Part:
        if truth:
            return _Part(True, 1.0, None)
        short = Shortfall(metric, None, "more", format_node(node), truth)
        return _Part(truth, 0.0, short)

    @staticmethod
    def _logical(all_of: bool, kids: Sequence[_Part]) -> _Part:
        truths = [k.truth for k in kids]
        if all_of:
            truth: bool | None = False if False in truths else (None if None in truths else True)
        else:
            truth = True if True in truths else (None if None in truths else False)
        if truth:
            return _Part(True, 1.0, None)
        if all_of:
            ratio = sum(k.ratio for k in kids) / len(kids)
            missing = [k.remaining for k in kids if k.remaining is not None]
        else:
            ratio = max(k.ratio for k in kids)
            missing = [k.remaining for k in kids if k.remaining is not None]
        remaining: Remaining | None
        if not missing:
            remaining = None
        elif len(missing) == 1:
            remaining = missing[0]
        else:
            remaining = Requirement(all_of, tuple(missing))
        return _Part(truth, min(ratio, ALMOST_ONE), remaining)

    def _comparison(self, node: nodes.Comparison) -> _Part:
        comparison = type(node)
        quantity, threshold = node.left, node.right
        if _is_constant(quantity) and not _is_constant(threshold):
            quantity, threshold, comparison = threshold, quantity, nodes.MIRRORED[comparison]
        q = self.value(quantity)
        t = self.value(threshold)
        if isinstance(q, bool) or isinstance(t, bool):  # booleans are compared elsewhere
            q = t = None
        truth = None if q is None or t is None else _COMPARE[comparison](q, t)
        if truth:
            return _Part(True, 1.0, None)
        metric = quantity.name if isinstance(quantity, nodes.Variable) else None
        if not _is_constant(threshold):
            metric = None
        condition = format_node(node)
        if q is None or t is None:
            short = Shortfall(metric, None, "more", condition, q)
            return _Part(truth, 0.0, short)
        ratio = 0.0
        amount: Number | None = None
        strict = False
        direction: Literal["more", "less"] = "more"
        if comparison is nodes.Ge or comparison is nodes.Gt:
            base = self._base(quantity)
            if t > base:
                ratio = (q - base) / (t - base)
            amount, strict = _gap(t - q, strict=comparison is nodes.Gt, whole=_whole(q, t))
        elif comparison is nodes.Le or comparison is nodes.Lt:
            if t > 0 and q > 0:
                ratio = t / q
            direction = "less"
            amount, strict = _gap(q - t, strict=comparison is nodes.Lt, whole=_whole(q, t))
        ratio = min(max(ratio, 0.0), ALMOST_ONE)
        short = Shortfall(metric, amount, direction, condition, q, strict)
        return _Part(truth, ratio, short)

    def _base(self, quantity: nodes.Node) -> Number:
        if isinstance(quantity, nodes.Variable):
            metric = self.catalog.get(quantity.name)
            if metric is not None and metric.minimum is not None:
                return metric.minimum
        return 0


def _whole(q: Number, t: Number) -> bool:
    return isinstance(q, int) and isinstance(t, int)


def _gap(difference: Number, *, strict: bool, whole: bool) -> tuple[Number, bool]:
    # Over whole numbers "more than 499" is "at least 500": say the exact amount.
    if strict and whole:
        return difference + 1, False
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
    part = nodes.fold(formula.node, _Measure(snapshot, formula.catalog))
    if not isinstance(part, _Part):  # pragma: no cover - a boolean formula folds to a part
        raise TypeError("not a condition")
    return Progress(min(part.ratio, ALMOST_ONE), False, part.remaining)
