"""The leaderboard and the ``levels``/``presets`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentlevels import leaderboard, presets
from agentlevels._language.metrics import LEVEL_METRICS
from agentlevels.cli import main
from agentlevels.cli.levels import bar, sample_team

SCHEME = presets.levels()


def person(answers: int, rewards: int = 0) -> dict[str, object]:
    return {"answers": answers, "chats": 0, "rewards": rewards, "punishments_p": 1.0}


def test_order_and_shared_ranks() -> None:
    team = {
        "cid": person(300),
        "ann": person(600),
        "bob": person(300),
        "dan": person(260),
        "eve": person(5),
    }
    board = leaderboard(SCHEME, team)
    assert [(s.rank, s.agent) for s in board] == [
        (1, "ann"),
        (2, "bob"),
        (2, "cid"),
        (4, "dan"),
        (5, "eve"),
    ]
    assert board[0].level is not None
    assert board[0].level.key == "professional"
    assert board[1].progress is not None
    assert board[1].ratio == board[1].progress.ratio


def test_current_levels_count() -> None:
    team = {"ann": person(600), "bob": person(5)}
    board = leaderboard(SCHEME, team, current={"bob": "master"})
    assert [s.agent for s in board] == ["bob", "ann"]
    assert board[0].level is not None
    assert board[0].level.key == "master"


def test_top_level_sorts_as_complete() -> None:
    top = {"answers": 60000, "chats": 0, "rewards": 900, "punishments_p": 1.0}
    board = leaderboard(SCHEME, {"zed": top, "amy": person(26000, 300)})
    assert [s.agent for s in board] == ["zed", "amy"]
    assert board[0].progress is None
    assert board[0].ratio == 1.0


def test_sample_team() -> None:
    team = sample_team()
    assert 18 <= len(team) <= 22
    names = {metric.name for metric in LEVEL_METRICS}
    for snapshot in team.values():
        assert set(snapshot) == names
    ranks = {s.level.rank for s in leaderboard(SCHEME, team) if s.level is not None}
    assert ranks == set(range(1, 13))


def test_bar() -> None:
    assert bar(0.0) == "[--------------------]   0%"
    assert bar(0.999) == "[###################-]  99%"
    assert bar(1.0) == "[####################] 100%"


def test_levels_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["levels"]) == 0
    out = capsys.readouterr().out
    assert "Leaderboard: 20 agents, 12 levels" in out
    assert "180 more" in out or "more answers" in out
    assert main(["levels", "--locale", "ru"]) == 0
    assert "Рейтинг" in capsys.readouterr().out


def test_levels_command_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team.json"
    team.write_text(json.dumps({"ann": person(600), "bob": person(5)}), encoding="utf-8")
    current = tmp_path / "current.toml"
    current.write_text('bob = "master"\n', encoding="utf-8")
    assert main(["levels", str(team), "--current", str(current)]) == 0
    out = capsys.readouterr().out
    assert out.index("bob") < out.index("ann")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"ann": 5}', "ann: expected a table/object"),
        ('{"ann": {"answers": 1}}', "agent 'ann'"),
        ("{", "invalid JSON at line 1"),
    ],
)
def test_levels_command_bad_team(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    team = tmp_path / "team.json"
    team.write_text(content, encoding="utf-8")
    assert main(["levels", str(team)]) == 1
    assert words in capsys.readouterr().err


def test_presets_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    assert " 6. Professional (professional)" in out
    assert "To reach this level, answer 500 tickets or 500 chats." in out
    assert main(["presets", "--locale", "ru"]) == 0
    assert "Чтобы достичь этого уровня, ответьте на 500 тикетов или 500 чатов." in (
        capsys.readouterr().out
    )


def test_levels_command_reads_every_file_with_the_same_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scheme = tmp_path / "levels.toml"
    scheme.write_text('[[levels]]\nkey = "a"\nname = "A"\ncondtion = "true"\n', encoding="utf-8")
    assert main(["levels", "--scheme", str(scheme)]) == 1
    assert capsys.readouterr().err == (
        f"agentlevels levels: error: {scheme}: levels[0].condtion: "
        "unknown key 'condtion'; did you mean 'condition'?\n"
    )
    current = tmp_path / "current.json"
    current.write_text('{"ann": 1, "ann": 2}', encoding="utf-8")
    assert main(["levels", "--current", str(current)]) == 1
    err = capsys.readouterr().err
    assert err == f"agentlevels levels: error: {current}: ann: duplicate key 'ann'\n"


def test_current_naming_anna_who_is_not_in_the_team_is_an_error() -> None:
    scheme = presets.levels()
    team = {"ana": {"answers": 600, "chats": 0, "rewards": 0, "punishments_p": None}}
    with pytest.raises(ValueError, match=r"'anna', who is not in the team; did you mean 'ana'\?"):
        leaderboard(scheme, team, current={"anna": "master"})
    with pytest.raises(ValueError, match=r"\(and 1 more\)"):
        leaderboard(scheme, team, current={"anna": 3, "zed": 2})
    with pytest.raises(TypeError):
        leaderboard(scheme, team, current=[("ana", 3)])  # type: ignore[arg-type]
    # Agents of the team missing from current still hold none.
    (standing,) = leaderboard(scheme, team, current={})
    assert standing.agent == "ana"
