"""Capability gaps become tasks on the task machine, and follow the ladder (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from commissioning.capabilities import (
    CapabilityAssessment,
    CapabilityKind,
    CapabilityRecord,
    Facts,
    ReceiptCheck,
    TestCheck,
    assess_capability,
)
from commissioning.evidence import TableKey
from commissioning.machines import builtin_machine
from commissioning.tasks import Reconciliation, Routing, RoutingRule, TaskRecord
from commissioning.tasks.capabilities import (
    capability_key,
    capability_tasks,
    is_capability_task,
    reconcile_capabilities,
)
from commissioning.tasks.model import task_kind

LADDER = builtin_machine("capability")
TASKS = builtin_machine("task")
RECEIPT = ReceiptCheck("src/a.ts", True, "src/a.ts")
PASSING = TestCheck("e2e/a.spec.ts", 2, 0, "reports/e2e.xml")
NOW = datetime(2026, 11, 21, tzinfo=UTC)


def assessed(slug: str, claimed: int, facts: Facts,
             retired: bool = False) -> CapabilityAssessment:
    record = CapabilityRecord(id=slug, venture="plant", slug=slug, feature_name=slug.title(),
                              capability_enabled="does it", prd_slug=f"prd-{slug}",
                              claimed_level=claimed, retired_at=NOW if retired else None)
    return assess_capability(record, facts, LADDER)


def stored(plan: Reconciliation, *, phases: dict[str, str] | None = None,
           ) -> tuple[TaskRecord, ...]:
    """The records the store would hold after applying ``plan``."""
    out = []
    for task in plan.creates:
        phase = (phases or {}).get(task.key, plan.phases[task.key])
        out.append(TaskRecord(key=task.key, venture=task.venture, table=task.table, n=task.n,
                              kind=task.kind, title=task.title, body=task.body,
                              checklist=task.checklist, phase=phase, owner=task.owner,
                              owner_source=task.owner_source))
    return tuple(out)


def run(assessments: Iterable[CapabilityAssessment],
        existing: tuple[TaskRecord, ...] = ()) -> Reconciliation:
    items = tuple(assessments)
    plan = capability_tasks("plant", items, LADDER,
                            routing=Routing(rules=(RoutingRule("@product", table="*"),)),
                            lines={"make": 9})
    return reconcile_capabilities(TASKS, existing, plan, items)


def test_a_claim_above_the_evidence_becomes_a_planned_task() -> None:
    plan = run([assessed("make", 3, Facts((RECEIPT,))), assessed("ok", 1, Facts((RECEIPT,)))])
    (task,) = plan.creates
    assert task.key == capability_key("plant", "make", 2) == "plant/capability/make/L2"
    assert (task.table, task.n, task.kind) == (TableKey("capability", "make"), 2,
                                               CapabilityKind.TESTED)
    assert task.owner == "@product"
    assert task.verify_command == "commission capabilities verify make --level 2"
    assert "line 9 of `docs/feature-matrix.md`" in task.body
    assert task.checklist[-1].text.startswith("Run `commission capabilities verify make")
    assert plan.phases[task.key] == "PLANNED"
    assert [(m.source, m.target) for m in plan.moves] == [("IDEA", "PLANNED")]
    assert is_capability_task(task)


def test_running_again_on_the_same_evidence_plans_nothing() -> None:
    items = [assessed("make", 3, Facts((RECEIPT,)))]
    first = run(items)
    assert run(items, stored(first)).empty


def test_the_level_holding_verifies_the_task_and_opens_the_next_gap() -> None:
    first = run([assessed("make", 3, Facts((RECEIPT,)))])
    later = run([assessed("make", 3, Facts((RECEIPT,), (PASSING,)))], stored(first))
    moves = {(m.key, m.target) for m in later.moves}
    assert ("plant/capability/make/L2", "VERIFIED") in moves
    assert [t.key for t in later.creates] == ["plant/capability/make/L3"]
    verified = next(m for m in later.moves if m.target == "VERIFIED")
    assert verified.actor == "scanner" and "L2 verified" in verified.reason


def test_a_lowered_claim_or_a_retired_capability_cancels_the_task() -> None:
    first = run([assessed("make", 3, Facts((RECEIPT,)))])
    lowered = run([assessed("make", 1, Facts((RECEIPT,)))], stored(first))
    assert [(m.target, m.reason) for m in lowered.moves] == [
        ("CANCELLED", "the claim was lowered to L1")]
    gone = run([assessed("make", 3, Facts((RECEIPT,)), retired=True)], stored(first))
    assert [m.target for m in gone.moves] == ["CANCELLED"]
    assert "no longer in the feature matrix" in gone.moves[0].reason


def test_a_level_that_stops_holding_reopens_its_task() -> None:
    first = run([assessed("make", 3, Facts((RECEIPT,)))])
    done = stored(first, phases={"plant/capability/make/L2": "VERIFIED"})
    again = run([assessed("make", 3, Facts((RECEIPT,)))], done)
    assert [(m.source, m.target) for m in again.moves] == [("VERIFIED", "IMPLEMENTING")]
    assert again.moves[0].reason.startswith("regression: L2 no longer holds")


def test_table_tasks_are_not_touched() -> None:
    table_task = TaskRecord(key="plant/farms/6", venture="plant", table=TableKey("public",
                            "farms"), n=6, kind=task_kind("crud_ui"), title="t", body="b",
                            checklist=(), phase="PLANNED")
    assert not is_capability_task(table_task)
    plan = run([], (table_task,))
    assert plan.empty and "plant/farms/6" not in plan.phases


def test_the_stored_kind_reads_back_as_its_enum() -> None:
    assert task_kind("tested") is CapabilityKind.TESTED
    assert task_kind("crud_ui").value == "crud_ui"
