"""Checklists and reviews as files, and ``agentlevels qa`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agentlevels import (
    Checklist,
    ChecklistItem,
    QualityError,
    Review,
    ReviewForm,
    SchemeFileError,
    dump_checklist,
    dump_reviews,
    load_checklist,
    load_reviews,
    presets,
)
from agentlevels.cli import main


@pytest.mark.parametrize("suffix", [".json", ".toml"])
@pytest.mark.parametrize("factory", [presets.quality_checklist, presets.audit_checklist])
def test_checklists_round_trip(tmp_path: Path, suffix: str, factory: Any) -> None:
    path = tmp_path / f"checklist{suffix}"
    dump_checklist(factory(), path)
    assert load_checklist(path) == factory()


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_reviews_round_trip(tmp_path: Path, suffix: str) -> None:
    checklist = Checklist("mini", "Mini", [ChecklistItem("greet", "Greet")])
    reviews = (
        Review("c1", "anna", "rasa", "2026-11-03", {"greet": "fail"}, comments={"greet": "no"}),
        Review("c2", "boris", "rasa", "2026-11-04", {"greet": "na"}, atypical=True),
    )
    path = tmp_path / f"reviews{suffix}"
    dump_reviews(reviews, path, checklist=checklist)
    assert load_reviews(path, checklist=checklist) == reviews


def _write(tmp_path: Path, data: object, name: str = "file.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return path


ITEM = {"key": "greet", "text": {"en": "Greet"}}


@pytest.mark.parametrize(
    ("document", "where", "message"),
    [
        ({"key": "x", "name": "X"}, "", "missing required key 'items'"),
        ({"key": "x", "name": "X", "items": [ITEM], "extra": 1}, "extra", "unknown key"),
        ({"key": "x", "name": "X", "items": [ITEM | {"weight": "2"}]}, "items[0].weight", "number"),
        ({"key": "x", "name": "X", "items": [ITEM | {"weight": -1}]}, "items[0]", "above 0"),
        ({"key": "x", "name": "X", "items": [ITEM | {"critical": 1}]}, "items[0].critical", "true"),
        ({"key": "x", "name": "X", "items": [ITEM, ITEM]}, "items[1].key", "used twice"),
        (
            {"key": "x", "name": "X", "items": [{"key": "g", "text": {"ru": "П"}}]},
            "items[0].text",
            "en",
        ),
        ({"key": "x", "name": "X", "items": []}, "items", "at least one item"),
        ({"version": 2, "key": "x", "name": "X", "items": [ITEM]}, "version", "unsupported"),
    ],
)
def test_checklist_file_errors_point_into_the_file(
    tmp_path: Path, document: dict[str, Any], where: str, message: str
) -> None:
    path = _write(tmp_path, document)
    with pytest.raises(SchemeFileError, match=message) as caught:
        load_checklist(path)
    assert caught.value.key_path == where
    assert caught.value.path == str(path)


REVIEW = {
    "conversation": "c1",
    "agent": "anna",
    "reviewer": "rasa",
    "reviewed_on": "2026-11-03",
    "results": {"greet": "pass"},
}


@pytest.mark.parametrize(
    ("review", "where", "message"),
    [
        (REVIEW | {"results": {"greet": ""}}, "reviews[0].results.greet", "not filled in"),
        (REVIEW | {"results": {"greet": "ok"}}, "reviews[0].results.greet", "'ok' is not a result"),
        (REVIEW | {"reviewed_on": "soon"}, "reviews[0].reviewed_on", "date such as"),
        (REVIEW | {"agent": ""}, "reviews[0].agent", "non-empty"),
        (REVIEW | {"atypical": "no"}, "reviews[0].atypical", "true or false"),
        (REVIEW | {"score": 5}, "reviews[0].score", "unknown key"),
        ({k: v for k, v in REVIEW.items() if k != "reviewer"}, "reviews[0]", "'reviewer'"),
    ],
)
def test_review_file_errors_point_into_the_file(
    tmp_path: Path, review: dict[str, Any], where: str, message: str
) -> None:
    path = _write(tmp_path, {"reviews": [review]})
    with pytest.raises(SchemeFileError, match=message) as caught:
        load_reviews(path)
    assert caught.value.key_path == where


def test_reviews_for_another_checklist_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, {"checklist": "operator_audit", "reviews": [REVIEW]})
    with pytest.raises(SchemeFileError, match="for checklist 'operator_audit'"):
        load_reviews(path, checklist=presets.quality_checklist())


def test_misfits_in_a_file_are_reported_together(tmp_path: Path) -> None:
    second = REVIEW | {"conversation": "c2", "results": {"smile": "pass"}}
    path = _write(tmp_path, {"reviews": [REVIEW, second]})
    checklist = Checklist("mini", "Mini", [ChecklistItem("greet", "Greet")])
    with pytest.raises(QualityError) as caught:
        load_reviews(path, checklist=checklist)
    assert caught.value.problems == (
        f"{path}: review c2 (anna): results.smile: mini has no item 'smile'",
        f"{path}: review c2 (anna): results: no result for greet",
    )


def test_a_filled_form_loads_as_a_review(tmp_path: Path) -> None:
    checklist = presets.audit_checklist()
    form = ReviewForm(checklist.key, "c7", "anna", checklist.keys, atypical=True)
    path = tmp_path / "form.toml"
    dump_reviews([form], path, checklist=checklist)
    text = path.read_text("utf-8").replace('reviewer = ""', 'reviewer = "rasa"')
    text = text.replace('reviewed_on = ""', 'reviewed_on = "2026-11-05"').replace('""', '"pass"')
    path.write_text(text, "utf-8")
    (review,) = load_reviews(path, checklist=checklist)
    assert review.agent == "anna"
    assert review.atypical
    assert set(review.results.values()) == {"pass"}


# ------------------------------------------------------------------ command line


def test_qa_score_on_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "score"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("QA for helpdesk_quality, 2026-11: 16 of 20 agents reviewed")
    assert "Most failed items:" in out
    hugo = next(line for line in out.splitlines() if line.startswith("hugo"))
    assert set(hugo.split()[1:]) == {"-"}  # never reviewed: unknown


def test_qa_score_json_and_month(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "score", "--json", "--month", "2026-10"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    reviewed = {agent for agent, values in metrics.items() if values["qa_reviews"]}
    assert 0 < len(reviewed) < 20
    assert metrics["hugo"]["qa_score_p"] is None


def test_qa_score_reads_a_file_with_a_checklist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklist = presets.audit_checklist()
    reviews = [
        Review("c1", "anna", "rasa", "2026-11-03", dict.fromkeys(checklist.keys, "pass")),
        Review(
            "c2",
            "anna",
            "rasa",
            "2026-11-04",
            {**dict.fromkeys(checklist.keys, "pass"), "farewell": "fail"},
        ),
    ]
    path = tmp_path / "reviews.json"
    dump_reviews(reviews, path, checklist=checklist)
    assert main(["qa", "score", str(path), "--checklist", "audit"]) == 0
    out = capsys.readouterr().out
    assert "QA for operator_audit, 2026-11: 1 of 1 agents reviewed" in out
    assert "1 of 2    farewell" in out


def test_qa_score_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {"reviews": [REVIEW]})
    assert main(["qa", "score", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "no result for" in err
    assert main(["qa", "score", "--month", "November"]) == 1
    assert "--month is a month" in capsys.readouterr().err


def test_qa_form_prints_a_blank_review(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "form", "--conversation", "c1", "--agent", "anna"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["checklist"] == "helpdesk_quality"
    (blank,) = document["reviews"]
    assert blank["agent"] == "anna"
    assert len(blank["results"]) == 21
    assert main(["qa", "form", "--checklist", "audit", "--toml"]) == 0
    assert 'checklist = "operator_audit"' in capsys.readouterr().out
    assert main(["qa", "form", "--checklist", "missing.json"]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_qa_score_lists_the_team_and_refuses_strangers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklist = presets.audit_checklist()
    path = tmp_path / "reviews.json"
    passed = dict.fromkeys(checklist.keys, "pass")
    dump_reviews([Review("c1", "anna", "rasa", "2026-11-03", passed)], path, checklist=checklist)
    team = _write(tmp_path, {"anna": {}, "boris": {}}, "team.json")
    assert main(["qa", "score", str(path), "--checklist", "audit", "--team", str(team)]) == 0
    out = capsys.readouterr().out
    assert "1 of 2 agents reviewed" in out
    assert next(line for line in out.splitlines() if line.startswith("boris")).split()[1] == "-"
    alone = _write(tmp_path, {"boris": {}}, "alone.json")
    assert main(["qa", "score", str(path), "--checklist", "audit", "--team", str(alone)]) == 1
    assert "agent 'anna' is not on the team" in capsys.readouterr().err
    assert main(["qa", "score", "--checklist", "audit"]) == 1
    assert "sample reviews are for checklist 'helpdesk_quality'" in capsys.readouterr().err


def test_published_schemas_match_the_formats() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    schema = json.loads((docs / "checklist.schema.json").read_text("utf-8"))
    for checklist in (presets.quality_checklist(), presets.audit_checklist()):
        document = checklist.to_dict()
        assert set(schema["required"]) <= set(document) <= set(schema["properties"])
        item_schema = schema["$defs"]["item"]
        for item in document["items"]:
            assert set(item_schema["required"]) <= set(item) <= set(item_schema["properties"])
    schema = json.loads((docs / "reviews.schema.json").read_text("utf-8"))
    text = (docs.parent / "src" / "agentlevels" / "data" / "sample_reviews.json").read_text("utf-8")
    document = json.loads(text)
    assert set(schema["required"]) <= set(document) <= set(schema["properties"])
    review_schema = schema["$defs"]["review"]
    for review in document["reviews"]:
        assert set(review_schema["required"]) <= set(review) <= set(review_schema["properties"])
        assert set(review["results"].values()) <= {"pass", "fail", "na"}


def test_qa_score_summary_is_short(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "score", "--summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "QA for helpdesk_quality, 2026-11: 16 of 20 agents reviewed"
    assert lines[1].startswith("  mean of the agents' scores 79.8; lowest: lev 54.0")
    assert lines[2] == "  critical failures: lev"
    assert lines[3].startswith("  most failed: first_reply_solution (14 of 45)")
    assert lines[4] == "  not reviewed (metrics unknown): hugo, olga, tomas, ugne"


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("lt", "Pasveikinkite vartotoją"),
        ("ru", "Поприветствуйте клиента"),
        ("lv", "Greet the customer"),
    ],
)
def test_qa_score_says_items_in_a_locale(
    capsys: pytest.CaptureFixture[str], locale: str, text: str
) -> None:
    assert main(["qa", "score", "--locale", locale]) == 0
    assert f"greet                    {text}" in capsys.readouterr().out
