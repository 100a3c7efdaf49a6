"""Tables and gaps of the latest stored scan, as JSON (the grid and table pages' data)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from commissioning.evidence import Kind
from commissioning.services import queries
from commissioning.services.queries import TableFilter
from commissioning.web.auth import Reader, WorkspaceDep
from commissioning.web.schemas import READ_ERRORS, errors

router = APIRouter(tags=["tables"])

StateQ = Annotated[int | None, Query(ge=0, le=10, description="Only tables at this state")]
TextQ = Annotated[str | None, Query(max_length=200)]
OutcomeQ = Annotated[queries.Outcome | None,
                     Query(description="Only tables with a rung of this outcome")]


@router.get("/api/tables", responses={**READ_ERRORS, **errors(404)},
            summary="Every table with its state and one cell per rung")
def list_tables(ws: WorkspaceDep, _: Reader, state: StateQ = None, profile: TextQ = None,
                owner: TextQ = None, outcome: OutcomeQ = None,
                q: TextQ = None) -> list[dict[str, Any]]:
    """``owner=-`` selects tables whose gap has no owner yet."""
    document = queries.current_status(ws).document
    where = TableFilter(state=state, profile=profile, owner=owner,
                        outcome=None if outcome is None else outcome.value, text=q)
    return queries.table_rows(document, where, queries.task_phases(ws))


@router.get("/api/tables/{name}", responses={**READ_ERRORS, **errors(404)},
            summary="One table: every rung with its evidence, waiver or unknown reason")
def get_table(name: str, ws: WorkspaceDep, _: Reader) -> dict[str, Any]:
    return queries.table_detail(queries.current_status(ws).document, name)


@router.get("/api/gaps", responses={**READ_ERRORS, **errors(404)},
            summary="Every gap: the first missing rung of each table, and where to add it")
def list_gaps(ws: WorkspaceDep, _: Reader,
              kind: Annotated[Kind | None, Query()] = None,
              actionable: Annotated[bool, Query(
                  description="Only missing rungs (unknown ones open no task)")] = False,
              ) -> list[dict[str, Any]]:
    document = queries.current_status(ws).document
    return queries.gap_list(document, kind=None if kind is None else kind.value,
                            actionable_only=actionable)
