from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.conftest import FIXTURES, Runner

from commissioning.config import parse_venture_config


def _without_config(tmp_path: Path, fixture: str, name: str | None = None) -> Path:
    target = tmp_path / (name or fixture)
    shutil.copytree(FIXTURES / fixture, target)
    (target / "commissioning.toml").unlink(missing_ok=True)
    return target


def test_init_detects_writes_a_loadable_commented_file(run: Runner, tmp_path: Path) -> None:
    venture = _without_config(tmp_path, "drizzle-mini")
    result = run("init", str(venture))
    assert result.code == 0, result.err
    text = (venture / "commissioning.toml").read_text()
    config = parse_venture_config(text)
    assert config.venture.profiles == ["drizzle"]
    assert '#     signals = ["directive:use server"]' in text  # defaults spelled out
    assert "# [roles.crud_ui]" in text
    assert run("scan", str(venture), "--no-store").code == 0


def test_init_never_clobbers_without_force(run: Runner, tmp_path: Path) -> None:
    venture = _without_config(tmp_path, "drizzle-mini")
    (venture / "commissioning.toml").write_text("# mine\n")
    refused = run("init", str(venture))
    assert refused.code == 2 and "already exists" in refused.err
    assert (venture / "commissioning.toml").read_text() == "# mine\n"
    assert run("init", str(venture), "--force").code == 0
    assert "[venture]" in (venture / "commissioning.toml").read_text()


def test_print_writes_nothing(run: Runner, tmp_path: Path) -> None:
    venture = _without_config(tmp_path, "drizzle-mini")
    shown = run("init", str(venture), "--print")
    assert shown.code == 0 and shown.out.startswith("# commissioning.toml")
    assert not (venture / "commissioning.toml").exists()


def test_monorepo_with_two_stacks(run: Runner, tmp_path: Path) -> None:
    mono = tmp_path / "mono"
    mono.mkdir()
    _without_config(mono, "drizzle-mini", "apps/web")
    _without_config(mono, "rails-mini", "apps/billing")
    result = run("init", str(mono))
    assert result.code == 0, result.err
    profiles = parse_venture_config((mono / "commissioning.toml").read_text()).venture.profiles
    assert {"drizzle", "rails"} <= set(profiles)


def test_unknown_layout_says_what_was_found(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# plans\n")
    (tmp_path / "main.go").write_text("package main\n")
    result = run("init", str(tmp_path))
    assert result.code == 1
    assert "no known stack" in result.err and ".go" in result.err
    assert "[venture] profiles" in result.err
    assert not (tmp_path / "commissioning.toml").exists()
