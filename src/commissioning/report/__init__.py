"""Neutral report models built from an assessment; every surface renders these."""

from commissioning.report.status import (
    SCHEMA_VERSION,
    StatusInputs,
    TaskRef,
    VentureInfo,
    build_status_document,
    gap_key,
)

__all__ = [
    "SCHEMA_VERSION",
    "StatusInputs",
    "TaskRef",
    "VentureInfo",
    "build_status_document",
    "gap_key",
]
