"""The attestation repository: the only writer of ``attestations``.

An attestation is evidence a person or an agent posts (``{"table", "kind", "reason", …}``) with
who posted it and why. It is kept until revoked; every scan reads the active ones and merges them
into its snapshot as ``source: "attestation"`` evidence (``services/attestations.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import sessionmaker

from commissioning.errors import NoScanError
from commissioning.store.failures import failing_as
from commissioning.store.models import AttestationRow, VentureRow


@dataclass(frozen=True, slots=True)
class NewAttestation:
    """What was attested, by whom (a token's name and role) and why."""

    schema: str
    table: str
    kind: str
    reason: str
    author: str
    role: str
    created_at: datetime
    observed: str = ""
    path: str | None = None
    line: int | None = None
    token_id: int | None = None


@dataclass(frozen=True, slots=True)
class AttestationRecord:
    id: int
    venture: str
    schema: str
    table: str
    kind: str
    reason: str
    author: str
    role: str
    created_at: datetime
    observed: str = ""
    path: str | None = None
    line: int | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class AttestationRepository:
    """Records, lists and revokes the attestations of any venture in the store."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url
        self._session = sessionmaker(engine, expire_on_commit=False)

    def add(self, venture: str, new: NewAttestation) -> AttestationRecord:
        """Record one attestation for ``venture`` (which must have been scanned once)."""
        with failing_as(self._url, f"could not record the attestation for '{new.table}'",
                        "nothing was recorded"), self._session.begin() as session:
            venture_id = session.scalars(
                select(VentureRow.id).where(VentureRow.name == venture)).one_or_none()
            if venture_id is None:
                raise NoScanError(f"no scan of '{venture}' is stored yet",
                                  hint="scan the venture before attesting its tables")
            row = AttestationRow(
                venture_id=venture_id, schema=new.schema, table_name=new.table, kind=new.kind,
                reason=new.reason, observed=new.observed, path=new.path, line=new.line,
                author=new.author, role=new.role, token_id=new.token_id,
                created_at=new.created_at)
            session.add(row)
            session.flush()
            return _record(row, venture)

    def list_for(self, venture: str, *, table: str | None = None,
                 include_revoked: bool = False) -> tuple[AttestationRecord, ...]:
        """The venture's attestations, oldest first; only active ones unless asked."""
        query = (select(AttestationRow)
                 .join(VentureRow, VentureRow.id == AttestationRow.venture_id)
                 .where(VentureRow.name == venture)
                 .order_by(AttestationRow.id))
        if table is not None:
            query = query.where(AttestationRow.table_name == table)
        if not include_revoked:
            query = query.where(AttestationRow.revoked_at.is_(None))
        with failing_as(self._url, f"could not read the attestations of '{venture}'"), \
                self._session() as session:
            return tuple(_record(row, venture) for row in session.scalars(query))

    def revoke(self, venture: str, attestation_id: int, at: datetime) -> bool:
        """Revoke one active attestation; False when the venture has no such active one."""
        ventures = select(VentureRow.id).where(VentureRow.name == venture).scalar_subquery()
        statement = (update(AttestationRow)
                     .where(AttestationRow.id == attestation_id,
                            AttestationRow.venture_id == ventures,
                            AttestationRow.revoked_at.is_(None))
                     .values(revoked_at=at))
        with failing_as(self._url, f"could not revoke attestation {attestation_id}"), \
                self._session.begin() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def _record(row: AttestationRow, venture: str) -> AttestationRecord:
    return AttestationRecord(
        id=row.id, venture=venture, schema=row.schema, table=row.table_name, kind=row.kind,
        reason=row.reason, author=row.author, role=row.role, created_at=row.created_at,
        observed=row.observed, path=row.path, line=row.line, revoked_at=row.revoked_at)
