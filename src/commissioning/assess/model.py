"""What an assessment says: per table, per kind, the outcome and the evidence behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from commissioning.evidence import Evidence, Kind, TableInfo, TableKey


class Outcome(StrEnum):
    PRESENT = "present"
    MISSING = "missing"
    WAIVED = "waived"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Waiver:
    """An approved exemption: this table does not need this kind of evidence."""

    table: TableKey
    kind: Kind
    approved_by: str
    reason: str
    expires_on: date | None = None

    def active_on(self, today: date | None) -> bool:
        return self.expires_on is None or today is None or today <= self.expires_on


class KindResult(NamedTuple):
    """The verdict for one rung of one table's ladder, and why.

    This, :class:`Gap` and :class:`TableAssessment` are named tuples, not frozen dataclasses:
    ``assess`` makes about ten of them per table, and a frozen dataclass pays a
    ``object.__setattr__`` per field (five times the cost of a tuple) - a second of the budget
    at 100,000 tables. They stay immutable and compare by value; being tuples, they also iterate
    and compare equal to a plain tuple of the same fields, which no consumer relies on.
    """

    kind: Kind
    n: int
    outcome: Outcome
    evidence: tuple[Evidence, ...] = ()
    failing: tuple[Evidence, ...] = ()
    waiver: Waiver | None = None
    reason: str = ""

    @property
    def counts(self) -> bool:
        return self.outcome in (Outcome.PRESENT, Outcome.WAIVED)


class Gap(NamedTuple):
    """The first rung of a table's ladder that is not evidenced."""

    table: TableKey
    n: int
    kind: Kind
    outcome: Outcome
    missing: str
    sibling: Evidence | None = None

    @property
    def actionable(self) -> bool:
        """Unknown is never missing: only a missing rung is work to route."""
        return self.outcome is Outcome.MISSING


class TableAssessment(NamedTuple):
    """One table's place on the ladder: its state, every rung's result, its first gap."""

    table: TableInfo
    state: int
    state_name: str
    results: tuple[KindResult, ...]
    gap: Gap | None
    ahead: tuple[Kind, ...]

    def result(self, kind: Kind) -> KindResult:
        return next(r for r in self.results if r.kind is kind)


@dataclass(frozen=True, slots=True)
class Assessment:
    snapshot_id: str
    machine: str
    machine_version: str
    tables: tuple[TableAssessment, ...]

    def table(self, name: str) -> TableAssessment | None:
        """Find by bare name or ``schema.name``, case-insensitive."""
        wanted = name.lower()
        for t in self.tables:
            if wanted in (t.table.key.name.lower(), str(t.table.key).lower()):
                return t
        return None

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return tuple(t.gap for t in self.tables if t.gap is not None)

    def by_state(self, top: int) -> dict[int, int]:
        counts = dict.fromkeys(range(top + 1), 0)
        for t in self.tables:
            counts[t.state] = counts.get(t.state, 0) + 1
        return counts

    @property
    def mean_state(self) -> float:
        if not self.tables:
            return 0.0
        return round(sum(t.state for t in self.tables) / len(self.tables), 2)
