"""The bundled example venture scans to exactly the states written down beside it.

The full scan includes the test reports the venture ships (reports/), so three tables reach
state 10 and one stays at 9 with its failing spec shown.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commissioning import services
from commissioning.assess import assess
from commissioning.config import load_venture_config
from commissioning.machines import builtin_machine
from commissioning.observe.scanner import observe_venture

ROOT = Path(__file__).resolve().parents[2] / "examples" / "dairy-plant"
EXPECTED = json.loads((ROOT / "expected-states.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables() -> dict[str, object]:
    outcome = services.scan(ROOT, store=False)
    return {t.table.key.name: t for t in outcome.assessment.tables}


def test_every_expected_table_is_found_and_nothing_else(tables: dict[str, object]) -> None:
    assert set(tables) == set(EXPECTED["tables"])
    for absent in EXPECTED.get("absent", {}):
        assert absent not in tables


@pytest.mark.parametrize("name", sorted(EXPECTED["tables"]))
def test_state_gap_and_ahead_match(tables: dict[str, object], name: str) -> None:
    expected = EXPECTED["tables"][name]
    table = tables[name]
    assert table.state == expected["state"], expected.get("why")  # type: ignore[attr-defined]
    gap = table.gap.kind.value if table.gap else None  # type: ignore[attr-defined]
    assert gap == expected.get("gap")
    ahead = sorted(k.value for k in table.ahead)  # type: ignore[attr-defined]
    assert ahead == sorted(expected.get("ahead", []))
    failing = sorted(r.kind.value for r in table.results if r.failing)  # type: ignore[attr-defined]
    assert failing == sorted(expected.get("failing", []))


def test_every_state_zero_to_nine_is_represented(tables: dict[str, object]) -> None:
    states = {t.state for t in tables.values()}  # type: ignore[attr-defined]
    assert set(range(11)) <= states
    assert len(tables) >= 24


def test_same_tree_twice_same_snapshot_id() -> None:
    config = load_venture_config(ROOT)
    assert observe_venture(ROOT, config).id == observe_venture(ROOT, config).id


def test_hop_bound_is_real() -> None:
    """milk_collections' e2e chain is exactly four hops: with three it stops at 8."""
    config = load_venture_config(ROOT)
    tight = config.model_copy(update={"scan": config.scan.model_copy(update={"max_hops": 3})})
    snapshot = observe_venture(ROOT, tight)
    states = {t.table.key.name: t.state for t in assess(snapshot, builtin_machine("table")).tables}
    assert states["milk_collections"] == 8
