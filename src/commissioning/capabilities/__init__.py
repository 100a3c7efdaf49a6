"""Capabilities (seed 000): product features at L0–L4, claimed in the feature matrix, verified
from evidence on the ``capability`` ladder. Pure: no I/O, no clock."""

from commissioning.capabilities.ladder import (
    DEFAULT_FRESHNESS_DAYS,
    CapabilityAssessment,
    CapabilityGap,
    Facts,
    LevelResult,
    ReceiptCheck,
    TestCheck,
    assess_capability,
    assessment_to_dict,
)
from commissioning.capabilities.model import (
    CapabilityEvidence,
    CapabilityKind,
    CapabilityRecord,
    CapabilitySpec,
    Receipt,
    ResultStatus,
    TestResult,
    Usage,
    evidence_from_json,
    evidence_to_json,
    is_slug,
    level_name,
    parse_level,
)
from commissioning.capabilities.spec import parse_feature_matrix

__all__ = [
    "DEFAULT_FRESHNESS_DAYS",
    "CapabilityAssessment",
    "CapabilityEvidence",
    "CapabilityGap",
    "CapabilityKind",
    "CapabilityRecord",
    "CapabilitySpec",
    "Facts",
    "LevelResult",
    "Receipt",
    "ReceiptCheck",
    "ResultStatus",
    "TestCheck",
    "TestResult",
    "Usage",
    "assess_capability",
    "assessment_to_dict",
    "evidence_from_json",
    "evidence_to_json",
    "is_slug",
    "level_name",
    "parse_feature_matrix",
    "parse_level",
]
