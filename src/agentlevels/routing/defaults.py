"""The routing presets, and the catalogs that limit and alert conditions are checked against.

Plain data, below the classes that use it: :mod:`.policy` builds the preset
:class:`LimitPolicy` and the preset alerts from the tables here, and
``RoutingPolicy()`` takes the preset channel priority and retention steps.
``agentlevels.presets`` re-exports the presets with the levels and badges.
"""

from __future__ import annotations

from agentlevels._language.catalog import Catalog, Metric
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels.routing.model import RetentionStep

# --- what conditions may name ---------------------------------------------------------------

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


# --- presets --------------------------------------------------------------------------------

PRESET_CHANNEL_PRIORITY: tuple[frozenset[str], ...] = (
    frozenset({"website", "mobile_app"}),
    frozenset({"messenger"}),
    frozenset({"social", "email"}),
)
"""Website chat and mobile app first, then messengers, then social networks and e-mail
in one class: the chat-load article's rule of thumb (chat and app clients are the
least patient, messengers more, social networks and e-mail the most)."""

PRESET_AGING_STEP_S = 120
"""Each full 2 minutes waited lifts a conversation one class: an e-mail ranks with
website chats after 4 minutes, and from then on only earlier arrivals go before it."""

PRESET_RETENTION: tuple[RetentionStep, ...] = (
    RetentionStep(30, "service_message"),
    RetentionStep(60, "offer_alternative_channel"),
)
"""A service message at 30 s of waiting; another channel offered at 60 s."""

# Professional is rank 6 in the preset ladder; the preset limit rule keys on it.
PROFESSIONAL_RANK = 6

PRESET_LIMIT_RULES: tuple[tuple[str, int], ...] = ((f"$level >= {PROFESSIONAL_RANK}", 5),)
"""The preset limit rules as (condition, limit) pairs: Professional and above hold 5."""

PRESET_DEFAULT_LIMIT = 3
"""The preset limit for operators no rule covers."""

PRESET_ALERTS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "wait_above_norm",
        "$longest_wait_seconds > $wait_norm_seconds",
        ("group", "channel"),
        "A conversation has waited longer than the norm",
    ),
    (
        "group_overloaded",
        "$queue_length > 0 && $longest_wait_seconds > $wait_norm_seconds && $free_slots == 0",
        ("group",),
        "A queue, waits above the norm and no free slots",
    ),
)
"""The preset alerts as (key, condition, scopes, description)."""
