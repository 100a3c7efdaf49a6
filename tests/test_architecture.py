"""The layer contracts (pure core imports no I/O library) hold: import-linter says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 5 kept, 0 broken" in done.stdout


def test_only_config_reads_the_environment() -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in (ROOT / "src" / "commissioning").rglob("*.py")
        if p.name != "config.py"
        and ("os.environ" in p.read_text(encoding="utf-8") or "getenv(" in p.read_text("utf-8"))
    ]
    assert offenders == [], offenders
