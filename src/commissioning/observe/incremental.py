"""A rescan that redoes only what the changed files touch, when the last scan left a state.

``observe.memo`` finds which files the last snapshot read now parse differently. When the
venture has one profile that keeps a state (``profiles.base.IncrementalProfile``: Drizzle, see
``profiles.drizzle_delta``) and only its TypeScript files changed, :func:`rescan` hands it the
changed files' old and new facts and a view of every other file's facts that unpickles one
from the cache only when asked for. The profile answers with its new result or None, and
``FullScanNeeded`` — like a lost cache entry — means a full scan, never a guess; its reason is
in the scan's stats (``commission scan --verbose`` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, EvidenceSnapshot, Kind
from commissioning.observe.cached_tree import MISS, CachedSourceTree, Reads
from commissioning.observe.memo import Change
from commissioning.observe.merge import fold
from commissioning.observe.profiles import profile_by_name
from commissioning.observe.profiles.base import (
    FactsUnavailable,
    FullScanNeeded,
    IncrementalProfile,
    LazyFacts,
)
from commissioning.observe.typescript.facts import FileFacts

TYPESCRIPT = "typescript"


@dataclass(frozen=True, slots=True)
class ScanState:
    """The one profile's state, and the tree's notes of the scan that made it (which files it
    skipped): a rescan reads only the changed files, so it keeps those notes."""

    profile: str
    state: Any
    tree_notes: tuple[Diagnostic, ...]


def rescan(tree: CachedSourceTree, config: VentureConfig, kept: object, reads: Reads,
           changes: list[Change], previous: EvidenceSnapshot, *, venture: str,
           commit: str | None) -> tuple[EvidenceSnapshot, ScanState] | str:
    """The snapshot after ``changes``, and the state it leaves; else why only a full scan
    can tell."""
    if not isinstance(kept, ScanState):
        return "the last scan kept no state (more than one profile, or one that keeps none)"
    profile = profile_by_name(kept.profile)
    if not isinstance(profile, IncrementalProfile):
        return f"the {kept.profile} profile keeps no state"
    if any(c.read.parser.kind != TYPESCRIPT for c in changes):
        return "a file other than TypeScript changed"
    if any(c.before is MISS for c in changes):
        return "the cache lost a changed file's facts"
    keys = {path: key for index, path, _, key in reads.parses
            if reads.parsers[index].kind == TYPESCRIPT}
    old_facts = {c.read.path: c.before[0] for c in changes}
    new_facts = {c.read.path: c.after[0] for c in changes}
    notes = {c.read.path: tuple(c.after[1]) for c in changes}

    def load(path: str) -> FileFacts:
        found: Any = tree.cached_result(keys[path])
        if found is MISS:
            raise FactsUnavailable(path)
        facts: FileFacts = found[0]
        return facts

    try:
        result, state = profile.apply_changes(
            kept.state, tree, config, LazyFacts(keys, load, new_facts), old_facts, notes,
            [e for e in previous.evidence if e.kind is not Kind.IDEA])  # ideas: merge.fold's
    except FullScanNeeded as why:
        return str(why)
    snapshot = fold([profile], [result], config, (*kept.tree_notes, *tree.diagnostics()),
                    venture=venture, commit=commit)
    return snapshot, replace(kept, state=state)
