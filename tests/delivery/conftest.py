"""Fixtures of the delivery suite: a private copy of the example venture, the CLI runner, and
the store fixtures (SQLite and the real PostgreSQL) of the store suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.cli.conftest import run  # noqa: F401  (the `commission` runner fixture)
from tests.store.conftest import pg_database, pg_url, store, store_url  # noqa: F401

REPO = Path(__file__).resolve().parents[2]
DAIRY_PLANT = REPO / "examples" / "dairy-plant"


def copy_plant(tmp_path: Path) -> Path:
    """A private copy of examples/dairy-plant (its store is written inside the copy)."""
    root = tmp_path / "dairy-plant"
    shutil.copytree(DAIRY_PLANT, root, ignore=shutil.ignore_patterns(".commissioning",
                                                                     "node_modules"))
    return root


@pytest.fixture
def plant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("COMMISSIONING_DB", raising=False)
    return copy_plant(tmp_path)
