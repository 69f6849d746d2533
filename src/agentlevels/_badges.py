"""Badges: what a badge is, and the three kinds of rule that award it.

A :class:`Badge` holds its texts, its image, the window its metrics come from
and one rule:

* :class:`ComparativeRule` -- the agent(s) with the most (or least) of a
  numeric formula across the team;
* :class:`ThresholdRule` -- every agent whose boolean condition is met;
* :class:`RandomRule` -- now and then, one eligible agent drawn at random.

Formulas are compiled once, when the rule is built, against the default
catalog unless a compiled :class:`~agentlevels.Formula` is passed in; awarding
only runs the compiled callables (see :mod:`agentlevels._awards`).
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._catalog import Catalog
from agentlevels._errors import AgentLevelsError, FormulaError
from agentlevels._files import (
    FORMAT_VERSION,
    SchemeFileError,
    check_keys,
    child_path,
    dump_document,
    expect_items,
    expect_mapping,
    expect_number,
    expect_str,
    load_document,
)
from agentlevels._formula import Formula
from agentlevels._formula import compile as compile_formula
from agentlevels._levels import LocalizedText

__all__ = [
    "Badge",
    "BadgeError",
    "ComparativeRule",
    "Direction",
    "MissingWindowError",
    "RandomRule",
    "Rule",
    "ThresholdRule",
    "badges_from_dict",
    "badges_to_dict",
    "dump_badges",
    "load_badges",
]

Direction: TypeAlias = Literal["most", "least"]

BADGE_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")


class BadgeError(AgentLevelsError, ValueError):
    """A badge, a badge set or the windows passed to :func:`agentlevels.award` are not valid."""


class MissingWindowError(BadgeError, LookupError):
    """A badge needs a window that the ``windows`` mapping does not hold."""

    def __init__(self, badge: str, window: str, available: tuple[str, ...] = ()) -> None:
        self.badge = badge
        self.window = window
        self.available = tuple(available)
        have = ", ".join(repr(name) for name in self.available) or "none"
        super().__init__(
            f"badge {badge!r} needs window {window!r}, which was not given (windows given: {have})"
        )

    def __reduce__(self) -> tuple[type[MissingWindowError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.badge, self.window, self.available))


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


def _check_key(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not BADGE_KEY.match(value):
        raise BadgeError(
            "a badge key is 1 to 64 lower-case letters, digits, '_' or '-', "
            f"starting with a letter or digit (as in speedy_gonzales); got {value!r}"
        )


def _check_text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise BadgeError(f"a badge's {attribute.name} is text, not {value!r}")


def _localized(value: LocalizedText | Mapping[str, str] | str) -> LocalizedText:
    if isinstance(value, LocalizedText):
        return value
    try:
        return LocalizedText(value)
    except (TypeError, ValueError) as error:
        raise BadgeError(f"a badge's text: {error}") from None


def _check_name(_: object, __: object, value: LocalizedText) -> None:
    if not str(value).strip():
        raise BadgeError("a badge's English name must not be empty")


def _check_window(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise BadgeError(f"a badge's window is a non-empty name such as '7d', not {value!r}")


def _check_rule(_: object, __: object, value: Rule) -> None:
    if not isinstance(value, ComparativeRule | ThresholdRule | RandomRule):
        raise BadgeError(
            f"a badge's rule is a ComparativeRule, ThresholdRule or RandomRule, not {value!r}"
        )


@attrs.frozen
class Badge:
    """A badge: its texts, image, window and the rule that awards it.

    * ``key`` -- stable identifier (``"speedy_gonzales"``);
    * ``name`` / ``description`` -- :class:`~agentlevels.LocalizedText` by
      locale (``{"en": ..., "ru": ..., "lv": ...}``; a plain string means
      English), as for levels; read them with :meth:`name_in` and
      :meth:`description_in`, which fall back to English;
    * ``image`` -- a name or path the caller resolves;
    * ``window`` -- the key in the ``windows`` mapping passed to
      :func:`agentlevels.award` whose snapshots the rule reads (the presets
      use ``"7d"`` for the last 7 days and ``"1d"`` for the previous day);
    * ``rule`` -- a :class:`ComparativeRule`, :class:`ThresholdRule` or
      :class:`RandomRule`.

    >>> badge = Badge("cleaner", "Cleaner", rule=ComparativeRule("$resolved_tickets"))
    >>> badge.window, badge.name_in("ru")
    ('7d', 'Cleaner')
    """

    key: str = attrs.field(validator=_check_key)
    name: LocalizedText = attrs.field(converter=_localized, validator=_check_name)
    rule: Rule = attrs.field(kw_only=True, validator=_check_rule)
    description: LocalizedText = attrs.field(
        default=LocalizedText(""), kw_only=True, converter=_localized
    )
    image: str = attrs.field(default="", kw_only=True, validator=_check_text)
    window: str = attrs.field(default="7d", kw_only=True, validator=_check_window)

    def name_in(self, locale: str = "en") -> str:
        """The name in ``locale`` (``"en"``, ``"ru"``, ``"lv"``, ...), falling back to English."""
        return self.name.in_locale(locale)

    def description_in(self, locale: str = "en") -> str:
        """The description in ``locale``, falling back to English."""
        return self.description.in_locale(locale)

    def to_dict(self) -> dict[str, Any]:
        """The badge as JSON/TOML-ready data, the shape :meth:`from_dict` reads.

        Texts are tables by locale (``{"en": ..., "ru": ..., "lv": ...}``);
        empty texts and default rule fields are left out. Formulas are written
        as their source text.
        """
        data: dict[str, Any] = {"key": self.key, "name": dict(self.name)}
        if any(self.description.values()):
            data["description"] = dict(self.description)
        if self.image:
            data["image"] = self.image
        data["window"] = self.window
        data["rule"] = self.rule.to_dict()
        return data

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, catalog: Catalog | None = None, key_path: str = ""
    ) -> Badge:
        """A badge from the data :meth:`to_dict` writes (as read from JSON or TOML).

        ``name`` and ``description`` are a table by locale or a plain string
        (English). Formulas are compiled against ``catalog`` (the default
        catalog when ``None``). Every problem raises
        :class:`~agentlevels.SchemeFileError` locating it by ``key_path``
        (``badges[2].rule.metric``), with the formula's own diagnostics.

        >>> Badge.from_dict({"key": "chats_100", "name": "Hundred Chats",
        ...     "rule": {"type": "threshold", "condition": "$chats >= 100"}}).window
        '7d'
        """
        data = expect_mapping(data, key_path)
        check_keys(
            data,
            key_path,
            required=("key", "name", "rule"),
            optional=("description", "image", "window"),
        )
        key = expect_str(data["key"], child_path(key_path, "key"))
        name = _texts(data["name"], child_path(key_path, "name"), required=True)
        description = _texts(
            data.get("description", ""), child_path(key_path, "description"), required=False
        )
        image = expect_str(data.get("image", ""), child_path(key_path, "image"), non_empty=False)
        window = expect_str(data.get("window", "7d"), child_path(key_path, "window"))
        rule = _rule_from_dict(data["rule"], child_path(key_path, "rule"), catalog)
        try:
            return cls(
                key,
                name,
                description=description,
                image=image,
                window=window,
                rule=rule,
            )
        except BadgeError as error:
            raise SchemeFileError(str(error), key_path=key_path) from None


def _texts(value: object, key_path: str, *, required: bool) -> dict[str, str]:
    """A localized text as levels read it: a string (English) or a table of locale -> text."""
    texts = {"en": value} if isinstance(value, str) else expect_mapping(value, key_path)
    out = {
        str(locale): expect_str(text, child_path(key_path, str(locale)), non_empty=False)
        for locale, text in texts.items()
    }
    if "en" not in out:
        raise SchemeFileError("needs an English text under 'en'", key_path=key_path)
    if required and not out["en"].strip():
        where = key_path if isinstance(value, str) else child_path(key_path, "en")
        raise SchemeFileError("the English name must not be empty", key_path=where)
    return out


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


def _rule_from_dict(value: object, key_path: str, catalog: Catalog | None) -> Rule:
    data = expect_mapping(value, key_path)
    if "type" not in data:
        raise SchemeFileError(
            "missing required key 'type' (comparative, threshold or random)", key_path=key_path
        )
    kind = data["type"]
    if kind not in RULE_CLASSES:
        raise SchemeFileError(
            f"unknown rule type {kind!r} (comparative, threshold or random)",
            key_path=child_path(key_path, "type"),
        )

    def at(name: str) -> str:
        return child_path(key_path, name)

    if kind == "comparative":
        check_keys(
            data,
            key_path,
            required=("type", "metric"),
            optional=("direction", "eligible", "minimum"),
        )
        direction = data.get("direction", "most")
        if direction not in ("most", "least"):
            raise SchemeFileError(
                f"direction is 'most' or 'least', not {direction!r}", key_path=at("direction")
            )
        minimum = data.get("minimum")
        return ComparativeRule(
            _compile_at(data["metric"], at("metric"), "number", catalog),
            direction,
            _compile_at(data.get("eligible", "true"), at("eligible"), "boolean", catalog),
            None if minimum is None else expect_number(minimum, at("minimum")),
        )
    if kind == "threshold":
        check_keys(data, key_path, required=("type", "condition"))
        return ThresholdRule(_compile_at(data["condition"], at("condition"), "boolean", catalog))
    check_keys(data, key_path, required=("type", "probability"), optional=("eligible",))
    probability = expect_number(data["probability"], at("probability"))
    if not 0 <= probability <= 1:
        raise SchemeFileError(
            f"probability is a number from 0 to 1, not {probability!r}", key_path=at("probability")
        )
    return RandomRule(
        probability, _compile_at(data.get("eligible", "true"), at("eligible"), "boolean", catalog)
    )


def badges_from_dict(
    data: Mapping[str, Any], *, catalog: Catalog | None = None
) -> tuple[Badge, ...]:
    """A badge set from a document ``{"badges": [...]}``; keys must be unique."""
    items = expect_items(data, "badges")
    badges: list[Badge] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        badge = Badge.from_dict(item, catalog=catalog, key_path=child_path("badges", index))
        if badge.key in seen:
            raise SchemeFileError(
                f"badge key {badge.key!r} is used twice (first at badges[{seen[badge.key]}])",
                key_path=child_path(child_path("badges", index), "key"),
            )
        seen[badge.key] = index
        badges.append(badge)
    return tuple(badges)


def badges_to_dict(badges: Iterable[Badge]) -> dict[str, Any]:
    """The document :func:`badges_from_dict` reads: ``{"version": 1, "badges": [...]}``."""
    return {"version": FORMAT_VERSION, "badges": [badge.to_dict() for badge in badges]}


def load_badges(
    path: str | os.PathLike[str], *, catalog: Catalog | None = None
) -> tuple[Badge, ...]:
    """Read a badge set from a JSON (``.json``) or TOML (``.toml``) file.

    The file holds ``badges``, a list of what :meth:`Badge.to_dict` writes.
    Every problem raises :class:`~agentlevels.SchemeFileError` naming the file
    and the place inside it (``badges[2].rule.metric``).
    """
    data = load_document(path)
    try:
        return badges_from_dict(data, catalog=catalog)
    except SchemeFileError as error:
        raise error.with_path(path) from None


def dump_badges(badges: Iterable[Badge], path: str | os.PathLike[str]) -> None:
    """Write a badge set to a JSON or TOML file (by suffix), as :func:`load_badges` reads it."""
    chosen = tuple(badges)
    for badge in chosen:
        if not isinstance(badge, Badge):
            raise BadgeError(f"dump_badges() takes Badge objects, not {badge!r}")
    dump_document(badges_to_dict(chosen), path)
