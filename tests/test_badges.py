"""Badges as values: the presets as data, validation, and badge-set files."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest

import agentlevels
from agentlevels import (
    Badge,
    BadgeError,
    Catalog,
    ComparativeRule,
    FormulaError,
    Metric,
    RandomRule,
    ThresholdRule,
    dump_badges,
    load_badges,
    presets,
)
from agentlevels._badges.files import badges_from_dict, badges_to_dict
from agentlevels._errors import SchemeFileError

PRESET_KEYS = (
    "traffic_controller",
    "siesta",
    "rebel",
    "inspector",
    "speedy_gonzales",
    "rewarded",
    "coffee_lover",
    "novelist",
    "tag_hanger",
    "four_leaf_clover",
    "express",
    "diligent",
    "chatterbox",
    "cleaner",
    "speaker",
)

LATVIAN = {
    "traffic_controller": "Satiksmes regulētājs",
    "siesta": "Siesta",
    "rebel": "Nevaldāms Nemiernieks",
    "inspector": "Inspektors",
    "speedy_gonzales": "Veiklais Gonzaless",
    "rewarded": "Atzīts",
    "coffee_lover": "Kafijmīlis",
    "novelist": "Romānists",
    "tag_hanger": "Birku Karinātājs",
    "four_leaf_clover": "Četrlapis",
    "express": "Ekspresis",
    "diligent": "Centis",
    "chatterbox": "Pļāpa",
    "cleaner": "Apkopējs",
    "speaker": "Runasvīrs",
}

# key: (metric, direction, window, eligible, minimum) as the domain spec has them.
PRESET_RULES = {
    "traffic_controller": ("$transferred_tickets", "most", "7d", "true", None),
    "siesta": ("$break_seconds", "most", "7d", "true", None),
    "rebel": ("$punishments", "most", "7d", "true", 1),
    "inspector": ("$avg_ticket_view_seconds", "most", "1d", "true", None),
    "speedy_gonzales": ("$avg_chat_pickup_seconds", "least", "1d", "$chats >= 1", None),
    "rewarded": ("$rewards", "most", "7d", "true", 1),
    "coffee_lover": ("$breaks", "most", "7d", "true", None),
    "novelist": ("$longest_answer_chars", "most", "1d", "true", None),
    "tag_hanger": ("$tagged_tickets", "most", "7d", "true", None),
    "express": (
        "$avg_handling_seconds",
        "least",
        "7d",
        "$resolved_tickets + $deleted_tickets >= 1",
        None,
    ),
    "diligent": ("$online_seconds", "most", "7d", "true", None),
    "chatterbox": ("$longest_chat_seconds", "most", "1d", "true", None),
    "cleaner": ("$resolved_tickets + $deleted_tickets", "most", "7d", "true", None),
    "speaker": ("$longest_call_seconds", "most", "1d", "true", None),
}


def wrong(value: object) -> Any:
    """A value of the wrong type, passed on purpose to test validation."""
    return value


def preset(key: str) -> Badge:
    return next(badge for badge in presets.badges() if badge.key == key)


# --- the presets as data -----------------------------------------------------------------------


def test_fifteen_presets_in_the_source_order() -> None:
    assert tuple(badge.key for badge in presets.badges()) == PRESET_KEYS


def test_presets_are_built_once() -> None:
    assert presets.badges() is presets.badges()


@pytest.mark.parametrize("key", PRESET_KEYS)
def test_every_preset_has_every_text(key: str) -> None:
    badge = preset(key)
    assert set(badge.name) == {"en", "ru", "lv"}
    assert set(badge.description) == {"en", "ru"}
    for text in (*badge.name.values(), *badge.description.values()):
        assert text.strip()
        assert text == text.strip()
    assert badge.name_in("lv") == LATVIAN[key]
    assert badge.name_in("ru") == badge.name["ru"]
    assert badge.name_in() == str(badge.name) == badge.name["en"]
    assert badge.image == f"{key}.png"


def test_preset_texts_are_distinct() -> None:
    for locale in ("en", "ru", "lv"):
        assert len({badge.name_in(locale) for badge in presets.badges()}) == 15, locale
    for locale in ("en", "ru"):
        assert len({badge.description_in(locale) for badge in presets.badges()}) == 15, locale


@pytest.mark.parametrize("key", sorted(PRESET_RULES))
def test_comparative_presets_follow_the_domain_spec(key: str) -> None:
    metric, direction, window, eligible, minimum = PRESET_RULES[key]
    badge = preset(key)
    assert isinstance(badge.rule, ComparativeRule)
    assert badge.rule.metric == agentlevels.compile(metric, kind="number")
    assert badge.rule.direction == direction
    assert badge.rule.eligible == agentlevels.compile(eligible)
    assert badge.rule.minimum == minimum
    assert badge.window == window


def test_four_leaf_clover_is_rare_and_among_online_agents() -> None:
    badge = preset("four_leaf_clover")
    assert isinstance(badge.rule, RandomRule)
    assert 0 < badge.rule.probability <= 0.02
    assert badge.rule.eligible == agentlevels.compile("$online")


@pytest.mark.parametrize("key", PRESET_KEYS)
def test_preset_formulas_check_clean(key: str) -> None:
    rule = preset(key).rule
    assert isinstance(rule, ComparativeRule | RandomRule)
    formulas = (
        (rule.metric, rule.eligible) if isinstance(rule, ComparativeRule) else (rule.eligible,)
    )
    for formula in formulas:
        assert formula.warnings == ()
        assert formula.variables <= set(agentlevels.DEFAULT_CATALOG)


def test_locale_falls_back_to_english() -> None:
    badge = preset("cleaner")
    assert badge.name_in("de") == "Cleaner"
    assert badge.description_in("lv") == badge.description["en"]
    assert badge.description_in("ru") == badge.description["ru"]
    bare = Badge("x", "X", rule=ThresholdRule("$chats >= 1"))
    assert bare.name_in("ru") == "X"
    assert bare.description_in("ru") == ""


# --- badges and rules as values ----------------------------------------------------------------


def test_badges_are_frozen_hashable_and_picklable() -> None:
    badge = preset("cleaner")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        badge.key = "other"  # type: ignore[misc]  # the point is that assignment fails
    assert hash(badge) == hash(pickle.loads(pickle.dumps(badge)))
    assert pickle.loads(pickle.dumps(badge)) == badge
    assert len(set(presets.badges())) == 15


def test_formulas_compile_once_at_construction() -> None:
    rule = ComparativeRule("$resolved_tickets + $deleted_tickets")
    assert isinstance(rule.metric, agentlevels.Formula)
    assert rule.metric.kind == "number"
    assert rule.eligible.kind == "boolean"
    assert rule.metric.evaluate({"resolved_tickets": 2, "deleted_tickets": 3}) == 5


def test_rule_accepts_a_formula_compiled_against_a_custom_catalog() -> None:
    catalog = agentlevels.DEFAULT_CATALOG.extend([Metric("upsells", unit="count", minimum=0)])
    metric = agentlevels.compile("$upsells", catalog=catalog, kind="number")
    rule = ComparativeRule(metric)
    assert rule.metric is metric


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Badge("Bad Key", "X", rule=ThresholdRule("true")), "badge key"),
        (lambda: Badge("", "X", rule=ThresholdRule("true")), "badge key"),
        (lambda: Badge("x", "  ", rule=ThresholdRule("true")), "English name"),
        (lambda: Badge("x", {"ru": "Икс"}, rule=ThresholdRule("true")), "English"),
        (lambda: Badge("x", wrong({"en": 3}), rule=ThresholdRule("true")), "text"),
        (lambda: Badge("x", "X", description=wrong(5), rule=ThresholdRule("true")), "text"),
        (lambda: Badge("x", "X", window="", rule=ThresholdRule("true")), "window"),
        (lambda: Badge("x", "X", rule=wrong("$chats")), "rule"),
        (lambda: Badge("x", "X", image=wrong(3), rule=ThresholdRule("true")), "image"),
        (lambda: ComparativeRule("$chats", wrong("more")), "direction"),
        (lambda: ComparativeRule("$chats", minimum=float("nan")), "minimum"),
        (lambda: ComparativeRule("$chats", minimum=True), "minimum"),
        (lambda: RandomRule(1.5), "probability"),
        (lambda: RandomRule(-0.1), "probability"),
        (lambda: RandomRule(float("inf")), "probability"),
        (lambda: ComparativeRule(agentlevels.compile("$chats > 1")), "number formula"),
        (lambda: ThresholdRule(agentlevels.compile("$chats", kind="number")), "boolean"),
        (lambda: ThresholdRule(wrong(42)), "formula text"),
    ],
)
def test_invalid_badges_raise_badge_error(build: object, message: str) -> None:
    with pytest.raises(BadgeError, match=message):
        build()  # type: ignore[operator]  # each case is a zero-argument callable


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: ComparativeRule("$chats > 1"), agentlevels.FormulaTypeError),
        (lambda: ComparativeRule("$chat"), agentlevels.UnknownVariableError),
        (lambda: ThresholdRule("$chats >="), agentlevels.FormulaSyntaxError),
        (lambda: RandomRule(0.5, eligible="$online +"), agentlevels.FormulaSyntaxError),
    ],
)
def test_bad_formula_text_raises_formula_errors(build: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        build()  # type: ignore[operator]  # each case is a zero-argument callable
    assert issubclass(error, FormulaError)


# --- files -------------------------------------------------------------------------------------


CUSTOM = Badge(
    "chats_100",
    {"en": "Hundred Chats", "ru": "Сотня чатов"},
    description="Handled 100 chats in a week.",
    window="7d",
    rule=ThresholdRule("$chats >= 100"),
)


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_badge_sets_round_trip_through_files(tmp_path: Path, suffix: str) -> None:
    badges = (*presets.badges(), CUSTOM)
    path = tmp_path / f"badges{suffix}"
    dump_badges(badges, path)
    assert load_badges(path) == badges
    assert load_badges(str(path)) == badges


def test_to_dict_round_trips_and_is_json() -> None:
    for badge in (*presets.badges(), CUSTOM):
        data = badge.to_dict()
        assert Badge.from_dict(json.loads(json.dumps(data))) == badge
    assert badges_to_dict([CUSTOM])["version"] == 1
    assert CUSTOM.to_dict() == {
        "key": "chats_100",
        "name": {"en": "Hundred Chats", "ru": "Сотня чатов"},
        "description": {"en": "Handled 100 chats in a week."},
        "window": "7d",
        "rule": {"type": "threshold", "condition": "$chats >= 100"},
    }


def test_from_dict_takes_plain_text_names_and_defaults() -> None:
    badge = Badge.from_dict(
        {"key": "busy", "name": "Busy", "rule": {"type": "comparative", "metric": "$chats"}}
    )
    assert badge == Badge("busy", "Busy", rule=ComparativeRule("$chats"))
    assert badge.window == "7d"


def test_from_dict_does_not_mutate_its_input() -> None:
    data = preset("speedy_gonzales").to_dict()
    before = json.dumps(data, sort_keys=True)
    Badge.from_dict(data)
    assert json.dumps(data, sort_keys=True) == before


def test_from_dict_with_a_custom_catalog() -> None:
    catalog = Catalog([Metric("upsells", unit="count", minimum=0)])
    data = {
        "key": "seller",
        "name": "Seller",
        "rule": {"type": "comparative", "metric": "$upsells"},
    }
    badge = Badge.from_dict(data, catalog=catalog)
    assert isinstance(badge.rule, ComparativeRule)
    assert badge.rule.metric.catalog == catalog
    with pytest.raises(SchemeFileError, match="unknown variable"):
        Badge.from_dict(data)


def _document(rule: object, **badge: object) -> dict[str, object]:
    return {"badges": [{"key": "b", "name": "B", "rule": rule, **badge}]}


@pytest.mark.parametrize(
    ("document", "key_path", "message"),
    [
        ({}, "", "missing required key 'badges'"),
        ({"badges": {}}, "badges", "expected a list"),
        ({"badges": [3]}, "badges[0]", "expected a table"),
        (_document({"type": "threshold", "condition": "true"}, colour="red"), "colour", "unknown"),
        (_document({"type": "lottery"}), "badges[0].rule.type", "unknown rule type"),
        (_document({"condition": "true"}), "badges[0].rule", "'type'"),
        (
            _document({"type": "comparative", "metric": "$chats >= 1"}),
            "badges[0].rule.metric",
            "invalid numeric formula",
        ),
        (
            _document({"type": "threshold", "condition": "$chat >= 1"}),
            "badges[0].rule.condition",
            "invalid condition",
        ),
        (
            _document({"type": "comparative", "metric": "$chats", "direction": "up"}),
            "badges[0].rule.direction",
            "'most' or 'least'",
        ),
        (
            _document({"type": "comparative", "metric": "$chats", "minimum": "1"}),
            "badges[0].rule.minimum",
            "finite number",
        ),
        (
            _document({"type": "random", "probability": 2}),
            "badges[0].rule.probability",
            "from 0 to 1",
        ),
        (
            _document({"type": "threshold", "condition": "true", "metric": "$chats"}),
            "badges[0].rule.metric",
            "unknown key",
        ),
        (_document({"type": "threshold", "condition": 5}), "condition", "expected a string"),
        (_document({"type": "threshold", "condition": "true"}, key="B!"), "badges[0]", "badge key"),
        (
            _document({"type": "threshold", "condition": "true"}, name={"de": "B"}),
            "name",
            "English",
        ),
        (
            _document({"type": "threshold", "condition": "true"}, name={"en": 1}),
            "name.en",
            "string",
        ),
        (
            _document({"type": "threshold", "condition": "true"}, name=""),
            "name",
            "English text must not be empty",
        ),
        ({"version": 2, "badges": []}, "version", "unsupported version"),
        (
            _document({"type": "threshold", "condition": "true"}, name={"ru": "Б"}),
            "name",
            "English",
        ),
        (_document({"type": "threshold", "condition": "true"}, window=7), "window", "string"),
    ],
)
def test_bad_badge_documents_point_at_the_problem(
    document: dict[str, object], key_path: str, message: str
) -> None:
    with pytest.raises(SchemeFileError, match=message) as caught:
        badges_from_dict(document)
    assert key_path in caught.value.key_path
    assert isinstance(caught.value, agentlevels.AgentLevelsError)


def test_formula_errors_in_files_carry_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "badges.toml"
    path.write_text(
        '[[badges]]\nkey = "b"\nname = "B"\n'
        'rule = { type = "threshold", condition = "$chat > 1" }\n',
        encoding="utf-8",
    )
    with pytest.raises(SchemeFileError) as caught:
        load_badges(path)
    error = caught.value
    assert error.path == str(path)
    assert error.key_path == "badges[0].rule.condition"
    assert error.diagnostics[0].code == "unknown-variable"
    assert "did you mean" in str(error)


def test_duplicate_keys_are_refused() -> None:
    document = badges_to_dict([CUSTOM, CUSTOM])
    with pytest.raises(SchemeFileError, match=r"used twice \(first at badges\[0\]\)") as caught:
        badges_from_dict(document)
    assert caught.value.key_path == "badges[1].key"


def test_bad_files_raise_scheme_file_errors(tmp_path: Path) -> None:
    with pytest.raises(SchemeFileError, match="cannot read"):
        load_badges(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"badges": [', encoding="utf-8")
    with pytest.raises(SchemeFileError, match="invalid JSON"):
        load_badges(broken)
    with pytest.raises(SchemeFileError, match="unsupported file type"):
        dump_badges([CUSTOM], tmp_path / "badges.yaml")
    with pytest.raises(BadgeError):
        dump_badges(["cleaner"], tmp_path / "badges.json")  # type: ignore[list-item]  # wrong on purpose


def test_published_schema_matches_the_format() -> None:
    schema_path = Path(__file__).parent.parent / "docs" / "badge-set.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    rules = {
        defs[name]["properties"]["type"]["const"]: defs[name]
        for name in ("comparativeRule", "thresholdRule", "randomRule")
    }
    assert set(rules) == {"comparative", "threshold", "random"}
    document = badges_to_dict((*presets.badges(), CUSTOM))
    assert set(document) <= set(schema["properties"])
    for badge in document["badges"]:
        assert set(badge) <= set(defs["badge"]["properties"])
        assert set(defs["badge"]["required"]) <= set(badge)
        rule = rules[badge["rule"]["type"]]
        assert set(badge["rule"]) <= set(rule["properties"])
        assert set(rule["required"]) <= set(badge["rule"])
