"""Run the venture's stack profiles over its tree and fold what they saw into one snapshot.

This is where observation ends: the result is an immutable :class:`EvidenceSnapshot`. Profiles
only read; the scanner only merges, adds the ideas named in ``commissioning.toml``, and reports
conflicts (two profiles claiming one table) as diagnostics instead of picking silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from commissioning.config import CONFIG_FILE, VentureConfig
from commissioning.errors import PathNotFoundError, UserInputError
from commissioning.evidence import (
    Diagnostic,
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Severity,
    TableInfo,
    TableKey,
)
from commissioning.evidence.drift import Drift
from commissioning.observe.cache import CacheDir
from commissioning.observe.cached_tree import CachedSourceTree
from commissioning.observe.git import head_commit
from commissioning.observe.live.base import LiveObserver, StaticView
from commissioning.observe.memo import memo_key, observe_memoised
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import Profile, ProfileResult
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
    (``observe.memo``); the same snapshot, id included, as a scan without any cache."""
    venture, commit = venture_name(root, config), head_commit(root)
    snapshot, memoised = observe_memoised(
        tree, memo_key(config, venture, tree),
        lambda: observe_tree(tree, config, venture=venture, commit=commit, progress=progress))
    if snapshot.inputs.commit != commit:  # metadata, kept out of the id
        snapshot = replace(snapshot, inputs=replace(snapshot.inputs, commit=commit))
    return snapshot, ScanStats(parsed=tree.parsed, reused=tree.reused, memoised=memoised)


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
    tables, conflicts = _merge_tables(profiles, results)
    idea_tables, idea_evidence = _ideas(config, tables)
    components = sorted({c for r in results for c in r.components} | {p.name for p in profiles})
    detectors = [d for r in results for d in r.detectors] + [(p.name, p.version) for p in profiles]
    return EvidenceSnapshot.build(
        venture=venture,
        inputs=ScanInputs(config_hash=config.config_hash, detectors=tuple(detectors),
                          profiles=tuple(components), commit=commit),
        tables=[*tables.values(), *idea_tables],
        evidence=[e for r in results for e in r.evidence] + idea_evidence,
        unknowns=[u for r in results for u in r.unknowns],
        diagnostics=[d for r in results for d in r.diagnostics] + conflicts
        + list(tree.diagnostics()),
    )


def _merge_tables(
    profiles: Sequence[Profile], results: Sequence[ProfileResult]
) -> tuple[dict[TableKey, TableInfo], list[Diagnostic]]:
    tables: dict[TableKey, TableInfo] = {}
    conflicts: list[Diagnostic] = []
    ordered = sorted(zip(profiles, results, strict=True), key=lambda pr: pr[0].name)
    for profile, result in ordered:
        for table in sorted(result.tables, key=TableInfo.sort_key):
            first = tables.get(table.key)
            if first is None:
                tables[table.key] = table
            elif first.profile != table.profile:
                conflicts.append(Diagnostic(
                    Severity.WARNING, "table-claimed-twice",
                    f"table {table.key} is defined by both the '{first.profile}' and the "
                    f"'{profile.name}' profile; its evidence from both is kept, listed under "
                    f"'{first.profile}'"))
    return tables, conflicts


def _ideas(
    config: VentureConfig, defined: dict[TableKey, TableInfo]
) -> tuple[list[TableInfo], list[Evidence]]:
    tables: list[TableInfo] = []
    evidence: list[Evidence] = []
    for idea in config.ideas:
        key = TableKey(idea.schema_, idea.name)
        evidence.append(Evidence(key, Kind.IDEA, "config.idea", path=CONFIG_FILE,
                                 line=config.idea_lines.get(idea.name), observed=idea.note))
        if key not in defined:
            tables.append(TableInfo(key, profile="idea"))
    return tables, evidence


# -- the post-static stage: live sources (the venture's database, its test reports) ---------------


@dataclass(frozen=True, slots=True)
class ScanStats:
    """How the scan got its facts: files parsed, files whose facts the cache held, and
    whether the whole static snapshot came from the memo."""

    parsed: int = 0
    reused: int = 0
    memoised: bool = False


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
    with scan_tree(root, config, cache=cache, workers=workers, save_cache=save_cache) as tree:
        static, stats = observe_static(tree, root, config, progress)
        observation = add_live(static, tree, live)
        notes = tree.scan_notes()
    return replace(observation, notes=notes, stats=stats)


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
