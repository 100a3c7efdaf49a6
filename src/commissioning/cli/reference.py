"""The CLI reference, generated from each command's own help so docs cannot drift."""

from __future__ import annotations

from typing import Any

import typer.main
from typer.testing import CliRunner

from commissioning.cli.app import app

_ENV = {"COLUMNS": "100", "TERMINAL_WIDTH": "100", "NO_COLOR": "1",
        "_TYPER_FORCE_DISABLE_TERMINAL": "1"}


def _command_paths(command: Any, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every leaf command as its argument path, e.g. ("machine", "show")."""
    children: dict[str, Any] = getattr(command, "commands", None) or {}
    if not children:
        return [prefix]
    paths: list[tuple[str, ...]] = []
    for name in sorted(children):
        paths.extend(_command_paths(children[name], (*prefix, name)))
    return paths


def cli_reference() -> str:
    root = typer.main.get_command(app)
    runner = CliRunner()
    parts = [
        "# CLI reference\n",
        "Generated from `--help` by `scripts/gen-cli-docs`; a test fails when it is stale.\n",
        "Exit codes: 0 success; 1 a gate failed (`check` found tables below the minimum, "
        "`verify` found the evidence missing); 2 a usage or input error (bad path, malformed "
        "`commissioning.toml`, unknown table, no stored scan, refused transition); "
        "130 interrupted.\n",
    ]
    for path in _command_paths(root, ()):
        result = runner.invoke(app, [*path, "--help"], env=_ENV, prog_name="commission")
        text = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
        parts.append(f"## `commission {' '.join(path)}`\n\n```\n{text}\n```\n")
    return "\n".join(parts)
