"""The gap → task board for long-running surfaces: tasks by phase, each with its next moves.

Built on the task services (``services/tasks.py``, ``services/task_commands.py``): a move from
the API or a board button is the same ``move_task`` as ``commission tasks move``, validated by
the task machine and audited with the token's name as the actor. Reads use the workspace's open
store and the cached status document, so drawing the board never rescans.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from commissioning.errors import NoScanError, UnknownTaskError, UserInputError
from commissioning.machines import Machine
from commissioning.machines.workflow import (
    allowed_targets,
    check_transition,
    normalise_phase,
)
from commissioning.services import task_commands
from commissioning.services.auth import Principal
from commissioning.services.context import Workspace
from commissioning.services.queries import current_status, gap_list
from commissioning.services.tasks import evidence_holds, task_machine
from commissioning.tasks import TaskRecord

Document = dict[str, Any]


def _document(ws: Workspace) -> Document | None:
    try:
        return current_status(ws).document
    except NoScanError:
        return None


def _moves(machine: Machine, record: TaskRecord, verified: bool) -> list[Document]:
    """Every edge out of the task's phase: allowed now, needing confirmation, or blocked."""
    facts = record.facts(verified=verified)
    out = []
    for target in allowed_targets(machine, record.phase):
        d = check_transition(machine, record.phase, target, facts)
        out.append({"to": d.target, "name": machine.state(d.target).name, "event": d.event,
                    "confidence": d.confidence, "allowed": d.allowed,
                    "needs_confirm": d.needs_confirmation, "failures": list(d.failures)})
    return out


def card(machine: Machine, record: TaskRecord, document: Mapping[str, Any] | None) -> Document:
    """One task as the board and ``GET /api/tasks`` show it: the task and its next moves."""
    verified = evidence_holds(document, record)
    return {**task_commands.task_to_dict(record), "verified": verified,
            "moves": _moves(machine, record, verified)}


def list_tasks(ws: Workspace, *, phase: str | None = None) -> list[Document]:
    """The venture's tasks by key (optionally of one phase), each with its allowed moves."""
    machine = task_machine()
    wanted = None
    if phase:
        wanted = normalise_phase(machine, phase)
        if wanted is None:
            raise UserInputError(f"unknown phase '{phase}'",
                                 hint="phases: " + ", ".join(s.id for s in machine.states))
    document = _document(ws)
    return [card(machine, r, document) for r in ws.store.tasks.list_tasks(ws.name, wanted)]


def _full_key(ws: Workspace, key: str) -> str:
    return task_commands.full_key(ws.name, key)


def task_for(ws: Workspace, key: str) -> Document | None:
    """The task of a gap key, or None when the gap has none (yet)."""
    try:
        record = ws.store.tasks.get_task(ws.name, _full_key(ws, key))
    except UnknownTaskError:
        return None
    return card(task_machine(), record, _document(ws))


def get_task(ws: Workspace, key: str) -> Document:
    """One task in full: body, checklist, phase, owner, next action, moves, history, links."""
    return task_commands.view_to_dict(task_commands.show_task(ws.root, key, db=ws.url))


def transitions(ws: Workspace, key: str) -> Document:
    """A task's audit trail and the transitions it may take from its phase."""
    view = task_commands.view_to_dict(task_commands.show_task(ws.root, key, db=ws.url))
    return {"key": view["key"], "phase": view["phase"], "verified": view["verified"],
            "next": view["next"], "moves": view["moves"], "history": view["history"]}


def move_task(ws: Workspace, who: Principal, key: str, to: str, *, reason: str = "",
              confirm: bool = False) -> Document:
    """Move a task through the task machine as ``who`` (audited with the token's name)."""
    result = task_commands.move_task(ws.root, key, to, reason=reason or None, confirmed=confirm,
                                     db=ws.url, actor=f"{who.name} ({who.role})")
    t = result.transition
    return {"key": t.key, "from": t.source, "to": t.target, "actor": t.actor,
            "reason": t.reason, "confidence": t.confidence,
            "at": task_commands.stamp(t.at), "note": result.command_note or None}


def board(ws: Workspace, document: Mapping[str, Any]) -> Document:
    """A column per task phase (machine order) and the actionable gaps that have no task."""
    machine = task_machine()
    records = ws.store.tasks.list_tasks(ws.name)
    by_phase: dict[str, list[Document]] = {s.id: [] for s in machine.states}
    for record in records:
        by_phase.setdefault(record.phase, []).append(card(machine, record, document))
    keys = {r.key for r in records}
    columns = [{"phase": s.id, "name": s.name, "group": s.get("phase") or "",
                "tasks": by_phase.get(s.id, [])} for s in machine.states]
    untracked = [g for g in gap_list(document, actionable_only=True) if g["key"] not in keys]
    return {"columns": columns, "untracked": untracked, "tasks": len(records),
            "move_needs": "admin"}
