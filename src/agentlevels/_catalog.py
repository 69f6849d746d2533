"""Metrics and catalogs: what a formula may name, with its type, unit and range."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal, TypeAlias

import attrs

from agentlevels._units import DIMENSIONLESS, Unit

ValueType: TypeAlias = Literal["number", "boolean"]

VARIABLE_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")


def _to_unit(value: Unit | str) -> Unit:
    return value if isinstance(value, Unit) else Unit.parse(value)


def _check_name(_: object, __: object, name: str) -> None:
    if not isinstance(name, str) or not VARIABLE_NAME.match(name):
        raise ValueError(
            f"a metric name is a lower-case letter or '_' followed by lower-case letters, "
            f"digits or '_' (as in $answers_ph); got {name!r}"
        )


def _check_bound(_: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{attribute.name} must be a finite number or None, not {value!r}")


@attrs.frozen
class Metric:
    """One measurable quantity an agent's snapshot may hold.

    ``name`` is what formulas write after ``$``; ``type`` is ``"number"`` or
    ``"boolean"``; ``unit`` drives unit warnings (``"count/hours"``);
    ``minimum``/``maximum`` bound the values that make sense and drive
    range warnings (``$rewards_p > 100`` can never be true).

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

    def description_in(self, locale: str = "en") -> str:
        """The description in ``locale`` (``"en"`` or ``"ru"``), falling back to English."""
        if locale == "ru" and self.description_ru:
            return self.description_ru
        return self.description


class Catalog(Mapping[str, Metric]):
    """An immutable set of metrics, looked up by name (without ``$``).

    >>> catalog = Catalog([Metric("answers", unit="count", minimum=0)])
    >>> "answers" in catalog, len(catalog)
    (True, 1)
    >>> bigger = catalog.extend([Metric("csat", unit="percent", minimum=0, maximum=100)])
    >>> sorted(bigger)
    ['answers', 'csat']
    """

    __slots__ = ("_metrics",)

    def __init__(self, metrics: Iterable[Metric] = ()) -> None:
        index: dict[str, Metric] = {}
        for metric in metrics:
            if not isinstance(metric, Metric):
                raise TypeError(f"a catalog holds Metric objects, not {metric!r}")
            if metric.name in index:
                raise ValueError(f"metric {metric.name!r} is listed twice")
            index[metric.name] = metric
        self._metrics = index

    def __getitem__(self, name: str) -> Metric:
        return self._metrics[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._metrics)

    def __len__(self) -> int:
        return len(self._metrics)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return self._metrics == other._metrics

    def __hash__(self) -> int:
        return hash(frozenset(self._metrics.values()))

    def __repr__(self) -> str:
        return f"Catalog({len(self)} metrics: {', '.join(self._metrics)})"

    def __reduce__(self) -> tuple[type[Catalog], tuple[tuple[Metric, ...]]]:
        return (Catalog, (tuple(self._metrics.values()),))

    def extend(self, metrics: Iterable[Metric], *, replace: bool = False) -> Catalog:
        """A new catalog with ``metrics`` added.

        A name already present is an error unless ``replace=True``, in which
        case the new metric takes its place.
        """
        merged = dict(self._metrics)
        for metric in metrics:
            if metric.name in merged and not replace:
                raise ValueError(
                    f"metric {metric.name!r} is already in the catalog; pass replace=True"
                )
            merged[metric.name] = metric
        return Catalog(merged.values())

    def without(self, names: Iterable[str]) -> Catalog:
        """A new catalog without the named metrics."""
        dropped = set(names)
        return Catalog(m for m in self._metrics.values() if m.name not in dropped)

    def suggest(self, name: str, *, limit: int = 3) -> list[str]:
        """Names close to ``name``, best first, for "did you mean" hints."""
        lowered = name.lower()
        if lowered != name and lowered in self._metrics:
            return [lowered]
        return difflib.get_close_matches(lowered, list(self._metrics), n=limit, cutoff=0.6)


def _metric(
    name: str,
    unit: str,
    description: str,
    description_ru: str,
    *,
    minimum: float | None = 0,
    maximum: float | None = None,
) -> Metric:
    return Metric(
        name,
        unit=unit,
        minimum=minimum,
        maximum=maximum,
        description=description,
        description_ru=description_ru,
    )


def _percent(name: str, description: str, description_ru: str) -> Metric:
    return _metric(name, "percent", description, description_ru, maximum=100)


LEVEL_METRICS: tuple[Metric, ...] = (
    _metric("worktime", "hours", "Time worked, in hours", "Отработанное время, в часах"),
    _metric("answers", "count", "Ticket answers", "Ответы на тикеты"),
    _metric("answers_ph", "count/hours", "Ticket answers per hour", "Ответы на тикеты в час"),
    _metric("chats", "count", "Chats handled", "Обработанные чаты"),
    _metric("chats_ph", "count/hours", "Chats per hour", "Чаты в час"),
    _metric("missed_chats", "count", "Missed chats", "Пропущенные чаты"),
    _metric("chat_answers", "count", "Chat messages sent", "Отправленные сообщения в чатах"),
    _metric(
        "chat_answers_ph",
        "count/hours",
        "Chat messages sent per hour",
        "Сообщения в чатах в час",
    ),
    _metric("calls", "count", "Calls", "Звонки"),
    _metric("calls_ph", "count/hours", "Calls per hour", "Звонки в час"),
    _metric(
        "call_seconds",
        "seconds",
        "Total call time, in seconds",
        "Общая продолжительность звонков, в секундах",
    ),
    _metric(
        "call_seconds_ph",
        "seconds/hours",
        "Call time per hour worked, in seconds",
        "Время звонков за час работы, в секундах",
    ),
    _metric("missed_calls", "count", "Missed calls", "Пропущенные звонки"),
    _metric("rewards", "count", "Positive ratings", "Положительные оценки"),
    _percent(
        "rewards_p",
        "Positive ratings, percent of rated interactions",
        "Положительные оценки, процент от оценённых",
    ),
    _metric("punishments", "count", "Negative ratings", "Отрицательные оценки"),
    _percent(
        "punishments_p",
        "Negative ratings, percent of rated interactions",
        "Отрицательные оценки, процент от оценённых",
    ),
    _metric("not_ranked", "count", "Interactions left unrated", "Неоценённые обращения"),
    _percent(
        "not_ranked_p",
        "Unrated interactions, percent of all",
        "Неоценённые обращения, процент от всех",
    ),
)

BADGE_METRICS: tuple[Metric, ...] = (
    _metric("transferred_tickets", "count", "Tickets transferred", "Переданные тикеты"),
    _metric("break_seconds", "seconds", "Total break time, in seconds", "Общее время перерывов"),
    _metric("breaks", "count", "Breaks taken", "Количество перерывов"),
    _metric(
        "avg_ticket_view_seconds",
        "seconds",
        "Average time spent viewing a ticket, in seconds",
        "Среднее время просмотра тикета, в секундах",
    ),
    _metric(
        "avg_chat_pickup_seconds",
        "seconds",
        "Average time to react to an incoming chat, in seconds",
        "Среднее время реакции на входящий чат, в секундах",
    ),
    _metric(
        "longest_answer_chars",
        "chars",
        "Longest ticket answer written, in characters",
        "Самый длинный ответ на тикет, в символах",
    ),
    _metric("tagged_tickets", "count", "Tickets tagged", "Тикеты с проставленными метками"),
    _metric(
        "avg_handling_seconds",
        "seconds",
        "Average ticket handling time, in seconds",
        "Среднее время обработки тикета, в секундах",
    ),
    _metric("online_seconds", "seconds", "Time online, in seconds", "Время онлайн, в секундах"),
    _metric(
        "longest_chat_seconds",
        "seconds",
        "Longest single chat, in seconds",
        "Самый длинный чат, в секундах",
    ),
    _metric("resolved_tickets", "count", "Tickets resolved", "Решённые тикеты"),
    _metric("deleted_tickets", "count", "Tickets deleted", "Удалённые тикеты"),
    _metric(
        "longest_call_seconds",
        "seconds",
        "Longest single call, in seconds",
        "Самый длинный звонок, в секундах",
    ),
    Metric(
        "online",
        type="boolean",
        description="Online now",
        description_ru="Сейчас в сети",
    ),
)

QUALITY_METRICS: tuple[Metric, ...] = (
    _metric(
        "resolved_ph",
        "count/hours",
        "Productivity: tickets resolved per hour worked",
        "Продуктивность: решённые тикеты в час",
    ),
    _percent(
        "first_contact_resolution_p",
        "First-contact resolution rate, percent",
        "Решено с первого обращения, процент",
    ),
    _metric(
        "avg_response_seconds",
        "seconds",
        "Average first response time, in seconds",
        "Среднее время первого ответа, в секундах",
    ),
    _metric(
        "rating",
        "points",
        "Average agent rating, 1 to 5",
        "Средняя оценка оператора, от 1 до 5",
        minimum=1,
        maximum=5,
    ),
    _percent(
        "csat_p",
        "Customer satisfaction score, percent",
        "Удовлетворённость клиентов, процент",
    ),
    _metric(
        "nps",
        "points",
        "Net promoter score, -100 to 100",
        "Индекс потребительской лояльности (NPS), от -100 до 100",
        minimum=-100,
        maximum=100,
    ),
    _percent(
        "negative_response_p",
        "Negative response rate: survey answers rated 1 or 2 of 10, percent",
        "Доля негативных ответов (оценки 1–2 из 10), процент",
    ),
    _percent("resolution_p", "Resolution rate, percent", "Доля решённых обращений, процент"),
    _percent(
        "recontact_p",
        "Recontact rate: clients who came back on the same issue, percent",
        "Доля повторных обращений по тому же вопросу, процент",
    ),
    _metric(
        "replies_per_ticket",
        "count",
        "Average replies per ticket",
        "Среднее число ответов на тикет",
    ),
)

DEFAULT_CATALOG = Catalog(LEVEL_METRICS + BADGE_METRICS + QUALITY_METRICS)
"""The 19 level variables, the badge metrics and the quality metrics."""
