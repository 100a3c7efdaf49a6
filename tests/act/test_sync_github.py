"""GitHub Issues through the outbox, against a local GitHub: outages, 429, lost answers,
closing and reopening, and a person's changes read back."""

from __future__ import annotations

import re
from typing import Any

from tests.act.conftest import Rig

KEYS = ["greenhouse/growers/10", "greenhouse/harvests/3", "greenhouse/pollination_logs/1",
        "greenhouse/sensors/2"]
SENSORS_MIGRATION = "CREATE TABLE sensors (id serial primary key, label text);\n"


def _by_key(rig: Rig) -> dict[str, dict[str, Any]]:
    out = {}
    for issue in rig.github.issues.values():
        match = re.search(r"commission-key: (\S+) -->", str(issue["body"]))
        assert match, issue
        assert match.group(1) not in out, "duplicate issue"
        out[match.group(1)] = issue
    return out


def _labels(issue: dict[str, Any]) -> set[str]:
    return {label["name"] for label in issue["labels"]}


def _posting(title: str):  # type: ignore[no-untyped-def]
    return lambda method, path, body: method == "POST" and title in (body or {}).get("title", "")


def test_sync_opens_one_issue_per_task_and_resync_changes_nothing(rig: Rig) -> None:
    rig.scan()
    report = rig.only(rig.sync("github"), "github")
    assert report.delivery is not None and report.delivery.delivered == 4
    assert report.queued == 0 and report.backfilled == 0
    issues = _by_key(rig)
    assert sorted(issues) == KEYS
    harvests = issues["greenhouse/harvests/3"]
    assert _labels(harvests) == {"commissioning", "phase: Planned", "kind: data"}
    assert "## Implementation Checklist" in harvests["body"]
    assert "Owner: @greenhouse/data" in harvests["body"]
    writes = len(rig.github.writes())
    for _ in range(2):
        rig.scan()
        again = rig.only(rig.sync("github"), "github")
        assert again.delivery is not None and again.delivery.delivered == 0
    assert len(rig.github.writes()) == writes and len(rig.github.issues) == 4


def test_an_outage_loses_nothing_and_the_next_sync_delivers_each_once(rig: Rig) -> None:
    rig.scan()
    rig.github.down = True  # every request: the connection is dropped
    report = rig.only(rig.sync("github"), "github")
    assert report.delivery is not None and report.delivery.delivered == 0
    assert report.delivery.stopped and report.queued == 4
    assert rig.clock.slept == [0.5, 1.0]  # retried in-run with backoff, then left queued
    assert report.queue is not None and "cannot reach" in str(report.queue.last_error)
    assert rig.github.issues == {}
    rig.github.down = False
    early = rig.only(rig.sync("github"), "github")  # its backoff has not elapsed: untouched
    assert early.delivery is not None and early.delivery.delivered == 0 and early.queued == 4
    rig.clock.advance(31)
    late = rig.only(rig.sync("github"), "github")
    assert late.delivery is not None and late.delivery.delivered == 4 and late.queued == 0
    assert sorted(_by_key(rig)) == KEYS and len(rig.github.writes("POST")) == 4


def test_an_outage_mid_sync_resumes_in_order_exactly_once(rig: Rig) -> None:
    rig.scan()
    rig.github.fail(3, status=502, when=_posting("pollination_logs"))
    report = rig.only(rig.sync("github"), "github")
    assert report.delivery is not None and report.delivery.delivered == 2  # growers, harvests
    assert report.queued == 2 and report.delivery.stopped
    resumed = rig.only(rig.sync("github", force=True), "github")
    assert resumed.delivery is not None and resumed.delivery.delivered == 2
    assert sorted(_by_key(rig)) == KEYS and len(rig.github.writes("POST")) == 4


def test_a_lost_answer_after_github_stored_the_issue_creates_no_duplicate(rig: Rig) -> None:
    rig.scan()
    rig.github.fail(1, kind="lost", when=_posting("harvests"))  # stored, answer lost (502)
    report = rig.only(rig.sync("github"), "github")
    assert report.delivery is not None and report.delivery.delivered == 4
    assert report.delivery.requests_retried == 1
    assert sorted(_by_key(rig)) == KEYS  # found again by its key marker, not created twice


def test_429_retry_after_is_honoured_in_run_and_between_syncs(rig: Rig) -> None:
    rig.scan()
    rig.github.fail(1, status=429, retry_after="2", when=_posting("growers"))
    report = rig.only(rig.sync("github"), "github")
    assert report.delivery is not None and report.delivery.delivered == 4
    assert rig.clock.slept == [2.0]
    rig.root.joinpath("drizzle", "0001_sensors.sql").write_text(SENSORS_MIGRATION, "utf-8")
    rig.scan()  # sensors/2 is verified: its issue closes; sensors/3 is new
    rig.github.fail(1, status=429, retry_after="120",  # longer than max_wait (5 s)
                    when=lambda method, path, body: method != "GET")
    held = rig.only(rig.sync("github"), "github")
    assert held.delivery is not None and held.delivery.delivered == 0 and held.queued == 2
    assert held.queue is not None and held.queue.next_attempt_at is not None
    assert (held.queue.next_attempt_at - rig.clock.now).total_seconds() == 120
    rig.clock.advance(60)
    assert rig.only(rig.sync("github"), "github").queued == 2  # still waiting for it
    rig.clock.advance(61)
    done = rig.only(rig.sync("github"), "github")
    assert done.queued == 0 and done.delivery is not None and done.delivery.delivered == 2


def test_a_closed_gap_closes_the_issue_and_a_regression_reopens_it(rig: Rig) -> None:
    rig.scan()
    rig.sync("github")
    migration = rig.root / "drizzle" / "0001_sensors.sql"
    migration.write_text(SENSORS_MIGRATION, encoding="utf-8")
    rig.scan()
    rig.sync("github")
    sensors = _by_key(rig)["greenhouse/sensors/2"]
    assert (sensors["state"], sensors["state_reason"]) == ("closed", "completed")
    assert "phase: Verified" in _labels(sensors)
    assert _by_key(rig)["greenhouse/sensors/3"]["state"] == "open"
    migration.unlink()
    rig.scan()
    rig.sync("github")
    sensors = _by_key(rig)["greenhouse/sensors/2"]
    assert (sensors["state"], sensors["state_reason"]) == ("open", "reopened")
    assert "phase: In Progress" in _labels(sensors)


def test_a_table_that_disappears_closes_its_issue_as_not_planned(rig: Rig) -> None:
    rig.scan()
    rig.sync("github")
    schema = rig.root / "src" / "db" / "schema.ts"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text[:text.index("// greenhouses")], encoding="utf-8")
    rig.scan()
    rig.sync("github")
    sensors = _by_key(rig)["greenhouse/sensors/2"]
    assert (sensors["state"], sensors["state_reason"]) == ("closed", "not_planned")


def test_a_person_s_change_in_github_is_read_back_through_the_machine(rig: Rig) -> None:
    from commissioning.services import task_commands

    rig.scan()
    rig.sync("github")
    number = _by_key(rig)["greenhouse/harvests/3"]["number"]
    rig.github.person_relabels(number, "phase: In Progress")
    rig.github.issues[number]["labels"].append({"name": "good first issue"})
    report = rig.only(rig.sync("github"), "github")
    assert report.read_back == ("greenhouse/harvests/3: PLANNED → IMPLEMENTING "
                                "('In Progress' in github)",)
    view = task_commands.show_task(rig.root, "harvests/3")
    assert view.task.phase == "IMPLEMENTING"
    last = view.history[-1]
    assert (last.actor, last.command) == ("github", "tasks sync --sink github")
    assert "good first issue" in _labels(rig.github.issues[number])  # a person's label stays
    # closing it by hand while the detector does not fire: refused, and reopened by us
    rig.github.person_closes(number)
    refused = rig.only(rig.sync("github"), "github")
    assert refused.read_back == () and len(refused.refused) == 1
    assert "cannot move from IMPLEMENTING to COMPLETE" in refused.refused[0]
    assert rig.github.issues[number]["state"] == "open"
    assert task_commands.show_task(rig.root, "harvests/3").task.phase == "IMPLEMENTING"
    # a ticked checklist in the issue body is read back
    body = rig.github.issues[number]["body"]
    rig.github.issues[number]["body"] = body.replace("- [ ] ", "- [x] ")
    rig.sync("github")
    task = task_commands.show_task(rig.root, "harvests/3").task
    assert task.checklist_done == len(task.checklist)


def test_a_timeout_is_retried_and_the_late_answer_creates_no_duplicate(rig: Rig) -> None:
    rig.scan()
    # GitHub stores the issue, but answers after the client gave up waiting
    rig.github.fail(1, kind="slow", seconds=0.6, when=_posting("sensors"))
    report = rig.only(rig.sync("github", timeout=0.3), "github")
    assert report.delivery is not None and report.delivery.delivered == 4
    assert report.delivery.requests_retried == 1
    assert sorted(_by_key(rig)) == KEYS


def test_a_tracker_that_refuses_connections_keeps_everything_queued(rig: Rig) -> None:
    import shutil
    import socket

    from tests.act.conftest import FIXTURES, configure

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    shutil.copy(FIXTURES / "drizzle-mini" / "commissioning.toml", rig.root)
    configure(rig.root, f"http://127.0.0.1:{port}", "http://127.0.0.1:9", '["github"]')
    rig.scan()
    report = rig.only(rig.sync("github"), "github")
    assert report.delivery is not None and report.delivery.stopped and report.queued == 4
    assert "cannot reach" in str(report.delivery.stopped)


def test_a_missing_token_is_a_clean_config_error(rig: Rig, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from commissioning.errors import ConfigError

    monkeypatch.delenv("GITHUB_TOKEN")
    rig.scan()
    with pytest.raises(ConfigError, match=r"\$GITHUB_TOKEN"):
        rig.sync("github")
