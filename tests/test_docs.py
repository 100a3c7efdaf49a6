"""Docs that cannot go stale: the CLI reference is regenerated and compared."""

from __future__ import annotations

from pathlib import Path

from commissioning.cli.reference import cli_reference

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_reference(), \
        "docs/cli.md is stale: run scripts/gen-cli-docs"


def test_every_command_has_an_example() -> None:
    reference = cli_reference()
    sections = reference.split("\n## ")[1:]
    assert sections
    for section in sections:
        assert "Example: commission" in section, section.splitlines()[0]


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/demo" in readme and "scripts/test" in readme
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_architecture_lists_every_module() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "commissioning"
    missing = [
        str(p.relative_to(package.parent)) for p in sorted(package.rglob("*.py"))
        if p.name != "__init__.py" and "migrations" not in p.parts
        and str(p.relative_to(package.parent)) not in text
    ]
    assert not missing, f"ARCHITECTURE.md does not mention: {missing}"
