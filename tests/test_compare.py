"""Impact preview: scheme.compare and compare_badges."""

from __future__ import annotations

import pytest

from agentlevels import Badge, ComparativeRule, Level, LevelScheme, UnknownLevelError, presets
from agentlevels._badges.compare import compare_badges
from agentlevels.cli.badges import sample_windows

OLD = LevelScheme(
    [
        Level(1, "novice", "Novice"),
        Level(2, "regular", "Regular", condition="$answers >= 100"),
        Level(3, "star", "Star", condition="$answers >= 1000"),
    ]
)
NEW = LevelScheme(
    [
        Level(1, "novice", "Novice"),
        Level(2, "regular", "Regular", condition="$answers >= 50"),
        Level(3, "star", "Star", condition="$answers >= 2000"),
    ]
)
TEAM = {
    "ann": {"answers": 60},
    "bob": {"answers": 1500},
    "cid": {"answers": 10},
    "dan": {"answers": 1200},
}


def test_compare_lists_changes_counts_and_promotions() -> None:
    diff = OLD.compare(NEW, TEAM, current={"dan": "star"})
    assert [(c.agent, c.before.key, c.after.key) for c in diff.changes] == [  # type: ignore[union-attr]
        ("ann", "novice", "regular"),
        ("bob", "star", "regular"),
    ]
    assert diff.counts_before == {"novice": 2, "regular": 0, "star": 2}
    assert diff.counts_after == {"novice": 1, "regular": 2, "star": 1}
    # dan holds star already: kept under both schemes, so no change and no promotion
    assert [c.agent for c in diff.promotions_before] == ["ann", "bob", "cid"]
    assert [(c.agent, c.before, c.after.key) for c in diff.promotions] == [  # type: ignore[union-attr]
        ("ann", None, "regular"),
        ("bob", None, "regular"),
        ("cid", None, "novice"),
    ]
    assert diff.agents == 4
    assert diff.to_dict()["changes"][0] == {"agent": "ann", "before": "novice", "after": "regular"}
    text = diff.text()
    assert "2 would change level" in text
    assert "  bob: star -> regular" in text
    assert "повышений сегодня: 3 по старой схеме, 3 по новой" in diff.text("ru")


def test_compare_counts_agents_without_a_level() -> None:
    gated = LevelScheme([Level(1, "one", "One", condition="$answers >= 1")])
    diff = gated.compare(gated, {"ann": {"answers": 0}})
    assert diff.counts_before == {None: 1, "one": 0}
    assert diff.changes == ()
    assert "no level: 1 -> 1" in diff.text()
    assert diff.to_dict()["counts_before"][0] == {"level": None, "agents": 1}


def test_compare_reads_the_held_level_in_each_scheme() -> None:
    renamed = LevelScheme([Level(1, "rookie", "Rookie")])
    with pytest.raises(UnknownLevelError) as caught:
        OLD.compare(renamed, TEAM, current={"ann": "regular"})
    assert "agent 'ann'" in str(caught.value.__notes__)
    with pytest.raises(TypeError):
        OLD.compare("levels.toml", TEAM)  # type: ignore[arg-type]


def test_compare_with_the_presets_keeps_every_level_when_nothing_changes() -> None:
    scheme = presets.levels()
    team = {
        f"a{n}": {"answers": n * 37, "chats": 0, "rewards": n, "punishments_p": 1}
        for n in range(50)
    }
    diff = scheme.compare(scheme, team)
    assert diff.changes == ()
    assert diff.counts_before == diff.counts_after
    assert sum(diff.counts_after.values()) == 50


def test_compare_badges_per_badge_and_per_agent() -> None:
    old = [
        Badge("cleaner", "Cleaner", rule=ComparativeRule("$resolved_tickets")),
        Badge("gone", "Gone", rule=ComparativeRule("$breaks")),
    ]
    new = [
        Badge("cleaner", "Cleaner", rule=ComparativeRule("$deleted_tickets")),
        Badge("fresh", "Fresh", rule=ComparativeRule("$breaks", direction="least")),
    ]
    team = {
        "ann": {"resolved_tickets": 5, "deleted_tickets": 1, "breaks": 4},
        "bob": {"resolved_tickets": 2, "deleted_tickets": 3, "breaks": 1},
    }
    diff = compare_badges(old, new, {"7d": team}, seed=3)
    assert [c.to_dict() for c in diff.changes] == [
        {"badge": "cleaner", "before": ["ann"], "after": ["bob"]},
        {"badge": "gone", "before": ["ann"], "after": []},
        {"badge": "fresh", "before": [], "after": ["bob"]},
    ]
    assert diff.by_agent() == {"ann": (("cleaner", "gone"), ()), "bob": ((), ("cleaner", "fresh"))}
    assert diff.badges == 3
    assert diff.text().splitlines()[0] == "3 of 3 badges would go to other agents"
    assert "  gone: ann -> никто" in diff.text("ru")
    assert diff.to_dict()["badges"] == 3
    windows = sample_windows()
    same = compare_badges(presets.badges(), presets.badges(), windows, seed=1)
    assert same.changes == ()
