"""Scenario files at scale, impact previews for a large team, and the presets' coverage.

* 10,000 level cases in one scenario file (snapshots spread over every preset
  level): the time to read the file, to run the cases, and to run them with
  clause coverage;
* ``LevelScheme.compare`` of the presets with a changed ladder for 100,000
  agents;
* the clause coverage the presets' own scenario files reach.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import agentlevels
from agentlevels import Level, LevelScheme, presets, run_scenarios
from agentlevels._scenarios.cases import load_scenarios
from agentlevels._scenarios.coverage import ClauseCoverage
from agentlevels._scenarios.runner import run_file
from benchmarks._timing import median_seconds

CASES = 10_000
AGENTS = 100_000


def _snapshot(chooser: random.Random) -> dict[str, int | float]:
    scale = 10 ** chooser.uniform(0, 4.9)
    return {
        "answers": int(scale * chooser.uniform(0.3, 1.2)),
        "chats": int(scale * chooser.uniform(0.3, 1.2)),
        "rewards": int(scale * chooser.uniform(0.005, 0.02)),
        "punishments_p": round(chooser.uniform(0, 8), 2),
    }


def _scenario_text(count: int) -> str:
    chooser = random.Random(13)
    scheme = presets.levels()
    lines = ['version = 1\npreset = "levels"\n']
    for number in range(count):
        snapshot = _snapshot(chooser)
        level = scheme.evaluate(snapshot).level
        assert level is not None
        values = ", ".join(f"{name} = {value}" for name, value in snapshot.items())
        lines.append(
            f'[[case]]\nname = "case {number}"\nsnapshot = {{ {values} }}\nexpect = "{level.key}"\n'
        )
    return "\n".join(lines)


def _changed_presets() -> LevelScheme:
    # The proposal under review: Professional at 400 instead of 500.
    levels = [
        Level(
            level.rank,
            level.key,
            level.name,
            description=level.description,
            condition=level.condition.replace(">= 500 ||", ">= 400 ||").replace(
                "$chats >= 500", "$chats >= 400"
            )
            if level.key == "professional"
            else level.condition,
        )
        for level in presets.levels()
    ]
    return LevelScheme(levels)


def run() -> None:
    """Print the scenario, compare and coverage figures."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "many.scenarios.toml"
        path.write_text(_scenario_text(CASES), encoding="utf-8")
        load_s = median_seconds(lambda: load_scenarios(path), repeats=3)
        file = load_scenarios(path)
        plain_s = median_seconds(lambda: run_file(file), repeats=3)
        covered_s = median_seconds(lambda: run_file(file, ClauseCoverage()), repeats=3)
        results = run_file(file)
        assert all(result.passed for result in results)
    print(f"scenarios: {CASES:,} level cases against the 12 presets")
    print(f"  read the file       {load_s * 1000:8.1f} ms")
    print(f"  run the cases       {plain_s * 1000:8.1f} ms  ({plain_s / CASES * 1e6:6.1f} us/case)")
    per_case = covered_s / CASES * 1e6
    print(f"  with coverage       {covered_s * 1000:8.1f} ms  ({per_case:6.1f} us/case)")

    chooser = random.Random(14)
    team = {f"agent{n:06d}": _snapshot(chooser) for n in range(AGENTS)}
    current = dict.fromkeys(list(team)[: AGENTS // 2], "novice")
    old, new = presets.levels(), _changed_presets()
    compare_s = median_seconds(lambda: old.compare(new, team, current=current), repeats=5)
    diff = old.compare(new, team, current=current)
    print(f"compare: the presets against Professional at 400, {AGENTS:,} agents")
    per_agent = compare_s / AGENTS * 1e9
    print(f"  compare             {compare_s * 1000:8.1f} ms  ({per_agent:6.0f} ns/agent)")
    print(f"  agents changing     {len(diff.changes):8,}")

    preset_run = run_scenarios([Path(agentlevels.__file__).parent / "presets"])
    totals = preset_run.coverage.to_dict()
    print("presets' own scenario files")
    print(
        f"  {len(preset_run.results)} cases, {len(preset_run.failed)} failed; clause coverage "
        f"{totals['met']}/{totals['goals']} goals, {preset_run.coverage.percent:.1f}%"
    )
    for subject, conditions in preset_run.coverage.subjects.items():
        rows = [row for condition in conditions for row in condition.atoms()]
        met = sum(row.met for row in rows)
        print(f"  {subject:14} {len(rows):3} clauses, {met}/{4 * len(rows)} goals")


if __name__ == "__main__":
    run()
