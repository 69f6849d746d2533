"""Hostile and extreme input: every promise of issue 10's core, with a test for each class.

Each section names the class it guards; the hypothesis properties at the end
run at the ``deep`` profile under ``make fuzz`` like the rest of the suite.
"""

from __future__ import annotations

import numbers
import pickle
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agentlevels
from agentlevels import (
    AgentLevelsError,
    Catalog,
    FormulaError,
    InvalidMetricError,
    Level,
    LevelScheme,
    LevelSchemeError,
    Metric,
    MissingMetricError,
    SnapshotError,
    check,
    compile,
    explain,
    format_formula,
    format_node,
    nodes,
    parse,
    presets,
    progress,
)
from agentlevels._diagnostics import MAX_DIAGNOSTICS, WINDOW
from agentlevels._language.parser import MAX_LENGTH, MAX_NODES, node_count
from agentlevels._levels.leaderboard import leaderboard
from tests.strategies import CATALOG, boolean_formulas, formula_like_text, snapshots

# The largest number a formula can write, and a product of them near float's limit.
BIG = "999999999999999"
NEAR_LIMIT = " * ".join([BIG] * 20)  # about 1e300
BEYOND_LIMIT = " * ".join([BIG] * 21)  # about 1e315: unknown


# --------------------------------------------------------------------------
# 1. Error reports stay proportionate


HOSTILE_TEXTS = {
    "hashes": "#" * MAX_LENGTH,
    "dollars": "$" * MAX_LENGTH,
    "one-word": "a" * MAX_LENGTH,
    "commas": "1,1 " * (MAX_LENGTH // 3),
    "parentheses": "(" * MAX_LENGTH,
    "long-number": "1" * MAX_LENGTH,
    "words": "x " * MAX_LENGTH,
    "assignments": "= " * MAX_LENGTH,
    "lines": "#\n" * MAX_LENGTH,
}


def _peak(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
def test_reports_on_hostile_text_stay_small(text: str) -> None:
    def work() -> None:
        report = check(text)
        assert len(report.diagnostics) <= MAX_DIAGNOSTICS
        assert len(report.render()) < 50_000
        with pytest.raises(FormulaError) as raised:
            compile(text)
        assert len(str(raised.value)) < 50_000

    assert _peak(work) < 10_000_000


def test_a_scheme_condition_of_hostile_text_stays_small() -> None:
    def work() -> None:
        with pytest.raises(LevelSchemeError) as raised:
            LevelScheme([Level(1, "one", "One", condition="#" * MAX_LENGTH)])
        assert len(str(raised.value)) < 60_000
        with pytest.raises(agentlevels.SchemeFileError) as file_error:
            LevelScheme.from_dict(
                {"levels": [{"rank": 1, "key": "one", "name": "One", "condition": "#" * 10_000}]}
            )
        assert len(str(file_error.value)) < 60_000

    assert _peak(work) < 10_000_000


def test_diagnostics_beyond_the_cap_are_counted() -> None:
    report = check("#" * 60)
    assert len(report.diagnostics) == MAX_DIAGNOSTICS
    last = report.diagnostics[-1]
    assert last.code == "more-errors"
    assert last.message == "and 11 more problems, not shown"
    assert report.render().endswith(
        "error[more-errors] at 1:50: and 11 more problems, not shown\n"
        "  |\n"
        "1 | ############################################################\n"
        "  |                                                  ^\n"
        "  = hint: fix the ones above first; the rest are often the same mistake"
    )


def test_the_more_errors_example_in_the_docs_is_current() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "errors.md").read_text("utf-8")
    section = doc.split("### `more-errors`")[1].split("\n## ")[0]
    shown = section.split("```text\n")[1].split("\n```")[0]
    assert check("#" * 60).render().endswith(shown)


def test_long_lines_are_windowed_around_the_caret() -> None:
    text = "$answers >= 1 && " * 400 + "$answer >= 1"
    rendered = check(text).render()
    source_line = rendered.split("\n")[2]
    assert source_line.startswith("1 | …")
    assert len(source_line) <= WINDOW + 6
    caret_line = rendered.split("\n")[3]
    # The caret still stands under the unknown name.
    column = caret_line.index("^")
    assert source_line[column : column + len("$answer")] == "$answer"


def test_errors_are_rendered_when_shown_not_when_raised() -> None:
    with pytest.raises(FormulaError) as raised:
        compile("#" * 100)
    assert raised.value.args[0] == "#" * 100  # the source, not the rendered text
    assert "error[unexpected-character]" in str(raised.value)
    copy = pickle.loads(pickle.dumps(raised.value))
    assert str(copy) == str(raised.value)


# --------------------------------------------------------------------------
# 2. Numbers


def test_leading_zeros_do_not_reach_the_int_conversion_limit() -> None:
    text = "$answers >= " + "0" * 5000 + "12"
    assert check(text).ok
    assert compile(text).canonical == "$answers >= 12"


def test_a_number_too_close_to_zero_is_refused_not_zero() -> None:
    report = check("$worktime >= 0." + "0" * 400 + "1")
    assert [d.code for d in report.errors] == ["number-too-small"]
    assert check("$worktime >= 0." + "0" * 306 + "1").ok
    assert check("$worktime >= 0." + "0" * 500).ok  # zero however written


@pytest.mark.parametrize("value", [1, 1.0, Decimal(1), Fraction(1)])
def test_whole_and_decimal_agree_beyond_float_range(value: object) -> None:
    formula = compile(f"$answers * {BEYOND_LIMIT} > 1")
    assert formula.evaluate({"answers": value}) is None
    # Back into range after leaving it: still unknown, as with floats.
    there_and_back = compile("$answers * $answers / $answers > 1")
    assert there_and_back.evaluate({"answers": 10**200}) is None
    assert there_and_back.evaluate({"answers": 1e200}) is None


def test_huge_constants_reach_every_output() -> None:
    near = compile(f"$answers >= {NEAR_LIMIT}")
    assert explain(near)
    assert progress(near, {"answers": 1}).remaining_text()
    assert near.evaluate({"answers": 1}) is False
    beyond = compile(f"$answers >= {BEYOND_LIMIT}")
    assert explain(beyond)
    assert progress(beyond, {"answers": 1}).ratio == 0.0
    number = compile(f"{NEAR_LIMIT} + $answers", kind="number")
    value = number({"answers": 1})
    assert isinstance(value, int | float)
    assert value > 1e299


@pytest.mark.parametrize("value", [10**400, -(10**400), Decimal("1e400"), Fraction(10**400, 3)])
def test_snapshot_numbers_beyond_float_range_are_refused(value: object) -> None:
    with pytest.raises(InvalidMetricError) as raised:
        compile("$answers > 1").evaluate({"answers": value})
    assert "float range" in str(raised.value)


@pytest.mark.parametrize("value", [10**400, -(10**400), 2**1024])
def test_badges_refuse_a_whole_number_beyond_float_range(value: int) -> None:
    """A badge whose metric is a bare variable reads ints directly: the same
    refusal as the formula's, not a winner with 10**400."""
    rewarded = [badge for badge in agentlevels.presets.badges() if badge.key == "rewarded"]
    team = {"a": {"rewards": value}, "b": {"rewards": 3}}
    with pytest.raises(InvalidMetricError) as raised:
        agentlevels.award(rewarded, {"7d": team})
    assert "float range" in str(raised.value)
    edge = int(1.7976931348623157e308)  # the largest whole number within range is accepted
    (award,) = agentlevels.award(rewarded, {"7d": {"a": {"rewards": edge}, "b": {"rewards": 3}}})
    assert award.agent_ids == ("a",)


# --------------------------------------------------------------------------
# 3. Canonical text longer than the limit


LONG_NAME = "tickets_answered_ph"
LONG_CATALOG = agentlevels.DEFAULT_CATALOG.extend(
    [Metric(LONG_NAME, unit="count/hours", minimum=0)]
)


def test_canonical_text_longer_than_the_limit_parses_again() -> None:
    # 250 comparisons (999 parts) written without spaces: 9,750 characters.
    text = "||".join(f"${LONG_NAME}>={BIG[: 15 - len(str(i))]}{i}" for i in range(250))
    assert len(text) <= MAX_LENGTH
    formula = compile(text, catalog=LONG_CATALOG)
    assert len(formula.canonical) > MAX_LENGTH
    assert format_formula(formula.canonical) == formula.canonical
    assert parse(formula.canonical) == formula.node
    assert progress(formula, {LONG_NAME: 1}).remaining_text()
    levels = [Level(1, "one", "One"), Level(2, "two", "Two", condition=formula.canonical)]
    scheme = LevelScheme(levels, catalog=LONG_CATALOG)
    assert leaderboard(scheme, {"ann": {LONG_NAME: 1}})[0].ratio < 1


# --------------------------------------------------------------------------
# 4. progress, leaderboard and lint: no OverflowError, lint in bounded time


def test_progress_and_leaderboard_take_extreme_values() -> None:
    scheme = LevelScheme(
        [
            Level(1, "one", "One"),
            Level(2, "two", "Two", condition=f"$nps >= {NEAR_LIMIT} || $answers < -{BIG}"),
            Level(3, "three", "Three", condition=f"$answers >= {NEAR_LIMIT} * 1000000"),
        ]
    )
    team: dict[str, dict[str, object]] = {
        "ann": {"nps": -1.7e308, "answers": 1.7e308},
        "bob": {"nps": 1e308, "answers": -(10**300)},
        "cyd": {"nps": None, "answers": 0},
    }
    board = leaderboard(scheme, team)
    assert [s.agent for s in board] == ["ann", "bob", "cyd"]
    for standing in board:
        if standing.progress is not None:
            assert 0.0 <= standing.progress.ratio <= 1.0
            standing.progress.remaining_text()
    assert scheme.lint() is not None


def _max_scheme(condition: Callable[[int], str]) -> LevelScheme:
    levels = [Level(i + 1, f"l{i}", f"L{i}", condition=condition(i)) for i in range(12)]
    for level in levels:
        assert node_count(parse(level.condition)) <= MAX_NODES
    return LevelScheme(levels)


MAX_SCHEMES: dict[str, Callable[[int], str]] = {
    "or-chains": lambda i: " || ".join(f"$answers >= {i * 1000 + j}" for j in range(250)),
    "many-metrics": lambda i: " && ".join(
        f"${m} >= {i * 10 + j}"
        for j, m in enumerate(["answers", "chats", "calls", "rewards", "breaks"] * 50)
    ),
    "arithmetic": lambda i: " || ".join(
        f"$answers + $chats * {j} >= {i * 100 + j}" for j in range(1, 126)
    ),
    "equivalent": lambda i: " || ".join(f"$answers >= {j}" for j in range(249 - i % 2)),
}


@pytest.mark.parametrize("make", MAX_SCHEMES.values(), ids=MAX_SCHEMES.keys())
def test_lint_of_twelve_maximum_size_conditions_finishes(make: Callable[[int], str]) -> None:
    # Its speed (under a second each) is measured by `make bench` (bench_lint),
    # never asserted here: the machine running the tests may be busy.
    assert all(d.severity == "warning" for d in _max_scheme(make).lint())


def test_lint_still_proves_what_it_proved() -> None:
    assert presets.levels().lint() == []
    codes = {d.code for d in _max_scheme(MAX_SCHEMES["equivalent"]).lint()}
    assert "level-equivalent" in codes


# --------------------------------------------------------------------------
# 5. Snapshots validated even when the answer is known


@pytest.mark.parametrize(
    ("snapshot", "error"),
    [
        (None, SnapshotError),
        ({}, MissingMetricError),
        ({"answers": "x", "chats": 0, "rewards": 0, "punishments_p": None}, InvalidMetricError),
    ],
)
def test_the_top_level_held_still_checks_the_snapshot(
    snapshot: object, error: type[Exception]
) -> None:
    scheme = presets.levels()
    with pytest.raises(error):
        scheme.evaluate(snapshot, current="emperor")  # type: ignore[arg-type]
    with pytest.raises(error):
        scheme.reached_rank(snapshot, current=12)  # type: ignore[arg-type]
    with pytest.raises(error):
        leaderboard(scheme, {"ann": snapshot}, current={"ann": 12})  # type: ignore[dict-item]


class _BrokenInt(int):
    def __int__(self) -> int:
        raise RuntimeError("no")


def test_an_int_whose_conversion_fails_is_a_snapshot_error() -> None:
    with pytest.raises(InvalidMetricError):
        compile("$answers > 1").evaluate({"answers": _BrokenInt(5)})


class _FakeFloat:
    """Stands in for numpy.float32: a numbers.Real that is not a float."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __float__(self) -> float:
        return self.value


class _FakeInt:
    """Stands in for numpy.int64: a numbers.Integral that is not an int."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __int__(self) -> int:
        return self.value

    def __index__(self) -> int:
        return self.value


numbers.Real.register(_FakeFloat)
numbers.Integral.register(_FakeInt)


def _numpy_values() -> list[object]:
    try:
        import numpy  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # numpy is not a dependency: the stand-ins above take its place
        return [_FakeFloat(12.5), _FakeInt(12)]
    return [numpy.float32(12.5), numpy.int64(12), numpy.float64(12.5)]


@pytest.mark.parametrize(
    "value", [Decimal("12.5"), Decimal("12"), Fraction(25, 2), Fraction(12), *_numpy_values()]
)
def test_numbers_from_databases_and_data_frames_are_accepted(value: object) -> None:
    formula = compile("$answers * 2 >= 24")
    assert formula({"answers": value}) is True
    assert formula.evaluate({"answers": value}) is True
    assert progress(formula, {"answers": value}).met
    half = compile("$answers / 2", kind="number")({"answers": value})
    assert half in (6, 6.25)


@pytest.mark.parametrize(
    "value",
    [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), _FakeFloat(float("nan"))],
)
def test_nan_and_infinity_stay_errors_in_every_type(value: object) -> None:
    with pytest.raises(InvalidMetricError) as raised:
        compile("$answers > 1").evaluate({"answers": value})
    assert "finite" in str(raised.value)


# --------------------------------------------------------------------------
# 6. The node limit counts each operator


def test_each_operator_of_a_chain_counts() -> None:
    assert node_count(parse("true || true || true")) == 5
    assert check(" || ".join(["true"] * 500)).ok  # 500 + 499 = 999 parts
    assert [d.code for d in check(" || ".join(["true"] * 501)).errors] == ["too-many-nodes"]


# --------------------------------------------------------------------------
# 7. Round trip for hand-built trees


def test_nested_chains_are_spliced_on_construction() -> None:
    a, b, c = (nodes.Variable(name) for name in ("online", "busy", "away"))
    tree = nodes.Or((a, nodes.Or((b, c))))
    assert tree.operands == (a, b, c)
    assert tree == nodes.Or((nodes.Or((a, b)), c))
    mixed = nodes.Or((a, nodes.And((b, c))))
    assert parse(format_node(mixed)) == mixed
    assert parse(format_node(tree)) == tree


@pytest.mark.parametrize("value", [-5, -0.5, float("nan"), float("inf"), True, "5", None])
def test_a_number_the_language_cannot_write_is_refused(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        nodes.Number(value)  # type: ignore[arg-type]


def test_negative_numbers_are_negations() -> None:
    tree = nodes.Neg(nodes.Number(5))
    assert format_node(tree) == "-5"
    assert parse(format_node(tree)) == tree


# --------------------------------------------------------------------------
# 8. What a new user tripped over


@pytest.mark.parametrize(
    ("condition", "snapshot", "said"),
    [
        ("$rewards_p > 80", {"rewards_p": 80}, "raise the share of positive ratings above 80%"),
        ("$rewards_p > 80", {"rewards_p": 80.0}, "raise the share of positive ratings above 80%"),
        (
            "$avg_response_seconds < 60",
            {"avg_response_seconds": 60},
            "lower the average first response time below 60 seconds",
        ),
        ("$answers > 100", {"answers": 0.5}, "100 more answers"),
        ("$answers > 100", {"answers": 1}, "100 more answers"),
        ("$answers > 100", {"answers": 1.0}, "100 more answers"),
        ("$worktime > 40", {"worktime": 39.5}, "more than 0.5 hours of work more"),
    ],
)
def test_progress_steps_follow_the_declared_type(
    condition: str, snapshot: dict[str, Any], said: str
) -> None:
    assert progress(condition, snapshot).remaining_text() == said


def test_counts_are_declared_integer() -> None:
    catalog = agentlevels.DEFAULT_CATALOG
    assert catalog["answers"].integer
    assert catalog["calls"].integer
    assert not catalog["rewards_p"].integer
    assert not catalog["worktime"].integer
    assert not catalog["replies_per_ticket"].integer


@pytest.mark.parametrize(
    ("condition", "said"),
    [("$missed_chats == 0", "miss no chats"), ("$calls <= 0", "take no calls")],
)
def test_zero_reads_as_no(condition: str, said: str) -> None:
    assert explain(condition) == said


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "($answers + $chats) / $worktime",
            "compare it, as in `($answers + $chats) / $worktime > 0`",
        ),
        ("1 000 < $answers", "numbers have no thousands separator: write `1000`"),
        (" >= 500", "use single quotes: the shell replaced `$name` with nothing"),
        ("$answers >= 500 ||  >= 500", "use single quotes: the shell replaced `$name`"),
    ],
)
def test_hints_for_first_tries(text: str, hint: str) -> None:
    (error,) = check(text).errors
    assert error.hint is not None
    assert hint in error.hint


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: Metric("a", maximum=10**400), ValueError),
        (lambda: Metric("a", minimum=-(10**400)), ValueError),
        (lambda: Metric("a", unit=5), TypeError),  # type: ignore[arg-type]
        (lambda: Metric("a", integer=1), TypeError),  # type: ignore[arg-type]
        (lambda: Catalog().extend([1]), TypeError),  # type: ignore[list-item]
    ],
)
def test_bad_metric_definitions_say_what_is_wrong(
    build: Callable[[], object], error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        build()
    assert str(raised.value)


# --------------------------------------------------------------------------
# Properties

hostile_texts = st.one_of(
    st.text(max_size=200),
    formula_like_text(),
    st.builds(
        lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(1, 4000)
    ),
    st.builds(
        lambda good, bad, times: (good + " ") * times + bad,
        st.sampled_from(["$answers >= 1 &&", "$nope +", "(", "1,5 ||"]),
        st.text(max_size=5),
        st.integers(1, 500),
    ),
)


@given(hostile_texts)
def test_any_text_gives_a_report_of_bounded_size(text: str) -> None:
    report = check(text)
    assert len(report.diagnostics) <= MAX_DIAGNOSTICS
    for line in report.render().split("\n"):
        assert len(line) <= 2 * WINDOW + 40 + len(str(len(text)))


@given(
    st.lists(st.integers(0, 10**15 - 1), min_size=1, max_size=250), st.sampled_from(["||", "&&"])
)
def test_canonical_text_always_parses_again(thresholds: list[int], join: str) -> None:
    text = join.join(f"$answers>={t}" for t in thresholds)
    tree = parse(text)
    canonical = format_node(tree)
    assert parse(canonical) == tree


@given(boolean_formulas())
def test_hand_built_trees_print_as_text_that_parses_back(tree: nodes.Node) -> None:
    assert parse(format_node(tree)) == tree


extreme_numbers = st.one_of(
    st.sampled_from([10**300, -(10**300), 1.7e308, -1.7e308, 5e-324, 10**400, Decimal("1e400")]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.fractions(max_denominator=1000),
)


@given(boolean_formulas(max_leaves=8), snapshots(), st.data())
def test_progress_explain_and_lint_raise_only_library_errors(
    tree: nodes.Node, snapshot: dict[str, Any], data: st.DataObject
) -> None:
    for name in list(snapshot):
        if not isinstance(snapshot[name], bool | None) and data.draw(st.booleans()):
            snapshot[name] = data.draw(extreme_numbers)
    try:
        formula = compile(format_node(tree), catalog=CATALOG)
    except FormulaError:
        return
    explain(formula)
    try:
        result = progress(formula, snapshot)
    except SnapshotError:
        return
    result.remaining_text()
    result.remaining_text("ru")
    assert 0.0 <= result.ratio <= 1.0
    scheme = LevelScheme(
        [Level(1, "one", "One"), Level(2, "two", "Two", condition=formula.canonical)],
        catalog=CATALOG,
    )
    scheme.lint()


def _as_decimal_or_fraction(value: object) -> object:
    if type(value) is int:
        return Fraction(value)
    if type(value) is float and not value.is_integer():
        return Decimal(value)  # converted back to the very same float
    return value


@given(boolean_formulas(max_leaves=8), snapshots())
def test_decimal_and_fraction_give_what_int_and_float_give(
    tree: nodes.Node, snapshot: dict[str, Any]
) -> None:
    try:
        formula = compile(format_node(tree), catalog=CATALOG)
    except FormulaError:
        return
    # A whole Decimal becomes an exact int, and ints do not round as floats do
    # (docs/language.md): so whole floats stay floats here.
    converted = {name: _as_decimal_or_fraction(value) for name, value in snapshot.items()}
    try:
        expected: object = formula.evaluate(snapshot)
    except AgentLevelsError as error:
        expected = type(error)
    try:
        got: object = formula.evaluate(converted)
    except AgentLevelsError as error:
        got = type(error)
    assert got == expected


@pytest.mark.parametrize("code", [*range(0x20), 0x7F], ids=lambda code: f"U+{code:04X}")
def test_rendered_reports_show_control_characters_as_pictures(code: int) -> None:
    # A report is printed to terminals and logs: ESC and friends must not act there.
    text = f"$answers >= 5 {chr(code)}[31m && $chats{chr(code)} > 1"
    rendered = agentlevels.check(text).render()
    assert not [c for c in rendered if (ord(c) < 0x20 and c != "\n") or ord(c) == 0x7F]
