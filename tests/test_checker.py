"""The checker (see ../shared/spec/language.md): type errors, unknown variables, warnings."""

from __future__ import annotations

import pytest

import agentlevels
from agentlevels import FormulaTypeError, UnknownVariableError, check, compile


def codes(text: str, **kwargs: str) -> list[str]:
    return [d.code for d in check(text, **kwargs).diagnostics]  # type: ignore[arg-type]


def only(text: str, **kwargs: str) -> agentlevels.Diagnostic:
    (diagnostic,) = check(text, **kwargs).diagnostics  # type: ignore[arg-type]
    return diagnostic


# --------------------------------------------------------------------------
# Types


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("$answers && $chats > 1", "type-mismatch"),
        ("$online + 1 > 2", "type-mismatch"),
        ("-$online", "type-mismatch"),
        ("!$answers", "type-mismatch"),
        ("$online > true", "type-mismatch"),
        ("$online == 1", "type-mismatch"),
        ("$answers", "condition-expected"),
        ("($answers > 1) + 1 > 0", "type-mismatch"),
    ],
)
def test_type_errors(text: str, code: str) -> None:
    assert code in codes(text)
    with pytest.raises(FormulaTypeError):
        compile(text)


def test_number_kind_rejects_a_condition() -> None:
    assert codes("$answers > 1", kind="number") == ["number-expected"]
    assert compile("$answers + 1", kind="number").kind == "number"


def test_number_and_condition_hint() -> None:
    diagnostics = check("$answers && $chats").errors
    assert [d.column for d in diagnostics] == [1, 13]
    assert {d.hint for d in diagnostics} == {"did you mean `$answers > 0 && $chats > 0`?"}


def test_negated_comparison_hint() -> None:
    diagnostic = only("!$answers > 5")
    assert diagnostic.code == "type-mismatch"
    assert diagnostic.hint == "to negate the comparison, write `!($answers > 5)`"


def test_unknown_variables_are_all_reported_with_suggestions() -> None:
    report = check("$answer >= 500 || $chatz >= 500 || $zzz > 1")
    assert [d.code for d in report.errors] == ["unknown-variable"] * 3
    assert report.errors[0].hint is not None
    assert "`$answers`" in report.errors[0].hint
    assert report.errors[1].hint is not None
    assert "`$chats`" in report.errors[1].hint
    assert "agentlevels metrics" in (report.errors[2].hint or "")
    with pytest.raises(UnknownVariableError):
        compile("$answer >= 500")


def test_unknown_variable_does_not_cascade_into_type_errors() -> None:
    assert codes("$nope && $answers > 1") == ["unknown-variable"]


# --------------------------------------------------------------------------
# Warnings


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("$calls + $call_seconds > 5", "unit-mismatch"),
        ("$answers > $worktime", "unit-mismatch"),
        ("$rewards_p > 100", "out-of-range"),
        ("$answers >= 0", "out-of-range"),
        ("100 < $rewards_p", "out-of-range"),
        ("$nps < -100", "out-of-range"),
        ("1 > 2", "constant-condition"),
        ("$answers > 1 || true", "constant-condition"),
        ("$answers / 0 > 1", "division-by-zero"),
    ],
)
def test_warnings_do_not_stop_compilation(text: str, code: str) -> None:
    assert codes(text) == [code]
    formula = compile(text)
    assert [w.code for w in formula.warnings] == [code]
    assert all(w.severity == "warning" for w in formula.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "true",
        "$answers_ph > 12",
        "$answers / $worktime > 12",
        "($answers + $chats) / $worktime >= 12 && $rewards_p > 80",
        "$call_seconds / $worktime > $call_seconds_ph",
        "$rewards_p >= 100",
        "$rewards * 100 / ($rewards + $punishments) > 80",
    ],
)
def test_sound_formulas_have_no_warnings(text: str) -> None:
    assert check(text).diagnostics == ()


@pytest.mark.parametrize(
    ("text", "word"), [("1 > 2", "false"), ("2 > 1", "true"), ("1 / 0 > 1", "unknown")]
)
def test_constant_comparison_says_its_value(text: str, word: str) -> None:
    (warning,) = [d for d in check(text).diagnostics if d.code == "constant-condition"]
    assert warning.message.endswith(f"always {word}")


# --------------------------------------------------------------------------
# Rendering


def test_render_shows_position_line_caret_message_and_hint() -> None:
    text = "$answers >= 500 ||\n$chatz >= 500"
    with pytest.raises(UnknownVariableError) as raised:
        compile(text)
    assert str(raised.value) == (
        "error[unknown-variable] at 2:1: unknown variable `$chatz`\n"
        "  |\n"
        "2 | $chatz >= 500\n"
        "  | ^^^^^^\n"
        "  = hint: did you mean `$chats` or `$chats_ph`?"
    )
    assert raised.value.source == text
    assert raised.value.diagnostics[0].to_dict() == {
        "severity": "error",
        "code": "unknown-variable",
        "message": "unknown variable `$chatz`",
        "hint": "did you mean `$chats` or `$chats_ph`?",
        "start": 19,
        "end": 25,
        "line": 2,
        "column": 1,
        "end_line": 2,
        "end_column": 7,
        "message_key": "unknown-variable",
    }
