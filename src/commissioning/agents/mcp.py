"""The MCP server: the same services as tools, over stdio (``commission mcp``) or HTTP (``/mcp``).

Tools: ``get_status``, ``list_gaps``, ``show_table``, ``list_tasks`` (reads) and
``post_attestation`` (a write: it needs a token with the agent or admin role). The token is the
tool's ``token`` argument, else the HTTP request's ``Authorization: Bearer`` header, else the
token the stdio server was started with (``commission mcp --token`` or
``COMMISSIONING_TOKEN``). Errors come back as tool errors whose text is the SDK's
``Error executing tool NAME:`` followed by the one JSON error shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from commissioning import __version__
from commissioning.errors import CommissioningError
from commissioning.services import attestations, board, queries
from commissioning.services.auth import Action, Principal, check
from commissioning.services.context import Workspace

P = ParamSpec("P")
R = TypeVar("R")

INSTRUCTIONS = (
    "Commissioning tells where every data table of a venture stands on a 10-state ladder "
    "(0 Idea … 10 Fully Commissioned), with the evidence (file:line) for each state, and turns "
    "each gap (the first missing state) into a task. Start with get_status, then list_gaps or "
    "show_table. post_attestation records evidence you observed, with your reason; it counts "
    "from the next scan."
)


def _errors_as_tool_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Our errors reach the model as ``is_error`` results holding the one JSON error shape."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CommissioningError as exc:
            raise ToolError(json.dumps(exc.to_dict(), ensure_ascii=False)) from exc

    return wrapper


def _bearer(ctx: Context | None) -> str | None:
    headers = ctx.headers if ctx is not None else None
    if not headers:
        return None
    scheme, _, value = (headers.get("authorization") or "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def build_mcp(ws: Workspace, *, token: str | None = None) -> MCPServer:
    """An MCP server over ``ws``. ``token`` is the identity of a stdio session's writes."""
    server: MCPServer = MCPServer(name="commissioning", title="Commissioning",
                                  instructions=INSTRUCTIONS, version=__version__,
                                  log_level="WARNING")
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=False)

    def caller(action: Action, given: str | None, ctx: Context | None) -> Principal:
        presented = given or _bearer(ctx) or token
        return check(ws.store, presented, action,
                     open_reads=not ws.settings.require_read_token)

    @server.tool(annotations=read_only)
    @_errors_as_tool_errors
    def get_status(full: bool = False, token: str | None = None,
                   ctx: Context | None = None) -> dict[str, Any]:
        """The venture's commissioning status from the latest stored scan: the summary (tables,
        tables per state, gaps, mean state) and each table's state; ``full`` returns the whole
        status document with every evidence item."""
        caller(Action.READ, token, ctx)
        document = queries.current_status(ws).document
        if full:
            return document
        return {
            "venture": document["venture"], "snapshot": document["snapshot"],
            "summary": document["summary"],
            "tables": [{"name": t["name"], "schema": t["schema"], "state": t["state"],
                        "state_name": t["state_name"],
                        "gap": None if t["gap"] is None else
                        f"{t['gap']['state']} {t['gap']['kind']}"}
                       for t in document["tables"]],
        }

    @server.tool(annotations=read_only)
    @_errors_as_tool_errors
    def list_gaps(kind: str | None = None, actionable: bool = False, token: str | None = None,
                  ctx: Context | None = None) -> list[dict[str, Any]]:
        """Every gap (a table's first missing state): what is missing, why, and which sibling
        table already has that evidence (the file to follow). ``actionable`` drops unknowns."""
        caller(Action.READ, token, ctx)
        return queries.gap_list(queries.current_status(ws).document, kind=kind,
                                actionable_only=actionable)

    @server.tool(annotations=read_only)
    @_errors_as_tool_errors
    def show_table(name: str, token: str | None = None,
                   ctx: Context | None = None) -> dict[str, Any]:
        """One table: every state with its evidence (file:line and import chain, live facts,
        attestations), waivers, unknowns, and its gap with the command that verifies it."""
        caller(Action.READ, token, ctx)
        return queries.table_detail(queries.current_status(ws).document, name)

    @server.tool(annotations=read_only)
    @_errors_as_tool_errors
    def list_tasks(phase: str | None = None, token: str | None = None,
                   ctx: Context | None = None) -> list[dict[str, Any]]:
        """The tasks the gaps became, with phase, owner, and the transitions allowed next."""
        caller(Action.READ, token, ctx)
        return board.list_tasks(ws, phase=phase)

    @server.tool(annotations=ToolAnnotations(read_only_hint=False, destructive_hint=False,
                                             idempotent_hint=False, open_world_hint=False))
    @_errors_as_tool_errors
    def post_attestation(table: str, kind: str, reason: str, observed: str = "",
                         path: str | None = None, line: int | None = None,
                         token: str | None = None, ctx: Context | None = None,
                         ) -> dict[str, Any]:
        """Attest evidence for a table (kind: schema, migration, data, repository,
        server_actions, crud_ui, etl, a2a_api, e2e_tests or commissioned) with the reason it
        holds. Needs a token with the agent or admin role. Counts from the next scan."""
        who = caller(Action.ATTEST, token, ctx)
        return attestations.post_attestation(ws, who, table=table, kind=kind, reason=reason,
                                             observed=observed, path=path, line=line)

    return server


def run_stdio(ws: Workspace, *, token: str | None = None) -> None:
    """``commission mcp``: serve the tools over stdin/stdout until the client hangs up."""
    build_mcp(ws, token=token).run("stdio")
