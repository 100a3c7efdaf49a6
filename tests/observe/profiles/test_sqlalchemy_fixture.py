"""The sqlalchemy-mini venture scans to exactly the states written down beside it."""

from __future__ import annotations

from typing import Any

import pytest
from tests.observe.profiles.venture_states import expected, scan

from commissioning.evidence import EvidenceSnapshot, Kind

EXPECTED = expected("sqlalchemy-mini")


@pytest.fixture(scope="module")
def scanned() -> tuple[EvidenceSnapshot, dict[str, Any]]:
    return scan("sqlalchemy-mini")


def test_bad_input_is_diagnosed(scanned: tuple[EvidenceSnapshot, dict[str, Any]]) -> None:
    snapshot, _ = scanned
    codes = {d.code for d in snapshot.diagnostics}
    assert set(EXPECTED["diagnostics"]) <= codes


def test_e2e_chain_goes_through_the_url_edge(
        scanned: tuple[EvidenceSnapshot, dict[str, Any]]) -> None:
    snapshot, _ = scanned
    (e2e,) = [e for e in snapshot.evidence
              if e.table.name == "vehicles" and e.kind == Kind.E2E_TESTS]
    assert (e2e.path, e2e.detector) == ("tests/test_vehicles_api.py", "python.test_client")
    assert [s.path for s in e2e.via] == ["app/api/v1/vehicles.py",
                                         "app/repositories/vehicles.py"]


def test_same_tree_twice_same_snapshot_id() -> None:
    assert scan("sqlalchemy-mini")[0].id == scan("sqlalchemy-mini")[0].id
