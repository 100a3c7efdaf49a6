"""Generated ventures (bench/synth) scan to exactly the states their plan says, in both stacks.

The benchmark measures the scanner on these ventures at 200 to 10,000 tables; this is what makes
its figures mean something: at every size, every table lands where the plan put it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.synth import STACKS, generate, make_plan

from commissioning.assess import assess
from commissioning.config import load_venture_config
from commissioning.machines import builtin_machine
from commissioning.observe.scanner import observe_venture


def _states(root: Path) -> dict[str, dict[str, object]]:
    snapshot = observe_venture(root, load_venture_config(root))
    assessment = assess(snapshot, builtin_machine("table"))
    return {t.table.key.name: {"state": t.state, "ahead": sorted(k.value for k in t.ahead)}
            for t in assessment.tables}


@pytest.mark.parametrize("stack", STACKS)
def test_every_table_lands_on_its_planned_state(tmp_path: Path, stack: str) -> None:
    plan = generate(tmp_path / stack, tables=60, files=500, seed=7, stack=stack)
    expected = json.loads((tmp_path / stack / "expected-states.json").read_text("utf-8"))
    assert expected == plan.expected()
    assert _states(tmp_path / stack) == {
        name: {"state": row["state"], "ahead": sorted(row["ahead"])}
        for name, row in expected["tables"].items()}


@pytest.mark.parametrize("stack", STACKS)
def test_the_plan_covers_every_state_and_some_evidence_ahead(stack: str) -> None:
    plan = make_plan(200, seed=0, stack=stack)
    assert {t.state for t in plan.tables} == set(range(10))
    assert sum(1 for t in plan.tables if t.ahead) >= 10
    assert any(t.idea for t in plan.tables)


def test_same_seed_same_venture_and_a_file_count_as_asked(tmp_path: Path) -> None:
    generate(tmp_path / "a", tables=30, files=400, seed=3)
    generate(tmp_path / "b", tables=30, files=400, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                     if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*")
                     if p.is_file())
    assert files_a == files_b and len(files_a) == 400
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes()
               for p in files_a)
    assert make_plan(30, seed=4) != make_plan(30, seed=3)
