"""The loop closes itself: the scan's moves, all through the task machine, and idempotent."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from tests.strategies import evidence_lists, tables_for

from commissioning.assess import Waiver, assess
from commissioning.evidence import Evidence, EvidenceSnapshot, Kind, ScanInputs, TableKey
from commissioning.machines import builtin_machine
from commissioning.machines.workflow import check_transition
from commissioning.report import gap_key
from commissioning.tasks import TaskRecord, generate_tasks, reconcile
from commissioning.tasks.model import ChecklistItem

LADDER = builtin_machine("table")
TASK = builtin_machine("task")
ORDERS = TableKey("public", "orders")
SCHEMA = Evidence(ORDERS, Kind.SCHEMA, "drizzle.pgTable", path="s.ts", line=1)
MIGRATION = Evidence(ORDERS, Kind.MIGRATION, "sql.create_table", path="m.sql", line=1)


def _assess(items: list[Evidence], waivers: tuple[Waiver, ...] = ()):  # type: ignore[no-untyped-def]
    snapshot = EvidenceSnapshot.build("v", ScanInputs("c"), tables_for(items), items)
    return assess(snapshot, LADDER, waivers)


def _record(key: str, n: int, kind: Kind, phase: str, table: TableKey = ORDERS) -> TaskRecord:
    return TaskRecord(key=key, venture="v", table=table, n=n, kind=kind, title="t", body="b",
                      checklist=(ChecklistItem("do it"),), phase=phase)


def _plan(items: list[Evidence], existing: list[TaskRecord], **kwargs: bool):  # type: ignore[no-untyped-def]
    assessment = _assess(items)
    plan = generate_tasks("v", assessment, LADDER)
    return reconcile(TASK, existing, plan, assessment, **kwargs)


def test_a_new_gap_is_created_in_idea_then_planned_by_the_scanner() -> None:
    result = _plan([SCHEMA], [])
    assert [t.key for t in result.creates] == ["v/orders/2"]
    (move,) = result.moves
    assert (move.source, move.target, move.actor, move.confidence) == (
        "IDEA", "PLANNED", "scanner", 95)
    assert result.phases == {"v/orders/2": "PLANNED"} and result.initial == "IDEA"


def test_evidence_found_moves_the_task_to_verified_from_any_open_phase() -> None:
    for phase in ("IDEA", "PLANNED", "IMPLEMENTING", "BLOCKED", "VERIFYING"):
        result = _plan([SCHEMA, MIGRATION], [_record("v/orders/2", 2, Kind.MIGRATION, phase)])
        verified = [m for m in result.moves if m.key == "v/orders/2"]
        assert [(m.source, m.target) for m in verified] == [(phase, "VERIFIED")], phase
        assert verified[0].reason == "evidence found: sql.create_table at m.sql:1"
        assert verified[0].closed_reason == verified[0].reason


def test_evidence_gone_reopens_verified_and_complete_as_a_regression() -> None:
    for phase, confidence in (("VERIFIED", 70), ("COMPLETE", 50)):
        result = _plan([SCHEMA], [_record("v/orders/2", 2, Kind.MIGRATION, phase)])
        (move,) = result.moves
        assert (move.source, move.target, move.confidence) == (phase, "IMPLEMENTING",
                                                               confidence)
        assert move.reason.startswith("regression: the evidence is gone")
        assert move.closed_reason is None
        assert not result.creates  # the task exists: reopened, not duplicated


def test_a_table_that_disappears_cancels_its_open_tasks_only() -> None:
    gone = TableKey("public", "legacy")
    existing = [_record("v/legacy/3", 3, Kind.DATA, "IMPLEMENTING", gone),
                _record("v/legacy/2", 2, Kind.MIGRATION, "COMPLETE", gone)]
    result = _plan([SCHEMA], existing)
    cancelled = [m for m in result.moves if m.key.startswith("v/legacy")]
    assert [(m.key, m.target) for m in cancelled] == [("v/legacy/3", "CANCELLED")]
    assert cancelled[0].reason == "table public.legacy is gone from the scan"


def test_a_waived_rung_cancels_its_task() -> None:
    assessment = _assess([SCHEMA], (Waiver(ORDERS, Kind.MIGRATION, "alice", "a view"),))
    plan = generate_tasks("v", assessment, LADDER)
    result = reconcile(TASK, [_record("v/orders/2", 2, Kind.MIGRATION, "PLANNED")], plan,
                       assessment)
    assert [(m.target, m.reason) for m in result.moves if m.key == "v/orders/2"] == [
        ("CANCELLED", "rung waived by alice: a view")]


def test_auto_complete_needs_a_second_scan() -> None:
    existing = [_record("v/orders/2", 2, Kind.MIGRATION, "PLANNED")]
    first = _plan([SCHEMA, MIGRATION], existing, auto_complete=True)
    assert [m.target for m in first.moves if m.key == "v/orders/2"] == ["VERIFIED"]
    verified = [replace(existing[0], phase="VERIFIED")]
    second = _plan([SCHEMA, MIGRATION], verified, auto_complete=True)
    assert [m.target for m in second.moves if m.key == "v/orders/2"] == ["COMPLETE"]
    assert not [m for m in _plan([SCHEMA, MIGRATION], verified).moves if m.key == "v/orders/2"]


def test_unknown_evidence_leaves_a_task_alone() -> None:
    from commissioning.evidence import Unknown

    items = [SCHEMA]
    snapshot = EvidenceSnapshot.build("v", ScanInputs("c"), tables_for(items), items,
                                      [Unknown(Kind.MIGRATION, "db down")])
    assessment = assess(snapshot, LADDER)
    result = reconcile(TASK, [_record("v/orders/2", 2, Kind.MIGRATION, "VERIFIED")],
                       generate_tasks("v", assessment, LADDER), assessment)
    assert result.empty


def _apply(existing: dict[str, TaskRecord], result) -> dict[str, TaskRecord]:  # type: ignore[no-untyped-def]
    out = dict(existing)
    for task in result.creates:
        out[task.key] = TaskRecord(task.key, "v", task.table, task.n, task.kind, task.title,
                                   task.body, task.checklist, result.initial, task.owner,
                                   task.owner_source)
    for update in result.updates:
        out[update.key] = replace(out[update.key], title=update.task.title,
                                  body=update.task.body, checklist=update.checklist,
                                  owner=update.task.owner,
                                  owner_source=update.task.owner_source)
    for move in result.moves:
        assert out[move.key].phase == move.source
        out[move.key] = replace(out[move.key], phase=move.target)
    return out


@settings(max_examples=60)
@given(evidence_lists, evidence_lists)
def test_every_move_is_a_valid_transition_and_a_rerun_plans_nothing(
    before: list[Evidence], after: list[Evidence],
) -> None:
    stored: dict[str, TaskRecord] = {}
    for items in (before, after):
        assessment = _assess(items)
        plan = generate_tasks("v", assessment, LADDER)
        result = reconcile(TASK, stored.values(), plan, assessment)
        for move in result.moves:
            facts = {"checklist": True, "checklist_complete": False,
                     "verified": move.target in ("VERIFIED", "COMPLETE")}
            assert check_transition(TASK, move.source, move.target, facts, confirmed=True).ok
        stored = _apply(stored, result)
        assert reconcile(TASK, stored.values(), plan, assessment).empty
        for gap in assessment.gaps:  # every actionable gap has a task
            if gap.actionable:
                assert gap_key("v", gap) in stored
