"""Two writers racing on PostgreSQL (on SQLite, BEGIN IMMEDIATE serialises writers instead).

An injected hook makes the race deterministic: just before writer B inserts a row, writer A
(another engine, another connection) stores the same thing and commits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event

from commissioning.store import Store, open_store

Sample = Callable[..., Any]
Rows = Callable[[Store], dict[str, int]]

pytestmark = pytest.mark.postgres


def _before_insert(store: Store, table: str, action: Callable[[], None]) -> None:
    fired: list[bool] = []

    def hook(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not fired and statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            fired.append(True)
            action()

    event.listen(store.engine, "before_cursor_execute", hook)


def test_the_same_snapshot_saved_by_two_writers_is_one_scan(
    pg_url: str, sample: Sample, rows: Rows,
) -> None:
    with open_store(pg_url) as a, open_store(pg_url) as b:
        sample(climb=5).save(a)  # the venture exists: B's race is on the scan row only
        scan = sample()
        _before_insert(b, "scans", lambda: scan.save(a))
        saved = sample(scanned_at=scan.scanned_at + timedelta(minutes=1)).save(b)
        assert not saved.created
        assert rows(a) == {"ventures": 1, "scans": 2, "table_states": 8, "evidence_items": 53}
        latest = a.scans.latest_scan("greenhouse-ops")
        assert latest is not None
        assert (latest.snapshot_id, latest.seen_count) == (scan.snapshot.id, 2)


def test_a_venture_created_by_two_writers_is_one_venture(
    pg_url: str, sample: Sample, rows: Rows,
) -> None:
    with open_store(pg_url) as a, open_store(pg_url) as b:
        _before_insert(b, "ventures", lambda: sample(climb=5).save(a))
        assert sample().save(b).created
        assert rows(a)["ventures"] == 1
        assert rows(a)["scans"] == 2
        assert [v.scans for v in a.scans.list_ventures()] == [2]
