"""`commission workflow …`: where delivery stands (seed 004), and moving the company phase."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from commissioning.cli import render
from commissioning.errors import UserInputError
from commissioning.services import workflow as commands

workflow_app = typer.Typer(
    help="Delivery on the company workflow, the PM phase cycle and quick mode (seed 004).",
    no_args_is_help=True)

out = Console(highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead.")]
VentureOpt = Annotated[Path, typer.Option("--venture", "-C", help="The venture's root folder.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Store URL (default: $COMMISSIONING_DB, else SQLite in "
    "<venture>/.commissioning).")]


def _list(title: str, items: list[Any]) -> None:
    if items:
        out.print(f"  {title}:")
        for item in items:
            out.print(f"    - {escape(str(item))}")


def _company(company: dict[str, Any]) -> None:
    if company["phase"] is None:
        out.print(f"[bold]company[/bold]: [yellow]{escape(str(company['problem']))}[/yellow]")
        return
    out.print(f"[bold]company[/bold]: {company['phase']}"
              + (f" ({escape(company['role'])})" if company["role"] else "")
              + (f" — goal: {escape(company['goal'])}" if company["goal"] else "")
              + (f" — branch {escape(company['branch'])}" if company["branch"] else ""))
    _list("exit criteria", company["exit_criteria"])
    _list("[red]unmet[/red]", company["unmet"])
    _list("gate outcomes", [f"--gate {g['gate']} → {g['to']}"
                            + (f" ({g['description']})" if g["description"] else "")
                            for g in company["gates"]])


def _pm(pm: dict[str, Any]) -> None:
    phase = pm["phase"]
    where = f" — phase {phase['n']}" + (f" {phase['name']}" if phase["name"] else "") \
        if phase else ""
    out.print(f"[bold]pm cycle[/bold]: {pm['state']}{escape(where)}")
    for p in pm["phases"]:
        marks = "".join("●" if flag else "·" for flag in (
            p["context"], p["plans"], p["summaries"], p["verification_passed"],
            p["uat_approved"]))
        out.print(f"    {p['n']:>2} {marks}  {escape(p['name'])}")
    _list("[red]unmet[/red]", pm["unmet"])
    if pm["next"]:
        out.print(f"  next: {escape(pm['next'])}" + (f" (then {pm['then']})" if pm["then"]
                                                     else ""))


@workflow_app.command()
def status(venture: VentureOpt = Path(), json_out: JsonFlag = False) -> None:
    """Where delivery stands: the company phase (.company/state.json), the PM cycle derived
    from .planning/, quick tasks, unmet exit criteria and what comes next. Reads only.

    Example: commission workflow status -C examples/dairy-plant
    """
    document = commands.status(venture)
    if json_out:
        render.print_json(document)
        return
    _company(document["company"])
    _pm(document["pm"])
    for q in document["quick"]:
        out.print(f"[bold]quick[/bold] {escape(q['id'])}: {q['state']}")


@workflow_app.command()
def advance(
    gate: Annotated[str, typer.Option("--gate", "-g", help="The gate outcome: pass, fail, "
                                                           "review or more-testing.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask: record and write.")]
    = False,
    by: Annotated[str | None, typer.Option("--by", help="Who records it (default: "
                                                        "$COMMISSIONING_ACTOR, else $USER).")]
    = None,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why (recorded).")] = "",
    venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None,
) -> None:
    """Record a quality-gate outcome and move the company phase as the machine allows; writes
    .company/state.json (atomically), the one file commissioning ever writes in a venture.

    Example: commission workflow advance --gate fail --yes -C examples/dairy-plant
    """
    plan = commands.plan_advance(venture, gate)
    if not yes:
        if not sys.stdin.isatty():
            raise UserInputError(
                f"{plan.source} → {plan.target} on gate '{plan.gate}' writes "
                ".company/state.json: confirm with --yes")
        typer.confirm(f"{plan.source} → {plan.target} on gate '{plan.gate}': record it and "
                      "write .company/state.json?", abort=True)
    done = commands.advance(venture, gate, by=by, reason=reason, db=db)
    if json_out:
        render.print_json(done)
        return
    out.print(f"company: {done['from']} → [bold]{done['to']}[/bold] on gate {done['gate']} by "
              f"{escape(done['by'])}; wrote phase \"{done['phase_written']}\" to {done['file']}")
