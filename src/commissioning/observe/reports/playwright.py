"""Playwright's JSON reporter: ``suites[]`` (nested through ``suites[]``) hold ``specs[]``, each
with a ``file`` and ``tests[]`` whose ``status`` is the verdict after retries.

``expected`` and ``flaky`` pass, ``unexpected`` fails, ``skipped`` (or an expected skip) is
skipped. Without a ``status``, the last of ``results[]`` decides.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from typing import Any

from commissioning.errors import LiveSourceError
from commissioning.observe.reports.model import CaseStatus, ParsedReport, ReportCase

_RESULT = {"passed": CaseStatus.PASSED, "failed": CaseStatus.FAILED,
           "timedOut": CaseStatus.FAILED, "interrupted": CaseStatus.FAILED,
           "skipped": CaseStatus.SKIPPED}


def parse_playwright(raw: bytes, shown: str) -> ParsedReport:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise LiveSourceError(f"test report {shown}: not valid JSON{where}",
                              hint="a report cut short by a crashed run? rerun the tests") from None
    if not isinstance(data, dict) or not isinstance(data.get("suites"), list):
        raise LiveSourceError(f"test report {shown}: not a Playwright JSON report (no "
                              "top-level 'suites' list)")
    config = data.get("config")
    root_dir = config.get("rootDir") if isinstance(config, dict) else None
    prefix = root_dir if isinstance(root_dir, str) else ""
    try:
        cases = tuple(_suite_cases(data["suites"], prefix, ""))
    except (TypeError, AttributeError, KeyError) as exc:
        raise LiveSourceError(f"test report {shown}: not a Playwright JSON report "
                              f"({type(exc).__name__}: {exc})") from None
    return ParsedReport(shown=shown, format="playwright", cases=cases)


def _suite_cases(suites: list[Any], prefix: str, inherited: str) -> Iterator[ReportCase]:
    for suite in suites:
        file = suite.get("file") or inherited
        for spec in suite.get("specs") or []:
            spec_file = spec.get("file") or file
            locators: list[str] = []
            if spec_file:
                locators += [posixpath.join(prefix, spec_file)] if prefix else []
                locators.append(spec_file)
            for test in spec.get("tests") or []:
                yield ReportCase(tuple(locators), str(spec.get("title", "")), _status(test))
        yield from _suite_cases(suite.get("suites") or [], prefix, file)


def _status(test: dict[str, Any]) -> CaseStatus:
    status = test.get("status")
    if status == "unexpected":
        return CaseStatus.FAILED
    if status == "flaky":
        return CaseStatus.PASSED
    if status == "skipped" or (status == "expected" and test.get("expectedStatus") == "skipped"):
        return CaseStatus.SKIPPED
    if status == "expected":
        return CaseStatus.PASSED
    results = test.get("results") or []
    if results:
        return _RESULT.get(str(results[-1].get("status")), CaseStatus.FAILED)
    return CaseStatus.SKIPPED
