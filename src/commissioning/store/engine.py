"""Opening the store: URL handling, engine creation, SQLite pragmas, schema migration.

Every failure to reach or prepare the database becomes a :class:`StoreError` whose message names
the store (password hidden) and what to do; no driver traceback reaches a user.

SQLite (the default, ``<venture>/.commissioning/commissioning.db``) runs in WAL mode with foreign
keys on, and SQLAlchemy, not the ``sqlite3`` module, emits ``BEGIN`` so that transactions,
savepoints and transactional DDL behave as on PostgreSQL. A writer may ask for
``BEGIN IMMEDIATE`` (execution option ``commissioning_sqlite_begin``) to take the write lock
up front instead of failing on a lock upgrade.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, exc, make_url
from sqlalchemy.engine import URL
from sqlalchemy.pool import ConnectionPoolEntry

from commissioning.errors import StoreError

STORE_DIR = ".commissioning"
STORE_FILE = "commissioning.db"
MIGRATIONS = "commissioning.store:migrations"
SQLITE_BEGIN = "commissioning_sqlite_begin"
_PG_MIGRATION_LOCK = 0x636F6D6D  # any constant: serialises concurrent first-time migrations

_URL_HINT = ("use sqlite:///PATH/TO/FILE.db or "
             "postgresql+psycopg://USER[:PASSWORD]@HOST[:PORT]/DATABASE")


def default_url(venture_root: Path) -> str:
    """The embedded store of a venture: SQLite under ``<root>/.commissioning/``."""
    return f"sqlite:///{(venture_root.resolve() / STORE_DIR / STORE_FILE).as_posix()}"


def redact(url: str | URL) -> str:
    """The URL as it may be shown to a user: the password replaced by ``***``."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def parse_url(url: str) -> URL:
    """Parse and normalise a store URL; only SQLite and PostgreSQL (psycopg 3) are supported."""
    if not url or not url.strip():
        raise StoreError("no store URL given", hint=_URL_HINT)
    try:
        parsed = make_url(url.strip())
    except (exc.ArgumentError, ValueError):
        raise StoreError(f"'{redact(url)}' is not a database URL", hint=_URL_HINT) from None
    backend = parsed.get_backend_name()
    if backend == "postgres" or parsed.drivername == "postgresql":  # "postgres": Heroku's
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "sqlite" and parsed.get_driver_name() not in ("", "pysqlite"):
        raise StoreError(f"unsupported SQLite driver in {redact(parsed)}", hint=_URL_HINT)
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database '{backend}' in {redact(parsed)}", hint=_URL_HINT)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        raise StoreError(f"unsupported PostgreSQL driver '{parsed.get_driver_name()}' in "
                         f"{redact(parsed)}", hint="use postgresql+psycopg://… (psycopg 3)")
    if parsed.get_backend_name() == "sqlite":
        parsed = _sqlite_url(parsed)
    return parsed


def _sqlite_url(url: URL) -> URL:
    uri = str(url.query.get("uri", "")).lower() in ("1", "true")
    unknown = sorted(set(url.query) - _SQLITE_ARGS)
    if unknown and not uri:
        raise StoreError(f"{redact(url)}: SQLite takes no '{unknown[0]}' argument",
                         hint="SQLite URI arguments (mode=ro, …) need uri=true as well")
    database = url.database
    if database and database.startswith("~"):
        url = url.set(database=str(Path(database).expanduser()))
    return url


_SQLITE_ARGS = {"timeout", "check_same_thread", "isolation_level", "detect_types",
                "cached_statements", "uri"}


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``, with the folder of a SQLite file created and its pragmas set."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        _prepare_sqlite_path(parsed)
        engine = create_engine(parsed)
        _install_sqlite_hooks(engine)
        return engine
    connect_args: dict[str, Any] = {"application_name": "commissioning"}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = 10
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def migrate(engine: Engine) -> None:
    """Bring the schema to Alembic ``head`` in one transaction (a no-op when already there)."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                connection.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.exec_driver_sql(
                        f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except exc.SQLAlchemyError as error:
        raise open_error(engine.url, error) from None
    except CommandError as error:  # e.g. a revision this version of the package does not know
        raise StoreError(
            f"cannot open the store at {redact(engine.url)}: its schema is not one this version "
            f"of commissioning knows ({_first_sentence(str(error))})",
            hint="upgrade commissioning, or point it at another store",
        ) from None


def open_error(url: URL, error: BaseException) -> StoreError:
    """The error a user sees when the store at ``url`` cannot be reached or prepared."""
    reason, hint = describe(error, url)
    return StoreError(f"cannot open the store at {redact(url)}: {reason}", hint=hint)


def describe(error: BaseException, url: URL | None = None) -> tuple[str, str | None]:
    """A one-line reason for a driver error, and a hint when we know what usually helps."""
    original = getattr(error, "orig", None) or error
    text = " ".join(str(original).split()) or type(original).__name__
    lowered = text.lower()
    is_pg = url is not None and url.get_backend_name() == "postgresql"
    for needle, reason, hint in _PG_FAILURES if is_pg else _SQLITE_FAILURES:
        if needle in lowered:
            return reason or _first_sentence(text), hint
    return _first_sentence(text), None


# (text in the driver's message, our reason or "" to quote the driver, hint)
_PG_FAILURES: tuple[tuple[str, str, str], ...] = (
    ("connection refused", "connection refused (is PostgreSQL running?)",
     "start PostgreSQL, or check the host and port in the URL"),
    ("password authentication failed", "password authentication failed",
     "check the user and password in the URL"),
    ("no password supplied", "the server asks for a password and none was given",
     "add the password to the URL or to ~/.pgpass"),
    ("does not exist", "", "create it first, or fix the name in the URL"),
    ("could not translate host name", "unknown host", "check the host name in the URL"),
    ("failed to resolve host", "unknown host", "check the host name in the URL"),
    ("timeout expired", "the connection timed out (is the host reachable?)",
     "check the host, the port and any firewall between"),
    ("permission denied", "", "grant the user the rights to create tables in this database"),
)
_SQLITE_FAILURES: tuple[tuple[str, str, str], ...] = (
    ("unable to open database file", "unable to open the database file",
     "check that its folder exists and is writable"),
    ("readonly database", "the database file is read-only", "check the file's permissions"),
    ("database is locked", "the database is locked by another process",
     "retry when the other scan has finished"),
    ("file is not a database", "the file is not a SQLite database",
     "point the store at another file"),
    ("disk i/o error", "disk I/O error", "check the disk and the file's permissions"),
)


def _first_sentence(text: str) -> str:
    if "FATAL:" in text:  # libpq: 'connection … failed: FATAL:  database "x" does not exist'
        text = text.rsplit("FATAL:", 1)[1].strip()
    text = re.sub(r"^\([\w.]+\)\s*", "", text)  # "(psycopg.OperationalError) …"
    text = re.sub(r"\s*\(Background on this error at: [^)]*\)", "", text)
    text = re.sub(r"\s*\[SQL: .*", "", text)
    return text[:300]


def _prepare_sqlite_path(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    folder = Path(database).expanduser().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(
            f"cannot open the store at {redact(url)}: cannot create the folder {folder}: {reason}",
            hint="choose a writable location with --db or COMMISSIONING_DB",
        ) from None
    if Path(database).is_dir():
        raise StoreError(f"cannot open the store at {redact(url)}: {database} is a folder",
                         hint="give the path of a database file, not of a folder")


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN, see the module doc
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN, "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())
