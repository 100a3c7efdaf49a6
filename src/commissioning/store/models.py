"""The store's tables as SQLAlchemy 2 declarative models.

These classes never leave ``commissioning.store``: repositories turn rows into frozen dataclasses
before returning. The schema is created and evolved only by the Alembic migrations shipped in
``store/migrations/``; a test holds ``upgrade head`` equal to this metadata on SQLite and
PostgreSQL, so a change here needs a new migration.

Every row belongs to a venture (through its scan), so one database can serve a portfolio.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
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
