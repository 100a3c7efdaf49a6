"""The `commission` command: each command parses, calls one service, renders. Nothing more."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from commissioning import services
from commissioning.cli import evaluate, init, render
from commissioning.cli.capabilities import capabilities_app
from commissioning.cli.governance import proposals_app, propose_app
from commissioning.cli.serve import mcp_command, serve_command, token_app
from commissioning.cli.tasks import tasks_app
from commissioning.cli.workflow import workflow_app
from commissioning.errors import CommissioningError
from commissioning.machines import builtin_machine, builtin_names, machine_to_dict, to_mermaid

app = typer.Typer(
    name="commission",
    help="Where every data table of a venture stands, with evidence; every gap becomes work.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
machine_app = typer.Typer(help="The machines (ladders and workflows) and their diagrams.",
                          no_args_is_help=True)
app.add_typer(machine_app, name="machine")
app.add_typer(tasks_app, name="tasks")
app.add_typer(token_app, name="token")
app.add_typer(capabilities_app, name="capabilities")
app.add_typer(propose_app, name="propose")
app.add_typer(proposals_app, name="proposals")
app.add_typer(workflow_app, name="workflow")
app.command("serve")(serve_command)
app.command("mcp")(mcp_command)
app.command("eval")(evaluate.eval_command)
app.command("init")(init.init_command)

PROGRESS_DELAY = 1.0  # seconds a scan runs before its progress bar appears
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the JSON document instead.")]
VentureOpt = Annotated[Path, typer.Option("--venture", "-C",
                                          help="The venture's root folder.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Store URL (default: $COMMISSIONING_DB, else SQLite in "
    "<venture>/.commissioning).")]
VentureDbOpt = Annotated[str | None, typer.Option(
    "--venture-db", help="The venture's own database, read read-only for live evidence "
    "(default: $COMMISSIONING_VENTURE_DB, else live.venture_db in commissioning.toml). "
    "Put no password in it: live.password_env names the variable that holds it.")]
ReportOpt = Annotated[list[Path] | None, typer.Option(
    "--report", help="A test report (JUnit XML or Playwright JSON) for state 10; repeatable. "
    "Adds to the live.reports globs.")]


@contextmanager
def _progress(enabled: bool, delay: float = PROGRESS_DELAY,
              ) -> Iterator[Callable[[int, int], None] | None]:
    """A files/s progress bar on stderr, shown once a scan has run ``delay`` seconds: a scan
    the cache answers at once never flashes one. Fed by the profiles as each file is parsed
    or found in the cache, parallel parsing included."""
    if not enabled:
        yield None
        return
    bar = Progress(TextColumn("scanning"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]} files/s"), TimeElapsedColumn(),
                   console=err, transient=True)
    task = bar.add_task("scan", total=None, rate="—")
    shown = [False]
    started = time.monotonic()

    def update(done: int, total: int) -> None:
        if not shown[0]:
            if time.monotonic() - started < delay:
                return
            bar.start()
            shown[0] = True
        elapsed = bar.tasks[0].elapsed or 0.0
        rate = f"{done / elapsed:,.0f}" if elapsed > 0 else "—"
        bar.update(task, completed=done, total=total, rate=rate)

    try:
        yield update
    finally:
        if shown[0]:
            bar.stop()


@app.command()
def scan(
    path: Annotated[Path, typer.Argument(help="The venture's root folder.")] = Path(),
    json_out: JsonFlag = False,
    db: DbOpt = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Scan and print; store nothing.")]
    = False,
    venture_db: VentureDbOpt = None,
    report: ReportOpt = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Parse every file again: read and write no cache "
        "(<venture>/.commissioning/cache/). The result is the same either way.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Say on stderr how the scan was made: from the cache "
        "unchanged, incrementally (only what changed files touch), or whole, and why.")]
    = False,
) -> None:
    """Scan a venture: every table, its state 0–10, its gap. Stores the scan.

    Example: commission scan examples/dairy-plant
    """
    started = time.perf_counter()
    with _progress(sys.stderr.isatty() and not json_out) as progress:
        outcome = services.scan(path, db=db, store=not no_store, progress=progress,
                                venture_db=venture_db, reports=report or (),
                                cache=not no_cache)
    for note in outcome.notes:
        err.print(f"[dim]note:[/dim] {escape(note.message)}")
    if verbose and outcome.stats is not None:
        err.print(f"[dim]scan:[/dim] {escape(_how(outcome.stats))}; "
                  f"{time.perf_counter() - started:.2f} s")
    _live_warnings(outcome.document)
    if json_out:
        render.print_json(outcome.document)
    else:
        render.status_table(outcome.document, out)


def _how(stats: Any) -> str:
    """One line on how the static snapshot was made (``observe.scanner.ScanStats``)."""
    files = f"{stats.parsed:,} file(s) parsed, {stats.reused:,} from the cache"
    if stats.memoised:
        return f"nothing it depends on changed: the last snapshot ({files})"
    if stats.incremental:
        return f"incremental: redid only what the changed files touch ({files})"
    return f"full ({stats.full}; {files})"


def _live_warnings(document: dict[str, Any]) -> None:
    """A live source that could not be read is said on stderr, not only counted."""
    for item in document.get("diagnostics", []):
        if item["severity"] == "error" and item["code"] in ("venture-db-unreadable",
                                                            "report-unreadable"):
            err.print(f"[yellow]warning:[/yellow] {escape(item['message'])}")


@app.command()
def status(venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None) -> None:
    """The last stored scan, without rescanning.

    Example: commission status -C examples/dairy-plant --json
    """
    document = services.latest_status(venture, db=db)
    if json_out:
        render.print_json(document)
    else:
        render.status_table(document, out)


@app.command()
def gaps(venture: VentureOpt = Path(), json_out: JsonFlag = False, db: DbOpt = None) -> None:
    """One line per gap: table, missing state, why, where to add it (from the last scan).

    Example: commission gaps -C examples/dairy-plant
    """
    rows = services.gaps(services.latest_status(venture, db=db))
    if json_out:
        render.print_json(rows)
    else:
        render.gaps_table(rows, out)


@app.command()
def show(
    table: Annotated[str, typer.Argument(help="Table name, or schema.name.")],
    venture: VentureOpt = Path(),
    json_out: JsonFlag = False,
    db: DbOpt = None,
) -> None:
    """Every evidence item of one table, with file:line and the import chain.

    Example: commission show milk_receptions -C examples/dairy-plant
    """
    document = services.latest_status(venture, db=db)
    found = services.find_table(document, table)
    if json_out:
        render.print_json(found)
    else:
        states = [s for s in document["machine"]["states"] if s["n"]]
        render.table_detail(found, states, out)


@app.command()
def verify(
    table: Annotated[str, typer.Argument(help="Table name, or schema.name.")],
    state: Annotated[int, typer.Option("--state", "-s", help="The rung to verify (1–10).")],
    venture: VentureOpt = Path(),
    json_out: JsonFlag = False,
    db: DbOpt = None,
    venture_db: VentureDbOpt = None,
    report: ReportOpt = None,
) -> None:
    """Rescan; exit 0 when the evidence for state N is present, 1 otherwise.

    Example: commission verify dispatch_notes --state 4 -C examples/dairy-plant
    """
    verdict = services.verify(venture, table, state, db=db, venture_db=venture_db,
                              reports=report or ())
    if json_out:
        render.print_json({"table": verdict.table, "state": verdict.n, "kind": verdict.kind,
                           "holds": verdict.holds, "outcome": verdict.outcome,
                           "table_state": verdict.state, "reason": verdict.reason,
                           "evidence": list(verdict.evidence)})
    else:
        mark = "[green]✓ holds[/green]" if verdict.holds else f"[red]✗ {verdict.outcome}[/red]"
        out.print(f"{verdict.table} rung {verdict.n} ({verdict.kind}): {mark} — {verdict.reason}")
        for line in render.evidence_lines(list(verdict.evidence)):
            out.print(f"  {line}")
    raise typer.Exit(0 if verdict.holds else 1)


@app.command()
def check(
    min_state: Annotated[int, typer.Option("--min-state", help="Every table must reach this.")],
    venture: VentureOpt = Path(),
    json_out: JsonFlag = False,
    db: DbOpt = None,
    rescan: Annotated[bool, typer.Option("--rescan/--stored",
                                         help="Scan now (default) or use the last stored scan.")]
    = True,
    venture_db: VentureDbOpt = None,
    report: ReportOpt = None,
) -> None:
    """CI gate: exit 1 and list the tables below --min-state.

    Example: commission check --min-state 2 -C examples/dairy-plant
    """
    document = services.scan(venture, db=db, venture_db=venture_db,
                             reports=report or ()).document if rescan \
        else services.latest_status(venture, db=db)
    _live_warnings(document)
    failing = services.below(document, min_state)
    if json_out:
        render.print_json({"min_state": min_state, "passed": not failing,
                           "below": [{"table": t["name"], "schema": t["schema"],
                                      "state": t["state"]} for t in failing]})
    elif failing:
        out.print(f"[red]{len(failing)} of {len(document['tables'])} tables are below state "
                  f"{min_state}:[/red]")
        for t in failing:
            out.print(f"  {t['name']}: {t['state']} {t['state_name']}")
    else:
        out.print(f"[green]all {len(document['tables'])} tables are at state {min_state} or above"
                  f"[/green]")
    raise typer.Exit(1 if failing else 0)


@machine_app.command("list")
def machine_list(json_out: JsonFlag = False) -> None:
    """The machines shipped with the package.

    Example: commission machine list
    """
    machines = [builtin_machine(name) for name in builtin_names()]
    if json_out:
        render.print_json([{"name": m.name, "kind": m.kind.value, "title": m.title,
                            "states": len(m.states)} for m in machines])
        return
    for m in machines:
        out.print(f"{m.name:<12} {m.kind.value:<9} {len(m.states):>2} states  {m.title}")


@machine_app.command("show")
def machine_show(
    name: Annotated[str, typer.Argument(help="Machine name, e.g. table.")],
    mermaid: Annotated[bool, typer.Option("--mermaid", help="Print a Mermaid diagram.")] = False,
    json_out: JsonFlag = False,
) -> None:
    """A machine as a table, JSON, or a Mermaid diagram.

    Example: commission machine show table --mermaid
    """
    machine = builtin_machine(name)
    if mermaid:
        print(to_mermaid(machine), end="")
        return
    data: dict[str, Any] = machine_to_dict(machine)
    if json_out:
        render.print_json(data)
        return
    out.print(f"[bold]{machine.title}[/bold] ({machine.name} v{machine.version}, "
              f"{machine.kind.value})")
    for state in data["states"]:
        rank = "" if state["n"] is None else f"{state['n']:>2} "
        out.print(f"  {rank}{state['name']:<20} {state.get('evidence') or '':<15} "
                  f"{state['description']}")


def main() -> None:
    """Entry point: render our errors once, cleanly, with their exit code.

    Typer runs in standalone mode, so usage errors (a missing argument, an unknown option) are
    rendered by it with exit code 2; only our own errors and interruptions are handled here.
    """
    try:
        app()
    except CommissioningError as exc:
        err.print(f"[red]error:[/red] {escape(exc.message)}")
        if exc.hint:
            err.print(f"  hint: {exc.hint}", markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted; nothing was stored")
        sys.exit(130)


if __name__ == "__main__":
    main()
