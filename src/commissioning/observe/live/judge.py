"""Judge the static scan against what the database holds: evidence, overrules, drift.

Pure: the database facts are read before (``observe.live.database``); this module only decides.

* A table that exists gives ``migration`` evidence (``source=db``, "applied").
* A migration file whose table does not exist is overruled: the file is still shown, as
  ``holds=False`` "written, not applied", so the rung is not satisfied by the file alone.
  A defined table with no migration file and no table is ``holds=False`` "not in the database".
* More than zero rows give ``data`` evidence (``source=db``); an empty table gives none (a seed
  file that fills it still counts: it is how the table will get its rows).
* Drift: tables only the database has (outside platform schemas and migration bookkeeping),
  defined tables it lacks, migrations written but not recorded, tables without RLS.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from commissioning.evidence import (
    Diagnostic,
    Evidence,
    Kind,
    Severity,
    Source,
    TableKey,
    Unknown,
)
from commissioning.evidence.drift import Drift, MigrationLedger
from commissioning.observe.live.base import LiveResult, StaticView
from commissioning.observe.live.catalog import PLATFORM_SCHEMAS, Catalog, DbTable
from commissioning.observe.live.counts import RowCount
from commissioning.observe.live.ledgers import is_tool_table

VERSION = "1"
DETECTORS = tuple((name, VERSION) for name in (
    "db.table_exists", "db.not_applied", "db.row_count", "db.migration_ledger", "db.rls"))
_DEFAULT_ALIASES = ("public", "main")


@dataclass(frozen=True, slots=True)
class DbFacts:
    """Everything one read-only session saw."""

    database: str  # the redacted URL
    catalog: Catalog
    counts: Mapping[tuple[str, str], RowCount] = field(default_factory=dict)
    count_failures: Mapping[tuple[str, str], str] = field(default_factory=dict)
    ledgers: tuple[MigrationLedger, ...] = ()
    ledger_failures: tuple[str, ...] = ()
    exposed_schemas: tuple[str, ...] = ("public",)


def judge(static: StaticView, facts: DbFacts) -> LiveResult:
    catalog = facts.catalog
    defined = _defined(static)
    matched = _match(catalog, defined)
    present_keys = set(matched.values())
    migrations = _static_migrations(static)
    applied_by = {path: ledger.table for ledger in facts.ledgers for path in ledger.applied_files}
    evidence: list[Evidence] = []
    overrules: list[Evidence] = []
    unknowns: list[Unknown] = []
    for found, key in sorted(matched.items(), key=lambda pair: pair[1]):
        evidence.append(_applied(key, found, migrations.get(key, []), applied_by))
        where = (found.schema, found.name)
        if where in facts.count_failures:
            unknowns.append(Unknown(Kind.DATA, f"the row count of {found.schema}.{found.name} "
                                    f"failed: {facts.count_failures[where]}", key))
        elif where in facts.counts and facts.counts[where].rows > 0:
            evidence.append(Evidence(key, Kind.DATA, "db.row_count", source=Source.DB,
                                     observed=facts.counts[where].describe()))
    missing = sorted(k for k in defined if k not in present_keys)
    for key in missing:
        items = migrations.get(key, [])
        overrules.extend(items)
        evidence.extend(_not_applied(key, item, applied_by) for item in items)
        if not items:
            evidence.append(Evidence(key, Kind.MIGRATION, "db.table_exists", source=Source.DB,
                                     observed="not in the database", holds=False))
    drift = Drift(
        database=facts.database, dialect=catalog.dialect,
        only_in_database=tuple(sorted(
            _db_key(catalog, t) for t in catalog.tables
            if t not in matched and t.schema not in PLATFORM_SCHEMAS and not is_tool_table(t))),
        missing_from_database=tuple(missing),
        ledgers=facts.ledgers,
        rls_disabled=tuple(sorted(_db_key(catalog, t) for t in catalog.tables
                                  if t.rls is False and t.schema in facts.exposed_schemas)),
        exposed_schemas=facts.exposed_schemas if catalog.dialect == "postgresql" else (),
    )
    return LiveResult(evidence=tuple(evidence), overrules=tuple(overrules),
                      unknowns=tuple(unknowns), diagnostics=_diagnostics(facts, drift),
                      detectors=DETECTORS, drift=drift)


def matched_tables(static: StaticView, catalog: Catalog) -> list[DbTable]:
    """The database tables that are tables of the code: the ones whose rows are evidence."""
    return sorted(_match(catalog, _defined(static)), key=lambda t: (t.schema, t.name))


def _defined(static: StaticView) -> set[TableKey]:
    """Tables a schema source or a migration file defines (an idea alone is not expected to
    exist yet)."""
    return {e.table for e in static.evidence
            if e.holds and e.kind in (Kind.SCHEMA, Kind.MIGRATION) and e.source is Source.REPO}


def _static_migrations(static: StaticView) -> dict[TableKey, list[Evidence]]:
    out: dict[TableKey, list[Evidence]] = defaultdict(list)
    for item in static.evidence:
        if item.kind is Kind.MIGRATION and item.source is Source.REPO and item.holds:
            out[item.table].append(item)
    return out


def _match(catalog: Catalog, defined: set[TableKey]) -> dict[DbTable, TableKey]:
    """Database tables to the static tables they are, case-insensitively. The database's
    default schema (MySQL: the database itself) stands for ``public``/``main`` in code."""
    index = {(k.schema.lower(), k.name.lower()): k for k in sorted(defined)}
    out: dict[DbTable, TableKey] = {}
    taken: set[TableKey] = set()
    for found in catalog.tables:
        name = found.name.lower()
        key = index.get((found.schema.lower(), name))
        if key is None and found.schema == catalog.default_schema:
            key = next((index[(alias, name)] for alias in _DEFAULT_ALIASES
                        if (alias, name) in index), None)
        if key is not None and key not in taken:
            out[found] = key
            taken.add(key)
    return out


def _db_key(catalog: Catalog, found: DbTable) -> TableKey:
    if catalog.dialect == "mysql" and found.schema == catalog.default_schema:
        return TableKey("public", found.name)  # how code names MySQL's one schema
    return TableKey(found.schema, found.name)


def _applied(key: TableKey, found: DbTable, files: list[Evidence],
             applied_by: Mapping[str, str]) -> Evidence:
    observed = f"applied: {found.schema}.{found.name} exists in the database"
    recorded = sorted(e.path for e in files if e.path is not None and e.path in applied_by)
    if recorded:
        observed += f"; {recorded[0]} is recorded in {applied_by[recorded[0]]}"
    return Evidence(key, Kind.MIGRATION, "db.table_exists", source=Source.DB, observed=observed)


def _not_applied(key: TableKey, item: Evidence, applied_by: Mapping[str, str]) -> Evidence:
    observed = "written, not applied"
    if item.path is not None and item.path in applied_by:
        observed = (f"written and recorded in {applied_by[item.path]}, but the table is not in "
                    "the database (dropped or renamed since?)")
    return Evidence(key, Kind.MIGRATION, "db.not_applied", source=Source.DB, path=item.path,
                    line=item.line, observed=observed, holds=False)


def _diagnostics(facts: DbFacts, drift: Drift) -> tuple[Diagnostic, ...]:
    out = [Diagnostic(Severity.INFO, "db-table-undefined",
                      f"{key} exists in the database, but no schema source defines it")
           for key in drift.only_in_database]
    for ledger in facts.ledgers:
        out.extend(Diagnostic(Severity.WARNING, "migration-not-applied",
                              f"written, not applied: {ledger.table} has no record of it", path)
                   for path in ledger.pending)
    supabase = facts.catalog.is_supabase
    for key in drift.rls_disabled:
        message = (f"{key}: row-level security is disabled in the exposed schema "
                   f"'{key.schema}'")
        if supabase:
            message += "; the Supabase Data API serves every row to anyone with the anon key"
        out.append(Diagnostic(Severity.WARNING if supabase else Severity.INFO, "rls-disabled",
                              message))
    out.extend(Diagnostic(Severity.WARNING, "row-count-failed",
                          f"{schema}.{name}: the row count failed: {reason}")
               for (schema, name), reason in sorted(facts.count_failures.items()))
    out.extend(Diagnostic(Severity.WARNING, "migration-ledger-unreadable", reason)
               for reason in facts.ledger_failures)
    return tuple(out)
