"""Attestations: evidence a person or an agent posts, with who and why.

Posting records who (the token's name and role), why (``reason``) and what was seen
(``observed``, optionally a ``path``/``line``) in the store; it does not change the stored scan,
which stays what was observed then. The next scan reads the venture's active attestations and
merges each one for a table it knows (``services/attested.py``) as evidence with
``source=ATTESTATION``: it then counts like any other evidence, shows as
``"source": "attestation"`` in the status document, and changes the snapshot id (an attestation
is an input, so the same inputs still give the same id).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from commissioning.errors import UserInputError
from commissioning.evidence import Kind
from commissioning.services.auth import Principal
from commissioning.services.context import Workspace
from commissioning.services.queries import current_status
from commissioning.services.scanning import find_table
from commissioning.store.attestations import AttestationRecord, NewAttestation

KINDS = tuple(k.value for k in Kind)


def post_attestation(
    ws: Workspace, principal: Principal, *, table: str, kind: str, reason: str,
    observed: str = "", path: str | None = None, line: int | None = None,
) -> dict[str, Any]:
    """Record evidence for ``table`` of ``kind``; it counts from the next scan on.

    Raises :class:`UserInputError` for an unknown kind or a blank reason, and
    :class:`UnknownTableError` for a table the latest scan does not know.
    """
    if kind not in KINDS:
        raise UserInputError(f"unknown evidence kind '{kind}'", hint=f"one of: {', '.join(KINDS)}")
    if not reason.strip():
        raise UserInputError("an attestation needs a reason: say why the evidence holds")
    if line is not None and path is None:
        raise UserInputError("a line needs a path")
    found = find_table(current_status(ws).document, table)
    record = ws.store.attestations.add(ws.name, NewAttestation(
        schema=found["schema"], table=found["name"], kind=kind, reason=reason.strip(),
        observed=observed.strip(), path=path, line=line, author=principal.name,
        role=principal.role, token_id=principal.token_id,
        created_at=datetime.now(UTC).replace(microsecond=0)))
    return {**attestation_to_dict(record),
            "applies": "from the next scan (POST /api/scans or `commission scan`)"}


def list_attestations(ws: Workspace, *, table: str | None = None,
                      include_revoked: bool = False) -> list[dict[str, Any]]:
    name = None
    if table is not None:
        name = find_table(current_status(ws).document, table)["name"]
    return [attestation_to_dict(r) for r in
            ws.store.attestations.list_for(ws.name, table=name, include_revoked=include_revoked)]


def attestation_to_dict(record: AttestationRecord) -> dict[str, Any]:
    return {
        "id": record.id, "table": record.table, "schema": record.schema, "kind": record.kind,
        "reason": record.reason, "observed": record.observed, "path": record.path,
        "line": record.line, "author": record.author, "role": record.role,
        "created_at": record.created_at.isoformat().replace("+00:00", "Z"),
        "active": record.active,
    }
