"""Scan history, and triggering a rescan (a write: the agent or admin role)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from commissioning.services import queries, rescans
from commissioning.web.auth import Reader, Scanner, WorkspaceDep
from commissioning.web.schemas import READ_ERRORS, errors

router = APIRouter(tags=["scans"])


@router.get("/api/scans", responses=READ_ERRORS,
            summary="Stored scans, newest first, with their state distribution")
def list_scans(ws: WorkspaceDep, _: Reader,
               limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
    return queries.scan_history(ws, limit)


@router.post("/api/scans", status_code=201,
             responses={**errors(400, 401, 403, 404, 503), 500: {"description": "Scan failed"}},
             summary="Rescan the venture now and store the result")
def trigger_scan(ws: WorkspaceDep, who: Scanner) -> dict[str, Any]:
    """Observes the venture's tree (and its live sources) again; attestations posted since the
    last scan count from this one. Answers when the scan is stored."""
    return rescans.rescan(ws, who)
