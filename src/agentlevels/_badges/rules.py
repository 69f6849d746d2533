"""The three kinds of rule that award a badge, and how each reads from a document.

* :class:`ComparativeRule` -- the agent(s) with the most (or least) of a
  numeric formula across the team;
* :class:`ThresholdRule` -- every agent whose boolean condition is met;
* :class:`RandomRule` -- now and then, one eligible agent drawn at random.

Formulas are compiled once, when the rule is built, against the default
catalog unless a compiled :class:`~agentlevels.Formula` is passed in; awarding
only runs the compiled callables (see :mod:`agentlevels._badges.awards`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._documents import (
    check_keys,
    expect_mapping,
    expect_number,
    expect_str,
    unknown_name,
)
from agentlevels._errors import BadgeError, FormulaError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import Catalog
from agentlevels._language.formula import Formula
from agentlevels._language.formula import compile as compile_formula

__all__ = [
    "RULE_CLASSES",
    "ComparativeRule",
    "Direction",
    "RandomRule",
    "Rule",
    "ThresholdRule",
    "always_true",
    "rule_from_dict",
]
Direction: TypeAlias = Literal["most", "least"]


def _formula(value: object, kind: Literal["boolean", "number"], what: str) -> Formula:
    if isinstance(value, Formula):
        if value.kind != kind:
            raise BadgeError(f"{what} must be a {kind} formula, not a {value.kind} one: {value}")
        return value
    if isinstance(value, str):
        return compile_formula(value, kind=kind)
    raise BadgeError(f"{what} must be formula text or a compiled Formula, not {value!r}")


def _metric_formula(value: str | Formula) -> Formula:
    return _formula(value, "number", "a comparative badge's metric")


def _eligible_formula(value: str | Formula) -> Formula:
    return _formula(value, "boolean", "a badge's eligible formula")


def _condition_formula(value: str | Formula) -> Formula:
    return _formula(value, "boolean", "a threshold badge's condition")


@functools.cache
def _true() -> Formula:
    return compile_formula("true")


def always_true(formula: Formula) -> bool:
    """Whether ``formula`` is the literal ``true``, so awarding may skip running it."""
    return isinstance(formula.node, nodes.Boolean) and formula.node.value is True


def _finite_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


@attrs.frozen
class ComparativeRule:
    """Awarded to the agent(s) with the most (or least) of ``metric`` across the team.

    * ``metric`` -- a numeric formula, e.g. ``"$resolved_tickets + $deleted_tickets"``;
    * ``direction`` -- ``"most"`` (the highest value wins) or ``"least"``;
    * ``eligible`` -- a boolean formula an agent must meet to compete
      (``"$chats >= 1"``); unknown counts as not met;
    * ``minimum`` -- values below it do not compete, so the winning value
      always reaches it (``minimum=1`` on Rewarded: nobody wins with zero
      ratings). ``None`` sets no bound.

    An agent whose metric is unknown does not compete either. There is no
    award when nobody competes, or when every competing value is zero for a
    ``"most"`` badge; every agent tied on the best value receives the badge.

    >>> ComparativeRule("$breaks").direction
    'most'
    """

    kind: ClassVar[str] = "comparative"

    metric: Formula = attrs.field(converter=_metric_formula)
    direction: Direction = attrs.field(default="most")
    eligible: Formula = attrs.field(factory=_true, converter=_eligible_formula)
    minimum: int | float | None = attrs.field(default=None)

    @direction.validator
    def _check_direction(self, _: object, value: object) -> None:
        if value not in ("most", "least"):
            raise BadgeError(f"a badge's direction is 'most' or 'least', not {value!r}")

    @minimum.validator
    def _check_minimum(self, _: object, value: object) -> None:
        if value is not None and not _finite_number(value):
            raise BadgeError(f"a badge's minimum is a finite number or None, not {value!r}")

    def to_dict(self) -> dict[str, Any]:
        """The rule as JSON/TOML-ready data (defaults left out, so files stay short)."""
        data: dict[str, Any] = {
            "type": self.kind,
            "metric": self.metric.source,
            "direction": self.direction,
        }
        if not always_true(self.eligible):
            data["eligible"] = self.eligible.source
        if self.minimum is not None:
            data["minimum"] = self.minimum
        return data


@attrs.frozen
class ThresholdRule:
    """Awarded to every agent whose boolean ``condition`` is met ("100 chats in a week").

    >>> ThresholdRule("$chats >= 100").condition.kind
    'boolean'
    """

    kind: ClassVar[str] = "threshold"

    condition: Formula = attrs.field(converter=_condition_formula)

    def to_dict(self) -> dict[str, Any]:
        """The rule as JSON/TOML-ready data."""
        return {"type": self.kind, "condition": self.condition.source}


@attrs.frozen
class RandomRule:
    """Now and then awarded to one eligible agent chosen at random.

    Each evaluation draws once: ``rng.random() < probability`` decides whether
    the badge is handed out at all; if so, ``rng.randrange(n)`` picks one of
    the ``n`` eligible agents in sorted id order. The caller's seeded
    :class:`random.Random` makes the result reproducible.

    >>> RandomRule(0.01, eligible="$online").probability
    0.01
    """

    kind: ClassVar[str] = "random"

    probability: float = attrs.field()
    eligible: Formula = attrs.field(factory=_true, converter=_eligible_formula)

    @probability.validator
    def _check_probability(self, _: object, value: object) -> None:
        if not _finite_number(value) or not 0 <= value <= 1:  # type: ignore[operator]  # checked numeric just before
            raise BadgeError(f"a random badge's probability is a number from 0 to 1, not {value!r}")

    def to_dict(self) -> dict[str, Any]:
        """The rule as JSON/TOML-ready data."""
        data: dict[str, Any] = {"type": self.kind, "probability": self.probability}
        if not always_true(self.eligible):
            data["eligible"] = self.eligible.source
        return data


Rule: TypeAlias = ComparativeRule | ThresholdRule | RandomRule


RULE_CLASSES: dict[str, type[ComparativeRule | ThresholdRule | RandomRule]] = {
    cls.kind: cls for cls in (ComparativeRule, ThresholdRule, RandomRule)
}


def _compile_at(
    value: object, key_path: str, kind: Literal["boolean", "number"], catalog: Catalog | None
) -> Formula:
    text = expect_str(value, key_path)
    try:
        return compile_formula(text, catalog=catalog, kind=kind)
    except FormulaError as error:
        wanted = "numeric formula" if kind == "number" else "condition"
        raise SchemeFileError(
            f"invalid {wanted}", key_path=key_path, diagnostics=error.diagnostics, source=text
        ) from None


def _comparative(data: Mapping[str, Any], key_path: str, catalog: Catalog | None) -> Rule:
    check_keys(
        data, key_path, required=("type", "metric"), optional=("direction", "eligible", "minimum")
    )
    direction = data.get("direction", "most")
    if direction not in ("most", "least"):
        raise SchemeFileError(
            f"direction is 'most' or 'least', not {direction!r}",
            key_path=child_path(key_path, "direction"),
        )
    minimum = data.get("minimum")
    return ComparativeRule(
        _compile_at(data["metric"], child_path(key_path, "metric"), "number", catalog),
        direction,
        _eligible_at(data, key_path, catalog),
        None if minimum is None else expect_number(minimum, child_path(key_path, "minimum")),
    )


def _threshold(data: Mapping[str, Any], key_path: str, catalog: Catalog | None) -> Rule:
    check_keys(data, key_path, required=("type", "condition"))
    where = child_path(key_path, "condition")
    return ThresholdRule(_compile_at(data["condition"], where, "boolean", catalog))


def _random(data: Mapping[str, Any], key_path: str, catalog: Catalog | None) -> Rule:
    check_keys(data, key_path, required=("type", "probability"), optional=("eligible",))
    where = child_path(key_path, "probability")
    probability = expect_number(data["probability"], where)
    if not 0 <= probability <= 1:
        raise SchemeFileError(
            f"probability is a number from 0 to 1, not {probability!r}", key_path=where
        )
    return RandomRule(probability, _eligible_at(data, key_path, catalog))


def _eligible_at(data: Mapping[str, Any], key_path: str, catalog: Catalog | None) -> Formula:
    where = child_path(key_path, "eligible")
    return _compile_at(data.get("eligible", "true"), where, "boolean", catalog)


# How each rule type reads from a document.
_READERS: dict[str, Callable[[Mapping[str, Any], str, Catalog | None], Rule]] = {
    "comparative": _comparative,
    "threshold": _threshold,
    "random": _random,
}


def rule_from_dict(value: object, key_path: str, catalog: Catalog | None) -> Rule:
    """A rule from its document (``{"type": "threshold", ...}``), checked like every data file.

    Formulas are compiled against ``catalog``; every problem is a
    :class:`~agentlevels.SchemeFileError` located under ``key_path``.
    """
    data = expect_mapping(value, key_path)
    if "type" not in data:
        raise SchemeFileError(
            "missing required key 'type' (comparative, threshold or random)", key_path=key_path
        )
    where = child_path(key_path, "type")
    kind = expect_str(data["type"], where)
    read = _READERS.get(kind)
    if read is None:
        raise SchemeFileError(unknown_name("rule type", kind, _READERS), key_path=where)
    return read(data, key_path, catalog)
