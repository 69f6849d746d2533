"""QA metrics: the reviews in a window turned into per-agent snapshot values for formulas.

Every metric of an agent who has no review in the window is unknown
(``None``), never 0: a zero score would hold back an agent who simply was
not in this month's sample, and zero critical failures would make
``$qa_critical_fails == 0`` true for someone nobody looked at.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TypeAlias

from agentlevels._errors import QualityError
from agentlevels._quality.checklist import Checklist
from agentlevels._quality.review import Review, ReviewForm, fits, score
from agentlevels._values import Value

__all__ = ["Window", "check_window", "item_failures", "quality_metrics", "select_reviews"]

Window: TypeAlias = tuple[datetime.date, datetime.date]
"""From the first day (included) to the end day (excluded): November is (Nov 1, Dec 1)."""


def check_window(window: object) -> Window | None:
    """``window`` if it is ``None`` or two dates in order, else a :class:`QualityError`."""
    if window is None:
        return None
    if (
        not isinstance(window, tuple)
        or len(window) != 2
        or not all(
            isinstance(day, datetime.date) and not isinstance(day, datetime.datetime)
            for day in window
        )
        or window[0] > window[1]
    ):
        raise QualityError(
            "window is (first day, end day), two dates with the end day excluded, "
            f"such as (date(2026, 11, 1), date(2026, 12, 1)); not {window!r}"
        )
    return window[0], window[1]


def _wrong_agents(
    reviews: Iterable[Review],
    agents: Iterable[str] | None,
    forms: Iterable[ReviewForm] | None,
) -> list[str]:
    team = None if agents is None else set(agents)
    handed_out = {form.conversation: form.agent for form in forms or ()}
    problems: list[str] = []
    for review in reviews:
        if not isinstance(review, Review):
            continue
        if team is not None and review.agent not in team:
            problems.append(f"{review.label}: agent {review.agent!r} is not on the team")
        expected = handed_out.get(review.conversation)
        if expected is not None and expected != review.agent:
            problems.append(
                f"{review.label}: wrong agent: conversation {review.conversation} "
                f"was handled by {expected}"
            )
    return problems


def select_reviews(
    checklist: Checklist,
    reviews: Iterable[Review],
    *,
    window: Window | None,
    agents: Iterable[str] | None = None,
    forms: Iterable[ReviewForm] | None = None,
) -> list[Review]:
    """The reviews dated in ``window``, after checking them all against ``checklist``.

    Problems (unknown or missing items, a conversation reviewed twice, an
    agent not in ``agents``, an agent other than the one a form named) are
    raised together as one :class:`~agentlevels.QualityError`.
    """
    if not isinstance(checklist, Checklist):
        raise QualityError(f"checklist must be a Checklist, not {checklist!r}")
    chosen = check_window(window)
    if isinstance(reviews, str | bytes | Mapping) or not isinstance(reviews, Iterable):
        raise QualityError(f"reviews must be a list of Review, not {reviews!r}")
    items = list(reviews)
    problems = fits(checklist, items) + _wrong_agents(items, agents, forms)
    if problems:
        raise QualityError(problems)
    if chosen is None:
        return items
    start, end = chosen
    return [review for review in items if start <= review.reviewed_on < end]


def _mean(values: list[float]) -> float | None:
    # Exact, so the mean does not depend on the order of the reviews.
    return float(sum(map(Fraction, values)) / len(values)) if values else None


def _agent_metrics(checklist: Checklist, reviews: list[Review]) -> dict[str, Value]:
    scores = [score(checklist, review) for review in reviews]
    known = [result.score for result in scores if result.score is not None]
    values: dict[str, Value] = {
        "qa_score_p": _mean(known),
        "qa_reviews": len(reviews),
        "qa_critical_fails": sum(result.failed_critically for result in scores),
    }
    for section in checklist.sections:
        passed = applicable = Fraction(0)
        for item in checklist.items:
            if item.section != section:
                continue
            for review in reviews:
                result = review.results[item.key]
                if result != "na":
                    applicable += Fraction(item.weight)
                    passed += Fraction(item.weight) if result == "pass" else 0
        values[f"qa_{section}_pass_p"] = (
            None if not applicable else float(100 * passed / applicable)
        )
    return values


def quality_metrics(
    checklist: Checklist,
    reviews: Iterable[Review],
    *,
    window: Window | None,
    agents: Iterable[str] | None = None,
    forms: Iterable[ReviewForm] | None = None,
) -> dict[str, dict[str, Value]]:
    """Per-agent QA metrics from the reviews dated in ``window`` (``None``: all of them).

    For each agent: ``qa_score_p`` (mean score), ``qa_reviews`` (count),
    ``qa_critical_fails`` (reviews failed on a critical item) and
    ``qa_<section>_pass_p`` for each section of the checklist (the weighted
    share of the section's applicable items that passed, over all the
    agent's reviews). ``agents`` is the team: each of them gets an entry,
    all unknown (``None``) when not reviewed in the window, and a review of
    anyone else is an error. Problems are reported together, as in
    :func:`select_reviews`.

    >>> import datetime
    >>> checklist = Checklist("mini", "Mini", [ChecklistItem("greet", "Greet", section="greeting"),
    ...     ChecklistItem("blame", "Do not blame", critical=True)])
    >>> reviews = [Review("c1", "anna", "rasa", "2026-11-03", {"greet": "pass", "blame": "pass"})]
    >>> month = (datetime.date(2026, 11, 1), datetime.date(2026, 12, 1))
    >>> metrics = quality_metrics(checklist, reviews, window=month, agents=["anna", "boris"])
    >>> metrics["anna"]["qa_score_p"], metrics["boris"]["qa_score_p"]
    (100.0, None)
    """
    team = None if agents is None else list(dict.fromkeys(agents))
    chosen = select_reviews(checklist, reviews, window=window, agents=team, forms=forms)
    by_agent: dict[str, list[Review]] = {agent: [] for agent in team or ()}
    for review in chosen:
        by_agent.setdefault(review.agent, []).append(review)
    names = [metric.name for metric in checklist.metrics()]
    return {
        agent: _agent_metrics(checklist, items) if items else dict.fromkeys(names)
        for agent, items in sorted(by_agent.items())
    }


def item_failures(
    checklist: Checklist, reviews: Iterable[Review], *, window: Window | None = None
) -> list[tuple[str, int, int]]:
    """``(item key, times failed, times applicable)`` per item, most failed first.

    Ties keep the checklist's order; what a lead coaches on first.
    """
    chosen = select_reviews(checklist, reviews, window=window)
    counts = []
    for item in checklist.items:
        results = [review.results[item.key] for review in chosen]
        counts.append((item.key, results.count("fail"), len(results) - results.count("na")))
    return sorted(counts, key=lambda entry: -entry[1])
