"""How attestations enter a snapshot: the scan reads the active ones and merges them.

Kept apart from ``services/attestations.py`` (posting and listing) so the scanning service can
use it without importing the read services that themselves build on scanning.
"""

from __future__ import annotations

from collections.abc import Iterable

from commissioning.evidence import Evidence, EvidenceSnapshot, Kind, Source, TableKey
from commissioning.store import Store
from commissioning.store.attestations import AttestationRecord

DETECTOR = "attestation"
KINDS = frozenset(k.value for k in Kind)


def attested_evidence(records: Iterable[AttestationRecord]) -> list[Evidence]:
    """Each active attestation as one evidence item that names who attested it, when and why."""
    out = []
    for r in records:
        if not r.active or r.kind not in KINDS:
            continue
        who = f"#{r.id} attested by {r.author} ({r.role}) on {r.created_at.date().isoformat()}"
        said = f"{who}: {r.reason}" + (f" — observed: {r.observed}" if r.observed else "")
        out.append(Evidence(table=TableKey(r.schema, r.table), kind=Kind(r.kind),
                            detector=DETECTOR, source=Source.ATTESTATION, path=r.path,
                            line=r.line, observed=said))
    return out


def with_attestations(snapshot: EvidenceSnapshot,
                      records: Iterable[AttestationRecord]) -> EvidenceSnapshot:
    """The snapshot plus the attested evidence for tables it knows (a new id when any).

    An attestation for a table the scan no longer finds is left out, not invented into a table.
    """
    known = {t.key for t in snapshot.tables}
    extra = [e for e in attested_evidence(records) if e.table in known]
    if not extra:
        return snapshot
    return EvidenceSnapshot.build(
        venture=snapshot.venture, inputs=snapshot.inputs, tables=snapshot.tables,
        evidence=[*snapshot.evidence, *extra], unknowns=snapshot.unknowns,
        diagnostics=snapshot.diagnostics)


def read_active(store: Store | None, venture: str) -> tuple[AttestationRecord, ...]:
    """The venture's active attestations; none without a store (a ``--no-store`` scan of a
    venture that has none must not create one)."""
    return () if store is None else store.attestations.list_for(venture)
