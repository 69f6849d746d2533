"""The failure messages of scenario cases and of the test helpers, in English and Russian."""

from __future__ import annotations

from typing import Any, Final

from agentlevels._explain.why import why_locale

__all__ = ["MESSAGES", "message"]

MESSAGES: Final[dict[str, dict[str, str]]] = {
    "en": {
        "level": "expected level {expected!r}, reached {reached!r}",
        "error instead": "expected error {expected!r}, but the level reached is {reached!r}",
        "unexpected error": "expected no error, got error {code!r}: {error}",
        "wrong error": "expected error {expected!r}, got error {code!r}: {error}",
        "text": "expected the {label} to contain {contains!r}; it reads:\n{text}",
        "progress text": "progress text",
        "why text": "why text",
        "awarded instead": "expected error {expected!r}, but the badges were awarded",
        "no badge": "no badge has key {key!r}",
        "badge": "badge {key!r}: expected {expected}, won by {got}",
        "nobody": "nobody",
    },
    "ru": {
        "level": "ожидался уровень {expected!r}, получен {reached!r}",
        "error instead": "ожидалась ошибка {expected!r}, но получен уровень {reached!r}",
        "unexpected error": "ошибка не ожидалась, получена ошибка {code!r}: {error}",
        "wrong error": "ожидалась ошибка {expected!r}, получена ошибка {code!r}: {error}",
        "text": "{label} должен содержать {contains!r}; сейчас:\n{text}",
        "progress text": "текст прогресса",
        "why text": "текст «почему»",
        "awarded instead": "ожидалась ошибка {expected!r}, но значки выданы",
        "no badge": "нет значка с ключом {key!r}",
        "badge": "значок {key!r}: ожидались {expected}, получил {got}",
        "nobody": "никто",
    },
}
"""Message templates by locale (``"ru"``, else English)."""


def message(which: str, locale: str = "en", **values: Any) -> str:
    """The message ``which`` in ``locale``, filled with ``values``."""
    return MESSAGES[why_locale(locale)][which].format(**values)
