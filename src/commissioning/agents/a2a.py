"""The A2A agent: its card at ``/.well-known/agent-card.json``, JSON-RPC at ``/a2a``.

Seed 000: "When the A2A protocol is live, commissioning/status becomes a first-class agent
task — any agent can query and post evidence through the same protocol." The card is built with
the ``a2a-sdk`` types and describes four skills; the JSON-RPC endpoint is the SDK's own request
handler around :class:`CommissioningExecutor`, which answers each message at once with one
message (a short text and the JSON data) from the same services the API and MCP call.

A message names its skill in a data part (``{"skill": "list-gaps", "kind": "crud_ui"}``) or in
its text (``status``, ``gaps``, ``table growers``). ``post-evidence`` needs the
``Authorization: Bearer`` header of a token with the agent or admin role.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import anyio.to_thread
from a2a.helpers.proto_helpers import (
    get_data_parts,
    get_text_parts,
    new_data_part,
    new_message,
    new_text_part,
)
from a2a.server.agent_execution import AgentExecutor, RequestContext
from a2a.server.events import EventQueue
from a2a.server.request_handlers import DefaultRequestHandlerV2
from a2a.server.request_handlers.response_helpers import agent_card_to_dict
from a2a.server.routes import create_jsonrpc_routes
from a2a.server.tasks import InMemoryTaskStore
from a2a.types.a2a_pb2 import (
    AgentCapabilities,
    AgentCard,
    AgentInterface,
    AgentProvider,
    AgentSkill,
    HTTPAuthSecurityScheme,
    SecurityRequirement,
    SecurityScheme,
    StringList,
)
from a2a.utils.errors import UnsupportedOperationError
from starlette.routing import Route

from commissioning import __version__
from commissioning.errors import CommissioningError, UserInputError
from commissioning.services import attestations, queries
from commissioning.services.auth import Action, check
from commissioning.services.context import Workspace

RPC_PATH = "/a2a"
MODES = ["application/json", "text/plain"]

SKILLS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("commissioning-status", "Commissioning status",
     "The venture's commissioning status from the latest stored scan: tables per state 0–10, "
     "gaps, route rate, mean state, and each table's state and gap.",
     ("status", "commissioning", "tables"), ("status", '{"skill": "commissioning-status"}')),
    ("list-gaps", "List gaps",
     "Every gap (a table's first missing state): what is missing, why, and which sibling table "
     "already has that evidence. Optional: kind, actionable.",
     ("gaps", "tasks"), ("gaps", '{"skill": "list-gaps", "kind": "crud_ui"}')),
    ("show-table", "Show a table's evidence",
     "One table: every state with its evidence (file:line, import chain, live facts, "
     "attestations), waivers and its gap.",
     ("evidence", "table"), ("table growers", '{"skill": "show-table", "table": "growers"}')),
    ("post-evidence", "Post evidence (attestation)",
     "Attest evidence for a table with the reason it holds ({table, kind, reason, observed?, "
     "path?, line?}); it counts from the next scan. Needs a bearer token with the agent role.",
     ("evidence", "attestation", "write"),
     ('{"skill": "post-evidence", "table": "growers", "kind": "etl", '
      '"reason": "the nightly import ran green"}',)),
)
_ALIASES = {"status": "commissioning-status", "gaps": "list-gaps", "table": "show-table",
            "show": "show-table", "attest": "post-evidence", "evidence": "post-evidence"}


def agent_card(ws: Workspace, base_url: str) -> AgentCard:
    """The card, with the JSON-RPC endpoint under ``base_url`` (no trailing slash)."""
    bearer = SecurityRequirement(schemes={"bearer": StringList(list=[])})
    skills = [
        AgentSkill(id=sid, name=name, description=text, tags=list(tags), examples=list(examples),
                   input_modes=MODES, output_modes=MODES,
                   security_requirements=[bearer] if sid == "post-evidence" else [])
        for sid, name, text, tags, examples in SKILLS
    ]
    return AgentCard(
        name=f"Commissioning · {ws.name}",
        description=(f"Where every data table of the venture '{ws.name}' stands on the 10-state "
                     "commissioning ladder, with evidence; every gap becomes a task. Query the "
                     "status and gaps, read a table's evidence, post evidence you observed."),
        supported_interfaces=[AgentInterface(url=f"{base_url}{RPC_PATH}",
                                             protocol_binding="JSONRPC",
                                             protocol_version="1.0")],
        provider=AgentProvider(organization="Commissioning", url=base_url),
        version=__version__,
        documentation_url=f"{base_url}/api/docs",
        capabilities=AgentCapabilities(streaming=False, push_notifications=False),
        security_schemes={"bearer": SecurityScheme(http_auth_security_scheme=HTTPAuthSecurityScheme(
            scheme="bearer", bearer_format="cm_<id>_<secret>",
            description="`commission token create --role agent`"))},
        default_input_modes=MODES,
        default_output_modes=MODES,
        skills=skills,
    )


def card_document(ws: Workspace, base_url: str) -> dict[str, Any]:
    """The card as the JSON the well-known URL serves (the SDK's own serialisation)."""
    return dict(agent_card_to_dict(agent_card(ws, base_url)))


def parse_request(texts: list[str], data: list[Any]) -> tuple[str, dict[str, Any]]:
    """Which skill a message asks for, and its arguments."""
    for item in data:
        if isinstance(item, Mapping) and "skill" in item:
            args = {k: v for k, v in item.items() if k != "skill"}
            return _skill(str(item["skill"])), args
    words = " ".join(texts).split()
    if not words:
        return "commissioning-status", {}
    skill = _skill(words[0].lower())
    return skill, ({"table": words[1]} if skill == "show-table" and len(words) > 1 else {})


def _skill(name: str) -> str:
    known = {s[0] for s in SKILLS}
    found = name if name in known else _ALIASES.get(name)
    if found is None:
        raise UserInputError(f"no skill named '{name}'", hint=f"one of: {', '.join(sorted(known))}")
    return found


def run_skill(ws: Workspace, skill: str, args: Mapping[str, Any],
              token: str | None) -> tuple[str, Any]:
    """Answer one skill: a one-line text and the data (the same services as the API)."""
    open_reads = not ws.settings.require_read_token
    if skill == "post-evidence":
        who = check(ws.store, token, Action.ATTEST, open_reads=open_reads)
        line, path = args.get("line"), args.get("path")
        record = attestations.post_attestation(
            ws, who, table=str(args.get("table", "")), kind=str(args.get("kind", "")),
            reason=str(args.get("reason", "")), observed=str(args.get("observed", "")),
            path=None if path is None else str(path), line=_line(line))
        return f"recorded attestation #{record['id']} for {record['table']}", record
    check(ws.store, token, Action.READ, open_reads=open_reads)
    document = queries.current_status(ws).document
    if skill == "list-gaps":
        rows = queries.gap_list(document, kind=args.get("kind"),
                                actionable_only=bool(args.get("actionable", False)))
        return f"{len(rows)} gaps", rows
    if skill == "show-table":
        table = queries.table_detail(document, str(args.get("table", "")))
        return f"{table['name']}: state {table['state']} {table['state_name']}", table
    s = document["summary"]
    return (f"{s['tables']} tables, mean state {s['mean_state']}, {s['gaps']} gaps",
            {"venture": document["venture"], "snapshot": document["snapshot"], "summary": s})


def _line(value: Any) -> int | None:
    """A data part's number arrives as a float (protobuf ``Value``); a line must be whole."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and value >= 1:
        return int(value)
    raise UserInputError(f"line must be a whole number from 1, got {value!r}")


class CommissioningExecutor(AgentExecutor):
    """Answers every message at once with one message; there are no long-running tasks."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws

    async def execute(self, context: RequestContext, event_queue: EventQueue) -> None:
        message = context.message
        parts = list(message.parts) if message is not None else []
        headers = context.call_context.state.get("headers", {})
        scheme, _, value = str(headers.get("authorization", "")).partition(" ")
        token = value.strip() if scheme.lower() == "bearer" else None
        try:
            skill, args = parse_request(get_text_parts(parts), get_data_parts(parts))
            text, data = await anyio.to_thread.run_sync(run_skill, self._ws, skill, args, token)
        except CommissioningError as exc:
            text, data = f"error: {exc.message}", {"error": exc.to_dict()}
        await event_queue.enqueue_event(new_message(
            [new_text_part(text), new_data_part(data, media_type="application/json")],
            context_id=context.context_id))

    async def cancel(self, context: RequestContext, event_queue: EventQueue) -> None:
        raise UnsupportedOperationError("answers are immediate; there is nothing to cancel")


def a2a_routes(ws: Workspace, base_url: str) -> list[Route]:
    """The JSON-RPC route of the A2A protocol, handled by the SDK around our executor."""
    handler = DefaultRequestHandlerV2(agent_executor=CommissioningExecutor(ws),
                                      task_store=InMemoryTaskStore(),
                                      agent_card=agent_card(ws, base_url))
    return list(create_jsonrpc_routes(handler, rpc_url=RPC_PATH))
