"""agentlevels.testing: the snapshot builder, the assertions and the strategies."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import Phase, find, given, settings

from agentlevels import DEFAULT_CATALOG, Badge, ComparativeRule, compile, presets
from agentlevels.testing import assert_badges, assert_level, build_snapshot, snapshots

MASTER = "($answers >= 1000 || $chats >= 1000) && $rewards >= 10 && $online"


def test_build_snapshot_fills_every_metric() -> None:
    snapshot = build_snapshot(answers=640)
    assert set(snapshot) == set(DEFAULT_CATALOG)
    assert (snapshot["answers"], snapshot["chats"], snapshot["online"]) == (640, 0, False)
    unknown = build_snapshot(number=None, boolean=None)
    assert unknown["rewards"] is None
    assert unknown["online"] is None
    with pytest.raises(KeyError, match="no metric 'answer'"):
        build_snapshot(answer=1)


def test_assert_level_passes_and_fails_readably() -> None:
    scheme = presets.levels()
    assert_level(scheme, build_snapshot(answers=640), "professional")
    assert_level(scheme, build_snapshot(answers=640), 6)
    assert_level(scheme, build_snapshot(answers=1), "master", current="master")
    with pytest.raises(AssertionError) as caught:
        assert_level(scheme, build_snapshot(answers=320, chats=140), "professional")
    assert str(caught.value) == (
        "expected level 'professional', reached 'amateur'\n"
        "Amateur: answers 320 >= 250\n"
        "not Professional: answers 320 < 500 and chats 140 < 500"
    )
    with pytest.raises(AssertionError) as caught:
        assert_level(scheme, build_snapshot(answers=320), "professional", locale="ru")
    assert str(caught.value).startswith("ожидался уровень 'professional', получен 'amateur'\n")


def test_assert_badges_passes_and_fails_readably() -> None:
    cleaner = Badge("cleaner", "Cleaner", rule=ComparativeRule("$resolved_tickets", minimum=1))
    team = {"ann": {"resolved_tickets": 5}, "bob": {"resolved_tickets": 0}}
    assert_badges([cleaner], {"7d": team}, {"cleaner": ["ann"]})
    with pytest.raises(AssertionError) as caught:
        assert_badges([cleaner], {"7d": team}, {"cleaner": ["bob"], "nope": []})
    assert str(caught.value) == (
        "badge 'cleaner': expected bob, won by ann\n"
        "  not Cleaner: value 0 below the minimum 1\n"
        "no badge has key 'nope'"
    )
    with pytest.raises(AssertionError) as caught:
        assert_badges([cleaner], {"7d": team}, {"cleaner": ["bob"]}, locale="ru")
    assert str(caught.value) == (
        "значок 'cleaner': ожидались bob, получил ann\n  не Cleaner: значение 0 ниже минимума 1"
    )


@given(snapshots(MASTER))
def test_formula_snapshots_cover_the_formulas_variables_within_range(
    snapshot: dict[str, int | float | bool | None],
) -> None:
    assert set(snapshot) == {"answers", "chats", "rewards", "online"}
    for name in ("answers", "chats", "rewards"):
        value = snapshot[name]
        assert value is None or (not isinstance(value, bool) and value >= 0)
    compile(MASTER).evaluate(snapshot)  # every generated snapshot is valid


@given(snapshots(DEFAULT_CATALOG, unknowns=False))
def test_catalog_snapshots_stay_inside_declared_ranges(
    snapshot: dict[str, int | float | bool | None],
) -> None:
    assert set(snapshot) == set(DEFAULT_CATALOG)
    for name, metric in DEFAULT_CATALOG.items():
        value = snapshot[name]
        assert value is not None
        if metric.type == "number":
            assert metric.minimum is None or value >= metric.minimum
            assert metric.maximum is None or value <= metric.maximum


def test_edge_values_and_unknowns_come_up() -> None:
    strategy = snapshots(MASTER)
    quick = settings(phases=[Phase.generate], max_examples=500, database=None)
    assert find(strategy, lambda s: s["rewards"] == 9, settings=quick)["rewards"] == 9
    assert find(strategy, lambda s: s["answers"] == 1001, settings=quick)["answers"] == 1001
    assert find(strategy, lambda s: s["online"] is None, settings=quick)["online"] is None
    found = find(snapshots(), lambda s: s["rewards_p"] == 100, settings=quick)
    assert found["rewards_p"] == 100


def test_the_module_imports_without_hypothesis() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import agentlevels.testing as t\n"
        "t.assert_level(__import__('agentlevels').presets.levels(), t.build_snapshot(), 'novice')\n"
        "try:\n    t.snapshots()\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (
        "agentlevels.testing.snapshots needs hypothesis: pip install 'agentlevels[testing]'"
    )
