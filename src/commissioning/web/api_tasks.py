"""Tasks (the gaps' work) and their transitions; moving one needs the admin role."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from commissioning.services import board
from commissioning.web.auth import Reader, TaskMover, WorkspaceDep
from commissioning.web.schemas import READ_ERRORS, MoveIn, errors

router = APIRouter(tags=["tasks"])


@router.get("/api/tasks", responses={**READ_ERRORS, **errors(400)}, summary="Every task, by key")
def list_tasks(ws: WorkspaceDep, _: Reader,
               phase: Annotated[str | None, Query(max_length=50)] = None) -> list[dict[str, Any]]:
    return board.list_tasks(ws, phase=phase)


@router.get("/api/tasks/{key:path}/transitions", responses={**READ_ERRORS, **errors(404)},
            summary="A task's audit trail and the transitions it may take next")
def task_transitions(key: str, ws: WorkspaceDep, _: Reader) -> dict[str, Any]:
    return board.transitions(ws, key)


@router.post("/api/tasks/{key:path}/move", responses=errors(400, 401, 403, 404, 409, 422, 503),
             summary="Move a task to another phase (admin)")
def move_task(key: str, body: MoveIn, ws: WorkspaceDep, who: TaskMover) -> dict[str, Any]:
    """Validated by the task machine: an edge it does not declare, or an unmet pre-condition,
    is a 409; below 80% confidence it needs ``"confirm": true``."""
    return board.move_task(ws, who, key, body.to, reason=body.reason, confirm=body.confirm)


@router.get("/api/tasks/{key:path}", responses={**READ_ERRORS, **errors(404)},
            summary="One task: its body, checklist, phase, owner and next action")
def get_task(key: str, ws: WorkspaceDep, _: Reader) -> dict[str, Any]:
    return board.get_task(ws, key)
