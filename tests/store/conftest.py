"""Fixtures of the store suite: every store test runs on SQLite and on the real PostgreSQL.

PostgreSQL: one throwaway database per test session (``commissioning_test_<random>``, created
through an autocommit connection to ``test`` and dropped at the end), and a fresh schema per
test inside it, so runs and tests never see each other's rows. When the server is not up, the
PostgreSQL tests fail with a message saying so, unless ``COMMISSIONING_SKIP_POSTGRES=1``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import URL, Engine, create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from commissioning.assess import Assessment, assess
from commissioning.evidence import (
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Source,
    Step,
    TableInfo,
    TableKey,
)
from commissioning.machines import builtin_machine
from commissioning.report import StatusInputs, VentureInfo, build_status_document
from commissioning.store import Store, default_url, open_store

PG_ADMIN_URL = os.environ.get(
    "COMMISSIONING_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SKIP_POSTGRES = os.environ.get("COMMISSIONING_SKIP_POSTGRES") == "1"
STORE_TABLES = ("ventures", "scans", "table_states", "evidence_items")
MACHINE = builtin_machine("table")


# -- PostgreSQL -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_database() -> Iterator[URL]:
    """A throwaway database for this test session, dropped at the end."""
    if SKIP_POSTGRES:
        pytest.skip("COMMISSIONING_SKIP_POSTGRES=1: PostgreSQL tests skipped")
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"commissioning_test_{secrets.token_hex(6)}"
    reason = ""
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except SQLAlchemyError as error:
        reason = " ".join(str(getattr(error, "orig", error)).split())
    if reason:
        admin.dispose()
        pytest.fail(
            f"PostgreSQL is needed by the store tests and is not usable at "
            f"{make_url(PG_ADMIN_URL).render_as_string(hide_password=True)}: {reason}\n"
            "Start it (trust auth, database 'test'), point COMMISSIONING_TEST_POSTGRES_URL at "
            "another server, or set COMMISSIONING_SKIP_POSTGRES=1 to skip these tests.",
            pytrace=False,
        )
    try:
        yield make_url(PG_ADMIN_URL).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def pg_url(pg_database: URL) -> Iterator[str]:
    """A fresh, empty schema of the session database, selected through ``search_path``."""
    schema = f"t_{secrets.token_hex(6)}"
    engine = create_engine(pg_database, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = pg_database.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
        with engine.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        engine.dispose()


# -- both backends --------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return default_url(tmp_path / "venture")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def count_rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in STORE_TABLES}


# -- sample scans ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleScan:
    venture: VentureInfo
    snapshot: EvidenceSnapshot
    assessment: Assessment
    document: dict[str, object]
    scanned_at: datetime

    def save(self, store: Store) -> object:
        return store.scans.save_scan(self.venture, self.snapshot, self.assessment,
                                     self.document, self.scanned_at)


LADDER = [Kind.SCHEMA, Kind.MIGRATION, Kind.DATA, Kind.REPOSITORY, Kind.SERVER_ACTIONS,
          Kind.CRUD_UI, Kind.ETL, Kind.A2A_API, Kind.E2E_TESTS]


def sample_evidence(table: TableKey, i: int, per_table: int) -> list[Evidence]:
    """``per_table`` evidence items climbing the ladder, with import chains and live sources."""
    items: list[Evidence] = []
    for j in range(per_table):
        kind = LADDER[j % len(LADDER)] if j < len(LADDER) else LADDER[(i + j) % len(LADDER)]
        if j == len(LADDER) - 1 and i % 3 == 0:
            items.append(Evidence(table, Kind.DATA, "db.row_count", source=Source.DB,
                                  observed=f"{i} rows", holds=i % 2 == 0))
            continue
        via = (Step("src/app/actions.ts", j + 1), Step("src/db/repo.ts", i + 1)) if j % 4 == 3 \
            else ()
        items.append(Evidence(table, kind, f"detector.{kind.value}",
                              path=f"src/{table.name}/{kind.value}_{j}.ts", line=i + j + 1,
                              via=via))
    return items


def make_scan(
    venture: str = "greenhouse-ops",
    *,
    tables: int = 4,
    per_table: int = 6,
    config_hash: str = "sha256:cfg-1",
    commit: str | None = "abc123",
    scanned_at: datetime = datetime(2026, 11, 21, 10, 0, tzinfo=UTC),
    climb: int = 0,
) -> SampleScan:
    """A realistic scan: ``tables`` tables in two schemas, ``per_table`` evidence items each
    (``climb`` more for the first table, to make a different snapshot of the same venture)."""
    infos = [TableInfo(TableKey("lab" if i % 5 == 4 else "public", f"table_{i:05d}"),
                       profile="drizzle", symbol=f"t{i}") for i in range(tables)]
    evidence = [item for i, info in enumerate(infos)
                for item in sample_evidence(info.key, i, per_table + (climb if i == 0 else 0))]
    snapshot = EvidenceSnapshot.build(
        venture, ScanInputs(config_hash=config_hash, detectors=(("drizzle", "1"),),
                            profiles=("drizzle", "nextjs"), commit=commit),
        tables=infos, evidence=evidence)
    assessment = assess(snapshot, MACHINE)
    info = VentureInfo(name=venture, root=f"/ventures/{venture}", profiles=("drizzle", "nextjs"))
    document = build_status_document(StatusInputs(
        venture=info, snapshot=snapshot, assessment=assessment, machine=MACHINE,
        scanned_at=scanned_at.isoformat().replace("+00:00", "Z")))
    return SampleScan(info, snapshot, assessment, document, scanned_at)


@pytest.fixture
def sample() -> Callable[..., SampleScan]:
    """``make_scan``: build a sample scan (venture, snapshot, assessment, document, time)."""
    return make_scan


@pytest.fixture
def rows() -> Callable[[Store], dict[str, int]]:
    """Count the rows of every store table."""
    return lambda store: count_rows(store.engine)
