"""The Control Room pages. Each route parses, calls one view, and renders it or its JSON twin.

Pages are read with the same rule as the API (open on loopback unless the server asks a token);
the board's move buttons post here with htmx and get the re-rendered board back.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from commissioning.errors import CommissioningError
from commissioning.services import attestations, board
from commissioning.services.auth import Action
from commissioning.services.queries import TableFilter
from commissioning.web import views
from commissioning.web.auth import Reader, WorkspaceDep, caller
from commissioning.web.render import fragment, page

router = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query(max_length=200)]


def _blank_is_none(value: str | None) -> str | None:
    return value or None


@router.get("/")
@router.get("/index.json")
def grid_page(request: Request, ws: WorkspaceDep, _: Reader, state: Text = None,
              profile: Text = None, owner: Text = None, outcome: Text = None,
              q: Text = None) -> Response:
    """The grid: every table × the ten states at a glance."""
    where = TableFilter(state=int(state) if state and state.isdigit() else None,
                        profile=_blank_is_none(profile), owner=_blank_is_none(owner),
                        outcome=_blank_is_none(outcome), text=_blank_is_none(q))
    return page(request, "grid.html", views.grid(ws, where))


@router.get("/tables/{name}")
def table_page(request: Request, name: str, ws: WorkspaceDep, _: Reader) -> Response:
    """Every piece of evidence of one table, its gap and its task."""
    if name.endswith(".json"):
        name = name.removesuffix(".json")
    return page(request, "table.html", views.table(ws, name))


@router.post("/tables/{name}/attest")
def attest_from_page(request: Request, name: str, ws: WorkspaceDep,
                     kind: Annotated[str, Form()], reason: Annotated[str, Form()],
                     observed: Annotated[str, Form()] = "") -> Response:
    """The table page's attestation form (htmx): record it, re-render the attestation list
    (with the refusal in it when the token may not attest)."""
    error: dict[str, object] | None = None
    status = 201
    try:
        who = caller(request, Action.ATTEST)
        attestations.post_attestation(ws, who, table=name, kind=kind, reason=reason,
                                      observed=observed)
    except CommissioningError as exc:
        error, status = exc.to_dict(), exc.http_status
    return fragment(request, "_attestations.html", {**views.table(ws, name), "error": error},
                    status_code=status)


@router.get("/board")
@router.get("/board.json")
def board_page(request: Request, ws: WorkspaceDep, _: Reader) -> Response:
    """The gap → task board by phase, with the allowed transitions as buttons."""
    return page(request, "board.html", {**views.board_page(ws), "flash": None})


@router.post("/board/tasks/{key:path}/move")
def move_from_board(request: Request, key: str, ws: WorkspaceDep,
                    to: Annotated[str, Form()], confirm: Annotated[bool, Form()] = False,
                    ) -> Response:
    """A board button (htmx): move the task, answer with the re-rendered board (with the
    refusal on it when the machine or the token's role says no)."""
    flash: dict[str, object] | None
    try:
        who = caller(request, Action.MOVE_TASK)
        moved = board.move_task(ws, who, key, to, reason="moved on the Control Room board",
                                confirm=confirm)
        flash = {"ok": True, "message": f"{key}: {moved['from']} → {moved['to']}"}
        status = 200
    except CommissioningError as exc:
        flash = {"ok": False, **exc.to_dict()}
        status = exc.http_status
    return fragment(request, "_board.html", {**views.board_page(ws), "flash": flash},
                    status_code=status)


@router.get("/machines")
@router.get("/machines.json")
def machines_page(request: Request, ws: WorkspaceDep, _: Reader) -> Response:
    """Every machine drawn as a diagram."""
    return page(request, "machines.html", views.machines(ws))


@router.get("/trends")
@router.get("/trends.json")
def trends_page(request: Request, ws: WorkspaceDep, _: Reader,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
    """The state distribution across stored scans."""
    return page(request, "trends.html", views.trends(ws, limit))


@router.get("/tables")
def tables_redirect() -> Response:
    return RedirectResponse("/", status_code=307)

