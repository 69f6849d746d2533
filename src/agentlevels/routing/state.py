"""Reading a routing state (policy, operators, queue, clock) from JSON data.

The data comes from people, so every field is checked and every problem is a
:class:`RoutingError` that names where it is (``operators[2].load: ...``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from agentlevels._errors import AgentLevelsError, RoutingError
from agentlevels.routing.model import (
    Alert,
    Conversation,
    Group,
    LimitPolicy,
    LimitRule,
    Operator,
    Overflow,
    RetentionStep,
    RoutingPolicy,
    is_seconds,
    shown,
)
from agentlevels.routing.route import RoutingDecision, route

_T = TypeVar("_T")


@attrs.frozen
class RoutingState:
    """Everything :func:`route` needs, as one value: read it from JSON with
    :meth:`from_dict` or :meth:`from_json`, then call :meth:`route`.

    The JSON layout is documented in ``docs/routing.md``.
    """

    policy: RoutingPolicy
    operators: tuple[Operator, ...]
    queue: tuple[Conversation, ...]
    now: float

    @classmethod
    def from_json(cls, text: str | bytes) -> RoutingState:
        """Read a state from JSON text."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            # ValueError covers JSONDecodeError and bad UTF-8 in bytes.
            raise RoutingError(f"not valid JSON: {error}") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: object) -> RoutingState:
        """Read a state from decoded JSON data (dicts, lists, numbers, strings)."""
        root = _Object(data, "state")
        root.allow("now", "policy", "operators", "queue")
        now = root.number("now")
        policy = _policy(root.get("policy", {}), "policy")
        operators = tuple(
            _operator(item, path) for item, path in root.items("operators", required=True)
        )
        queue = tuple(_conversation(item, path) for item, path in root.items("queue"))
        return cls(policy=policy, operators=operators, queue=queue, now=now)

    def route(self) -> RoutingDecision:
        """The routing decision for this state."""
        return route(self.policy, self.operators, self.queue, now=self.now)


class _Object:
    """A JSON object being read, with the path used in messages."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, dict):
            raise RoutingError(f"{path}: expected an object, got {_kind(data)}")
        self.data: dict[str, Any] = data
        self.path = path

    def allow(self, *names: str) -> None:
        for name in self.data:
            if name not in names:
                raise RoutingError(
                    f"{self.path}: unknown field {shown(name)} (known: {', '.join(names)})"
                )

    def get(self, name: str, default: object = None) -> Any:
        return self.data.get(name, default)

    def where(self, name: str) -> str:
        return f"{self.path}.{name}"

    def number(self, name: str, default: float | None = None, *, optional: bool = False) -> Any:
        if name not in self.data:
            if default is None and not optional:
                raise RoutingError(f"{self.where(name)}: required")
            return default
        value = self.data[name]
        if value is None and optional:
            return None
        if not is_seconds(value):
            raise RoutingError(
                f"{self.where(name)}: expected a number of seconds within ±1e15, got {_kind(value)}"
            )
        return value

    def string(self, name: str, *, optional: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise RoutingError(f"{self.where(name)}: expected a string, got {_kind(value)}")
        return value

    def strings(self, name: str) -> list[str]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise RoutingError(f"{self.where(name)}: expected a list of strings")
        return value

    def items(self, name: str, *, required: bool = False) -> list[tuple[object, str]]:
        if name not in self.data and not required:
            return []
        value = self.data.get(name)
        if not isinstance(value, list):
            raise RoutingError(f"{self.where(name)}: expected a list, got {_kind(value)}")
        return [(item, f"{self.where(name)}[{index}]") for index, item in enumerate(value)]


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, str):
        return f"the string {shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _build(path: str, make: Callable[[], _T]) -> _T:
    # Constructors check their own fields; prefix their message with where it happened.
    try:
        return make()
    except AgentLevelsError as error:
        raise RoutingError(f"{path}: {error}") from error


def _operator(data: object, path: str) -> Operator:
    item = _Object(data, path)
    item.allow("id", "groups", "online", "load", "limit", "level", "metrics", "last_assigned")
    metrics = item.get("metrics", {})
    if not isinstance(metrics, dict):
        raise RoutingError(f"{item.where('metrics')}: expected an object, got {_kind(metrics)}")
    for name, value in metrics.items():
        if value is not None and not isinstance(value, bool | int | float):
            raise RoutingError(
                f"{item.where('metrics')}.{name}: expected a number, true/false or null, "
                f"got {_kind(value)}"
            )
    return _build(
        path,
        lambda: Operator(
            item.string("id"),
            item.strings("groups"),
            online=item.get("online", True),
            load=item.get("load", 0),
            limit=item.get("limit"),
            level=item.get("level", 1),
            metrics=metrics,
            last_assigned=item.number("last_assigned", optional=True),
        ),
    )


def _conversation(data: object, path: str) -> Conversation:
    item = _Object(data, path)
    item.allow("id", "channel", "point", "arrived_at", "group", "visitor")
    return _build(
        path,
        lambda: Conversation(
            item.string("id"),
            item.string("channel"),
            item.string("point"),
            arrived_at=item.number("arrived_at"),
            group=item.string("group", optional=True),
            visitor=item.string("visitor", optional=True),
        ),
    )


def _limits(data: object, path: str) -> LimitPolicy:
    item = _Object(data, path)
    item.allow("rules", "default")
    rules: list[LimitRule] = []
    for rule_data, rule_path in item.items("rules"):
        rule = _Object(rule_data, rule_path)
        rule.allow("when", "limit")
        when, limit = rule.string("when"), rule.get("limit")
        rules.append(_build(rule_path, functools.partial(LimitRule, when, limit)))
    return _build(path, lambda: LimitPolicy(rules, default=item.get("default", 3)))


def _policy(data: object, path: str) -> RoutingPolicy:
    item = _Object(data, path)
    fields = attrs.fields_dict(RoutingPolicy)
    item.allow(*fields)
    given: dict[str, Any] = {}
    for name in ("distribution", "aging_step_s", "wait_norm_s", "cancelled_within_s", "max_queue"):
        if name in item.data:
            given[name] = item.data[name]
    if "limits" in item.data:
        given["limits"] = _limits(item.data["limits"], item.where("limits"))
    if "channel_priority" in item.data:
        tiers = item.data["channel_priority"]
        if not isinstance(tiers, list) or not all(
            isinstance(tier, str)
            or (isinstance(tier, list) and all(isinstance(c, str) for c in tier))
            for tier in tiers
        ):
            raise RoutingError(
                f"{item.where('channel_priority')}: expected a list of channels "
                "or lists of channels"
            )
        given["channel_priority"] = tiers
    if "blocked_visitors" in item.data:
        given["blocked_visitors"] = item.strings("blocked_visitors")
    given["groups"] = [_group(entry, where) for entry, where in item.items("groups")]
    if "overflow" in item.data:
        given["overflow"] = [_overflow(entry, where) for entry, where in item.items("overflow")]
    if "retention" in item.data:
        given["retention"] = [_retention(entry, where) for entry, where in item.items("retention")]
    if "alerts" in item.data:
        given["alerts"] = [_alert(entry, where) for entry, where in item.items("alerts")]
    return _build(path, lambda: RoutingPolicy(**given))


def _group(data: object, path: str) -> Group:
    item = _Object(data, path)
    item.allow("key", "points", "visible", "first_line")
    return _build(
        path,
        lambda: Group(
            item.string("key"),
            item.strings("points"),
            visible=item.get("visible", True),
            first_line=item.get("first_line", False),
        ),
    )


def _overflow(data: object, path: str) -> Overflow:
    item = _Object(data, path)
    item.allow("group", "helpers", "after_s")
    return _build(
        path,
        lambda: Overflow(
            item.string("group"), item.strings("helpers"), after_s=item.number("after_s", 0)
        ),
    )


def _retention(data: object, path: str) -> RetentionStep:
    item = _Object(data, path)
    item.allow("after_s", "action")
    return _build(path, lambda: RetentionStep(item.number("after_s"), item.string("action")))


def _alert(data: object, path: str) -> Alert:
    item = _Object(data, path)
    item.allow("key", "when", "scopes", "description")
    scopes = item.strings("scopes") if "scopes" in item.data else ["group", "channel"]
    description = item.string("description") if "description" in item.data else ""
    return _build(
        path,
        lambda: Alert(item.string("key"), item.string("when"), scopes, description),
    )
