"""The task repository: the only writer of tasks, their transitions, the outbox and sink links.

Verbs in, domain values out (``TaskRecord``, ``TransitionRecord``, ``OutboxItem``, ``Link``).
Every phase change writes its audit record and queues the sinks' work in the same transaction,
so a task is stored first and delivered after: a tracker that is down loses nothing. A move is
applied only from the phase it was decided from; if someone moved the task meanwhile, the move
is skipped (the scanner's) or refused (a person's), never applied over the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from commissioning.errors import TransitionRefused, UnknownTaskError
from commissioning.evidence import TableKey
from commissioning.report import VentureInfo
from commissioning.store import outbox
from commissioning.store.engine import SQLITE_BEGIN
from commissioning.store.failures import failing_as
from commissioning.store.models import TaskRow, TaskTransitionRow, VentureRow
from commissioning.store.task_apply import apply_plan, checklist_json, transition_record
from commissioning.tasks import ChecklistItem, Reconciliation, TaskRecord, TransitionRecord
from commissioning.tasks.model import Link, OutboxItem, QueueSummary, task_kind


@dataclass(frozen=True, slots=True)
class Delivery:
    """Which sinks get queued work for a change: ``upserts`` re-render the task, ``comments``
    receive one comment per transition (Linear)."""

    upserts: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Applied:
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    moved: tuple[TransitionRecord, ...] = ()
    skipped: tuple[str, ...] = ()  # moves not applied: the task moved meanwhile


@dataclass(frozen=True, slots=True)
class Move:
    """A person's (or a tracker's) move, checked by the caller against the machine."""

    key: str
    source: str
    target: str
    actor: str
    reason: str
    command: str
    confidence: int
    closed_reason: str | None = None


class TaskRepository:
    """Tasks of any number of ventures in one database."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url
        writer = (engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
                  if engine.dialect.name == "sqlite" else engine)
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(writer, expire_on_commit=False)

    # -- reading --------------------------------------------------------------------------------

    def list_tasks(self, venture: str, phase: str | None = None) -> tuple[TaskRecord, ...]:
        """The venture's tasks by key, optionally only those in ``phase``."""
        query = _tasks_of(venture).order_by(TaskRow.key)
        if phase is not None:
            query = query.where(TaskRow.phase == phase)
        with self._failing_as(f"could not read the tasks of '{venture}'"), \
                self._reader() as session:
            return tuple(_record(row, venture) for row in session.scalars(query))

    def get_task(self, venture: str, key: str) -> TaskRecord:
        with self._failing_as(f"could not read task '{key}'"), self._reader() as session:
            return _record(_require(session, venture, key), venture)

    def history(self, venture: str, key: str) -> tuple[TransitionRecord, ...]:
        """Every transition of the task, oldest first: the audit trail."""
        with self._failing_as(f"could not read the history of '{key}'"), \
                self._reader() as session:
            task = _require(session, venture, key)
            rows = session.scalars(select(TaskTransitionRow)
                                   .where(TaskTransitionRow.task_id == task.id)
                                   .order_by(TaskTransitionRow.id))  # the order they happened
            return tuple(transition_record(row, key) for row in rows)

    # -- writing --------------------------------------------------------------------------------

    def apply(
        self, venture: VentureInfo, plan: Reconciliation, at: datetime, delivery: Delivery,
    ) -> Applied:
        """Apply a scan's reconciliation in one transaction (creates, updates, then moves)."""
        with self._failing_as(f"could not save the tasks of '{venture.name}'",
                              "no task was changed"), self._writer.begin() as session:
            return self.apply_in(session, venture, plan, at, delivery)

    @staticmethod
    def apply_in(
        session: Session, venture: VentureInfo, plan: Reconciliation, at: datetime,
        delivery: Delivery,
    ) -> Applied:
        """The writes of :meth:`apply` inside the caller's transaction."""
        venture_id = _venture_id(session, venture, at)
        created, updated, moved, skipped = apply_plan(
            session, venture_id, plan, at, delivery.upserts, delivery.comments)
        return Applied(tuple(created), tuple(updated), tuple(moved), tuple(skipped))

    def transition(
        self, venture: str, move: Move, at: datetime, delivery: Delivery,
    ) -> TransitionRecord:
        """Apply one validated move; refused when the task is no longer in ``move.source``."""
        with self._failing_as(f"could not move task '{move.key}'", "nothing was changed"), \
                self._writer.begin() as session:
            row = _require(session, venture, move.key)
            if row.phase != move.source:
                raise TransitionRefused(
                    f"task {move.key} moved meanwhile: it is {row.phase}, not {move.source}",
                    hint="look at it again (`commission tasks show KEY`) and retry")
            return _move(session, row, move, at, delivery)

    def set_checklist(
        self, venture: str, key: str, checklist: Sequence[ChecklistItem], at: datetime,
        delivery: Delivery,
    ) -> TaskRecord:
        """Record the checklist's ticks (a person ticked items here or in a tracker)."""
        with self._failing_as(f"could not update the checklist of '{key}'"), \
                self._writer.begin() as session:
            row = _require(session, venture, key)
            new = checklist_json(checklist)
            if row.checklist != new:
                row.checklist = new
                row.updated_at = at
                outbox.enqueue_upserts(session, row, delivery.upserts, at)
            return _record(row, venture)

    # -- outbox and links -----------------------------------------------------------------------

    def requeue(self, venture: str, key: str, sinks: Sequence[str], at: datetime) -> None:
        """Queue the task for ``sinks`` again (to undo there a change the machine refused)."""
        with self._failing_as(f"could not queue task '{key}'"), self._writer.begin() as session:
            outbox.enqueue_upserts(session, _require(session, venture, key), sinks, at)

    def backfill(self, venture: str, sink: str, at: datetime, *, skip: Sequence[str]) -> int:
        """Queue an upsert for every task the sink has never seen (a sink added later); tasks
        in a phase of ``skip`` (closed before the sink existed) are left out."""
        with self._failing_as(f"could not queue the tasks of '{venture}' for {sink}"), \
                self._writer.begin() as session:
            return outbox.backfill(session, venture, sink, at, skip)

    def due(self, venture: str, sink: str, at: datetime, *, force: bool = False,
            ) -> tuple[OutboxItem, ...]:
        """The queued work of ``sink`` whose time has come (all of it with ``force``), in the
        order it was queued."""
        with self._failing_as(f"could not read the outbox of '{venture}'"), \
                self._reader() as session:
            return outbox.due(session, venture, sink, at, force)

    def delivered(self, item: OutboxItem, at: datetime, link: Link | None) -> None:
        """Stamp ``item`` delivered and record where the task now lives, in one transaction."""
        with self._failing_as(f"could not record the delivery of {item.key}"), \
                self._writer.begin() as session:
            outbox.mark_delivered(session, item, at, link)

    def defer(self, venture: str, sink: str, until: datetime) -> int:
        """Hold every queued item of ``sink`` until ``until`` (the tracker is unavailable);
        attempts are not counted: those items were never tried."""
        with self._failing_as(f"could not defer the outbox of '{venture}'"), \
                self._writer.begin() as session:
            return outbox.defer(session, venture, sink, until)

    def delivered_many(self, done: Sequence[tuple[OutboxItem, Link | None]],
                       at: datetime) -> None:
        """:meth:`delivered` for a batch, in one transaction."""
        with self._failing_as("could not record the deliveries"), \
                self._writer.begin() as session:
            for item, link in done:
                outbox.mark_delivered(session, item, at, link)

    def failed(self, item: OutboxItem, error: str, retry_at: datetime) -> None:
        with self._failing_as(f"could not record the failed delivery of {item.key}"), \
                self._writer.begin() as session:
            outbox.mark_failed(session, item, error, retry_at)

    def save_link(self, venture: str, link: Link, at: datetime) -> None:
        with self._failing_as(f"could not record the link of {link.key}"), \
                self._writer.begin() as session:
            outbox.save_link(session, _require(session, venture, link.key), link, at)

    def links(self, venture: str, sink: str) -> tuple[Link, ...]:
        with self._failing_as(f"could not read the links of '{venture}'"), \
                self._reader() as session:
            return outbox.links(session, venture, sink)

    def queued(self, venture: str) -> tuple[QueueSummary, ...]:
        """Per sink: what is still waiting to be delivered."""
        with self._failing_as(f"could not read the outbox of '{venture}'"), \
                self._reader() as session:
            return outbox.summary(session, venture)

    @contextmanager
    def _failing_as(self, action: str, outcome: str = "") -> Iterator[None]:
        with failing_as(self._url, action, outcome):
            yield


# -- rows ----------------------------------------------------------------------------------------


def _tasks_of(venture: str) -> Select[Any]:
    return (select(TaskRow).join(VentureRow, VentureRow.id == TaskRow.venture_id)
            .where(VentureRow.name == venture))


def _require(session: Session, venture: str, key: str) -> TaskRow:
    row: TaskRow | None = session.scalars(
        _tasks_of(venture).where(TaskRow.key == key)).one_or_none()
    if row is None:
        raise UnknownTaskError(f"no task '{key}' in venture '{venture}'",
                               hint="`commission tasks` lists them")
    return row


def _find(session: Session, venture_id: int, key: str) -> TaskRow | None:
    return session.scalars(select(TaskRow).where(TaskRow.venture_id == venture_id,
                                                 TaskRow.key == key)).one_or_none()


def _venture_id(session: Session, venture: VentureInfo, now: datetime) -> int:
    query = select(VentureRow).where(VentureRow.name == venture.name)
    row = session.scalars(query).one_or_none()
    if row is None:
        row = VentureRow(name=venture.name, root=venture.root, created_at=now)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # created meanwhile by a concurrent writer
            row = session.scalars(query).one()
    return row.id


def _move(session: Session, row: TaskRow, move: Move, at: datetime,
          delivery: Delivery) -> TransitionRecord:
    source = row.phase
    row.phase = move.target
    row.updated_at = at
    row.closed_reason = move.closed_reason
    audit = TaskTransitionRow(task_id=row.id, at=at, actor=move.actor, from_phase=source,
                              to_phase=move.target, reason=move.reason, command=move.command,
                              confidence=move.confidence)
    session.add(audit)
    session.flush()
    outbox.enqueue_upserts(session, row, delivery.upserts, at)
    outbox.enqueue_comments(session, row, audit, delivery.comments, at)
    return transition_record(audit, row.key)


def _record(row: TaskRow, venture: str) -> TaskRecord:
    return TaskRecord(
        key=row.key, venture=venture, table=TableKey(row.schema, row.table_name), n=row.state,
        kind=task_kind(row.kind), title=row.title, body=row.body,
        checklist=tuple(ChecklistItem(str(i["text"]), bool(i["done"])) for i in row.checklist),
        phase=row.phase, owner=row.owner, owner_source=row.owner_source,
        closed_reason=row.closed_reason, created_at=row.created_at, updated_at=row.updated_at,
    )
