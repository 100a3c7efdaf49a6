"""The task commands behind ``commission tasks``: list, show, move, next.

A person's move goes through the task machine like every other: the ``verified`` fact comes from
the last stored scan (the gap's detector fires), the checklist facts from the task; a refused
move raises :class:`TransitionRefused` listing the allowed phases, a move below the confidence
threshold raises :class:`ConfirmationRequired` until it is confirmed (``--yes``). Every applied
move is audited with who, when, why and the command, and queued for the sinks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from commissioning.config import current_actor, load_venture_config
from commissioning.errors import (
    ConfirmationRequired,
    NoScanError,
    TransitionRefused,
    UserInputError,
)
from commissioning.machines.workflow import (
    Decision,
    Suggestion,
    allowed_targets,
    check_transition,
    is_command_allowed,
    normalise_phase,
    state_meta,
    status_for_phase,
    suggest_next,
)
from commissioning.observe.scanner import check_root, venture_name
from commissioning.services.scanning import store_url
from commissioning.services.tasks import delivery_for, evidence_holds, task_machine
from commissioning.store import Store, open_store, store_exists
from commissioning.store.tasks import Move
from commissioning.tasks import ChecklistItem, TaskRecord, TransitionRecord, description
from commissioning.tasks.model import Link
from commissioning.tasks.reconcile import closed_reason


@dataclass(frozen=True, slots=True)
class TaskView:
    """One task with everything a person or an agent needs to act on it."""

    task: TaskRecord
    verified: bool
    history: tuple[TransitionRecord, ...] = ()
    links: tuple[Link, ...] = ()
    suggestion: Suggestion | None = None
    moves: tuple[Decision, ...] = ()  # every allowed target, with its confidence and checks
    commands: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MoveResult:
    transition: TransitionRecord
    decision: Decision
    command_note: str = ""  # set when the command is not one the phase usually sees


def _open(root: Path, db: str | None) -> tuple[str, Store]:
    check_root(root)
    name = venture_name(root, load_venture_config(root))
    url = store_url(root, db)
    if not store_exists(url):
        raise NoScanError(f"no tasks stored for '{name}' yet",
                          hint=f"run `commission scan {root}` first: every gap becomes a task")
    return name, open_store(url)


def full_key(venture: str, key: str) -> str:
    """Accept ``table/state`` as well as ``venture/table/state`` (and ``capability/slug/Ln``
    as well as ``venture/capability/slug/Ln``)."""
    key = key.strip().strip("/")
    short = key.count("/") == 1 or (key.startswith("capability/") and key.count("/") == 2)
    return f"{venture}/{key}" if short else key


def list_tasks(root: Path, *, db: str | None = None,
               phase: str | None = None) -> tuple[TaskRecord, ...]:
    wanted = None
    if phase is not None:
        wanted = normalise_phase(task_machine(), phase)
        if wanted is None:
            raise TransitionRefused(f"unknown phase '{phase}'",
                                    allowed=tuple(s.id for s in task_machine().states))
    name, store = _open(root, db)
    with store:
        return store.tasks.list_tasks(name, wanted)


def _view(store: Store, venture: str, key: str) -> TaskView:
    machine = task_machine()
    task = store.tasks.get_task(venture, key)
    stored = store.scans.latest_scan(venture)
    verified = evidence_holds(stored.document if stored else None, task)
    facts = task.facts(verified=verified)
    suggestion = suggest_next(machine, task.phase, facts)
    if suggestion is not None:
        suggestion = suggestion.render(key=task.key, table=task.table.name, n=task.n)
    moves = tuple(check_transition(machine, task.phase, target, facts)
                  for target in allowed_targets(machine, task.phase))
    commands = state_meta(machine, task.phase, "commands")
    return TaskView(task=task, verified=verified, history=store.tasks.history(venture, key),
                    links=tuple(link for sink in ("markdown", "github", "linear")
                                for link in store.tasks.links(venture, sink)
                                if link.key == key),
                    suggestion=suggestion, moves=moves,
                    commands=tuple(str(c) for c in commands) if isinstance(commands, tuple)
                    else ())


def show_task(root: Path, key: str, *, db: str | None = None) -> TaskView:
    name, store = _open(root, db)
    with store:
        return _view(store, name, full_key(name, key))


def move_task(
    root: Path, key: str, phase: str, *, reason: str | None = None, confirmed: bool = False,
    db: str | None = None, actor: str | None = None, at: datetime | None = None,
) -> MoveResult:
    """Move a task through the machine, or raise why not (with the phases it may move to)."""
    machine = task_machine()
    name, store = _open(root, db)
    with store:
        full = full_key(name, key)
        view = _view(store, name, full)
        task = view.task
        target = normalise_phase(machine, phase) or phase
        decision = check_transition(machine, task.phase, target,
                                    task.facts(verified=view.verified), confirmed=confirmed)
        if not decision.allowed:
            listed = "may move to" in decision.message
            raise TransitionRefused(
                f"{full}: {decision.message}", allowed=decision.allowed_targets,
                failures=decision.failures,
                hint=None if listed else f"{task.phase} may move to: "
                + (", ".join(decision.allowed_targets) or "nothing (final)"))
        if decision.needs_confirmation:
            raise ConfirmationRequired(
                f"{full}: {decision.message}", confidence=decision.confidence,
                hint="confirm with --yes (or \"confirmed\": true)")
        command = f"tasks move {decision.event or target.lower()}"
        check = is_command_allowed(machine, task.phase, decision.event)
        why = reason or f"moved to {status_for_phase(machine, target)} by hand"
        record = store.tasks.transition(name, Move(
            key=full, source=task.phase, target=target, actor=actor or current_actor(),
            reason=why, command=command, confidence=decision.confidence,
            closed_reason=closed_reason(machine, target, why)),
            at or datetime.now(UTC), delivery_for(load_venture_config(root)))
        return MoveResult(record, decision, "" if check.allowed else check.reason)


def task_to_dict(task: TaskRecord, *, full: bool = False) -> dict[str, Any]:
    machine = task_machine()
    out: dict[str, Any] = {
        "key": task.key, "table": task.table.name, "schema": task.table.schema,
        "state": task.n, "kind": task.kind.value, "title": task.title, "phase": task.phase,
        "status": status_for_phase(machine, task.phase), "owner": task.owner,
        "checklist": {"done": task.checklist_done, "total": len(task.checklist)},
        "verify": task.verify_command, "closed_reason": task.closed_reason,
        "updated_at": stamp(task.updated_at),
    }
    if full:
        out["owner_source"] = task.owner_source
        out["checklist_items"] = [{"text": i.text, "done": i.done} for i in task.checklist]
        out["description"] = description(task.body, task.checklist, owner=task.owner,
                                         phase=task.phase)
        out["created_at"] = stamp(task.created_at)
    return out


def view_to_dict(view: TaskView) -> dict[str, Any]:
    s = view.suggestion
    return {
        **task_to_dict(view.task, full=True),
        "verified": view.verified,
        "next": None if s is None else {"command": s.command, "description": s.description,
                                        "confidence": s.confidence, "reasoning": s.reasoning},
        "moves": [{"to": d.target, "event": d.event, "confidence": d.confidence,
                   "allowed": d.allowed, "needs_confirmation": d.needs_confirmation,
                   "failures": list(d.failures)} for d in view.moves],
        "commands": list(view.commands),
        "links": [{"sink": link.sink, "id": link.external_id, "url": link.url,
                   "status": link.remote_status} for link in view.links],
        "history": [transition_to_dict(t) for t in view.history],
    }


def transition_to_dict(t: TransitionRecord) -> dict[str, Any]:
    return {"at": stamp(t.at), "actor": t.actor, "from": t.source, "to": t.target,
            "reason": t.reason, "command": t.command, "confidence": t.confidence}


def stamp(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def tick_task(root: Path, key: str, items: tuple[int, ...], *, done: bool = True,
              db: str | None = None, at: datetime | None = None) -> TaskRecord:
    """Tick (or untick) checklist items by their 1-based number; none given: every item."""
    name, store = _open(root, db)
    with store:
        full = full_key(name, key)
        task = store.tasks.get_task(name, full)
        count = len(task.checklist)
        wrong = [n for n in items if not 1 <= n <= count]
        if wrong:
            raise UserInputError(f"{full} has {count} checklist items; no item {wrong[0]}",
                                 hint="`commission tasks show KEY` numbers them")
        chosen = set(items) or set(range(1, count + 1))
        ticked = tuple(ChecklistItem(item.text, done if n in chosen else item.done)
                       for n, item in enumerate(task.checklist, start=1))
        return store.tasks.set_checklist(name, full, ticked, at or datetime.now(UTC),
                                         delivery_for(load_venture_config(root)))
