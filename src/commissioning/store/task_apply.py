"""Apply a scan's reconciliation in bulk, inside the task repository's transaction.

One query finds the tasks the plan touches, new tasks are inserted and flushed together, audit
records and outbox rows go in with one statement each: a scan that opens or closes a thousand
tasks costs a handful of round trips, not thousands. Each move is applied only from the phase it
was planned from; a task someone moved meanwhile is skipped, and the next scan plans again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from commissioning.store.models import TaskRow, TaskTransitionRow
from commissioning.store.outbox import Queue
from commissioning.tasks import Reconciliation, Task
from commissioning.tasks.model import SCANNER, ChecklistItem, TransitionRecord
from commissioning.tasks.reconcile import SCAN_COMMAND

_CHUNK = 500  # keys per IN (...) lookup: far below every driver's parameter limit


def checklist_json(items: Iterable[ChecklistItem]) -> list[dict[str, object]]:
    return [{"text": item.text, "done": item.done} for item in items]


def rows_by_key(session: Session, venture_id: int, keys: Iterable[str]) -> dict[str, TaskRow]:
    wanted = sorted(set(keys))
    found: dict[str, TaskRow] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(TaskRow).where(TaskRow.venture_id == venture_id,
                                      TaskRow.key.in_(wanted[start:start + _CHUNK]))
        found.update({row.key: row for row in session.scalars(query)})
    return found


def new_row(venture_id: int, task: Task, phase: str, at: datetime) -> TaskRow:
    return TaskRow(
        venture_id=venture_id, key=task.key, schema=task.table.schema,
        table_name=task.table.name, state=task.n, kind=task.kind.value, title=task.title,
        body=task.body, owner=task.owner, owner_source=task.owner_source, phase=phase,
        checklist=checklist_json(task.checklist), created_at=at, updated_at=at,
        closed_reason=None,
    )


def transition_record(row: TaskTransitionRow, key: str) -> TransitionRecord:
    return TransitionRecord(key=key, at=row.at, actor=row.actor, source=row.from_phase,
                            target=row.to_phase, reason=row.reason, command=row.command,
                            confidence=row.confidence)


def apply_plan(
    session: Session, venture_id: int, plan: Reconciliation, at: datetime,
    upserts: tuple[str, ...], comments: tuple[str, ...],
) -> tuple[list[str], list[str], list[TransitionRecord], list[str]]:
    """(created, updated, moved, skipped) — see the module docstring."""
    keys = [t.key for t in plan.creates] + [u.key for u in plan.updates] + \
        [m.key for m in plan.moves]
    rows = rows_by_key(session, venture_id, keys)
    created = [new_row(venture_id, task, plan.initial, at) for task in plan.creates
               if task.key not in rows]
    session.add_all(created)
    session.flush()
    rows.update({row.key: row for row in created})
    titles = {task.key: task.title for task in plan.creates}
    session.add_all(TaskTransitionRow(
        task_id=row.id, at=at, actor=SCANNER, from_phase=None, to_phase=row.phase,
        reason="gap found: " + titles[row.key], command=SCAN_COMMAND, confidence=100)
        for row in created)
    queue = Queue(session, venture_id)
    for row in created:
        queue.upserts(row, upserts, at)
    updated = []
    for update in plan.updates:
        target = rows.get(update.key)
        if target is not None:
            target.title, target.body = update.task.title, update.task.body
            target.checklist = checklist_json(update.checklist)
            target.owner, target.owner_source = update.task.owner, update.task.owner_source
            target.updated_at = at
            queue.upserts(target, upserts, at)
            updated.append(update.key)
    audits: list[tuple[TaskRow, TaskTransitionRow]] = []
    skipped = []
    for move in plan.moves:
        moving = rows.get(move.key)
        if moving is None or moving.phase != move.source:
            skipped.append(move.key)
            continue
        moving.phase, moving.updated_at = move.target, at
        moving.closed_reason = move.closed_reason
        audit = TaskTransitionRow(task_id=moving.id, at=at, actor=move.actor,
                                  from_phase=move.source, to_phase=move.target,
                                  reason=move.reason, command=move.command,
                                  confidence=move.confidence)
        session.add(audit)
        audits.append((moving, audit))
    session.flush()  # the audit ids name the comments
    for row, audit in audits:
        queue.upserts(row, upserts, at)
        queue.comments(row, audit, comments, at)
    queue.flush()
    return ([row.key for row in created], updated,
            [transition_record(audit, row.key) for row, audit in audits], skipped)
