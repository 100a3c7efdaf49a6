"""A test report, reduced to what commissioning needs: which test of which file ended how."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CaseStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class ReportCase:
    """One test. ``locators`` are the report's names for its file, most specific first (a
    ``file`` attribute, a class name, a suite name); ``observe.reports.specs`` resolves them."""

    locators: tuple[str, ...]
    title: str
    status: CaseStatus


@dataclass(frozen=True, slots=True)
class ParsedReport:
    shown: str  # the report's path as messages show it (relative to the venture when inside)
    format: str  # "junit" or "playwright"
    cases: tuple[ReportCase, ...]
