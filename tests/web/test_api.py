"""The JSON API over a stored scan of drizzle-mini: reads, the status cache, errors, writes."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from tests.web.live import Tokens, app_for

from commissioning import services
from commissioning.services.context import Workspace

ERROR_KEYS = {"error", "message", "hint"}


def test_status_is_the_stored_document_with_the_snapshot_as_etag(
        client: TestClient, venture: Path) -> None:
    stored = services.latest_status(venture)
    response = client.get("/api/commissioning/status")
    assert response.status_code == 200
    assert response.json() == stored
    assert response.headers["etag"] == f'W/"{stored["snapshot"]["id"]}"'
    assert response.headers["cache-control"] == "no-cache"


def test_if_none_match_gives_304_until_a_new_snapshot(client: TestClient, venture: Path) -> None:
    etag = client.get("/api/commissioning/status").headers["etag"]
    for sent in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*"):
        again = client.get("/api/commissioning/status", headers={"If-None-Match": sent})
        assert again.status_code == 304, sent
        assert again.content == b""
    assert client.get("/api/commissioning/status",
                      headers={"If-None-Match": '"sha256:old"'}).status_code == 200
    (venture / "src" / "db" / "extra.ts").write_text(
        'import { pgTable, serial } from "drizzle-orm/pg-core";\n'
        'export const crates = pgTable("crates", { id: serial("id").primaryKey() });\n')
    services.scan(venture)
    fresh = client.get("/api/commissioning/status", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert fresh.headers["etag"] != etag
    assert "crates" in {t["name"] for t in fresh.json()["tables"]}


def test_the_document_is_parsed_once_per_scan(client: TestClient, ws: Workspace) -> None:
    client.get("/api/commissioning/status")
    cached = ws.cached_status()
    assert cached is not None
    client.get("/api/commissioning/status")
    client.get("/api/tables")
    assert ws.cached_status() is cached


def test_tables_with_filters(client: TestClient) -> None:
    rows = client.get("/api/tables").json()
    assert [r["name"] for r in rows] == ["growers", "harvests", "pollination_logs", "sensors"]
    growers = rows[0]
    assert growers["state"] == 9
    assert [c["n"] for c in growers["cells"]] == list(range(1, 11))
    assert growers["cells"][9] == {"n": 10, "kind": "commissioned", "outcome": "missing",
                                   "items": 0, "gap": True}
    assert [r["name"] for r in client.get("/api/tables?state=1").json()] == ["sensors"]
    assert [r["name"] for r in client.get("/api/tables?q=ARV").json()] == ["harvests"]
    assert [r["name"] for r in client.get("/api/tables?profile=idea").json()] == \
        ["pollination_logs"]
    assert client.get("/api/tables?state=11").status_code == 422


def test_one_table_spells_out_every_rung(client: TestClient) -> None:
    table = client.get("/api/tables/growers").json()
    assert table["name"] == "growers"
    assert len(table["rungs"]) == 10
    schema = table["rungs"][0]
    assert schema["outcome"] == "present"
    assert schema["evidence"][0]["path"].endswith(".ts")
    assert isinstance(schema["evidence"][0]["line"], int)
    ui = next(r for r in table["rungs"] if r["kind"] == "crud_ui")
    assert any(item["via"] for item in ui["evidence"]), "the import chain is shown"


def test_unknown_table_is_a_404_in_the_one_error_shape(client: TestClient) -> None:
    response = client.get("/api/tables/nope")
    assert response.status_code == 404
    body = response.json()
    assert set(body) >= ERROR_KEYS
    assert body["error"] == "UnknownTableError"


def test_framework_errors_have_the_same_shape(client: TestClient) -> None:
    for response, status, name in (
        (client.get("/api/no-such-route"), 404, "NotFound"),
        (client.delete("/api/tables"), 405, "MethodNotAllowed"),
        (client.post("/api/attestations", json={"table": 1}), 401, "AuthError"),
    ):
        assert response.status_code == status
        assert set(response.json()) >= ERROR_KEYS
        assert response.json()["error"] == name


def test_gaps_machines_and_scans(client: TestClient) -> None:
    gaps = client.get("/api/gaps").json()
    assert {g["table"] for g in gaps} == {"growers", "harvests", "pollination_logs", "sensors"}
    assert [g["kind"] for g in client.get("/api/gaps?kind=data").json()] == ["data"]
    machines = {m["name"] for m in client.get("/api/machines").json()}
    assert {"table", "task"} <= machines
    table = client.get("/api/machines/table").json()
    assert table["kind"] == "ladder" and table["mermaid"].startswith("stateDiagram-v2")
    mermaid = client.get("/api/machines/task?format=mermaid")
    assert mermaid.headers["content-type"].startswith("text/plain")
    assert "IMPLEMENTING" in mermaid.text
    assert client.get("/api/machines/nope").json()["error"] == "UnknownMachineError"
    scans = client.get("/api/scans").json()
    assert len(scans) == 1 and scans[0]["tables"] == 4


def test_openapi_is_served_at_api_openapi_json(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/commissioning/status", "/api/tables", "/api/tables/{name}", "/api/gaps",
            "/api/tasks", "/api/tasks/{key}", "/api/tasks/{key}/transitions",
            "/api/tasks/{key}/move", "/api/machines", "/api/machines/{name}", "/api/scans",
            "/api/attestations"} <= paths
    assert "/" not in paths, "pages are not part of the API"


def test_an_attestation_counts_from_the_next_scan(client: TestClient, tokens: Tokens) -> None:
    before = client.get("/api/tables/sensors").json()
    assert before["state"] == 1 and before["gap"]["kind"] == "migration"
    posted = client.post("/api/attestations", headers={"Authorization": f"Bearer {tokens.agent}"},
                         json={"table": "sensors", "kind": "migration",
                               "reason": "created by hand in production (ticket OPS-12)",
                               "observed": "\\d sensors shows the table"})
    assert posted.status_code == 201
    assert posted.json()["author"] == "test-agent" and posted.json()["role"] == "agent"
    assert client.get("/api/tables/sensors").json()["state"] == 1, "not before a rescan"
    rescan = client.post("/api/scans", headers={"Authorization": f"Bearer {tokens.agent}"})
    assert rescan.status_code == 201 and rescan.json()["changed"] is True
    after = client.get("/api/tables/sensors").json()
    assert after["state"] == 2
    item = after["evidence"]["migration"][0]
    assert item["source"] == "attestation"
    assert "test-agent (agent)" in item["observed"] and "OPS-12" in item["observed"]
    listed = client.get("/api/attestations?table=sensors").json()
    assert [a["kind"] for a in listed] == ["migration"]


def test_attestation_input_is_checked(client: TestClient, tokens: Tokens) -> None:
    auth = {"Authorization": f"Bearer {tokens.agent}"}
    cases = [
        ({"table": "nope", "kind": "etl", "reason": "x"}, 404),
        ({"table": "sensors", "kind": "bogus", "reason": "x"}, 422),
        ({"table": "sensors", "kind": "etl", "reason": "   "}, 422),
        ({"table": "sensors", "kind": "etl", "reason": "x", "extra": 1}, 422),
    ]
    for body, status in cases:
        response = client.post("/api/attestations", headers=auth, json=body)
        assert response.status_code == status, (body, response.text)
        assert set(response.json()) >= ERROR_KEYS


def test_reads_can_require_a_token(venture: Path, tokens: Tokens) -> None:
    app, _ = app_for(venture, require_read_token=True)
    with TestClient(app) as client:
        assert client.get("/api/commissioning/status").status_code == 401
        assert client.get("/api/tables").json()["error"] == "AuthError"
        assert client.get("/healthz").status_code == 200, "liveness stays open"
        for token in (tokens.reader, tokens.agent, tokens.admin):
            ok = client.get("/api/commissioning/status",
                            headers={"Authorization": f"Bearer {token}"})
            assert ok.status_code == 200


def test_no_scan_yet_is_a_404_that_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    app, _ = app_for(tmp_path / "empty")
    with TestClient(app) as client:
        response = client.get("/api/commissioning/status")
    assert response.status_code == 404
    assert response.json()["error"] == "NoScanError"
    assert "POST /api/scans" in response.json()["hint"]


def test_within_the_ttl_the_store_is_not_asked_again(venture: Path, tokens: Tokens) -> None:
    app, _ = app_for(venture, status_ttl=3600)
    with TestClient(app) as client:
        first = client.get("/api/commissioning/status").headers["etag"]
        (venture / "src" / "db" / "extra.ts").write_text(
            'import { pgTable, serial } from "drizzle-orm/pg-core";\n'
            'export const crates = pgTable("crates", { id: serial("id").primaryKey() });\n')
        services.scan(venture)
        assert client.get("/api/commissioning/status").headers["etag"] == first, "cached"
        client.post("/api/scans", headers={"Authorization": f"Bearer {tokens.agent}"})
        assert client.get("/api/commissioning/status").headers["etag"] != first, \
            "a rescan through this server refreshes at once"


def test_the_document_is_gzipped_for_clients_that_accept_it(client: TestClient) -> None:
    plain = client.get("/api/commissioning/status", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    packed = client.get("/api/commissioning/status", headers={"Accept-Encoding": "br, gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["vary"] == "Accept-Encoding"
    assert packed.json() == plain.json()
    refused = client.get("/api/commissioning/status",
                         headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers
