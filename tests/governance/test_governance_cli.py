"""`commission propose` / `proposals` on a copy of the example venture: a waiver routed to review
is approved by the right role only, lifts the table's state on the next scan, and stops counting
once it expires."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.conftest import Runner

ROLES = '\n[governance.roles]\nsenior = ["@alice"]\nceo = ["@matt"]\n'


@pytest.fixture
def governed(plant: Path, run: Runner) -> Path:
    with (plant / "commissioning.toml").open("a", encoding="utf-8") as config:
        config.write(ROLES)
    assert run("scan", str(plant)).code == 0
    return plant


def _json(run: Runner, *args: str) -> dict[str, object]:
    done = run(*args, "--json")
    assert done.code == 0, done.err
    value: dict[str, object] = json.loads(done.out)
    return value


def _table(run: Runner, venture: Path, name: str) -> dict[str, object]:
    return _json(run, "show", name, "-C", str(venture))


def test_a_waiver_is_approved_by_the_right_role_only_and_lifts_the_state(
        run: Runner, governed: Path) -> None:
    before = _table(run, governed, "quality_holds")
    assert (before["state"], before["gap"]["kind"]) == (5, "crud_ui")  # type: ignore[index]
    proposed = _json(run, "propose", "waive", "quality_holds", "crud_ui", "--reason",
                     "holds are placed from the batch page", "--by", "@bob",
                     "-C", str(governed))
    assert (proposed["status"], proposed["route"]) == ("NEEDS_REVIEW", "needs_review")
    pid = str(proposed["id"])
    for who in ("@carol", "@bob"):  # no role; the proposer
        refused = run("proposals", "approve", pid, "--reason", "ok", "--by", who,
                      "-C", str(governed))
        assert refused.code == 2 and f"{who} may not approve proposal #{pid}" in refused.err
        assert "hint: ask @alice, @matt" in refused.err
    assert _table(run, governed, "quality_holds")["state"] == 5
    approved = _json(run, "proposals", "approve", pid, "--reason", "the batch page covers it",
                     "--by", "@alice", "-C", str(governed))
    assert approved["status"] == "EXECUTED" and approved["decided_by"] == "@alice"
    assert [e["to"] for e in approved["events"]] == [  # type: ignore[attr-defined]
        "SUBMITTED", "EVALUATION", "NEEDS_REVIEW", "APPROVED", "EXECUTED"]
    scanned = _json(run, "scan", str(governed))
    table = next(t for t in scanned["tables"] if t["name"] == "quality_holds")  # type: ignore[attr-defined]
    assert table["state"] == 6 and table["gap"]["kind"] == "etl"
    assert table["waived"] == {"crud_ui": {
        "approved_by": "@alice", "expires_on": None,
        "reason": f"holds are placed from the batch page (proposal #{pid})"}}
    assert any(d["code"] == "waiver" for d in scanned["diagnostics"])  # type: ignore[attr-defined]
    # The table's crud_ui task is cancelled: the rung was waived.
    task = _json(run, "tasks", "show", "quality_holds/6", "-C", str(governed))
    assert task["phase"] == "CANCELLED"


def test_an_expired_waiver_stops_counting(run: Runner, governed: Path) -> None:
    proposed = _json(run, "propose", "waive", "quality_holds", "crud_ui", "--reason",
                     "a trial", "--expires", "2020-01-31", "--by", "@bob", "-C", str(governed))
    _json(run, "proposals", "approve", str(proposed["id"]), "--reason", "for the trial",
          "--by", "@matt", "-C", str(governed))
    scanned = _json(run, "scan", str(governed))
    table = next(t for t in scanned["tables"] if t["name"] == "quality_holds")  # type: ignore[attr-defined]
    assert table["state"] == 5 and table["waived"] == {}
    assert [d["code"] for d in scanned["diagnostics"]  # type: ignore[attr-defined]
            if d["code"].startswith("waiver")] == ["waiver-expired"]
    board = _json(run, "proposals", "-C", str(governed))
    assert board["proposals"][0]["expired"] is True  # type: ignore[index]


def test_rejections_ceo_routes_and_manual_execution(run: Runner, governed: Path) -> None:
    waive = _json(run, "propose", "waive", "pallet_labels", "crud_ui", "--reason", "PLC",
                  "--by", "@bob", "-C", str(governed))
    rejected = _json(run, "proposals", "reject", str(waive["id"]), "--reason",
                     "operators do edit labels", "--by", "@alice", "-C", str(governed))
    assert (rejected["status"], rejected["decision_reason"]) == ("REJECTED",
                                                                 "operators do edit labels")
    scope = _json(run, "propose", "action", "scope_change", "-s", "goal=whey sales",
                  "--reason", "the feed mills asked", "--by", "@bob", "-C", str(governed))
    assert scope["status"] == "NEEDS_CEO" and scope["subject"] == {"goal": "whey sales"}
    senior = run("proposals", "approve", str(scope["id"]), "--reason", "ok", "--by", "@alice",
                 "-C", str(governed))
    assert senior.code == 2 and "needs the role ceo" in senior.err
    _json(run, "proposals", "approve", str(scope["id"]), "--reason", "yes", "--by", "@matt",
          "-C", str(governed))
    done = _json(run, "proposals", "execute", str(scope["id"]), "--reason", "roadmap updated",
                 "--by", "@matt", "-C", str(governed))
    assert done["status"] == "EXECUTED"
    pending = _json(run, "proposals", "--status", "needs_review", "-C", str(governed))
    assert pending["proposals"] == []
    listed = run("proposals", "-C", str(governed))
    assert listed.code == 0 and "scope_change" in listed.out
    shown = run("proposals", "show", str(scope["id"]), "-C", str(governed))
    assert "NEEDS_CEO → APPROVED  by @matt: yes" in shown.out


def test_bad_proposals_are_refused_clearly(run: Runner, governed: Path) -> None:
    unknown = run("propose", "waive", "nope", "crud_ui", "--reason", "r", "-C", str(governed))
    assert unknown.code == 2 and "no table named 'nope'" in unknown.err
    kind = run("propose", "waive", "quality_holds", "idea", "--reason", "r", "-C", str(governed))
    assert kind.code == 2 and "'idea' is not an evidence kind that can be waived" in kind.err
    date = run("propose", "waive", "quality_holds", "etl", "--reason", "r", "--expires",
               "soon", "-C", str(governed))
    assert date.code == 2 and "not a date: 'soon'" in date.err
    action = run("propose", "action", "promote", "--reason", "r", "-C", str(governed))
    assert action.code == 2 and "unknown action type 'promote'" in action.err
