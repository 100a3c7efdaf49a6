"""Governance proposals (seed 004) and where delivery stands.

Submitting needs the agent or admin role; deciding needs that and the token's name in a
governance role the proposal's route accepts (``[governance.roles]``), never the proposer's.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from commissioning.services import proposals, workflow
from commissioning.services.auth import Action, Principal
from commissioning.web.auth import Reader, WorkspaceDep, requires
from commissioning.web.schemas import READ_ERRORS, errors
from commissioning.web.schemas_governance import DecisionIn, ExecutionIn, ProposalIn

router = APIRouter(tags=["governance"])

Proposer = Annotated[Principal, Depends(requires(Action.PROPOSE))]
Decider = Annotated[Principal, Depends(requires(Action.DECIDE))]
ProposalId = Annotated[int, Path(ge=1, le=2**31 - 1)]
_WRITE = errors(400, 401, 403, 404, 409, 422, 503)


@router.get("/api/proposals", responses={**READ_ERRORS, **errors(400)},
            summary="Every proposal (newest first), the governance matrix and its roles")
def list_proposals(ws: WorkspaceDep, _: Reader,
                   status: Annotated[str | None, Query(max_length=50)] = None,
                   ) -> dict[str, Any]:
    return proposals.board_for(ws, status=status)


@router.get("/api/proposals/{proposal_id}", responses={**READ_ERRORS, **errors(404)},
            summary="One proposal with every recorded step")
def get_proposal(proposal_id: ProposalId, ws: WorkspaceDep, _: Reader) -> dict[str, Any]:
    return proposals.show_for(ws, proposal_id)


@router.post("/api/proposals", status_code=201, responses=_WRITE,
             summary="Submit a proposal; the governance matrix routes it at once")
def submit_proposal(body: ProposalIn, ws: WorkspaceDep, who: Proposer) -> dict[str, Any]:
    return proposals.submit_for(ws, who, body.action, body.subject, reason=body.reason,
                                expires_on=body.expires_on)


@router.post("/api/proposals/{proposal_id}/approve", responses=_WRITE,
             summary="Approve a proposal (a governance role its route accepts)")
def approve_proposal(proposal_id: ProposalId, body: DecisionIn, ws: WorkspaceDep,
                     who: Decider) -> dict[str, Any]:
    """An approved waiver is executed at once and counts from the next scan."""
    return proposals.decide_for(ws, who, proposal_id, approve=True, reason=body.reason)


@router.post("/api/proposals/{proposal_id}/reject", responses=_WRITE,
             summary="Reject a proposal, with the reason")
def reject_proposal(proposal_id: ProposalId, body: DecisionIn, ws: WorkspaceDep,
                    who: Decider) -> dict[str, Any]:
    return proposals.decide_for(ws, who, proposal_id, approve=False, reason=body.reason)


@router.post("/api/proposals/{proposal_id}/execute", responses=_WRITE,
             summary="Mark an approved proposal executed (the action was carried out)")
def execute_proposal(proposal_id: ProposalId, body: ExecutionIn, ws: WorkspaceDep,
                     who: Decider) -> dict[str, Any]:
    return proposals.execute_for(ws, who, proposal_id, reason=body.reason)


@router.get("/api/workflow", responses=READ_ERRORS,
            summary="Where delivery stands: company phase, PM cycle, quick tasks, what's next")
def get_workflow(ws: WorkspaceDep, _: Reader) -> dict[str, Any]:
    return workflow.status(ws.root)
