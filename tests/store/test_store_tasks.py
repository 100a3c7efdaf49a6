"""The task repository on SQLite and PostgreSQL: tasks, audit, outbox, links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from commissioning.assess import assess
from commissioning.errors import TransitionRefused, UnknownTaskError
from commissioning.evidence import Evidence, EvidenceSnapshot, Kind, ScanInputs, TableInfo, TableKey
from commissioning.machines import builtin_machine
from commissioning.report import VentureInfo
from commissioning.store import Store
from commissioning.store.tasks import Delivery, Move
from commissioning.tasks import ChecklistItem, generate_tasks, reconcile
from commissioning.tasks.model import Link

LADDER = builtin_machine("table")
TASK = builtin_machine("task")
VENTURE = VentureInfo("shop", "/v/shop")
T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
BOTH = Delivery(upserts=("github", "linear"), comments=("linear",))


def _assessment(*items: Evidence):  # type: ignore[no-untyped-def]
    tables = sorted({e.table for e in items})
    snapshot = EvidenceSnapshot.build("shop", ScanInputs("c"),
                                      [TableInfo(t, "drizzle") for t in tables], items)
    return assess(snapshot, LADDER)


ORDERS = TableKey("public", "orders")
TANKS = TableKey("lab", "tanks")
BASE = (Evidence(ORDERS, Kind.SCHEMA, "d", path="s.ts", line=1),
        Evidence(TANKS, Kind.SCHEMA, "d", path="s.ts", line=9))


def _scan(store: Store, *items: Evidence, at: datetime = T0):  # type: ignore[no-untyped-def]
    assessment = _assessment(*items)
    plan = generate_tasks("shop", assessment, LADDER)
    result = reconcile(TASK, store.tasks.list_tasks("shop"), plan, assessment)
    return store.tasks.apply(VENTURE, result, at, BOTH)


def test_apply_creates_audits_and_queues(store: Store) -> None:
    applied = _scan(store, *BASE)
    assert applied.created == ("shop/lab.tanks/2", "shop/orders/2")
    tasks = store.tasks.list_tasks("shop")
    assert [(t.key, t.phase) for t in tasks] == [("shop/lab.tanks/2", "PLANNED"),
                                                 ("shop/orders/2", "PLANNED")]
    assert tasks[1].table == ORDERS and tasks[1].kind is Kind.MIGRATION
    assert tasks[1].checklist[-1] == ChecklistItem("Run `commission verify orders --state 2` "
                                                   "and see it exit 0")
    history = store.tasks.history("shop", "shop/orders/2")
    assert [(h.source, h.target, h.actor, h.command) for h in history] == [
        (None, "IDEA", "scanner", "scan"), ("IDEA", "PLANNED", "scanner", "scan")]
    # one upsert per sink (coalesced), one comment per transition for linear
    due = store.tasks.due("shop", "linear", T0)
    assert [(i.key, i.op) for i in due] == [
        ("shop/lab.tanks/2", "upsert"), ("shop/orders/2", "upsert"),
        ("shop/lab.tanks/2", "comment"), ("shop/orders/2", "comment")]
    assert [i.op for i in store.tasks.due("shop", "github", T0)] == ["upsert", "upsert"]
    assert _scan(store, *BASE).created == ()  # idempotent
    assert len(store.tasks.due("shop", "github", T0)) == 2


def test_a_scan_move_planned_from_a_stale_phase_is_skipped(store: Store) -> None:
    _scan(store, *BASE)
    assessment = _assessment(*BASE, Evidence(ORDERS, Kind.MIGRATION, "m", path="m.sql", line=1))
    plan = reconcile(TASK, store.tasks.list_tasks("shop"),
                     generate_tasks("shop", assessment, LADDER), assessment)
    store.tasks.transition("shop", Move("shop/orders/2", "PLANNED", "IMPLEMENTING", "alice",
                                        "starting", "tasks move work", 95), T0, BOTH)
    applied = store.tasks.apply(VENTURE, plan, T0, BOTH)
    assert "shop/orders/2" in applied.skipped
    assert store.tasks.get_task("shop", "shop/orders/2").phase == "IMPLEMENTING"


def test_a_person_move_is_refused_when_the_task_moved_meanwhile(store: Store) -> None:
    _scan(store, *BASE)
    with pytest.raises(TransitionRefused, match="moved meanwhile"):
        store.tasks.transition("shop", Move("shop/orders/2", "IDEA", "PLANNED", "bob", "x",
                                            "tasks move plan", 95), T0, BOTH)
    with pytest.raises(UnknownTaskError):
        store.tasks.get_task("shop", "shop/nope/1")


def test_closing_and_reopening_keep_the_closed_reason_right(store: Store) -> None:
    _scan(store, *BASE)
    _scan(store, *BASE, Evidence(ORDERS, Kind.MIGRATION, "m", path="m.sql", line=1),
          at=T0 + timedelta(hours=1))
    verified = store.tasks.get_task("shop", "shop/orders/2")
    assert verified.phase == "VERIFIED" and verified.closed_reason == \
        "evidence found: m at m.sql:1"
    _scan(store, *BASE, at=T0 + timedelta(hours=2))
    reopened = store.tasks.get_task("shop", "shop/orders/2")
    assert reopened.phase == "IMPLEMENTING" and reopened.closed_reason is None
    assert store.tasks.history("shop", "shop/orders/2")[-1].reason.startswith("regression")


def test_outbox_failures_delivery_and_the_queue_summary(store: Store) -> None:
    _scan(store, *BASE)
    first, second = store.tasks.due("shop", "github", T0)
    store.tasks.failed(first, "github: 503", T0 + timedelta(minutes=5))
    assert [i.id for i in store.tasks.due("shop", "github", T0 + timedelta(minutes=1))] == [
        second.id]
    assert len(store.tasks.due("shop", "github", T0, force=True)) == 2
    (summary,) = [q for q in store.tasks.queued("shop") if q.sink == "github"]
    assert summary.queued == 2 and summary.attempts == 1 and summary.last_error == "github: 503"
    assert summary.next_attempt_at == T0
    link = Link(second.key, "github", "7", "https://github.com/a/b/issues/7", "open::Planned")
    store.tasks.delivered(second, T0, link)
    assert store.tasks.links("shop", "github") == (link,)
    assert [i.id for i in store.tasks.due("shop", "github", T0, force=True)] == [first.id]


def test_backfill_queues_what_a_new_sink_never_saw(store: Store) -> None:
    _scan(store, *BASE)
    assert store.tasks.backfill("shop", "markdown", T0, skip=["CANCELLED"]) == 2
    assert store.tasks.backfill("shop", "markdown", T0, skip=["CANCELLED"]) == 0
    assert len(store.tasks.due("shop", "markdown", T0)) == 2


def test_checklist_ticks_are_stored_and_queued(store: Store) -> None:
    _scan(store, *BASE)
    for sink in ("github", "linear"):
        for item in store.tasks.due("shop", sink, T0):
            store.tasks.delivered(item, T0, None)
    task = store.tasks.get_task("shop", "shop/orders/2")
    ticked = tuple(ChecklistItem(i.text, True) for i in task.checklist)
    updated = store.tasks.set_checklist("shop", task.key, ticked, T0, BOTH)
    assert updated.facts(verified=False)["checklist_complete"]
    assert [i.op for i in store.tasks.due("shop", "github", T0)] == ["upsert"]
