"""Read services for long-running surfaces: the cached status, tables, gaps, history, machines.

Everything here reads the latest *stored* scan: nothing is recomputed per request. The status
document is parsed and serialised once per scan (see :class:`CurrentStatus`); the rest are cheap
projections of it, so the API, the pages, MCP and A2A all show the same numbers.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from commissioning.errors import NoScanError, UnknownMachineError, UserInputError
from commissioning.machines import (
    Machine,
    builtin_machine,
    builtin_names,
    machine_to_dict,
    to_mermaid,
)
from commissioning.services.context import CurrentStatus, Workspace
from commissioning.services.scanning import find_table, gaps

Document = dict[str, Any]


class Outcome(StrEnum):
    """A rung's outcome as the grid colours it (``failing``: observed but not holding)."""

    PRESENT = "present"
    WAIVED = "waived"
    UNKNOWN = "unknown"
    FAILING = "failing"
    MISSING = "missing"


OUTCOMES = tuple(o.value for o in Outcome)


def current_status(ws: Workspace) -> CurrentStatus:
    """The latest stored status document: no I/O within ``status_ttl`` of the last look at the
    store, one indexed lookup after it, and a parse only when a new scan landed.

    Only one request parses a new scan; concurrent ones wait for it rather than all reading
    the same megabytes at once. Raises :class:`NoScanError` when nothing is stored yet.
    """
    fresh = ws.fresh_status()
    if fresh is not None:
        return fresh
    ref = ws.store.scans.latest_ref(ws.name)
    if ref is None:
        raise NoScanError(f"no scan of '{ws.name}' is stored yet",
                          hint=f"run `commission scan {ws.root}` or POST /api/scans")
    cached = ws.cached_status()
    if cached is not None and (cached.scan_id, cached.scanned_at) == (ref.scan_id,
                                                                       ref.scanned_at):
        ws.checked()
        return cached
    with ws.filling():
        cached = ws.cached_status()
        if cached is not None and (cached.scan_id, cached.scanned_at) == (ref.scan_id,
                                                                          ref.scanned_at):
            return cached
        stored = ws.store.scans.require_latest_scan(ws.name)
        body = json.dumps(stored.document, ensure_ascii=False, separators=(",", ":")).encode()
        loaded = CurrentStatus(scan_id=stored.scan_id, snapshot_id=stored.snapshot_id,
                               scanned_at=stored.scanned_at, document=stored.document, body=body,
                               gzipped=gzip.compress(body, compresslevel=6, mtime=0))
        ws.remember_status(loaded)
        ws.checked()
        return loaded


def rung_outcome(table: Mapping[str, Any], kind: str) -> str:
    """present, waived, unknown, failing (observed but not holding) or missing."""
    if table["evidence"].get(kind):
        return "present"
    if kind in table.get("waived", {}):
        return "waived"
    if kind in table.get("unknown", {}):
        return "unknown"
    if table.get("failing", {}).get(kind):
        return "failing"
    return "missing"


def owner_of(table: Mapping[str, Any]) -> str | None:
    """Who owns the table's open work: the owner of the task its gap became, if routed."""
    gap = table.get("gap") or {}
    task = gap.get("task") or {}
    owner = task.get("owner")
    return str(owner) if owner else None


def ladder_states(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rungs 1..10 (state 0, the idea, earns nothing to show in a grid)."""
    return [dict(s) for s in document["machine"]["states"] if s["n"]]


@dataclass(frozen=True, slots=True)
class TableFilter:
    """The grid's filters; None means "any". ``owner`` "-" selects tables nobody owns."""

    state: int | None = None
    profile: str | None = None
    owner: str | None = None
    outcome: str | None = None
    text: str | None = None

    def keeps(self, row: Mapping[str, Any]) -> bool:
        if self.state is not None and row["state"] != self.state:
            return False
        if self.profile and row["profile"] != self.profile:
            return False
        if self.owner and (row["owner"] or "-") != self.owner:
            return False
        if self.outcome and not any(c["outcome"] == self.outcome for c in row["cells"]):
            return False
        return not (self.text and self.text.lower() not in row["name"].lower())


def table_row(table: Mapping[str, Any], states: Iterable[Mapping[str, Any]],
              phases: Mapping[str, str] | None = None) -> Document:
    """One line of the grid: the table, its state, and one cell per rung.

    ``phases`` (task key → phase now) overrides the phase the scan recorded, so a task moved
    since the scan shows where it is."""
    gap = table.get("gap")
    task = None if gap is None else gap.get("task")
    if task is not None and phases and task["key"] in phases:
        task = {**task, "phase": phases[task["key"]]}
    cells = []
    for state in states:
        kind = state["evidence"]
        outcome = rung_outcome(table, kind)
        cells.append({"n": state["n"], "kind": kind, "outcome": outcome,
                      "items": len(table["evidence"].get(kind, [])),
                      "gap": gap is not None and gap["state"] == state["n"]})
    return {
        "name": table["name"], "schema": table["schema"], "profile": table["profile"],
        "state": table["state"], "state_name": table["state_name"], "owner": owner_of(table),
        "gap": None if gap is None else {"state": gap["state"], "kind": gap["kind"],
                                         "outcome": gap["outcome"], "key": gap["key"],
                                         "task": task},
        "ahead": list(table.get("ahead", [])),
        "cells": cells,
    }


def table_rows(document: Mapping[str, Any], where: TableFilter | None = None,
               phases: Mapping[str, str] | None = None) -> list[Document]:
    """The grid: every table (in the document's order, schema then name), filtered."""
    states = ladder_states(document)
    rows = [table_row(t, states, phases) for t in document["tables"]]
    if where is None:
        return rows
    if where.outcome is not None and where.outcome not in OUTCOMES:
        raise UserInputError(f"unknown outcome '{where.outcome}'",
                             hint=f"one of: {', '.join(OUTCOMES)}")
    return [r for r in rows if where.keeps(r)]


def task_phases(ws: Workspace) -> dict[str, str]:
    """Each stored task's phase now (one query): the scan's record may be older than a move."""
    return {t.key: t.phase for t in ws.store.tasks.list_tasks(ws.name)}


def facets(document: Mapping[str, Any]) -> Document:
    """The values each grid filter can take, for the filter bar."""
    tables = document["tables"]
    return {
        "states": [{"n": s["n"], "name": s["name"]} for s in document["machine"]["states"]],
        "profiles": sorted({t["profile"] for t in tables}),
        "owners": sorted({o for o in (owner_of(t) for t in tables) if o}),
        "outcomes": list(OUTCOMES),
    }


def table_detail(document: Mapping[str, Any], name: str) -> Document:
    """One table with every rung spelled out: evidence, failing items, waiver, unknown reason."""
    table = find_table(dict(document), name)
    rungs = []
    for state in ladder_states(document):
        kind = state["evidence"]
        rungs.append({
            "n": state["n"], "name": state["name"], "kind": kind,
            "outcome": rung_outcome(table, kind),
            "evidence": table["evidence"].get(kind, []),
            "failing": table.get("failing", {}).get(kind, []),
            "waiver": table.get("waived", {}).get(kind),
            "unknown": table.get("unknown", {}).get(kind),
        })
    return {**table, "owner": owner_of(table), "rungs": rungs}


def gap_list(document: Mapping[str, Any], *, kind: str | None = None,
             actionable_only: bool = False) -> list[Document]:
    """Every gap of the latest scan, optionally of one kind or only the actionable ones."""
    rows = gaps(dict(document))
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if actionable_only:
        rows = [r for r in rows if r["outcome"] == "missing"]
    return rows


def scan_history(ws: Workspace, limit: int = 50) -> list[Document]:
    """The venture's stored scans, newest first, with their state distribution."""
    if not 1 <= limit <= 1000:
        raise UserInputError(f"limit must be 1..1000, got {limit}")
    return [
        {"scan_id": s.scan_id, "snapshot_id": s.snapshot_id,
         "scanned_at": s.scanned_at.isoformat().replace("+00:00", "Z"),
         "tables": s.tables, "gaps": s.gaps, "mean_state": s.mean_state,
         "by_state": {str(n): c for n, c in sorted(s.by_state.items())},
         "commit": s.commit, "seen_count": s.seen_count}
        for s in ws.store.scans.list_scans(ws.name, limit=limit)
    ]


def machines() -> list[Document]:
    """The machines shipped with the package, in brief."""
    out = []
    for name in builtin_names():
        m = builtin_machine(name)
        out.append({"name": m.name, "version": m.version, "kind": m.kind.value,
                    "title": m.title, "states": len(m.states)})
    return out


def _machine(name: str) -> Machine:
    if name not in builtin_names():
        raise UnknownMachineError(f"no machine named '{name}'",
                                  hint=f"known machines: {', '.join(builtin_names())}")
    return builtin_machine(name)


def machine(name: str) -> Document:
    """One machine as data, with its Mermaid diagram."""
    found = _machine(name)
    return {**machine_to_dict(found), "mermaid": to_mermaid(found)}


def machine_mermaid(name: str) -> str:
    return to_mermaid(_machine(name))
