"""An MCP client session (the SDK's own client) calling every tool, over HTTP and over stdio."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mcp import Client, StdioServerParameters
from tests.web.live import LiveServer, app_for, scanned_copy

from commissioning.services import auth
from commissioning.services.context import Workspace

TOOLS = {"get_status", "list_gaps", "show_table", "list_tasks", "post_attestation"}


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    monkeypatch.delenv("COMMISSIONING_DB", raising=False)
    app, _ = app_for(scanned_copy(tmp_path))
    with LiveServer(app) as live:
        yield live


def _data(result: Any) -> Any:
    """A tool result's JSON: structured content when given, else the text."""
    assert not result.is_error, result.content
    if result.structured_content is not None:
        content = result.structured_content
        return content.get("result", content) if isinstance(content, dict) and \
            set(content) == {"result"} else content
    return json.loads(result.content[0].text)


def _error(result: Any) -> dict[str, Any]:
    """The one error shape, after the SDK's ``Error executing tool NAME:`` prefix."""
    assert result.is_error
    text = result.content[0].text
    body: dict[str, Any] = json.loads(text[text.index("{"):])
    return body


async def _every_tool(client: Client, agent_token: str | None) -> None:
    listed = await client.list_tools()
    assert {t.name for t in listed.tools} == TOOLS
    status = _data(await client.call_tool("get_status", {}))
    assert status["summary"]["tables"] == 4
    assert {t["name"] for t in status["tables"]} >= {"growers", "sensors"}
    full = _data(await client.call_tool("get_status", {"full": True}))
    assert full["schema_version"] == 1
    gaps = _data(await client.call_tool("list_gaps", {"kind": "migration"}))
    assert [g["table"] for g in gaps] == ["sensors"]
    table = _data(await client.call_tool("show_table", {"name": "growers"}))
    assert table["state"] == 9 and len(table["rungs"]) == 10
    missing = _error(await client.call_tool("show_table", {"name": "nope"}))
    assert missing["error"] == "UnknownTableError"
    tasks = _data(await client.call_tool("list_tasks", {}))
    assert tasks and all("moves" in t for t in tasks)
    args = {"table": "sensors", "kind": "migration", "reason": "applied by hand (OPS-7)"}
    bogus = {**args, "token": "cm_000000000000_not-a-secret"}
    assert _error(await client.call_tool("post_attestation", bogus))["error"] == "AuthError"
    if agent_token is not None:
        anonymous = _error(await client.call_tool("post_attestation", args))
        assert anonymous["error"] == "AuthError", "a write needs a token"
        args["token"] = agent_token
    posted = _data(await client.call_tool("post_attestation", args))
    assert posted["table"] == "sensors" and posted["role"] == "agent"


def test_every_tool_over_streamable_http(served: LiveServer) -> None:
    ws: Workspace = served.app.state.ws
    token = auth.issue_token(ws.store, "agent", "mcp-agent").token

    async def session() -> None:
        async with Client(f"{served.url}/mcp") as client:
            await _every_tool(client, token)

    asyncio.run(session())
    assert [a.author for a in ws.store.attestations.list_for(ws.name)] == ["mcp-agent"]


def test_the_http_bearer_header_identifies_the_agent(served: LiveServer) -> None:
    import httpx2
    from mcp.client.streamable_http import streamable_http_client

    ws: Workspace = served.app.state.ws
    token = auth.issue_token(ws.store, "agent", "header-agent").token
    reader = auth.issue_token(ws.store, "reader", "header-reader").token

    async def post_as(bearer: str) -> Any:
        http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {bearer}"})
        async with http, Client(streamable_http_client(f"{served.url}/mcp",
                                                       http_client=http)) as client:
            return await client.call_tool("post_attestation", {
                "table": "harvests", "kind": "data", "reason": "seeded by the nightly job"})

    assert _data(asyncio.run(post_as(token)))["author"] == "header-agent"
    assert _error(asyncio.run(post_as(reader)))["error"] == "PermissionDeniedError"


def test_every_tool_over_stdio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMMISSIONING_DB", raising=False)
    root = scanned_copy(tmp_path)
    app, settings = app_for(root)
    ws: Workspace = app.state.ws
    token = auth.issue_token(ws.store, "agent", "stdio-agent").token
    ws.close()
    command = Path(sys.executable).parent / "commission"
    params = StdioServerParameters(command=str(command), args=["mcp", "-C", str(root)],
                                   env={"COMMISSIONING_TOKEN": token, "PATH": "/usr/bin:/bin"})

    async def session() -> None:
        async with Client(params) as client:
            await _every_tool(client, None)

    asyncio.run(session())
    with Workspace(settings) as again:
        assert [a.author for a in again.store.attestations.list_for(again.name)] == \
            ["stdio-agent"]
