"""`commission tasks …`: the gap → task board from the shell. Parse, call a service, render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from commissioning.cli import render
from commissioning.services import task_commands as commands
from commissioning.services import task_sync
from commissioning.tasks import TaskRecord

tasks_app = typer.Typer(
    help="Every gap is a task: list, show, move through the workflow, sync to trackers.",
    invoke_without_command=True,
)

out = Console(highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead.")]
VentureOpt = Annotated[Path, typer.Option("--venture", "-C", help="The venture's root folder.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Store URL (default: $COMMISSIONING_DB, else SQLite in "
    "<venture>/.commissioning).")]
PhaseOpt = Annotated[str | None, typer.Option("--phase", "-p",
                                              help="Only tasks in this phase (e.g. PLANNED).")]
KeyArg = Annotated[str, typer.Argument(help="The task key: venture/table/state or table/state.")]

_PHASE_STYLE = {"IDEA": "grey50", "PLANNED": "cyan", "IMPLEMENTING": "yellow", "BLOCKED": "red",
                "VERIFYING": "magenta", "VERIFIED": "green", "COMPLETE": "green",
                "CANCELLED": "grey50"}


def _board(tasks: tuple[TaskRecord, ...], json_out: bool) -> None:
    if json_out:
        render.print_json([commands.task_to_dict(t) for t in tasks])
        return
    if not tasks:
        out.print("no tasks (run `commission scan`: every gap becomes one)")
        return
    grid = Table(header_style="bold")
    for column in ("key", "phase", "owner", "checklist", "title"):
        grid.add_column(column)
    for t in tasks:
        style = _PHASE_STYLE.get(t.phase, "")
        grid.add_row(escape(t.key), f"[{style}]{t.phase}[/{style}]", escape(t.owner or "—"),
                     f"{t.checklist_done}/{len(t.checklist)}", escape(t.title))
    out.print(grid)


@tasks_app.callback()
def board(
    ctx: typer.Context, phase: PhaseOpt = None, venture: VentureOpt = Path(),
    json_out: JsonFlag = False, db: DbOpt = None,
) -> None:
    """The venture's tasks (one per gap), with phase, owner and checklist progress.

    Example: commission tasks --phase PLANNED -C examples/dairy-plant
    """
    if ctx.invoked_subcommand is None:
        _board(commands.list_tasks(venture, db=db, phase=phase), json_out)


@tasks_app.command("list")
def list_(phase: PhaseOpt = None, venture: VentureOpt = Path(), json_out: JsonFlag = False,
          db: DbOpt = None) -> None:
    """The venture's tasks, like `commission tasks`.

    Example: commission tasks list --json -C examples/dairy-plant
    """
    _board(commands.list_tasks(venture, db=db, phase=phase), json_out)


@tasks_app.command()
def show(key: KeyArg, venture: VentureOpt = Path(), json_out: JsonFlag = False,
         db: DbOpt = None) -> None:
    """One task in full: what to do, where, how it is checked, its history and links.

    Example: commission tasks show customer_complaints/3 -C examples/dairy-plant
    """
    view = commands.show_task(venture, key, db=db)
    data = commands.view_to_dict(view)
    if json_out:
        render.print_json(data)
        return
    t = view.task
    out.print(f"[bold]{escape(t.title)}[/bold]  ({escape(t.key)})")
    out.print(f"phase [bold]{t.phase}[/bold] ({data['status']}) · owner "
              f"{escape(t.owner or 'unrouted')} [dim]({escape(t.owner_source)})[/dim] · "
              f"verified: {'yes' if view.verified else 'no'}")
    out.print()
    out.print(escape(t.body), markup=True)
    out.print()
    out.print("[bold]Implementation Checklist[/bold] (`commission tasks tick KEY N` ticks N)")
    for n, item in enumerate(t.checklist, start=1):
        out.print(f"  {n}. [{'x' if item.done else ' '}] {escape(item.text)}", markup=False)
    _moves(view)
    if view.history:
        out.print("[bold]history[/bold]")
        for h in view.history:
            out.print(f"  {commands.stamp(h.at)}  {h.source or '—'} → {h.target}  "
                      f"by {escape(h.actor)} via {escape(h.command)} ({h.confidence}%): "
                      f"{escape(h.reason)}")
    for link in view.links:
        out.print(f"[bold]{link.sink}[/bold] {escape(link.url or link.external_id)} "
                  f"({escape(link.remote_status or '')})")


def _moves(view: commands.TaskView) -> None:
    if view.suggestion is not None:
        s = view.suggestion
        out.print(f"[bold]next[/bold]: {escape(s.command)} — {escape(s.description)} "
                  f"({s.confidence}%: {escape(s.reasoning)})")
    if view.moves:
        parts = []
        for d in view.moves:
            mark = "" if d.allowed else " [red](blocked)[/red]"
            confirm = " needs --yes" if d.allowed and d.needs_confirmation else ""
            parts.append(f"{d.target} {d.confidence or ''}{'%' if d.confidence else ''}"
                         f"{confirm}{mark}")
        out.print("[bold]may move to[/bold]: " + ", ".join(parts))


@tasks_app.command()
def move(
    key: KeyArg,
    phase: Annotated[str, typer.Argument(help="The target phase, e.g. IMPLEMENTING.")],
    reason: Annotated[str | None, typer.Option("--reason", "-r", help="Why (audited).")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y",
                                      help="Confirm a move whose confidence is below 80%.")]
    = False,
    venture: VentureOpt = Path(),
    json_out: JsonFlag = False,
    db: DbOpt = None,
) -> None:
    """Move a task to PHASE through the workflow machine; refused moves exit 2 listing the
    allowed ones, moves below 80% confidence need --yes.

    Example: commission tasks move customer_complaints/3 IMPLEMENTING -C examples/dairy-plant
    """
    result = commands.move_task(venture, key, phase, reason=reason, confirmed=yes, db=db)
    t = result.transition
    if json_out:
        render.print_json({**commands.transition_to_dict(t), "key": t.key,
                           "note": result.command_note or None})
        return
    out.print(f"{escape(t.key)}: {t.source} → [bold]{t.target}[/bold] ({t.confidence}%) "
              f"by {escape(t.actor)}: {escape(t.reason)}")
    if result.command_note:
        out.print(f"[yellow]note:[/yellow] {escape(result.command_note)}")


@tasks_app.command()
def tick(
    key: KeyArg,
    items: Annotated[list[int] | None, typer.Argument(
        help="Checklist item numbers (1-based); none: every item.")] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Untick instead.")] = False,
    venture: VentureOpt = Path(),
    db: DbOpt = None,
) -> None:
    """Tick checklist items (VERIFYING needs every item ticked).

    Example: commission tasks tick customer_complaints/3 1 2 -C examples/dairy-plant
    """
    task = commands.tick_task(venture, key, tuple(items or ()), done=not undo, db=db)
    out.print(f"{escape(task.key)}: checklist {task.checklist_done}/{len(task.checklist)}")


@tasks_app.command("next")
def next_(key: KeyArg, venture: VentureOpt = Path(), json_out: JsonFlag = False,
          db: DbOpt = None) -> None:
    """The suggested next action for a task, and the phases it may move to.

    Example: commission tasks next customer_complaints/3 -C examples/dairy-plant
    """
    view = commands.show_task(venture, key, db=db)
    if json_out:
        data = commands.view_to_dict(view)
        render.print_json({k: data[k] for k in ("key", "phase", "verified", "next", "moves",
                                                "commands")})
        return
    out.print(f"{escape(view.task.key)} is [bold]{view.task.phase}[/bold]")
    if view.suggestion is None:
        out.print("nothing left to do: the task is closed")
    _moves(view)


@tasks_app.command()
def sync(
    sink: Annotated[str | None, typer.Option("--sink", help="Only this sink (store, markdown, "
                                                            "github, linear).")] = None,
    force: Annotated[bool, typer.Option("--now", help="Retry queued work now, ignoring its "
                                                      "backoff.")] = False,
    venture: VentureOpt = Path(),
    json_out: JsonFlag = False,
    db: DbOpt = None,
) -> None:
    """Read people's changes back from the trackers, deliver the outbox, report what is still
    queued. Exit 1 when something could not be delivered (it stays queued).

    Example: commission tasks sync --sink github -C examples/dairy-plant
    """
    report = task_sync.sync(venture, db=db, sink=sink, force=force)
    rows = [_sync_row(s) for s in report.sinks]
    if json_out:
        render.print_json({"venture": report.venture, "queued": report.queued, "sinks": rows})
    else:
        for row in rows:
            _print_sync(row)
    failed = any(row["failed"] or row["stopped"] or row["error"] for row in rows)
    raise typer.Exit(1 if failed else 0)


def _sync_row(s: task_sync.SinkSync) -> dict[str, object]:
    d = s.delivery
    q = s.queue
    return {
        "sink": s.sink, "backfilled": s.backfilled, "read_back": list(s.read_back),
        "refused": list(s.refused), "delivered": d.delivered if d else 0,
        "failed": d.failed if d else 0, "retried": d.requests_retried if d else 0,
        "stopped": d.stopped if d else None, "errors": list(d.errors) if d else [],
        "queued": s.queued,
        "next_attempt_at": commands.stamp(q.next_attempt_at) if q else None,
        "last_error": q.last_error if q else None, "error": s.error,
    }


def _print_sync(row: dict[str, object]) -> None:
    name = row["sink"]
    if name == "store":
        out.print("store: the source of truth, nothing to deliver")
        return
    out.print(f"[bold]{name}[/bold]: delivered {row['delivered']}, failed {row['failed']}, "
              f"still queued {row['queued']}"
              + (f" (next attempt {row['next_attempt_at']})" if row["queued"] else ""))
    for line in row["read_back"]:  # type: ignore[attr-defined]
        out.print(f"  read back: {escape(str(line))}")
    for line in row["refused"]:  # type: ignore[attr-defined]
        out.print(f"  [yellow]refused[/yellow]: {escape(str(line))}")
    for key in ("stopped", "error", "last_error"):
        if row[key]:
            out.print(f"  [red]{key.replace('_', ' ')}[/red]: {escape(str(row[key]))}")
