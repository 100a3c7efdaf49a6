"""`commission workflow` and `commission machine` on a copy of the example venture: delivery is
derived from its .planning/ and .company/ files, and only `advance --yes` writes, atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.conftest import Runner

from commissioning.delivery import COMPANY_STATE
from commissioning.observe.delivery import observe_delivery
from commissioning.services.workflow import gate_history

MACHINES = ("capability", "company", "pm_cycle", "proposal", "quick", "table", "task")


def _json(run: Runner, *args: str) -> dict[str, object]:
    done = run(*args, "--json")
    assert done.code == 0, done.err
    value: dict[str, object] = json.loads(done.out)
    return value


def test_every_machine_is_listed_and_drawn(run: Runner) -> None:
    listed = run("machine", "list")
    assert [line.split()[0] for line in listed.out.splitlines()] == list(MACHINES)
    for name in MACHINES:
        drawn = run("machine", "show", name, "--mermaid")
        assert drawn.code == 0 and drawn.out.startswith("stateDiagram-v2"), name


def test_the_example_carries_its_delivery_files() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "dairy-plant"
    for path in (".planning/PROJECT.md", ".planning/REQUIREMENTS.md", ".planning/ROADMAP.md",
                 ".planning/STATE.md", ".company/state.json", ".company/config.json",
                 ".company/roster.json", "docs/feature-matrix.md"):
        assert (example / path).is_file(), path


def test_the_status_is_derived_from_the_files(run: Runner, plant: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in (plant / ".company").iterdir()}
    status = _json(run, "workflow", "status", "-C", str(plant))
    company, pm = status["company"], status["pm"]
    assert (company["phase"], company["branch"]) == (  # type: ignore[index]
        "IMPLEMENTATION", "feature/cold-chain-alarms")
    assert company["gates"] == [{"gate": "pass", "to": "CODE_REVIEW",  # type: ignore[index]
                                 "description": ""}]
    assert (pm["state"], pm["phase"]) == ("EXECUTE", {"n": 2, "name": "Cold chain"})  # type: ignore[index]
    assert pm["unmet"] == ["phases/02-cold-chain/02-02-PLAN.md: no SUMMARY.md yet"]  # type: ignore[index]
    assert pm["next"] == "/company-execute-phase 2" and pm["then"] == "VERIFY"  # type: ignore[index]
    assert [p["verified"] for p in pm["phases"]] == [True, False, False, False]  # type: ignore[index]
    assert status["quick"] == [{"id": "001-docket-rounding", "state": "COMPLETE", "files": [
        "quick/001-docket-rounding/PLAN.md", "quick/001-docket-rounding/SUMMARY.md"]}]
    shown = run("workflow", "status", "-C", str(plant))
    assert "company: IMPLEMENTATION" in shown.out and "pm cycle: EXECUTE" in shown.out
    assert {p: p.stat().st_mtime_ns for p in (plant / ".company").iterdir()} == before


def test_advance_records_the_gate_and_writes_the_phase_atomically(run: Runner,
                                                                  plant: Path) -> None:
    state = plant / COMPANY_STATE
    original = json.loads(state.read_text())
    unconfirmed = run("workflow", "advance", "--gate", "pass", "-C", str(plant))
    assert unconfirmed.code == 2 and "confirm with --yes" in unconfirmed.err
    refused = run("workflow", "advance", "--gate", "fail", "--yes", "-C", str(plant))
    assert refused.code == 2 and "no 'fail' gate outcome; it accepts: pass" in refused.err
    assert json.loads(state.read_text()) == original
    done = _json(run, "workflow", "advance", "--gate", "pass", "--yes", "--by", "@dev",
                 "-C", str(plant))
    assert (done["from"], done["to"], done["phase_written"]) == (
        "IMPLEMENTATION", "CODE_REVIEW", "code_review")
    written = json.loads(state.read_text())
    assert written == {**original, "phase": "code_review"}, "every other key is kept"
    assert sorted(p.name for p in state.parent.iterdir()) == ["config.json", "roster.json",
                                                              "state.json"], "no temp file left"
    back = _json(run, "workflow", "advance", "--gate", "fail", "--yes", "--by", "@reviewer",
                 "--reason", "needs work: alarm debounce", "-C", str(plant))
    assert (back["from"], back["to"]) == ("CODE_REVIEW", "IMPLEMENTATION")
    assert [(g["gate"], g["to"], g["by"]) for g in gate_history(plant)] == [
        ("fail", "IMPLEMENTATION", "@reviewer"), ("pass", "CODE_REVIEW", "@dev")]


def test_a_store_that_refuses_leaves_the_state_file_untouched(run: Runner, plant: Path) -> None:
    state = plant / COMPANY_STATE
    before = state.read_bytes()
    done = run("workflow", "advance", "--gate", "pass", "--yes", "--db",
               "sqlite:////proc/no-such-dir/x.db", "-C", str(plant))
    assert done.code != 0
    assert state.read_bytes() == before
    assert sorted(p.name for p in state.parent.iterdir()) == ["config.json", "roster.json",
                                                              "state.json"]


@pytest.mark.parametrize(("content", "problem"), [
    ("{not json", "not valid JSON"),
    ('{"goal": "x"}', "no `phase`"),
    ("[1, 2]", "not a JSON object"),
])
def test_a_state_file_that_cannot_be_used_is_said(tmp_path: Path, content: str,
                                                  problem: str) -> None:
    (tmp_path / ".company").mkdir()
    (tmp_path / COMPANY_STATE).write_text(content)
    seen = observe_delivery(tmp_path)
    assert seen.company is None and problem in (seen.company_problem or "")
    assert not seen.planning.present


def test_blockers_are_read_as_text(tmp_path: Path) -> None:
    (tmp_path / ".company").mkdir()
    (tmp_path / COMPANY_STATE).write_text(json.dumps(
        {"phase": "qa", "blockers": ["staging is down", {"description": "flaky e2e"}]}))
    seen = observe_delivery(tmp_path)
    assert seen.company is not None
    assert seen.company.blockers == ("staging is down", "flaky e2e")
