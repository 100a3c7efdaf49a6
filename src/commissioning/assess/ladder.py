"""``assess``: the pure function from a snapshot and a ladder machine to states, gaps and ahead.

No I/O, no clock (the day used for waiver expiry is an argument), no randomness. Property tests
hold it to determinism, order independence, monotonicity and idempotence.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

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
    # Nothing assess makes can form a reference cycle, yet it makes a few objects per table:
    # the cyclic collector would rescan the snapshot's millions of objects again and again
    # (half the time at 100,000 tables). Paused here, restored as it was.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _assess(snapshot, machine, waivers, today)
    finally:
        if collecting:
            gc.enable()


def _assess(snapshot: EvidenceSnapshot, machine: Machine, waivers: Iterable[Waiver],
            today: date | None) -> Assessment:
    # tables keyed by (schema, name) tuples: hashed in C, unlike the TableKey dataclass
    evidence_by_table: dict[tuple[str, str], dict[Kind, list[Evidence]]] = {}
    for item in snapshot.evidence:
        table_key = (item.table.schema, item.table.name)
        per_kind = evidence_by_table.get(table_key)
        if per_kind is None:
            per_kind = evidence_by_table[table_key] = {}
        found = per_kind.get(item.kind)
        if found is None:
            per_kind[item.kind] = [item]
        else:
            found.append(item)
    unknown_by_table = _unknowns(snapshot.unknowns)
    everywhere = unknown_by_table.get(None, {})
    active = _active_waivers(waivers, today)
    siblings = SiblingIndex(snapshot.evidence)
    rungs = [(s.n or 0, Kind(s.evidence or s.id), s.name) for s in machine.by_rank()]
    ladder = _Ladder(rungs, siblings)
    none: dict[Kind, Any] = {}
    tables = tuple(
        ladder.table(
            table, evidence_by_table.get((table.key.schema, table.key.name), none),
            unknown_by_table[table.key] | everywhere
            if len(unknown_by_table) > bool(everywhere) and table.key in unknown_by_table
            else everywhere,
            active.get(table.key, none) if active else none,
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


class _Ladder:
    """One machine's rungs, walked for each table. A missing rung with nothing observed (no
    failing evidence, no waiver, no unknown) is the same value for every table, so it is made
    once per rung: at 100,000 tables, half the results are those."""

    def __init__(self, rungs: list[tuple[int, Kind, str]], siblings: SiblingIndex) -> None:
        self.rungs = rungs
        self.names = {n: name for n, _, name in rungs}
        self.siblings = siblings
        self.missing = {kind: KindResult(kind, n, Outcome.MISSING, (), (), None,
                                         MISSING_TEXT.get(kind, f"no {kind.value} evidence"))
                        for n, kind, _ in rungs}

    def table(self, table: TableInfo, found: Mapping[Kind, list[Evidence]],
              unknown: Mapping[Kind, str], waived: Mapping[Kind, Waiver]) -> TableAssessment:
        results: list[KindResult] = []
        state = 0
        gap: Gap | None = None
        plain = not unknown and not waived  # the common case, on the fast path
        for n, kind, _ in self.rungs:
            items = found.get(kind)
            if items is None and (plain or (kind not in unknown and kind not in waived)):
                result = self.missing[kind]
            elif plain and items is not None and (items[0].holds if len(items) == 1
                                                  else all(e.holds for e in items)):
                result = KindResult(kind, n, Outcome.PRESENT, tuple(items), ())
            else:
                result = _result(n, kind, items or [], unknown.get(kind), waived.get(kind))
            results.append(result)
            if n == 0 or gap is not None:
                continue
            if result.outcome is Outcome.PRESENT or result.outcome is Outcome.WAIVED:
                state = n
                continue
            sibling = self.siblings.nearest(table.key, kind) \
                if result.outcome is Outcome.MISSING else None
            gap = Gap(table.key, n, kind, result.outcome, result.reason, sibling)
        ahead = () if gap is None else tuple(
            r.kind for r in results if r.n > gap.n and r.outcome is Outcome.PRESENT)
        return TableAssessment(table=table, state=state, state_name=self.names[state],
                               results=tuple(results), gap=gap, ahead=ahead)


def _result(
    n: int, kind: Kind, found: list[Evidence], unknown: str | None, waiver: Waiver | None
) -> KindResult:
    holding: tuple[Evidence, ...]
    failing: tuple[Evidence, ...]
    if all(e.holds for e in found):
        holding, failing = tuple(found), ()
    else:
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
