"""End to end on drizzle-mini: every gap a task with an owner; the loop closes itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.conftest import Runner

CODEOWNERS = "*  @greenhouse/leads\nsrc/db/  @greenhouse/data\n"
SENSORS_MIGRATION = "CREATE TABLE sensors (\n  id serial PRIMARY KEY,\n  label text\n);\n"


@pytest.fixture
def owned(mini: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (mini / ".github").mkdir()
    (mini / ".github" / "CODEOWNERS").write_text(CODEOWNERS, encoding="utf-8")
    monkeypatch.setenv("COMMISSIONING_ACTOR", "alice")
    return mini


def _tasks(run: Runner, root: Path) -> dict[str, dict[str, object]]:
    result = run("tasks", "-C", str(root), "--json")
    assert result.code == 0, result.err
    return {t["key"]: t for t in json.loads(result.out)}


def test_every_gap_is_a_task_with_an_owner_and_rescans_create_nothing(
    run: Runner, owned: Path,
) -> None:
    doc = json.loads(run("scan", str(owned), "--json").out)
    assert doc["summary"]["gaps"] == 4 and doc["summary"]["route_rate"] == 1.0
    assert doc["unrouted"] == []
    tasks = _tasks(run, owned)
    gaps = {t["gap"]["key"]: t["gap"] for t in doc["tables"] if t["gap"]}
    assert set(tasks) == set(gaps)
    for key, gap in gaps.items():
        assert gap["task"] == {"key": key, "phase": "PLANNED", "owner": tasks[key]["owner"]}
    assert tasks["greenhouse/harvests/3"]["owner"] == "@greenhouse/data"
    assert tasks["greenhouse/pollination_logs/1"]["owner"] == "@greenhouse/leads"  # the toml
    second = json.loads(run("scan", str(owned), "--json").out)
    assert _tasks(run, owned) == tasks
    doc["snapshot"]["scanned_at"] = second["snapshot"]["scanned_at"]
    assert doc == second


def test_unrouted_gaps_are_listed_with_their_reason(run: Runner, mini: Path) -> None:
    doc = json.loads(run("scan", str(mini), "--json").out)
    assert doc["summary"]["route_rate"] == 0.0 and len(doc["unrouted"]) == 4
    assert "no CODEOWNERS file" in doc["unrouted"][0]["reason"]
    assert len(_tasks(run, mini)) == 4  # stored all the same: nothing is lost


def test_adding_the_missing_file_verifies_exactly_that_task_and_deleting_reopens_it(
    run: Runner, owned: Path,
) -> None:
    run("scan", str(owned))
    before = _tasks(run, owned)
    migration = owned / "drizzle" / "0001_sensors.sql"
    migration.write_text(SENSORS_MIGRATION, encoding="utf-8")
    assert run("scan", str(owned)).code == 0
    after = _tasks(run, owned)
    changed = {k for k in before if after[k]["phase"] != before[k]["phase"]}
    assert changed == {"greenhouse/sensors/2"}
    assert after["greenhouse/sensors/2"]["phase"] == "VERIFIED"
    assert set(after) - set(before) == {"greenhouse/sensors/3"}  # the next rung's gap
    shown = json.loads(run("tasks", "show", "sensors/2", "-C", str(owned), "--json").out)
    last = shown["history"][-1]
    assert (last["actor"], last["command"], last["to"]) == ("scanner", "scan", "VERIFIED")
    assert shown["closed_reason"].startswith("evidence found: sql.create_table")
    done = run("tasks", "move", "sensors/2", "COMPLETE", "-C", str(owned))
    assert done.code == 0, done.err
    migration.unlink()
    run("scan", str(owned))
    reopened = json.loads(run("tasks", "show", "sensors/2", "-C", str(owned), "--json").out)
    assert reopened["phase"] == "IMPLEMENTING" and reopened["closed_reason"] is None
    assert reopened["history"][-1]["reason"].startswith("regression: the evidence is gone")
    assert reopened["history"][-1]["from"] == "COMPLETE"


def test_invalid_and_unconfirmed_moves_exit_2_and_say_why(run: Runner, owned: Path) -> None:
    run("scan", str(owned))
    refused = run("tasks", "move", "harvests/3", "COMPLETE", "-C", str(owned))
    assert refused.code == 2
    assert "PLANNED may move to: IMPLEMENTING, IDEA, CANCELLED, VERIFIED" in refused.err
    unconfirmed = run("tasks", "move", "harvests/3", "CANCELLED", "-C", str(owned))
    assert unconfirmed.code == 2 and "needs confirmation" in unconfirmed.err
    assert "--yes" in unconfirmed.err
    blocked = run("tasks", "move", "harvests/3", "VERIFIED", "--yes", "-C", str(owned))
    assert blocked.code == 2 and "Not verified yet" in blocked.err
    ok = run("tasks", "move", "harvests/3", "CANCELLED", "--yes", "-r", "not this season",
             "-C", str(owned), "--json")
    assert ok.code == 0, ok.err
    moved = json.loads(ok.out)
    assert (moved["from"], moved["to"], moved["actor"], moved["confidence"]) == (
        "PLANNED", "CANCELLED", "alice", 50)
    doc = json.loads(run("scan", str(owned), "--json").out)  # a cancelled task is not routed
    assert {u["gap"]: u["reason"] for u in doc["unrouted"]} == {
        "greenhouse/harvests/3": "its task was cancelled: not this season"}


def test_next_phase_filter_tick_and_the_workflow_to_verifying(run: Runner, owned: Path) -> None:
    run("scan", str(owned))
    nxt = json.loads(run("tasks", "next", "harvests/3", "-C", str(owned), "--json").out)
    assert nxt["next"]["command"] == "commission tasks move greenhouse/harvests/3 IMPLEMENTING"
    assert run("tasks", "move", "harvests/3", "IMPLEMENTING", "-C", str(owned)).code == 0
    early = run("tasks", "move", "harvests/3", "VERIFYING", "--yes", "-C", str(owned))
    assert early.code == 2 and "Checklist incomplete" in early.err
    assert run("tasks", "tick", "harvests/3", "-C", str(owned)).code == 0
    assert run("tasks", "move", "harvests/3", "VERIFYING", "--yes", "-C", str(owned)).code == 0
    only = _tasks(run, owned)
    filtered = json.loads(run("tasks", "--phase", "verifying", "-C", str(owned), "--json").out)
    assert [t["key"] for t in filtered] == ["greenhouse/harvests/3"] and len(only) == 4
    text = run("tasks", "show", "harvests/3", "-C", str(owned))
    assert text.code == 0 and "VERIFYING" in text.out and "commission verify harvests" in text.out


def test_tasks_before_a_scan_and_unknown_keys_are_clean_errors(run: Runner, mini: Path) -> None:
    before = run("tasks", "-C", str(mini))
    assert before.code == 2 and "commission scan" in before.err
    assert not (mini / ".commissioning").exists()
    run("scan", str(mini))
    unknown = run("tasks", "show", "nope/9", "-C", str(mini))
    assert unknown.code == 2 and "no task 'greenhouse/nope/9'" in unknown.err


def test_sync_with_only_the_store_reports_nothing_queued(run: Runner, owned: Path) -> None:
    run("scan", str(owned))
    result = run("tasks", "sync", "-C", str(owned), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"venture": "greenhouse", "queued": 0, "sinks": [
        {"sink": "store", "backfilled": 0, "read_back": [], "refused": [], "delivered": 0,
         "failed": 0, "retried": 0, "stopped": None, "errors": [], "queued": 0,
         "next_attempt_at": None, "last_error": None, "error": None}]}


def test_the_task_machine_draws_itself(run: Runner) -> None:
    result = run("machine", "show", "task", "--mermaid")
    assert result.code == 0 and "COMPLETE --> IMPLEMENTING : regression (50%)" in result.out
