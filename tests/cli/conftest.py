from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from commissioning.cli.app import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run `commission ARGS…` in-process through the real entry point (error rendering included)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("COMMISSIONING_DB", raising=False)

    def _run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["commission", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return _run


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the drizzle-mini venture (scans write .commissioning/ inside it)."""
    target = tmp_path / "drizzle-mini"
    shutil.copytree(FIXTURES / "drizzle-mini", target)
    return target
