"""Capabilities (L0–L4): the matrix, one capability, and evidence posted by agents."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from commissioning.services import capability_commands as capabilities
from commissioning.web.auth import Attester, Reader, WorkspaceDep
from commissioning.web.schemas import READ_ERRORS, errors
from commissioning.web.schemas_governance import CapabilityEvidenceIn, PostedStatus

router = APIRouter(tags=["capabilities"])

Slug = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/api/capabilities", responses=READ_ERRORS,
            summary="Every capability: claimed level, verified level, evidence, gap and task")
def list_capabilities(ws: WorkspaceDep, _: Reader) -> dict[str, Any]:
    return capabilities.overview_for(ws)


@router.get("/api/capabilities/{slug}", responses={**READ_ERRORS, **errors(404)},
            summary="One capability, every level spelled out")
def get_capability(slug: Slug, ws: WorkspaceDep, _: Reader) -> dict[str, Any]:
    return capabilities.capability_for(ws, slug)


@router.post("/api/capabilities/{slug}/evidence", status_code=201,
             responses=errors(400, 401, 403, 404, 422, 503),
             summary="Post receipts, test results, usage or a verification (agent or admin)")
def post_evidence(slug: Slug, body: CapabilityEvidenceIn, ws: WorkspaceDep,
                  who: Attester) -> dict[str, Any]:
    """Recorded with the token's name; the level is recomputed at once, its task moves on the
    next scan or sync. ``verified`` records that the caller verified it now (L4)."""
    usage = body.usage
    return capabilities.post_evidence_for(
        ws, who, slug, verified=body.verified, receipts=tuple(body.receipts),
        passed=tuple(t.test for t in body.test_results if t.status is PostedStatus.PASSED),
        failed=tuple(t.test for t in body.test_results if t.status is PostedStatus.FAILED),
        usage=None if usage is None else usage.count,
        window_days=30 if usage is None else usage.window_days,
        observed_on=None if usage is None else usage.observed_on, source=body.source)
