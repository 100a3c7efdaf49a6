"""Build the status document (schema_version 1, ../shared/design/STATUS-JSON.md).

Pure: the same snapshot, assessment and ``scanned_at`` give the same document, byte for byte.
``scanned_at`` is the only field allowed to differ between two scans of the same tree. Fields
may be added freely; none may be renamed or removed without bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from commissioning.assess import Assessment, Gap, Outcome, TableAssessment
from commissioning.evidence import Evidence, EvidenceSnapshot
from commissioning.evidence.drift import Drift, drift_to_dict
from commissioning.evidence.snapshot import (
    diagnostic_to_dict,
    evidence_to_dict,
    unknown_to_dict,
)
from commissioning.machines import Machine

SCHEMA_VERSION = 1
DEFAULT_SCHEMAS = ("public", "main")  # tables named without their schema


@dataclass(frozen=True, slots=True)
class VentureInfo:
    name: str
    root: str
    profiles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskRef:
    """What the status document says of the task opened for a gap (filled by the act layer)."""

    key: str
    phase: str
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class StatusInputs:
    venture: VentureInfo
    snapshot: EvidenceSnapshot
    assessment: Assessment
    machine: Machine
    scanned_at: str
    tasks: Mapping[str, TaskRef] = field(default_factory=dict)  # by gap key
    unrouted: Mapping[str, str] = field(default_factory=dict)  # gap key -> reason
    capabilities: Sequence[Mapping[str, object]] = ()
    drift: Drift | None = None  # the venture database against the code; None: no DB was read


def gap_key(venture: str, gap: Gap) -> str:
    """The stable, idempotent key of a gap and of the task it becomes: venture/table/state.

    A table outside the default schema is named ``schema.table``, so ``lab.orders`` and
    ``public.orders`` never share a key (nor a task).
    """
    table = gap.table.name if gap.table.schema in DEFAULT_SCHEMAS else str(gap.table)
    return f"{venture}/{table}/{gap.n}"


def build_status_document(inputs: StatusInputs) -> dict[str, object]:
    a = inputs.assessment
    top = max((s.n or 0) for s in inputs.machine.states)
    actionable = [g for g in a.gaps if g.actionable]
    routed = sum(1 for g in actionable if gap_key(inputs.venture.name, g) in inputs.tasks)
    snapshot = inputs.snapshot
    return {
        "schema_version": SCHEMA_VERSION,
        "venture": {
            "name": inputs.venture.name,
            "root": inputs.venture.root,
            "profiles": list(inputs.venture.profiles),
        },
        "snapshot": {
            "id": snapshot.id,
            "commit": snapshot.inputs.commit,
            "config_hash": snapshot.inputs.config_hash,
            "scanned_at": inputs.scanned_at,
            "detectors": {name: version for name, version in snapshot.inputs.detectors},
        },
        "machine": {
            "name": inputs.machine.name,
            "version": inputs.machine.version,
            "states": [{"n": s.n, "name": s.name, "evidence": s.evidence}
                       for s in inputs.machine.by_rank()],
        },
        "summary": {
            "tables": len(a.tables),
            "by_state": {str(n): c for n, c in a.by_state(top).items()},
            "gaps": len(actionable),
            "unknown_gaps": sum(1 for g in a.gaps if not g.actionable),
            "routed": routed,
            "route_rate": round(routed / len(actionable), 4) if actionable else 1.0,
            "mean_state": a.mean_state,
            "evidence_items": len(snapshot.evidence),
            "diagnostics": len(snapshot.diagnostics),
        },
        "tables": [_table(inputs, t) for t in a.tables],
        "unrouted": [{"gap": k, "reason": r} for k, r in sorted(inputs.unrouted.items())],
        "unknowns": [unknown_to_dict(u) for u in snapshot.unknowns],
        "diagnostics": [diagnostic_to_dict(d) for d in snapshot.diagnostics],
        "capabilities": list(inputs.capabilities),
        "drift": None if inputs.drift is None else drift_to_dict(inputs.drift),
    }


def _evidence_lists(items: Sequence[Evidence]) -> list[dict[str, object]]:
    return [evidence_to_dict(e) for e in items]


def _table(inputs: StatusInputs, t: TableAssessment) -> dict[str, object]:
    evidence: dict[str, list[dict[str, object]]] = {}
    failing: dict[str, list[dict[str, object]]] = defaultdict(list)
    waived: dict[str, dict[str, object]] = {}
    unknown: dict[str, str] = {}
    for result in t.results:
        if result.evidence:
            evidence[result.kind.value] = _evidence_lists(result.evidence)
        if result.failing:
            failing[result.kind.value] = _evidence_lists(result.failing)
        if result.outcome is Outcome.WAIVED and result.waiver is not None:
            w = result.waiver
            waived[result.kind.value] = {
                "approved_by": w.approved_by, "reason": w.reason,
                "expires_on": w.expires_on.isoformat() if w.expires_on else None,
            }
        if result.outcome is Outcome.UNKNOWN:
            unknown[result.kind.value] = result.reason
    return {
        "name": t.table.key.name,
        "schema": t.table.key.schema,
        "profile": t.table.profile,
        "symbol": t.table.symbol,
        "state": t.state,
        "state_name": t.state_name,
        "evidence": evidence,
        "failing": dict(failing),
        "waived": waived,
        "unknown": unknown,
        "gap": _gap(inputs, t.gap),
        "ahead": [k.value for k in t.ahead],
    }


def _gap(inputs: StatusInputs, gap: Gap | None) -> dict[str, object] | None:
    if gap is None:
        return None
    key = gap_key(inputs.venture.name, gap)
    task = inputs.tasks.get(key)
    sibling = gap.sibling
    return {
        "state": gap.n,
        "kind": gap.kind.value,
        "outcome": gap.outcome.value,
        "missing": gap.missing,
        "key": key,
        "follow": None if sibling is None else {
            "table": sibling.table.name, "path": sibling.path, "line": sibling.line,
        },
        "task": None if task is None else {
            "key": task.key, "phase": task.phase, "owner": task.owner,
        },
    }
