"""A message: a stable key and its arguments, rendered in any shipped locale.

The texts are templates in :data:`TEXTS` (``key -> {locale: template}``),
with ``{name}`` placeholders filled from the message's arguments. Besides
Python's own format specs a placeholder may say:

* ``{count:,}``: the number with thousands grouped as the locale groups them
  (``1,000`` in English; ``1000``, ``10 000`` in Russian);
* ``{count:plural:символ|символа|символов}``: the noun form ``count`` needs
  (two forms in English, singular and plural; three in Russian, for 1, 2-4
  and 5 items, by the explainer's rules in :mod:`agentlevels._plural`).

An argument that is itself a :class:`Message` is rendered in the same
locale; :class:`Alternatives` is a list joined with the locale's "or".

>>> unknown = message("unknown-variable", name="answer")
>>> unknown.text("en"), unknown.text("ru")
('unknown variable `$answer`', 'неизвестная переменная `$answer`')
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs

from agentlevels._messages.checks import CHECK_TEXTS
from agentlevels._messages.domains import DOMAIN_TEXTS
from agentlevels._messages.language import LANGUAGE_TEXTS
from agentlevels._messages.names import NAME_TEXTS
from agentlevels._messages.words import WORD_TEXTS
from agentlevels._plural import format_number, plural_en, plural_ru
from agentlevels._values import LOCALES

__all__ = [
    "TEXTS",
    "Alternatives",
    "Arg",
    "Message",
    "message",
    "require_locale",
]

TEXTS: Mapping[str, Mapping[str, str]] = {
    **LANGUAGE_TEXTS,
    **CHECK_TEXTS,
    **DOMAIN_TEXTS,
    **WORD_TEXTS,
    **NAME_TEXTS,
}
"""Every message's template by key, then by locale; every key has every shipped locale."""


def require_locale(locale: object) -> str:
    """``locale`` if it is a shipped locale, else a ``ValueError`` naming the shipped ones."""
    if isinstance(locale, str) and locale in LOCALES:
        return locale
    shipped = ", ".join(repr(name) for name in LOCALES)
    raise ValueError(f"unknown locale {locale!r}: the shipped locales are {shipped}")


@attrs.frozen
class Alternatives:
    """Choices joined with the locale's "or": ```$a`, `$b` or `$c```."""

    items: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _rebuild_alternatives, (self.items,)

    def text(self, locale: str) -> str:
        if len(self.items) < 2:
            return "".join(self.items)
        word = TEXTS["or"][locale]
        return f"{', '.join(self.items[:-1])} {word} {self.items[-1]}"


Arg: TypeAlias = "str | int | float | Message | Alternatives"


@attrs.frozen
class Message:
    """A message's stable key and its arguments, as ``(name, value)`` pairs.

    Equal, hashable and picklable by value; ``str()`` is the English text.
    """

    key: str
    args: tuple[tuple[str, Arg], ...] = ()

    def text(self, locale: str = "en") -> str:
        """The message in ``locale`` (one of the shipped locales)."""
        if locale != "en":
            locale = require_locale(locale)
        template = TEXTS[self.key][locale]
        if not self.args:
            return template
        values = {name: _prepared(value, locale) for name, value in self.args}
        if _plain_template(template, locale):
            return template.format_map(values)  # str.format's own specs do
        return _Formatter(locale).vformat(template, (), values)

    def arguments(self) -> dict[str, Any]:
        """The arguments as JSON-ready data (a nested message as its key and arguments)."""
        return {name: _plain(value) for name, value in self.args}

    def __str__(self) -> str:
        return self.text("en")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickles name this function, not the private class, as the house's pickles do.
        return _rebuild_message, (self.key, self.args)


def _rebuild_message(key: str, args: tuple[tuple[str, Arg], ...]) -> Message:
    return Message(key, args)


def _rebuild_alternatives(items: tuple[str, ...]) -> Alternatives:
    return Alternatives(items)


def message(key: str, /, **args: Arg) -> Message:
    """A :class:`Message`; raises ``KeyError`` for a key without texts."""
    if key not in TEXTS:
        raise KeyError(f"no texts for the message key {key!r}")
    return Message(key, tuple(args.items()))


def _prepared(value: Arg, locale: str) -> object:
    if isinstance(value, Message | Alternatives):
        return value.text(locale)
    return value


def _plain(value: Arg) -> object:
    if isinstance(value, Message):
        return {"key": value.key, "args": value.arguments()}
    if isinstance(value, Alternatives):
        return list(value.items)
    return value


def _plain_template(template: str, locale: str) -> bool:
    # Most templates need nothing of _Formatter, and str.format is several
    # times faster: diagnostics are made for every mistake an admin types.
    return ":plural:" not in template and (locale != "ru" or ":,}" not in template)


class _Formatter(string.Formatter):
    def __init__(self, locale: str) -> None:
        self.locale = locale

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            forms = tuple(format_spec[len("plural:") :].split("|"))
            if self.locale == "ru":
                return plural_ru(value, (forms[0], forms[1], forms[2]))
            return plural_en(value, (forms[0], forms[1]))
        if format_spec == "," and self.locale == "ru" and isinstance(value, int | float):
            return format_number(value, "ru")
        return format(value, format_spec)
