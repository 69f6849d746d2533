"""Badges: what a badge is; its rule is one of the three in :mod:`agentlevels._badges.rules`.

A :class:`Badge` holds its texts, its image, the window its metrics come from
and one rule:

* :class:`ComparativeRule` -- the agent(s) with the most (or least) of a
  numeric formula across the team;
* :class:`ThresholdRule` -- every agent whose boolean condition is met;
* :class:`RandomRule` -- now and then, one eligible agent drawn at random.

Formulas are compiled once, when the rule is built, against the default
catalog unless a compiled :class:`~agentlevels.Formula` is passed in; awarding
only runs the compiled callables (see :mod:`agentlevels._badges.awards`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from agentlevels._badges.rules import (
    ComparativeRule,
    RandomRule,
    Rule,
    ThresholdRule,
    rule_from_dict,
)
from agentlevels._documents import check_keys, expect_mapping, expect_str, expect_texts
from agentlevels._errors import BadgeError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import Catalog
from agentlevels._values import LocalizedText

__all__ = ["Badge"]


BADGE_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")


def _check_key(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not BADGE_KEY.match(value):
        raise BadgeError(
            "a badge key is 1 to 64 lower-case letters, digits, '_' or '-', "
            f"starting with a letter or digit (as in speedy_gonzales); got {value!r}"
        )


def _check_text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise BadgeError(f"a badge's {attribute.name} is text, not {value!r}")


def _localized(value: LocalizedText | Mapping[str, str] | str) -> LocalizedText:
    if isinstance(value, LocalizedText):
        return value
    try:
        return LocalizedText(value)
    except (TypeError, ValueError) as error:
        raise BadgeError(f"a badge's text: {error}") from None


def _check_name(_: object, __: object, value: LocalizedText) -> None:
    if not str(value).strip():
        raise BadgeError("a badge's English name must not be empty")


def _check_window(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise BadgeError(f"a badge's window is a non-empty name such as '7d', not {value!r}")


def _check_rule(_: object, __: object, value: Rule) -> None:
    if not isinstance(value, ComparativeRule | ThresholdRule | RandomRule):
        raise BadgeError(
            f"a badge's rule is a ComparativeRule, ThresholdRule or RandomRule, not {value!r}"
        )


@attrs.frozen
class Badge:
    """A badge: its texts, image, window and the rule that awards it.

    * ``key`` -- stable identifier (``"speedy_gonzales"``);
    * ``name`` / ``description`` -- :class:`~agentlevels.LocalizedText` by
      locale (``{"en": ..., "ru": ..., "lv": ...}``; a plain string means
      English), as for levels; read them with :meth:`name_in` and
      :meth:`description_in`, which fall back to English;
    * ``image`` -- a name or path the caller resolves;
    * ``window`` -- the key in the ``windows`` mapping passed to
      :func:`agentlevels.award` whose snapshots the rule reads (the presets
      use ``"7d"`` for the last 7 days and ``"1d"`` for the previous day);
    * ``rule`` -- a :class:`ComparativeRule`, :class:`ThresholdRule` or
      :class:`RandomRule`.

    >>> badge = Badge("cleaner", "Cleaner", rule=ComparativeRule("$resolved_tickets"))
    >>> badge.window, badge.name_in("ru")
    ('7d', 'Cleaner')
    """

    key: str = attrs.field(validator=_check_key)
    name: LocalizedText = attrs.field(converter=_localized, validator=_check_name)
    rule: Rule = attrs.field(kw_only=True, validator=_check_rule)
    description: LocalizedText = attrs.field(
        default=LocalizedText(""), kw_only=True, converter=_localized
    )
    image: str = attrs.field(default="", kw_only=True, validator=_check_text)
    window: str = attrs.field(default="7d", kw_only=True, validator=_check_window)

    def name_in(self, locale: str = "en") -> str:
        """The name in ``locale`` (``"en"``, ``"ru"``, ``"lv"``, ...), falling back to English."""
        return self.name.in_locale(locale)

    def description_in(self, locale: str = "en") -> str:
        """The description in ``locale``, falling back to English."""
        return self.description.in_locale(locale)

    def to_dict(self) -> dict[str, Any]:
        """The badge as JSON/TOML-ready data, the shape :meth:`from_dict` reads.

        Texts are tables by locale (``{"en": ..., "ru": ..., "lv": ...}``);
        empty texts and default rule fields are left out. Formulas are written
        as their source text.
        """
        data: dict[str, Any] = {"key": self.key, "name": dict(self.name)}
        if any(self.description.values()):
            data["description"] = dict(self.description)
        if self.image:
            data["image"] = self.image
        data["window"] = self.window
        data["rule"] = self.rule.to_dict()
        return data

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, catalog: Catalog | None = None, key_path: str = ""
    ) -> Badge:
        """A badge from the data :meth:`to_dict` writes (as read from JSON or TOML).

        ``name`` and ``description`` are a table by locale or a plain string
        (English). Formulas are compiled against ``catalog`` (the default
        catalog when ``None``). Every problem raises
        :class:`~agentlevels.SchemeFileError` locating it by ``key_path``
        (``badges[2].rule.metric``), with the formula's own diagnostics.

        >>> Badge.from_dict({"key": "chats_100", "name": "Hundred Chats",
        ...     "rule": {"type": "threshold", "condition": "$chats >= 100"}}).window
        '7d'
        """
        data = expect_mapping(data, key_path)
        check_keys(
            data,
            key_path,
            required=("key", "name", "rule"),
            optional=("description", "image", "window"),
        )
        key = expect_str(data["key"], child_path(key_path, "key"))
        name = expect_texts(data["name"], child_path(key_path, "name"), required=True)
        description = expect_texts(
            data.get("description", ""), child_path(key_path, "description"), required=False
        )
        image = expect_str(data.get("image", ""), child_path(key_path, "image"), non_empty=False)
        window = expect_str(data.get("window", "7d"), child_path(key_path, "window"))
        rule = rule_from_dict(data["rule"], child_path(key_path, "rule"), catalog)
        try:
            return cls(
                key,
                name,
                description=description,
                image=image,
                window=window,
                rule=rule,
            )
        except BadgeError as error:
            raise SchemeFileError(str(error), key_path=key_path) from None
