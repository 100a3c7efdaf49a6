"""The contract of the live stage: observers that run after the static scan.

A live observer reads a source outside the repository (the venture's database, its test
reports) and judges what the static scan found against it. It receives the static tables and
evidence and returns extra evidence, unknowns and diagnostics that the scanner merges into the
same snapshot. It may also *overrule* static evidence the live facts contradict (a migration
file whose table is not in the database): the scanner drops the overruled items and keeps the
``holds=False`` copies the observer returns in their place, so the rung is not satisfied by the
file alone and the reader still sees the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from commissioning.evidence import Diagnostic, Evidence, TableInfo, Unknown
from commissioning.evidence.drift import Drift
from commissioning.observe.source_tree import SourceTree


@dataclass(frozen=True, slots=True)
class StaticView:
    """What the static scan found: every table it knows and every piece of evidence."""

    tables: tuple[TableInfo, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class LiveResult:
    """What one live observer adds to the snapshot (see the module doc for ``overrules``)."""

    evidence: tuple[Evidence, ...] = ()
    overrules: tuple[Evidence, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    detectors: tuple[tuple[str, str], ...] = ()
    drift: Drift | None = None


class LiveObserver(Protocol):
    """A live source. ``observe`` never writes to what it reads and never raises for a source
    that cannot be read: it reports the kinds it would have decided as unknown instead."""

    @property
    def name(self) -> str:
        """What diagnostics call this source."""
        ...

    def observe(self, tree: SourceTree, static: StaticView) -> LiveResult:
        ...
