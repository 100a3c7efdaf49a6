"""Scan a fixture venture and hold it to the ``expected-states.json`` written beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from commissioning.assess import assess
from commissioning.config import load_venture_config
from commissioning.evidence import EvidenceSnapshot
from commissioning.machines import builtin_machine
from commissioning.observe.scanner import observe_venture

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / name / "expected-states.json").read_text(encoding="utf-8"))
    return data


def scan(name: str) -> tuple[EvidenceSnapshot, dict[str, Any]]:
    """The snapshot of a fixture and its assessed tables by name."""
    root = FIXTURES / name
    snapshot = observe_venture(root, load_venture_config(root))
    tables = {t.table.key.name: t for t in assess(snapshot, builtin_machine("table")).tables}
    return snapshot, tables


def check_table(tables: dict[str, Any], name: str, want: dict[str, Any]) -> None:
    """The state always; the gap and ``ahead`` (none when unlisted) when the file gives a gap."""
    table = tables[name]
    assert table.state == want["state"], (name, table.state)
    if "gap" not in want:
        return
    gap = table.gap.kind.value if table.gap else None
    assert gap == want.get("gap"), (name, gap)
    assert sorted(k.value for k in table.ahead) == sorted(want.get("ahead", [])), name
