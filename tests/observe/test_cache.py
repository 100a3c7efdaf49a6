"""Cache packs: written atomically, read back only when every check holds."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from commissioning.evidence import Diagnostic, Severity
from commissioning.observe.cache import CACHE_DIR, CacheDir


def _codes(cache: CacheDir) -> list[str]:
    return [n.code for n in cache.notes]


def test_round_trip_and_the_folder_ignores_itself(tmp_path: Path) -> None:
    value = {b"k": (Diagnostic(Severity.INFO, "c", "m", "p", 3), frozenset({"a"}))}
    cache = CacheDir(tmp_path)
    assert cache.write("facts", "v1", value)
    assert CacheDir(tmp_path).read("facts", "v1") == value
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    assert sorted(p.name for p in (tmp_path / CACHE_DIR).iterdir()) == [".gitignore",
                                                                         "facts.pack"]


def test_a_missing_pack_is_silent(tmp_path: Path) -> None:
    cache = CacheDir(tmp_path)
    assert cache.read("facts", "v1") is None and cache.notes == []


@pytest.mark.parametrize(("damage", "code"), [
    (lambda raw: raw[:-7], "cache-truncated"),
    (lambda raw: raw[:-1] + bytes([raw[-1] ^ 0xFF]), "cache-corrupt"),
    (lambda raw: b"garbage" + raw, "cache-corrupt"),
    (lambda raw: raw.replace(b'"version": "v1"', b'"version": "v0"'), "cache-foreign"),
    (lambda raw: raw.replace(b"{", b"[", 1), "cache-corrupt"),
])
def test_damaged_packs_are_not_trusted(tmp_path: Path, damage: object, code: str) -> None:
    CacheDir(tmp_path).write("facts", "v1", {b"k": b"v"})
    pack = tmp_path / CACHE_DIR / "facts.pack"
    pack.write_bytes(damage(pack.read_bytes()))  # type: ignore[operator]
    cache = CacheDir(tmp_path)
    assert cache.read("facts", "v1") is None
    assert _codes(cache) == [code]


def test_a_pack_that_would_run_code_is_refused(tmp_path: Path) -> None:
    class Sneaky:
        def __reduce__(self) -> tuple[object, tuple[()]]:
            import os

            return (os.getcwd, ())

    cache = CacheDir(tmp_path)
    cache.write("facts", "v1", {b"k": b"v"})
    pack = tmp_path / CACHE_DIR / "facts.pack"
    evil = pickle.dumps(Sneaky(), protocol=5)  # a sound header and checksum around it
    import hashlib
    import json

    header = json.dumps({"format": 1, "name": "facts", "version": "v1", "length": len(evil),
                         "sha256": hashlib.sha256(evil).hexdigest()}, sort_keys=True)
    pack.write_bytes(b"commissioning-cache\n" + header.encode() + b"\n" + evil)
    reader = CacheDir(tmp_path)
    assert reader.read("facts", "v1") is None
    assert _codes(reader) == ["cache-corrupt"]


def test_an_unwritable_folder_disables_the_cache_once(tmp_path: Path) -> None:
    (tmp_path / ".commissioning").write_text("not a folder")
    cache = CacheDir(tmp_path)
    assert not cache.write("facts", "v1", {})
    assert not cache.write("stamps", "v1", {})
    assert _codes(cache) == ["cache-disabled"]


def test_writes_leave_no_temporary_file(tmp_path: Path) -> None:
    cache = CacheDir(tmp_path)
    for i in range(3):
        cache.write("scan", "v1", {"i": i})
    assert sorted(p.name for p in (tmp_path / CACHE_DIR).iterdir()) == [".gitignore",
                                                                         "scan.pack"]
    assert cache.read("scan", "v1") == {"i": 2}
