"""``assess``: the pure function from a snapshot and a ladder machine to states, gaps and ahead.

No I/O, no clock (the day used for waiver expiry is an argument), no randomness. Property tests
hold it to determinism, order independence, monotonicity and idempotence, and to a slow, plain
reading of its rules (tests/assess/test_reference.py): what is here is tuned to assess 100,000
tables within a second.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

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

_Key = tuple[str, str]  # (schema, name)
_Found = dict[_Key, dict[Kind, tuple[Evidence, ...]]]
_new = tuple.__new__  # builds a named tuple without the Python-level __new__ of its class

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
    found, failing, homes = _by_table(snapshot.evidence)
    unknown_by_table, everywhere = _unknowns(snapshot.unknowns)
    active = _active_waivers(waivers, today)
    rungs = [(s.n or 0, Kind(s.evidence or s.id), s.name) for s in machine.by_rank()]
    ladder = _Ladder(rungs, SiblingIndex(found, homes))
    # Tables with a failing item, a waiver or an unknown take the general path (all of them,
    # given an unknown of every table); the rest are decided by which kinds they have, once per
    # combination (_Ladder.plain).
    none: dict[Kind, Any] = {}

    def general(table: TableInfo, key: _Key) -> TableAssessment:
        return ladder.table(table, found.get(key, none), unknown_by_table.get(key, none)
                            | everywhere, active.get(key, none))

    if everywhere:
        tables = tuple([general(t, (t.key.schema, t.key.name)) for t in snapshot.tables])
    else:
        tables = ladder.plain(snapshot.tables, found, failing.union(unknown_by_table, active),
                              general)
    return Assessment(snapshot_id=snapshot.id, machine=machine.name,
                      machine_version=machine.version, tables=tables)


class _Grouped(NamedTuple):
    """What the one pass over the evidence learns."""

    found: _Found  # each table's evidence by kind, in snapshot order
    failing: set[_Key]  # the tables with an item that does not hold
    homes: dict[_Key, str]  # each table's least path of a holding schema item


def _by_table(evidence: Iterable[Evidence]) -> _Grouped:
    """One pass over the evidence, which also notes each table's schema file for the sibling
    search while the item is at hand: at 100,000 tables every further pass over them costs
    tens of milliseconds in memory traffic alone. Tables are keyed by ``(schema, name)``
    tuples, hashed in C, unlike the TableKey dataclass. A kind's items are kept as the tuple a
    result holds: one item (the usual case) is a 1-tuple from the start, more are gathered in a
    list, turned into a tuple at the end."""
    found: _Found = {}
    failing: set[_Key] = set()
    homes: dict[_Key, str] = {}
    several: list[tuple[dict[Kind, Any], Kind]] = []
    schema = Kind.SCHEMA
    last: TableKey | None = None
    key: _Key = ("", "")
    per_kind: dict[Kind, Any] = {}
    for item in evidence:
        table = item.table
        kind = item.kind
        if table is not last:  # a table's items usually follow one another, sharing a key
            last = table
            key = (table.schema, table.name)
            per_kind = found.setdefault(key, {})
        group = (item,)
        items = per_kind.setdefault(kind, group)
        if items is not group:  # a second item of the kind, or more
            if items.__class__ is tuple:
                per_kind[kind] = [*items, item]
                several.append((per_kind, kind))
            else:
                items.append(item)
        if not item.holds:
            failing.add(key)
        elif kind is schema and item.path is not None:
            home = homes.get(key)
            if home is None or item.path < home:
                homes[key] = item.path
    for per_kind, kind in several:
        per_kind[kind] = tuple(per_kind[kind])
    return _Grouped(found, failing, homes)


def _unknowns(unknowns: Iterable[Unknown]) -> tuple[dict[_Key, dict[Kind, str]], dict[Kind, str]]:
    """Unknown kinds per table, and those of every table (``table=None``)."""
    out: dict[_Key, dict[Kind, str]] = defaultdict(dict)
    everywhere: dict[Kind, str] = {}
    for item in unknowns:
        table = item.table
        if table is None:
            everywhere.setdefault(item.kind, item.reason)
        else:
            out[(table.schema, table.name)].setdefault(item.kind, item.reason)
    return out, everywhere


def _active_waivers(
    waivers: Iterable[Waiver], today: date | None
) -> dict[_Key, dict[Kind, Waiver]]:
    out: dict[_Key, dict[Kind, Waiver]] = defaultdict(dict)
    for waiver in sorted(waivers, key=lambda w: (w.table, w.kind.value, w.approved_by)):
        if waiver.active_on(today):
            out[(waiver.table.schema, waiver.table.name)].setdefault(waiver.kind, waiver)
    return out


class _Plan(NamedTuple):
    """What follows from which kinds a plain table has (every item holding, no waiver, no
    unknown): everything but the evidence itself and the sibling to follow."""

    present: tuple[tuple[int, Kind], ...]  # the rungs it has, in rank order
    missing: list[KindResult]  # the shared results of the rungs it lacks, in rank order
    pick: Callable[[list[KindResult]], tuple[KindResult, ...]]  # present + missing -> by rank
    state: int
    state_name: str
    gap: tuple[int, Kind, str] | None  # n, kind, why
    ahead: tuple[Kind, ...]


class _Ladder:
    """One machine's rungs, walked for each table.

    At 100,000 tables ``assess`` has about ten microseconds per table, so the common case is
    cut to the bone: a table whose items all hold, with no waiver and no unknown, is decided by
    the kinds it has, and that combination's state, gap, ahead and missing results (the same
    values for every table, shared) are worked out once. Only its present results, its gap and
    its assessment are made per table, as tuples straight from ``tuple.__new__``.
    """

    def __init__(self, rungs: list[tuple[int, Kind, str]], siblings: SiblingIndex) -> None:
        self.rungs = rungs
        self.names = {n: name for n, _, name in rungs}
        self.siblings = siblings
        self.missing = {kind: KindResult(kind, n, Outcome.MISSING, (), (), None,
                                         MISSING_TEXT.get(kind, f"no {kind.value} evidence"))
                        for n, kind, _ in rungs}
        self.plans: dict[tuple[Kind, ...], _Plan] = {}

    def _plan(self, kinds: tuple[Kind, ...]) -> _Plan:
        """The plan of a combination of kinds, made once and kept."""
        have = set(kinds)
        present = tuple((n, kind) for n, kind, _ in self.rungs if kind in have)
        missing = [self.missing[kind] for _, kind, _ in self.rungs if kind not in have]
        order: list[int] = []
        seen = lacking = 0
        for _, kind, _ in self.rungs:
            if kind in have:
                order.append(seen)
                seen += 1
            else:
                order.append(len(present) + lacking)
                lacking += 1
        # itemgetter of one index gives the item, not a tuple
        pick: Callable[[list[KindResult]], tuple[KindResult, ...]] = \
            itemgetter(*order) if len(order) >= 2 else tuple
        state = 0
        gap: tuple[int, Kind, str] | None = None
        for n, kind, _ in self.rungs:
            if n == 0 or gap is not None:
                continue
            if kind in have:
                state = n
            else:
                gap = (n, kind, self.missing[kind].reason)
        ahead = () if gap is None else tuple(
            kind for n, kind, _ in self.rungs if n > gap[0] and kind in have)
        plan = self.plans[kinds] = _Plan(present, missing, pick, state, self.names[state], gap,
                                         ahead)
        return plan

    def plain(self, tables: Iterable[TableInfo], found: _Found, special: set[_Key],
              general: Callable[[TableInfo, _Key], TableAssessment],
              ) -> tuple[TableAssessment, ...]:
        """Every table, those in ``special`` by ``general``: the rest have every item holding,
        no waiver and no unknown. The loop is the hot spot of ``assess``, hence the locals."""
        out: list[TableAssessment] = []
        add = out.append
        plans = self.plans
        lacking = self.siblings.lacking
        get = found.get
        new = _new
        present_, missing_ = Outcome.PRESENT, Outcome.MISSING
        none: dict[Kind, tuple[Evidence, ...]] = {}
        for table in tables:
            table_key = table.key
            key = (table_key.schema, table_key.name)
            if special and key in special:
                add(general(table, key))
                continue
            kinds = get(key, none)
            combination = tuple(kinds)
            present, missing, pick, state, name, first, ahead = \
                plans.get(combination) or self._plan(combination)
            made = [new(KindResult, (kind, n, present_, kinds[kind], (), None, ""))
                    for n, kind in present]
            made += missing
            results = pick(made)
            if first is None:
                add(new(TableAssessment, (table, state, name, results, None, ahead)))
            else:
                n, kind, why = first
                gap = new(Gap, (table_key, n, kind, missing_, why, lacking(key, kind)))
                add(new(TableAssessment, (table, state, name, results, gap, ahead)))
        return tuple(out)

    def table(self, table: TableInfo, found: Mapping[Kind, tuple[Evidence, ...]],
              unknown: Mapping[Kind, str], waived: Mapping[Kind, Waiver]) -> TableAssessment:
        """Any table: failing items, waivers and unknowns included."""
        results: list[KindResult] = []
        state = 0
        gap: Gap | None = None
        for n, kind, _ in self.rungs:
            items = found.get(kind)
            if items is None and kind not in unknown and kind not in waived:
                result = self.missing[kind]
            else:
                result = _result(n, kind, items or (), unknown.get(kind), waived.get(kind))
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
    n: int, kind: Kind, found: tuple[Evidence, ...], unknown: str | None, waiver: Waiver | None
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
