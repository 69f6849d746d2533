"""Reviews a lead fills in against a checklist, the forms they start from, and their scores.

A review's score is the weighted percentage of the applicable items that
passed: items marked not applicable (``"na"``) count neither way. A failed
critical item fails the review: its score is 0, whatever else passed. The
arithmetic is exact (fractions) and rounded once, so the score does not
depend on the order of the items.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs

from agentlevels._documents import check_keys, expect_mapping, expect_str
from agentlevels._errors import QualityError, SchemeFileError
from agentlevels._formats import child_path
from agentlevels._quality.checklist import Checklist
from agentlevels._values import FrozenMap

__all__ = ["RESULTS", "Review", "ReviewForm", "ReviewScore", "review_problems", "score"]

RESULTS: Final = ("pass", "fail", "na")
"""What a review may say of an item: passed, failed, or not applicable."""


def _check_id(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise QualityError(f"a review's {attribute.name} is a non-empty string, not {value!r}")


def _to_day(value: object) -> datetime.date:
    # A time of day adds nothing to a monthly review; keep the day it was made.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise QualityError(f"a review's reviewed_on is a date such as 2026-11-03, not {value!r}")


def _results(value: object) -> FrozenMap[str]:
    if not isinstance(value, Mapping):
        raise QualityError(f"a review's results map item keys to pass, fail or na, not {value!r}")
    for key, result in value.items():
        if not isinstance(key, str) or result not in RESULTS:
            raise QualityError(
                f"results[{key!r}] is one of pass, fail or na, not {result!r}"
                if isinstance(key, str)
                else f"results: item keys are strings, not {key!r}"
            )
    return FrozenMap(value)


def _comments(value: object) -> FrozenMap[str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(key, str) and isinstance(text, str) for key, text in value.items()
    ):
        raise QualityError(f"a review's comments map item keys to text, not {value!r}")
    return FrozenMap(value)


def _check_flag(_: object, __: object, value: object) -> None:
    if not isinstance(value, bool):
        raise QualityError(f"a review's atypical flag is true or false, not {value!r}")


@attrs.frozen
class Review:
    """One conversation checked against a checklist by a reviewer on a day.

    ``results`` says ``"pass"``, ``"fail"`` or ``"na"`` (not applicable) for
    every item of the checklist; ``comments`` may explain some of them.
    ``atypical`` matches the audit sample (a promotion, an unusual request).

    >>> import datetime
    >>> review = Review("c1", "anna", "rasa", datetime.date(2026, 11, 3), {"greet": "pass"})
    >>> review.results["greet"], review.atypical
    ('pass', False)
    """

    conversation: str = attrs.field(validator=_check_id)
    agent: str = attrs.field(validator=_check_id)
    reviewer: str = attrs.field(validator=_check_id)
    reviewed_on: datetime.date = attrs.field(converter=_to_day)
    results: FrozenMap[str] = attrs.field(converter=_results)
    atypical: bool = attrs.field(default=False, validator=_check_flag)
    comments: FrozenMap[str] = attrs.field(factory=FrozenMap, converter=_comments)

    @property
    def label(self) -> str:
        """How problems name the review: ``review c101 (anna)``."""
        return f"review {self.conversation} ({self.agent})"

    def to_dict(self) -> dict[str, Any]:
        """The review as JSON/TOML-ready data (what :meth:`from_dict` reads)."""
        data: dict[str, Any] = {
            "conversation": self.conversation,
            "agent": self.agent,
            "reviewer": self.reviewer,
            "reviewed_on": self.reviewed_on.isoformat(),
            "atypical": self.atypical,
            "results": dict(self.results),
        }
        if self.comments:
            data["comments"] = dict(self.comments)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, key_path: str = "") -> Review:
        """A review from a table as :meth:`to_dict` writes it (dates as ``2026-11-03``).

        A result left empty, as on a fresh :class:`ReviewForm`, is reported
        as not filled in. Problems raise :class:`~agentlevels.SchemeFileError`
        at ``key_path``.
        """
        data = expect_mapping(data, key_path)
        check_keys(
            data,
            key_path,
            required=("conversation", "agent", "reviewer", "reviewed_on", "results"),
            optional=("atypical", "comments"),
        )
        fields: dict[str, Any] = {
            name: expect_str(data[name], child_path(key_path, name))
            for name in ("conversation", "agent", "reviewer")
        }
        results_path = child_path(key_path, "results")
        results = expect_mapping(data["results"], results_path)
        for item, result in results.items():
            if result not in RESULTS:
                filled = "not filled in" if result == "" else f"{result!r} is not a result"
                raise SchemeFileError(
                    f"{filled}: write pass, fail or na", key_path=child_path(results_path, item)
                )
        comments = expect_mapping(data.get("comments", {}), child_path(key_path, "comments"))
        for item, text in comments.items():
            expect_str(text, child_path(child_path(key_path, "comments"), item), non_empty=False)
        atypical = data.get("atypical", False)
        if not isinstance(atypical, bool):
            raise SchemeFileError(
                "expected true or false", key_path=child_path(key_path, "atypical")
            )
        try:
            reviewed_on = _to_day(data["reviewed_on"])
        except QualityError as error:
            raise SchemeFileError(
                str(error), key_path=child_path(key_path, "reviewed_on")
            ) from None
        return cls(
            reviewed_on=reviewed_on, results=results, atypical=atypical, comments=comments, **fields
        )


def _keys(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class ReviewForm:
    """A review to fill in: the conversation and its agent prefilled, one line per item.

    :meth:`AuditSample.forms <agentlevels.routing.AuditSample.forms>` hands
    these out for the sampled conversations.

    >>> form = ReviewForm("mini", "c1", "anna", ("greet", "thank"))
    >>> form.to_dict()["results"]
    {'greet': '', 'thank': ''}
    """

    checklist: str
    conversation: str
    agent: str
    items: tuple[str, ...] = attrs.field(converter=_keys)
    atypical: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The form as a review table with empty results, for a lead to fill in."""
        return {
            "conversation": self.conversation,
            "agent": self.agent,
            "reviewer": "",
            "reviewed_on": "",
            "atypical": self.atypical,
            "results": dict.fromkeys(self.items, ""),
            "comments": {},
        }

    def fill(
        self,
        reviewer: str,
        reviewed_on: datetime.date | str,
        results: Mapping[str, str],
        comments: Mapping[str, str] | None = None,
    ) -> Review:
        """The :class:`Review` of this form's conversation with these results."""
        return Review(
            self.conversation,
            self.agent,
            reviewer,
            reviewed_on,
            results,
            atypical=self.atypical,
            comments=comments or {},
        )


@attrs.frozen
class ReviewScore:
    """What :func:`score` found in one review.

    ``score`` is the weighted percentage of the applicable items that passed,
    0 when a critical item failed, and unknown (``None``) when no item was
    applicable. ``weighted`` is the percentage before the critical rule.
    ``failed`` and ``critical_failures`` list item keys in checklist order.
    """

    review: Review
    score: float | None
    weighted: float | None
    failed: tuple[str, ...]
    critical_failures: tuple[str, ...]
    not_applicable: tuple[str, ...]

    @property
    def failed_critically(self) -> bool:
        """True when a critical item failed."""
        return bool(self.critical_failures)


def review_problems(checklist: Checklist, review: Review) -> list[str]:
    """Every way ``review`` does not fit ``checklist``: unknown and missing items."""
    known = set(checklist.keys)
    problems = [
        f"{review.label}: {where}.{key}: {checklist.key} has no item {key!r}"
        for where, keys in (("results", review.results), ("comments", review.comments))
        for key in keys
        if key not in known
    ]
    missing = [key for key in checklist.keys if key not in review.results]
    if missing:
        problems.append(f"{review.label}: results: no result for {', '.join(missing)}")
    return problems


def _percent(part: Fraction, whole: Fraction) -> float | None:
    return None if whole == 0 else float(100 * part / whole)


def score(checklist: Checklist, review: Review) -> ReviewScore:
    """The score of ``review`` against ``checklist``.

    A review that does not fit the checklist raises
    :class:`~agentlevels.QualityError` listing every problem at once.

    >>> import datetime
    >>> checklist = Checklist("mini", "Mini", [ChecklistItem("greet", "Greet"),
    ...     ChecklistItem("solve", "Solve", weight=3), ChecklistItem("thank", "Thank")])
    >>> review = Review("c1", "anna", "rasa", datetime.date(2026, 11, 3),
    ...     {"greet": "fail", "solve": "pass", "thank": "na"})
    >>> score(checklist, review).score
    75.0
    """
    if not isinstance(checklist, Checklist) or not isinstance(review, Review):
        raise QualityError("score() takes a Checklist and a Review")
    problems = review_problems(checklist, review)
    if problems:
        raise QualityError(problems)
    passed = applicable = Fraction(0)
    failed: list[str] = []
    critical: list[str] = []
    skipped: list[str] = []
    for item in checklist.items:
        result = review.results[item.key]
        if result == "na":
            skipped.append(item.key)
            continue
        applicable += Fraction(item.weight)
        if result == "pass":
            passed += Fraction(item.weight)
        else:
            failed.append(item.key)
            if item.critical:
                critical.append(item.key)
    weighted = _percent(passed, applicable)
    return ReviewScore(
        review,
        0.0 if critical else weighted,
        weighted,
        tuple(failed),
        tuple(critical),
        tuple(skipped),
    )


def fits(checklist: Checklist, reviews: Iterable[Review]) -> list[str]:
    """Every problem of ``reviews`` against ``checklist``, duplicates included."""
    problems: list[str] = []
    seen: set[str] = set()
    for index, review in enumerate(reviews):
        if not isinstance(review, Review):
            problems.append(f"reviews[{index}] is not a Review: {review!r}")
            continue
        if review.conversation in seen:
            problems.append(f"{review.label}: conversation {review.conversation} is reviewed twice")
        seen.add(review.conversation)
        problems.extend(review_problems(checklist, review))
    return problems
