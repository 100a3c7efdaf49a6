"""Drift: where the venture's database and its code disagree, as one frozen value.

The live database observer fills it; the status document prints it as its ``drift`` field. It is
kept apart from the ladder on purpose: a table only the database has is on no ladder (no schema
source defines it), yet it is exactly what a reader of the scan needs to see. Each item is also
a diagnostic of the snapshot, so a change of drift changes the snapshot id.
"""

from __future__ import annotations

from dataclasses import dataclass

from commissioning.evidence.model import TableKey


@dataclass(frozen=True, slots=True)
class MigrationLedger:
    """What a migration tool's own table records, matched against the migration files.

    ``applied`` counts the rows the tool recorded; ``pending`` are migration files (paths
    relative to the venture root) that the tool has not recorded as applied.
    """

    tool: str
    table: str
    applied: int
    applied_files: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Drift:
    """The database against the code.

    ``database``: the redacted URL observed (no password). ``only_in_database``: tables that
    exist but that no schema source defines. ``missing_from_database``: tables a schema source
    defines that do not exist. ``rls_disabled``: PostgreSQL tables in an exposed schema without
    row-level security. ``error`` says why the database could not be read, if it could not.
    """

    database: str
    dialect: str
    only_in_database: tuple[TableKey, ...] = ()
    missing_from_database: tuple[TableKey, ...] = ()
    ledgers: tuple[MigrationLedger, ...] = ()
    rls_disabled: tuple[TableKey, ...] = ()
    exposed_schemas: tuple[str, ...] = ()
    error: str = ""  # the database could not be read: why (every list above is then empty)


def drift_to_dict(drift: Drift) -> dict[str, object]:
    """The status document's ``drift`` field."""
    return {
        "database": drift.database,
        "dialect": drift.dialect,
        "only_in_database": [str(k) for k in sorted(drift.only_in_database)],
        "missing_from_database": [str(k) for k in sorted(drift.missing_from_database)],
        "migrations": [
            {"tool": ledger.tool, "table": ledger.table, "applied": ledger.applied,
             "applied_files": list(ledger.applied_files), "pending": list(ledger.pending)}
            for ledger in sorted(drift.ledgers, key=lambda item: (item.tool, item.table))
        ],
        "rls_disabled": [str(k) for k in sorted(drift.rls_disabled)],
        "exposed_schemas": list(drift.exposed_schemas),
        "error": drift.error or None,
    }
