"""ScanRepository on SQLite and PostgreSQL: round trips, idempotent resaves, atomic saves."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from commissioning.errors import NoScanError, StoreError
from commissioning.store import SavedScan, ScanSummary, Store, StoredScan, VentureSummary

Sample = Callable[..., Any]
Rows = Callable[[Store], dict[str, int]]
T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def test_save_then_latest_round_trips_the_document(store: Store, sample: Sample) -> None:
    scan = sample()
    saved = scan.save(store)
    assert isinstance(saved, SavedScan)
    assert saved.created and saved.snapshot_id == scan.snapshot.id

    latest = store.scans.latest_scan("greenhouse-ops")
    assert isinstance(latest, StoredScan)
    assert latest.scan_id == saved.scan_id
    assert latest.snapshot_id == scan.snapshot.id
    assert latest.scanned_at == T0 and latest.scanned_at.tzinfo is not None
    assert latest.document == scan.document
    assert latest.seen_count == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        latest.scan_id = 0  # type: ignore[misc]


def test_save_writes_one_row_per_table_and_evidence_item(
    store: Store, sample: Sample, rows: Rows,
) -> None:
    scan = sample(tables=7, per_table=10)
    scan.save(store)
    assert rows(store) == {"ventures": 1, "scans": 1, "table_states": 7, "evidence_items": 70}


def test_list_scans_summarises_each_scan(store: Store, sample: Sample) -> None:
    scan = sample(tables=6)
    saved = scan.save(store)
    (summary,) = store.scans.list_scans("greenhouse-ops")
    assert isinstance(summary, ScanSummary)
    summary_doc = scan.document["summary"]
    assert summary.scan_id == saved.scan_id
    assert summary.tables == 6 == summary_doc["tables"]
    assert summary.gaps == summary_doc["gaps"]
    assert summary.mean_state == summary_doc["mean_state"]
    assert summary.by_state == {int(n): c for n, c in summary_doc["by_state"].items() if c}
    assert summary.commit == "abc123"


def test_identical_resave_creates_no_rows(store: Store, sample: Sample, rows: Rows) -> None:
    first = sample()
    saved = first.save(store)
    before = rows(store)

    later = T0 + timedelta(hours=3)
    again = sample(scanned_at=later, commit="def456")  # same tree at a new commit: same id
    assert again.snapshot.id == first.snapshot.id
    resaved = again.save(store)

    assert resaved == SavedScan(saved.scan_id, first.snapshot.id, created=False)
    assert rows(store) == before
    latest = store.scans.latest_scan("greenhouse-ops")
    assert latest is not None
    assert latest.scanned_at == later
    assert latest.first_scanned_at == T0
    assert latest.seen_count == 2
    assert latest.document["snapshot"]["scanned_at"] == "2026-11-21T13:00:00Z"
    assert latest.document["snapshot"]["commit"] == "def456"
    # Apart from when it was seen, the stored document is the one first saved.
    strip = {**latest.document, "snapshot": {}}
    assert strip == {**first.document, "snapshot": {}}
    assert len(store.scans.list_scans("greenhouse-ops")) == 1


def test_a_different_snapshot_adds_a_scan(store: Store, sample: Sample, rows: Rows) -> None:
    first = sample()
    second = sample(climb=3, scanned_at=T0 + timedelta(days=1))
    assert second.snapshot.id != first.snapshot.id
    a = first.save(store)
    b = second.save(store)
    assert b.created and b.scan_id != a.scan_id
    assert rows(store)["scans"] == 2
    assert [s.snapshot_id for s in store.scans.list_scans("greenhouse-ops")] == [
        second.snapshot.id, first.snapshot.id]
    latest = store.scans.latest_scan("greenhouse-ops")
    assert latest is not None and latest.snapshot_id == second.snapshot.id

    # Seeing the first tree again makes it the latest (by last_scanned_at), with no new scan.
    back = sample(scanned_at=T0 + timedelta(days=2))
    assert not back.save(store).created
    latest = store.scans.latest_scan("greenhouse-ops")
    assert latest is not None and latest.snapshot_id == first.snapshot.id
    assert rows(store)["scans"] == 2


def test_list_scans_is_newest_first_and_limited(store: Store, sample: Sample) -> None:
    for day in range(4):
        sample(climb=day, scanned_at=T0 + timedelta(days=day)).save(store)
    listed = store.scans.list_scans("greenhouse-ops", limit=3)
    assert [s.scanned_at for s in listed] == [T0 + timedelta(days=d) for d in (3, 2, 1)]
    assert len(store.scans.list_scans("greenhouse-ops")) == 4


@pytest.fixture
def fail_on_evidence_insert(store: Store) -> Iterator[None]:
    """An injected hook that makes the write of the evidence rows fail, mid-transaction."""

    def explode(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO EVIDENCE_ITEMS"):
            raise RuntimeError("disk full (injected)")

    event.listen(store.engine, "before_cursor_execute", explode)
    yield
    event.remove(store.engine, "before_cursor_execute", explode)


def test_a_failure_mid_save_stores_nothing(
    store: Store, sample: Sample, rows: Rows, fail_on_evidence_insert: None,
) -> None:
    scan = sample()
    with pytest.raises(RuntimeError, match="injected"):
        scan.save(store)
    assert rows(store) == dict.fromkeys(("ventures", "scans", "table_states",
                                         "evidence_items"), 0)
    assert store.scans.latest_scan("greenhouse-ops") is None


def test_a_failure_mid_save_leaves_earlier_scans_alone(
    store: Store, sample: Sample, rows: Rows,
) -> None:
    first = sample()
    first.save(store)
    before = rows(store)
    # A table twice in one assessment: the scan row and the first table rows are written, then
    # the unique index on (scan, schema, name) refuses a row, and everything is rolled back.
    broken = sample(climb=2)
    twice = dataclasses.replace(broken.assessment,
                                tables=(*broken.assessment.tables, broken.assessment.tables[-1]))
    with pytest.raises(StoreError, match="nothing was stored") as raised:
        store.scans.save_scan(broken.venture, broken.snapshot, twice, broken.document,
                              broken.scanned_at)
    assert "Traceback" not in str(raised.value)
    assert rows(store) == before
    latest = store.scans.latest_scan("greenhouse-ops")
    assert latest is not None and latest.snapshot_id == first.snapshot.id
    # The store is still usable after the failed transaction.
    assert broken.save(store).created


def test_two_ventures_in_one_database_are_independent(
    store: Store, sample: Sample, rows: Rows,
) -> None:
    ops = sample("greenhouse-ops")
    lab = sample("seed-lab", tables=2)
    ops.save(store)
    lab.save(store)
    sample("greenhouse-ops", scanned_at=T0 + timedelta(hours=1)).save(store)

    ops_latest = store.scans.latest_scan("greenhouse-ops")
    lab_latest = store.scans.latest_scan("seed-lab")
    assert ops_latest is not None and lab_latest is not None
    assert ops_latest.document == {**ops.document, "snapshot": {
        **ops.document["snapshot"], "scanned_at": "2026-11-21T11:00:00Z"}}
    assert lab_latest.document == lab.document
    assert (ops_latest.seen_count, lab_latest.seen_count) == (2, 1)
    assert rows(store)["table_states"] == 4 + 2

    ventures = store.scans.list_ventures()
    assert all(isinstance(v, VentureSummary) for v in ventures)
    assert [(v.name, v.root, v.scans) for v in ventures] == [
        ("greenhouse-ops", "/ventures/greenhouse-ops", 1), ("seed-lab", "/ventures/seed-lab", 1)]
    assert ventures[0].latest_scan_at == T0 + timedelta(hours=1)
    assert ventures[1].created_at == T0


def test_the_same_tree_in_two_ventures_is_two_scans(
    store: Store, sample: Sample, rows: Rows,
) -> None:
    ops = sample("greenhouse-ops")
    twin = dataclasses.replace(ops, venture=dataclasses.replace(ops.venture, name="twin"))
    assert ops.save(store).created
    assert twin.save(store).created
    assert rows(store)["scans"] == 2


def test_nothing_stored_reads_as_none_and_no_scan_error(store: Store) -> None:
    assert store.scans.latest_scan("nobody") is None
    assert store.scans.list_scans("nobody") == ()
    assert store.scans.list_ventures() == ()
    with pytest.raises(NoScanError, match="no scan of 'nobody'") as raised:
        store.scans.require_latest_scan("nobody")
    assert raised.value.hint and "commission scan" in raised.value.hint


def test_save_refuses_inconsistent_inputs(store: Store, sample: Sample, rows: Rows) -> None:
    scan = sample()
    other = sample(climb=1)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.scans.save_scan(scan.venture, scan.snapshot, scan.assessment, scan.document,
                              datetime(2026, 11, 21, 10, 0))
    with pytest.raises(ValueError, match="assessment is of snapshot"):
        store.scans.save_scan(scan.venture, scan.snapshot, other.assessment, scan.document,
                              scan.scanned_at)
    with pytest.raises(ValueError, match="document is of snapshot"):
        store.scans.save_scan(scan.venture, scan.snapshot, scan.assessment, other.document,
                              scan.scanned_at)
    with pytest.raises(ValueError, match="document was scanned at 2026-11-21T10:00:00Z"):
        store.scans.save_scan(scan.venture, scan.snapshot, scan.assessment, scan.document,
                              scan.scanned_at + timedelta(seconds=1))
    assert rows(store)["scans"] == 0


def test_a_large_scan_lands_whole(store: Store, sample: Sample, rows: Rows) -> None:
    scan = sample(tables=1_200, per_table=10)  # crosses the 10,000-row insert batch
    scan.save(store)
    assert rows(store) == {"ventures": 1, "scans": 1, "table_states": 1_200,
                           "evidence_items": 12_000}
    latest = store.scans.latest_scan("greenhouse-ops")
    assert latest is not None and latest.document == scan.document
    (summary,) = store.scans.list_scans("greenhouse-ops")
    assert sum(summary.by_state.values()) == 1_200
