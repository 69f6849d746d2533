"""Reading a routing state (policy, operators, queue, clock) from JSON data.

The data comes from people, so every field is checked with the helpers every
data file uses (:mod:`agentlevels._documents`), and every problem is a
:class:`~agentlevels._errors.RoutingStateError` -- both a
:class:`~agentlevels.SchemeFileError` and a :class:`RoutingError` -- that
names where it is (``operators[2].load: ...``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from agentlevels._documents import (
    check_keys,
    expect_mapping,
    expect_sequence,
    expect_str,
    parse_document,
)
from agentlevels._errors import AgentLevelsError, RoutingStateError, SchemeFileError
from agentlevels._formats import child_path, describe
from agentlevels.routing.fields import is_seconds
from agentlevels.routing.model import Conversation, Group, Operator, Overflow, RetentionStep
from agentlevels.routing.policy import Alert, LimitPolicy, LimitRule, RoutingPolicy
from agentlevels.routing.route import RoutingDecision, route

_T = TypeVar("_T")

_STATE_KEYS = ("now", "operators")
_OPERATOR_OPTIONAL = ("groups", "online", "load", "limit", "level", "metrics", "last_assigned")
_CONVERSATION_KEYS = ("id", "channel", "point", "arrived_at")
# Policy fields whose values the model checks as they are.
_PLAIN_POLICY_FIELDS = (
    "distribution",
    "aging_step_s",
    "wait_norm_s",
    "cancelled_within_s",
    "max_queue",
)


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
        """Read a state from JSON text (bytes are UTF-8), under the rules of every data file."""
        try:
            data = parse_document(text, "json")
        except SchemeFileError as error:
            raise RoutingStateError.from_error(error) from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: object) -> RoutingState:
        """Read a state from decoded JSON data (dicts, lists, numbers, strings)."""
        try:
            return _state(cls, data)
        except SchemeFileError as error:
            # The model's own error, when there is one, stays the cause.
            raise RoutingStateError.from_error(error) from error.__cause__

    def route(self) -> RoutingDecision:
        """The routing decision for this state."""
        return route(self.policy, self.operators, self.queue, now=self.now)


def _state(cls: type[RoutingState], data: object) -> RoutingState:
    root = expect_mapping(data, "")
    check_keys(root, "", required=_STATE_KEYS, optional=("policy", "queue"))
    operators = _each(root, "", "operators", _operator)
    queue = _each(root, "", "queue", _conversation) if "queue" in root else []
    return cls(
        policy=_policy(root.get("policy", {}), "policy"),
        operators=tuple(operators),
        queue=tuple(queue),
        now=_seconds(root["now"], "now"),
    )


def _each(
    item: Mapping[str, Any], where: str, name: str, read: Callable[[object, str], _T]
) -> list[_T]:
    """Each entry of the list ``item[name]``, read by ``read`` at its key path."""
    path = child_path(where, name)
    return [
        read(entry, child_path(path, index))
        for index, entry in enumerate(expect_sequence(item[name], path))
    ]


def _build(where: str, make: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    # Constructors check their own fields; their message is located at the entry.
    try:
        return make(*args, **kwargs)
    except AgentLevelsError as error:
        raise SchemeFileError(str(error), key_path=where) from error


def _seconds(value: object, where: str) -> float:
    if not is_seconds(value):
        raise SchemeFileError(
            f"expected a number of seconds within ±1e15, found {describe(value)}",
            key_path=where,
        )
    return value


def _optional_seconds(item: Mapping[str, Any], where: str, name: str) -> float | None:
    value = item.get(name)
    return None if value is None else _seconds(value, child_path(where, name))


def _text(item: Mapping[str, Any], where: str, name: str) -> str:
    return expect_str(item[name], child_path(where, name), non_empty=False)


def _optional_text(item: Mapping[str, Any], where: str, name: str) -> str | None:
    value = item.get(name)
    return None if value is None else expect_str(value, child_path(where, name), non_empty=False)


def _names(item: Mapping[str, Any], where: str, name: str) -> list[str]:
    path = child_path(where, name)
    values = expect_sequence(item.get(name, []), path)
    return [
        expect_str(value, child_path(path, i), non_empty=False) for i, value in enumerate(values)
    ]


def _operator(data: object, where: str) -> Operator:
    item = expect_mapping(data, where)
    check_keys(item, where, required=("id",), optional=_OPERATOR_OPTIONAL)
    metrics_path = child_path(where, "metrics")
    metrics = expect_mapping(item.get("metrics", {}), metrics_path)
    for name, value in metrics.items():
        if value is not None and not isinstance(value, bool | int | float):
            raise SchemeFileError(
                f"expected a number, true/false or null, found {describe(value)}",
                key_path=child_path(metrics_path, str(name)),
            )
    return _build(
        where,
        Operator,
        _text(item, where, "id"),
        _names(item, where, "groups"),
        online=item.get("online", True),
        load=item.get("load", 0),
        limit=item.get("limit"),
        level=item.get("level", 1),
        metrics=metrics,
        last_assigned=_optional_seconds(item, where, "last_assigned"),
    )


def _conversation(data: object, where: str) -> Conversation:
    item = expect_mapping(data, where)
    check_keys(item, where, required=_CONVERSATION_KEYS, optional=("group", "visitor"))
    return _build(
        where,
        Conversation,
        _text(item, where, "id"),
        _text(item, where, "channel"),
        _text(item, where, "point"),
        arrived_at=_seconds(item["arrived_at"], child_path(where, "arrived_at")),
        group=_optional_text(item, where, "group"),
        visitor=_optional_text(item, where, "visitor"),
    )


def _policy(data: object, where: str) -> RoutingPolicy:
    item = expect_mapping(data, where)
    check_keys(item, where, optional=attrs.fields_dict(RoutingPolicy))
    given: dict[str, Any] = {name: item[name] for name in _PLAIN_POLICY_FIELDS if name in item}
    if "limits" in item:
        given["limits"] = _limits(item["limits"], child_path(where, "limits"))
    if "channel_priority" in item:
        given["channel_priority"] = _channel_priority(item, where)
    if "blocked_visitors" in item:
        given["blocked_visitors"] = _names(item, where, "blocked_visitors")
    given["groups"] = _each(item, where, "groups", _group) if "groups" in item else []
    for name, read in _POLICY_LISTS.items():
        if name in item:
            given[name] = _each(item, where, name, read)
    return _build(where, RoutingPolicy, **given)


def _channel_priority(item: Mapping[str, Any], where: str) -> list[str | list[str]]:
    path = child_path(where, "channel_priority")
    tiers = list(expect_sequence(item["channel_priority"], path))
    for index, tier in enumerate(tiers):
        if not _is_tier(tier):
            raise SchemeFileError(
                f"expected a channel or a list of channels, found {describe(tier)}",
                key_path=child_path(path, index),
            )
    return tiers


def _is_tier(value: object) -> bool:
    """A channel, or a list of channels of equal priority."""
    if isinstance(value, list):
        return all(isinstance(channel, str) for channel in value)
    return isinstance(value, str)


def _limits(data: object, where: str) -> LimitPolicy:
    item = expect_mapping(data, where)
    check_keys(item, where, optional=("rules", "default"))
    rules = _each(item, where, "rules", _limit_rule) if "rules" in item else []
    return _build(where, LimitPolicy, rules, default=item.get("default", 3))


def _condition(item: Mapping[str, Any], where: str) -> str:
    """The entry's ``condition``; the older key ``when`` is still read, with a warning.

    Every other file says ``condition``; ``when`` was the routing state's own
    word until 0.2 and is read as before (a :class:`DeprecationWarning` says
    which key to write), but not both at once.
    """
    if "when" in item:
        if "condition" in item:
            raise SchemeFileError(
                "give 'condition' only ('when' is its deprecated name)",
                key_path=child_path(where, "when"),
            )
        warnings.warn(
            f"{child_path(where, 'when')}: the key 'when' is deprecated; write 'condition'",
            DeprecationWarning,
            stacklevel=2,
        )
        return _text(item, where, "when")
    if "condition" not in item:
        raise SchemeFileError("missing required key 'condition'", key_path=where)
    return _text(item, where, "condition")


def _limit_rule(data: object, where: str) -> LimitRule:
    item = expect_mapping(data, where)
    check_keys(item, where, required=("limit",), optional=("condition", "when"))
    return _build(where, LimitRule, _condition(item, where), item["limit"])


def _group(data: object, where: str) -> Group:
    item = expect_mapping(data, where)
    check_keys(item, where, required=("key",), optional=("points", "visible", "first_line"))
    return _build(
        where,
        Group,
        _text(item, where, "key"),
        _names(item, where, "points"),
        visible=item.get("visible", True),
        first_line=item.get("first_line", False),
    )


def _overflow(data: object, where: str) -> Overflow:
    item = expect_mapping(data, where)
    check_keys(item, where, required=("group",), optional=("helpers", "after_s"))
    after = _seconds(item.get("after_s", 0), child_path(where, "after_s"))
    helpers = _names(item, where, "helpers")
    return _build(where, Overflow, _text(item, where, "group"), helpers, after_s=after)


def _retention(data: object, where: str) -> RetentionStep:
    item = expect_mapping(data, where)
    check_keys(item, where, required=("after_s", "action"))
    after = _seconds(item["after_s"], child_path(where, "after_s"))
    return _build(where, RetentionStep, after, _text(item, where, "action"))


def _alert(data: object, where: str) -> Alert:
    item = expect_mapping(data, where)
    check_keys(
        item, where, required=("key",), optional=("condition", "when", "scopes", "description")
    )
    scopes = _names(item, where, "scopes") if "scopes" in item else ["group", "channel"]
    description = _text(item, where, "description") if "description" in item else ""
    condition = _condition(item, where)
    return _build(where, Alert, _text(item, where, "key"), condition, scopes, description)


# The policy's lists of entries, each read by its own function.
_POLICY_LISTS: dict[str, Callable[[object, str], Any]] = {
    "overflow": _overflow,
    "retention": _retention,
    "alerts": _alert,
}
