"""The whole-scan memo: the last snapshot, reused while nothing it was built from has changed.

A scan's snapshot is a pure function of the file list, the files its profiles read or parsed,
the configuration and the code. ``CachedSourceTree`` records the first two while a scan runs;
the memo keeps that record beside the snapshot. The next scan with the same configuration and
code checks the record (the listing, then each file's digest by ``stat``, see
``observe.stamps``) and, when all holds, returns the snapshot without parsing or walking
anything: an unchanged venture of 20,000 files rescans in the time it takes to list and stat
them. A file that changed but parses to the same facts (an edited comment, a string in JSX)
still holds: its parse result is compared with the one recorded. Profiles read only through the
tree (``profiles.base``), which is what makes the record complete.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from commissioning.config import VentureConfig
from commissioning.evidence import EvidenceSnapshot
from commissioning.observe.cached_tree import MISS, CachedSourceTree, ParseRead, Reads
from commissioning.observe.parsers import scan_version

MEMO = "scan"


@dataclass(frozen=True, slots=True)
class Memo:
    key: str
    reads: Reads
    snapshot: EvidenceSnapshot


def memo_key(config: VentureConfig, venture: str, tree: CachedSourceTree) -> str:
    """What, besides the files, the snapshot depends on: settings as parsed (not only the
    file's text: a caller may change them), the venture's name and how the tree lists."""
    parts = [scan_version(), config.model_dump_json(), config.config_hash,
             repr(sorted(config.idea_lines.items())), venture, repr(tree.exclude),
             str(tree.max_file_bytes), str(tree.use_git)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def observe_memoised(tree: CachedSourceTree, key: str,
                     run: Callable[[], EvidenceSnapshot]) -> tuple[EvidenceSnapshot, bool]:
    """The snapshot, and whether it came from the memo (``run`` was not needed)."""
    store = tree.store
    if store is None:
        snapshot = run()
        tree.finish(full=True)
        return snapshot, False
    memo = store.read(MEMO, scan_version())
    if isinstance(memo, Memo) and memo.key == key:
        reads = still_holds(tree, memo.reads)
        if reads is not None:
            if reads != memo.reads:
                store.write(MEMO, scan_version(), replace(memo, reads=reads))
            tree.finish(full=False)
            return memo.snapshot, True
    tree.start_recording()
    snapshot = run()
    store.write(MEMO, scan_version(), Memo(key, tree.stop_recording(), snapshot))
    tree.finish(full=True)
    return snapshot, False


def still_holds(tree: CachedSourceTree, reads: Reads) -> Reads | None:
    """The record, brought up to date, when every input it names is unchanged (or parses to
    the same result); None at the first input that is not."""
    if tree.listing_digest() != reads.listing:
        return None
    if any(tree.stamp_digest(path) != digest for path, digest in reads.texts):
        return None
    rows = list(reads.parses)
    for i, (index, path, recorded, key) in enumerate(reads.parses):
        digest = tree.stamp_digest(path)
        if digest != recorded:
            parser = reads.parsers[index]
            if digest is None or not _same_result(tree, ParseRead(parser, path, recorded, key)):
                return None
            rows[i] = (index, path, digest, parser.key(path, digest))
    return replace(reads, parses=tuple(rows))


def _same_result(tree: CachedSourceTree, read: ParseRead) -> bool:
    if not tree.decodable(read.path):
        return False
    old: Any = tree.cached_result(read.key)
    if old is MISS:
        return False
    new = list(tree.parse_many(read.parser, [read.path], lambda: None))
    return len(new) == 1 and bool(new[0][1] == old)
