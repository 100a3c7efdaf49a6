"""The machines (ladders and workflows) as data or as Mermaid diagrams."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

from commissioning.services import queries
from commissioning.web.auth import Reader
from commissioning.web.schemas import READ_ERRORS, errors

router = APIRouter(tags=["machines"])


class MachineFormat(StrEnum):
    JSON = "json"
    MERMAID = "mermaid"


@router.get("/api/machines", responses=READ_ERRORS, summary="The machines shipped")
def list_machines(_: Reader) -> list[dict[str, Any]]:
    return queries.machines()


@router.get(
    "/api/machines/{name}", summary="One machine: states, transitions and its Mermaid diagram",
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}},
                                 "text/plain": {"schema": {"type": "string"}}},
                     "description": "The machine (JSON), or its diagram with ?format=mermaid"},
               **READ_ERRORS, **errors(404)},
    response_model=None,
)
def get_machine(name: str, _: Reader,
                format: MachineFormat = MachineFormat.JSON) -> dict[str, Any] | Response:
    if format is MachineFormat.MERMAID:
        return PlainTextResponse(queries.machine_mermaid(name))
    return queries.machine(name)
