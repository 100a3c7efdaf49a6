"""Digests memoised by stat: trusted only when nothing about the file moved, and not racy."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from commissioning.observe.stamps import RACY_NS, Stamps


def _saved_long_after(tmp_path: Path, name: str, text: str) -> Stamps:
    (tmp_path / name).write_text(text)
    first = Stamps(tmp_path)
    first.stamp(name)
    return Stamps(tmp_path, first.kept(everything=False), time.time_ns() + 2 * RACY_NS)


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    stamps = _saved_long_after(tmp_path, "a.ts", "export const a = 1;\n")
    stamps.stamp("a.ts")
    assert not stamps.changed
    assert stamps.digest("a.ts") == hashlib.sha256(b"export const a = 1;\n").digest()


def test_a_rewrite_with_the_same_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    stamps = _saved_long_after(tmp_path, "a.ts", "export const a = 1;\n")
    before = (tmp_path / "a.ts").stat()
    (tmp_path / "a.ts").write_text("export const b = 2;\n")
    os.utime(tmp_path / "a.ts", ns=(before.st_atime_ns, before.st_mtime_ns))  # ctime moves
    assert stamps.digest("a.ts") == hashlib.sha256(b"export const b = 2;\n").digest()


def test_a_racy_record_is_hashed_again_and_not_kept_as_trusted(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("x")
    first = Stamps(tmp_path)
    first.stamp("a.ts")
    racy = Stamps(tmp_path, first.kept(everything=False), time.time_ns())
    racy.stamp("a.ts")
    assert racy.changed  # read again: it may have changed within the clock's resolution
    untouched = Stamps(tmp_path, first.kept(everything=False), time.time_ns())
    assert untouched.kept(everything=True) == {}


def test_binary_and_non_utf8_are_not_decodable(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\x00\x01")
    (tmp_path / "b.ts").write_bytes("café".encode("latin-1"))
    stamps = Stamps(tmp_path)
    assert stamps.stamp("a.bin").decodable is False  # type: ignore[union-attr]
    assert stamps.stamp("b.ts").decodable is False  # type: ignore[union-attr]
    assert stamps.stamp("missing.ts") is None
