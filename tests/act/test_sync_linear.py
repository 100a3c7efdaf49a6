"""Linear through the outbox, against a local GraphQL server: states, comments, read back."""

from __future__ import annotations

from tests.act.conftest import Rig

from commissioning.act.sinks.linear import issue_id
from commissioning.services import task_commands

HARVESTS = "greenhouse/harvests/3"
SENSORS_MIGRATION = "CREATE TABLE sensors (id serial primary key, label text);\n"


def _gql(operation: str):  # type: ignore[no-untyped-def]
    return lambda method, path, body: operation in (body or {}).get("query", "")[:40]


def test_issues_land_in_the_team_with_the_phase_as_a_workflow_state(rig: Rig) -> None:
    rig.scan()
    report = rig.only(rig.sync("linear"), "linear")
    assert report.delivery is not None and report.delivery.delivered == 8  # 4 issues, 4 comments
    issue = rig.linear.issues[issue_id(HARVESTS)]
    assert issue["state"]["name"] == "Todo"  # PLANNED: no "Planned" state, "Todo" is listed
    assert "## Implementation Checklist" in issue["description"]
    (comment,) = rig.linear.comments_on(issue_id(HARVESTS))
    assert "IDEA → PLANNED" in comment["body"] and "scanner" in comment["body"]
    writes = len(rig.linear.writes())
    rig.scan()
    rig.sync("linear")
    assert len(rig.linear.log) > writes and len(rig.linear.issues) == 4
    assert len(rig.linear.comments) == 4


def test_every_transition_is_a_comment_and_a_closed_gap_is_done(rig: Rig) -> None:
    rig.scan()
    rig.sync("linear")
    rig.root.joinpath("drizzle", "0001_sensors.sql").write_text(SENSORS_MIGRATION, "utf-8")
    rig.scan()
    rig.sync("linear")
    sensors = rig.linear.issues[issue_id("greenhouse/sensors/2")]
    assert sensors["state"]["name"] == "Done"  # VERIFIED: the team's first "completed" state
    bodies = [c["body"] for c in rig.linear.comments_on(sensors["id"])]
    assert len(bodies) == 2 and "PLANNED → VERIFIED" in bodies[1]
    assert "evidence found: sql.create_table at drizzle/0001_sensors.sql:1" in bodies[1]


def test_lost_answers_create_neither_a_second_issue_nor_a_second_comment(rig: Rig) -> None:
    rig.scan()
    rig.linear.fail(1, kind="lost", when=_gql("mutation IssueCreate"))
    rig.linear.fail(1, kind="lost", when=_gql("mutation CommentCreate"))
    report = rig.only(rig.sync("linear"), "linear")
    assert report.delivery is not None and report.delivery.delivered == 8
    assert report.delivery.requests_retried == 2
    assert len(rig.linear.issues) == 4 and len(rig.linear.comments) == 4


def test_rate_limited_and_down_then_everything_once(rig: Rig) -> None:
    rig.scan()
    rig.linear.fail(1, status=400, when=_gql("mutation IssueCreate"), body={"errors": [{
        "message": "Rate limit exceeded", "extensions": {"code": "RATELIMITED"}}]})
    rig.linear.fail(20, kind="drop", when=_gql("mutation CommentCreate"))
    report = rig.only(rig.sync("linear"), "linear")
    assert report.delivery is not None and report.delivery.stopped
    assert report.delivery.requests_retried >= 3  # the 429 once, the drops twice
    assert report.queued == 4 and len(rig.linear.comments) == 0  # the comments wait
    rig.linear.failures.clear()
    rig.clock.advance(3600)
    done = rig.only(rig.sync("linear"), "linear")
    assert done.queued == 0
    assert len(rig.linear.issues) == 4 and len(rig.linear.comments) == 4


def test_a_person_s_move_in_linear_is_read_back_or_refused(rig: Rig) -> None:
    rig.scan()
    rig.sync("linear")
    ident = issue_id(HARVESTS)
    rig.linear.person_moves(ident, "In Review")  # PLANNED -> VERIFYING: not an edge
    refused = rig.only(rig.sync("linear"), "linear")
    assert len(refused.refused) == 1 and "PLANNED may move to" in refused.refused[0]
    assert rig.linear.issues[ident]["state"]["name"] == "Todo"  # set back
    assert task_commands.show_task(rig.root, "harvests/3").task.phase == "PLANNED"
    rig.linear.person_moves(ident, "In Progress")
    moved = rig.only(rig.sync("linear"), "linear")
    assert moved.read_back == (f"{HARVESTS}: PLANNED → IMPLEMENTING ('In Progress' in linear)",)
    view = task_commands.show_task(rig.root, "harvests/3")
    assert view.task.phase == "IMPLEMENTING" and view.history[-1].actor == "linear"
    bodies = [c["body"] for c in rig.linear.comments_on(ident)]
    assert "PLANNED → IMPLEMENTING" in bodies[-1]
    assert len(bodies) == 2


def test_configured_state_names_win(rig: Rig) -> None:
    config = rig.root / "commissioning.toml"
    config.write_text(config.read_text("utf-8") + '\n[tasks.linear.states]\n'
                      'PLANNED = "Backlog"\n', encoding="utf-8")
    rig.scan()
    rig.sync("linear")
    assert rig.linear.issues[issue_id(HARVESTS)]["state"]["name"] == "Backlog"
    assert rig.only(rig.sync("linear"), "linear").read_back == ()  # read back as PLANNED
