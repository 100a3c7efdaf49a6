"""`commission capabilities` on a copy of the example venture: the matrix syncs, levels come from
the evidence (tree, reports, posted), every claim above them is a task that follows the ladder."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Runner

EXPECTED = {  # slug: (claimed, verified, gap kind)
    "batch-release": ("L3", "L2", "used"),
    "cold-chain-alarms": ("L1", "L1", None),
    "dispatch-manifest": ("L2", "L1", "tested"),
    "energy-carbon-report": ("L0", "L0", None),
    "farm-register": ("L2", "L2", None),
    "lab-sample-results": ("L2", "L1", "tested"),
    "milk-intake-kiosk": ("L4", "L2", "used"),
    "whey-sales": ("L1", "L0", "implemented"),
}


def _json(run: Runner, *args: str) -> dict[str, object]:
    done = run(*args, "--json")
    assert done.code == 0, done.err
    value: dict[str, object] = json.loads(done.out)
    return value


def _rows(document: dict[str, object]) -> dict[str, dict[str, object]]:
    rows = document["capabilities"]
    assert isinstance(rows, list)
    return {r["slug"]: r for r in rows}


def test_the_matrix_syncs_and_levels_come_from_evidence(run: Runner, plant: Path) -> None:
    synced = _json(run, "capabilities", "sync", "-C", str(plant))
    assert len(synced["created"]) == 8  # type: ignore[arg-type]
    rows = _rows(synced)
    assert {slug: (r["claimed_level"], r["verified_level"], (r["gap"] or {}).get("kind"))
            for slug, r in rows.items()} == EXPECTED
    lab = rows["lab-sample-results"]["levels"]["L2"]  # type: ignore[index]
    assert "e2e/lab.spec.ts (1 failed in reports/lab-nightly.json)" in lab["reason"]
    receipts = rows["milk-intake-kiosk"]["levels"]["L1"]["evidence"]  # type: ignore[index]
    assert "src/db/repositories/milk-collections.ts#recordCollection " \
           "(src/db/repositories/milk-collections.ts:62)" in receipts
    tests = rows["farm-register"]["levels"]["L2"]["evidence"]  # type: ignore[index]
    assert tests == ["e2e/farms.spec.ts: 3 passed (reports/e2e-junit.xml)"]
    tasks = synced["tasks"]
    assert sorted(tasks["created"]) == sorted(  # type: ignore[index]
        f"dairy-plant/capability/{slug}/{rows[slug]['gap']['level']}"  # type: ignore[index]
        for slug, (_, _, gap) in EXPECTED.items() if gap)
    # The gaps are tasks like any other: owned (CODEOWNERS of the matrix), PLANNED.
    board = json.loads(run("tasks", "--json", "-C", str(plant)).out)
    mine = {t["key"]: t for t in board if "/capability/" in t["key"]}
    assert {t["phase"] for t in mine.values()} == {"PLANNED"}
    assert {t["owner"] for t in mine.values()} == {"@glenmore/product"}
    shown = run("tasks", "show", "capability/whey-sales/L1", "-C", str(plant))
    assert shown.code == 0 and "commission capabilities verify whey-sales --level 1" in shown.out


def test_a_scan_carries_the_capabilities_and_keeps_their_tasks(run: Runner, plant: Path) -> None:
    assert run("scan", str(plant)).code == 0
    assert _json(run, "status", "-C", str(plant))["capabilities"] == []
    _json(run, "capabilities", "sync", "-C", str(plant))
    scanned = _json(run, "scan", str(plant))
    rows = _rows(scanned)
    assert rows["whey-sales"]["gap"]["task"] == {  # type: ignore[index]
        "key": "dairy-plant/capability/whey-sales/L1", "phase": "PLANNED",
        "owner": "@glenmore/product"}
    # The same snapshot, scanned again: the stored document shows the capabilities too.
    assert _rows(_json(run, "status", "-C", str(plant))).keys() == EXPECTED.keys()
    board = json.loads(run("tasks", "--json", "-C", str(plant)).out)
    assert {t["phase"] for t in board if "/capability/" in t["key"]} == {"PLANNED"}


def test_posted_evidence_raises_the_level_and_verify_moves_the_task(run: Runner,
                                                                   plant: Path) -> None:
    _json(run, "capabilities", "sync", "-C", str(plant))
    key = "capability/milk-intake-kiosk/L3"
    assert run("capabilities", "verify", "milk-intake-kiosk", "--level", "3",
               "-C", str(plant)).code == 1
    posted = _json(run, "capabilities", "evidence", "milk-intake-kiosk", "--usage", "412",
                   "--window", "7", "--by", "ops-agent", "-C", str(plant))
    assert (posted["verified_level"], posted["recorded_by"]) == ("L3", "ops-agent")
    verdict = run("capabilities", "verify", "milk-intake-kiosk", "--level", "3", "-C",
                  str(plant))
    assert verdict.code == 0 and "412 uses in 7 days" in verdict.out
    task = json.loads(run("tasks", "show", key, "--json", "-C", str(plant)).out)
    assert task["phase"] == "VERIFIED"
    # The next level is the next gap, a new task.
    rows = _rows(_json(run, "capabilities", "-C", str(plant)))
    assert rows["milk-intake-kiosk"]["gap"]["level"] == "L4"  # type: ignore[index]
    verified = _json(run, "capabilities", "evidence", "milk-intake-kiosk", "--verified",
                     "--by", "@ciara", "-C", str(plant))
    assert verified["verified_level"] == "L4" and verified["verified_by"] == "@ciara"


def test_a_row_removed_from_the_matrix_is_retired_and_its_task_cancelled(
        run: Runner, plant: Path) -> None:
    _json(run, "capabilities", "sync", "-C", str(plant))
    matrix = plant / "docs" / "feature-matrix.md"
    matrix.write_text("".join(line for line in matrix.read_text().splitlines(keepends=True)
                              if not line.startswith("| whey-sales ")))
    synced = _json(run, "capabilities", "sync", "-C", str(plant))
    assert synced["retired"] == ["whey-sales"]
    assert synced["tasks"]["moved"] == [  # type: ignore[index]
        "dairy-plant/capability/whey-sales/L1: PLANNED → CANCELLED"]
    assert "whey-sales" not in _rows(_json(run, "capabilities", "-C", str(plant)))


def test_a_raised_claim_waits_for_an_approved_proposal(run: Runner, plant: Path) -> None:
    _json(run, "capabilities", "sync", "-C", str(plant))
    matrix = plant / "docs" / "feature-matrix.md"
    matrix.write_text(matrix.read_text().replace("| prd-cold-chain | L1 |",
                                                 "| prd-cold-chain | L3 |"))
    held = _json(run, "capabilities", "sync", "-C", str(plant))
    assert held["held"] == [{"slug": "cold-chain-alarms", "why": "raising L1 → L3 needs an "
                             "approved raise_claimed_level proposal"}]
    with (plant / "commissioning.toml").open("a") as config:
        config.write('\n[governance.roles]\nsenior = ["@alice"]\n')
    proposed = _json(run, "propose", "raise-level", "cold-chain-alarms", "L3", "--reason",
                     "alarms run in the pilot cold room", "--by", "@bob", "-C", str(plant))
    _json(run, "proposals", "approve", str(proposed["id"]), "--reason", "pilot data seen",
          "--by", "@alice", "-C", str(plant))
    raised = _json(run, "capabilities", "sync", "-C", str(plant))
    assert raised["held"] == [] and raised["updated"] == ["cold-chain-alarms"]
    assert _rows(raised)["cold-chain-alarms"]["claimed_level"] == "L3"


def test_errors_are_clear(run: Runner, plant: Path) -> None:
    (plant / "docs" / "feature-matrix.md").unlink()
    done = run("capabilities", "sync", "-C", str(plant))
    assert done.code == 2 and "no feature matrix at docs/feature-matrix.md" in done.err
    done = run("capabilities", "verify", "nope", "--level", "9", "-C", str(plant))
    assert done.code == 2 and "--level must be 1..4" in done.err


def test_reading_before_any_sync_creates_nothing(run: Runner, plant: Path) -> None:
    empty = _json(run, "capabilities", "-C", str(plant))
    assert empty["capabilities"] == [] and empty["summary"]["capabilities"] == 0  # type: ignore[index]
    board = _json(run, "proposals", "-C", str(plant))
    assert board["proposals"] == [] and len(board["matrix"]["actions"]) == 12  # type: ignore[index]
    assert not (plant / ".commissioning").exists()
