"""Who may write: every role against every write, tokens stored only as hashes, cookies."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import text
from tests.web.live import Tokens

from commissioning.services import auth
from commissioning.services.auth import ROLES, Action
from commissioning.services.context import Workspace

Write = Callable[[TestClient, dict[str, str], str], Response]


def _task_key(client: TestClient) -> str:
    tasks = client.get("/api/tasks").json()
    return next(t["key"] for t in tasks if t["phase"] == "PLANNED")


WRITES: dict[str, Write] = {
    "post attestation": lambda c, h, _: c.post(
        "/api/attestations", headers=h,
        json={"table": "harvests", "kind": "data", "reason": "seeded by hand"}),
    "trigger scan": lambda c, h, _: c.post("/api/scans", headers=h),
    "move task": lambda c, h, key: c.post(
        f"/api/tasks/{key}/move", headers=h, json={"to": "IMPLEMENTING", "reason": "started"}),
}

# Who gets what: no token or a bad one 401, a role that may not 403, else done.
EXPECTED = {
    ("none", "post attestation"): 401, ("none", "trigger scan"): 401, ("none", "move task"): 401,
    ("bogus", "post attestation"): 401, ("bogus", "trigger scan"): 401,
    ("bogus", "move task"): 401,
    ("reader", "post attestation"): 403, ("reader", "trigger scan"): 403,
    ("reader", "move task"): 403,
    ("agent", "post attestation"): 201, ("agent", "trigger scan"): 201,
    ("agent", "move task"): 403,
    ("admin", "post attestation"): 201, ("admin", "trigger scan"): 201,
    ("admin", "move task"): 200,
}


def _headers(who: str, tokens: Tokens) -> dict[str, str]:
    if who == "none":
        return {}
    if who == "bogus":
        return {"Authorization": "Bearer cm_000000000000_not-a-real-secret"}
    return {"Authorization": f"Bearer {getattr(tokens, who)}"}


@pytest.mark.parametrize(("who", "write"), sorted(EXPECTED))
def test_auth_matrix(client: TestClient, tokens: Tokens, who: str, write: str) -> None:
    key = _task_key(client)
    response = WRITES[write](client, _headers(who, tokens), key)
    expected = EXPECTED[(who, write)]
    assert response.status_code == expected, response.text
    if expected >= 400:
        body = response.json()
        assert {"error", "message", "hint"} <= set(body)
        assert body["error"] == ("AuthError" if expected == 401 else "PermissionDeniedError")
    if expected == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    if expected == 403:
        assert response.json()["role"] == who


def test_the_matrix_follows_the_declared_permissions() -> None:
    names = {"post attestation": Action.ATTEST, "trigger scan": Action.SCAN,
             "move task": Action.MOVE_TASK}
    for (who, write), status in EXPECTED.items():
        if who in ROLES:
            assert (status < 400) == (who in auth.ALLOWED[names[write]]), (who, write)


def test_a_move_is_audited_with_the_tokens_name(client: TestClient, tokens: Tokens) -> None:
    key = _task_key(client)
    moved = client.post(f"/api/tasks/{key}/move", json={"to": "IMPLEMENTING"},
                        headers={"Authorization": f"Bearer {tokens.admin}"}).json()
    assert moved["actor"] == "test-admin (admin)"
    history = client.get(f"/api/tasks/{key}/transitions").json()["history"]
    assert history[-1]["actor"] == "test-admin (admin)"
    assert history[-1]["to"] == "IMPLEMENTING"


def test_a_refused_transition_is_a_409_naming_the_allowed_ones(
        client: TestClient, tokens: Tokens) -> None:
    key = _task_key(client)
    response = client.post(f"/api/tasks/{key}/move", json={"to": "COMPLETE"},
                           headers={"Authorization": f"Bearer {tokens.admin}"})
    assert response.status_code == 409
    assert response.json()["error"] == "TransitionRefused"
    assert "IMPLEMENTING" in response.json()["allowed"]


def test_only_a_salted_hash_is_stored(ws: Workspace) -> None:
    issued = auth.issue_token(ws.store, "agent", "hash-check")
    secret = issued.token.split("_", 2)[2]
    with ws.store.engine.connect() as connection:
        row = connection.execute(text(
            "SELECT * FROM api_tokens WHERE name = 'hash-check'")).mappings().one()
    assert secret not in " ".join(str(v) for v in row.values())
    assert row["digest"] == auth.digest(row["salt"], secret)
    other = auth.issue_token(ws.store, "agent", "hash-check-2")
    assert ws.store.tokens.by_public_id(other.public_id).salt != row["salt"]  # type: ignore[union-attr]


def test_revoked_and_tampered_tokens_are_refused(client: TestClient, ws: Workspace) -> None:
    issued = auth.issue_token(ws.store, "admin", "short-lived")
    tampered = issued.token[:-2] + ("AA" if not issued.token.endswith("AA") else "BB")
    for token in (tampered, "cm_onlytwo", "Basic abc"):
        response = client.post("/api/scans", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
    auth.revoke_token(ws.url, "short-lived")
    response = client.post("/api/scans", headers={"Authorization": f"Bearer {issued.token}"})
    assert response.status_code == 401
    assert "revoked" in response.json()["message"]


def test_a_cookie_writes_only_from_htmx_on_this_origin(client: TestClient, tokens: Tokens) -> None:
    client.post("/login", data={"token": tokens.admin, "next": "/board"},
                follow_redirects=False)
    assert client.cookies.get("commissioning_token") == tokens.admin
    key = _task_key(client)
    bare = client.post(f"/board/tasks/{key}/move", data={"to": "IMPLEMENTING"})
    assert bare.status_code == 401, "a cookie alone never writes (CSRF)"
    foreign = client.post(f"/board/tasks/{key}/move", data={"to": "IMPLEMENTING"},
                          headers={"HX-Request": "true", "Origin": "http://evil.example"})
    assert foreign.status_code == 401
    ok = client.post(f"/board/tasks/{key}/move", data={"to": "IMPLEMENTING"},
                     headers={"HX-Request": "true", "Origin": "http://testserver"})
    assert ok.status_code == 200
    assert f"{key}: PLANNED → IMPLEMENTING" in ok.text


def test_login_refuses_a_bad_token_and_never_redirects_off_site(
        client: TestClient, tokens: Tokens) -> None:
    bad = client.post("/login", data={"token": "cm_x_y"}, headers={"accept": "text/html"})
    assert bad.status_code == 401 and "not valid" in bad.text
    away = client.post("/login", data={"token": tokens.reader, "next": "//evil.example/"},
                       follow_redirects=False)
    assert away.headers["location"] == "/"
