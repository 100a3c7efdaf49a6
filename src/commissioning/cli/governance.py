"""`commission propose …` and `commission proposals …`: governance from the shell.

Parse, call a service, render. Who acts is ``--by`` (default ``$COMMISSIONING_ACTOR``, else
``$USER``): the shell is trusted as git trusts a commit's author; the API checks the token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from commissioning.cli import render
from commissioning.errors import UserInputError
from commissioning.services import proposals as commands

propose_app = typer.Typer(help="Submit a governance proposal (routed by the governance matrix).",
                          no_args_is_help=True)
proposals_app = typer.Typer(
    help="Governance proposals: list, show, approve or reject (with a reason), execute.",
    invoke_without_command=True)

out = Console(highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead.")]
VentureOpt = Annotated[Path, typer.Option("--venture", "-C", help="The venture's root folder.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Store URL (default: $COMMISSIONING_DB, else SQLite in "
    "<venture>/.commissioning).")]
ReasonOpt = Annotated[str, typer.Option("--reason", "-r", help="Why (recorded).")]
ByOpt = Annotated[str | None, typer.Option(
    "--by", help="Who acts (default: $COMMISSIONING_ACTOR, else $USER).")]
ExpiresOpt = Annotated[str | None, typer.Option(
    "--expires", help="YYYY-MM-DD: the waiver stops counting after this day.")]
IdArg = Annotated[int, typer.Argument(help="The proposal's id (`commission proposals`).")]

_STATUS_STYLE = {"NEEDS_REVIEW": "yellow", "NEEDS_CEO": "magenta", "APPROVED": "cyan",
                 "EXECUTED": "green", "REJECTED": "red"}


def _subject(row: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(row["subject"].items()))


def _one(row: dict[str, Any], json_out: bool) -> None:
    if json_out:
        render.print_json(row)
        return
    style = _STATUS_STYLE.get(row["status"], "")
    status = f"[{style}]{row['status']}[/{style}]" if style else row["status"]
    out.print(f"#{row['id']} {escape(row['action'])} ({escape(_subject(row))}): {status}")
    for event in row.get("events", []):
        out.print(f"  {event['at']}  {event['from'] or '—'} → {event['to']}  "
                  f"by {escape(event['actor'])}: {escape(event['reason'])}")


@propose_app.command()
def waive(
    table: Annotated[str, typer.Argument(help="Table name, or schema.name.")],
    kind: Annotated[str, typer.Argument(help="The evidence kind to waive, e.g. crud_ui.")],
    reason: ReasonOpt, expires: ExpiresOpt = None, by: ByOpt = None,
    venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None,
) -> None:
    """Propose that TABLE does not need KIND evidence; once approved it counts as present.

    Example: commission propose waive pallet_labels crud_ui -r "printed by the PLC" --by @bob
    """
    row = commands.propose_waiver(venture, table, kind, reason=reason, by=by,
                                  expires_on=commands.parse_expiry(expires), db=db)
    _one(row, json_out)


@propose_app.command("raise-level")
def raise_level(
    slug: Annotated[str, typer.Argument(help="The capability's slug.")],
    level: Annotated[str, typer.Argument(help="The claim to allow, L0–L4.")],
    reason: ReasonOpt, by: ByOpt = None,
    venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None,
) -> None:
    """Propose raising a capability's claimed level; once executed, sync accepts it.

    Example: commission propose raise-level cold-chain-alarms L2 -r "specs in CI" --by @bob
    """
    row = commands.propose(venture, "raise_claimed_level", {"slug": slug, "level": level},
                           reason=reason, by=by, db=db)
    _one(row, json_out)


@propose_app.command("action")
def action(
    action_type: Annotated[str, typer.Argument(help="An action type of the governance matrix, "
                                                    "e.g. scope_change.")],
    reason: ReasonOpt,
    subject: Annotated[list[str] | None, typer.Option(
        "--subject", "-s", help="key=value naming what the action is about; repeatable.")]
    = None,
    by: ByOpt = None, venture: VentureOpt = Path(), json_out: JsonFlag = False,
    db: DbOpt = None,
) -> None:
    """Propose any action type of the governance matrix (the seed's eight and ours).

    Example: commission propose action scope_change -s goal="whey sales" -r "mills asked"
    """
    pairs = {}
    for item in subject or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserInputError(f"--subject {item!r} is not key=value")
        pairs[key.strip()] = value.strip()
    row = commands.propose(venture, action_type, pairs, reason=reason, by=by, db=db)
    _one(row, json_out)


@proposals_app.callback()
def board(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status", help="Only this status, e.g. "
                                                                "NEEDS_REVIEW.")] = None,
    venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None,
) -> None:
    """The venture's proposals, newest first, with their route and who decided.

    Example: commission proposals --status NEEDS_REVIEW -C examples/dairy-plant
    """
    if ctx.invoked_subcommand is not None:
        return
    document = commands.proposals(venture, status=status, db=db)
    if json_out:
        render.print_json(document)
        return
    if not document["proposals"]:
        out.print("no proposals (`commission propose waive TABLE KIND --reason …` submits one)")
        return
    grid = Table(header_style="bold")
    for column in ("id", "action", "subject", "status", "route", "by", "decided", "expires"):
        grid.add_column(column)
    for row in document["proposals"]:
        style = _STATUS_STYLE.get(row["status"], "")
        status_text = f"[{style}]{row['status']}[/{style}]" if style else row["status"]
        expires = (row["expires_on"] or "") + (" (expired)" if row["expired"] else "")
        grid.add_row(str(row["id"]), escape(row["action"]), escape(_subject(row)), status_text,
                     row["route"] or "", escape(row["proposed_by"]),
                     escape(row["decided_by"] or ""), expires)
    out.print(grid)
    out.print(f"{document['pending']} waiting for a decision")


@proposals_app.command()
def show(proposal_id: IdArg, venture: VentureOpt = Path(), json_out: JsonFlag = False,
         db: DbOpt = None) -> None:
    """One proposal and every recorded step (who, when, from, to, why).

    Example: commission proposals show 1 -C examples/dairy-plant
    """
    _one(commands.show(venture, proposal_id, db=db), json_out)


@proposals_app.command()
def approve(proposal_id: IdArg, reason: ReasonOpt, by: ByOpt = None,
            venture: VentureOpt = Path(), json_out: JsonFlag = False,
            db: DbOpt = None) -> None:
    """Approve a proposal; refused unless --by holds a role its route accepts (not the
    proposer). An approved waiver is executed at once and counts from the next scan.

    Example: commission proposals approve 1 --reason "no screen needed" --by @alice
    """
    _one(commands.decide(venture, proposal_id, approve=True, by=by, reason=reason, db=db),
         json_out)


@proposals_app.command()
def reject(proposal_id: IdArg, reason: ReasonOpt, by: ByOpt = None,
           venture: VentureOpt = Path(), json_out: JsonFlag = False,
           db: DbOpt = None) -> None:
    """Reject a proposal, with the reason; the same role check as approve.

    Example: commission proposals reject 1 --reason "operators do edit labels" --by @alice
    """
    _one(commands.decide(venture, proposal_id, approve=False, by=by, reason=reason, db=db),
         json_out)


@proposals_app.command()
def execute(proposal_id: IdArg,
            reason: Annotated[str, typer.Option("--reason", "-r", help="What was done.")] = "",
            by: ByOpt = None, venture: VentureOpt = Path(), json_out: JsonFlag = False,
            db: DbOpt = None) -> None:
    """Mark an approved proposal executed (actions without an executor, e.g. scope_change).

    Example: commission proposals execute 2 --reason "roadmap updated" --by @matt
    """
    _one(commands.execute(venture, proposal_id, by=by, reason=reason, db=db), json_out)
