"""Quality reviews: the preset checklists, scores, QA metrics, windows and the review loop."""

from __future__ import annotations

import datetime
import pickle
import random
from pathlib import Path

import pytest

import agentlevels
from agentlevels import (
    Checklist,
    ChecklistItem,
    QualityError,
    Review,
    ReviewForm,
    compile,
    explain,
    item_failures,
    presets,
    quality_metrics,
    score,
)
from agentlevels.routing import AuditCandidate, AuditSample, sample_for_audit

NOV = (datetime.date(2026, 11, 1), datetime.date(2026, 12, 1))
DAY = datetime.date(2026, 11, 3)

# The seed's 21 points, in its order (docs/quality.md has the full texts).
SEED_ORDER = (
    "greet",
    "apologise_empathise",
    "use_name",
    "explain_problem",
    "plain_language",
    "listen_actively",
    "several_solutions",
    "alternatives",
    "answer_every_question",
    "product_knowledge",
    "time_estimate",
    "next_steps",
    "teach_customer",
    "positive_tone",
    "more_questions",
    "thank_customer",
    "solve_in_time",
    "categorise_case",
    "first_reply_solution",
    "no_blame",
    "further_help",
)


def mini() -> Checklist:
    return Checklist(
        "mini",
        {"en": "Mini", "ru": "Мини"},
        [
            ChecklistItem("greet", "Greet", section="greeting"),
            ChecklistItem("solve", "Solve", weight=3, section="solving"),
            ChecklistItem("blame", "Do not blame", critical=True),
            ChecklistItem("thank", "Thank", section="closing"),
        ],
    )


def review(
    conversation: str = "c1", agent: str = "anna", day: object = DAY, **results: str
) -> Review:
    filled = {"greet": "pass", "solve": "pass", "blame": "pass", "thank": "pass"} | results
    return Review(conversation, agent, "rasa", day, filled)


# ------------------------------------------------------------------ presets


def test_quality_checklist_has_the_seeds_21_points_in_order() -> None:
    checklist = presets.quality_checklist()
    assert checklist.keys == SEED_ORDER
    assert len(set(checklist.keys)) == 21
    assert checklist.item("greet").text["lt"] == "Pasveikinkite vartotoją"
    assert checklist.item("no_blame").text["lt"] == "Nekaltinkite kliento"
    assert checklist.item("no_blame").critical


@pytest.mark.parametrize("factory", [presets.quality_checklist, presets.audit_checklist])
def test_every_preset_item_has_every_locale(factory: object) -> None:
    assert callable(factory)
    checklist = factory()
    assert isinstance(checklist, Checklist)
    assert set(checklist.name) == {"en", "ru", "lt"}
    assert len(set(checklist.keys)) == len(checklist.items)
    for item in checklist.items:
        assert set(item.text) == {"en", "ru", "lt"}, item.key
        assert all(text.strip() == text and text for text in item.text.values()), item.key
        assert item.section is not None
        assert item.weight == 1
    assert factory() is checklist  # built once


def test_audit_checklist_has_the_articles_points() -> None:
    checklist = presets.audit_checklist()
    assert checklist.keys == (
        "routine_template",
        "formal_address",
        "greeting",
        "farewell",
        "answered_in_chat",
        "promotion_handled",
    )
    assert checklist.sections == ("templates", "instructions", "promotions")
    assert "«вы»" in checklist.item("formal_address").text["ru"]


@pytest.mark.parametrize("factory", [presets.quality_checklist, presets.audit_checklist])
def test_preset_metrics_are_in_the_default_catalog(factory: object) -> None:
    assert callable(factory)
    for metric in factory().metrics():
        assert agentlevels.DEFAULT_CATALOG[metric.name] == metric


def test_checklists_pickle_and_compare_by_value() -> None:
    checklist = presets.quality_checklist()
    assert pickle.loads(pickle.dumps(checklist)) == checklist
    assert hash(mini()) == hash(mini())


# ------------------------------------------------------------------ checklists


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ChecklistItem("Greet", "x"), "lower-case"),
        (lambda: ChecklistItem("greet", "x", weight=0), "above 0"),
        (lambda: ChecklistItem("greet", "x", weight=True), "weight"),
        (lambda: ChecklistItem("greet", "x", weight=float("nan")), "weight"),
        (lambda: ChecklistItem("greet", "x", critical=1), "true or false"),  # type: ignore[arg-type]
        (lambda: ChecklistItem("greet", "x", section="Greeting!"), "section"),
        (lambda: ChecklistItem("greet", {"ru": "x"}), "'en'"),
        (lambda: Checklist("mini", "Mini", []), "at least one item"),
        (lambda: Checklist("Mini Checklist", "Mini", [ChecklistItem("a", "A")]), "checklist key"),
        (
            lambda: Checklist("mini", "Mini", [ChecklistItem("a", "A"), ChecklistItem("a", "B")]),
            "used twice",
        ),
        (lambda: Checklist("mini", "Mini", "greet"), "list of ChecklistItem"),  # type: ignore[arg-type]
    ],
)
def test_bad_checklists_are_refused(build: object, message: str) -> None:
    assert callable(build)
    with pytest.raises(QualityError, match=message):
        build()


def test_a_custom_section_gets_a_metric_for_the_catalog() -> None:
    checklist = Checklist("x", "X", [ChecklistItem("upsell", "Upsell", section="sales")])
    names = [metric.name for metric in checklist.metrics()]
    assert names == ["qa_score_p", "qa_reviews", "qa_critical_fails", "qa_sales_pass_p"]
    catalog = agentlevels.DEFAULT_CATALOG.extend(checklist.metrics()[3:])
    assert compile("$qa_sales_pass_p >= 80", catalog=catalog)({"qa_sales_pass_p": 90.0}) is True


# ------------------------------------------------------------------ scores


def test_score_is_weighted_over_applicable_items() -> None:
    result = score(mini(), review(greet="fail", thank="na"))
    # applicable: greet 1, solve 3, blame 1 -> passed 4 of 5
    assert result.score == 80.0
    assert result.weighted == 80.0
    assert result.failed == ("greet",)
    assert result.not_applicable == ("thank",)
    assert not result.failed_critically


def test_a_failed_critical_item_fails_the_review() -> None:
    result = score(mini(), review(blame="fail", greet="fail"))
    assert result.score == 0.0
    assert result.weighted == pytest.approx(400 / 6)
    assert result.critical_failures == ("blame",)
    assert result.failed == ("greet", "blame")


def test_nothing_applicable_is_unknown() -> None:
    result = score(mini(), review(greet="na", solve="na", blame="na", thank="na"))
    assert result.score is None
    assert result.weighted is None


def test_all_problems_of_a_review_are_reported_at_once() -> None:
    bad = Review("c9", "anna", "rasa", DAY, {"greet": "pass", "smile": "pass"}, comments={"x": "?"})
    with pytest.raises(QualityError) as caught:
        score(mini(), bad)
    problems = caught.value.problems
    assert len(problems) == 3
    assert "review c9 (anna): results.smile: mini has no item 'smile'" in problems
    assert "review c9 (anna): comments.x: mini has no item 'x'" in problems
    assert "review c9 (anna): results: no result for solve, blame, thank" in problems
    assert str(caught.value).startswith("3 problems:\n  - ")
    assert pickle.loads(pickle.dumps(caught.value)).problems == problems


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"conversation": ""}, "conversation"),
        ({"agent": 7}, "agent"),
        ({"reviewed_on": "03.11.2026"}, "date such as"),
        ({"results": {"greet": "ok"}}, "pass, fail or na"),
        ({"results": ["greet"]}, "results map"),
        ({"atypical": "yes"}, "atypical"),
        ({"comments": {"greet": 3}}, "comments map"),
    ],
)
def test_bad_reviews_are_refused(fields: dict[str, object], message: str) -> None:
    base: dict[str, object] = {
        "conversation": "c1",
        "agent": "anna",
        "reviewer": "rasa",
        "reviewed_on": DAY,
        "results": {"greet": "pass"},
    }
    with pytest.raises(QualityError, match=message):
        Review(**(base | fields))  # type: ignore[arg-type]


def test_review_days_come_from_dates_datetimes_and_text() -> None:
    moment = datetime.datetime(2026, 11, 3, 17, 30, tzinfo=datetime.UTC)
    assert review(day=moment).reviewed_on == DAY
    assert review(day="2026-11-03").reviewed_on == DAY


# ------------------------------------------------------------------ metrics


def test_metrics_average_scores_count_reviews_and_critical_failures() -> None:
    reviews = [
        review("c1", greet="fail"),  # 5 of 6 -> 83.33
        review("c2", blame="fail"),  # critical -> 0
        review("c3", agent="boris"),
    ]
    metrics = quality_metrics(mini(), reviews, window=NOV)
    anna = metrics["anna"]
    assert anna["qa_reviews"] == 2
    assert anna["qa_critical_fails"] == 1
    assert anna["qa_score_p"] == pytest.approx((500 / 6) / 2)
    assert anna["qa_greeting_pass_p"] == 50.0
    assert anna["qa_solving_pass_p"] == 100.0
    assert metrics["boris"]["qa_score_p"] == 100.0
    assert list(metrics) == ["anna", "boris"]


def test_section_shares_are_weighted_and_skip_not_applicable() -> None:
    checklist = Checklist(
        "w",
        "W",
        [
            ChecklistItem("a", "A", weight=1, section="s"),
            ChecklistItem("b", "B", weight=3, section="s"),
        ],
    )
    reviews = [
        Review("c1", "anna", "rasa", DAY, {"a": "pass", "b": "fail"}),
        Review("c2", "anna", "rasa", DAY, {"a": "na", "b": "pass"}),
    ]
    assert quality_metrics(checklist, reviews, window=None)["anna"]["qa_s_pass_p"] == 400 / 7


def test_agents_never_reviewed_in_the_window_are_unknown_not_zero() -> None:
    reviews = [review("c1"), review("c0", agent="boris", day=datetime.date(2026, 10, 30))]
    metrics = quality_metrics(mini(), reviews, window=NOV, agents=["anna", "boris", "chen"])
    assert set(metrics) == {"anna", "boris", "chen"}
    for agent in ("boris", "chen"):
        assert set(metrics[agent].values()) == {None}
        assert list(metrics[agent]) == [m.name for m in mini().metrics()]
    condition = compile("$qa_score_p >= 90 && $qa_critical_fails == 0")
    assert condition(metrics["anna"]) is True
    assert condition(metrics["chen"]) is False  # not met ...
    assert condition.evaluate(metrics["chen"]) is None  # ... because unknown


def test_window_is_first_day_included_end_day_excluded() -> None:
    reviews = [
        review("c1", day=datetime.date(2026, 10, 31)),
        review("c2", day=datetime.date(2026, 11, 1)),
        review("c3", day=datetime.date(2026, 11, 30)),
        review("c4", day=datetime.date(2026, 12, 1)),
    ]
    assert quality_metrics(mini(), reviews, window=NOV)["anna"]["qa_reviews"] == 2
    assert quality_metrics(mini(), reviews, window=None)["anna"]["qa_reviews"] == 4


@pytest.mark.parametrize(
    "window",
    [
        (datetime.date(2026, 12, 1), datetime.date(2026, 11, 1)),
        (datetime.date(2026, 11, 1),),
        ("2026-11-01", "2026-12-01"),
        (datetime.datetime(2026, 11, 1), datetime.datetime(2026, 12, 1)),
    ],
)
def test_bad_windows_are_refused(window: object) -> None:
    with pytest.raises(QualityError, match="window is"):
        quality_metrics(mini(), [review()], window=window)  # type: ignore[arg-type]


def test_every_misfit_of_every_review_is_reported_together() -> None:
    reviews = [
        review("c1", agent="zed"),
        review("c1"),
        Review("c2", "anna", "rasa", DAY, {"greet": "pass"}),
        review("c3", agent="boris"),
    ]
    forms = [ReviewForm("mini", "c3", "anna", mini().keys)]
    with pytest.raises(QualityError) as caught:
        quality_metrics(mini(), reviews, window=NOV, agents=["anna", "boris"], forms=forms)
    assert caught.value.problems == (
        "review c1 (anna): conversation c1 is reviewed twice",
        "review c2 (anna): results: no result for solve, blame, thank",
        "review c1 (zed): agent 'zed' is not on the team",
        "review c3 (boris): wrong agent: conversation c3 was handled by anna",
    )


def test_item_failures_put_the_most_failed_first() -> None:
    reviews = [review("c1", thank="fail"), review("c2", thank="fail", greet="fail")]
    assert item_failures(mini(), reviews)[:2] == [("thank", 2, 2), ("greet", 1, 2)]


# ------------------------------------------------------------------ the loop


def test_qa_conditions_check_explain_and_compile() -> None:
    text = "$qa_score_p >= 90 && $qa_critical_fails == 0"
    assert agentlevels.check(text).ok
    said = explain(text)
    assert "$" not in said
    assert "quality review score" in said
    assert "$" not in explain("$qa_solving_pass_p > 80", "ru")


def test_audit_sample_hands_out_forms_to_fill() -> None:
    pool = [
        AuditCandidate(f"c{i}", ["anna", "boris"][i % 2], atypical=i % 5 == 0) for i in range(30)
    ]
    sample = sample_for_audit(pool, per_month=10, rng=random.Random(3))
    checklist = presets.quality_checklist()
    forms = sample.forms(checklist)
    assert [form.conversation for form in forms] == [c.id for c in sample.all]
    assert [form.agent for form in forms] == [c.operator for c in sample.all]
    assert [form.atypical for form in forms] == [c.atypical for c in sample.all]
    assert all(form.items == checklist.keys and form.checklist == checklist.key for form in forms)
    blank = forms[0].to_dict()
    assert set(blank["results"].values()) == {""}
    filled = forms[0].fill("rasa", DAY, dict.fromkeys(checklist.keys, "pass"))
    assert score(checklist, filled).score == 100.0
    assert filled.atypical == forms[0].atypical


def test_forms_need_a_checklist() -> None:
    with pytest.raises(agentlevels.routing.RoutingError, match="Checklist"):
        AuditSample((), ()).forms("quality")  # type: ignore[arg-type]


@pytest.mark.parametrize("factory", [presets.quality_checklist, presets.audit_checklist])
def test_docs_preset_tables_are_current(factory: object) -> None:
    assert callable(factory)
    checklist = factory()
    text = (Path(__file__).resolve().parent.parent / "docs" / "quality.md").read_text("utf-8")
    rows = [
        f"| {n} | `{item.key}` | {item.section} | {'yes' if item.critical else '—'} | "
        f"{item.text['en']} | {item.text['ru']} | {item.text['lt']} |"
        for n, item in enumerate(checklist.items, start=1)
    ]
    assert "\n".join(rows) in text
