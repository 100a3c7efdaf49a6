"""Evidence: what observers found, as frozen values, and the snapshot that holds a scan of them."""

from commissioning.evidence.model import (
    LADDER_KINDS,
    Diagnostic,
    Evidence,
    Kind,
    Severity,
    Source,
    Step,
    TableInfo,
    TableKey,
    Unknown,
)
from commissioning.evidence.snapshot import EvidenceSnapshot, ScanInputs, canonical_dumps

__all__ = [
    "LADDER_KINDS",
    "Diagnostic",
    "Evidence",
    "EvidenceSnapshot",
    "Kind",
    "ScanInputs",
    "Severity",
    "Source",
    "Step",
    "TableInfo",
    "TableKey",
    "Unknown",
    "canonical_dumps",
]
