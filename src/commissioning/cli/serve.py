"""``commission serve``, ``commission mcp`` and ``commission token``: the long-running surfaces.

Each command parses its flags, asks the services for a workspace or a token, and hands over to
uvicorn (the web app) or the MCP SDK (stdio). Registered on the main app by ``cli/app.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from commissioning.cli import render
from commissioning.services import auth
from commissioning.services.context import Workspace, serve_settings
from commissioning.services.scanning import store_url

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

token_app = typer.Typer(help="API tokens: create (shown once), list, revoke.",
                        no_args_is_help=True)

VentureOpt = Annotated[Path, typer.Option("--venture", "-C", help="The venture's root folder.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Store URL (default: $COMMISSIONING_DB, else SQLite in "
    "<venture>/.commissioning).")]


def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=0, max=65535)] = 8000,
    venture: VentureOpt = Path(),
    db: DbOpt = None,
    require_token: Annotated[bool | None, typer.Option(
        "--require-token/--open-reads",
        help="Ask a token for reads too (default: $COMMISSIONING_REQUIRE_READ_TOKEN, else open "
        "reads). Writes always need one.")] = None,
    status_ttl: Annotated[float, typer.Option(
        "--status-ttl", min=0.0, help="Seconds the latest scan is served before the store is "
        "asked for a newer one (0: every request).")] = 1.0,
) -> None:
    """Serve the Control Room, the JSON API, MCP (/mcp) and A2A over the last stored scan.

    Example: commission serve -C examples/dairy-plant --port 8000
    """
    import uvicorn

    from commissioning.web import create_app

    settings = serve_settings(venture, db=db, host=host, port=port,
                              require_read_token=require_token, status_ttl=status_ttl)
    app = create_app(settings)
    reads = "token required" if settings.require_read_token else "open"
    err.print(f"[bold]Control Room[/bold] for [bold]{app.state.venture_name}[/bold] on "
              f"http://{host}:{port}/  (API /api/openapi.json, MCP /mcp, A2A "
              f"/.well-known/agent-card.json; reads {reads}, writes need a token)")
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.require_read_token:
        err.print("[yellow]warning:[/yellow] listening beyond loopback with open reads; "
                  "consider --require-token")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def mcp_command(
    venture: VentureOpt = Path(),
    db: DbOpt = None,
    token: Annotated[str | None, typer.Option(
        "--token", help="The token this session writes with (default: $COMMISSIONING_TOKEN); "
        "post_attestation needs the agent or admin role.")] = None,
) -> None:
    """Serve the MCP tools over stdio (for an MCP client that launches this command).

    Example: commission mcp -C examples/dairy-plant
    """
    from commissioning.agents.mcp import run_stdio

    settings = serve_settings(venture, db=db, token=token)
    with Workspace(settings) as ws:
        run_stdio(ws, token=settings.token)


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="reader, agent or admin.")],
    name: Annotated[str | None, typer.Option(help="A name to recognise it by (unique).")] = None,
    venture: VentureOpt = Path(),
    db: DbOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
) -> None:
    """Create an API token and print it once; only a salted hash of it is stored.

    Example: commission token create --role agent --name outer-loop -C examples/dairy-plant
    """
    issued = auth.create_token(store_url(venture, db), role, name)
    if json_out:
        render.print_json({"name": issued.name, "role": issued.role, "token": issued.token,
                           "created_at": issued.created_at.isoformat()})
        return
    err.print(f"token [bold]{issued.name}[/bold] ({issued.role}) created; it is shown only "
              "now, store it safely:")
    print(issued.token)


@token_app.command("list")
def token_list(venture: VentureOpt = Path(), db: DbOpt = None,
               json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead.")]
               = False) -> None:
    """The tokens of the store (never their secrets).

    Example: commission token list -C examples/dairy-plant
    """
    tokens = auth.list_tokens(store_url(venture, db))
    if json_out:
        render.print_json([{"name": t.name, "role": t.role, "id": t.public_id,
                            "created_at": t.created_at.isoformat(),
                            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None}
                           for t in tokens])
        return
    grid = Table(header_style="bold")
    for column in ("name", "role", "id", "created", "revoked"):
        grid.add_column(column)
    for t in tokens:
        grid.add_row(t.name, t.role, t.public_id, t.created_at.isoformat(),
                     t.revoked_at.isoformat() if t.revoked_at else "—")
    out.print(grid)


@token_app.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="The token's name.")],
                 venture: VentureOpt = Path(), db: DbOpt = None) -> None:
    """Revoke a token: it stops working at once.

    Example: commission token revoke outer-loop -C examples/dairy-plant
    """
    auth.revoke_token(store_url(venture, db), name)
    err.print(f"token [bold]{name}[/bold] revoked")
