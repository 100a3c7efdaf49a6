"""The test-report observer: state 10 (``commissioned``) from JUnit XML and Playwright JSON.

A table's e2e specs are the files that are its ``e2e_tests`` evidence. For every report and
every such spec, the report's tests in that file give one ``commissioned`` evidence item
(``source=report``): holding when they passed, ``holds=False`` when any failed. A table with any
failing e2e test gets only its failing items, so one green spec cannot hide a red one: the table
stays at 9 and the failure is shown.

A report that cannot be read (malformed, not a report) is an error diagnostic naming the file,
and ``commissioned`` becomes unknown for every table that has no passing evidence from another
report; the rest of the scan stands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from commissioning.errors import LiveSourceError
from commissioning.evidence import (
    Diagnostic,
    Evidence,
    Kind,
    Severity,
    Source,
    TableKey,
    Unknown,
)
from commissioning.observe.live.base import LiveResult, StaticView
from commissioning.observe.reports.junit import parse_junit
from commissioning.observe.reports.model import CaseStatus, ParsedReport
from commissioning.observe.reports.playwright import parse_playwright
from commissioning.observe.reports.specs import SpecIndex
from commissioning.observe.source_tree import SourceTree

VERSION = "1"
DETECTORS = (("report.junit", VERSION), ("report.playwright", VERSION))
MAX_REPORT_BYTES = 200_000_000


@dataclass(frozen=True, slots=True)
class ReportFile:
    """A report to read: where it is, and how messages name it."""

    path: Path
    shown: str


@dataclass(frozen=True, slots=True)
class _Tally:
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, status: CaseStatus) -> _Tally:
        return _Tally(self.passed + (status is CaseStatus.PASSED),
                      self.failed + (status is CaseStatus.FAILED),
                      self.skipped + (status is CaseStatus.SKIPPED))

    def describe(self) -> str:
        parts = [f"{n} {label}" for n, label in ((self.failed, "failed"),
                                                  (self.passed, "passed"),
                                                  (self.skipped, "skipped")) if n]
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ReportObserver:
    reports: tuple[ReportFile, ...]
    root: Path
    name: str = "test-reports"

    def observe(self, tree: SourceTree, static: StaticView) -> LiveResult:
        specs = _e2e_specs(static)
        index = SpecIndex(frozenset(specs), root=self.root.resolve().as_posix())
        parsed: list[ParsedReport] = []
        diagnostics: list[Diagnostic] = []
        failures: list[str] = []
        for report in self.reports:
            try:
                parsed.append(read_report(report))
            except LiveSourceError as exc:
                hint = f" (hint: {exc.hint})" if exc.hint else ""
                diagnostics.append(Diagnostic(Severity.ERROR, "report-unreadable",
                                              exc.message + hint, report.shown))
                failures.append(exc.message)
        tallies, unmapped = _tally(parsed, index)
        evidence = _evidence(specs, tallies)
        diagnostics.extend(_unmapped_notes(unmapped))
        if not self.reports:
            diagnostics.append(Diagnostic(Severity.INFO, "no-test-report",
                                          "no test report matched [live] reports"))
        return LiveResult(evidence=tuple(evidence),
                          unknowns=_unknowns(specs, evidence, failures),
                          diagnostics=tuple(diagnostics), detectors=DETECTORS)


def read_report(report: ReportFile) -> ParsedReport:
    """Parse one report, JSON or XML by its first character. Raises :class:`LiveSourceError`."""
    try:
        size = report.path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise LiveSourceError(f"test report {report.shown}: {size} bytes is over the "
                                  f"{MAX_REPORT_BYTES}-byte limit")
        raw = report.path.read_bytes()
    except OSError as exc:
        raise LiveSourceError(f"test report {report.shown}: cannot read it "
                              f"({exc.strerror or exc})") from None
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    parser: Callable[[bytes, str], ParsedReport]
    if head == b"{":
        parser = parse_playwright
    elif head == b"<":
        parser = parse_junit
    else:
        raise LiveSourceError(f"test report {report.shown}: neither JUnit XML nor Playwright "
                              "JSON" + (" (the file is empty)" if not head else ""))
    return parser(raw, report.shown)


def _e2e_specs(static: StaticView) -> dict[str, set[TableKey]]:
    """Spec path -> the tables it is e2e evidence for."""
    out: dict[str, set[TableKey]] = defaultdict(set)
    for item in static.evidence:
        if item.kind is Kind.E2E_TESTS and item.holds and item.path is not None:
            out[item.path].add(item.table)
    return out


def _tally(reports: Sequence[ParsedReport], index: SpecIndex) -> tuple[
        dict[tuple[str, str, str], _Tally], dict[str, int]]:
    """(spec, report, format) -> counts; and per report the number of tests in no spec."""
    tallies: dict[tuple[str, str, str], _Tally] = defaultdict(_Tally)
    unmapped: dict[str, int] = defaultdict(int)
    for report in reports:
        for case in report.cases:
            spec = index.resolve(case.locators)
            if spec is None:
                unmapped[report.shown] += 1
                continue
            key = (spec, report.shown, report.format)
            tallies[key] = tallies[key].add(case.status)
    return tallies, unmapped


def _evidence(specs: dict[str, set[TableKey]],
              tallies: dict[tuple[str, str, str], _Tally]) -> list[Evidence]:
    per_table: dict[TableKey, list[Evidence]] = defaultdict(list)
    for (spec, shown, fmt), tally in sorted(tallies.items()):
        if not tally.passed and not tally.failed:
            continue  # only skipped: says nothing either way
        for table in specs.get(spec, ()):
            per_table[table].append(Evidence(
                table, Kind.COMMISSIONED, f"report.{fmt}", source=Source.REPORT,
                observed=f"{spec}: {tally.describe()} ({fmt}: {shown})",
                holds=tally.failed == 0))
    out: list[Evidence] = []
    for items in per_table.values():
        failing = [e for e in items if not e.holds]
        out.extend(failing or items)
    return out


def _unknowns(specs: dict[str, set[TableKey]], evidence: list[Evidence],
              failures: list[str]) -> tuple[Unknown, ...]:
    """An unreadable report may hold the results of every table that no readable report
    speaks of: their ``commissioned`` is unknown, not missing."""
    if not failures:
        return ()
    spoken = {e.table for e in evidence}
    reason = "; ".join(sorted(failures))
    return tuple(Unknown(Kind.COMMISSIONED, reason, table)
                 for table in sorted({t for tables in specs.values() for t in tables} - spoken))


def _unmapped_notes(unmapped: dict[str, int]) -> list[Diagnostic]:
    return [Diagnostic(Severity.INFO, "report-tests-unmapped",
                       f"{count} test(s) are in no e2e spec of a table", shown)
            for shown, count in sorted(unmapped.items())]
