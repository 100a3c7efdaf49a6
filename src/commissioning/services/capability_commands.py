"""The capability commands behind ``commission capabilities`` and ``/api/capabilities``.

``sync`` upserts the feature matrix into the store (a raised claim needs an executed
``raise_claimed_level`` proposal) and brings the capability tasks in line; ``overview`` reads
and assesses without writing; ``verify`` answers whether a level holds (and moves its task);
``post_evidence`` records receipts, test results, usage or a verification, with who posted it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from commissioning.capabilities import (
    CapabilityEvidence,
    Receipt,
    ResultStatus,
    TestResult,
    Usage,
    level_name,
    parse_feature_matrix,
    parse_level,
)
from commissioning.config import VentureConfig, current_actor, load_venture_config
from commissioning.errors import UnknownCapabilityError, UserInputError
from commissioning.governance import RAISE, raised_claims
from commissioning.observe.capabilities import read_spec
from commissioning.observe.scanner import check_root, venture_name
from commissioning.report import VentureInfo
from commissioning.services.auth import Principal
from commissioning.services.capabilities import (
    CapabilityRun,
    apply_capabilities,
    capability_rows,
    plan_run,
)
from commissioning.services.context import Workspace
from commissioning.services.scanning import store_url
from commissioning.store import Store, open_store, store_exists
from commissioning.tasks.capabilities import is_capability_task

Document = dict[str, Any]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _venture(root: Path) -> tuple[VentureConfig, VentureInfo]:
    check_root(root)
    config = load_venture_config(root)
    return config, VentureInfo(name=venture_name(root, config), root=str(root))


def run_for(store: Store, root: Path, config: VentureConfig, venture: str, *,
            today: date | None, reports: Sequence[Path] = ()) -> CapabilityRun:
    records = store.capabilities.list_for(venture)
    stored = tuple(t for t in store.tasks.list_tasks(venture) if is_capability_task(t))
    return plan_run(root, config, venture, records, stored, today=today, reports=reports)


def _summary(rows: Sequence[Document]) -> Document:
    by_level = {level_name(n): 0 for n in range(5)}
    for row in rows:
        by_level[str(row["verified_level"])] += 1
    return {"capabilities": len(rows), "gaps": sum(1 for r in rows if r["gap"]),
            "by_verified_level": by_level}


def sync(root: Path, *, db: str | None = None, reports: Sequence[Path] = ()) -> Document:
    """``commission capabilities sync``: the matrix into the store, then the tasks in line."""
    config, venture = _venture(root)
    spec = config.capabilities.spec
    specs = parse_feature_matrix(read_spec(root, spec), spec)
    at = _now()
    with open_store(store_url(root, db)) as store:
        allowed = raised_claims(store.proposals.list_for(venture.name, action=RAISE))
        result = store.capabilities.sync(venture, specs, at, allowed_raises=allowed)
        run = run_for(store, root, config, venture.name, today=at.date(), reports=reports)
        applied = apply_capabilities(store, venture, run, at, config)
    return {"spec": spec, "created": list(result.created), "updated": list(result.updated),
            "retired": list(result.retired), "revived": list(result.revived),
            "unchanged": list(result.unchanged),
            "held": [{"slug": s, "why": why} for s, why in result.held],
            "tasks": {"created": list(applied.created),
                      "moved": [f"{m.key}: {m.source} → {m.target}" for m in applied.moved]},
            "summary": _summary(run.rows), "capabilities": list(run.rows),
            "problems": list(run.problems)}


def overview_of(store: Store, root: Path, venture: str, *, reports: Sequence[Path] = (),
                today: date | None = None) -> Document:
    """Every active capability, assessed now; the tasks shown are the stored ones (a read
    writes nothing: a scan, ``sync`` or ``verify`` creates and moves them)."""
    config = load_venture_config(root)
    run = run_for(store, root, config, venture, today=today or _now().date(), reports=reports)
    stored = {t.key: t for t in store.tasks.list_tasks(venture) if is_capability_task(t)}
    rows = capability_rows(run.assessments, venture, {k: t.phase for k, t in stored.items()},
                           {k: t.owner for k, t in stored.items()})
    return {"venture": venture, "spec": config.capabilities.spec,
            "freshness_days": config.capabilities.freshness_days,
            "summary": _summary(rows), "capabilities": list(rows),
            "problems": list(run.problems)}


def overview(root: Path, *, db: str | None = None, reports: Sequence[Path] = ()) -> Document:
    """``commission capabilities`` (a venture without a store yet has none: nothing is
    created by reading)."""
    config, venture = _venture(root)
    url = store_url(root, db)
    if not store_exists(url):
        return {"venture": venture.name, "spec": config.capabilities.spec,
                "freshness_days": config.capabilities.freshness_days,
                "summary": _summary(()), "capabilities": [], "problems": []}
    with open_store(url) as store:
        return overview_of(store, root, venture.name, reports=reports)


def find(document: Document, slug: str) -> Document:
    for row in document["capabilities"]:
        if row["slug"] == slug:
            return dict(row)
    known = ", ".join(r["slug"] for r in document["capabilities"]) or "none"
    raise UnknownCapabilityError(f"no capability '{slug}'", hint=f"known: {known}")


def verify(root: Path, slug: str, level: int, *, db: str | None = None,
           reports: Sequence[Path] = ()) -> Document:
    """Does ``level`` hold for ``slug`` now? Its task follows (VERIFIED, or reopened)."""
    if not 1 <= level <= 4:
        raise UserInputError(f"--level must be 1..4, got {level}")
    config, venture = _venture(root)
    at = _now()
    with open_store(store_url(root, db)) as store:
        run = run_for(store, root, config, venture.name, today=at.date(), reports=reports)
        apply_capabilities(store, venture, run, at, config)
    row = find({"capabilities": list(run.rows)}, slug)
    rung = row["levels"][level_name(level)]
    holds = parse_level(row["verified_level"]) >= level
    reason = "; ".join(rung["evidence"]) if holds else (
        rung["reason"] or f"a lower level does not hold (verified {row['verified_level']})")
    return {"slug": slug, "level": level_name(level), "holds": holds,
            "verified_level": row["verified_level"], "claimed_level": row["claimed_level"],
            "reason": reason, "evidence": rung["evidence"]}


def evidence_from(*, receipts: Sequence[str] = (), passed: Sequence[str] = (),
                  failed: Sequence[str] = (), source: str = "", usage: int | None = None,
                  window_days: int = 30, observed_on: date | None = None, by: str,
                  at: datetime) -> CapabilityEvidence:
    """Posted evidence as the store keeps it, stamped with who and when."""
    stamp = at.isoformat().replace("+00:00", "Z")
    if usage is not None and (usage < 0 or window_days < 1):
        raise UserInputError("usage needs a count ≥ 0 and a window of at least one day")
    tests = (*(TestResult(t, ResultStatus.PASSED, source or f"posted by {by}", by, stamp)
               for t in passed),
             *(TestResult(t, ResultStatus.FAILED, source or f"posted by {by}", by, stamp)
               for t in failed))
    return CapabilityEvidence(
        receipts=tuple(sorted(Receipt(r.strip(), by, stamp) for r in receipts if r.strip())),
        test_results=tuple(sorted(tests)),
        usage=None if usage is None else Usage(usage, window_days,
                                               observed_on or at.date(), by, source))


def post_evidence_to(store: Store, root: Path, venture: str, slug: str,
                     evidence: CapabilityEvidence, *, by: str,
                     verified: bool = False) -> Document:
    """Record ``evidence`` (and a verification by ``by``) and answer the capability as it
    stands now."""
    if not (evidence.receipts or evidence.test_results or evidence.usage or verified):
        raise UserInputError("no evidence given: post receipts, test results, usage or a "
                             "verification")
    at = _now()
    store.capabilities.add_evidence(venture, slug, evidence, at,
                                    verified_by=by if verified else None)
    row = find(overview_of(store, root, venture, today=at.date()), slug)
    return {**row, "recorded_by": by,
            "applies": "now for its level; its task moves on the next scan or sync"}


def post_evidence(root: Path, slug: str, *, db: str | None = None, by: str | None = None,
                  verified: bool = False, **given: Any) -> Document:
    """``commission capabilities evidence`` (``by`` defaults to the shell's actor)."""
    _, venture = _venture(root)
    by = by or current_actor()
    evidence = evidence_from(by=by, at=_now(), **given)
    with open_store(store_url(root, db)) as store:
        return post_evidence_to(store, root, venture.name, slug, evidence, by=by,
                                verified=verified)


# -- long-running surfaces: the workspace's open store, the token's name as who ----------------


def overview_for(ws: Workspace) -> Document:
    """``GET /api/capabilities`` and the capability matrix page."""
    return overview_of(ws.store, ws.root, ws.name)


def capability_for(ws: Workspace, slug: str) -> Document:
    return find(overview_for(ws), slug)


def post_evidence_for(ws: Workspace, principal: Principal, slug: str, *,
                      verified: bool = False, **given: Any) -> Document:
    """``POST /api/capabilities/{slug}/evidence``: recorded as posted by the token's name."""
    evidence = evidence_from(by=principal.name, at=_now(), **given)
    return post_evidence_to(ws.store, ws.root, ws.name, slug, evidence, by=principal.name,
                            verified=verified)
