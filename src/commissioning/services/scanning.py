"""Scanning services: observe, assess, store, and read back the status document."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from commissioning.assess import Assessment, assess
from commissioning.config import STORE_DIR, load_settings, load_venture_config
from commissioning.errors import (
    CommissioningError,
    NoScanError,
    ScanError,
    UnknownTableError,
    UserInputError,
)
from commissioning.evidence import Diagnostic, EvidenceSnapshot
from commissioning.machines import Machine, builtin_machine
from commissioning.observe.scanner import (
    ScanStats,
    check_root,
    observe_venture_live,
    venture_name,
)
from commissioning.report import StatusInputs, VentureInfo, build_status_document
from commissioning.services.attested import read_active, with_attestations
from commissioning.services.capabilities import prepare_capabilities
from commissioning.services.governance import stored_waivers, with_waivers
from commissioning.services.live import live_observers
from commissioning.services.tasks import delivery_for, prepare_scan_tasks
from commissioning.store import SavedScan, Store, open_store, store_exists

Document = dict[str, Any]
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    document: Document
    snapshot: EvidenceSnapshot
    assessment: Assessment
    saved: SavedScan | None
    notes: tuple[Diagnostic, ...] = ()  # about the scan itself (its cache), not the venture
    stats: ScanStats | None = None  # how the static snapshot was made (memo, incremental, full)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer of ``verify``: does the evidence of rung ``n`` hold for the table?"""

    table: str
    n: int
    kind: str
    holds: bool
    state: int
    outcome: str
    evidence: tuple[dict[str, Any], ...]
    reason: str


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def store_url(root: Path, db: str | None) -> str:
    """``--db`` flag, else ``COMMISSIONING_DB``, else SQLite inside the venture."""
    url = db or load_settings().db
    if url:
        return url
    return f"sqlite:///{(root.resolve() / STORE_DIR / 'commissioning.db').as_posix()}"


def table_machine() -> Machine:
    return builtin_machine("table")


def scan(
    path: Path,
    *,
    db: str | None = None,
    store: bool = True,
    progress: Progress | None = None,
    venture_db: str | None = None,
    reports: Sequence[Path] = (),
    cache: bool = True,
) -> ScanOutcome:
    """Observe, assess, build the status document and (unless told not to) store it whole.

    ``venture_db`` and ``reports`` add live evidence (services/live.py says how they combine
    with ``commissioning.toml``); a database that does not answer makes its kinds unknown.
    ``cache`` reuses what the last scan parsed (``.commissioning/cache/``): the same snapshot,
    sooner; ``cache=False`` reads and writes no cache. A scan that stores nothing writes
    nothing in the venture either, not even the cache (``commission eval`` relies on it); it
    still reads a cache that is there.
    """
    check_root(path)
    config = load_venture_config(path)
    scanned_at = now_utc()
    observers = live_observers(path, config, venture_db=venture_db, reports=reports)
    try:
        observation = observe_venture_live(path, config, live=observers, progress=progress,
                                           cache=cache, save_cache=store)
        snapshot = observation.snapshot
    except CommissioningError:
        raise
    except Exception as exc:  # a detector crashed: say so, store nothing
        raise ScanError(
            f"the scan of {path} failed: {type(exc).__name__}: {exc}; nothing was stored",
            hint="this is a bug in a detector; please report it with this trace:\n"
            + "".join(traceback.format_exception(exc)[-3:]),
        ) from exc
    url = store_url(path, db)
    # One store for the whole scan: read what people decided (attestations, waivers, tasks,
    # capabilities), then write the scan and the task changes it makes in one transaction.
    # A --no-store scan of a venture without a store never creates one.
    with _scan_store(url, write=store) as opened:
        # Evidence people and agents attested (POST /api/attestations) counts from this scan.
        snapshot = with_attestations(snapshot, read_active(opened, snapshot.venture))
        machine = table_machine()
        # Executed waiver proposals count as present, noted in the snapshot; an expired one
        # stops counting on `today` (services/governance.py).
        today = datetime.fromisoformat(scanned_at).date()
        waivers = stored_waivers(opened, snapshot.venture)
        snapshot = with_waivers(snapshot, waivers, today)
        assessment = assess(snapshot, machine, waivers, today=today)
        venture = VentureInfo(
            name=venture_name(path, config),
            root=str(path),
            profiles=snapshot.inputs.profiles,
        )
        # Every actionable gap becomes a task (services/tasks.py), planned now so the document
        # carries each task and the route rate; capabilities (L0-L4) likewise.
        tasks = prepare_scan_tasks(path, config, venture, assessment, store=opened)
        capabilities = prepare_capabilities(path, config, venture, store=opened, today=today,
                                            reports=reports)
        document = build_status_document(StatusInputs(
            venture=venture, snapshot=snapshot, assessment=assessment, machine=machine,
            scanned_at=scanned_at, drift=observation.drift, tasks=tasks.refs,
            unrouted=tasks.unrouted, capabilities=capabilities.rows,
        ))
        saved = None
        if store and opened is not None:
            delivery = delivery_for(config)
            saved = opened.record_scan(
                venture, snapshot, assessment, document, datetime.fromisoformat(scanned_at),
                task_plans=[(tasks.reconciliation, delivery),
                            (capabilities.reconciliation, delivery)])
    return ScanOutcome(document=document, snapshot=snapshot, assessment=assessment, saved=saved,
                       notes=observation.notes, stats=observation.stats)


@contextmanager
def _scan_store(url: str, *, write: bool) -> Iterator[Store | None]:
    """The store a scan reads and writes, opened once; None when only reading and there is
    none yet."""
    if not write and not store_exists(url):
        yield None
        return
    with open_store(url) as opened:
        yield opened


def latest_status(path: Path, *, db: str | None = None) -> Document:
    """The last stored status document, without rescanning."""
    check_root(path)
    url = store_url(path, db)
    name = venture_name(path, load_venture_config(path))
    if not store_exists(url):
        raise NoScanError(f"no scan stored for '{name}' yet",
                          hint=f"run `commission scan {path}` first")
    with open_store(url) as opened:
        stored = opened.scans.latest_scan(name)
    if stored is None:
        raise NoScanError(f"no scan stored for '{name}' in {url.split('://')[0]} store",
                          hint=f"run `commission scan {path}` first")
    return stored.document


def find_table(document: Document, name: str) -> Document:
    wanted = name.lower()
    for table in document["tables"]:
        if wanted in (table["name"].lower(), f"{table['schema']}.{table['name']}".lower()):
            return dict(table)
    names = sorted(t["name"] for t in document["tables"])
    close = [n for n in names if wanted in n.lower() or n.lower() in wanted][:5]
    raise UnknownTableError(
        f"no table named '{name}' in the scan of {document['venture']['name']}",
        hint=("did you mean: " + ", ".join(close)) if close else
        f"{len(names)} tables are known; `commission status` lists them",
    )


def gaps(document: Document) -> list[Document]:
    """One row per gap: table, missing rung, why, and where a sibling put the same evidence."""
    rows = []
    for table in document["tables"]:
        gap = table.get("gap")
        if gap is None:
            continue
        rows.append({
            "table": table["name"], "schema": table["schema"], "state": table["state"],
            "missing_state": gap["state"], "kind": gap["kind"], "outcome": gap["outcome"],
            "why": gap["missing"], "follow": gap.get("follow"), "key": gap["key"],
            "task": gap.get("task"), "ahead": table.get("ahead", []),
        })
    return rows


def verify(path: Path, table: str, n: int, *, db: str | None = None,
           venture_db: str | None = None, reports: Sequence[Path] = ()) -> Verdict:
    """Rescan and answer whether rung ``n``'s evidence holds: the acceptance rule of a task."""
    machine = table_machine()
    ranks = {s.n: s for s in machine.states if s.n is not None}
    if n not in ranks or n == 0:
        raise UserInputError(f"--state must be 1..{max(ranks)}, got {n}")
    outcome = scan(path, db=db, venture_db=venture_db, reports=reports)
    found = find_table(outcome.document, table)
    kind = ranks[n].evidence or ""
    items = tuple(found["evidence"].get(kind, []))
    waived = kind in found.get("waived", {})
    unknown = found.get("unknown", {}).get(kind)
    holds = bool(items) or waived
    reason: str
    if holds:
        reason = "waived" if waived and not items else f"{len(items)} evidence item(s)"
        status = "waived" if waived and not items else "present"
    elif unknown:
        reason, status = str(unknown), "unknown"
    else:
        gap = found.get("gap") or {}
        reason = str(gap.get("missing")) if gap.get("kind") == kind else f"no {kind} evidence"
        status = "missing"
    return Verdict(table=found["name"], n=n, kind=kind, holds=holds, state=found["state"],
                   outcome=status, evidence=items, reason=str(reason))


def below(document: Document, min_state: int) -> list[Document]:
    """The tables under ``min_state`` (the CI gate's failures)."""
    return [t for t in document["tables"] if t["state"] < min_state]
