"""The django-mini venture scans to exactly the states written down beside it."""

from __future__ import annotations

from typing import Any

import pytest
from tests.observe.profiles.venture_states import expected, scan

from commissioning.evidence import EvidenceSnapshot, Kind

EXPECTED = expected("django-mini")


@pytest.fixture(scope="module")
def scanned() -> tuple[EvidenceSnapshot, dict[str, Any]]:
    return scan("django-mini")


def test_bad_input_is_diagnosed(scanned: tuple[EvidenceSnapshot, dict[str, Any]]) -> None:
    snapshot, _ = scanned
    codes = {d.code for d in snapshot.diagnostics}
    assert set(EXPECTED["diagnostics"]) <= codes


def test_e2e_chain_goes_through_the_urlconf(
        scanned: tuple[EvidenceSnapshot, dict[str, Any]]) -> None:
    snapshot, _ = scanned
    (e2e,) = [e for e in snapshot.evidence
              if e.table.name == "catalog_book" and e.kind == Kind.E2E_TESTS]
    assert (e2e.path, e2e.detector) == ("catalog/tests/test_views.py", "django.test_client")
    assert [s.path for s in e2e.via] == ["catalog/views.py", "catalog/services.py"]


def test_data_comes_from_fixture_and_data_migration(
        scanned: tuple[EvidenceSnapshot, dict[str, Any]]) -> None:
    snapshot, _ = scanned
    data = {(e.table.name, e.detector, e.path) for e in snapshot.evidence if e.kind == Kind.DATA}
    assert data == {("catalog_book", "django.fixture", "catalog/fixtures/books.json"),
                    ("catalog_author", "django.data_migration",
                     "catalog/migrations/0002_seed_authors.py")}


def test_same_tree_twice_same_snapshot_id() -> None:
    assert scan("django-mini")[0].id == scan("django-mini")[0].id
