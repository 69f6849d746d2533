"""The policies: limit rules, alerts and the routing policy that holds them.

Conditions given as text are compiled against :data:`LIMIT_CATALOG` and
:data:`ALERT_CATALOG`; the preset values come from :mod:`.defaults`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Literal, TypeAlias

import attrs

from agentlevels._errors import RoutingError
from agentlevels._language.catalog import Catalog
from agentlevels._language.formula import Formula
from agentlevels._language.formula import compile as compile_formula
from agentlevels._values import Value
from agentlevels.routing.defaults import (
    ALERT_CATALOG,
    LIMIT_CATALOG,
    PRESET_AGING_STEP_S,
    PRESET_ALERTS,
    PRESET_CHANNEL_PRIORITY,
    PRESET_DEFAULT_LIMIT,
    PRESET_LIMIT_RULES,
    PRESET_RETENTION,
)
from agentlevels.routing.fields import (
    MAX_COUNT,
    check_count,
    check_duration,
    check_key,
    check_step,
    is_count,
    items_of,
    shown,
    to_keys,
)
from agentlevels.routing.model import Group, Operator, Overflow, RetentionStep

Distribution: TypeAlias = Literal["most_free_slots", "most_free_ratio", "round_robin"]
Scope: TypeAlias = Literal["group", "channel"]

DISTRIBUTIONS: tuple[Distribution, ...] = ("most_free_slots", "most_free_ratio", "round_robin")
SCOPES: tuple[Scope, ...] = ("group", "channel")


# --- limits and alerts ----------------------------------------------------------------------


def compile_condition(text: str, catalog: Catalog) -> Formula:
    """Compile a boolean condition against ``catalog`` (the library's compiler)."""
    return compile_formula(text, catalog=catalog, kind="boolean")


def _limit_condition(value: object) -> Formula:
    if isinstance(value, str):
        return compile_condition(value, LIMIT_CATALOG)
    if isinstance(value, Formula) and value.kind == "boolean":
        return value
    raise RoutingError(
        f"a limit rule's condition is formula text or a boolean Formula, not {shown(value)}"
    )


def _alert_condition(value: object) -> Formula:
    if isinstance(value, str):
        return compile_condition(value, ALERT_CATALOG)
    if isinstance(value, Formula) and value.kind == "boolean":
        return value
    raise RoutingError(
        f"an alert's condition is formula text or a boolean Formula, not {shown(value)}"
    )


@attrs.frozen
class LimitRule:
    """One limit rule: operators whose ``condition`` is met may hold ``limit`` conversations.

    A text condition is compiled against :data:`LIMIT_CATALOG`
    (the default metrics plus ``$level``).

    >>> LimitRule("$level >= 6", 5).limit
    5
    """

    condition: Formula = attrs.field(converter=_limit_condition)
    limit: int = attrs.field(validator=check_count)


def _to_rules(value: Iterable[LimitRule | tuple[str | Formula, int]]) -> tuple[LimitRule, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"rules must be a list of (condition, limit) pairs, not {shown(value)}")
    rules: list[LimitRule] = []
    for item in value:
        if isinstance(item, LimitRule):
            rules.append(item)
        elif isinstance(item, tuple) and len(item) == 2:
            rules.append(LimitRule(item[0], item[1]))
        else:
            raise RoutingError(
                f"a limit rule is a LimitRule or a (condition, limit) pair, not {shown(item)}"
            )
    return tuple(rules)


@attrs.frozen
class LimitPolicy:
    """How many conversations an operator may hold at once.

    The first rule whose condition is met gives the limit; if none is met,
    ``default``. An operator's own ``limit`` overrides both. Metrics a rule
    names but the operator does not report count as unknown, so that rule is
    not met. ``$level`` is the operator's level rank.

    >>> policy = LimitPolicy([("$level >= 6", 5)], default=3)
    >>> policy.limit_for(Operator("a", (), level=7)), policy.limit_for(Operator("b", ()))
    (5, 3)
    """

    rules: tuple[LimitRule, ...] = attrs.field(default=(), converter=_to_rules)
    default: int = attrs.field(default=3, validator=check_count)

    @classmethod
    def preset(cls) -> LimitPolicy:
        """Professional (rank 6) and above: 5 at once; everyone else: 3."""
        return preset_limits()

    def limit_for(self, operator: Operator) -> int:
        """The limit that applies to ``operator``."""
        if operator.limit is not None:
            return operator.limit
        if not self.rules:
            return self.default
        snapshot: dict[str, Value] = dict(operator.metrics)
        snapshot["level"] = operator.level
        for rule in self.rules:
            for name in rule.condition.variables:
                snapshot.setdefault(name, None)
            if rule.condition(snapshot):
                return rule.limit
        return self.default


@functools.cache
def preset_limits() -> LimitPolicy:
    """The preset limits (the same object on every call): Professional (rank 6) and
    above may hold 5 conversations at once, everyone else 3.

    >>> from agentlevels.routing import LimitPolicy
    >>> preset_limits() == LimitPolicy([("$level >= 6", 5)], default=3)
    True
    """
    return LimitPolicy(PRESET_LIMIT_RULES, default=PRESET_DEFAULT_LIMIT)


def _to_scopes(value: Iterable[str]) -> frozenset[Scope]:
    scopes = to_keys(value)
    for scope in scopes:
        if scope not in SCOPES:
            raise RoutingError(f"an alert scope is 'group' or 'channel', not {shown(scope)}")
    if not scopes:
        raise RoutingError("an alert needs at least one scope ('group', 'channel')")
    return scopes  # type: ignore[return-value]  # every member checked against SCOPES above


@attrs.frozen
class Alert:
    """A monitoring alert: ``condition`` over :data:`ALERT_CATALOG` metrics,
    evaluated for every group and/or every channel listed in ``scopes``.

    >>> Alert("long_queue", "$queue_length >= 10", scopes={"channel"}).key
    'long_queue'
    """

    key: str = attrs.field(validator=check_key)
    condition: Formula = attrs.field(converter=_alert_condition)
    scopes: frozenset[Scope] = attrs.field(default=frozenset(SCOPES), converter=_to_scopes)
    description: str = attrs.field(default="")

    @description.validator
    def _check_description(self, _: object, value: object) -> None:
        if not isinstance(value, str):
            raise RoutingError(f"description must be a string, not {shown(value)}")


@functools.cache
def preset_alerts() -> tuple[Alert, ...]:
    """ "Wait above norm" (groups and channels) and "group overloaded" (groups)."""
    return tuple(
        Alert(key, condition, scopes=scopes, description=description)
        for key, condition, scopes, description in PRESET_ALERTS
    )


# --- the routing policy -------------------------------------------------------------------


def _to_tiers(value: Iterable[str | Iterable[str]]) -> tuple[frozenset[str], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"channel_priority must be a list of channels, not {shown(value)}")
    tiers: list[frozenset[str]] = []
    seen: set[str] = set()
    for item in value:
        tier = frozenset((item,)) if isinstance(item, str) else to_keys(item)
        if not tier or not all(isinstance(c, str) and c for c in tier):
            raise RoutingError(
                f"a channel priority entry is a channel or a list of them: {shown(item)}"
            )
        twice = tier & seen
        if twice:
            raise RoutingError(f"channel {sorted(twice)[0]!r} is listed twice in channel_priority")
        seen |= tier
        tiers.append(tier)
    return tuple(tiers)


def _to_groups(value: Iterable[Group]) -> tuple[Group, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"groups must be a list of Group, not {shown(value)}")
    groups = tuple(value)
    keys: set[str] = set()
    for group in groups:
        if not isinstance(group, Group):
            raise RoutingError(f"groups must hold Group objects, not {shown(group)}")
        if group.key in keys:
            raise RoutingError(f"group {group.key!r} is defined twice")
        keys.add(group.key)
    # Sorted by key so that two policies listing the same groups compare equal.
    return tuple(sorted(groups, key=lambda g: g.key))


def _to_overflow(value: Iterable[Overflow]) -> tuple[Overflow, ...]:
    items = items_of(Overflow, "overflow", value)
    return tuple(sorted(items, key=lambda o: (o.group, o.after_s, sorted(o.helpers))))


def _to_retention(value: Iterable[RetentionStep]) -> tuple[RetentionStep, ...]:
    items = items_of(RetentionStep, "retention", value)
    return tuple(sorted(items, key=lambda s: (s.after_s, s.action)))


def _to_alerts(value: Iterable[Alert]) -> tuple[Alert, ...]:
    items = items_of(Alert, "alerts", value)
    keys: set[str] = set()
    for alert in items:
        if alert.key in keys:
            raise RoutingError(f"alert {alert.key!r} is defined twice")
        keys.add(alert.key)
    return items


def _check_distribution(_: object, __: object, value: object) -> None:
    if value not in DISTRIBUTIONS:
        raise RoutingError(
            f"distribution must be one of {', '.join(DISTRIBUTIONS)}; not {shown(value)}"
        )


def _check_limits(_: object, __: object, value: object) -> None:
    if not isinstance(value, LimitPolicy):
        raise RoutingError(f"limits must be a LimitPolicy, not {shown(value)}")


def _check_max_queue(_: object, __: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not is_count(value, 1):
        raise RoutingError(
            f"max_queue must be a whole number from 1 to {MAX_COUNT} or None, not {shown(value)}"
        )


@attrs.frozen
class RoutingPolicy:
    """How conversations are distributed, as data. ``RoutingPolicy()`` is the preset.

    * ``distribution``: ``"most_free_slots"``, ``"most_free_ratio"`` or ``"round_robin"``.
    * ``limits``: the :class:`LimitPolicy`.
    * ``channel_priority``: channels, highest priority first; an entry may be a
      set of channels that share a class; unknown channels come last.
    * ``aging_step_s``: each full step waited lifts a conversation one class
      (preset 120 s; ``None`` turns aging off).
    * ``groups`` and ``overflow`` rings; ``retention`` steps.
    * ``wait_norm_s``, ``cancelled_within_s``, ``max_queue`` (widget),
      ``blocked_visitors`` and ``alerts``.

    >>> RoutingPolicy().distribution
    'most_free_slots'
    """

    distribution: Distribution = attrs.field(
        default="most_free_slots", validator=_check_distribution
    )
    limits: LimitPolicy = attrs.field(factory=LimitPolicy.preset, validator=_check_limits)
    channel_priority: tuple[frozenset[str], ...] = attrs.field(
        default=PRESET_CHANNEL_PRIORITY, converter=_to_tiers
    )
    aging_step_s: float | None = attrs.field(default=PRESET_AGING_STEP_S, validator=check_step)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_to_groups)
    overflow: tuple[Overflow, ...] = attrs.field(default=(), converter=_to_overflow)
    retention: tuple[RetentionStep, ...] = attrs.field(
        default=PRESET_RETENTION, converter=_to_retention
    )
    wait_norm_s: float = attrs.field(default=60, validator=check_duration)
    cancelled_within_s: float = attrs.field(default=20, validator=check_duration)
    max_queue: int | None = attrs.field(default=None, validator=_check_max_queue)
    blocked_visitors: frozenset[str] = attrs.field(default=frozenset(), converter=to_keys)
    alerts: tuple[Alert, ...] = attrs.field(factory=preset_alerts, converter=_to_alerts)

    def __attrs_post_init__(self) -> None:
        keys = {group.key for group in self.groups}
        for ring in self.overflow:
            unknown = sorted(({ring.group} | ring.helpers) - keys)
            if unknown:
                raise RoutingError(
                    f"overflow ring of {ring.group!r} names unknown group {unknown[0]!r}"
                )

    @classmethod
    def preset(cls) -> RoutingPolicy:
        """The preset policy (the same as ``RoutingPolicy()``)."""
        return cls()

    def priority_class(self, channel: str) -> int:
        """The priority class of ``channel``: 0 is the highest; unknown channels come last."""
        for index, tier in enumerate(self.channel_priority):
            if channel in tier:
                return index
        return len(self.channel_priority)
