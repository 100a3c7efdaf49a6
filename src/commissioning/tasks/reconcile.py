"""Close the loop: from the stored tasks and a new assessment, the changes the scan makes.

Pure. It decides; the task repository applies (in one transaction, each move checked against the
phase it was planned from). Every phase change is a validated transition of the task machine,
made by the ``scanner`` with the scan as its command:

- a gap without a task → a task in the initial phase (IDEA), then IDEA → PLANNED when its
  generated checklist satisfies PLANNED's pre-condition;
- a task whose rung now has evidence → VERIFIED (done by the scanner, not a person); with
  ``auto_complete`` a VERIFIED task whose evidence still holds goes on to COMPLETE;
- a VERIFIED or COMPLETE task whose evidence is gone → reopened (IMPLEMENTING) as a regression;
- a task whose rung was waived → CANCELLED (not planned), naming who waived it;
- a task whose table is gone from the scan → CANCELLED with that reason;
- an open task whose generated content changed (sibling, owner, template) → updated, its
  checklist ticks kept.

The scanner's moves are confirmed by the evidence itself (the detector firing or no longer
firing), so they pass ``confirmed``; their confidence is still recorded in the audit. Re-running
on the same assessment plans nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from commissioning.assess import Assessment, KindResult, Outcome, TableAssessment
from commissioning.evidence import TableKey
from commissioning.machines import Machine
from commissioning.machines.workflow import check_transition, is_closed, state_meta
from commissioning.tasks.model import SCANNER, ChecklistItem, Task, TaskPlan, TaskRecord
from commissioning.tasks.render import keep_ticks

SCAN_COMMAND = "scan"
VERIFIED = "VERIFIED"
COMPLETE = "COMPLETE"
CANCELLED = "CANCELLED"
REOPENED = "IMPLEMENTING"


@dataclass(frozen=True, slots=True)
class Move:
    """One planned transition; ``source`` is the phase it was planned from (checked on apply)."""

    key: str
    source: str
    target: str
    reason: str
    confidence: int
    actor: str = SCANNER
    command: str = SCAN_COMMAND
    closed_reason: str | None = None  # set when the move closes the gap or the task


@dataclass(frozen=True, slots=True)
class Update:
    """New generated content for an open task (title, body, checklist, owner)."""

    key: str
    task: Task
    checklist: tuple[ChecklistItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Reconciliation:
    creates: tuple[Task, ...] = ()
    updates: tuple[Update, ...] = ()
    moves: tuple[Move, ...] = ()
    phases: Mapping[str, str] = field(default_factory=dict)  # every task's phase afterwards
    initial: str = "IDEA"  # the phase new tasks are created in (the machine's initial state)
    notes: tuple[str, ...] = ()  # moves the machine refused (a definition bug if ever seen)

    @property
    def empty(self) -> bool:
        return not (self.creates or self.updates or self.moves)


class _Planner:
    def __init__(self, machine: Machine) -> None:
        self.machine = machine
        self.moves: list[Move] = []
        self.notes: list[str] = []
        self.phases: dict[str, str] = {}

    def move(self, key: str, target: str, reason: str, facts: Mapping[str, bool]) -> bool:
        source = self.phases[key]
        decision = check_transition(self.machine, source, target, facts, confirmed=True)
        if not decision.ok:
            self.notes.append(f"{key}: {decision.message}")
            return False
        self.moves.append(Move(key, source, target, reason, decision.confidence,
                               closed_reason=closed_reason(self.machine, target, reason)))
        self.phases[key] = target
        return True


def reconcile(
    machine: Machine,
    existing: Iterable[TaskRecord],
    plan: TaskPlan,
    assessment: Assessment,
    *,
    auto_complete: bool = False,
) -> Reconciliation:
    """The creates, updates and moves that bring the stored tasks in line with ``assessment``."""
    planner = _Planner(machine)
    stored = {t.key: t for t in existing}
    planner.phases.update({key: t.phase for key, t in stored.items()})
    tables = {t.table.key: t for t in assessment.tables}
    creates = _creations(planner, plan, stored)
    for record in sorted(stored.values(), key=lambda t: t.key):
        _follow_evidence(planner, record, tables, auto_complete)
    updates = _updates(planner, plan, stored)
    return Reconciliation(creates=creates, updates=updates, moves=tuple(planner.moves),
                          phases=dict(planner.phases), notes=tuple(planner.notes),
                          initial=machine.initial.id)


def closed_reason(machine: Machine, target: str, reason: str) -> str | None:
    """The reason kept on a task that a move closes (its issue is closed in trackers: VERIFIED,
    COMPLETE, CANCELLED); None when the move (re)opens it."""
    return reason if issue_state(machine, target) != "open" else None


def issue_state(machine: Machine, phase: str) -> str:
    """How an issue tracker shows ``phase``: ``open``, ``completed`` or ``not_planned``."""
    return str(state_meta(machine, phase, "issue") or "open")


def _creations(planner: _Planner, plan: TaskPlan, stored: Mapping[str, TaskRecord],
               ) -> tuple[Task, ...]:
    creates = []
    initial = planner.machine.initial.id
    for task in plan.tasks:
        if task.key in stored:
            continue
        creates.append(task)
        planner.phases[task.key] = initial
        facts = {"checklist": bool(task.checklist), "checklist_complete": False,
                 "verified": False}
        planner.move(task.key, "PLANNED",
                     "generated with an implementation checklist", facts)
    return tuple(creates)


def _result(tables: Mapping[TableKey, TableAssessment], record: TaskRecord) -> KindResult | None:
    table = tables.get(record.table)
    if table is None:
        return None
    return next((result for result in table.results if result.n == record.n), None)


def _evidence_text(result: KindResult) -> str:
    first = result.evidence[0]
    return f"{first.detector} at {first.location}"


def _follow_evidence(
    planner: _Planner, record: TaskRecord, tables: Mapping[TableKey, TableAssessment],
    auto_complete: bool,
) -> None:
    key, phase = record.key, planner.phases[record.key]
    if record.table not in tables:
        if not is_closed(planner.machine, phase):
            planner.move(key, CANCELLED, f"table {record.table} is gone from the scan",
                         record.facts(verified=False))
        return
    result = _result(tables, record)
    if result is None or result.outcome is Outcome.UNKNOWN:
        return  # unknown is never missing: leave the task as it is
    if result.outcome is Outcome.PRESENT:
        facts = record.facts(verified=True)
        if phase not in (VERIFIED, COMPLETE, CANCELLED):
            planner.move(key, VERIFIED, f"evidence found: {_evidence_text(result)}", facts)
        elif phase == VERIFIED and auto_complete and record.phase == VERIFIED:
            planner.move(key, COMPLETE, f"evidence still holds: {_evidence_text(result)}",
                         facts)
    elif result.outcome is Outcome.WAIVED:
        if not is_closed(planner.machine, phase):
            waiver = result.waiver
            who = f"{waiver.approved_by}: {waiver.reason}" if waiver else result.reason
            planner.move(key, CANCELLED, f"rung waived by {who}", record.facts(verified=False))
    elif phase in (VERIFIED, COMPLETE):
        planner.move(key, REOPENED, f"regression: the evidence is gone ({result.reason})",
                     record.facts(verified=False))


def _updates(planner: _Planner, plan: TaskPlan, stored: Mapping[str, TaskRecord],
             ) -> tuple[Update, ...]:
    updates = []
    for task in plan.tasks:
        record = stored.get(task.key)
        if record is None or is_closed(planner.machine, planner.phases[task.key]):
            continue
        checklist = keep_ticks(record.checklist, task.checklist)
        if (record.title, record.body, record.checklist, record.owner, record.owner_source) == (
                task.title, task.body, checklist, task.owner, task.owner_source):
            continue
        updates.append(Update(task.key, task, checklist))
    return tuple(updates)
