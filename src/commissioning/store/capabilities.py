"""The capability repository: the only writer of ``commissioning_capabilities`` (seed 000).

The feature matrix is the claim, this table the reality. ``sync`` upserts the matrix: a new slug
is inserted with a uuid, a changed row updated, a row gone from the matrix retired (stamped
``retired_at``, never deleted), a retired row that comes back revived. A claim raised above the
stored one is held back unless an executed ``raise_claimed_level`` proposal allows it (the
caller says which). ``add_evidence`` merges receipts, test results, usage and a verification
posted by a person or an agent. Every write is one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from commissioning.capabilities import (
    CapabilityEvidence,
    CapabilityRecord,
    CapabilitySpec,
    evidence_from_json,
    evidence_to_json,
    level_name,
    parse_level,
)
from commissioning.errors import UnknownCapabilityError
from commissioning.report import VentureInfo
from commissioning.store.engine import SQLITE_BEGIN
from commissioning.store.failures import failing_as
from commissioning.store.models import CapabilityRow, VentureRow


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What a sync changed, by slug; ``held``: raised claims kept at the stored level, and why."""

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    retired: tuple[str, ...] = ()
    revived: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    held: tuple[tuple[str, str], ...] = ()


def venture_id_for(session: Session, venture: VentureInfo, at: datetime) -> int:
    """The venture's row id, created on first use (safe against a concurrent creator)."""
    query = select(VentureRow).where(VentureRow.name == venture.name)
    row = session.scalars(query).one_or_none()
    if row is None:
        row = VentureRow(name=venture.name, root=venture.root, created_at=at)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            row = session.scalars(query).one()
    return row.id


def writer(engine: Engine) -> sessionmaker[Session]:
    """Sessions that take SQLite's write lock up front (no lock upgrade failing mid-way)."""
    bound = (engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
             if engine.dialect.name == "sqlite" else engine)
    return sessionmaker(bound, expire_on_commit=False)


class CapabilityRepository:
    """Capabilities of any number of ventures, unique by (venture, slug)."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = writer(engine)

    def sync(self, venture: VentureInfo, specs: Sequence[CapabilitySpec], at: datetime, *,
             allowed_raises: Mapping[str, int] | None = None) -> SyncResult:
        """Upsert the matrix ``specs`` (see the module docstring); one transaction."""
        allowed = allowed_raises or {}
        out: dict[str, list[str]] = {k: [] for k in ("created", "updated", "retired",
                                                     "revived", "unchanged")}
        held: list[tuple[str, str]] = []
        with failing_as(self._url, f"could not sync the capabilities of '{venture.name}'",
                        "nothing was changed"), self._writer.begin() as session:
            venture_id = venture_id_for(session, venture, at)
            rows = {r.slug: r for r in session.scalars(
                select(CapabilityRow).where(CapabilityRow.venture_id == venture_id))}
            for spec in specs:
                row = rows.get(spec.slug)
                if row is None:
                    session.add(_new_row(venture_id, spec, at))
                    out["created"].append(spec.slug)
                    continue
                claim = spec.claimed_level
                stored = parse_level(row.claimed_level)
                if row.retired_at is None and claim > stored and allowed.get(spec.slug, -1) < claim:
                    held.append((spec.slug, f"raising {level_name(stored)} → "
                                 f"{level_name(claim)} needs an approved raise_claimed_level "
                                 "proposal"))
                    claim = stored
                revived = row.retired_at is not None
                if _apply(row, spec, claim, at) or revived:
                    out["revived" if revived else "updated"].append(spec.slug)
                else:
                    out["unchanged"].append(spec.slug)
            wanted = {s.slug for s in specs}
            for slug, row in sorted(rows.items()):
                if slug not in wanted and row.retired_at is None:
                    row.retired_at = at
                    row.updated_at = at
                    out["retired"].append(slug)
        return SyncResult(**{k: tuple(v) for k, v in out.items()}, held=tuple(held))

    def list_for(self, venture: str, *, include_retired: bool = False,
                 ) -> tuple[CapabilityRecord, ...]:
        """The venture's capabilities by slug (the retired ones only when asked)."""
        query = (select(CapabilityRow).join(VentureRow, VentureRow.id == CapabilityRow.venture_id)
                 .where(VentureRow.name == venture).order_by(CapabilityRow.slug))
        if not include_retired:
            query = query.where(CapabilityRow.retired_at.is_(None))
        with failing_as(self._url, f"could not read the capabilities of '{venture}'"), \
                self._reader() as session:
            return tuple(_record(row, venture) for row in session.scalars(query))

    def get(self, venture: str, slug: str) -> CapabilityRecord:
        with failing_as(self._url, f"could not read capability '{slug}'"), \
                self._reader() as session:
            return _record(_require(session, venture, slug), venture)

    def add_evidence(self, venture: str, slug: str, evidence: CapabilityEvidence,
                     at: datetime, *, verified_by: str | None = None) -> CapabilityRecord:
        """Merge posted ``evidence`` into the capability's; ``verified_by`` also stamps
        ``last_verified`` with ``at``. Refused for a retired capability."""
        with failing_as(self._url, f"could not record evidence for '{slug}'",
                        "nothing was recorded"), self._writer.begin() as session:
            row = _require(session, venture, slug)
            if row.retired_at is not None:
                raise UnknownCapabilityError(
                    f"capability '{slug}' was retired from the feature matrix",
                    hint="put it back in the matrix and run `commission capabilities sync`")
            merged = evidence_from_json(row.evidence).merged(evidence)
            row.evidence = evidence_to_json(merged)
            if verified_by:
                row.verified_by, row.last_verified = verified_by, at
            row.updated_at = at
            session.flush()
            return _record(row, venture)


def _new_row(venture_id: int, spec: CapabilitySpec, at: datetime) -> CapabilityRow:
    evidence = CapabilityEvidence().with_spec(spec.receipts, spec.tests)
    return CapabilityRow(
        id=str(uuid.uuid4()), venture_id=venture_id, slug=spec.slug,
        feature_name=spec.feature_name, capability_enabled=spec.capability_enabled,
        prd_slug=spec.prd_slug, claimed_level=level_name(spec.claimed_level),
        evidence=evidence_to_json(evidence), last_verified=None, verified_by=None,
        updated_at=at, retired_at=None)


def _apply(row: CapabilityRow, spec: CapabilitySpec, claim: int, at: datetime) -> bool:
    """Bring ``row`` to ``spec`` (with ``claim`` as its level); True when anything changed."""
    evidence = evidence_to_json(evidence_from_json(row.evidence).with_spec(spec.receipts,
                                                                           spec.tests))
    new = {"feature_name": spec.feature_name, "capability_enabled": spec.capability_enabled,
           "prd_slug": spec.prd_slug, "claimed_level": level_name(claim), "evidence": evidence}
    changed = {k: v for k, v in new.items() if getattr(row, k) != v}
    for key, value in changed.items():
        setattr(row, key, value)
    if changed or row.retired_at is not None:
        row.retired_at = None
        row.updated_at = at
    return bool(changed)


def _require(session: Session, venture: str, slug: str) -> CapabilityRow:
    row: CapabilityRow | None = session.scalars(
        select(CapabilityRow).join(VentureRow, VentureRow.id == CapabilityRow.venture_id)
        .where(VentureRow.name == venture, CapabilityRow.slug == slug)).one_or_none()
    if row is None:
        raise UnknownCapabilityError(f"no capability '{slug}' in venture '{venture}'",
                                     hint="`commission capabilities` lists them; "
                                          "`commission capabilities sync` reads the matrix")
    return row


def _record(row: CapabilityRow, venture: str) -> CapabilityRecord:
    return CapabilityRecord(
        id=row.id, venture=venture, slug=row.slug, feature_name=row.feature_name,
        capability_enabled=row.capability_enabled, prd_slug=row.prd_slug,
        claimed_level=parse_level(row.claimed_level), evidence=evidence_from_json(row.evidence),
        last_verified=row.last_verified, verified_by=row.verified_by,
        updated_at=row.updated_at, retired_at=row.retired_at)
