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

MEMO, DERIVED = "scan", "derived"
# more changed files than this: parse them all again, across the cores, rather than one by one
MAX_CHANGED = 256


@dataclass(frozen=True, slots=True)
class Memo:
    key: str
    reads: Reads
    snapshot: EvidenceSnapshot
    generation: int = 0  # which ``Derived`` state belongs to this snapshot


@dataclass(frozen=True, slots=True)
class Derived:
    """What an incremental rescan starts from (``observe.incremental``), kept apart from the
    memo so that a scan where nothing changed does not load it. It belongs to the memo of the
    same ``generation``: both are rewritten by every scan that computes a snapshot."""

    generation: int
    state: object


@dataclass(frozen=True, slots=True)
class Change:
    """A file the memo's snapshot read that parses differently now: as recorded, and now."""

    read: ParseRead
    before: Any  # the recorded parse result (``MISS`` if the cache lost it)
    after: Any


Run = Callable[[], tuple[EvidenceSnapshot, object | None]]
Delta = Callable[[object, Reads, list[Change], EvidenceSnapshot],
                 tuple[EvidenceSnapshot, object] | str]


def memo_key(config: VentureConfig, venture: str, tree: CachedSourceTree) -> str:
    """What, besides the files, the snapshot depends on: settings as parsed (not only the
    file's text: a caller may change them), the venture's name and how the tree lists."""
    parts = [scan_version(), config.model_dump_json(), config.config_hash,
             repr(sorted(config.idea_lines.items())), venture, repr(tree.exclude),
             str(tree.max_file_bytes), str(tree.use_git)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a scan got its snapshot: from the memo, by a ``delta`` (incremental), or whole
    (``full``: why, when a delta was tried or could not be)."""

    memoised: bool = False
    incremental: bool = False
    full: str = ""


def observe_memoised(tree: CachedSourceTree, key: str, run: Run,
                     delta: Delta | None = None) -> tuple[EvidenceSnapshot, Outcome]:
    """The snapshot, and how it was made. When files the memo's snapshot read parse
    differently now, ``delta`` may give the new snapshot from the derived state of the last
    scan (or say why it cannot: then ``run`` gives it)."""
    store = tree.store
    if store is None:
        snapshot = run()[0]
        tree.finish(full=True)
        return snapshot, Outcome(full="no cache")
    memo = store.read(MEMO, scan_version())
    generation, why = 0, "no earlier scan with these settings and code"
    if isinstance(memo, Memo) and memo.key == key:
        generation = memo.generation + 1
        checked = compare(tree, memo.reads)
        if isinstance(checked, str):
            why = checked
        elif not checked[1]:
            if checked[0] != memo.reads:
                store.write(MEMO, scan_version(), replace(memo, reads=checked[0]))
            tree.finish(full=False)
            return memo.snapshot, Outcome(memoised=True)
        elif delta is not None:
            derived = store.read(DERIVED, scan_version())
            why = "the last scan's state is gone"
            if isinstance(derived, Derived) and derived.generation == memo.generation:
                done = delta(derived.state, checked[0], checked[1], memo.snapshot)
                if not isinstance(done, str):
                    _save(tree, Memo(key, checked[0], done[0], generation), done[1])
                    tree.finish(full=False)
                    return done[0], Outcome(incremental=True)
                why = done
    tree.start_recording()
    snapshot, state = run()
    _save(tree, Memo(key, tree.stop_recording(), snapshot, generation), state)
    tree.finish(full=True)
    return snapshot, Outcome(full=why)


def _save(tree: CachedSourceTree, memo: Memo, state: object | None) -> None:
    """The memo, then its derived state: a scan cut between the two leaves a state of another
    generation, which is never used."""
    assert tree.store is not None
    tree.store.write(MEMO, scan_version(), memo)
    tree.store.write(DERIVED, scan_version(), Derived(memo.generation, state))


def compare(tree: CachedSourceTree, reads: Reads) -> tuple[Reads, list[Change]] | str:
    """The record brought up to date, and the files that parse differently now; else why
    the snapshot must be made whole: the listing or a text read whole changed, too many
    files changed, or a changed file cannot be parsed."""
    if tree.listing_digest() != reads.listing:
        return "files were added, removed or renamed"
    changed = next((path for path, digest in reads.texts
                    if tree.stamp_digest(path) != digest), None)
    if changed is not None:
        return f"{changed} changed (read whole, as configuration or SQL)"
    moved = [(i, tree.stamp_digest(row[1])) for i, row in enumerate(reads.parses)]
    moved = [(i, digest) for i, digest in moved if digest != reads.parses[i][2]]
    if len(moved) > MAX_CHANGED:
        return f"{len(moved)} files changed: parsing them across the cores is faster"
    rows = list(reads.parses)
    changes: list[Change] = []
    for i, digest in moved:
        index, path, recorded, key = reads.parses[i]
        parser = reads.parsers[index]
        if digest is None or not tree.decodable(path):
            return f"{path} no longer reads as text"
        new = list(tree.parse_many(parser, [path], lambda: None))
        if len(new) != 1:
            return f"{path} no longer reads as text"
        rows[i] = (index, path, digest, parser.key(path, digest))
        old: Any = tree.cached_result(key)
        tree.replace(key)
        if old is MISS or new[0][1] != old:
            changes.append(Change(ParseRead(parser, path, recorded, key), old, new[0][1]))
    return replace(reads, parses=tuple(rows)), changes
