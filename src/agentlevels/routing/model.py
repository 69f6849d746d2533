"""Who and what the router sees: operators, conversations, groups, overflow rings
and retention steps.

Each is a frozen value checked on construction (see :mod:`.fields`).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from agentlevels._errors import RoutingError
from agentlevels._values import Value
from agentlevels.routing.fields import (
    MAX_COUNT,
    check_bool,
    check_count,
    check_duration,
    check_key,
    check_optional_count,
    check_optional_key,
    check_optional_time,
    check_time,
    freeze_metrics,
    is_count,
    shown,
    to_keys,
)

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

    id: str = attrs.field(validator=check_key)
    groups: frozenset[str] = attrs.field(converter=to_keys)
    online: bool = attrs.field(default=True, validator=check_bool)
    load: int = attrs.field(default=0, validator=check_count)
    limit: int | None = attrs.field(default=None, validator=check_optional_count)
    level: int = attrs.field(default=1)
    metrics: Mapping[str, Value] = attrs.field(factory=dict, converter=freeze_metrics)
    last_assigned: float | None = attrs.field(default=None, validator=check_optional_time)

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

    id: str = attrs.field(validator=check_key)
    channel: str = attrs.field(validator=check_key)
    point: str = attrs.field(validator=check_key)
    arrived_at: float = attrs.field(validator=check_time)
    group: str | None = attrs.field(default=None, validator=check_optional_key)
    visitor: str | None = attrs.field(default=None, validator=check_optional_key)


@attrs.frozen
class Group:
    """A department bound to contact points.

    A visible group is offered to visitors at its ``points``; a hidden group
    only receives conversations addressed to it. A ``first_line`` group takes
    everything that arrives at its points, to hand it on; it must be visible.

    >>> Group("front", {"site", "app"}, first_line=True).visible
    True
    """

    key: str = attrs.field(validator=check_key)
    points: frozenset[str] = attrs.field(converter=to_keys)
    visible: bool = attrs.field(default=True, validator=check_bool)
    first_line: bool = attrs.field(default=False, validator=check_bool)

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

    group: str = attrs.field(validator=check_key)
    helpers: frozenset[str] = attrs.field(converter=to_keys)
    after_s: float = attrs.field(default=0, validator=check_duration)

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

    after_s: float = attrs.field(validator=check_duration)
    action: str = attrs.field(validator=check_key)
