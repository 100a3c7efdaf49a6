"""Real venture databases for the live-evidence suite: PostgreSQL, MariaDB and SQLite.

Every test gets a throwaway database of its own (``commissioning_live_<session>_<n>``, created
through the server's ``test`` database and dropped when the test ends; any left behind by a
crash are dropped at the end of the session). Each holds the drizzle-mini venture's first
migration as that dialect writes it, Drizzle's own ledger recording it, three growers, no
harvests, and one table no schema source defines. The venture copy has a second migration
(sensors) that the database never got: "written, not applied".

When a server is down its tests fail, saying so, unless ``COMMISSIONING_SKIP_POSTGRES=1`` /
``COMMISSIONING_SKIP_MARIADB=1``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import URL, Engine, create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from tests.cli.conftest import run  # noqa: F401  (the `commission` runner, shared)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PG_ADMIN_URL = os.environ.get(
    "COMMISSIONING_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARIADB_ADMIN_URL = os.environ.get(
    "COMMISSIONING_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
SKIP = {"postgresql": os.environ.get("COMMISSIONING_SKIP_POSTGRES") == "1",
        "mariadb": os.environ.get("COMMISSIONING_SKIP_MARIADB") == "1"}
SESSION = secrets.token_hex(4)
_numbers = itertools.count()

INIT_WHEN = 1_700_000_000_000
SENSORS_WHEN = 1_700_000_100_000
SENSORS_SQL = 'CREATE TABLE IF NOT EXISTS "sensors" (\n\t"id" serial PRIMARY KEY NOT NULL,\n' \
              '\t"label" text\n);\n'

# drizzle-mini's 0000_init.sql as MariaDB and SQLite write it (PostgreSQL runs the file itself).
DDL = {
    "mariadb": [
        "CREATE TABLE growers (id serial PRIMARY KEY, name text NOT NULL, "
        "created_at timestamp DEFAULT current_timestamp)",
        "CREATE TABLE harvests (id serial PRIMARY KEY, grower_id integer, kilos integer NOT NULL)",
        "CREATE TABLE legacy_imports (id integer PRIMARY KEY, payload text)",
        "CREATE TABLE __drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, "
        "created_at bigint)",
    ],
    "sqlite": [
        "CREATE TABLE growers (id integer PRIMARY KEY, name text NOT NULL, "
        "created_at timestamp DEFAULT current_timestamp)",
        "CREATE TABLE harvests (id integer PRIMARY KEY, grower_id integer, kilos integer NOT NULL)",
        "CREATE TABLE legacy_imports (id integer PRIMARY KEY, payload text)",
        "CREATE TABLE __drizzle_migrations (id integer PRIMARY KEY, hash text NOT NULL, "
        "created_at numeric)",
    ],
}
PG_EXTRA = [
    "CREATE TABLE legacy_imports (id integer PRIMARY KEY, payload text)",
    "CREATE SCHEMA drizzle",
    "CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, "
    "created_at bigint)",
]
LEDGER = {"postgresql": "drizzle.__drizzle_migrations", "mariadb": "__drizzle_migrations",
          "sqlite": "__drizzle_migrations"}


@dataclass(frozen=True)
class VentureDb:
    """One throwaway venture database: the URL a scan is given, and an admin engine to set it
    up and to measure it (never used by the scan)."""

    dialect: str
    url: str
    admin: Engine
    sqlite_path: Path | None = None

    def run(self, *statements: str) -> None:
        with self.admin.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)

    def checksum(self) -> str:
        """Catalog and every row of every table, as one digest: equal means byte-for-byte
        unchanged (SQLite: the database file's own bytes)."""
        return _CHECKSUMS[self.dialect](self)


# -- the venture --------------------------------------------------------------------------------


@pytest.fixture
def venture(tmp_path: Path) -> Path:
    """drizzle-mini plus a Drizzle journal and a second migration the databases never got."""
    root = tmp_path / "greenhouse"
    shutil.copytree(FIXTURES / "drizzle-mini", root)
    (root / "drizzle" / "0001_sensors.sql").write_text(SENSORS_SQL, encoding="utf-8")
    (root / "drizzle" / "meta").mkdir()
    journal = {"version": "7", "dialect": "postgresql", "entries": [
        {"idx": 0, "version": "7", "when": INIT_WHEN, "tag": "0000_init", "breakpoints": True},
        {"idx": 1, "version": "7", "when": SENSORS_WHEN, "tag": "0001_sensors",
         "breakpoints": True},
    ]}
    (root / "drizzle" / "meta" / "_journal.json").write_text(json.dumps(journal),
                                                             encoding="utf-8")
    return root


@pytest.fixture
def mini_venture(tmp_path: Path) -> Path:
    """drizzle-mini as it is: sensors has no migration file at all."""
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "drizzle-mini", root)
    return root


def init_hash() -> str:
    raw = (FIXTURES / "drizzle-mini" / "drizzle" / "0000_init.sql").read_bytes()
    return hashlib.sha256(raw).hexdigest()


def write_live_config(venture: Path, **settings: object) -> None:
    """Append a [live] section to the venture's commissioning.toml."""
    lines = ["", "[live]"] + [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    with (venture / "commissioning.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


# -- servers ------------------------------------------------------------------------------------


def _server(dialect: str, admin_url: str) -> Iterator[Engine]:
    if SKIP[dialect]:
        pytest.skip(f"{dialect} tests skipped by COMMISSIONING_SKIP_"
                    f"{'POSTGRES' if dialect == 'postgresql' else 'MARIADB'}=1")
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as error:
        engine.dispose()
        reason = " ".join(str(getattr(error, "orig", error)).split())
        variable = "POSTGRES" if dialect == "postgresql" else "MARIADB"
        pytest.fail(f"{dialect} is needed by the live-evidence tests and is not usable at "
                    f"{make_url(admin_url).render_as_string(hide_password=True)}: {reason}\n"
                    f"Start it (scripts/services), point COMMISSIONING_TEST_{variable}_URL at "
                    f"another server, or set COMMISSIONING_SKIP_{variable}=1 to skip these tests.",
                    pytrace=False)
    try:
        yield engine
    finally:
        _drop_leftovers(engine, dialect)
        engine.dispose()


def _drop_leftovers(engine: Engine, dialect: str) -> None:
    prefix = f"commissioning_live_{SESSION}_"
    with engine.connect() as connection:
        if dialect == "postgresql":
            names = connection.execute(text("SELECT datname FROM pg_database WHERE datname "
                                            "LIKE :p"), {"p": prefix + "%"}).scalars().all()
            for name in names:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            names = connection.execute(text("SELECT schema_name FROM information_schema.schemata "
                                            "WHERE schema_name LIKE :p"),
                                       {"p": prefix + "%"}).scalars().all()
            for name in names:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Engine]:
    yield from _server("postgresql", PG_ADMIN_URL)


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[Engine]:
    yield from _server("mariadb", MARIADB_ADMIN_URL)


# -- one database per test ----------------------------------------------------------------------


def _new_name() -> str:
    return f"commissioning_live_{SESSION}_{next(_numbers)}"


@pytest.fixture
def pg_db(pg_server: Engine) -> Iterator[VentureDb]:
    name = _new_name()
    with pg_server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(PG_ADMIN_URL).set(database=name)
    admin = create_engine(url)
    db = VentureDb("postgresql", url.render_as_string(hide_password=False), admin)
    try:
        init = (FIXTURES / "drizzle-mini" / "drizzle" / "0000_init.sql").read_text("utf-8")
        db.run(*[s for s in init.split("--> statement-breakpoint") if s.strip()], *PG_EXTRA)
        _fill(db)
        yield db
    finally:
        admin.dispose()
        with pg_server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def mariadb_db(mariadb_server: Engine) -> Iterator[VentureDb]:
    name = _new_name()
    with mariadb_server.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE `{name}`")
    url = make_url(MARIADB_ADMIN_URL).set(database=name)
    admin = create_engine(url)
    db = VentureDb("mariadb", url.render_as_string(hide_password=False), admin)
    try:
        db.run(*DDL["mariadb"])
        _fill(db)
        yield db
    finally:
        admin.dispose()
        with mariadb_server.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[VentureDb]:
    path = tmp_path / "venture-db" / "app.db"
    path.parent.mkdir()
    admin = create_engine(f"sqlite:///{path}")
    db = VentureDb("sqlite", f"sqlite:///{path}", admin, sqlite_path=path)
    try:
        db.run(*DDL["sqlite"])
        _fill(db)
        yield db
    finally:
        admin.dispose()


def _fill(db: VentureDb) -> None:
    db.run(
        "INSERT INTO growers (name) VALUES ('De Kas'), ('Westland Tomaten'), ('Oogst BV')",
        "INSERT INTO legacy_imports (id, payload) VALUES (1, 'from the old ERP')",
        f"INSERT INTO {LEDGER[db.dialect]} (hash, created_at) "
        f"VALUES ('{init_hash()}', {INIT_WHEN})",
    )


DIALECTS = [
    pytest.param("postgresql", marks=pytest.mark.postgres, id="postgresql"),
    pytest.param("mariadb", marks=pytest.mark.mariadb, id="mariadb"),
    pytest.param("sqlite", id="sqlite"),
]


@pytest.fixture(params=DIALECTS)
def venture_db(request: pytest.FixtureRequest) -> VentureDb:
    """The same venture database on each of the three servers."""
    fixture = {"postgresql": "pg_db", "mariadb": "mariadb_db", "sqlite": "sqlite_db"}
    db: VentureDb = request.getfixturevalue(fixture[request.param])
    return db


@pytest.fixture
def db_factory(request: pytest.FixtureRequest) -> Callable[[str], VentureDb]:
    def make(dialect: str) -> VentureDb:
        fixture = {"postgresql": "pg_db", "mariadb": "mariadb_db", "sqlite": "sqlite_db"}
        db: VentureDb = request.getfixturevalue(fixture[dialect])
        return db
    return make


# -- checksums ----------------------------------------------------------------------------------


def _pg_checksum(db: VentureDb) -> str:
    url = make_url(db.url)
    schema = _command(["pg_dump", "--schema-only", "--no-owner", "-h", url.host or "127.0.0.1",
                       "-p", str(url.port or 5432), "-U", url.username or "postgres",
                       url.database or ""], url)
    # pg_dump fences its output with a random \\restrict key per run: the key is not the catalog
    parts = [line for line in schema.splitlines() if not line.startswith(("\\restrict",
                                                                          "\\unrestrict"))]
    with db.admin.connect() as connection:
        tables = connection.execute(text(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'S') AND n.nspname NOT IN "
            "('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
            "ORDER BY 1")).all()
        for name, kind in tables:
            if kind == "S":
                row = connection.execute(text(f"SELECT last_value, is_called FROM {name}")).one()
                parts.append(f"{name}: {tuple(row)}")
            else:
                digest = connection.execute(text(
                    f"SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
                    f"FROM {name} t")).scalar_one()
                parts.append(f"{name}: {digest}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _mariadb_checksum(db: VentureDb) -> str:
    url = make_url(db.url)
    schema = _command(["mariadb-dump", "--no-data", "--skip-dump-date", "--skip-comments",
                       "-h", url.host or "127.0.0.1", "-P", str(url.port or 3306),
                       "-u", url.username or "root", url.database or ""], url)
    parts = [schema]
    with db.admin.connect() as connection:
        tables = connection.execute(text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
            "ORDER BY table_name")).scalars().all()
        for name in tables:
            row = connection.execute(text(f"CHECKSUM TABLE `{name}` EXTENDED")).one()
            parts.append(f"{name}: {row[1]}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _sqlite_checksum(db: VentureDb) -> str:
    assert db.sqlite_path is not None
    db.admin.dispose()  # no admin connection holds the file open while it is measured
    siblings = sorted(p.name for p in db.sqlite_path.parent.iterdir())
    return hashlib.sha256(db.sqlite_path.read_bytes()).hexdigest() + repr(siblings)


def _command(argv: list[str], url: URL) -> str:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = env["MYSQL_PWD"] = str(url.password)
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


_CHECKSUMS: dict[str, Callable[[VentureDb], str]] = {
    "postgresql": _pg_checksum, "mariadb": _mariadb_checksum, "sqlite": _sqlite_checksum,
}

