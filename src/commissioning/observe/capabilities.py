"""Observe a capability's evidence in the venture: receipts in the tree, tests in the reports.

Read-only. A receipt ``path`` holds when that file or folder exists inside the venture (never
outside it); ``path#Symbol`` also needs the symbol as a whole word in the file, and names the
line. A test ``spec`` (``e2e/intake.spec.ts``, optionally ``::title text``) is looked up in the
ingested test reports with the same readers and spec resolution as state 10 of the table ladder
(``observe/reports``): per report, how many of its tests passed and failed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from commissioning.capabilities import Receipt, ReceiptCheck, TestCheck
from commissioning.errors import ConfigError, LiveSourceError
from commissioning.observe.reports import ReportFile, read_report
from commissioning.observe.reports.model import CaseStatus
from commissioning.observe.reports.specs import SpecIndex

MAX_FILE_BYTES = 2_000_000


def read_spec(root: Path, spec: str) -> str:
    """The feature matrix's text; :class:`ConfigError` when it is missing or unreadable."""
    path = root / spec
    if not path.is_file():
        raise ConfigError(f"no feature matrix at {spec}", path=spec,
                          hint='write it, or point [capabilities] spec = "…" at it')
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the feature matrix: {exc}", path=spec) from None


def _inside(root: Path, relative: str) -> Path | None:
    if not relative or relative.startswith("/") or "\\" in relative:
        return None
    candidate = (root / relative).resolve()
    base = root.resolve()
    return candidate if candidate == base or base in candidate.parents else None


def check_receipt(root: Path, receipt: Receipt) -> ReceiptCheck:
    path = _inside(root, receipt.path)
    if path is None or not path.exists():
        return ReceiptCheck(receipt.ref, False, f"{receipt.path} does not exist")
    if receipt.symbol is None:
        return ReceiptCheck(receipt.ref, True, receipt.path)
    if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
        return ReceiptCheck(receipt.ref, False, f"{receipt.path} is not a readable file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ReceiptCheck(receipt.ref, False, f"{receipt.path} is not UTF-8 text")
    word = re.compile(rf"(?<![\w$]){re.escape(receipt.symbol)}(?![\w$])")
    for number, line in enumerate(text.splitlines(), start=1):
        if word.search(line):
            return ReceiptCheck(receipt.ref, True, f"{receipt.path}:{number}")
    return ReceiptCheck(receipt.ref, False, f"{receipt.symbol} is not in {receipt.path}")


def check_receipts(root: Path, receipts: Iterable[Receipt]) -> tuple[ReceiptCheck, ...]:
    return tuple(sorted(check_receipt(root, r) for r in receipts))


@dataclass(frozen=True, slots=True)
class TestOutcomes:
    """Per test reference, how it fared in each readable report; and the unreadable ones."""

    __test__ = False

    checks: tuple[TestCheck, ...]
    problems: tuple[str, ...] = ()


def _split(ref: str) -> tuple[str, str]:
    spec, _, title = ref.partition("::")
    return spec.strip().removeprefix("./"), title.strip().lower()


def test_outcomes(root: Path, reports: Sequence[ReportFile],
                  tests: Iterable[str]) -> TestOutcomes:
    """How every referenced test fared in ``reports`` (a report that cannot be read is named in
    ``problems`` and counts for nothing)."""
    refs = sorted(set(tests))
    if not refs or not reports:
        return TestOutcomes(())
    by_spec: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ref in refs:
        spec, title = _split(ref)
        by_spec[spec].append((ref, title))
    index = SpecIndex(frozenset(by_spec), root=root.resolve().as_posix())
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    problems = []
    for report in reports:
        try:
            parsed = read_report(report)
        except LiveSourceError as exc:
            problems.append(exc.message)
            continue
        for case in parsed.cases:
            found = index.resolve(case.locators)
            if found is None or case.status is CaseStatus.SKIPPED:
                continue
            for ref, title in by_spec[found]:
                if title and title not in case.title.lower():
                    continue
                counts = tally[(ref, report.shown)]
                counts[0 if case.status is CaseStatus.PASSED else 1] += 1
    checks = tuple(sorted(TestCheck(ref, passed, failed, shown)
                          for (ref, shown), (passed, failed) in tally.items()))
    return TestOutcomes(checks, tuple(problems))
