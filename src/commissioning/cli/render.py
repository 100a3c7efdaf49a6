"""Rich renderings of the neutral documents the services return. Rich lives only in cli/."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

RUNG_MARKS = {"present": ("●", "green"), "waived": ("◐", "cyan"), "unknown": ("?", "yellow"),
              "failing": ("✗", "red"), "missing": ("·", "grey50")}
KINDS = ("schema", "migration", "data", "repository", "server_actions", "crud_ui", "etl",
         "a2a_api", "e2e_tests", "commissioned")


def print_json(value: object) -> None:
    """Plain stdout, never wrapped or coloured, so other programs can parse it."""
    print(json.dumps(value, indent=2, ensure_ascii=False))


def rung_outcome(table: dict[str, Any], kind: str) -> str:
    if table["evidence"].get(kind):
        return "present"
    if kind in table.get("waived", {}):
        return "waived"
    if kind in table.get("unknown", {}):
        return "unknown"
    if table.get("failing", {}).get(kind):
        return "failing"
    return "missing"


def ladder_cells(table: dict[str, Any]) -> Text:
    text = Text()
    for kind in KINDS:
        mark, style = RUNG_MARKS[rung_outcome(table, kind)]
        text.append(f"{mark} ", style=style)
    return text


def status_table(document: dict[str, Any], console: Console) -> None:
    grid = Table(title=f"{document['venture']['name']} — {document['summary']['tables']} tables",
                 title_justify="left", header_style="bold")
    grid.add_column("table")
    grid.add_column("state", justify="right")
    grid.add_column("1 2 3 4 5 6 7 8 9 10", no_wrap=True)
    grid.add_column("gap")
    for table in document["tables"]:
        name = table["name"] if table["schema"] in ("public", "main") \
            else f"{table['schema']}.{table['name']}"
        gap = table.get("gap")
        gap_text = "" if gap is None else f"{gap['state']} {gap['kind']}" + (
            " (unknown)" if gap["outcome"] == "unknown" else "")
        if table.get("ahead"):
            gap_text += f"  [dim]ahead: {', '.join(table['ahead'])}[/dim]"
        grid.add_row(Text(name), f"{table['state']} {table['state_name']}", ladder_cells(table),
                     gap_text)
    console.print(grid)
    summary_line(document, console)


def summary_line(document: dict[str, Any], console: Console) -> None:
    s = document["summary"]
    histogram = "  ".join(f"{n}:{c}" for n, c in s["by_state"].items() if c)
    console.print(
        f"[bold]{s['tables']}[/bold] tables, mean state [bold]{s['mean_state']}[/bold], "
        f"[bold]{s['gaps']}[/bold] gaps  (by state  {histogram})")
    console.print(f"snapshot {document['snapshot']['id'][:19]}…  "
                  f"legend: ● present ◐ waived ? unknown ✗ failing · missing")
    diagnostics = document.get("diagnostics", [])
    if diagnostics:
        worst = [d for d in diagnostics if d["severity"] != "info"]
        console.print(f"[yellow]{len(diagnostics)} diagnostics[/yellow] "
                      f"({len(worst)} warnings or errors) — `--json` lists them")


def gaps_table(rows: list[dict[str, Any]], console: Console) -> None:
    grid = Table(header_style="bold")
    for column in ("table", "missing", "why", "where to add it"):
        grid.add_column(column)
    for row in rows:
        follow = row.get("follow")
        where = f"like {follow['table']}: {follow['path']}:{follow['line']}" if follow else "—"
        missing = f"{row['missing_state']} {row['kind']}"
        if row["outcome"] == "unknown":
            missing += " (unknown)"
        grid.add_row(Text(row["table"]), missing, Text(row["why"]), Text(where))
    console.print(grid)
    console.print(f"{len(rows)} gaps")


def evidence_lines(items: list[dict[str, Any]]) -> list[str]:
    lines = []
    for item in items:
        where = f"{item['path']}:{item['line']}" if item.get("path") else \
            f"{item.get('source')}: {item.get('observed', '')}"
        lines.append(f"{escape(where)}  [dim]({escape(item['detector'])})[/dim]")
        lines.extend(f"    → {escape(step)}" for step in item.get("via", []))
    return lines


def table_detail(table: dict[str, Any], states: list[dict[str, Any]], console: Console) -> None:
    console.print(f"[bold]{escape(table['schema'])}.{escape(table['name'])}[/bold]  state "
                  f"[bold]{table['state']} {table['state_name']}[/bold]  "
                  f"(profile {table['profile']}, symbol {table.get('symbol') or '—'})")
    for state in states:
        kind = state["evidence"]
        outcome = rung_outcome(table, kind)
        mark, style = RUNG_MARKS[outcome]
        console.print(f"[{style}]{mark}[/{style}] {state['n']:>2} {state['name']}: {outcome}")
        for line in evidence_lines(table["evidence"].get(kind, [])):
            console.print(f"       {line}")
        if outcome == "waived":
            w = table["waived"][kind]
            console.print(f"       waived by {escape(w['approved_by'])}: {escape(w['reason'])}")
        if outcome == "unknown":
            console.print(f"       {escape(table['unknown'][kind])}")
        for line in evidence_lines(table.get("failing", {}).get(kind, [])):
            console.print(f"       [red]not holding:[/red] {line}")
    gap = table.get("gap")
    if gap:
        console.print(f"\n[bold]gap[/bold] at {gap['state']} {gap['kind']}: "
                      f"{escape(gap['missing'])}")
        if gap.get("follow"):
            f = gap["follow"]
            console.print(f"  follow {f['table']}: {escape(str(f['path']))}:{f['line']}")
        console.print(f"  verify with: commission verify {table['name']} --state {gap['state']}")
