"""Assess: pure evaluation of evidence against a ladder machine."""

from commissioning.assess.ladder import MISSING_TEXT, assess
from commissioning.assess.model import (
    Assessment,
    Gap,
    KindResult,
    Outcome,
    TableAssessment,
    Waiver,
)

__all__ = [
    "MISSING_TEXT",
    "Assessment",
    "Gap",
    "KindResult",
    "Outcome",
    "TableAssessment",
    "Waiver",
    "assess",
]
