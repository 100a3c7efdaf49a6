"""The scan repository: the only writer of ventures, scans, table states and evidence items.

Its verbs take and return domain values (frozen dataclasses, the status document as a dict),
never ORM objects. A scan is saved in one transaction: it lands whole or not at all. Saving a
snapshot the venture already has stores no new rows; it records that the snapshot was seen again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from commissioning.assess import Assessment
from commissioning.errors import NoScanError
from commissioning.evidence import EvidenceSnapshot
from commissioning.report import VentureInfo
from commissioning.store.engine import SQLITE_BEGIN
from commissioning.store.failures import failing_as
from commissioning.store.models import EvidenceItemRow, ScanRow, TableStateRow, VentureRow

_BATCH = 10_000  # rows per executemany: bounds the driver's buffers on 100,000-row scans


@dataclass(frozen=True, slots=True)
class SavedScan:
    """What ``save_scan`` did: ``created`` is False when the snapshot was already stored."""

    scan_id: int
    snapshot_id: str
    created: bool


@dataclass(frozen=True, slots=True)
class StoredScan:
    """A stored scan and its status document (``document["snapshot"]["scanned_at"]`` is the
    last time this snapshot was seen)."""

    scan_id: int
    snapshot_id: str
    scanned_at: datetime
    document: dict[str, Any]
    first_scanned_at: datetime
    seen_count: int


@dataclass(frozen=True, slots=True)
class ScanRef:
    """Which scan is the latest, without its document: a cheap check that a cache is fresh."""

    scan_id: int
    snapshot_id: str
    scanned_at: datetime


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """One line of a venture's scan history; ``by_state`` counts tables per state (states
    with no table are absent)."""

    scan_id: int
    snapshot_id: str
    scanned_at: datetime
    tables: int
    gaps: int
    mean_state: float
    by_state: dict[int, int]
    commit: str | None
    seen_count: int


@dataclass(frozen=True, slots=True)
class VentureSummary:
    name: str
    root: str
    created_at: datetime
    scans: int
    latest_scan_at: datetime | None


class ScanRepository:
    """Saves and reads scans of any number of ventures in one database."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url
        self._engine = engine
        # On SQLite a writer takes the write lock at BEGIN, so two scans never deadlock on an
        # upgrade from a read lock; PostgreSQL needs nothing special.
        writer = (engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
                  if engine.dialect.name == "sqlite" else engine)
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(writer, expire_on_commit=False)

    # -- writing --------------------------------------------------------------------------------

    def save_scan(
        self,
        venture: VentureInfo,
        snapshot: EvidenceSnapshot,
        assessment: Assessment,
        document: Mapping[str, object],
        scanned_at: datetime,
    ) -> SavedScan:
        """Store one scan in one transaction, or, for a snapshot already stored for this
        venture, bump its ``last_scanned_at``/``seen_count`` and the document's ``scanned_at``.

        Raises :class:`StoreError` (nothing stored) when the database refuses the write.
        """
        with self._failing_as(f"could not save the scan of '{venture.name}'",
                              "nothing was stored"), self._writer.begin() as session:
            return self.save_scan_in(session, venture, snapshot, assessment, document, scanned_at)

    @staticmethod
    def save_scan_in(
        session: Session,
        venture: VentureInfo,
        snapshot: EvidenceSnapshot,
        assessment: Assessment,
        document: Mapping[str, object],
        scanned_at: datetime,
    ) -> SavedScan:
        """The writes of :meth:`save_scan` inside the caller's transaction."""
        _check_consistent(snapshot, assessment, document, scanned_at)
        stamp = _stamp(scanned_at)
        venture_id = _venture_id(session, venture, scanned_at)
        existing = _find_scan(session, venture_id, snapshot.id)
        if existing is not None:
            _seen_again(existing, snapshot, scanned_at, stamp, document)
            return SavedScan(existing.id, snapshot.id, created=False)
        scan = _new_scan(venture_id, snapshot, assessment, document, scanned_at)
        try:
            with session.begin_nested():
                session.add(scan)
        except IntegrityError:  # a concurrent writer stored the same snapshot first
            existing = _find_scan(session, venture_id, snapshot.id)
            if existing is None:
                raise
            _seen_again(existing, snapshot, scanned_at, stamp, document)
            return SavedScan(existing.id, snapshot.id, created=False)
        _insert_many(session, TableStateRow, _table_state_rows(scan.id, assessment))
        _insert_many(session, EvidenceItemRow, _evidence_rows(scan.id, snapshot))
        return SavedScan(scan.id, snapshot.id, created=True)

    # -- reading --------------------------------------------------------------------------------

    def latest_scan(self, venture_name: str) -> StoredScan | None:
        """The scan of ``venture_name`` seen most recently, or None when it has none."""
        query = (
            select(ScanRow.id, ScanRow.snapshot_id, ScanRow.last_scanned_at, ScanRow.status_json,
                   ScanRow.scanned_at, ScanRow.seen_count)
            .join(VentureRow, VentureRow.id == ScanRow.venture_id)
            .where(VentureRow.name == venture_name)
            .order_by(ScanRow.last_scanned_at.desc(), ScanRow.id.desc())
            .limit(1)
        )
        with self._failing_as(f"could not read the scans of '{venture_name}'"), \
                self._reader() as session:
            row = session.execute(query).one_or_none()
        if row is None:
            return None
        return StoredScan(scan_id=row.id, snapshot_id=row.snapshot_id,
                          scanned_at=row.last_scanned_at, document=dict(row.status_json),
                          first_scanned_at=row.scanned_at, seen_count=row.seen_count)

    def latest_ref(self, venture_name: str) -> ScanRef | None:
        """The id, snapshot and time of the latest scan only (one indexed row, no JSON)."""
        query = (
            select(ScanRow.id, ScanRow.snapshot_id, ScanRow.last_scanned_at)
            .join(VentureRow, VentureRow.id == ScanRow.venture_id)
            .where(VentureRow.name == venture_name)
            .order_by(ScanRow.last_scanned_at.desc(), ScanRow.id.desc())
            .limit(1)
        )
        # A bare connection, not an ORM session: this runs on every API read (~10x cheaper).
        with self._failing_as(f"could not read the scans of '{venture_name}'"), \
                self._engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None:
            return None
        return ScanRef(scan_id=row.id, snapshot_id=row.snapshot_id, scanned_at=row.last_scanned_at)

    def require_latest_scan(self, venture_name: str) -> StoredScan:
        """Like :meth:`latest_scan`, raising :class:`NoScanError` when there is none."""
        scan = self.latest_scan(venture_name)
        if scan is None:
            raise NoScanError(f"no scan of '{venture_name}' is stored yet",
                              hint="run `commission scan` first")
        return scan

    def list_scans(self, venture_name: str, limit: int = 50) -> tuple[ScanSummary, ...]:
        """The venture's scans, most recently seen first (at most ``limit``)."""
        query = (
            select(ScanRow.id, ScanRow.snapshot_id, ScanRow.last_scanned_at, ScanRow.tables_count,
                   ScanRow.gaps_count, ScanRow.mean_state, ScanRow.commit, ScanRow.seen_count)
            .join(VentureRow, VentureRow.id == ScanRow.venture_id)
            .where(VentureRow.name == venture_name)
            .order_by(ScanRow.last_scanned_at.desc(), ScanRow.id.desc())
            .limit(max(limit, 0))
        )
        with self._failing_as(f"could not read the scans of '{venture_name}'"), \
                self._reader() as session:
            rows = session.execute(query).all()
            by_state = _states_by_scan(session, [row.id for row in rows])
        return tuple(
            ScanSummary(scan_id=row.id, snapshot_id=row.snapshot_id, scanned_at=row.last_scanned_at,
                        tables=row.tables_count, gaps=row.gaps_count, mean_state=row.mean_state,
                        by_state=by_state.get(row.id, {}), commit=row.commit,
                        seen_count=row.seen_count)
            for row in rows
        )

    def list_ventures(self) -> tuple[VentureSummary, ...]:
        """Every venture of this store, by name, with its number of scans and the latest one."""
        query = (
            select(VentureRow.name, VentureRow.root, VentureRow.created_at,
                   func.count(ScanRow.id).label("scans"),
                   func.max(ScanRow.last_scanned_at).label("latest"))
            .outerjoin(ScanRow, ScanRow.venture_id == VentureRow.id)
            .group_by(VentureRow.id, VentureRow.name, VentureRow.root, VentureRow.created_at)
            .order_by(VentureRow.name)
        )
        with self._failing_as("could not list the ventures"), self._reader() as session:
            rows = session.execute(query).all()
        return tuple(
            VentureSummary(name=row.name, root=row.root, created_at=row.created_at,
                           scans=int(row.scans), latest_scan_at=row.latest)
            for row in rows
        )

    # -- errors ---------------------------------------------------------------------------------

    @contextmanager
    def _failing_as(self, action: str, outcome: str = "") -> Iterator[None]:
        with failing_as(self._url, action, outcome):
            yield


# -- the rows of a scan ---------------------------------------------------------------------------


def _check_consistent(
    snapshot: EvidenceSnapshot, assessment: Assessment, document: Mapping[str, object],
    scanned_at: datetime,
) -> None:
    if scanned_at.tzinfo is None:
        raise ValueError("scanned_at must be timezone-aware")
    if assessment.snapshot_id != snapshot.id:
        raise ValueError(f"the assessment is of snapshot {assessment.snapshot_id}, "
                         f"not of {snapshot.id}")
    meta = document.get("snapshot")
    if not isinstance(meta, Mapping):
        return
    if meta.get("id") not in (None, snapshot.id):
        raise ValueError(f"the document is of snapshot {meta.get('id')}, not of {snapshot.id}")
    stamp = meta.get("scanned_at")
    if isinstance(stamp, str) and _parse_time(stamp) not in (None, scanned_at):
        raise ValueError(f"the document was scanned at {stamp}, not at {_stamp(scanned_at)}")


def _parse_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _stamp(moment: datetime) -> str:
    """The status document's form of a time: ISO 8601 in UTC with a ``Z``."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _venture_id(session: Session, venture: VentureInfo, now: datetime) -> int:
    query = select(VentureRow).where(VentureRow.name == venture.name)
    row = session.scalars(query).one_or_none()
    if row is None:
        row = VentureRow(name=venture.name, root=venture.root, created_at=now)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # created meanwhile by a concurrent writer
            row = session.scalars(query).one()
    if row.root != venture.root:
        row.root = venture.root
    return row.id


def _find_scan(session: Session, venture_id: int, snapshot_id: str) -> ScanRow | None:
    """The stored scan of this snapshot, locked for the update that follows (PostgreSQL)."""
    query = (
        select(ScanRow)
        .where(ScanRow.venture_id == venture_id, ScanRow.snapshot_id == snapshot_id)
        .options(defer(ScanRow.snapshot_json))
        .with_for_update()
    )
    return session.scalars(query).one_or_none()


def _seen_again(scan: ScanRow, snapshot: EvidenceSnapshot, scanned_at: datetime,
                stamp: str, fresh: Mapping[str, object]) -> None:
    scan.last_scanned_at = scanned_at
    scan.seen_count = ScanRow.seen_count + 1  # in SQL: a concurrent bump is not lost
    scan.commit = snapshot.inputs.commit
    document = dict(scan.status_json)
    meta = document.get("snapshot")
    if isinstance(meta, dict):  # assign a new dict: the ORM does not see in-place changes
        document["snapshot"] = {**meta, "scanned_at": stamp, "commit": snapshot.inputs.commit}
    if "capabilities" in fresh:  # not from the snapshot: the capabilities as of this scan
        document["capabilities"] = fresh["capabilities"]
    scan.status_json = document


def _new_scan(
    venture_id: int, snapshot: EvidenceSnapshot, assessment: Assessment,
    document: Mapping[str, object], scanned_at: datetime,
) -> ScanRow:
    return ScanRow(
        venture_id=venture_id,
        snapshot_id=snapshot.id,
        commit=snapshot.inputs.commit,
        config_hash=snapshot.inputs.config_hash,
        machine=assessment.machine,
        machine_version=assessment.machine_version,
        scanned_at=scanned_at,
        last_scanned_at=scanned_at,
        seen_count=1,
        tables_count=len(assessment.tables),
        gaps_count=sum(1 for gap in assessment.gaps if gap.actionable),
        mean_state=assessment.mean_state,
        status_json=dict(document),
        snapshot_json=snapshot.to_dict(with_commit=True),
    )


def _table_state_rows(scan_id: int, assessment: Assessment) -> Iterator[dict[str, object]]:
    for t in assessment.tables:
        yield {
            "scan_id": scan_id, "schema": t.table.key.schema, "name": t.table.key.name,
            "profile": t.table.profile, "state": t.state,
            "gap_state": None if t.gap is None else t.gap.n,
            "gap_kind": None if t.gap is None else t.gap.kind.value,
        }


def _evidence_rows(scan_id: int, snapshot: EvidenceSnapshot) -> Iterator[dict[str, object]]:
    for e in snapshot.evidence:
        yield {
            "scan_id": scan_id, "schema": e.table.schema, "table_name": e.table.name,
            "kind": e.kind.value, "detector": e.detector, "source": e.source.value,
            "path": e.path, "line": e.line, "via": [str(step) for step in e.via],
            "observed": e.observed, "holds": e.holds,
        }


def _insert_many(session: Session, model: type[Any], rows: Iterator[dict[str, object]]) -> None:
    """executemany-style inserts in batches, on the session's connection (no ORM objects)."""
    connection = session.connection()
    statement = insert(model.__table__)
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            connection.execute(statement, batch)
            batch = []
    if batch:
        connection.execute(statement, batch)


def _states_by_scan(session: Session, scan_ids: Sequence[int]) -> dict[int, dict[int, int]]:
    if not scan_ids:
        return {}
    query = (
        select(TableStateRow.scan_id, TableStateRow.state, func.count())
        .where(TableStateRow.scan_id.in_(scan_ids))
        .group_by(TableStateRow.scan_id, TableStateRow.state)
        .order_by(TableStateRow.scan_id, TableStateRow.state)
    )
    out: dict[int, dict[int, int]] = {}
    for scan_id, state, count in session.execute(query):
        out.setdefault(scan_id, {})[state] = count
    return out
