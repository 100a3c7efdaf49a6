"""``assess``: the pure function from a snapshot and a ladder machine to states, gaps and ahead.

No I/O, no clock (the day used for waiver expiry is an argument), no randomness. Property tests
hold it to determinism, order independence, monotonicity and idempotence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from commissioning.assess.model import (
    Assessment,
    Gap,
    KindResult,
    Outcome,
    TableAssessment,
    Waiver,
)
from commissioning.assess.siblings import SiblingIndex
from commissioning.evidence import Evidence, EvidenceSnapshot, Kind, TableInfo, TableKey, Unknown
from commissioning.machines import Machine, MachineKind

MISSING_TEXT: Mapping[Kind, str] = {
    Kind.IDEA: "the table is not named in any registry or plan",
    Kind.SCHEMA: "no schema source defines it (ORM table/model or CREATE TABLE in a schema file)",
    Kind.MIGRATION: "no migration creates it",
    Kind.DATA: "no seed or fixture inserts rows into it",
    Kind.REPOSITORY: "no data-access code reads or writes it outside migrations, seeds and tests",
    Kind.SERVER_ACTIONS: "no server-side operation the app calls reaches it",
    Kind.CRUD_UI: "no page or form lets people list, create or edit its records",
    Kind.ETL: "no job, worker, import or export script moves data into or out of it",
    Kind.A2A_API: "no machine interface (public API route, OpenAPI operation, MCP tool) exposes it",
    Kind.E2E_TESTS: "no end-to-end test exercises it through the app",
    Kind.COMMISSIONED: "no passing e2e result in an ingested test report",
}


def assess(
    snapshot: EvidenceSnapshot,
    machine: Machine,
    waivers: Iterable[Waiver] = (),
    *,
    today: date | None = None,
) -> Assessment:
    """Assess every table of the snapshot on the ladder ``machine``.

    ``today`` decides waiver expiry; without it no waiver expires (the caller owns the clock).
    """
    if machine.kind is not MachineKind.LADDER:
        raise ValueError(f"assess() needs a ladder machine, got {machine.kind.value} "
                         f"'{machine.name}'")
    evidence_by_table: dict[TableKey, dict[Kind, list[Evidence]]] = defaultdict(
        lambda: defaultdict(list))
    for item in snapshot.evidence:
        evidence_by_table[item.table][item.kind].append(item)
    unknown_by_table = _unknowns(snapshot.unknowns)
    active = _active_waivers(waivers, today)
    siblings = SiblingIndex(snapshot.evidence)
    rungs = [(s.n or 0, Kind(s.evidence or s.id), s.name) for s in machine.by_rank()]
    tables = tuple(
        _assess_table(
            table, rungs, evidence_by_table.get(table.key, {}),
            unknown_by_table.get(table.key, {}) | unknown_by_table.get(None, {}),
            active.get(table.key, {}), siblings,
        )
        for table in snapshot.tables
    )
    return Assessment(snapshot_id=snapshot.id, machine=machine.name,
                      machine_version=machine.version, tables=tables)


def _unknowns(unknowns: Iterable[Unknown]) -> dict[TableKey | None, dict[Kind, str]]:
    out: dict[TableKey | None, dict[Kind, str]] = defaultdict(dict)
    for item in unknowns:
        out[item.table].setdefault(item.kind, item.reason)
    return out


def _active_waivers(
    waivers: Iterable[Waiver], today: date | None
) -> dict[TableKey, dict[Kind, Waiver]]:
    out: dict[TableKey, dict[Kind, Waiver]] = defaultdict(dict)
    for waiver in sorted(waivers, key=lambda w: (w.table, w.kind.value, w.approved_by)):
        if waiver.active_on(today):
            out[waiver.table].setdefault(waiver.kind, waiver)
    return out


def _result(
    n: int, kind: Kind, found: list[Evidence], unknown: str | None, waiver: Waiver | None
) -> KindResult:
    holding = tuple(e for e in found if e.holds)
    failing = tuple(e for e in found if not e.holds)
    if holding:
        return KindResult(kind, n, Outcome.PRESENT, holding, failing)
    if waiver is not None:
        return KindResult(kind, n, Outcome.WAIVED, (), failing, waiver,
                          f"waived by {waiver.approved_by}: {waiver.reason}")
    if unknown is not None:
        return KindResult(kind, n, Outcome.UNKNOWN, (), failing, reason=unknown)
    reason = MISSING_TEXT.get(kind, f"no {kind.value} evidence")
    if failing:
        reason = f"{reason}; observed but not holding: {failing[0].observed or failing[0].location}"
    return KindResult(kind, n, Outcome.MISSING, (), failing, reason=reason)


def _assess_table(
    table: TableInfo,
    rungs: list[tuple[int, Kind, str]],
    found: Mapping[Kind, list[Evidence]],
    unknown: Mapping[Kind, str],
    waived: Mapping[Kind, Waiver],
    siblings: SiblingIndex,
) -> TableAssessment:
    results = tuple(
        _result(n, kind, list(found.get(kind, ())), unknown.get(kind), waived.get(kind))
        for n, kind, _ in rungs
    )
    state = 0
    gap: Gap | None = None
    for result in results:
        if result.n == 0:
            continue
        if result.counts:
            state = result.n
            continue
        sibling = siblings.nearest(table.key, result.kind) if result.outcome is Outcome.MISSING \
            else None
        gap = Gap(table.key, result.n, result.kind, result.outcome, result.reason, sibling)
        break
    ahead = tuple(r.kind for r in results
                  if gap is not None and r.n > gap.n and r.outcome is Outcome.PRESENT)
    names = {n: name for n, _, name in rungs}
    return TableAssessment(table=table, state=state, state_name=names[state], results=results,
                           gap=gap, ahead=ahead)
