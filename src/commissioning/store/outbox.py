"""The outbox and the sink links, as session-level steps of :class:`TaskRepository`.

Not a repository of its own: these run inside the repository's transactions, so a change and the
work it queues land together. Queued work is never deleted: a delivery is stamped
``delivered_at``, a failure bumps ``attempts`` and pushes ``next_attempt_at`` back.

An ``upsert`` renders the task as it is when delivered, so one pending upsert per task and sink
is enough (a second change while one waits queues nothing new). A ``comment`` is one transition
and is queued every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.orm import Session

from commissioning.store.models import (
    OutboxRow,
    TaskLinkRow,
    TaskRow,
    TaskTransitionRow,
    VentureRow,
)
from commissioning.tasks.model import Link, OutboxItem, QueueSummary

UPSERT = "upsert"
COMMENT = "comment"


class Queue:
    """The outbox rows one transaction adds: pending upserts read once, new rows inserted in
    one statement by :meth:`flush` (a scan that opens 1,000 tasks queues them in one go)."""

    def __init__(self, session: Session, venture_id: int) -> None:
        self._session = session
        self._rows: list[dict[str, object]] = []
        query = (select(OutboxRow.task_id, OutboxRow.sink)
                 .join(TaskRow, TaskRow.id == OutboxRow.task_id)
                 .where(TaskRow.venture_id == venture_id, OutboxRow.op == UPSERT,
                        OutboxRow.delivered_at.is_(None)))
        self._pending = {(task_id, sink) for task_id, sink in session.execute(query)}

    def _add(self, row: TaskRow, sink: str, op: str, payload: dict[str, object],
             at: datetime) -> None:
        self._rows.append({"task_id": row.id, "sink": sink, "task_key": row.key, "op": op,
                           "payload": payload, "attempts": 0, "next_attempt_at": at,
                           "last_error": None, "created_at": at, "delivered_at": None})

    def upserts(self, row: TaskRow, sinks: Sequence[str], at: datetime) -> None:
        for sink in sinks:
            if (row.id, sink) not in self._pending:
                self._pending.add((row.id, sink))
                self._add(row, sink, UPSERT, {}, at)

    def comments(self, row: TaskRow, audit: TaskTransitionRow, sinks: Sequence[str],
                 at: datetime) -> None:
        for sink in sinks:
            self._add(row, sink, COMMENT, _transition_payload(audit), at)

    def flush(self) -> None:
        if self._rows:
            self._session.execute(insert(OutboxRow), self._rows)
            self._rows = []


def _transition_payload(audit: TaskTransitionRow) -> dict[str, object]:
    return {"transition": audit.id, "from": audit.from_phase, "to": audit.to_phase,
            "actor": audit.actor, "reason": audit.reason, "command": audit.command,
            "confidence": audit.confidence, "at": audit.at.isoformat()}


def _pending(session: Session, task_id: int, sink: str, op: str) -> bool:
    query = select(OutboxRow.id).where(
        OutboxRow.task_id == task_id, OutboxRow.sink == sink, OutboxRow.op == op,
        OutboxRow.delivered_at.is_(None)).limit(1)
    return session.execute(query).first() is not None


def _queue(session: Session, row: TaskRow, sink: str, op: str, payload: dict[str, object],
           at: datetime) -> None:
    session.add(OutboxRow(task_id=row.id, sink=sink, task_key=row.key, op=op, payload=payload,
                          attempts=0, next_attempt_at=at, last_error=None, created_at=at,
                          delivered_at=None))


def enqueue_upserts(session: Session, row: TaskRow, sinks: Sequence[str], at: datetime) -> None:
    session.flush()
    for sink in sinks:
        if not _pending(session, row.id, sink, UPSERT):
            _queue(session, row, sink, UPSERT, {}, at)


def enqueue_comments(session: Session, row: TaskRow, audit: TaskTransitionRow,
                     sinks: Sequence[str], at: datetime) -> None:
    for sink in sinks:
        _queue(session, row, sink, COMMENT, _transition_payload(audit), at)


def backfill(session: Session, venture: str, sink: str, at: datetime,
             skip: Sequence[str]) -> int:
    linked = select(TaskLinkRow.task_id).where(TaskLinkRow.sink == sink)
    queued = select(OutboxRow.task_id).where(OutboxRow.sink == sink,
                                             OutboxRow.delivered_at.is_(None))
    query = (select(TaskRow).join(VentureRow, VentureRow.id == TaskRow.venture_id)
             .where(VentureRow.name == venture, TaskRow.id.not_in(linked),
                    TaskRow.id.not_in(queued), TaskRow.phase.not_in(list(skip)))
             .order_by(TaskRow.key))
    rows = list(session.scalars(query))
    for row in rows:
        _queue(session, row, sink, UPSERT, {"backfill": True}, at)
    return len(rows)


def _item(row: OutboxRow) -> OutboxItem:
    return OutboxItem(id=row.id, key=row.task_key, sink=row.sink, op=row.op,
                      payload=dict(row.payload), attempts=row.attempts,
                      next_attempt_at=row.next_attempt_at, last_error=row.last_error)


def _of_venture(venture: str) -> Select[Any]:
    return (select(OutboxRow).join(TaskRow, TaskRow.id == OutboxRow.task_id)
            .join(VentureRow, VentureRow.id == TaskRow.venture_id)
            .where(VentureRow.name == venture, OutboxRow.delivered_at.is_(None)))


def due(session: Session, venture: str, sink: str, at: datetime,
        force: bool) -> tuple[OutboxItem, ...]:
    query = _of_venture(venture).where(OutboxRow.sink == sink).order_by(OutboxRow.id)
    if not force:
        query = query.where(OutboxRow.next_attempt_at <= at)
    return tuple(_item(row) for row in session.scalars(query))


def mark_delivered(session: Session, item: OutboxItem, at: datetime, link: Link | None) -> None:
    row = session.get(OutboxRow, item.id)
    if row is None:
        return
    row.delivered_at = at
    row.attempts = row.attempts + 1
    row.last_error = None
    if link is not None:
        task = session.get(TaskRow, row.task_id)
        if task is not None:
            save_link(session, task, link, at)


def defer(session: Session, venture: str, sink: str, until: datetime) -> int:
    ids = select(OutboxRow.id).join(TaskRow, TaskRow.id == OutboxRow.task_id).join(
        VentureRow, VentureRow.id == TaskRow.venture_id).where(
        VentureRow.name == venture, OutboxRow.sink == sink, OutboxRow.delivered_at.is_(None),
        OutboxRow.next_attempt_at < until)
    result = session.execute(
        update(OutboxRow).where(OutboxRow.id.in_(ids)).values(next_attempt_at=until)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def mark_failed(session: Session, item: OutboxItem, error: str, retry_at: datetime) -> None:
    row = session.get(OutboxRow, item.id)
    if row is None:
        return
    row.attempts = row.attempts + 1
    row.last_error = error[:2000]
    row.next_attempt_at = retry_at


def save_link(session: Session, task: TaskRow, link: Link, at: datetime) -> None:
    row = session.scalars(select(TaskLinkRow).where(
        TaskLinkRow.task_id == task.id, TaskLinkRow.sink == link.sink)).one_or_none()
    if row is None:
        session.add(TaskLinkRow(task_id=task.id, sink=link.sink, task_key=task.key,
                                external_id=link.external_id, url=link.url,
                                remote_status=link.remote_status, synced_at=at))
        return
    row.external_id = link.external_id
    row.url = link.url
    row.remote_status = link.remote_status
    row.synced_at = at


def links(session: Session, venture: str, sink: str) -> tuple[Link, ...]:
    query = (select(TaskLinkRow).join(TaskRow, TaskRow.id == TaskLinkRow.task_id)
             .join(VentureRow, VentureRow.id == TaskRow.venture_id)
             .where(VentureRow.name == venture, TaskLinkRow.sink == sink)
             .order_by(TaskLinkRow.task_key))
    return tuple(Link(key=row.task_key, sink=row.sink, external_id=row.external_id,
                      url=row.url, remote_status=row.remote_status)
                 for row in session.scalars(query))


def summary(session: Session, venture: str) -> tuple[QueueSummary, ...]:
    sub = _of_venture(venture).subquery()
    query = (select(sub.c.sink, func.count(), func.max(sub.c.attempts),
                    func.min(sub.c.next_attempt_at))
             .group_by(sub.c.sink).order_by(sub.c.sink))
    out = []
    for sink, count, attempts, next_at in session.execute(query):
        error = session.execute(
            _of_venture(venture).with_only_columns(OutboxRow.last_error)
            .where(OutboxRow.sink == sink, OutboxRow.last_error.is_not(None))
            .order_by(OutboxRow.id.desc()).limit(1)).scalar_one_or_none()
        out.append(QueueSummary(sink=sink, queued=int(count), attempts=int(attempts or 0),
                                next_attempt_at=_utc(next_at), last_error=error))
    return tuple(out)


def _utc(value: object) -> datetime | None:
    """A min() over a UtcDateTime column comes back raw on SQLite: restore the zone."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
    return None
