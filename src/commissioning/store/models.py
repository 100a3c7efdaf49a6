"""The store's tables as SQLAlchemy 2 declarative models.

These classes never leave ``commissioning.store``: repositories turn rows into frozen dataclasses
before returning. The schema is created and evolved only by the Alembic migrations shipped in
``store/migrations/``; a test holds ``upgrade head`` equal to this metadata on SQLite and
PostgreSQL, so a change here needs a new migration.

Every row belongs to a venture (through its scan), so one database can serve a portfolio.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Row ids of the high-volume tables outgrow 32 bits on a busy PostgreSQL; SQLite only
# autoincrements a column declared exactly INTEGER.
RowId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no offset: we restore it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given to the store; "
                             "pass a timezone-aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class VentureRow(Base):
    """A venture: one repository whose tables are commissioned."""

    __tablename__ = "ventures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    root: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScanRow(Base):
    """One distinct evidence snapshot of a venture; rescanning it again only bumps the counters."""

    __tablename__ = "scans"
    __table_args__ = (
        UniqueConstraint("venture_id", "snapshot_id"),
        Index(None, "venture_id", "last_scanned_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    snapshot_id: Mapped[str] = mapped_column(String(100))
    commit: Mapped[str | None] = mapped_column(String(100))
    config_hash: Mapped[str] = mapped_column(String(100))
    machine: Mapped[str] = mapped_column(String(100))
    machine_version: Mapped[str] = mapped_column(String(50))
    scanned_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_scanned_at: Mapped[datetime] = mapped_column(UtcDateTime())
    seen_count: Mapped[int] = mapped_column(Integer)
    tables_count: Mapped[int] = mapped_column(Integer)
    gaps_count: Mapped[int] = mapped_column(Integer)
    mean_state: Mapped[float] = mapped_column(Float)
    status_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    snapshot_json: Mapped[dict[str, Any]] = mapped_column(JSON)


class TableStateRow(Base):
    """Where one table stood in one scan (the grid and the trends read these, not the JSON)."""

    __tablename__ = "table_states"
    __table_args__ = (
        # One state per table per scan; the index also serves every "rows of this scan" query.
        Index(None, "scan_id", "schema", "name", unique=True),
        Index(None, "schema", "name"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"))
    schema: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    profile: Mapped[str] = mapped_column(String(100))
    state: Mapped[int] = mapped_column(Integer)
    gap_state: Mapped[int | None] = mapped_column(Integer)
    gap_kind: Mapped[str | None] = mapped_column(String(50))


class EvidenceItemRow(Base):
    """One piece of evidence of one scan: the file and line (or live source) that proves a kind."""

    __tablename__ = "evidence_items"
    __table_args__ = (Index(None, "scan_id", "schema", "table_name", "kind"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id", ondelete="CASCADE"))
    schema: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(50))
    detector: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(50))
    path: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    via: Mapped[list[str]] = mapped_column(JSON)
    observed: Mapped[str] = mapped_column(Text)
    holds: Mapped[bool] = mapped_column(Boolean)


# -- tasks (migration 0002): written only by store/tasks.py::TaskRepository ----------------------


class TaskRow(Base):
    """A gap's task: key venture/table/state, unique per venture; its phase in the task machine."""

    __tablename__ = "tasks"
    __table_args__ = (
        UniqueConstraint("venture_id", "key"),
        Index(None, "venture_id", "phase"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(500))
    schema: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(200))
    state: Mapped[int] = mapped_column(Integer)  # the ladder rung the task adds
    kind: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(500))
    owner_source: Mapped[str] = mapped_column(Text)
    phase: Mapped[str] = mapped_column(String(50))
    checklist: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closed_reason: Mapped[str | None] = mapped_column(Text)


class TaskTransitionRow(Base):
    """The audit of one task transition: who, when, from, to, why, which command, how sure."""

    __tablename__ = "task_transitions"
    __table_args__ = (Index(None, "task_id", "at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    from_phase: Mapped[str | None] = mapped_column(String(50))
    to_phase: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text)
    command: Mapped[str] = mapped_column(String(200))
    confidence: Mapped[int] = mapped_column(Integer)


class OutboxRow(Base):
    """Work for a sink, stored with the change that caused it: delivered later, retried, never
    lost. ``delivered_at`` NULL means still queued."""

    __tablename__ = "outbox"
    __table_args__ = (Index(None, "sink", "delivered_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    sink: Mapped[str] = mapped_column(String(50))
    task_key: Mapped[str] = mapped_column(String(500))
    op: Mapped[str] = mapped_column(String(50))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class TaskLinkRow(Base):
    """Where a task lives in a sink (issue number, Linear id, file) and the status last seen."""

    __tablename__ = "task_links"
    __table_args__ = (UniqueConstraint("task_id", "sink"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    sink: Mapped[str] = mapped_column(String(50))
    task_key: Mapped[str] = mapped_column(String(500))
    external_id: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    remote_status: Mapped[str | None] = mapped_column(String(200))
    synced_at: Mapped[datetime] = mapped_column(UtcDateTime())


# -- surfaces (migration 0003_surfaces): written only by store/tokens.py, store/attestations.py --


class ApiTokenRow(Base):
    """A bearer token of the API. Only a salted HMAC of its secret is kept, never the secret."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    salt: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AttestationRow(Base):
    """Evidence a person or an agent posted, with who and why; merged into every later scan."""

    __tablename__ = "attestations"
    __table_args__ = (Index(None, "venture_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    schema: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text)
    observed: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


# -- capabilities, governance, delivery (migration 0004_governance): written only by
# store/capabilities.py, store/governance.py and store/delivery.py ------------------------------


class CapabilityRow(Base):
    """Seed 000's ``commissioning_capabilities``, field for field, plus the venture it belongs to
    (the store is multi-venture: the slug is unique per venture) and ``retired_at`` (a row
    removed from the feature matrix is retired, never deleted)."""

    __tablename__ = "commissioning_capabilities"
    __table_args__ = (
        UniqueConstraint("venture_id", "slug"),
        CheckConstraint("claimed_level IN ('L0', 'L1', 'L2', 'L3', 'L4')", name="claimed_level"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # a uuid4, as text
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(200))
    feature_name: Mapped[str] = mapped_column(Text)
    capability_enabled: Mapped[str] = mapped_column(Text)
    prd_slug: Mapped[str] = mapped_column(String(200))
    claimed_level: Mapped[str] = mapped_column(String(2))
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    last_verified: Mapped[datetime | None] = mapped_column(UtcDateTime())
    verified_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ProposalRow(Base):
    """A governance proposal (seed 004): an action type, its subject, its status in the proposal
    machine, and the decision."""

    __tablename__ = "proposals"
    __table_args__ = (Index(None, "venture_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(100))
    subject: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    route: Mapped[str | None] = mapped_column(String(20))
    expires_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProposalEventRow(Base):
    """One recorded step of a proposal: who, when, from, to, why (the audit)."""

    __tablename__ = "proposal_events"
    __table_args__ = (Index(None, "proposal_id", "at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)


class GateEventRow(Base):
    """A quality-gate outcome recorded by `commission workflow advance`: the machine, the phase
    it left, the one it entered, who and why."""

    __tablename__ = "gate_events"
    __table_args__ = (Index(None, "venture_id", "at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    machine: Mapped[str] = mapped_column(String(50))
    gate: Mapped[str] = mapped_column(String(50))
    from_phase: Mapped[str] = mapped_column(String(50))
    to_phase: Mapped[str] = mapped_column(String(50))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
