"""Metrics and catalogs: what a formula may name, with its type, unit and range."""

from __future__ import annotations

import difflib
import functools
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeAlias, TypeGuard

import attrs

from agentlevels._language.units import DIMENSIONLESS, Unit
from agentlevels._values import ReadOnlyMapping

ValueType: TypeAlias = Literal["number", "boolean"]

VARIABLE_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")


def _to_unit(value: Unit | str) -> Unit:
    if isinstance(value, Unit):
        return value
    if not isinstance(value, str):
        raise TypeError(f"a metric's unit is a Unit or text such as 'count/hours', not {value!r}")
    return Unit.parse(value)


def _check_name(_: object, __: object, name: str) -> None:
    if not isinstance(name, str) or not VARIABLE_NAME.match(name):
        raise ValueError(
            f"a metric name is a lower-case letter or '_' followed by lower-case letters, "
            f"digits or '_' (as in $answers_ph); got {name!r}"
        )


def _check_bound(_: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is None:
        return
    # Compared, not passed to math.isfinite, which overflows on a huge int.
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not -sys.float_info.max <= value <= sys.float_info.max
    ):
        raise ValueError(
            f"{attribute.name} must be a finite number within float range or None, "
            f"not {_short(value)}"
        )


def _short(value: object) -> str:
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 200 else "a huge int"
    return text if len(text) <= 60 else text[:57] + "..."


@attrs.frozen
class Metric:
    """One measurable quantity an agent's snapshot may hold.

    ``name`` is what formulas write after ``$``; ``type`` is ``"number"`` or
    ``"boolean"``; ``unit`` drives unit warnings (``"count/hours"``);
    ``minimum``/``maximum`` bound the values that make sense and drive
    range warnings (``$rewards_p > 100`` can never be true). ``integer``
    says the metric counts whole things (answers, calls), so that progress
    advice steps by whole units; a measure such as a share or an average
    (the default) moves continuously.

    >>> Metric("answers", unit="count", minimum=0, description="Ticket answers").name
    'answers'
    """

    name: str = attrs.field(validator=_check_name)
    type: ValueType = attrs.field(default="number")
    unit: Unit = attrs.field(default=DIMENSIONLESS, converter=_to_unit)
    minimum: float | None = attrs.field(default=None, validator=_check_bound)
    maximum: float | None = attrs.field(default=None, validator=_check_bound)
    description: str = ""
    description_ru: str = ""
    # Only progress advice reads it: it takes no part in equality, so that
    # catalogs pickled before it existed still equal today's.
    integer: bool = attrs.field(default=False, eq=False)

    @integer.validator
    def _check_integer(self, _: object, value: object) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"integer is True or False, not {value!r}")

    def __getstate__(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in attrs.fields(Metric)}

    def __setstate__(self, state: Any) -> None:
        # Metrics pickled before ``integer`` existed do not hold it.
        names = [field.name for field in attrs.fields(Metric)]
        values = dict(zip(names, state, strict=False)) if isinstance(state, tuple) else state
        for name in names:
            if name != "integer":
                object.__setattr__(self, name, values[name])
        # Before the flag, progress stepped counts by whole units.
        whole = values.get("integer", str(values["unit"]) == "count")
        object.__setattr__(self, "integer", whole)

    @type.validator
    def _check_type(self, _: object, value: object) -> None:
        if value not in ("number", "boolean"):
            raise ValueError(f"a metric's type is 'number' or 'boolean', not {value!r}")

    def __attrs_post_init__(self) -> None:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(
                f"metric {self.name!r}: minimum {self.minimum} > maximum {self.maximum}"
            )
        if self.type == "boolean" and (self.minimum is not None or self.maximum is not None):
            raise ValueError(f"metric {self.name!r}: a boolean metric has no range")
        if self.type == "boolean" and self.integer:
            raise ValueError(f"metric {self.name!r}: a boolean metric is not an integer count")

    def description_in(self, locale: str = "en") -> str:
        """The description in ``locale`` (``"en"`` or ``"ru"``), falling back to English."""
        if locale == "ru" and self.description_ru:
            return self.description_ru
        return self.description


class Catalog(ReadOnlyMapping[Metric]):
    """An immutable set of metrics, looked up by name (without ``$``).

    >>> catalog = Catalog([Metric("answers", unit="count", minimum=0)])
    >>> "answers" in catalog, len(catalog)
    (True, 1)
    >>> bigger = catalog.extend([Metric("csat", unit="percent", minimum=0, maximum=100)])
    >>> sorted(bigger)
    ['answers', 'csat']
    """

    __slots__ = ()

    def __init__(self, metrics: Iterable[Metric] = ()) -> None:
        index: dict[str, Metric] = {}
        for metric in metrics:
            if not isinstance(metric, Metric):
                raise TypeError(f"a catalog holds Metric objects, not {metric!r}")
            if metric.name in index:
                raise ValueError(f"metric {metric.name!r} is listed twice")
            index[metric.name] = metric
        self._data = index

    def _comparable(self, other: object) -> TypeGuard[Mapping[Any, Any]]:
        return isinstance(other, Catalog)

    def __repr__(self) -> str:
        return f"Catalog({len(self)} metrics: {', '.join(self._data)})"

    def __reduce__(self) -> tuple[type[Catalog], tuple[tuple[Metric, ...]]]:
        return (Catalog, (tuple(self._data.values()),))

    def extend(self, metrics: Iterable[Metric], *, replace: bool = False) -> Catalog:
        """A new catalog with ``metrics`` added.

        A name already present is an error unless ``replace=True``, in which
        case the new metric takes its place.
        """
        merged = dict(self._data)
        for metric in metrics:
            if not isinstance(metric, Metric):
                raise TypeError(f"a catalog holds Metric objects, not {metric!r}")
            if metric.name in merged and not replace:
                raise ValueError(
                    f"metric {metric.name!r} is already in the catalog; pass replace=True"
                )
            merged[metric.name] = metric
        return Catalog(merged.values())

    def without(self, names: Iterable[str]) -> Catalog:
        """A new catalog without the named metrics."""
        dropped = set(names)
        return Catalog(m for m in self._data.values() if m.name not in dropped)

    def suggest(self, name: str, *, limit: int = 3) -> list[str]:
        """Names close to ``name``, best first, for "did you mean" hints.

        A name spelt nearly right gives the close ones; a name with none close
        gives those it begins (``suggest("ch")`` is ``['chats', 'chats_ph', ...]``).
        """
        lowered = name.lower()
        if lowered != name and lowered in self._data:
            return [lowered]
        close = difflib.get_close_matches(lowered, list(self._data), n=limit, cutoff=0.6)
        if close or not lowered:
            return close
        return sorted((known for known in self._data if known.startswith(lowered)), key=len)[:limit]

    def search(self, text: str, *, locale: str = "en", limit: int | None = None) -> list[str]:
        """Metric names for what an administrator typed, best first (completion).

        In order: the name itself; names that begin with ``text``; names with a
        part (between ``_``) that begins with it; metrics whose description, in
        ``locale`` or in English, has a word that begins with it; names that hold
        its letters in order; when none of these, names spelt nearly like it. Shorter names come
        first within each group. An empty ``text`` gives every metric in order.

        >>> from agentlevels import DEFAULT_CATALOG
        >>> DEFAULT_CATALOG.search("ch")[:3]
        ['chats', 'chats_ph', 'chat_answers']
        >>> DEFAULT_CATALOG.search("ответ", locale="ru")[:2]
        ['answers', 'answers_ph']
        """
        query = text.lower().removeprefix("$").strip()
        names = list(self._data)
        if not query:
            return names[:limit]
        # Its letters in order, anything between (`chph` in `chats_ph`).
        letters = re.compile(".*?".join(map(re.escape, query))) if len(query) > 2 else None
        ranked = sorted(
            (rank, len(name), index, name)
            for index, name in enumerate(names)
            if (rank := _match_rank(query, letters, self._data[name], locale)) is not None
        )
        found = [name for *_, name in ranked]
        if not found:  # a typo: the names spelt nearly like it
            found = difflib.get_close_matches(query, names, n=5, cutoff=0.6)
        return found[:limit]

    def to_dict(self, locale: str = "en") -> dict[str, Any]:
        """Every metric as JSON-ready data, descriptions in ``locale`` (English when missing).

        >>> Catalog([Metric("csat", unit="percent", minimum=0, maximum=100,
        ...                 description="Satisfaction", description_ru="Удовлетворённость")
        ...          ]).to_dict("ru")["metrics"]  # doctest: +NORMALIZE_WHITESPACE
        [{'name': 'csat', 'type': 'number', 'unit': 'percent', 'minimum': 0, 'maximum': 100,
          'integer': False, 'description': 'Удовлетворённость'}]
        """
        return {
            "locale": locale,
            "metrics": [
                {
                    "name": metric.name,
                    "type": metric.type,
                    "unit": str(metric.unit),
                    "minimum": metric.minimum,
                    "maximum": metric.maximum,
                    "integer": metric.integer,
                    "description": metric.description_in(locale),
                }
                for metric in self._data.values()
            ],
        }


_WORD = re.compile(r"\w+")


def _match_rank(
    query: str, letters: re.Pattern[str] | None, metric: Metric, locale: str
) -> int | None:
    """How well ``query`` matches ``metric`` (lower is better), None if it does not."""
    name = metric.name
    if name == query:
        return 0
    if name.startswith(query):
        return 1
    if f"_{query}" in f"_{name}":  # a part of the name begins with it
        return 2
    if f" {query}" in _words(metric.description_in(locale), metric.description):
        return 3  # a word of the description begins with it
    if letters is not None and letters.search(name):
        return 4
    return None


@functools.lru_cache(maxsize=1024)
def _words(*descriptions: str) -> str:
    """The words of the descriptions, each after a space: a word beginning with ``q`` is `` q``.

    Searched on every keystroke, so made once per description.
    """
    return "".join(f" {word}" for word in _WORD.findall(" ".join(descriptions).casefold()))
