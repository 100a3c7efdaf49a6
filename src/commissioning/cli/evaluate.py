"""`commission eval`: accuracy of a scan against hand labels."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from commissioning.cli import render
from commissioning.services.evaluation import evaluate


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def eval_command(
    labels: Annotated[Path, typer.Argument(help="A label file (LABELS.md format).")],
    repo: Annotated[Path, typer.Option("--repo", help="The labelled repository's checkout.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the JSON document.")] = False,
) -> None:
    """Scan REPO (storing nothing) and score it against LABELS: precision/recall per kind.

    Example: commission eval tests/accuracy/vercel__ai-chatbot.json --repo ../ai-chatbot
    """
    result = evaluate(labels, repo)
    if json_out:
        render.print_json(result)
        return
    show(result, Console(highlight=False))


def show(result: dict[str, Any], console: Console) -> None:
    grid = Table(title=f"{result['repo']} ({result['stack']}, {result['tables']} tables)",
                 title_justify="left", header_style="bold")
    for column in ("kind", "tp", "fp", "fn", "precision", "recall"):
        grid.add_column(column, justify="left" if column == "kind" else "right")
    for kind, c in result["kinds"].items():
        grid.add_row(kind, str(c["tp"]), str(c["fp"]), str(c["fn"]), _pct(c["precision"]),
                     _pct(c["recall"]))
    micro = result["micro"]
    grid.add_row("[bold]micro[/bold]", "", "", "", _pct(micro["precision"]),
                 _pct(micro["recall"]))
    console.print(grid)
    console.print(f"state exact {_pct(result['state_exact'])}, within one "
                  f"{_pct(result['state_within_1'])}")
    if result["missing"]:
        console.print(f"[red]not found by the scanner:[/red] {', '.join(result['missing'])}")
