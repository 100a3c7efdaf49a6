"""A2A: the agent card (read by the SDK's resolver) and a conversation through the SDK's client."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from a2a.client import ClientConfig, create_client
from a2a.client.card_resolver import parse_agent_card
from a2a.helpers.proto_helpers import get_data_parts, get_text_parts, new_data_part, new_text_part
from a2a.types.a2a_pb2 import Message, Role, SendMessageRequest
from tests.web.live import LiveServer, app_for, scanned_copy

from commissioning.agents.a2a import parse_request
from commissioning.errors import UserInputError
from commissioning.services import auth
from commissioning.services.context import Workspace


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    monkeypatch.delenv("COMMISSIONING_DB", raising=False)
    app, _ = app_for(scanned_copy(tmp_path))
    with LiveServer(app) as live:
        yield live


def test_the_card_describes_the_skills_and_the_endpoint(served: LiveServer) -> None:
    raw = httpx.get(f"{served.url}/.well-known/agent-card.json").json()
    card = parse_agent_card(raw)
    assert card.name == "Commissioning · greenhouse"
    assert [s.id for s in card.skills] == ["commissioning-status", "list-gaps", "show-table",
                                          "post-evidence"]
    assert card.supported_interfaces[0].url == f"{served.url}/a2a"
    assert card.supported_interfaces[0].protocol_binding == "JSONRPC"
    posting = card.skills[3]
    assert "bearer" in posting.security_requirements[0].schemes
    assert card.security_schemes["bearer"].http_auth_security_scheme.scheme == "bearer"


def _ask(url: str, parts: list[Any], token: str | None = None) -> tuple[str, Any]:
    async def conversation() -> tuple[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with httpx.AsyncClient(headers=headers, timeout=30) as http:
            client = await create_client(url, ClientConfig(streaming=False, httpx_client=http))
            request = SendMessageRequest(message=Message(
                role=Role.ROLE_USER, message_id="m-1", parts=parts))
            replies = [event async for event in client.send_message(request)]
        message = replies[-1].message
        return "\n".join(get_text_parts(message.parts)), get_data_parts(message.parts)[0]

    return asyncio.run(conversation())


def test_status_gaps_and_a_table_by_text(served: LiveServer) -> None:
    text, data = _ask(served.url, [new_text_part("status")])
    assert text.startswith("4 tables")
    assert data["summary"]["tables"] == 4
    text, data = _ask(served.url, [new_text_part("gaps")])
    assert text == f"{len(data)} gaps" and {g["table"] for g in data} >= {"sensors"}
    text, data = _ask(served.url, [new_text_part("table growers")])
    assert text == "growers: state 9 E2E Tests"


def test_posting_evidence_needs_the_agent_role(served: LiveServer) -> None:
    ws: Workspace = served.app.state.ws
    agent = auth.issue_token(ws.store, "agent", "a2a-agent").token
    reader = auth.issue_token(ws.store, "reader", "a2a-reader").token
    ask = [new_data_part({"skill": "post-evidence", "table": "harvests", "kind": "data",
                          "reason": "the seed ran in staging", "line": 3, "path": "seed.sql"})]
    text, data = _ask(served.url, ask)
    assert data["error"]["error"] == "AuthError"
    _, data = _ask(served.url, ask, reader)
    assert data["error"]["error"] == "PermissionDeniedError"
    text, data = _ask(served.url, ask, agent)
    assert text.startswith("recorded attestation #")
    assert data["author"] == "a2a-agent" and data["line"] == 3


def test_requests_name_a_skill_by_data_or_by_word() -> None:
    assert parse_request([], [{"skill": "list-gaps", "kind": "etl"}]) == \
        ("list-gaps", {"kind": "etl"})
    assert parse_request(["show", "growers"], []) == ("show-table", {"table": "growers"})
    assert parse_request([], []) == ("commissioning-status", {})
    with pytest.raises(UserInputError):
        parse_request(["dance"], [])
