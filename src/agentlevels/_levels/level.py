"""One level of a scheme: its rank, key, texts and condition."""

from __future__ import annotations

import re
from typing import Any, TypeAlias

import attrs

from agentlevels._values import LocalizedText, localized

__all__ = ["Held", "Level"]

_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


def _check_rank(_: object, __: object, rank: Any) -> None:
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
        raise ValueError(f"a level's rank is a whole number from 1, not {rank!r}")


def _check_key(_: object, __: object, key: Any) -> None:
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(
            f"a level's key is a lower-case letter followed by lower-case letters, digits "
            f"or '_' (as in white_mage), not {key!r}"
        )


def _check_condition(_: object, __: object, condition: Any) -> None:
    if not isinstance(condition, str):
        raise TypeError(f"a level's condition is formula text, not {condition!r}")


@attrs.frozen
class Level:
    """One level of a scheme.

    ``rank`` is 1-based (1 is the lowest); ``key`` is a stable identifier to
    store (``"professional"``); ``name`` and ``description`` are localized
    (a plain string means English); ``condition`` is formula text, compiled
    once by the scheme that holds the level.

    >>> level = Level(6, "professional", {"en": "Professional", "ru": "Профессионал"},
    ...               condition="$answers >= 500 || $chats >= 500")
    >>> level.name_in("ru")
    'Профессионал'
    """

    rank: int = attrs.field(validator=_check_rank)
    key: str = attrs.field(validator=_check_key)
    name: LocalizedText = attrs.field(converter=localized)
    description: LocalizedText = attrs.field(
        default=LocalizedText(""), converter=localized, kw_only=True
    )
    condition: str = attrs.field(default="true", validator=_check_condition, kw_only=True)

    def name_in(self, locale: str = "en") -> str:
        """The name in ``locale``, falling back to English."""
        return self.name.in_locale(locale)

    def description_in(self, locale: str = "en") -> str:
        """The description in ``locale``, falling back to English."""
        return self.description.in_locale(locale)


Held: TypeAlias = "int | str | Level | None"
