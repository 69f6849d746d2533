"""Small value types every layer shares: localized texts, read-only maps, metric values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeAlias, TypeGuard, TypeVar

__all__ = [
    "LOCALES",
    "FrozenMap",
    "LocalizedText",
    "ReadOnlyMapping",
    "Value",
    "localized",
    "text_locale",
]

_V = TypeVar("_V")

Value: TypeAlias = int | float | bool | None
"""A metric's value in a snapshot, or a formula's result: ``None`` is unknown."""


class ReadOnlyMapping(Mapping[str, _V]):
    """Base of the package's immutable mappings: a private dict, equal and hashed by value.

    A subclass fills ``_data`` in its ``__init__`` and says in :meth:`_comparable`
    which objects it may equal; ``__reduce__`` and ``__repr__`` are its own.
    """

    __slots__ = ("_data",)

    _data: dict[str, _V]

    def __getitem__(self, key: str) -> _V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if not self._comparable(other):
            return NotImplemented
        if isinstance(other, ReadOnlyMapping):
            return self._data == other._data
        return self._data == dict(other.items())

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def _comparable(self, other: object) -> TypeGuard[Mapping[Any, Any]]:
        """Whether ``self == other`` compares contents (else Python asks ``other``)."""
        raise NotImplementedError


class LocalizedText(ReadOnlyMapping[str]):
    """A text in several languages, by locale code; English (``"en"``) is required.

    ``str(text)`` is the English text; :meth:`in_locale` falls back to English.

    >>> name = LocalizedText({"en": "Novice", "ru": "Новичок"})
    >>> name.in_locale("ru"), name.in_locale("lv"), str(name)
    ('Новичок', 'Novice', 'Novice')
    """

    __slots__ = ()

    def __init__(self, texts: Mapping[str, str] | str) -> None:
        if isinstance(texts, str):
            texts = {"en": texts}
        if not isinstance(texts, Mapping):
            raise TypeError(f"a localized text is a string or a mapping, not {texts!r}")
        copied: dict[str, str] = {}
        for locale, text in texts.items():
            if not isinstance(locale, str) or not isinstance(text, str):
                raise TypeError(f"locale and text must be strings, not {locale!r}: {text!r}")
            copied[locale] = text
        if "en" not in copied:
            raise ValueError("a localized text needs an English ('en') version")
        self._data = copied

    def _comparable(self, other: object) -> TypeGuard[Mapping[Any, Any]]:
        return isinstance(other, LocalizedText)

    def __repr__(self) -> str:
        return f"LocalizedText({self._data!r})"

    def __str__(self) -> str:
        return self._data["en"]

    def __reduce__(self) -> tuple[type[LocalizedText], tuple[dict[str, str]]]:
        return (LocalizedText, (dict(self._data),))

    def in_locale(self, locale: str = "en") -> str:
        """The text in ``locale``, or in English when there is none (or it is empty)."""
        return self._data.get(locale) or self._data["en"]


def localized(value: LocalizedText | Mapping[str, str] | str) -> LocalizedText:
    return value if isinstance(value, LocalizedText) else LocalizedText(value)


class FrozenMap(ReadOnlyMapping[_V]):
    """A read-only mapping that hashes, compares, pickles and copies like a value.

    It equals any mapping with the same items.
    """

    __slots__ = ()

    def __init__(self, data: Mapping[str, _V] | Iterable[tuple[str, _V]] = ()) -> None:
        self._data = dict(data)

    def _comparable(self, other: object) -> TypeGuard[Mapping[Any, Any]]:
        return isinstance(other, Mapping)

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[type[FrozenMap[_V]], tuple[dict[str, _V]]]:
        return (type(self), (self._data,))


LOCALES: tuple[str, ...] = ("en", "ru")
"""The locales every user-facing text of the library exists in; English is the fallback."""


def text_locale(locale: str) -> str:
    """``locale`` if the library's texts exist in it, else English (``"en"``)."""
    return locale if locale in LOCALES else "en"
