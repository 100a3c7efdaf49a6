"""Every profile's fixture venture scans, through the real scanner and ``assess()``, to exactly
the states in its ``expected-states.json``: the same tables, nothing absent listed, each state
(and gap and ahead where the file gives them), each diagnostic code it names."""

from __future__ import annotations

from typing import Any

import pytest
from tests.observe.profiles.venture_states import FIXTURES, check_table, expected, scan

from commissioning.evidence import EvidenceSnapshot

VENTURES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected-states.json").is_file())
Scanned = tuple[EvidenceSnapshot, dict[str, Any]]
_SCANS: dict[str, Scanned] = {}


def _scanned(name: str) -> Scanned:
    if name not in _SCANS:
        _SCANS[name] = scan(name)
    return _SCANS[name]


def test_every_stack_has_a_fixture_venture() -> None:
    assert {"django-mini", "prisma-mini", "rails-mini", "sqlalchemy-mini",
            "supabase-mini"} <= set(VENTURES)


@pytest.mark.parametrize("venture", VENTURES)
def test_the_expected_tables_and_nothing_else(venture: str) -> None:
    want = expected(venture)
    _, tables = _scanned(venture)
    assert set(tables) == set(want["tables"])
    assert not set(tables) & set(want.get("absent", []))


@pytest.mark.parametrize(("venture", "name"), [
    (venture, name) for venture in VENTURES for name in sorted(expected(venture)["tables"])])
def test_state_gap_and_ahead(venture: str, name: str) -> None:
    check_table(_scanned(venture)[1], name, expected(venture)["tables"][name])


@pytest.mark.parametrize("venture", VENTURES)
def test_named_diagnostics_are_reported(venture: str) -> None:
    snapshot, _ = _scanned(venture)
    assert set(expected(venture).get("diagnostics", [])) <= {d.code for d in snapshot.diagnostics}
