"""Content digests of a venture's files, memoised by ``stat`` the way git's index is.

The cache is keyed by what a file holds (its sha256), never by when it changed. Hashing 20,000
files means reading them all, so the digest is remembered with the file's size, mtime, ctime,
inode and device, and reused while all five are unchanged: any write changes ctime, which no
tool can set back. A file whose mtime or ctime falls within ``RACY_NS`` of the moment the
stamps were saved is "racily clean" (it may have changed again within the clock's resolution)
and is hashed again, as git does.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

RACY_NS = 2_000_000_000  # 2 s: coarser than any file system's timestamp resolution we meet
_BINARY_PROBE = 8192


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a file holds, in short: its sha256, and whether it decodes as text (no NUL byte
    in its first 8 KiB, valid UTF-8); the size limit is the tree's to apply."""

    digest: bytes
    size: int
    decodable: bool


Record = tuple[int, int, int, int, int, bytes, bool]  # size, mtime, ctime, ino, dev, digest, ok


def stamp_of(raw: bytes) -> Stamp:
    try:
        raw.decode("utf-8-sig")
        decodable = b"\x00" not in raw[:_BINARY_PROBE]
    except UnicodeDecodeError:
        decodable = False
    return Stamp(hashlib.sha256(raw).digest(), len(raw), decodable)


class Stamps:
    """Digests by path; ``known`` are the records saved by the last scan at ``saved_ns``."""

    def __init__(self, root: Path, known: dict[str, Record] | None = None,
                 saved_ns: int = 0) -> None:
        self._base = f"{root}/"
        self._known = known or {}
        self._trusted_before = saved_ns - RACY_NS
        self.records: dict[str, Record] = {}
        self.changed = False
        self.listed: dict[str, os.stat_result] = {}  # stats taken by the listing, used once

    def stamp(self, path: str) -> Stamp | None:
        """The file's stamp, or None when it cannot be read (gone, a folder, refused)."""
        found = self.records.get(path) or self._check(path)
        return Stamp(found[5], found[0], found[6]) if found is not None else None

    def digest(self, path: str) -> bytes | None:
        found = self.records.get(path) or self._check(path)
        return found[5] if found is not None else None

    def _check(self, path: str) -> Record | None:
        """The record of a file not stamped yet by this scan: the saved one while its stat is
        unchanged (and not racy), else made by reading the file."""
        info = self.listed.pop(path, None)
        if info is None:
            try:
                info = os.stat(self._base + path)  # noqa: PTH116 - hot: str paths, no Path
            except OSError:
                return None
        known = self._known.get(path)
        if known is not None and known[0] == info.st_size and known[1] == info.st_mtime_ns \
                and known[2] == info.st_ctime_ns and known[3] == info.st_ino \
                and known[4] == info.st_dev and known[1] < self._trusted_before \
                and known[2] < self._trusted_before:
            self.records[path] = known
            return known
        try:
            with Path(self._base + path).open("rb") as handle:
                self.record(path, os.fstat(handle.fileno()), handle.read())
        except OSError:
            return None
        return self.records[path]

    def record(self, path: str, info: os.stat_result, raw: bytes) -> Stamp:
        """Remember the stamp of bytes just read (by the tree) with the ``fstat`` of their file."""
        stamp = stamp_of(raw)
        self.records[path] = (*_key(info), stamp.digest, stamp.decodable)
        self.changed = True  # new, changed or racy: saved again, so the next scan can trust it
        return stamp

    def kept(self, *, everything: bool) -> dict[str, Record]:
        """The records to save: those of this scan, and (``everything``) the earlier ones it
        did not touch, as long as they were trusted when saved (a racy one is dropped, or
        saving it at a later time would make it look trustworthy)."""
        if not everything:
            return dict(self.records)
        trusted = {p: r for p, r in self._known.items()
                   if max(r[1], r[2]) < self._trusted_before}
        return {**trusted, **self.records}


def _key(info: os.stat_result) -> tuple[int, int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
