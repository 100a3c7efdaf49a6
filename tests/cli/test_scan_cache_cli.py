"""``commission scan`` keeps its cache in the venture, ``--no-cache`` reads and writes none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.conftest import Runner

from commissioning.cli import app


def test_scan_caches_and_no_cache_gives_the_same_document(run: Runner, mini: Path) -> None:
    cached = run("scan", str(mini), "--json")
    assert cached.code == 0, cached.err
    assert (mini / ".commissioning" / "cache" / "scan.pack").is_file()
    again = run("scan", str(mini), "--json", "--no-store")
    fresh = run("scan", str(mini), "--json", "--no-store", "--no-cache")
    ids = {json.loads(r.out)["snapshot"]["id"] for r in (cached, again, fresh)}
    assert len(ids) == 1
    assert "note:" not in cached.err + again.err + fresh.err


def test_no_store_and_no_cache_write_nothing(run: Runner, mini: Path) -> None:
    for flags in (["--no-store"], ["--no-store", "--no-cache"]):
        done = run("scan", str(mini), *flags)
        assert done.code == 0, done.err
        assert not (mini / ".commissioning").exists()


def test_a_cache_that_cannot_be_written_is_a_note_not_a_failure(run: Runner, mini: Path) -> None:
    (mini / ".commissioning").write_text("not a folder")
    done = run("scan", str(mini), "--db", f"sqlite:///{mini.parent}/store.db")
    assert done.code == 0, done.err
    assert "note: cache disabled" in done.err


def test_the_progress_bar_appears_only_after_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    started: list[bool] = []
    monkeypatch.setattr(app.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(app.Progress, "start", lambda self: started.append(True))
    monkeypatch.setattr(app.Progress, "stop", lambda self: None)
    with app._progress(True) as update:
        assert update is not None
        update(10, 50_000)  # a cached scan is done before the bar would show
        assert not started
        clock[0] += app.PROGRESS_DELAY + 0.1
        update(20, 50_000)
        assert started == [True]
