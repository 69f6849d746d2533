"""The texts of the domains' warnings: level-scheme lint and badge lint.

``key -> {locale: template}``; see :mod:`agentlevels._messages.message`.
"""

from __future__ import annotations

DOMAIN_TEXTS: dict[str, dict[str, str]] = {
    "level-prefix": {
        "en": "level {rank} ({key}): {message}",
        "ru": "уровень {rank} ({key}): {message}",
    },
    "level-unreachable": {
        "en": "no snapshot can meet this condition",
        "ru": "этому условию не удовлетворяет ни один снимок метрик",
    },
    "hint-check-thresholds": {
        "en": "check the thresholds against the metrics' ranges",
        "ru": "сверьте пороги с диапазонами метрик",
    },
    "level-not-implied": {
        "en": "can be met without meeting level {rank} ({key}), for example by {snapshot}",
        "ru": "условие выполняется и без условия уровня {rank} ({key}), например при {snapshot}",
    },
    "hint-as-strict": {
        "en": "make this condition at least as strict as level {rank}'s",
        "ru": "сделайте это условие не мягче условия уровня {rank}",
    },
    "level-equivalent": {
        "en": "its condition is equivalent to level {rank} ({key})'s,"
        " so both are always reached together",
        "ru": "его условие равносильно условию уровня {rank} ({key}),"
        " поэтому оба уровня всегда достигаются вместе",
    },
    "hint-raise-or-merge": {
        "en": "raise this level's thresholds or merge the two levels",
        "ru": "поднимите пороги этого уровня или объедините эти два уровня",
    },
    "least-badge-unguarded": {
        "en": "badge {key}: the least {metric} wins, with neither an eligibility condition"
        " nor a minimum, so an agent who did nothing (a value of 0) can win",
        "ru": "значок {key}: побеждает наименьшее значение {metric}, но нет ни условия участия,"
        " ни минимума, поэтому победить может оператор, который ничего не сделал (значение 0)",
    },
    "hint-eligible-or-minimum": {
        "en": "add eligible (e.g. at least one handled item) or a minimum",
        "ru": "добавьте eligible (например, хотя бы одно обработанное обращение) или minimum",
    },
}
