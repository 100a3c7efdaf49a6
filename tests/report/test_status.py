from __future__ import annotations

import json
from pathlib import Path

from commissioning.assess import assess
from commissioning.evidence import (
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Step,
    TableInfo,
    TableKey,
)
from commissioning.machines import builtin_machine
from commissioning.report import StatusInputs, TaskRef, VentureInfo, build_status_document, gap_key

MACHINE = builtin_machine("table")
GROWERS = TableKey("public", "growers")
BATCHES = TableKey("lab", "batches")

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "design" / "STATUS-JSON.md"
REQUIRED_TOP = ["schema_version", "venture", "snapshot", "machine", "summary", "tables",
                "capabilities"]
REQUIRED_TABLE = ["name", "schema", "state", "state_name", "evidence", "waived", "gap", "ahead"]


def _doc(scanned_at: str = "2026-11-21T10:00:00Z",
         tasks: dict[str, TaskRef] | None = None) -> dict[str, object]:
    items = [
        Evidence(GROWERS, Kind.SCHEMA, "drizzle.pgTable", path="src/db/schema.ts", line=7),
        Evidence(GROWERS, Kind.CRUD_UI, "nextjs.page", path="src/app/growers/page.tsx", line=1,
                 via=(Step("src/app/actions/growers.ts", 5),
                      Step("src/db/repositories/growers.ts", 9))),
        Evidence(BATCHES, Kind.SCHEMA, "drizzle.pgTable", path="src/db/lab.ts", line=3),
        Evidence(BATCHES, Kind.MIGRATION, "sql.create_table", path="drizzle/0000.sql", line=2),
    ]
    snapshot = EvidenceSnapshot.build(
        "greenhouse", ScanInputs("sha256:cfg", (("drizzle", "1"),), ("drizzle", "nextjs")),
        [TableInfo(GROWERS, "drizzle", "growers"), TableInfo(BATCHES, "drizzle", "batches")],
        items)
    return build_status_document(StatusInputs(
        venture=VentureInfo("greenhouse", ".", ("drizzle", "nextjs")), snapshot=snapshot,
        assessment=assess(snapshot, MACHINE), machine=MACHINE, scanned_at=scanned_at,
        tasks=tasks or {}))


def test_document_has_every_contract_field() -> None:
    doc = _doc()
    assert all(key in doc for key in REQUIRED_TOP)
    assert doc["schema_version"] == 1
    for table in doc["tables"]:  # type: ignore[attr-defined]
        assert all(key in table for key in REQUIRED_TABLE)
    by_state = doc["summary"]["by_state"]  # type: ignore[index]
    assert list(by_state) == [str(n) for n in range(11)]


def test_tables_sorted_by_schema_then_name_and_evidence_shape() -> None:
    doc = _doc()
    tables = doc["tables"]  # type: ignore[assignment]
    assert [(t["schema"], t["name"]) for t in tables] == [("lab", "batches"), ("public", "growers")]
    growers = tables[1]
    assert growers["state"] == 1 and growers["gap"]["kind"] == "migration"
    assert growers["evidence"]["crud_ui"] == [{
        "detector": "nextjs.page", "path": "src/app/growers/page.tsx", "line": 1,
        "via": ["src/app/actions/growers.ts:5", "src/db/repositories/growers.ts:9"]}]
    assert growers["ahead"] == ["crud_ui"]
    assert growers["gap"]["follow"]["table"] == "batches"


def test_only_scanned_at_differs_between_two_builds() -> None:
    a = _doc("2026-11-21T10:00:00Z")
    b = _doc("2026-11-22T11:00:00Z")
    a["snapshot"]["scanned_at"] = b["snapshot"]["scanned_at"]  # type: ignore[index]
    assert json.dumps(a) == json.dumps(b)


def test_route_rate_counts_tasks_for_actionable_gaps() -> None:
    assert _doc()["summary"]["route_rate"] == 0.0  # type: ignore[index]
    key = gap_key("greenhouse", assess(
        EvidenceSnapshot.build("greenhouse", ScanInputs("x"),
                               [TableInfo(GROWERS, "drizzle")],
                               [Evidence(GROWERS, Kind.SCHEMA, "d", path="a", line=1)]),
        MACHINE).gaps[0])
    assert key == "greenhouse/growers/2"
    doc = _doc(tasks={key: TaskRef(key, "IDEA", "@dairy/intake")})
    summary = doc["summary"]  # type: ignore[index]
    assert summary["routed"] == 1 and summary["route_rate"] == 0.5


def test_contract_example_fields_are_all_produced() -> None:
    """Keys shown in the shared contract's example must exist in ours (never renamed)."""
    if not CONTRACT.exists():  # the contract travels beside the repo; inside CI it is there
        raise AssertionError(f"contract file missing: {CONTRACT}")
    text = CONTRACT.read_text()
    example = json.loads(text.split("```json", 1)[1].split("```", 1)[0])
    doc = _doc()
    for key, value in example.items():
        assert key in doc, key
        if isinstance(value, dict):
            assert set(value) <= set(doc[key]), (key, set(value) - set(doc[key]))  # type: ignore[arg-type]
