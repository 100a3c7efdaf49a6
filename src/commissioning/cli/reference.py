"""The CLI reference, generated from each command's own help so docs cannot drift."""

from __future__ import annotations

import click
import typer.main

from commissioning.cli.app import app


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    ctx = click.Context(group)
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        if command is None:
            continue
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found.extend(_commands(command, full))
        else:
            found.append((full, command))
    return found


def cli_reference() -> str:
    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    parts = [
        "# CLI reference\n",
        "Generated from `--help` by `scripts/gen-cli-docs`; a test fails when it is stale.\n",
        "Exit codes: 0 success; 1 a gate failed (`check` found tables below the minimum, "
        "`verify` found the evidence missing); 2 a usage or input error (bad path, malformed "
        "`commissioning.toml`, unknown table, no stored scan); 130 interrupted.\n",
    ]
    for name, command in _commands(root, "commission"):
        with click.Context(command, info_name=name, terminal_width=100,
                           max_content_width=100) as ctx:
            text = command.get_help(ctx)
        parts.append(f"## `{name}`\n\n```\n{text}\n```\n")
    return "\n".join(parts)
