"""The venture-database observer: read the catalog, the row counts and the migration ledgers in
one read-only session, then judge the static scan against them.

A database that cannot be read (dead host, wrong URL, refused login, a timeout) never fails the
scan: the kinds it would have decided (``migration``, ``data``) become unknown for every table,
with the reason, and an error diagnostic says what happened. Unknown is never missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from commissioning.errors import LiveSourceError
from commissioning.evidence import Diagnostic, Kind, Severity, Unknown
from commissioning.evidence.drift import Drift, MigrationLedger
from commissioning.observe.live.base import LiveResult, StaticView
from commissioning.observe.live.catalog import Catalog, DbTable, read_catalog
from commissioning.observe.live.connection import (
    LiveDatabase,
    failure_reason,
    guarded,
    read_only,
    shown_url,
)
from commissioning.observe.live.counts import RowCount, count_rows
from commissioning.observe.live.judge import DETECTORS, DbFacts, judge, matched_tables
from commissioning.observe.live.ledger_files import match_ledger
from commissioning.observe.live.ledgers import read_ledgers
from commissioning.observe.source_tree import SourceTree

LIVE_DB_KINDS = (Kind.MIGRATION, Kind.DATA)


@dataclass(frozen=True, slots=True)
class DatabaseObserver:
    database: LiveDatabase
    name: str = "venture-db"

    def observe(self, tree: SourceTree, static: StaticView) -> LiveResult:
        try:
            facts = self._read(tree, static)
        except LiveSourceError as exc:
            return unreadable(self.database, exc)
        return judge(static, facts)

    def _read(self, tree: SourceTree, static: StaticView) -> DbFacts:
        db = self.database
        with read_only(db) as connection:
            catalog = read_catalog(connection)
            counts, count_failures = _counts(connection, matched_tables(static, catalog), db)
            ledgers, ledger_failures = _ledgers(connection, catalog, tree, db)
        return DbFacts(database=shown_url(db), catalog=catalog, counts=counts,
                       count_failures=count_failures, ledgers=ledgers,
                       ledger_failures=ledger_failures, exposed_schemas=db.exposed_schemas)


def unreadable(db: LiveDatabase, error: LiveSourceError) -> LiveResult:
    """Every live-database kind unknown, for every table, and one error diagnostic."""
    reason = error.message
    message = f"{reason}; migration and data evidence from the database is unknown"
    if error.hint:
        message += f" (hint: {error.hint})"
    return LiveResult(
        unknowns=tuple(Unknown(kind, reason) for kind in LIVE_DB_KINDS),
        diagnostics=(Diagnostic(Severity.ERROR, "venture-db-unreadable", message),),
        detectors=DETECTORS,
        drift=Drift(database=shown_url(db), dialect="", error=reason),
    )


def _counts(connection: Connection, tables: Sequence[DbTable], db: LiveDatabase) -> tuple[
        dict[tuple[str, str], RowCount], dict[tuple[str, str], str]]:
    """Rows of the tables the code defines (the others are drift, not ladder evidence)."""
    counts: dict[tuple[str, str], RowCount] = {}
    failures: dict[tuple[str, str], str] = {}
    for found in tables:
        if found.estimate is not None and found.estimate >= db.exact_count_limit:
            counts[(found.schema, found.name)] = RowCount(found.estimate, exact=False)
            continue  # the catalog answered: no statement at all
        try:
            with guarded(connection):
                counts[(found.schema, found.name)] = count_rows(connection, found,
                                                               db.exact_count_limit)
        except SQLAlchemyError as exc:
            failures[(found.schema, found.name)] = failure_reason(exc, db)
    return counts, failures


def _ledgers(connection: Connection, catalog: Catalog, tree: SourceTree,
             db: LiveDatabase) -> tuple[tuple[MigrationLedger, ...], tuple[str, ...]]:
    try:
        with guarded(connection):
            rows = read_ledgers(connection, catalog)
    except SQLAlchemyError as exc:
        return (), (f"a migration tool's table could not be read: {failure_reason(exc, db)}",)
    return tuple(match_ledger(tree, r) for r in rows), ()
