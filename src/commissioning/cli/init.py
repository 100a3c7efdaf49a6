"""`commission init`: detect the stacks and write a commented commissioning.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from commissioning.services.init import init_venture


def init_command(
    path: Annotated[Path, typer.Argument(help="The venture's root folder.")] = Path(),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    print_only: Annotated[bool, typer.Option("--print", help="Print it; write nothing.")]
    = False,
) -> None:
    """Detect the stacks present and write a commented commissioning.toml spelling out defaults.

    Example: commission init path/to/venture
    """
    console = Console(highlight=False)
    result = init_venture(path, force=force, write=not print_only)
    if not result.profiles:
        err = Console(stderr=True, highlight=False)
        found = ", ".join(f"{ext} ×{n}" for ext, n in result.extensions) or "no files"
        err.print(f"[yellow]no known stack found in {escape(str(path))}[/yellow] "
                  f"({result.files} files: {escape(found)})")
        if result.markers:
            err.print(f"  markers seen: {escape(', '.join(result.markers))}")
        err.print(escape("  configure it: write commissioning.toml with [venture] profiles = "
                         "[...] (drizzle, prisma, supabase, sqlalchemy, django, rails) and, "
                         "where your layout differs, [roles.<kind>] globs; see "
                         "docs/evidence.md"))
        raise typer.Exit(1)
    if print_only:
        print(result.text, end="")
        return
    console.print(f"wrote {escape(str(result.path))}: profiles {', '.join(result.profiles)}")
    console.print(f"next: commission scan {escape(str(path))}")
