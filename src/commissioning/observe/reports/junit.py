"""JUnit XML, as pytest, Jest (jest-junit), Vitest and Playwright's junit reporter write it.

Parsed with the standard library after refusing any DTD: a test report never needs one, and
refusing it rules out entity expansion (billion laughs) and external entities. A test fails on
``<failure>`` or ``<error>``, is skipped on ``<skipped>``, passes otherwise.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from commissioning.errors import LiveSourceError
from commissioning.observe.reports.model import CaseStatus, ParsedReport, ReportCase

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_FILE_ATTRIBUTES = ("file", "filepath", "filename")


def parse_junit(raw: bytes, shown: str) -> ParsedReport:
    if _DTD.search(raw):
        raise LiveSourceError(f"test report {shown}: refused: it declares a DTD or entities, "
                              "which no JUnit report needs")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        raise LiveSourceError(f"test report {shown}: not well-formed XML at line {line}, "
                              f"column {column + 1}",
                              hint="a report cut short by a crashed run? rerun the tests") from None
    if _local(root.tag) not in ("testsuites", "testsuite"):
        raise LiveSourceError(f"test report {shown}: not a JUnit report (its root element is "
                              f"<{_local(root.tag)}>, not <testsuites> or <testsuite>)")
    return ParsedReport(shown=shown, format="junit", cases=tuple(_cases(root, ())))


def _cases(element: ET.Element, suites: tuple[ET.Element, ...]) -> Iterator[ReportCase]:
    for child in element:
        tag = _local(child.tag)
        if tag == "testsuite":
            yield from _cases(child, (*suites, child))
        elif tag == "testcase":
            yield ReportCase(_locators(child, suites), child.get("name", ""), _status(child))


def _status(case: ET.Element) -> CaseStatus:
    tags = {_local(c.tag) for c in case}
    if tags & {"failure", "error"}:
        return CaseStatus.FAILED
    if "skipped" in tags:
        return CaseStatus.SKIPPED
    return CaseStatus.PASSED


def _locators(case: ET.Element, suites: tuple[ET.Element, ...]) -> tuple[str, ...]:
    found: list[str] = [v for a in _FILE_ATTRIBUTES if (v := case.get(a))]
    for suite in reversed(suites):
        found.extend(v for a in _FILE_ATTRIBUTES if (v := suite.get(a)))
    if classname := case.get("classname"):
        found.append(classname)
    found.extend(v for suite in reversed(suites) if (v := suite.get("name")))
    return tuple(dict.fromkeys(found))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
