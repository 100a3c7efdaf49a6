"""Governance where the pure core meets I/O: the venture's matrix, and the waivers a scan counts.

A waiver is an input of the assessment as an attestation is one of the snapshot: the scan names
each waiver it applies (or found expired) in the snapshot's diagnostics, so approving a waiver, or
one expiring, gives a new snapshot and a new stored scan, and the same inputs the same id.

Kept apart from ``services/proposals.py`` (the commands) so the scanning service can read the
approved waivers without importing the read services that themselves build on scanning.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from commissioning.assess import Waiver
from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, EvidenceSnapshot, Severity
from commissioning.governance import WAIVE, GovernanceMatrix, default_matrix, waivers_from
from commissioning.store import Store


def matrix_for(config: VentureConfig) -> GovernanceMatrix:
    """The shipped governance matrix with the venture's ``[governance]`` applied."""
    return default_matrix(config.governance.model_dump(exclude_none=True))


def stored_waivers(store: Store | None, venture: str) -> tuple[Waiver, ...]:
    """Every executed waiver proposal of the venture (``assess`` drops the expired ones with
    its ``today``); none without a store."""
    if store is None:
        return ()
    return waivers_from(store.proposals.list_for(venture, status="EXECUTED", action=WAIVE))


def waiver_diagnostics(snapshot: EvidenceSnapshot, waivers: Iterable[Waiver],
                       today: date | None) -> tuple[Diagnostic, ...]:
    """One note per waiver of a table the snapshot knows: applied, or expired on ``today``."""
    known = {t.key for t in snapshot.tables}
    notes = []
    for w in waivers:
        if w.table not in known:
            continue
        until = f" until {w.expires_on.isoformat()}" if w.expires_on else ""
        if w.active_on(today):
            notes.append(Diagnostic(Severity.INFO, "waiver",
                                    f"{w.kind.value} of {w.table} waived by {w.approved_by}"
                                    f"{until}: {w.reason}"))
        else:
            notes.append(Diagnostic(Severity.INFO, "waiver-expired",
                                    f"{w.kind.value} of {w.table}: the waiver by "
                                    f"{w.approved_by} expired on {w.expires_on}: {w.reason}"))
    return tuple(notes)


def with_waivers(snapshot: EvidenceSnapshot, waivers: Iterable[Waiver],
                 today: date | None) -> EvidenceSnapshot:
    """The snapshot with its waivers noted (unchanged, same id, when there are none)."""
    notes = waiver_diagnostics(snapshot, waivers, today)
    if not notes:
        return snapshot
    return EvidenceSnapshot.build(
        venture=snapshot.venture, inputs=snapshot.inputs, tables=snapshot.tables,
        evidence=snapshot.evidence, unknowns=snapshot.unknowns,
        diagnostics=(*snapshot.diagnostics, *notes))
