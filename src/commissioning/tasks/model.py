"""The neutral task vocabulary: what a gap becomes, what the store keeps, who owns it.

Frozen values only. Sinks render these, the store persists them, the CLI and the API show them;
none of them ever sees an ORM row or a tracker's JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from commissioning.capabilities.model import CapabilityKind
from commissioning.evidence import Kind, TableKey

SCANNER = "scanner"  # the actor of every transition the scan makes (never a person)
# A task's kind: a table rung's evidence kind, or a capability level's (tasks/capabilities.py).
TaskKind = Kind | CapabilityKind


def task_kind(value: str) -> TaskKind:
    """The kind stored for a task, back as its enum (the two vocabularies share no value)."""
    try:
        return Kind(value)
    except ValueError:
        return CapabilityKind(value)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    text: str
    done: bool = False


@dataclass(frozen=True, slots=True)
class Route:
    """Who owns a gap's task and how we know: ``owner`` None means unrouted, ``reason`` says why."""

    owner: str | None
    source: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Task:
    """A gap turned into work, complete enough that a coding agent needs nothing else.

    ``key`` is the gap's key (venture/table/state), stable across scans: it makes task creation
    idempotent. ``body`` holds the Markdown sections (what is missing, why, where, acceptance);
    the checklist is kept apart so its ticks can be tracked and read back.
    """

    key: str
    venture: str
    table: TableKey
    n: int
    kind: TaskKind
    title: str
    body: str
    checklist: tuple[ChecklistItem, ...]
    verify_command: str
    detector: str | None = None
    follow: str | None = None
    schema_path: str | None = None
    route: Route = field(default_factory=lambda: Route(None))

    @property
    def owner(self) -> str | None:
        return self.route.owner

    @property
    def owner_source(self) -> str:
        """Where the owner came from, or, for an unrouted task, why there is none."""
        return self.route.source if self.route.owner else self.route.reason


@dataclass(frozen=True, slots=True)
class TaskPlan:
    """The tasks of one assessment (one per actionable gap) and the gaps left without an owner."""

    tasks: tuple[Task, ...]
    unrouted: Mapping[str, str] = field(default_factory=dict)  # key -> reason

    def by_key(self) -> dict[str, Task]:
        return {t.key: t for t in self.tasks}


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """A task as the store holds it: the generated content plus its phase and history stamps."""

    key: str
    venture: str
    table: TableKey
    n: int
    kind: TaskKind
    title: str
    body: str
    checklist: tuple[ChecklistItem, ...]
    phase: str
    owner: str | None = None
    owner_source: str = ""
    closed_reason: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def verify_command(self) -> str:
        if isinstance(self.kind, CapabilityKind):
            return f"commission capabilities verify {self.table.name} --level {self.n}"
        return verify_command(self.table, self.n)

    @property
    def checklist_done(self) -> int:
        return sum(1 for item in self.checklist if item.done)

    def facts(self, *, verified: bool) -> dict[str, bool]:
        """The workflow facts of this task (``verified``: the gap's detector fires now)."""
        return {
            "checklist": bool(self.checklist),
            "checklist_complete": bool(self.checklist) and all(i.done for i in self.checklist),
            "verified": verified,
        }


@dataclass(frozen=True, slots=True)
class TransitionRecord:
    """One audited move of a task: who, when, from, to, why, through which command."""

    key: str
    at: datetime
    actor: str
    source: str | None
    target: str
    reason: str
    command: str
    confidence: int


def verify_command(table: TableKey, n: int) -> str:
    """The command that checks a task's acceptance rule (exit 0 when the evidence holds)."""
    name = table.name if table.schema in ("public", "main") else str(table)
    return f"commission verify {name} --state {n}"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One queued delivery to a sink: ``upsert`` (render the task as it is now) or ``comment``
    (one transition, ``payload`` says which). Stored with the change; removed never, only
    stamped ``delivered_at``."""

    id: int
    key: str
    sink: str
    op: str
    payload: Mapping[str, object]
    attempts: int
    next_attempt_at: datetime
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """Where a task lives in a sink, and the status we last pushed there or read back."""

    key: str
    sink: str
    external_id: str
    url: str | None = None
    remote_status: str | None = None


@dataclass(frozen=True, slots=True)
class QueueSummary:
    """What is still queued for a sink: how many, since when, when it is tried next, why not."""

    sink: str
    queued: int
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
