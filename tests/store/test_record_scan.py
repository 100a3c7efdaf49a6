"""A scan and the task changes it makes land in one transaction, or not at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from commissioning import services
from commissioning.errors import StoreError
from commissioning.store import TaskRepository, open_store
from commissioning.store.models import ScanRow, TaskRow

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "drizzle-mini"


def _counts(url: str) -> tuple[int, int]:
    with open_store(url) as store, store.engine.connect() as connection:
        scans = connection.execute(select(func.count()).select_from(ScanRow)).scalar_one()
        tasks = connection.execute(select(func.count()).select_from(TaskRow)).scalar_one()
    return scans, tasks


def test_task_failure_after_the_scan_rows_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venture = tmp_path / "mini"
    shutil.copytree(MINI, venture)
    url = services.store_url(venture, None)

    def broken(*_args: object, **_kwargs: object) -> object:
        raise OperationalError("INSERT INTO tasks", {}, Exception("disk I/O error"))

    monkeypatch.setattr(TaskRepository, "apply_in", staticmethod(broken))
    with pytest.raises(StoreError, match="nothing was stored"):
        services.scan(venture)
    assert _counts(url) == (0, 0)

    monkeypatch.undo()
    outcome = services.scan(venture)
    scans, tasks = _counts(url)
    assert scans == 1 and tasks == outcome.document["summary"]["gaps"] > 0


def test_no_store_scan_creates_no_store(tmp_path: Path) -> None:
    venture = tmp_path / "mini"
    shutil.copytree(MINI, venture)
    services.scan(venture, store=False)
    assert not (venture / ".commissioning").exists()
