"""A venture's tree for one scan: cached facts, parallel parsing, and a record of what was read.

``CachedSourceTree`` is the disk tree every profile already reads through, plus three things:

* **Facts by content.** ``parse_many`` (what ``parsers.parse_files`` calls) looks each file's
  parse result up by its key (content digest, path, parser, options, code version: see
  ``observe.parsers``) among the entries the last scan left in the ``facts`` pack; only misses
  are parsed. Keys of misses are made from the bytes actually read, so a file that changes
  while it is scanned can never store one content's facts under another's digest.
* **Parallel parsing.** Misses go to ``observe.parallel``; results are yielded in path order.
* **A record of reads.** While recording, every text read and every parse is noted with the
  digest it saw; ``observe.memo`` keeps that record beside the scan's snapshot, and reuses the
  snapshot while every recorded input is unchanged.

At the end of a full scan the ``facts`` pack is rewritten with the entries that scan used and
nothing else, so a deleted or edited file's old entry goes with it.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard, TypeVar

from commissioning.evidence import Diagnostic, Severity
from commissioning.observe.cache import CacheDir, dumps, loads
from commissioning.observe.parallel import ParsePool
from commissioning.observe.parsers import FileParser, Tick
from commissioning.observe.source_tree import DiskSourceTree
from commissioning.observe.stamps import Record, Stamps

R = TypeVar("R")
FACTS, STAMPS = "facts", "stamps"
FACTS_VERSION, STAMPS_VERSION = "facts-2", "stamps-1"  # keys carry the parsers' code versions
# the facts are kept in shards by their key's first byte: a rescan that needs a few files'
# facts reads (and rewrites) a few shards, not every file's
SHARDS = 16


def shard_of(key: bytes) -> int:
    return key[0] * SHARDS // 256


def shard_name(shard: int) -> str:
    return f"{FACTS}-{shard:x}"
MISS = object()  # what a lookup gives when nothing (sound) is cached


@dataclass(frozen=True, slots=True)
class ParseRead:
    """A parse the scan depended on: which parser read which content (``key``: its entry)."""

    parser: FileParser[Any]
    path: str
    digest: bytes
    key: bytes


@dataclass(frozen=True, slots=True)
class Reads:
    """Everything a scan read: the listing, texts (digest or None: unreadable) and parses.

    Parses are kept as plain tuples (parser index, path, digest, key) beside a table of the
    parsers: tens of thousands of them load several times faster than as dataclasses.
    """

    listing: bytes
    texts: tuple[tuple[str, bytes | None], ...]
    parsers: tuple[FileParser[Any], ...]
    parses: tuple[tuple[int, str, bytes, bytes], ...]

    @classmethod
    def of(cls, listing: bytes, texts: Iterable[tuple[str, bytes | None]],
           parses: Iterable[ParseRead]) -> Reads:
        index: dict[FileParser[Any], int] = {}
        rows = [(index.setdefault(r.parser, len(index)), r.path, r.digest, r.key)
                for r in parses]
        return cls(listing, tuple(texts), tuple(index), tuple(rows))

    def each_parse(self) -> Iterator[ParseRead]:
        for parser, path, digest, key in self.parses:
            yield ParseRead(self.parsers[parser], path, digest, key)


@dataclass
class CachedSourceTree(DiskSourceTree):
    store: CacheDir | None = None  # None: no cache, parallel parsing only
    workers: int | None = None
    _stamps: Stamps = field(init=False, repr=False)
    _pool: ParsePool = field(init=False, repr=False)
    _shards: dict[int, dict[bytes, bytes]] = field(default_factory=dict, init=False,
                                                   repr=False)
    _has_facts: bool = field(default=False, init=False, repr=False)
    _fresh: dict[bytes, bytes] = field(default_factory=dict, init=False, repr=False)
    _replaced: set[bytes] = field(default_factory=set, init=False, repr=False)
    parsed: int = field(default=0, init=False)  # files parsed by this scan
    reused: int = field(default=0, init=False)  # files whose facts came from the cache
    _listing_notes: tuple[Diagnostic, ...] = field(default=(), init=False, repr=False)
    _texts_read: dict[str, bytes | None] | None = field(default=None, init=False, repr=False)
    _parses: dict[tuple[FileParser[Any], str], ParseRead] | None = field(
        default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.store is not None:  # git lists while the cache is read
            self.start_listing()
            self._has_facts = any((self.store.path / f"{shard_name(i)}.pack").exists()
                                  for i in range(SHARDS))
        known = self.store.read(STAMPS, STAMPS_VERSION) if self.store is not None else None
        saved, records = known if _is_stamps(known) else (0, dict[str, Record]())
        self._stamps = Stamps(self.root, records, saved)
        self._pool = ParsePool(self.workers)

    # -- listing and reading ------------------------------------------------------------------

    def files(self) -> tuple[str, ...]:
        if self._files is None:
            before = len(self._notes)
            listed = super().files()
            self._listing_notes = tuple(self._notes[before:])
            self._stamps.listed = self._listed_stats
            if not self._has_facts:
                self._pool.prepare(len(listed))  # a cold scan: warm the workers up meanwhile
        return super().files()

    def _read(self, path: str) -> bytes:
        with (self.root / path).open("rb") as handle:
            raw = handle.read()
            if self.store is not None:
                self._stamps.record(path, os.fstat(handle.fileno()), raw)
        return raw

    def text(self, path: str) -> str | None:
        result = super().text(path)
        if self._texts_read is not None:
            self._texts_read[path] = self._read_digest(path)
        return result

    def _read_digest(self, path: str) -> bytes | None:
        record = self._stamps.records.get(path)
        return record[5] if record is not None else None

    # -- parsing ------------------------------------------------------------------------------

    def parse_many(self, parser: FileParser[R], paths: Sequence[str],
                   tick: Tick) -> Iterator[tuple[str, R]]:
        """``(path, result)`` in path order for every path that reads as text."""
        results: dict[str, R] = {}
        misses: list[str] = []
        for path in paths:
            found = self._cached(parser, path)
            if found is MISS:
                misses.append(path)
            else:
                results[path] = found
                tick()
        keys: dict[str, bytes] = {}

        def read(path: str) -> str | None:
            text = DiskSourceTree.text(self, path)  # notes why a file is skipped
            self.forget(path)
            digest = self._read_digest(path)
            if text is not None and digest is not None and self.store is not None:
                keys[path] = parser.key(path, digest)
                self._note_parse(ParseRead(parser, path, digest, keys[path]))
            elif self._texts_read is not None:
                self._texts_read[path] = digest
            return text

        for path, result, blob in self._pool.parse(parser, misses, read):
            tick()
            if result is None:
                continue
            self.parsed += 1
            results[path] = result
            if path in keys:
                self._fresh[keys[path]] = blob if blob is not None else dumps(result)
        return ((path, results[path]) for path in paths if path in results)

    def _cached(self, parser: FileParser[R], path: str) -> Any:
        if not self._has_facts and not self._fresh:
            return MISS  # a cold scan: do not hash what is about to be read anyway
        stamp = self._stamps.stamp(path)
        if stamp is None or not stamp.decodable or stamp.size > self.max_file_bytes:
            return MISS
        key = parser.key(path, stamp.digest)
        blob = self._fresh.get(key) or self._entries(shard_of(key)).get(key)
        if blob is None:
            return MISS
        try:
            value = loads(blob)
        except Exception:  # the pack's checksum held, yet an entry does not decode: parse it
            return MISS
        self._fresh[key] = blob
        self._note_parse(ParseRead(parser, path, stamp.digest, key))
        self.reused += 1
        return value

    def _entries(self, shard: int) -> dict[bytes, bytes]:
        found = self._shards.get(shard)
        if found is None:
            read = self.store.read(shard_name(shard), FACTS_VERSION) \
                if self.store is not None and self._has_facts else None
            found = self._shards[shard] = read if _is_entries(read) else {}
        return found

    def cached_result(self, key: bytes) -> Any:
        """The result stored under ``key`` by an earlier scan (``MISS`` when absent)."""
        blob = self._fresh.get(key) or self._entries(shard_of(key)).get(key)
        if blob is None:
            return MISS
        try:
            return loads(blob)
        except Exception:
            return MISS

    def replace(self, key: bytes) -> None:
        """The entry ``key`` belongs to a content its file no longer has: not kept."""
        self._replaced.add(key)

    def stamp_digest(self, path: str) -> bytes | None:
        return self._stamps.digest(path)

    def decodable(self, path: str) -> bool:
        stamp = self._stamps.stamp(path)
        return stamp is not None and stamp.decodable and stamp.size <= self.max_file_bytes

    # -- recording ----------------------------------------------------------------------------

    def start_recording(self) -> None:
        self._texts_read = {}
        self._parses = {}

    def stop_recording(self) -> Reads:
        texts, parses = self._texts_read or {}, self._parses or {}
        self._texts_read = self._parses = None
        return Reads.of(self.listing_digest(), sorted(texts.items()),
                        (parses[k] for k in sorted(parses, key=lambda k: (k[1], repr(k[0])))))

    def listing_digest(self) -> bytes:
        files = self.files()
        digest = hashlib.sha256("\0".join(files).encode("utf-8"))
        for note in sorted(self._listing_notes, key=repr):
            digest.update(repr(note).encode("utf-8"))
        return digest.digest()

    def _note_parse(self, read: ParseRead) -> None:
        if self._parses is not None:
            self._parses[(read.parser, read.path)] = read

    # -- the end of a scan ----------------------------------------------------------------------

    def finish(self, *, full: bool) -> None:
        """Save what changed: after a ``full`` scan, exactly the entries it used; else (the
        memo held, or an incremental rescan) the old entries, less those of files that
        changed since (``replace``), plus any parsed since."""
        self._pool.close()
        if self.store is None:
            return
        if full:
            self.store.remove(FACTS)  # one pack for every file, as versions before 0.2 kept
        # a memo that held without parsing leaves the facts as they are
        fresh: list[dict[bytes, bytes]] = [{} for _ in range(SHARDS)]
        for key, blob in self._fresh.items():
            fresh[shard_of(key)][key] = blob
        gone = {shard_of(key) for key in self._replaced}
        for shard in range(SHARDS):
            if full:
                if fresh[shard].keys() != self._entries(shard).keys():
                    self.store.write(shard_name(shard), FACTS_VERSION, fresh[shard])
            elif fresh[shard] or shard in gone:
                entries = self._entries(shard)
                kept = {k: v for k, v in entries.items() if k not in self._replaced}
                if {**kept, **fresh[shard]}.keys() != entries.keys():
                    self.store.write(shard_name(shard), FACTS_VERSION,
                                     {**kept, **fresh[shard]})
        if self._stamps.changed:
            self.store.write(STAMPS, STAMPS_VERSION,
                             (time.time_ns(), self._stamps.kept(everything=not full)))

    def close(self) -> None:
        self._pool.close()
        self.stop_listing()

    def scan_notes(self) -> tuple[Diagnostic, ...]:
        """Notes about the scan itself: the cache rebuilt or not writable, parsing that fell
        back to one process. Never part of the snapshot."""
        notes = list(self.store.notes) if self.store is not None else []
        if self._pool.broken:
            notes.append(Diagnostic(Severity.INFO, "parallel-parsing-off", self._pool.broken))
        return tuple(notes)


def _is_stamps(value: object) -> TypeGuard[tuple[int, dict[str, Record]]]:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int) \
        and isinstance(value[1], dict)


def _is_entries(value: object) -> TypeGuard[dict[bytes, bytes]]:
    return isinstance(value, dict)

