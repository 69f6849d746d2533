"""Checklists: the ordered points a lead checks in a conversation, with weights and sections."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from agentlevels._documents import (
    FORMAT_VERSION,
    check_keys,
    expect_int,
    expect_mapping,
    expect_number,
    expect_sequence,
    expect_str,
    expect_texts,
)
from agentlevels._errors import QualityError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._language.catalog import Metric
from agentlevels._language.metrics import DEFAULT_CATALOG, QA_METRICS, qa_section_metric
from agentlevels._values import LocalizedText, localized

__all__ = ["MAX_WEIGHT", "Checklist", "ChecklistItem"]

CHECKLIST_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
# Item and section keys become parts of metric names ($qa_greeting_pass_p).
ITEM_KEY = re.compile(r"[a-z][a-z0-9_]{0,47}\Z")
MAX_WEIGHT = 1000
"""The largest weight an item may have; weights are positive."""


def _check_item_key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not ITEM_KEY.match(value):
        raise QualityError(
            f"an item's {attribute.name} is 1 to 48 lower-case letters, digits or '_', "
            f"starting with a letter (as in greet_customer); got {value!r}"
        )


def _check_section(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_item_key(_, attribute, value)


def _check_weight(_: object, __: object, value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 < value <= MAX_WEIGHT
    ):
        raise QualityError(f"an item's weight is a number above 0 and at most 1000, not {value!r}")


def _check_flag(_: object, __: object, value: object) -> None:
    if not isinstance(value, bool):
        raise QualityError(f"an item's critical flag is true or false, not {value!r}")


def _text(value: LocalizedText | Mapping[str, str] | str) -> LocalizedText:
    try:
        return localized(value)
    except (TypeError, ValueError) as error:
        raise QualityError(f"a text is a string or a table by locale with 'en': {error}") from None


@attrs.frozen
class ChecklistItem:
    """One point of a checklist: what to check, how much it weighs, whether it is critical.

    ``text`` is by locale (English required). A failed ``critical`` item
    fails the whole review (its score is 0). ``section`` groups items
    (``"greeting"``) and gives the metric ``$qa_<section>_pass_p``.

    >>> item = ChecklistItem("greet", {"en": "Greet the customer"}, section="greeting")
    >>> item.weight, item.critical, item.text.in_locale("lt")
    (1, False, 'Greet the customer')
    """

    key: str = attrs.field(validator=_check_item_key)
    text: LocalizedText = attrs.field(converter=_text)
    weight: float = attrs.field(default=1, validator=_check_weight)
    critical: bool = attrs.field(default=False, validator=_check_flag)
    section: str | None = attrs.field(default=None, validator=_check_section)

    def to_dict(self) -> dict[str, Any]:
        """The item as JSON/TOML-ready data (what :meth:`from_dict` reads)."""
        data: dict[str, Any] = {"key": self.key, "text": dict(self.text), "weight": self.weight}
        data["critical"] = self.critical
        if self.section is not None:
            data["section"] = self.section
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, key_path: str = "") -> ChecklistItem:
        """An item from a table ``{key, text, weight?, critical?, section?}``.

        Problems raise :class:`~agentlevels.SchemeFileError` at ``key_path``.
        """
        data = expect_mapping(data, key_path)
        check_keys(
            data, key_path, required=("key", "text"), optional=("weight", "critical", "section")
        )
        key = expect_str(data["key"], child_path(key_path, "key"))
        text = expect_texts(data["text"], child_path(key_path, "text"), required=True)
        weight = expect_number(data.get("weight", 1), child_path(key_path, "weight"))
        critical = data.get("critical", False)
        if not isinstance(critical, bool):
            raise SchemeFileError(
                "expected true or false", key_path=child_path(key_path, "critical")
            )
        section = data.get("section")
        if section is not None:
            section = expect_str(section, child_path(key_path, "section"))
        try:
            return cls(key, text, weight=weight, critical=critical, section=section)
        except QualityError as error:
            raise SchemeFileError(str(error), key_path=key_path) from None


def _items(value: Iterable[ChecklistItem]) -> tuple[ChecklistItem, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise QualityError(f"a checklist's items are a list of ChecklistItem, not {value!r}")
    return tuple(value)


@attrs.frozen
class Checklist:
    """A named, ordered list of :class:`ChecklistItem`; item keys are unique.

    >>> checklist = Checklist("mini", "Mini", [ChecklistItem("greet", "Greet"),
    ...     ChecklistItem("thank", "Thank", weight=2, section="closing")])
    >>> checklist.keys, checklist.sections
    (('greet', 'thank'), ('closing',))
    """

    key: str = attrs.field()
    name: LocalizedText = attrs.field(converter=_text)
    items: tuple[ChecklistItem, ...] = attrs.field(converter=_items)

    @key.validator
    def _check_key(self, _: object, value: object) -> None:
        if not isinstance(value, str) or not CHECKLIST_KEY.match(value):
            raise QualityError(
                "a checklist key is 1 to 64 lower-case letters, digits, '_' or '-' "
                f"(as in helpdesk_quality); got {value!r}"
            )

    @items.validator
    def _check_items(self, _: object, items: tuple[ChecklistItem, ...]) -> None:
        if not items:
            raise QualityError("a checklist needs at least one item")
        seen: set[str] = set()
        for index, item in enumerate(items):
            if not isinstance(item, ChecklistItem):
                raise QualityError(f"items[{index}] is not a ChecklistItem: {item!r}")
            if item.key in seen:
                raise QualityError(f"items[{index}]: the item key {item.key!r} is used twice")
            seen.add(item.key)

    @property
    def keys(self) -> tuple[str, ...]:
        """The item keys, in the checklist's order."""
        return tuple(item.key for item in self.items)

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections, in the order they first appear."""
        return tuple(dict.fromkeys(item.section for item in self.items if item.section))

    def item(self, key: str) -> ChecklistItem:
        """The item with this key (``KeyError`` if there is none)."""
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def metrics(self) -> tuple[Metric, ...]:
        """The metrics :func:`~agentlevels.quality_metrics` gives for this checklist.

        Those of the default catalog as declared there; a section of a
        custom checklist gets a percent metric of its own, to add to a
        catalog with :meth:`Catalog.extend`.
        """
        sections = tuple(f"qa_{section}_pass_p" for section in self.sections)
        known = tuple(DEFAULT_CATALOG.get(name) for name in sections)
        return QA_METRICS[:3] + tuple(
            metric if metric is not None else qa_section_metric(section)
            for metric, section in zip(known, self.sections, strict=True)
        )

    def to_dict(self) -> dict[str, Any]:
        """The checklist as a document: ``{"version": 1, "key", "name", "items": [...]}``."""
        return {
            "version": FORMAT_VERSION,
            "key": self.key,
            "name": dict(self.name),
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Checklist:
        """A checklist from the document :meth:`to_dict` writes (as read from JSON or TOML).

        Every problem raises :class:`~agentlevels.SchemeFileError` locating it
        (``items[3].weight``).
        """
        document = expect_mapping(data, "")
        check_keys(document, "", required=("key", "name", "items"), optional=("version",))
        if "version" in document and expect_int(document["version"], "version") != FORMAT_VERSION:
            raise SchemeFileError(
                f"unsupported version; this library reads version {FORMAT_VERSION}",
                key_path="version",
            )
        key = expect_str(document["key"], "key")
        name = expect_texts(document["name"], "name", required=True)
        raw_items = expect_sequence(document["items"], "items")
        items: list[ChecklistItem] = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_items):
            where = child_path("items", index)
            item = ChecklistItem.from_dict(raw, key_path=where)
            if item.key in seen:
                raise SchemeFileError(
                    f"item key {item.key!r} is used twice (first at items[{seen[item.key]}])",
                    key_path=child_path(where, "key"),
                )
            seen[item.key] = index
            items.append(item)
        try:
            return cls(key, name, items)
        except QualityError as error:
            raise SchemeFileError(str(error), key_path="key" if items else "items") from None
