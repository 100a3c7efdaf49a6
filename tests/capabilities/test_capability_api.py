"""The capability API and the Control Room's capability matrix (and its JSON twin)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.live import app_for

from commissioning import services
from commissioning.services import auth, capability_commands


@pytest.fixture
def client(plant: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    capability_commands.sync(plant)
    services.scan(plant)  # after the sync: the scan's document carries them
    app, _ = app_for(plant)
    ws = app.state.ws
    tokens = {role: auth.issue_token(ws.store, role, f"{role}-bot").token
              for role in ("reader", "agent", "admin")}
    with TestClient(app) as test_client:
        yield test_client, tokens


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_matrix_and_one_capability_are_read(
        client: tuple[TestClient, dict[str, str]]) -> None:
    http, _ = client
    overview = http.get("/api/capabilities").json()
    assert overview["summary"]["capabilities"] == 8 and overview["summary"]["gaps"] == 5
    one = http.get("/api/capabilities/farm-register").json()
    assert (one["claimed_level"], one["verified_level"], one["gap"]) == ("L2", "L2", None)
    missing = http.get("/api/capabilities/nope")
    assert missing.status_code == 404 and missing.json()["error"] == "UnknownCapabilityError"
    status = http.get("/api/commissioning/status").json()
    assert {c["slug"] for c in status["capabilities"]} == {c["slug"] for c in
                                                          overview["capabilities"]}


def test_evidence_is_posted_by_agents_with_their_name(
        client: tuple[TestClient, dict[str, str]]) -> None:
    http, tokens = client
    body = {"usage": {"count": 96, "window_days": 7}, "source": "kiosk analytics"}
    assert http.post("/api/capabilities/batch-release/evidence", json=body).status_code == 401
    refused = http.post("/api/capabilities/batch-release/evidence", json=body,
                        headers=_auth(tokens["reader"]))
    assert refused.status_code == 403 and refused.json()["needs"] == ["agent", "admin"]
    posted = http.post("/api/capabilities/batch-release/evidence", json=body,
                       headers=_auth(tokens["agent"]))
    assert posted.status_code == 201, posted.text
    shown = posted.json()
    assert (shown["verified_level"], shown["recorded_by"]) == ("L3", "agent-bot")
    (said,) = shown["levels"]["L3"]["evidence"]
    assert said.startswith("96 uses in 7 days to ") and said.endswith("(agent-bot)")
    verified = http.post("/api/capabilities/lab-sample-results/evidence",
                         json={"test_results": [{"test": "e2e/lab.spec.ts", "status": "failed"}],
                               "verified": True}, headers=_auth(tokens["agent"]))
    assert verified.status_code == 201
    assert verified.json()["verified_by"] == "agent-bot"
    empty = http.post("/api/capabilities/batch-release/evidence", json={},
                      headers=_auth(tokens["agent"]))
    assert empty.status_code == 400 and "no evidence given" in empty.json()["message"]


def test_the_capability_page_has_a_json_twin(
        client: tuple[TestClient, dict[str, str]]) -> None:
    http, _ = client
    html = http.get("/capabilities", headers={"accept": "text/html"})
    assert html.status_code == 200
    assert 'data-testid="capability-matrix"' in html.text and "whey-sales" in html.text
    twin = http.get("/capabilities.json").json()
    assert twin["summary"]["gaps"] == 5 and [lv["level"] for lv in twin["levels"]] == [
        "L1", "L2", "L3", "L4"]
    assert http.get("/capabilities?format=json").json() == twin
