"""Row counts that cost milliseconds at any size: exact below a limit, the planner's estimate
above it.

When the catalog's estimate is at or above the limit, it is the answer (no row is read).
Otherwise rows are counted, but never more than ``limit + 1`` of them: a stale estimate on a
big table stops at the limit and is reported as "more than the limit", not scanned to the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, literal_column, select, table

from commissioning.observe.live.catalog import DbTable


@dataclass(frozen=True, slots=True)
class RowCount:
    rows: int
    exact: bool
    at_least: bool = False  # counting stopped at the limit: there are more than ``rows``

    def describe(self) -> str:
        """The ``observed`` text of data evidence."""
        if self.exact:
            return f"rows: {self.rows:,} (exact)"
        if self.at_least:
            return f"> {_short(self.rows)} rows (counted up to the limit)"
        return f"≈ {_short(self.rows)} rows (estimate)"


def count_rows(connection: Connection, found: DbTable, limit: int) -> RowCount:
    if found.estimate is not None and found.estimate >= limit:
        return RowCount(found.estimate, exact=False)
    target = table(found.name, schema=found.schema)
    capped = select(literal_column("1")).select_from(target).limit(limit + 1).subquery()
    counted = int(connection.execute(select(func.count()).select_from(capped)).scalar_one())
    if counted > limit:
        return RowCount(limit, exact=False, at_least=True)
    return RowCount(counted, exact=True)


def _short(n: int) -> str:
    """1234 -> '1.2k', 1_234_567 -> '1.2M': an estimate's precision, not more."""
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if n >= size:
            value = f"{n / size:.1f}".removesuffix(".0")
            return f"{value}{unit}"
    return str(n)
