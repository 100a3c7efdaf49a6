"""The Control Room's capability matrix and proposals board, each with its JSON twin.

Each route parses, calls one view function here, and renders it (``render.page``): the page and
``/capabilities.json`` / ``/proposals.json`` come from the same dict. A decision from the board
(htmx, signed in with a token whose name holds a governance role) re-renders the board.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from commissioning.errors import CommissioningError
from commissioning.services import capability_commands, proposals, queries
from commissioning.services.auth import Action, Principal
from commissioning.services.context import Workspace
from commissioning.web.auth import Reader, WorkspaceDep, requires
from commissioning.web.render import fragment, page

router = APIRouter(include_in_schema=False)

Data = dict[str, Any]
Decider = Annotated[Principal, Depends(requires(Action.DECIDE))]
COLUMNS = ("NEEDS_REVIEW", "NEEDS_CEO", "APPROVED", "EXECUTED", "REJECTED")


def _frame(ws: Workspace, title: str) -> Data:
    """The page header's venture and scan (as every Control Room page shows them)."""
    document = queries.current_status(ws).document
    return {"title": title, "venture": document["venture"], "snapshot": document["snapshot"],
            "summary": document["summary"]}


def capability_matrix(ws: Workspace) -> Data:
    """Every capability × L1–L4: claimed against verified, the evidence, the gap and its task."""
    overview = capability_commands.overview_for(ws)
    levels = [{"level": f"L{s['n']}", "name": s["name"], "evidence": s["evidence"]}
              for s in queries.machine("capability")["states"] if s["n"]]
    return {**_frame(ws, "Capabilities"), **overview, "levels": levels}


def proposals_board(ws: Workspace, flash: Data | None = None) -> Data:
    """Proposals by status (pending first), the governance matrix and who holds which role."""
    board = proposals.board_for(ws)
    columns = [{"status": s, "proposals": [p for p in board["proposals"] if p["status"] == s]}
               for s in COLUMNS]
    return {**_frame(ws, "Proposals"), **board, "columns": columns, "flash": flash}


@router.get("/capabilities")
@router.get("/capabilities.json")
def capabilities_page(request: Request, ws: WorkspaceDep, _: Reader) -> Response:
    """The capability matrix."""
    return page(request, "capabilities.html", capability_matrix(ws))


@router.get("/proposals")
@router.get("/proposals.json")
def proposals_page(request: Request, ws: WorkspaceDep, _: Reader) -> Response:
    """The proposals board."""
    return page(request, "proposals.html", proposals_board(ws))


@router.post("/proposals/{proposal_id}/decide")
def decide_from_board(request: Request, proposal_id: int, ws: WorkspaceDep, who: Decider,
                      verdict: Annotated[str, Form()], reason: Annotated[str, Form()] = "",
                      ) -> Response:
    """A board form (htmx): approve or reject as the signed-in token, re-render the board."""
    status = 200
    try:
        done = proposals.decide_for(ws, who, proposal_id, approve=verdict == "approve",
                                    reason=reason)
        flash: Data = {"ok": True, "message": f"#{proposal_id}: {done['status']} by {who.name}"}
    except CommissioningError as exc:
        flash, status = {"ok": False, **exc.to_dict()}, exc.http_status
    return fragment(request, "_proposals.html", proposals_board(ws, flash), status_code=status)
