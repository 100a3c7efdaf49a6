"""The scan cache is an optimisation only: with it, without it, in parallel or not, after edits,
deletions and damage, a scan gives the same snapshot, id included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bench.synth import generate

from commissioning.config import load_venture_config
from commissioning.observe import parallel
from commissioning.observe.cache import CACHE_DIR, CacheDir
from commissioning.observe.cached_tree import FACTS_VERSION, SHARDS, shard_name, shard_of
from commissioning.observe.scanner import Observation, observe_venture_live

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dairy-plant"


def _scan(root: Path, *, cache: bool = True, workers: int | None = 1) -> Observation:
    return observe_venture_live(root, load_venture_config(root), cache=cache, workers=workers)


def _reference(root: Path) -> str:
    return _scan(root, cache=False).snapshot.id


def _facts_keys(root: Path) -> set[bytes]:
    keys: set[bytes] = set()
    for shard in range(SHARDS):
        found = CacheDir(root).read(shard_name(shard), FACTS_VERSION)
        assert isinstance(found, dict)
        assert all(shard_of(key) == shard for key in found)
        keys |= set(found)
    return keys


@pytest.fixture
def venture(tmp_path: Path) -> Path:
    generate(tmp_path / "v", tables=40, files=320, seed=5)
    return tmp_path / "v"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "dairy-plant",
                    ignore=shutil.ignore_patterns(".commissioning"))
    return tmp_path / "dairy-plant"


@pytest.fixture
def parallel_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)


@pytest.mark.usefixtures("parallel_always")
@pytest.mark.parametrize("name", ["example", "venture"])
def test_cold_warm_parallel_and_serial_give_one_id(name: str,
                                                   request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(name)
    serial = _scan(root, cache=False, workers=1)
    in_parallel = _scan(root, cache=False, workers=2)
    cold = _scan(root, workers=2)
    warm = _scan(root)
    (root / CACHE_DIR / "scan.pack").unlink()  # facts only: every file from the cache
    facts_only = _scan(root)
    assert {serial.snapshot.id, in_parallel.snapshot.id, cold.snapshot.id, warm.snapshot.id,
            facts_only.snapshot.id} == {serial.snapshot.id}
    assert cold.snapshot == serial.snapshot and warm.snapshot == serial.snapshot
    assert cold.stats is not None and cold.stats.parsed > 0 and not cold.stats.memoised
    assert warm.stats is not None and warm.stats.memoised and warm.stats.parsed == 0
    assert facts_only.stats is not None and facts_only.stats.parsed == 0
    assert facts_only.stats.reused == cold.stats.parsed
    assert not (cold.notes or warm.notes or facts_only.notes)


def test_an_edit_invalidates_exactly_the_edited_files_entry(venture: Path) -> None:
    _scan(venture)
    before = _facts_keys(venture)
    repository = sorted((venture / "src/db/repositories").glob("*.ts"))[0]
    repository.write_text(repository.read_text() + "\nexport function touched() {\n"
                          "  return 1;\n}\n")
    edited = _scan(venture)
    after = _facts_keys(venture)
    assert len(before - after) == 1 and len(after - before) == 1
    assert edited.stats is not None and edited.stats.parsed == 1 and not edited.stats.memoised
    assert edited.stats.incremental
    assert edited.snapshot.id == _reference(venture)


def test_an_edit_that_changes_no_fact_keeps_the_snapshot(venture: Path) -> None:
    first = _scan(venture)
    job = sorted((venture / "src/jobs").rglob("*.ts"))[0]
    job.write_text(job.read_text().replace("/** Nightly:", "/** Every night:"))
    again = _scan(venture)
    assert again.stats is not None and again.stats.memoised and again.stats.parsed == 1
    assert again.snapshot.id == first.snapshot.id == _reference(venture)


def test_deleting_a_file_removes_its_evidence(venture: Path) -> None:
    first = _scan(venture)
    repository = sorted((venture / "src/db/repositories").glob("*.ts"))[0]
    rel = repository.relative_to(venture).as_posix()
    assert any(e.path == rel for e in first.snapshot.evidence)
    repository.unlink()
    after = _scan(venture)
    assert not any(e.path == rel or any(s.path == rel for s in e.via)
                   for e in after.snapshot.evidence)
    assert after.snapshot.id == _reference(venture)


def test_new_settings_are_never_answered_from_the_memo(venture: Path) -> None:
    _scan(venture)
    config = venture / "commissioning.toml"
    config.write_text(config.read_text().replace("max_hops = 4", "max_hops = 1"))
    tight = _scan(venture)
    assert tight.stats is not None and not tight.stats.memoised
    assert tight.snapshot.id == _reference(venture)


@pytest.mark.parametrize("pack", ["facts", "scan", "stamps", "derived"])
@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign", "empty"])
def test_a_damaged_cache_is_rebuilt_with_a_note(venture: Path, pack: str, damage: str) -> None:
    _scan(venture)
    if pack == "facts":  # the facts are read only when the memo does not hold
        (venture / CACHE_DIR / "scan.pack").unlink()
    if pack == "derived":  # the state is read only by an incremental rescan
        repository = sorted((venture / "src/db/repositories").glob("*.ts"))[0]
        repository.write_text(repository.read_text() + "\nexport const edited = 1;\n")
    path = venture / CACHE_DIR / f"{pack}.pack"
    if pack == "facts":  # one of its shards
        path = sorted((venture / CACHE_DIR).glob("facts-*.pack"))[0]
    raw = path.read_bytes()
    path.write_bytes({"flip": raw[:-3] + bytes([raw[-3] ^ 0x55]) + raw[-2:],
                      "truncate": raw[: len(raw) // 2],
                      "foreign": raw.replace(b'"format": 1', b'"format": 0'),
                      "empty": b""}[damage])
    rebuilt = _scan(venture)
    assert rebuilt.snapshot.id == _reference(venture)
    assert rebuilt.stats is not None and not rebuilt.stats.incremental
    assert [n.code for n in rebuilt.notes] == [
        {"flip": "cache-corrupt", "truncate": "cache-truncated", "foreign": "cache-foreign",
         "empty": "cache-corrupt"}[damage]]
    healed = _scan(venture)
    assert healed.stats is not None and healed.stats.memoised and not healed.notes


def test_the_cache_folder_is_never_scanned(venture: Path) -> None:
    _scan(venture)
    planted = venture / CACHE_DIR / "planted.ts"
    planted.write_text('import { db } from "@/db";\nexport const x = db;\n')
    again = _scan(venture, cache=False)
    assert not any(".commissioning" in (d.path or "") for d in again.snapshot.diagnostics)
    assert all(".commissioning" not in (e.path or "") for e in again.snapshot.evidence)
    from commissioning.observe.source_tree import DiskSourceTree

    assert not [f for f in DiskSourceTree(venture).files() if f.startswith(".commissioning")]


def test_a_venture_that_cannot_be_written_scans_without_a_cache(venture: Path) -> None:
    (venture / ".commissioning").write_text("a file where our folder would go")
    done = _scan(venture)
    assert done.snapshot.id == _reference(venture)
    assert [n.code for n in done.notes] == ["cache-disabled"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_a_read_only_venture_scans_without_a_cache(venture: Path) -> None:
    reference = _reference(venture)
    venture.chmod(0o555)
    try:
        done = _scan(venture)
    finally:
        venture.chmod(0o755)
    assert done.snapshot.id == reference
    assert [n.code for n in done.notes] == ["cache-disabled"]


def test_a_refused_write_disables_the_cache(venture: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Root writes through permissions, so the refusal is injected where we meet the OS."""
    import tempfile

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    done = _scan(venture)
    assert done.snapshot.id == _reference(venture)
    assert [n.code for n in done.notes] == ["cache-disabled"]
    assert "Permission denied" in done.notes[0].message


def test_a_scan_that_saves_nothing_still_reads_the_cache(venture: Path) -> None:
    _scan(venture)
    packs = {p.name: p.stat().st_mtime_ns for p in (venture / CACHE_DIR).iterdir()}
    repository = sorted((venture / "src/db/repositories").glob("*.ts"))[0]
    repository.write_text(repository.read_text() + "\nexport const extra = 1;\n")
    read_only = observe_venture_live(venture, load_venture_config(venture), cache=True,
                                     save_cache=False, workers=1)
    assert read_only.stats is not None and read_only.stats.parsed == 1
    assert read_only.snapshot.id == _reference(venture)
    assert {p.name: p.stat().st_mtime_ns for p in (venture / CACHE_DIR).iterdir()} == packs


def test_a_full_scan_removes_the_single_facts_pack_older_versions_wrote(venture: Path) -> None:
    (venture / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    legacy = venture / CACHE_DIR / "facts.pack"
    legacy.write_bytes(b"an older version's facts")
    _scan(venture)
    assert not legacy.exists()
    assert len(list((venture / CACHE_DIR).glob("facts-*.pack"))) == SHARDS
