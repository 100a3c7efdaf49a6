"""``GET /api/commissioning/status``: the status document of the latest stored scan.

It is never recomputed per request: the services parse and serialise the stored document once
per scan, and this route sends those bytes. The ``ETag`` is the snapshot id, weak (``W/"…"``)
because a rescan of an unchanged tree keeps the id while refreshing ``scanned_at``; a client that
sends it back in ``If-None-Match`` gets ``304 Not Modified`` and no body. A client that accepts
gzip gets the bytes compressed once per scan (a 5,000-table document shrinks ~15×).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from commissioning.services import queries
from commissioning.web.auth import Reader, WorkspaceDep
from commissioning.web.schemas import errors

router = APIRouter(tags=["status"])

_STATUS_DOC: dict[int | str, dict[str, Any]] = {
    200: {"description": "The status document (schema_version 1, docs/status-document.md)",
          "content": {"application/json": {"schema": {"type": "object"}}},
          "headers": {"ETag": {"description": 'W/"<snapshot id>"',
                               "schema": {"type": "string"}}}},
    304: {"description": "Not modified: the If-None-Match ETag is the latest snapshot"},
    **errors(401, 404, 503),
}


def etag_of(snapshot_id: str) -> str:
    return f'W/"{snapshot_id}"'


def matches(if_none_match: str, snapshot_id: str) -> bool:
    """RFC 9110 weak comparison: ``"id"``, ``W/"id"`` or ``*`` in a comma-separated list."""
    for candidate in (c.strip() for c in if_none_match.split(",")):
        if candidate == "*" or candidate.removeprefix("W/").strip('"') == snapshot_id:
            return True
    return False


def accepts_gzip(accept_encoding: str) -> bool:
    """``gzip`` (or ``*``) listed without ``q=0``."""
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*") and params.replace(" ", "") not in ("q=0", "q=0.0"):
            return True
    return False


@router.get("/api/commissioning/status", responses=_STATUS_DOC, response_class=Response,
            summary="The status document of the latest stored scan")
async def get_status(request: Request, ws: WorkspaceDep, _: Reader) -> Response:
    """Every table, its state 0–10 with evidence, its gap; summary and snapshot identity.

    Sent gzip-compressed (compressed once per scan) to clients that accept it."""
    current = ws.fresh_status()  # within the TTL: no thread, no store
    if current is None:
        current = await run_in_threadpool(queries.current_status, ws)
    headers = {"ETag": etag_of(current.snapshot_id), "Cache-Control": "no-cache",
               "Vary": "Accept-Encoding"}
    if matches(request.headers.get("if-none-match", ""), current.snapshot_id):
        return Response(status_code=304, headers=headers)
    if current.gzipped and accepts_gzip(request.headers.get("accept-encoding", "")):
        headers["Content-Encoding"] = "gzip"
        return Response(current.gzipped, media_type="application/json", headers=headers)
    return Response(current.body, media_type="application/json", headers=headers)


@router.get("/healthz", summary="Liveness: the process answers",
            responses={200: {"description": "Alive"}})
async def healthz() -> JSONResponse:
    """No store access, no thread: the load balancer's probe and the benchmark's baseline."""
    return JSONResponse({"ok": True})
