"""The A2A agent card, built per request so its URLs name the host the client used."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from commissioning.agents.a2a import card_document
from commissioning.web.auth import WorkspaceDep

router = APIRouter(tags=["agents"])


@router.get("/.well-known/agent-card.json", summary="The A2A agent card: skills and endpoint")
def agent_card(request: Request, ws: WorkspaceDep) -> dict[str, Any]:
    """Public by design (A2A discovery): it names the skills, never data."""
    return card_document(ws, str(request.base_url).rstrip("/"))
