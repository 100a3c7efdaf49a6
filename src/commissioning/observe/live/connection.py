"""A strictly read-only connection to the venture's database, with timeouts everywhere.

The constitution says the machine observes and never mutates, so the guarantee is the
database's own, not our good intentions: every observation runs inside one transaction the
server itself holds read-only, rolled back at the end, and the server is asked to confirm it
before anything is read:

* PostgreSQL: psycopg opens every transaction of this connection with ``BEGIN READ ONLY``
  (even one begun after an accidental COMMIT). No session-level setting on purpose: behind a
  transaction pooler (Supabase's) it would outlive us on a server connection others share.
* MySQL/MariaDB: ``SET SESSION TRANSACTION READ ONLY`` then ``START TRANSACTION READ ONLY``;
  the session default matters because DDL commits implicitly there.
* SQLite: the file opened through a ``mode=ro`` URI, plus ``PRAGMA query_only``.

Connecting and every statement are bounded in time, so a dead host or a locked table costs
seconds, not a hung CI job. Passwords never appear in a message.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from commissioning.errors import LiveSourceError

# The dialects we read, and the driver each uses when the URL names none.
_DEFAULT_DRIVERS = {"postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql"}
_ALIASES = {"postgres": "postgresql", "supabase": "postgresql"}
_URL_HINT = ("use postgresql+psycopg://user@host/db, mysql+pymysql://user@host/db or "
             "sqlite:///path/to.db; put the password in the variable [live] password_env names")


@dataclass(frozen=True, slots=True)
class LiveDatabase:
    """How to reach the venture's database. ``password`` is kept out of ``repr``."""

    url: str
    password: str | None = field(default=None, repr=False)
    password_env: str | None = None
    exact_count_limit: int = 100_000
    connect_timeout: float = 5.0
    statement_timeout: float = 10.0
    exposed_schemas: tuple[str, ...] = ("public",)
    base: str | None = None  # where a relative SQLite path starts (None: the working directory)


def venture_url(db: LiveDatabase) -> URL:
    """The URL to connect with: a default driver, the password, SQLite opened read-only."""
    try:
        url = make_url(db.url)
    except (ArgumentError, ValueError) as exc:
        raise LiveSourceError("the venture database URL is not a database URL",
                              hint=_URL_HINT) from exc
    backend = _ALIASES.get(url.get_backend_name(), url.get_backend_name())
    if backend not in ("postgresql", "mysql", "mariadb", "sqlite"):
        raise LiveSourceError(f"unsupported venture database '{backend}' in {redact(url)}",
                              hint=_URL_HINT)
    driver = url.get_driver_name() if "+" in url.drivername else _DEFAULT_DRIVERS.get(backend)
    url = url.set(drivername=f"{backend}+{driver}" if driver else backend)
    if db.password and not url.password:
        url = url.set(password=db.password)
    if backend == "sqlite":
        url = _sqlite_read_only(url, db.base)
    return url


def redact(url: URL | str) -> str:
    """The URL as it may be printed: the password replaced by ``***``."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except (ArgumentError, ValueError):
            return "<not a database URL>"
    return url.render_as_string(hide_password=True)


def shown_url(db: LiveDatabase) -> str:
    """The URL the user gave, redacted, for messages and the status document."""
    return redact(db.url)


def _sqlite_read_only(url: URL, base: str | None) -> URL:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise LiveSourceError(f"{redact(url)}: give the path of a SQLite file",
                              hint="sqlite:///relative/path.db or sqlite:////absolute/path.db")
    path = (Path(base) / database if base else Path(database)).resolve()
    if not path.is_file():
        raise LiveSourceError(f"no such SQLite database file: {path}",
                              hint="the venture database must exist; it is never created")
    return url.set(database=f"file:{path.as_posix()}",
                   query={"mode": "ro", "uri": "true"})


@contextmanager
def read_only(db: LiveDatabase) -> Iterator[Connection]:
    """A connection inside one read-only transaction, rolled back at the end.

    Raises :class:`LiveSourceError` (with a message safe to print) when the database cannot be
    reached, refuses us, or an observation fails.
    """
    url = venture_url(db)
    # PostgreSQL: the driver opens every transaction with BEGIN READ ONLY (psycopg's read_only),
    # so even one begun after an accidental COMMIT is read-only, with no session state left on
    # the server. The others: autocommit at the driver, and our own explicit transaction.
    options: dict[str, Any] = {"execution_options": {"postgresql_readonly": True}} \
        if url.get_backend_name() == "postgresql" else {"isolation_level": "AUTOCOMMIT"}
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args=_connect_args(url, db),
                               **options)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise LiveSourceError(f"cannot use {shown_url(db)}: {_reason(exc, db)}",
                              hint=_URL_HINT) from None
    if url.get_backend_name() == "sqlite":
        _install_sqlite_guards(engine, db.statement_timeout)
    try:
        with engine.connect() as connection:
            _begin_read_only(connection, db)
            try:
                yield connection
            finally:
                _end(connection)
    except SQLAlchemyError as exc:
        raise LiveSourceError(f"the venture database {shown_url(db)} could not be read: "
                              f"{_reason(exc, db)}", hint=_hint(exc, db)) from None
    finally:
        engine.dispose()


def _connect_args(url: URL, db: LiveDatabase) -> dict[str, Any]:
    seconds = max(1, math.ceil(db.connect_timeout))
    backend = url.get_backend_name()
    if backend == "postgresql":
        return {"connect_timeout": seconds, "application_name": "commissioning (read-only)"}
    if backend in ("mysql", "mariadb"):
        # The server enforces the statement timeout; the socket's is the backstop for a server
        # that stops answering, the handshake included: no read waits longer than both.
        socket_seconds = math.ceil(db.connect_timeout + db.statement_timeout)
        return {"connect_timeout": seconds, "read_timeout": socket_seconds,
                "write_timeout": socket_seconds}
    return {"timeout": db.connect_timeout}  # SQLite: how long to wait for a writer's lock


def _begin_read_only(connection: Connection, db: LiveDatabase) -> None:
    millis = max(1, int(db.statement_timeout * 1000))
    backend = connection.dialect.name
    if backend == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {millis}")  # begins: READ ONLY
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {millis}")
    elif backend in ("mysql", "mariadb"):
        version = str(connection.exec_driver_sql("SELECT VERSION()").scalar_one())
        if "mariadb" in version.lower():
            connection.exec_driver_sql(f"SET SESSION max_statement_time = {millis / 1000:.3f}")
        else:
            connection.exec_driver_sql(f"SET SESSION max_execution_time = {millis}")
        connection.exec_driver_sql(f"SET SESSION lock_wait_timeout = {max(1, millis // 1000)}")
        # DDL commits implicitly in MySQL and would end the read-only transaction: the session
        # default makes every transaction after it read-only too.
        connection.exec_driver_sql("SET SESSION TRANSACTION READ ONLY")
        connection.exec_driver_sql("START TRANSACTION READ ONLY")
    else:
        connection.exec_driver_sql("PRAGMA query_only = ON")
        connection.exec_driver_sql("BEGIN")
    if not _is_read_only(connection, backend):
        raise LiveSourceError("the venture database did not open a read-only transaction; "
                              "nothing was read")


def _is_read_only(connection: Connection, backend: str) -> bool:
    """Ask the server itself, rather than trust that the statements above took effect."""
    queries = {"postgresql": ["SHOW transaction_read_only"], "sqlite": ["PRAGMA query_only"]}
    # MySQL 8 knows only transaction_read_only, MariaDB before 11.1 only tx_read_only
    for query in queries.get(backend, ["SELECT @@session.transaction_read_only",
                                       "SELECT @@session.tx_read_only"]):
        try:
            return str(connection.exec_driver_sql(query).scalar()).lower() in ("on", "1")
        except SQLAlchemyError:
            continue
    return False


def _end(connection: Connection) -> None:
    # the connection is closed right after; nothing was written either way
    with suppress(SQLAlchemyError):
        if connection.dialect.name == "postgresql":
            connection.rollback()
        else:
            connection.exec_driver_sql("ROLLBACK")


def _install_sqlite_guards(engine: Engine, timeout: float) -> None:
    """SQLite has no statement timeout: a progress handler aborts a statement past it."""
    started = [time.monotonic()]

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_progress_handler(
            lambda: int(time.monotonic() - started[0] > timeout), 10_000)

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(*_args: object) -> None:
        started[0] = time.monotonic()


def _reason(error: BaseException, db: LiveDatabase) -> str:
    """The driver's own first sentence, without SQLAlchemy's boilerplate or a password."""
    origin = getattr(error, "orig", None) or error
    text = " ".join(str(origin).split())
    if not text:
        text = type(origin).__name__
    text = text.split(" (Background on this error")[0]
    return _scrub(text[:400], db)


def _hint(error: BaseException, db: LiveDatabase) -> str:
    text = str(getattr(error, "orig", None) or error).lower()
    if any(s in text for s in ("password", "access denied", "authentication", 'role "')):
        where = (f"read from ${db.password_env}" if db.password_env
                 else "name its variable in [live] password_env")
        return f"check the user and the password ({where}); the scan never stores it"
    if "read-only" in text or "read only" in text or "readonly" in text:
        return "the scan only reads; this statement tried to write and was refused"
    if "timeout" in text or "timed out" in text or "canceling statement" in text:
        return "raise [live] connect_timeout or statement_timeout in commissioning.toml"
    return "check the URL and that the database answers from this machine"


def _scrub(text: str, db: LiveDatabase) -> str:
    """Remove the password wherever a driver might have echoed it."""
    secrets = {db.password} if db.password else set()
    try:
        inline = make_url(db.url).password
    except (ArgumentError, ValueError):
        inline = None
    if inline:
        secrets.add(str(inline))
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


@contextmanager
def guarded(connection: Connection) -> Iterator[None]:
    """One probe inside a savepoint: when it fails (a timeout, a table we may not read) the
    transaction goes on for the next one (PostgreSQL would otherwise refuse every later
    statement). Re-raises the failure for the caller to report."""
    connection.exec_driver_sql("SAVEPOINT commissioning_probe")
    try:
        yield
    except SQLAlchemyError:
        connection.exec_driver_sql("ROLLBACK TO SAVEPOINT commissioning_probe")
        raise
    connection.exec_driver_sql("RELEASE SAVEPOINT commissioning_probe")


def failure_reason(error: BaseException, db: LiveDatabase) -> str:
    """A probe's failure, as one clean sentence (no password, no SQLAlchemy boilerplate)."""
    return _reason(error, db)
