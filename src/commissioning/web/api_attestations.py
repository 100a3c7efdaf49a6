"""Evidence posted by people and agents (``POST`` needs the agent or admin role)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from commissioning.services import attestations
from commissioning.web.auth import Attester, Reader, WorkspaceDep
from commissioning.web.schemas import READ_ERRORS, AttestationIn, errors

router = APIRouter(tags=["attestations"])


@router.get("/api/attestations", responses={**READ_ERRORS, **errors(404)},
            summary="Attestations of the venture (active ones unless asked)")
def list_attestations(
    ws: WorkspaceDep, _: Reader,
    table: Annotated[str | None, Query(max_length=200)] = None,
    include_revoked: bool = False,
) -> list[dict[str, Any]]:
    return attestations.list_attestations(ws, table=table, include_revoked=include_revoked)


@router.post("/api/attestations", status_code=201,
             responses=errors(400, 401, 403, 404, 422, 503),
             summary="Post evidence for a table, with who (the token) and why (reason)")
def post_attestation(body: AttestationIn, ws: WorkspaceDep, who: Attester) -> dict[str, Any]:
    """Recorded now; shown as ``source: "attestation"`` evidence from the next scan on."""
    return attestations.post_attestation(
        ws, who, table=body.table, kind=body.kind.value, reason=body.reason,
        observed=body.observed, path=body.path, line=body.line)
