"""The store: SQLAlchemy models, Alembic migrations, and repositories as the only writers.

    with open_store(default_url(venture_root)) as store:
        saved = store.scans.save_scan(venture, snapshot, assessment, document, scanned_at)
        latest = store.scans.latest_scan(venture.name)

SQLite under ``<venture>/.commissioning/`` by default; PostgreSQL (psycopg 3) by URL for a team
or a portfolio of ventures. ``open_store`` brings the schema to the newest migration itself.
Every failure is a :class:`~commissioning.errors.StoreError` with a message a user can act on.
Nothing outside this package opens a SQLAlchemy session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from commissioning.assess import Assessment
from commissioning.evidence import EvidenceSnapshot
from commissioning.report import VentureInfo
from commissioning.store.attestations import AttestationRepository
from commissioning.store.capabilities import CapabilityRepository
from commissioning.store.delivery import GateRepository
from commissioning.store.engine import (
    SQLITE_BEGIN,
    create_store_engine,
    default_url,
    migrate,
    redact,
)
from commissioning.store.failures import failing_as
from commissioning.store.governance import ProposalRepository
from commissioning.store.scans import (
    SavedScan,
    ScanRef,
    ScanRepository,
    ScanSummary,
    StoredScan,
    VentureSummary,
)
from commissioning.store.tasks import Delivery, TaskRepository
from commissioning.store.tokens import TokenRepository
from commissioning.tasks import Reconciliation

__all__ = [
    "SavedScan",
    "ScanRef",
    "ScanRepository",
    "ScanSummary",
    "Store",
    "StoredScan",
    "TaskRepository",
    "VentureSummary",
    "default_url",
    "open_store",
    "store_exists",
]


class Store:
    """An open store: its repositories over one engine. Close it (or use ``with``) when done."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.scans = ScanRepository(engine)
        self.tasks = TaskRepository(engine)
        self.tokens = TokenRepository(engine)
        self.attestations = AttestationRepository(engine)
        self.capabilities = CapabilityRepository(engine)
        self.proposals = ProposalRepository(engine)
        self.gates = GateRepository(engine)
        writer = (engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
                  if engine.dialect.name == "sqlite" else engine)
        self._writer = sessionmaker(writer, expire_on_commit=False)

    def record_scan(
        self,
        venture: VentureInfo,
        snapshot: EvidenceSnapshot,
        assessment: Assessment,
        document: dict[str, object],
        scanned_at: datetime,
        task_plans: Sequence[tuple[Reconciliation, Delivery]] = (),
    ) -> SavedScan:
        """A scan and the task changes it makes (its gaps' tasks, its capabilities' tasks) in
        one transaction: it lands whole or not at all."""
        with failing_as(self._engine.url, f"could not save the scan of '{venture.name}'",
                        "nothing was stored"), self._writer.begin() as session:
            saved = ScanRepository.save_scan_in(session, venture, snapshot, assessment,
                                                document, scanned_at)
            for plan, delivery in task_plans:
                if not plan.empty:
                    TaskRepository.apply_in(session, venture, plan, scanned_at, delivery)
        return saved

    @property
    def url(self) -> str:
        """The store's URL with any password hidden: safe to show."""
        return redact(self._engine.url)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @property
    def engine(self) -> Engine:
        """The engine under the repositories (for diagnostics and tests; write through these)."""
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


def store_exists(url: str) -> bool:
    """Whether there is a store to read at ``url`` without creating one: a SQLite file must
    exist (a read must never create it); a server database is assumed to."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).is_file()
    return True


def open_store(url: str) -> Store:
    """Open the store at ``url`` and bring its schema to the newest migration.

    Raises :class:`~commissioning.errors.StoreError` when the URL is not one we support, the
    database cannot be reached or created, or its schema is newer than this package knows.
    """
    engine = create_store_engine(url)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
