"""The governance API: token roles gate proposing and deciding; the governance roles gate who
decides what; an approved waiver lifts the table on the next scan. And the proposals board."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.web.live import app_for

from commissioning import services
from commissioning.services import auth


@dataclass(frozen=True)
class Api:
    http: TestClient
    tokens: dict[str, str]

    def post(self, url: str, who: str | None, json: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return self.http.post(url, json=json, headers=headers)

    def state(self, table: str) -> int:
        value: int = self.http.get(f"/api/tables/{table}").json()["state"]
        return value


@pytest.fixture
def api(plant: Path) -> Iterator[Api]:
    with (plant / "commissioning.toml").open("a", encoding="utf-8") as config:
        config.write('\n[governance.roles]\nsenior = ["@alice"]\nceo = ["@matt"]\n')
    services.scan(plant)
    app, _ = app_for(plant)
    store = app.state.ws.store
    tokens = {"reader": auth.issue_token(store, "reader", "reader-bot").token,
              "bob": auth.issue_token(store, "agent", "@bob").token,
              "carol": auth.issue_token(store, "admin", "@carol").token,
              "alice-reader": auth.issue_token(store, "reader", "alice").token,
              "alice": auth.issue_token(store, "admin", "@alice").token}
    with TestClient(app) as http:
        yield Api(http, tokens)


WAIVER = {"action": "waive_evidence", "subject": {"table": "quality_holds", "kind": "crud_ui"},
          "reason": "holds are placed from the batch page"}


def test_a_waiver_approved_by_the_wrong_role_is_refused_and_by_the_right_one_lifts_the_table(
        api: Api) -> None:
    assert api.post("/api/proposals", None, WAIVER).status_code == 401
    assert api.post("/api/proposals", "reader", WAIVER).status_code == 403
    submitted = api.post("/api/proposals", "bob", WAIVER)
    assert submitted.status_code == 201, submitted.text
    proposal = submitted.json()
    assert (proposal["status"], proposal["proposed_by"]) == ("NEEDS_REVIEW", "@bob")
    assert proposal["subject"] == {"table": "quality_holds", "schema": "public",
                                   "kind": "crud_ui"}
    url = f"/api/proposals/{proposal['id']}/approve"
    # A reader token cannot decide at all, whatever its name; an admin without the governance
    # role cannot either; nor can the proposer.
    for who, fragment in (("alice-reader", "may not decide proposals"),
                          ("carol", "@carol may not approve"), ("bob", "@bob may not approve")):
        refused = api.post(url, who, {"reason": "ok"})
        assert refused.status_code == 403, who
        assert fragment in refused.json()["message"]
    assert api.state("quality_holds") == 5
    approved = api.post(url, "alice", {"reason": "agreed"})
    assert approved.status_code == 200
    assert approved.json()["status"] == "EXECUTED"
    assert api.state("quality_holds") == 5, "not before the next scan"
    assert api.post("/api/scans", "bob", {}).status_code == 201
    assert api.state("quality_holds") == 6
    again = api.post(url, "alice", {"reason": "twice"})
    assert again.status_code == 409


def test_proposals_are_listed_shown_and_validated(api: Api) -> None:
    api.post("/api/proposals", "bob", WAIVER)
    board = api.http.get("/api/proposals").json()
    assert board["pending"] == 1 and board["matrix"]["roles"] == {"ceo": ["@matt"],
                                                                  "senior": ["@alice"]}
    one = api.http.get(f"/api/proposals/{board['proposals'][0]['id']}").json()
    assert [e["to"] for e in one["events"]] == ["SUBMITTED", "EVALUATION", "NEEDS_REVIEW"]
    assert api.http.get("/api/proposals/999").status_code == 404
    assert api.http.get("/api/proposals?status=nope").status_code == 400
    blank = api.post(f"/api/proposals/{one['id']}/reject", "alice", {"reason": ""})
    assert blank.status_code == 422
    bad = api.post("/api/proposals", "bob", {**WAIVER, "action": "promote"})
    assert bad.status_code == 400


def test_the_proposals_board_decides_with_the_signed_in_token(api: Api) -> None:
    pid = api.post("/api/proposals", "bob", WAIVER).json()["id"]
    page = api.http.get("/proposals", headers={"accept": "text/html"})
    assert page.status_code == 200 and f'id="proposal-{pid}"' in page.text
    assert api.http.get("/proposals.json").json()["pending"] == 1
    api.http.cookies.set("commissioning_token", api.tokens["carol"])
    hx = {"HX-Request": "true"}
    refused = api.http.post(f"/proposals/{pid}/decide", headers=hx,
                            data={"verdict": "approve", "reason": "ok"})
    assert refused.status_code == 403 and "@carol may not approve" in refused.text
    api.http.cookies.set("commissioning_token", api.tokens["alice"])
    done = api.http.post(f"/proposals/{pid}/decide", headers=hx,
                         data={"verdict": "approve", "reason": "agreed"})
    assert done.status_code == 200 and f"#{pid}: EXECUTED by @alice" in done.text


def test_the_workflow_is_served(api: Api) -> None:
    workflow = api.http.get("/api/workflow").json()
    assert workflow["company"]["phase"] == "IMPLEMENTATION"
    assert workflow["pm"]["state"] == "EXECUTE"
