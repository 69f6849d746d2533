"""Field checks shared by the routing values: bounds, validators and converters.

Every routing value is checked on construction, so a policy or a state read
from a person's JSON file fails early with a :class:`RoutingError` that names
the bad field. The attrs validators here take ``(instance, attribute, value)``;
the converters take the raw value and return the stored one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeGuard, TypeVar

import attrs

from agentlevels._errors import RoutingError
from agentlevels._values import FrozenMap, Value

_T = TypeVar("_T")

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


# --- validators -----------------------------------------------------------------------------


def check_key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string (an id, a key, a channel)."""
    if not isinstance(value, str) or not value:
        raise RoutingError(f"{attribute.name} must be a non-empty string, not {shown(value)}")


def check_optional_key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string or ``None``."""
    if value is not None and (not isinstance(value, str) or not value):
        raise RoutingError(
            f"{attribute.name} must be a non-empty string or None, not {shown(value)}"
        )


def check_bool(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``True`` or ``False``, not a truthy stand-in."""
    if not isinstance(value, bool):
        raise RoutingError(f"{attribute.name} must be true or false, not {shown(value)}")


def check_count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number from 0 to :data:`MAX_COUNT`."""
    if not is_count(value):
        raise RoutingError(
            f"{attribute.name} must be a whole number from 0 to {MAX_COUNT}, not {shown(value)}"
        )


def check_optional_count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """What :func:`check_count` accepts, or ``None``."""
    if value is not None:
        check_count(_, attribute, value)


def check_time(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A point in time: seconds on the caller's clock (:func:`is_seconds`)."""
    if not is_seconds(value):
        raise RoutingError(
            f"{attribute.name} must be a number of seconds within ±1e15, not {shown(value)}"
        )


def check_optional_time(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """What :func:`check_time` accepts, or ``None``."""
    if value is not None and not is_seconds(value):
        raise RoutingError(
            f"{attribute.name} must be a number of seconds within ±1e15 or None, not {shown(value)}"
        )


def check_duration(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A duration: seconds from 0 to :data:`MAX_SECONDS`."""
    if not is_seconds(value) or value < 0:
        raise RoutingError(
            f"{attribute.name} must be a number of seconds from 0 to 1e15, not {shown(value)}"
        )


def check_step(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A positive number of seconds, or ``None``."""
    if value is not None and (not is_seconds(value) or value <= 0):
        raise RoutingError(
            f"{attribute.name} must be a number of seconds > 0 or None, not {shown(value)}"
        )


# --- converters -----------------------------------------------------------------------------


def to_keys(value: Iterable[str]) -> frozenset[str]:
    """A list of non-empty names, as a set."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"expected a list of names, not {shown(value)}")
    items = list(value)
    for key in items:
        if not isinstance(key, str) or not key:
            raise RoutingError(f"a name must be a non-empty string, not {shown(key)}")
    return frozenset(items)


def freeze_metrics(value: Mapping[str, Value]) -> Mapping[str, Value]:
    """A read-only copy of a mapping of metric name to value."""
    if not isinstance(value, Mapping):
        raise RoutingError(f"metrics must be a mapping of metric name to value, not {shown(value)}")
    copied = dict(value)
    for name in copied:
        if not isinstance(name, str):
            raise RoutingError(f"a metric name must be a string, not {shown(name)}")
    # A read-only copy: the caller's dict may change later, the operator must not.
    return FrozenMap(copied)


def items_of(kind: type[_T], field: str, value: Iterable[_T]) -> tuple[_T, ...]:
    """The items of the list ``value`` given for ``field``, each of class ``kind``."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RoutingError(f"{field} must be a list, not {shown(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise RoutingError(f"{field} must hold {kind.__name__} objects, not {shown(item)}")
    return items
