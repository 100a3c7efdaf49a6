"""`commission capabilities …`: the L0–L4 capability matrix from the shell. Parse, call, render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from commissioning.cli import render
from commissioning.services import capability_commands as commands

capabilities_app = typer.Typer(
    help="Product capabilities at L0–L4: claimed in the feature matrix, verified from evidence.",
    invoke_without_command=True,
)

out = Console(highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead.")]
VentureOpt = Annotated[Path, typer.Option("--venture", "-C", help="The venture's root folder.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Store URL (default: $COMMISSIONING_DB, else SQLite in "
    "<venture>/.commissioning).")]
ReportOpt = Annotated[list[Path] | None, typer.Option(
    "--report", help="A test report (JUnit XML or Playwright JSON) for L2; repeatable. Adds to "
    "the [live] reports globs.")]
SlugArg = Annotated[str, typer.Argument(help="The capability's slug (kebab-case).")]

_MARK = {True: "[green]●[/green]", False: "[grey50]·[/grey50]"}


def _matrix(rows: list[dict[str, Any]]) -> None:
    if not rows:
        out.print("no capabilities stored (run `commission capabilities sync`: it reads the "
                  "feature matrix)")
        return
    grid = Table(header_style="bold")
    for column in ("slug", "claimed", "verified", "L1 L2 L3 L4", "gap", "task"):
        grid.add_column(column, no_wrap=True)
    why = []
    for row in rows:
        marks = "  ".join(_MARK[bool(row["levels"][f"L{n}"]["holds"])] for n in range(1, 5))
        gap = row["gap"]
        task = (gap or {}).get("task") or {}
        claimed, verified = row["claimed_level"], row["verified_level"]
        style = "red" if gap else "green"
        grid.add_row(escape(row["slug"]), claimed, f"[{style}]{verified}[/{style}]", marks,
                     f"{gap['level']} {gap['kind']}" if gap else "", task.get("phase", ""))
        if gap:
            why.append(f"  {escape(row['slug'])} {gap['level']}: {escape(gap['missing'])}")
    out.print(grid)
    for line in why:
        out.print(line)


@capabilities_app.callback()
def overview(
    ctx: typer.Context, venture: VentureOpt = Path(), json_out: JsonFlag = False,
    db: DbOpt = None, report: ReportOpt = None,
) -> None:
    """Every capability: claimed level, verified level (from evidence), the gap and its task.

    Example: commission capabilities -C examples/dairy-plant
    """
    if ctx.invoked_subcommand is not None:
        return
    document = commands.overview(venture, db=db, reports=report or ())
    if json_out:
        render.print_json(document)
        return
    _matrix(document["capabilities"])
    summary = document["summary"]
    out.print(f"{summary['capabilities']} capabilities, {summary['gaps']} claimed above their "
              f"evidence; freshness {document['freshness_days']} days ({document['spec']})")
    for problem in document["problems"]:
        out.print(f"[yellow]warning:[/yellow] {escape(problem)}")


@capabilities_app.command()
def sync(venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None,
         report: ReportOpt = None) -> None:
    """Upsert the feature matrix into the store (rows gone from it are retired, not deleted);
    every claim above its evidence becomes a task.

    Example: commission capabilities sync -C examples/dairy-plant
    """
    document = commands.sync(venture, db=db, reports=report or ())
    if json_out:
        render.print_json(document)
        return
    counts = ", ".join(f"{len(document[k])} {k}" for k in ("created", "updated", "retired",
                                                          "revived", "unchanged"))
    out.print(f"synced {document['spec']}: {counts}")
    for held in document["held"]:
        out.print(f"[yellow]held[/yellow] {escape(held['slug'])}: {escape(held['why'])}")
    tasks = document["tasks"]
    if tasks["created"] or tasks["moved"]:
        out.print(f"tasks: {len(tasks['created'])} created, {len(tasks['moved'])} moved")
    _matrix(document["capabilities"])


@capabilities_app.command()
def verify(
    slug: SlugArg,
    level: Annotated[int, typer.Option("--level", "-l", help="The level to verify (1–4).")],
    venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None,
    report: ReportOpt = None,
) -> None:
    """Exit 0 when the capability's evidence holds LEVEL, 1 otherwise (its task follows).

    Example: commission capabilities verify milk-intake-kiosk --level 2 -C examples/dairy-plant
    """
    verdict = commands.verify(venture, slug, level, db=db, reports=report or ())
    if json_out:
        render.print_json(verdict)
    else:
        mark = "[green]✓ holds[/green]" if verdict["holds"] else "[red]✗ does not hold[/red]"
        out.print(f"{escape(slug)} {verdict['level']}: {mark} — {escape(verdict['reason'])} "
                  f"(verified {verdict['verified_level']}, claimed {verdict['claimed_level']})")
    raise typer.Exit(0 if verdict["holds"] else 1)


@capabilities_app.command()
def evidence(
    slug: SlugArg,
    receipt: Annotated[list[str] | None, typer.Option(
        "--receipt", help="A code receipt: path or path#Symbol; repeatable.")] = None,
    passed: Annotated[list[str] | None, typer.Option(
        "--passed", help="A test that passed (a spec file); repeatable.")] = None,
    failed: Annotated[list[str] | None, typer.Option(
        "--failed", help="A test that failed; repeatable.")] = None,
    usage: Annotated[int | None, typer.Option("--usage", help="Uses counted in the window.")]
    = None,
    window: Annotated[int, typer.Option("--window", help="The usage window, in days.")] = 30,
    verified: Annotated[bool, typer.Option(
        "--verified", help="Record that --by verified the capability now (L4).")] = False,
    source: Annotated[str, typer.Option("--source", help="Where the evidence comes from.")]
    = "",
    by: Annotated[str | None, typer.Option("--by", help="Who posts it (default: "
                                                        "$COMMISSIONING_ACTOR, else $USER).")]
    = None,
    venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None,
) -> None:
    """Record evidence for a capability: receipts, test results, usage, a verification.

    Example: commission capabilities evidence batch-release --usage 140 --window 7 --by ops-bot
    """
    row = commands.post_evidence(
        venture, slug, db=db, by=by, verified=verified,
        receipts=tuple(receipt or ()), passed=tuple(passed or ()), failed=tuple(failed or ()),
        usage=usage, window_days=window, source=source)
    if json_out:
        render.print_json(row)
        return
    out.print(f"{escape(slug)}: recorded by {escape(row['recorded_by'])}; now verified "
              f"{row['verified_level']} (claimed {row['claimed_level']})")
