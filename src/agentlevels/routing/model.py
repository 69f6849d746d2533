"""Routing data: operators, conversations, groups and the policies that govern them.

Everything here is a frozen value checked on construction, so a policy or a
state read from a person's JSON file fails early with a :class:`RoutingError`
that names the bad field.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeAlias, TypeGuard, TypeVar

import attrs

from agentlevels._errors import RoutingError
from agentlevels._language.catalog import Catalog, Metric
from agentlevels._language.formula import Formula
from agentlevels._language.formula import compile as compile_formula
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels._values import FrozenMap, Value

_T = TypeVar("_T")
_V = TypeVar("_V")

Distribution: TypeAlias = Literal["most_free_slots", "most_free_ratio", "round_robin"]
Scope: TypeAlias = Literal["group", "channel"]

DISTRIBUTIONS: tuple[Distribution, ...] = ("most_free_slots", "most_free_ratio", "round_robin")
SCOPES: tuple[Scope, ...] = ("group", "channel")

# Professional is rank 6 in the preset ladder; the preset limit rule keys on it.
PROFESSIONAL_RANK = 6


# --- field checks -------------------------------------------------------------------------


MAX_SECONDS = 1e15
"""Times and durations are finite numbers of seconds within this magnitude."""
MAX_COUNT = 1_000_000_000
"""Loads, limits, levels and queue caps are whole numbers up to this."""


def shown(value: object) -> str:
    """A value for a message: its repr, cut short."""
    try:
        text = repr(value)
    except Exception:  # a caller's object whose repr fails still gets a message
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= 60 else text[:57] + "..."


def is_seconds(value: object) -> TypeGuard[int | float]:
    """A finite number of seconds within :data:`MAX_SECONDS`, so differences never overflow."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    # Comparing first keeps huge ints away from float conversion; NaN fails it too.
    return -MAX_SECONDS <= value <= MAX_SECONDS


def is_count(value: object, minimum: int = 0) -> TypeGuard[int]:
    """A whole number from ``minimum`` to :data:`MAX_COUNT`."""
    return isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= MAX_COUNT


def _check_key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise RoutingError(f"{attribute.name} must be a non-empty string, not {shown(value)}")


def _check_optional_key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise RoutingError(
            f"{attribute.name} must be a non-empty string or None, not {shown(value)}"
        )


def _check_bool(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise RoutingError(f"{attribute.name} must be true or false, not {shown(value)}")


def _check_count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_count(value):
        raise RoutingError(
            f"{attribute.name} must be a whole number from 0 to {MAX_COUNT}, not {shown(value)}"
        )


def _check_optional_count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_count(_, attribute, value)


def _check_time(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_seconds(value):
        raise RoutingError(
            f"{attribute.name} must be a number of seconds within ±1e15, not {shown(value)}"
        )


def _check_optional_time(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not is_seconds(value):
        raise RoutingError(
            f"{attribute.name} must be a number of seconds within ±1e15 or None, not {shown(value)}"
        )


def _check_duration(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_seconds(value) or value < 0:
        raise RoutingError(
            f"{attribute.name} must be a number of seconds from 0 to 1e15, not {shown(value)}"
        )


def _check_step(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not is_seconds(value) or value <= 0):
        raise RoutingError(
            f"{attribute.name} must be a number of seconds > 0 or None, not {shown(value)}"
        )


def _to_keys(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"expected a list of names, not {shown(value)}")
    items = list(value)
    for key in items:
        if not isinstance(key, str) or not key:
            raise RoutingError(f"a name must be a non-empty string, not {shown(key)}")
    return frozenset(items)


def _freeze_metrics(value: Mapping[str, Value]) -> Mapping[str, Value]:
    if not isinstance(value, Mapping):
        raise RoutingError(f"metrics must be a mapping of metric name to value, not {shown(value)}")
    copied = dict(value)
    for name in copied:
        if not isinstance(name, str):
            raise RoutingError(f"a metric name must be a string, not {shown(name)}")
    # A read-only copy: the caller's dict may change later, the operator must not.
    return FrozenMap(copied)


# --- people and conversations ---------------------------------------------------------------


@attrs.frozen
class Operator:
    """An operator as the router sees them right now.

    ``groups`` are the keys of the groups they belong to; ``load`` is how many
    conversations they hold now; ``limit`` overrides the policy's limit for
    them; ``level`` is the rank of the level they hold (1 = Novice);
    ``metrics`` feed the limit rules; ``last_assigned`` is when they last
    received a conversation (``None``: never).

    >>> Operator("anna", {"support"}, load=2, level=6).level
    6
    """

    id: str = attrs.field(validator=_check_key)
    groups: frozenset[str] = attrs.field(converter=_to_keys)
    online: bool = attrs.field(default=True, validator=_check_bool)
    load: int = attrs.field(default=0, validator=_check_count)
    limit: int | None = attrs.field(default=None, validator=_check_optional_count)
    level: int = attrs.field(default=1)
    metrics: Mapping[str, Value] = attrs.field(factory=dict, converter=_freeze_metrics)
    last_assigned: float | None = attrs.field(default=None, validator=_check_optional_time)

    @level.validator
    def _check_level(self, _: object, value: object) -> None:
        if not is_count(value, 1):
            raise RoutingError(
                f"level must be a whole number from 1 to {MAX_COUNT} (a rank), not {shown(value)}"
            )


@attrs.frozen
class Conversation:
    """A conversation waiting for an operator.

    ``channel`` is where the client writes from (``"website"``, ``"email"``);
    ``point`` is the contact point it arrived at (a site, an app, a page);
    ``arrived_at`` is when it entered the queue, in seconds on the caller's
    clock; ``group`` addresses it to one group (a first line handing it on);
    ``visitor`` identifies the client, for blocking.

    >>> Conversation("c1", "website", "site", arrived_at=100.0).group is None
    True
    """

    id: str = attrs.field(validator=_check_key)
    channel: str = attrs.field(validator=_check_key)
    point: str = attrs.field(validator=_check_key)
    arrived_at: float = attrs.field(validator=_check_time)
    group: str | None = attrs.field(default=None, validator=_check_optional_key)
    visitor: str | None = attrs.field(default=None, validator=_check_optional_key)


@attrs.frozen
class Group:
    """A department bound to contact points.

    A visible group is offered to visitors at its ``points``; a hidden group
    only receives conversations addressed to it. A ``first_line`` group takes
    everything that arrives at its points, to hand it on; it must be visible.

    >>> Group("front", {"site", "app"}, first_line=True).visible
    True
    """

    key: str = attrs.field(validator=_check_key)
    points: frozenset[str] = attrs.field(converter=_to_keys)
    visible: bool = attrs.field(default=True, validator=_check_bool)
    first_line: bool = attrs.field(default=False, validator=_check_bool)

    def __attrs_post_init__(self) -> None:
        if self.first_line and not self.visible:
            raise RoutingError(f"group {self.key!r}: a first-line group must be visible")


@attrs.frozen
class Overflow:
    """An overflow ring: once a conversation for ``group`` has waited
    ``after_s`` seconds, members of the ``helpers`` groups may take it too.

    >>> Overflow("sales", {"support"}, after_s=45).after_s
    45
    """

    group: str = attrs.field(validator=_check_key)
    helpers: frozenset[str] = attrs.field(converter=_to_keys)
    after_s: float = attrs.field(default=0, validator=_check_duration)

    def __attrs_post_init__(self) -> None:
        if not self.helpers:
            raise RoutingError(f"overflow ring of {self.group!r} lists no helper group")
        if self.group in self.helpers:
            raise RoutingError(f"overflow ring of {self.group!r} lists the group as its own helper")


@attrs.frozen
class RetentionStep:
    """A retention action due once a waiting conversation has waited ``after_s`` seconds.

    >>> RetentionStep(30, "service_message").action
    'service_message'
    """

    after_s: float = attrs.field(validator=_check_duration)
    action: str = attrs.field(validator=_check_key)


# --- formulas -------------------------------------------------------------------------------

LEVEL_METRIC = Metric(
    "level",
    unit="rank",
    minimum=1,
    description="Rank of the level the operator holds (1 = Novice)",
    description_ru="Номер уровня оператора (1 — Новичок)",
)

LIMIT_CATALOG: Catalog = DEFAULT_CATALOG.extend([LEVEL_METRIC])
"""What limit rules may name: the default catalog plus ``$level``."""

ALERT_CATALOG: Catalog = Catalog(
    [
        Metric(
            "queue_length",
            unit="count",
            minimum=0,
            description="Conversations waiting",
            description_ru="Обращений в очереди",
        ),
        Metric(
            "longest_wait_seconds",
            unit="seconds",
            minimum=0,
            description="Longest wait among the conversations waiting, in seconds (0: none)",
            description_ru="Самое долгое ожидание в очереди, в секундах (0 — очереди нет)",
        ),
        Metric(
            "wait_norm_seconds",
            unit="seconds",
            minimum=0,
            description="The policy's wait norm, in seconds",
            description_ru="Норма ожидания из политики, в секундах",
        ),
        Metric(
            "free_slots",
            unit="count",
            minimum=0,
            description="Free slots of online operators (unknown per channel)",
            description_ru="Свободные слоты операторов в сети (для канала неизвестно)",
        ),
        Metric(
            "online_operators",
            unit="count",
            minimum=0,
            description="Operators online (unknown per channel)",
            description_ru="Операторов в сети (для канала неизвестно)",
        ),
        Metric(
            "in_progress",
            unit="count",
            minimum=0,
            description="Conversations in progress after this decision (unknown per channel)",
            description_ru="Обращений в работе после решения (для канала неизвестно)",
        ),
        Metric(
            "assigned",
            unit="count",
            minimum=0,
            description="Conversations assigned by this decision",
            description_ru="Обращений назначено этим решением",
        ),
    ]
)
"""What alert conditions may name: per-group and per-channel queue metrics."""


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
    limit: int = attrs.field(validator=_check_count)


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
    default: int = attrs.field(default=3, validator=_check_count)

    @classmethod
    def preset(cls) -> LimitPolicy:
        """Professional (rank 6) and above: 5 at once; everyone else: 3."""
        return _preset_limits()

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
def _preset_limits() -> LimitPolicy:
    return LimitPolicy((LimitRule(f"$level >= {PROFESSIONAL_RANK}", 5),), default=3)


def _to_scopes(value: Iterable[str]) -> frozenset[Scope]:
    scopes = _to_keys(value)
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

    key: str = attrs.field(validator=_check_key)
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
    return (
        Alert(
            "wait_above_norm",
            "$longest_wait_seconds > $wait_norm_seconds",
            description="A conversation has waited longer than the norm",
        ),
        Alert(
            "group_overloaded",
            "$queue_length > 0 && $longest_wait_seconds > $wait_norm_seconds && $free_slots == 0",
            scopes={"group"},
            description="A queue, waits above the norm and no free slots",
        ),
    )


# --- the routing policy -------------------------------------------------------------------


def _to_tiers(value: Iterable[str | Iterable[str]]) -> tuple[frozenset[str], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"channel_priority must be a list of channels, not {shown(value)}")
    tiers: list[frozenset[str]] = []
    seen: set[str] = set()
    for item in value:
        tier = frozenset((item,)) if isinstance(item, str) else _to_keys(item)
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


def _items_of(kind: type[_T], field: str, value: Iterable[_T]) -> tuple[_T, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"{field} must be a list, not {shown(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise RoutingError(f"{field} must hold {kind.__name__} objects, not {shown(item)}")
    return items


def _to_overflow(value: Iterable[Overflow]) -> tuple[Overflow, ...]:
    items = _items_of(Overflow, "overflow", value)
    return tuple(sorted(items, key=lambda o: (o.group, o.after_s, sorted(o.helpers))))


def _to_retention(value: Iterable[RetentionStep]) -> tuple[RetentionStep, ...]:
    items = _items_of(RetentionStep, "retention", value)
    return tuple(sorted(items, key=lambda s: (s.after_s, s.action)))


def _to_alerts(value: Iterable[Alert]) -> tuple[Alert, ...]:
    items = _items_of(Alert, "alerts", value)
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


PRESET_CHANNEL_PRIORITY: tuple[frozenset[str], ...] = (
    frozenset({"website", "mobile_app"}),
    frozenset({"messenger"}),
    frozenset({"social"}),
    frozenset({"email"}),
)
"""Website chat and mobile app first, then messengers, social networks, e-mail."""

PRESET_RETENTION: tuple[RetentionStep, ...] = (
    RetentionStep(30, "service_message"),
    RetentionStep(60, "offer_alternative_channel"),
)
"""A service message at 30 s of waiting; another channel offered at 60 s."""


@attrs.frozen
class RoutingPolicy:
    """How conversations are distributed, as data. ``RoutingPolicy()`` is the preset.

    * ``distribution``: ``"most_free_slots"``, ``"most_free_ratio"`` or ``"round_robin"``.
    * ``limits``: the :class:`LimitPolicy`.
    * ``channel_priority``: channels, highest priority first; an entry may be a
      set of channels that share a class; unknown channels come last.
    * ``aging_step_s``: each full step waited lifts a conversation one class.
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
    aging_step_s: float | None = attrs.field(default=None, validator=_check_step)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_to_groups)
    overflow: tuple[Overflow, ...] = attrs.field(default=(), converter=_to_overflow)
    retention: tuple[RetentionStep, ...] = attrs.field(
        default=PRESET_RETENTION, converter=_to_retention
    )
    wait_norm_s: float = attrs.field(default=60, validator=_check_duration)
    cancelled_within_s: float = attrs.field(default=20, validator=_check_duration)
    max_queue: int | None = attrs.field(default=None, validator=_check_max_queue)
    blocked_visitors: frozenset[str] = attrs.field(default=frozenset(), converter=_to_keys)
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
