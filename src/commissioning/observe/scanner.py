"""Run the venture's stack profiles over its tree and fold what they saw into one snapshot.

This is where observation ends: the result is an immutable :class:`EvidenceSnapshot`. Profiles
only read; the scanner only merges, adds the ideas named in ``commissioning.toml``, and reports
conflicts (two profiles claiming one table) as diagnostics instead of picking silently.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from commissioning.config import VentureConfig
from commissioning.errors import PathNotFoundError, UserInputError
from commissioning.evidence import (
    Diagnostic,
    EvidenceSnapshot,
)
from commissioning.evidence.drift import Drift
from commissioning.observe.cache import CacheDir
from commissioning.observe.cached_tree import CachedSourceTree
from commissioning.observe.git import head_commit
from commissioning.observe.incremental import ScanState, rescan
from commissioning.observe.live.base import LiveObserver, StaticView
from commissioning.observe.memo import memo_key, observe_memoised
from commissioning.observe.merge import fold
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import IncrementalProfile, Profile
from commissioning.observe.source_tree import DiskSourceTree, SourceTree

Progress = Callable[[int, int], None]


def check_root(root: Path) -> None:
    """A venture root must be an existing directory; say so plainly otherwise."""
    if not root.exists():
        raise PathNotFoundError(f"no such venture path: {root}",
                                hint="pass the folder that holds the venture's code")
    if not root.is_dir():
        raise UserInputError(f"not a directory: {root}",
                             hint="pass the venture's root folder, not a file")


def open_tree(root: Path, config: VentureConfig) -> DiskSourceTree:
    check_root(root)
    return DiskSourceTree(root, exclude=tuple(config.scan.exclude),
                          max_file_bytes=config.scan.max_file_bytes)


def venture_name(root: Path, config: VentureConfig) -> str:
    return config.venture.name or root.resolve().name


def select_profiles(tree: SourceTree, config: VentureConfig) -> tuple[Profile, ...]:
    if config.venture.profiles:
        return tuple(profile_by_name(name) for name in config.venture.profiles)
    return tuple(p for p in PROFILES if p.detect(tree))


def observe_venture(
    root: Path, config: VentureConfig, *, progress: Progress | None = None,
    cache: bool = False, workers: int | None = None,
) -> EvidenceSnapshot:
    """The static scan of a venture on disk (see :func:`observe_venture_live`)."""
    return observe_venture_live(root, config, progress=progress, cache=cache,
                                workers=workers).snapshot


@contextmanager
def scan_tree(root: Path, config: VentureConfig, *, cache: bool, workers: int | None,
              save_cache: bool = True) -> Iterator[CachedSourceTree]:
    """The venture's tree for one scan: parsing in parallel, and (``cache``) the cache under
    ``.commissioning/cache/`` (``observe.cached_tree``), written unless ``save_cache`` is
    False; its worker processes end with it."""
    check_root(root)
    tree = CachedSourceTree(root, exclude=tuple(config.scan.exclude),
                            max_file_bytes=config.scan.max_file_bytes,
                            store=CacheDir(root, write=save_cache) if cache else None,
                            workers=workers)
    try:
        yield tree
    finally:
        tree.close()


def observe_static(tree: CachedSourceTree, root: Path, config: VentureConfig,
                   progress: Progress | None = None) -> tuple[EvidenceSnapshot, ScanStats]:
    """The static snapshot, from the memo when nothing it was built from changed
    (``observe.memo``), else by redoing what changed (``observe.incremental``) or the whole
    scan; the same snapshot, id included, as a scan without any cache."""
    venture, commit = venture_name(root, config), head_commit(root)
    snapshot, outcome = observe_memoised(
        tree, memo_key(config, venture, tree),
        lambda: observe_with_state(tree, config, venture=venture, commit=commit,
                                   progress=progress),
        lambda state, reads, changes, previous: rescan(
            tree, config, state, reads, changes, previous, venture=venture, commit=commit))
    if snapshot.inputs.commit != commit:  # metadata, kept out of the id
        snapshot = replace(snapshot, inputs=replace(snapshot.inputs, commit=commit))
    return snapshot, ScanStats(parsed=tree.parsed, reused=tree.reused,
                               memoised=outcome.memoised, incremental=outcome.incremental,
                               full=outcome.full)


def observe_tree(
    tree: SourceTree,
    config: VentureConfig,
    *,
    venture: str,
    commit: str | None = None,
    progress: Progress | None = None,
) -> EvidenceSnapshot:
    profiles = select_profiles(tree, config)
    results = [p.observe(tree, config, progress) for p in profiles]
    return fold(profiles, results, config, tree.diagnostics(), venture=venture, commit=commit)


def observe_with_state(
    tree: SourceTree, config: VentureConfig, *, venture: str, commit: str | None = None,
    progress: Progress | None = None,
) -> tuple[EvidenceSnapshot, ScanState | None]:
    """``observe_tree``, and the state a later scan can redo changed files from, when the
    venture has one profile and it keeps one (``IncrementalProfile``)."""
    profiles = select_profiles(tree, config)
    if len(profiles) != 1 or not isinstance(profiles[0], IncrementalProfile):
        return observe_tree(tree, config, venture=venture, commit=commit,
                            progress=progress), None
    profile = profiles[0]
    result, kept = profile.observe_with_state(tree, config, progress)
    notes = tree.diagnostics()
    snapshot = fold(profiles, [result], config, notes, venture=venture, commit=commit)
    return snapshot, ScanState(profile.name, kept, notes)


# -- the post-static stage: live sources (the venture's database, its test reports) ---------------


@dataclass(frozen=True, slots=True)
class ScanStats:
    """How the scan got its facts: files parsed, files whose facts the cache held, and
    whether the whole static snapshot came from the memo, or from redoing what changed."""

    parsed: int = 0
    reused: int = 0
    memoised: bool = False
    incremental: bool = False  # only what the changed files touch was redone
    full: str = ""  # why the whole scan ran (when it did)


@dataclass(frozen=True, slots=True)
class Observation:
    """A snapshot with its live stage done, and the drift the database showed (if one was read).

    ``notes`` are about the scan itself, not the venture (the cache was rebuilt or could not be
    written): kept out of the snapshot, so its id is the same with the cache and without.
    """

    snapshot: EvidenceSnapshot
    drift: Drift | None = None
    notes: tuple[Diagnostic, ...] = ()
    stats: ScanStats | None = None


def observe_venture_live(
    root: Path,
    config: VentureConfig,
    *,
    live: Sequence[LiveObserver] = (),
    progress: Progress | None = None,
    cache: bool = False,
    save_cache: bool = True,
    workers: int | None = None,
) -> Observation:
    """The static scan, then every live observer over its result (see :func:`add_live`).

    ``cache`` reads ``.commissioning/cache/`` and (``save_cache``) writes it; ``workers`` caps
    the parsing processes (default: one per core; 1 parses in this process).
    """
    with scan_tree(root, config, cache=cache, workers=workers, save_cache=save_cache) as tree, \
            _rare_collections():
        static, stats = observe_static(tree, root, config, progress)
        observation = add_live(static, tree, live)
        notes = tree.scan_notes()
    return replace(observation, notes=notes, stats=stats)


@contextmanager
def _rare_collections() -> Iterator[None]:
    """A scan makes millions of objects (facts, graph nodes, evidence) and almost no reference
    cycles, so the cyclic collector's default pace (a collection every 700 allocations, a full
    one now and then over every object) cost 1.4-2.5 s of a 6-10 s cold scan of 20,000 files.
    Collections stay on, 70 times rarer, for the scan only."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def add_live(snapshot: EvidenceSnapshot, tree: SourceTree,
             observers: Sequence[LiveObserver]) -> Observation:
    """Run the live observers over the static snapshot and merge what they add into one.

    Each observer sees the static tables and evidence only (never another observer's), so the
    result is independent of their order. Static evidence an observer overrules is replaced by
    the ``holds=False`` copy it returned. Live facts (row counts, test results) are inputs like
    files: the id stays a pure function of what was observed.
    """
    if not observers:
        return Observation(snapshot)
    view = StaticView(snapshot.tables, snapshot.evidence)
    results = [observer.observe(tree, view) for observer in observers]
    overruled = {item for r in results for item in r.overrules}
    merged = EvidenceSnapshot.build(
        venture=snapshot.venture,
        inputs=replace(snapshot.inputs, detectors=snapshot.inputs.detectors
                       + tuple(d for r in results for d in r.detectors)),
        tables=snapshot.tables,
        evidence=[e for e in snapshot.evidence if e not in overruled]
        + [e for r in results for e in r.evidence],
        unknowns=[*snapshot.unknowns, *(u for r in results for u in r.unknowns)],
        diagnostics=[*snapshot.diagnostics, *(d for r in results for d in r.diagnostics),
                     *tree.diagnostics()],
    )
    drift = next((r.drift for r in results if r.drift is not None), None)
    return Observation(merged, drift)
