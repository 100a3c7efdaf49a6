"""Run the drizzle profile over a small in-memory venture."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from commissioning.config import parse_venture_config
from commissioning.evidence import Evidence, Kind
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.drizzle import DRIZZLE
from commissioning.observe.source_tree import MemorySourceTree

Scan = Callable[..., ProfileResult]


@pytest.fixture
def scan() -> Scan:
    def run(files: Mapping[str, str], toml: str = "",
            progress: Callable[[int, int], None] | None = None) -> ProfileResult:
        return DRIZZLE.observe(MemorySourceTree(dict(files)), parse_venture_config(toml),
                               progress)
    return run


@pytest.fixture
def found() -> Callable[[ProfileResult, str, Kind], list[Evidence]]:
    """The evidence of one kind for a table named ``schema.name`` (or ``name`` in public)."""
    def pick(result: ProfileResult, table: str, kind: Kind) -> list[Evidence]:
        schema, _, name = table.rpartition(".")
        return [e for e in result.evidence if e.kind == kind
                and (e.table.schema, e.table.name) == (schema or "public", name)]
    return pick
