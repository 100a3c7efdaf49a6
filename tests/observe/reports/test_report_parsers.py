"""JUnit XML as pytest, Jest, Vitest and Playwright write it; Playwright's JSON reporter."""

from __future__ import annotations

import json

import pytest

from commissioning.errors import LiveSourceError
from commissioning.observe.reports.junit import parse_junit
from commissioning.observe.reports.model import CaseStatus
from commissioning.observe.reports.playwright import parse_playwright
from commissioning.observe.reports.specs import SpecIndex

PYTEST = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="4">
<testcase classname="tests.e2e.test_intake" name="test_add" file="tests/e2e/test_intake.py"
          line="3" time="0.1"/>
<testcase classname="tests.e2e.test_intake.TestReject" name="test_reject" time="0.1">
  <failure message="assert 1 == 2">tests/e2e/test_intake.py:20: AssertionError</failure>
</testcase>
<testcase classname="tests.e2e.test_intake" name="test_later" time="0">
  <skipped message="not yet"/></testcase>
<testcase classname="tests.e2e.test_intake" name="test_boom" time="0">
  <error message="fixture failed"/></testcase>
</testsuite></testsuites>"""

JEST = b"""<testsuites name="jest tests" tests="2" failures="0">
<testsuite name="intake" tests="2" failures="0">
<testcase classname="intake adds" name="intake adds" file="e2e/intake.spec.ts"/>
<testcase classname="intake lists" name="intake lists" file="e2e/intake.spec.ts"/>
</testsuite></testsuites>"""

VITEST = b"""<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="1" failures="0" errors="0" time="0.5">
<testsuite name="e2e/intake.spec.ts" timestamp="2026-11-21T10:00:00" tests="1" failures="0">
<testcase classname="e2e/intake.spec.ts" name="intake &gt; adds a collection" time="0.2"/>
</testsuite></testsuites>"""

PLAYWRIGHT_JUNIT = b"""<testsuites id="" name="" tests="2" failures="1" skipped="0" errors="0">
<testsuite name="intake.spec.ts" hostname="chromium" tests="2" failures="1">
<testcase name="adds a collection" classname="intake.spec.ts" time="1.2"/>
<testcase name="rejects a collection" classname="intake.spec.ts" time="2.1">
<failure message="intake.spec.ts:20:5 rejects" type="FAILURE">Error: expect(...)</failure>
</testcase></testsuite></testsuites>"""


def test_pytest_junit() -> None:
    report = parse_junit(PYTEST, "reports/pytest.xml")
    assert [c.status for c in report.cases] == [CaseStatus.PASSED, CaseStatus.FAILED,
                                                CaseStatus.SKIPPED, CaseStatus.FAILED]
    assert report.cases[0].locators[0] == "tests/e2e/test_intake.py"
    index = SpecIndex(frozenset({"tests/e2e/test_intake.py", "tests/unit/test_intake.py"}))
    assert {index.resolve(c.locators) for c in report.cases} == {"tests/e2e/test_intake.py"}


@pytest.mark.parametrize(("raw", "statuses"), [
    (JEST, [CaseStatus.PASSED, CaseStatus.PASSED]),
    (VITEST, [CaseStatus.PASSED]),
    (PLAYWRIGHT_JUNIT, [CaseStatus.PASSED, CaseStatus.FAILED]),
], ids=["jest", "vitest", "playwright-junit"])
def test_js_junit_reports_map_to_the_spec(raw: bytes, statuses: list[CaseStatus]) -> None:
    report = parse_junit(raw, "r.xml")
    assert [c.status for c in report.cases] == statuses
    index = SpecIndex(frozenset({"e2e/intake.spec.ts", "e2e/growers.spec.ts"}))
    assert {index.resolve(c.locators) for c in report.cases} == {"e2e/intake.spec.ts"}


def test_a_bare_testsuite_root_is_fine() -> None:
    raw = b'<testsuite name="x"><testcase name="t" classname="e2e/a.spec.ts"/></testsuite>'
    assert len(parse_junit(raw, "r.xml").cases) == 1


@pytest.mark.parametrize(("raw", "fragment"), [
    (b"<testsuites><testsuite><testcase name='x'>", "not well-formed XML at line 1"),
    (b"<html><body>502 Bad Gateway</body></html>", "not a JUnit report"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<testsuites/>',
     "declares a DTD"),
    (b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><testsuites/>', "declares a DTD"),
], ids=["truncated", "not-junit", "entities", "external-dtd"])
def test_a_bad_junit_file_is_a_clear_error_naming_it(raw: bytes, fragment: str) -> None:
    with pytest.raises(LiveSourceError) as caught:
        parse_junit(raw, "reports/e2e.xml")
    assert caught.value.message.startswith("test report reports/e2e.xml: ")
    assert fragment in caught.value.message


def _pw_test(status: str, *results: str, expected: str = "passed") -> dict[str, object]:
    return {"expectedStatus": expected, "status": status, "projectName": "chromium",
            "results": [{"status": r, "retry": i} for i, r in enumerate(results)]}


PLAYWRIGHT = {
    "config": {"rootDir": "/ci/work/venture/e2e", "version": "1.48.0"},
    "suites": [{
        "title": "intake.spec.ts", "file": "intake.spec.ts", "specs": [
            {"title": "adds", "file": "intake.spec.ts", "ok": True,
             "tests": [_pw_test("expected", "passed")]},
            {"title": "retries", "file": "intake.spec.ts", "ok": True,
             "tests": [_pw_test("flaky", "failed", "passed")]},
        ],
        "suites": [{"title": "rejecting", "file": "intake.spec.ts", "specs": [
            {"title": "rejects", "file": "intake.spec.ts", "ok": False,
             "tests": [_pw_test("unexpected", "failed", "timedOut")]},
            {"title": "later", "file": "intake.spec.ts", "ok": True,
             "tests": [_pw_test("skipped", "skipped", expected="skipped")]},
        ]}],
    }],
    "errors": [],
    "stats": {"expected": 1, "unexpected": 1, "flaky": 1, "skipped": 1},
}


def test_playwright_json_walks_nested_suites_and_reads_verdicts_after_retries() -> None:
    report = parse_playwright(json.dumps(PLAYWRIGHT).encode(), "playwright-report/r.json")
    assert [(c.title, c.status) for c in report.cases] == [
        ("adds", CaseStatus.PASSED), ("retries", CaseStatus.PASSED),
        ("rejects", CaseStatus.FAILED), ("later", CaseStatus.SKIPPED)]
    index = SpecIndex(frozenset({"e2e/intake.spec.ts"}), root="/ci/work/venture")
    assert report.cases[0].locators[0] == "/ci/work/venture/e2e/intake.spec.ts"
    assert {index.resolve(c.locators) for c in report.cases} == {"e2e/intake.spec.ts"}


def test_without_a_status_the_last_result_decides() -> None:
    data = {"suites": [{"file": "a.spec.ts", "specs": [
        {"title": "t", "tests": [{"results": [{"status": "failed"}, {"status": "passed"}]}]},
        {"title": "u", "tests": [{"results": [{"status": "timedOut"}]}]}]}]}
    report = parse_playwright(json.dumps(data).encode(), "r.json")
    assert [c.status for c in report.cases] == [CaseStatus.PASSED, CaseStatus.FAILED]


@pytest.mark.parametrize(("raw", "fragment"), [
    (b'{"suites": [', "not valid JSON at line 1"),
    (b'{"tests": []}', "no top-level 'suites' list"),
    (b'{"suites": [{"specs": "nope"}]}', "not a Playwright JSON report"),
    (b"[1, 2]", "no top-level 'suites' list"),
], ids=["truncated", "no-suites", "wrong-shape", "a-list"])
def test_a_bad_playwright_file_is_a_clear_error_naming_it(raw: bytes, fragment: str) -> None:
    with pytest.raises(LiveSourceError) as caught:
        parse_playwright(raw, "playwright-report/r.json")
    assert caught.value.message.startswith("test report playwright-report/r.json: ")
    assert fragment in caught.value.message


def test_an_ambiguous_name_resolves_to_no_spec() -> None:
    index = SpecIndex(frozenset({"e2e/admin/list.spec.ts", "e2e/shop/list.spec.ts"}))
    assert index.resolve(["list.spec.ts"]) is None
    assert index.resolve(["list.spec.ts", "shop/list.spec.ts"]) == "e2e/shop/list.spec.ts"
    assert index.resolve(["./e2e/admin/list.spec.ts"]) == "e2e/admin/list.spec.ts"
    assert index.resolve(["e2e\\admin\\list.spec.ts"]) == "e2e/admin/list.spec.ts"
    assert index.resolve(["other/list.spec.ts", "nothing"]) is None
