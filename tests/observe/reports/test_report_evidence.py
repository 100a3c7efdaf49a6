"""State 10 from test reports: passing e2e specs commission a table, a failing one keeps it at 9.

drizzle-mini's growers is at 9 from static evidence; its e2e spec is e2e/growers.spec.ts.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.cli.conftest import Run

from commissioning import services
from commissioning.errors import PathNotFoundError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
Document = dict[str, Any]



@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "drizzle-mini"
    shutil.copytree(FIXTURES / "drizzle-mini", root)
    (root / "reports").mkdir()
    return root


def junit(*cases: tuple[str, str, str]) -> str:
    """(classname, name, outcome) -> a Vitest-style JUnit report."""
    body = []
    for classname, name, outcome in cases:
        inner = {"passed": "", "failed": '<failure message="boom">Error</failure>',
                 "skipped": "<skipped/>"}[outcome]
        body.append(f'<testcase classname="{classname}" name="{name}">{inner}</testcase>')
    return (f'<?xml version="1.0"?>\n<testsuites name="e2e"><testsuite name="e2e">'
            f'{"".join(body)}</testsuite></testsuites>\n')


def playwright(root: Path, *specs: tuple[str, str]) -> str:
    """(title, status) of tests in growers.spec.ts, as Playwright's JSON reporter says them."""
    return json.dumps({
        "config": {"rootDir": (root / "e2e").as_posix()},
        "suites": [{"title": "growers.spec.ts", "file": "growers.spec.ts", "specs": [
            {"title": title, "file": "growers.spec.ts", "ok": status != "unexpected",
             "tests": [{"expectedStatus": "passed", "status": status,
                        "results": [{"status": "passed" if status == "expected" else "failed"}]}]}
            for title, status in specs]}],
    })


def write(root: Path, name: str, text: str) -> Path:
    path = root / "reports" / name
    path.write_text(text, encoding="utf-8")
    return path


def scan(root: Path, *reports: Path) -> Document:
    return services.scan(root, store=False, reports=reports).document


def growers(document: Document) -> Document:
    return next(t for t in document["tables"] if t["name"] == "growers")


def test_passing_e2e_tests_commission_the_table(mini: Path) -> None:
    report = write(mini, "e2e.xml", junit(("e2e/growers.spec.ts", "adds", "passed"),
                                          ("e2e/growers.spec.ts", "lists", "passed"),
                                          ("e2e/growers.spec.ts", "later", "skipped")))
    table = growers(scan(mini, report))
    assert table["state"] == 10 and table["gap"] is None
    assert table["evidence"]["commissioned"] == [{
        "detector": "report.junit", "source": "report",
        "observed": "e2e/growers.spec.ts: 2 passed, 1 skipped (junit: reports/e2e.xml)",
        "via": []}]


def test_a_failing_e2e_test_keeps_the_table_at_9_and_is_shown(mini: Path) -> None:
    report = write(mini, "results.json", playwright(
        mini, ("adds", "expected"), ("rejects", "unexpected")))
    table = growers(scan(mini, report))
    assert table["state"] == 9
    assert "commissioned" not in table["evidence"]
    assert table["failing"]["commissioned"] == [{
        "detector": "report.playwright", "source": "report",
        "observed": "e2e/growers.spec.ts: 1 failed, 1 passed (playwright: reports/results.json)",
        "via": [], "holds": False}]
    assert table["gap"]["kind"] == "commissioned" and table["gap"]["outcome"] == "missing"
    assert "1 failed" in table["gap"]["missing"]


def test_one_green_report_cannot_hide_a_red_one(mini: Path) -> None:
    green = write(mini, "a.xml", junit(("e2e/growers.spec.ts", "adds", "passed")))
    red = write(mini, "b.xml", junit(("growers.spec.ts", "adds", "failed")))
    table = growers(scan(mini, green, red))
    assert table["state"] == 9
    assert [e["observed"] for e in table["failing"]["commissioned"]] == [
        "e2e/growers.spec.ts: 1 failed (junit: reports/b.xml)"]


def test_tests_outside_any_tables_spec_are_noted_not_counted(mini: Path) -> None:
    report = write(mini, "e2e.xml", junit(("e2e/other.spec.ts", "x", "failed"),
                                          ("e2e/growers.spec.ts", "adds", "passed")))
    document = scan(mini, report)
    assert growers(document)["state"] == 10
    [note] = [d for d in document["diagnostics"] if d["code"] == "report-tests-unmapped"]
    assert note["path"] == "reports/e2e.xml" and note["message"].startswith("1 test(s)")


def test_only_skipped_tests_say_nothing(mini: Path) -> None:
    report = write(mini, "e2e.xml", junit(("e2e/growers.spec.ts", "adds", "skipped")))
    table = growers(scan(mini, report))
    assert table["state"] == 9 and table["gap"]["outcome"] == "missing"
    assert "commissioned" not in table["failing"]


def test_a_malformed_report_is_an_error_naming_it_and_the_scan_goes_on(mini: Path) -> None:
    static = scan(mini)
    broken = write(mini, "e2e.xml", '<testsuites><testsuite name="e2e"><testcase name="a"')
    document = scan(mini, broken)
    [error] = [d for d in document["diagnostics"] if d["code"] == "report-unreadable"]
    assert error["severity"] == "error" and error["path"] == "reports/e2e.xml"
    assert "test report reports/e2e.xml: not well-formed XML at line 1" in error["message"]
    table = growers(document)
    assert table["state"] == 9 and table["gap"]["outcome"] == "unknown"
    assert "not well-formed" in table["unknown"]["commissioned"]
    assert [t["state"] for t in document["tables"]] == [t["state"] for t in static["tables"]]


def test_a_good_report_beside_a_malformed_one_still_counts(mini: Path) -> None:
    good = write(mini, "a.xml", junit(("e2e/growers.spec.ts", "adds", "passed")))
    broken = write(mini, "b.json", "{")
    document = scan(mini, good, broken)
    assert growers(document)["state"] == 10
    assert any(d["code"] == "report-unreadable" for d in document["diagnostics"])


def test_a_missing_report_file_is_a_user_error(mini: Path) -> None:
    with pytest.raises(PathNotFoundError, match="no such test report"):
        scan(mini, mini / "reports" / "nope.xml")


def test_reports_come_from_config_globs(mini: Path) -> None:
    write(mini, "e2e.xml", junit(("e2e/growers.spec.ts", "adds", "passed")))
    with (mini / "commissioning.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[live]\nreports = ["reports/*.xml", "playwright-report/*.json"]\n')
    assert growers(scan(mini))["state"] == 10


def test_a_glob_that_matches_nothing_is_noted(mini: Path) -> None:
    with (mini / "commissioning.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[live]\nreports = ["playwright-report/*.json"]\n')
    document = scan(mini)
    assert any(d["code"] == "no-test-report" for d in document["diagnostics"])
    assert growers(document)["state"] == 9


def test_the_cli_takes_repeatable_reports(mini: Path, run: Callable[..., Run]) -> None:
    green = write(mini, "a.xml", junit(("e2e/growers.spec.ts", "adds", "passed")))
    red = write(mini, "b.xml", junit(("e2e/growers.spec.ts", "rejects", "failed")))
    assert run("verify", "growers", "--state", "10", "-C", str(mini),
               "--report", str(green)).code == 0
    result = run("check", "--min-state", "10", "-C", str(mini), "--json",
                 "--report", str(green), "--report", str(red))
    assert result.code == 1 and "Traceback" not in result.err
    result = run("scan", str(mini), "--no-store", "--report", str(mini / "reports" / "x.xml"))
    assert result.code == 2 and "no such test report" in result.err
    result = run("scan", str(mini), "--no-store", "--report", str(write(mini, "c.xml", "<a")))
    assert result.code == 0 and "warning:" in result.err and "reports/c.xml" in result.err
