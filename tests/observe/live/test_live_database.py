"""Live evidence from a real venture database, on PostgreSQL, MariaDB and SQLite alike."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tests.observe.live.conftest import VentureDb, write_live_config

from commissioning import services
from commissioning.errors import LiveSourceError
from commissioning.observe.live import LiveDatabase
from commissioning.observe.live.connection import read_only

Document = dict[str, Any]


def scan(venture: Path, db: VentureDb | None, **live: object) -> Document:
    if live:
        write_live_config(venture, **live)
    return services.scan(venture, store=False,
                         venture_db=None if db is None else db.url).document


def table(document: Document, name: str) -> Document:
    return next(t for t in document["tables"] if t["name"] == name)


def default_schema(db: VentureDb) -> str:
    return "main" if db.dialect == "sqlite" else "public"


def test_a_table_that_exists_is_applied_and_its_rows_are_data(
        venture: Path, venture_db: VentureDb) -> None:
    growers = table(scan(venture, venture_db), "growers")
    assert growers["state"] == 9
    applied = [e for e in growers["evidence"]["migration"] if e.get("source") == "db"]
    assert applied[0]["detector"] == "db.table_exists"
    assert applied[0]["observed"].startswith("applied: ")
    assert "drizzle/0000_init.sql is recorded in" in applied[0]["observed"]
    rows = [e for e in growers["evidence"]["data"] if e.get("source") == "db"]
    assert rows == [{"detector": "db.row_count", "source": "db", "observed": "rows: 3 (exact)",
                     "via": []}]


def test_an_empty_table_is_not_data(venture: Path, venture_db: VentureDb) -> None:
    harvests = table(scan(venture, venture_db), "harvests")
    assert "data" not in harvests["evidence"]
    assert harvests["state"] == 2 and harvests["gap"]["kind"] == "data"
    assert harvests["gap"]["outcome"] == "missing"


def test_rows_raise_the_state(venture: Path, venture_db: VentureDb) -> None:
    venture_db.run("INSERT INTO harvests (grower_id, kilos) VALUES (1, 120), (2, 80)")
    harvests = table(scan(venture, venture_db), "harvests")
    assert harvests["evidence"]["data"][0]["observed"] == "rows: 2 (exact)"
    assert harvests["state"] == 4  # its repository was ahead of the data gap


def test_a_migration_written_but_not_applied_does_not_count(
        venture: Path, venture_db: VentureDb) -> None:
    static = table(scan(venture, None), "sensors")
    assert static["state"] == 2  # without a database the file is evidence enough

    sensors = table(scan(venture, venture_db), "sensors")
    assert sensors["state"] == 1
    assert "migration" not in sensors["evidence"]
    assert sensors["failing"]["migration"] == [{
        "detector": "db.not_applied", "path": "drizzle/0001_sensors.sql", "line": 1,
        "source": "db", "observed": "written, not applied", "via": [], "holds": False}]
    assert sensors["gap"]["outcome"] == "missing"
    assert "written, not applied" in sensors["gap"]["missing"]


def test_drift_lists_both_sides_and_the_ledger(venture: Path, venture_db: VentureDb) -> None:
    document = scan(venture, venture_db)
    drift = document["drift"]
    assert drift["dialect"] == ("sqlite" if venture_db.dialect == "sqlite" else
                                "mysql" if venture_db.dialect == "mariadb" else "postgresql")
    assert drift["only_in_database"] == [f"{default_schema(venture_db)}.legacy_imports"]
    assert drift["missing_from_database"] == ["public.sensors"]
    [ledger] = drift["migrations"]
    assert ledger["tool"] == "drizzle" and ledger["applied"] == 1
    assert ledger["applied_files"] == ["drizzle/0000_init.sql"]
    assert ledger["pending"] == ["drizzle/0001_sensors.sql"]
    assert drift["error"] is None
    codes = {(d["code"], d["path"]) for d in document["diagnostics"]}
    assert ("migration-not-applied", "drizzle/0001_sensors.sql") in codes
    assert ("db-table-undefined", None) in codes


def test_the_scan_leaves_the_database_byte_for_byte_unchanged(
        venture: Path, venture_db: VentureDb) -> None:
    before = venture_db.checksum()
    scan(venture, venture_db)
    scan(venture, venture_db, exact_count_limit=1)  # the estimate path too
    assert venture_db.checksum() == before


WRITES = [
    "INSERT INTO growers (name) VALUES ('intruder')",
    "UPDATE growers SET name = 'renamed'",
    "DELETE FROM growers",
    "CREATE TABLE intruders (id integer)",
    "DROP TABLE legacy_imports",
]


@pytest.mark.parametrize("statement", WRITES, ids=lambda s: s.split()[0].lower())
def test_a_write_through_the_live_connection_is_refused(
        venture_db: VentureDb, statement: str) -> None:
    before = venture_db.checksum()
    with pytest.raises(LiveSourceError) as caught, \
            read_only(LiveDatabase(venture_db.url)) as connection:
        connection.exec_driver_sql(statement)
    message = caught.value.message.lower()
    assert any(word in message for word in ("read-only", "read only", "readonly")), message
    assert venture_db.checksum() == before


@pytest.mark.parametrize("statement", WRITES, ids=lambda s: s.split()[0].lower())
def test_a_write_after_ending_the_transaction_is_refused_too(
        venture_db: VentureDb, statement: str) -> None:
    """Even if an observer ended its transaction, the next one is read-only as well."""
    before = venture_db.checksum()
    with pytest.raises(LiveSourceError) as caught, \
            read_only(LiveDatabase(venture_db.url)) as connection:
        connection.exec_driver_sql("COMMIT")
        connection.exec_driver_sql(statement)
    message = caught.value.message.lower()
    assert any(word in message for word in ("read-only", "read only", "readonly")), message
    assert venture_db.checksum() == before


def test_sqlite_refuses_even_when_query_only_is_switched_off(sqlite_db: VentureDb) -> None:
    """Two locks: PRAGMA query_only, and the file opened with mode=ro underneath it."""
    before = sqlite_db.checksum()
    with pytest.raises(LiveSourceError, match="readonly"), \
            read_only(LiveDatabase(sqlite_db.url)) as connection:
        connection.exec_driver_sql("PRAGMA query_only = OFF")
        connection.exec_driver_sql("INSERT INTO growers (name) VALUES ('intruder')")
    assert sqlite_db.checksum() == before


def _analyse(db: VentureDb) -> None:
    statement = {"postgresql": "ANALYZE growers", "mariadb": "ANALYZE TABLE growers",
                 "sqlite": "ANALYZE"}[db.dialect]
    if db.dialect == "postgresql":
        with db.admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(statement)
    else:
        db.run(statement)


def test_above_the_limit_the_planner_estimate_is_the_count(
        venture: Path, venture_db: VentureDb) -> None:
    _analyse(venture_db)
    growers = table(scan(venture, venture_db, exact_count_limit=2), "growers")
    rows = [e for e in growers["evidence"]["data"] if e.get("source") == "db"]
    assert rows[0]["observed"] == "≈ 3 rows (estimate)"


@pytest.mark.parametrize("dialect", [pytest.param("postgresql", marks=pytest.mark.postgres),
                                     "sqlite"])
def test_without_an_estimate_the_count_stops_at_the_limit(
        venture: Path, db_factory: Any, dialect: str) -> None:
    db = db_factory(dialect)  # never analysed: no estimate to trust
    growers = table(scan(venture, db, exact_count_limit=2), "growers")
    rows = [e for e in growers["evidence"]["data"] if e.get("source") == "db"]
    assert rows[0]["observed"] == "> 2 rows (counted up to the limit)"


def test_live_facts_are_inputs_of_a_deterministic_snapshot(
        venture: Path, venture_db: VentureDb) -> None:
    first = scan(venture, venture_db)["snapshot"]["id"]
    assert scan(venture, venture_db)["snapshot"]["id"] == first
    assert scan(venture, None)["snapshot"]["id"] != first
    venture_db.run("INSERT INTO growers (name) VALUES ('Vierde Kas')")
    assert scan(venture, venture_db)["snapshot"]["id"] != first


def test_a_relative_sqlite_path_in_the_config_starts_at_the_venture(
        venture: Path, sqlite_db: VentureDb, monkeypatch: pytest.MonkeyPatch) -> None:
    assert sqlite_db.sqlite_path is not None
    monkeypatch.chdir(sqlite_db.sqlite_path.parent)  # not where the path starts
    monkeypatch.delenv("COMMISSIONING_VENTURE_DB", raising=False)
    relative = os.path.relpath(sqlite_db.sqlite_path, venture)
    write_live_config(venture, venture_db=f"sqlite:///{relative}")
    growers = table(services.scan(venture, store=False).document, "growers")
    assert any(e.get("source") == "db" for e in growers["evidence"]["data"])
