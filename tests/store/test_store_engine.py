"""Opening the store: URLs, SQLite pragmas and folder, and clean errors for every failure."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import URL

from commissioning.errors import StoreError
from commissioning.store import default_url, open_store
from commissioning.store.engine import parse_url, redact

Sample = Callable[..., Any]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_default_url_is_sqlite_inside_the_venture(tmp_path: Path) -> None:
    url = default_url(tmp_path)
    assert url == f"sqlite:///{tmp_path.resolve()}/.commissioning/commissioning.db"


def test_opening_the_default_store_creates_its_folder_in_wal_mode(tmp_path: Path) -> None:
    with open_store(default_url(tmp_path)) as store:
        assert (tmp_path / ".commissioning" / "commissioning.db").is_file()
        assert store.backend == "sqlite"
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_enforces_foreign_keys(tmp_path: Path) -> None:
    with open_store(default_url(tmp_path)) as store, \
            pytest.raises(Exception, match="FOREIGN"), store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO table_states (scan_id, schema, name, profile, state) "
            "VALUES (999, 'public', 'ghost', 'drizzle', 0)")


@pytest.mark.parametrize("url", ["", "   ", "not a url", "://nothing",
                                 "postgresql://u:s3cret@h:port/db"])
def test_a_malformed_url_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError) as raised:
        open_store(url)
    assert raised.value.hint and "sqlite:///" in raised.value.hint
    assert "s3cret" not in str(raised.value)


def test_sqlite_arguments_are_checked_and_home_is_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(StoreError, match="SQLite takes no 'foo' argument"):
        open_store(f"sqlite:///{tmp_path / 'x.db'}?foo=bar")
    monkeypatch.setenv("HOME", str(tmp_path))
    with open_store("sqlite:///~/nested/x.db?timeout=5"):
        assert (tmp_path / "nested" / "x.db").is_file()


@pytest.mark.parametrize("url", ["mysql://u:s3cret@db/x", "oracle+cx_oracle://u:s3cret@db/x",
                                 "postgresql+asyncpg://u:s3cret@db/x",
                                 "sqlite+aiosqlite:///x.db"])
def test_an_unsupported_database_is_a_store_error_without_the_password(url: str) -> None:
    with pytest.raises(StoreError, match="unsupported") as raised:
        open_store(url)
    assert "s3cret" not in str(raised.value)


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


def test_redact_hides_passwords_even_in_unparseable_urls() -> None:
    assert redact("postgresql://me:hunter2@host/db") == "postgresql://me:***@host/db"
    assert redact(URL.create("postgresql+psycopg", "me", "hunter2", "h", 5432, "db")) == \
        "postgresql+psycopg://me:***@h:5432/db"


def test_a_refused_postgresql_connection_says_what_to_do() -> None:
    url = f"postgresql+psycopg://me:hunter2@127.0.0.1:{_free_port()}/db"
    with pytest.raises(StoreError) as raised:
        open_store(url)
    message = str(raised.value)
    assert raised.value.message.startswith(
        "cannot open the store at postgresql+psycopg://me:***@127.0.0.1:")
    assert "connection refused (is PostgreSQL running?)" in message
    assert "hunter2" not in message and "Traceback" not in message
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_an_unknown_host_says_so() -> None:
    with pytest.raises(StoreError, match="unknown host"):
        open_store("postgresql+psycopg://me@no-such-host.invalid/db")


@pytest.mark.postgres
def test_a_missing_postgresql_database_is_named(pg_url: str) -> None:
    from sqlalchemy import make_url

    url = make_url(pg_url).set(database="commissioning_no_such_db")
    with pytest.raises(StoreError, match='database "commissioning_no_such_db" does not exist'):
        open_store(url.render_as_string(hide_password=False))


def test_a_sqlite_path_under_a_file_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "venture"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder") as raised:
        open_store(default_url(blocker))
    assert raised.value.message.startswith("cannot open the store at sqlite:///")


def test_a_sqlite_path_that_is_a_folder_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(f"sqlite:///{tmp_path}")


def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(f"sqlite:///{bogus}")


def test_an_unwritable_sqlite_store_is_a_store_error(tmp_path: Path, sample: Sample) -> None:
    path = tmp_path / "ro.db"
    with open_store(f"sqlite:///{path}"):
        pass
    # Opened read-only (works as root too, unlike file permissions): reading is fine, at head
    # there is nothing to migrate, and saving fails cleanly.
    with open_store(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        assert store.scans.latest_scan("greenhouse-ops") is None
        with pytest.raises(StoreError, match="read-only; nothing was stored"):
            sample().save(store)
    with pytest.raises(StoreError, match="cannot open the store at sqlite:///file"):
        open_store(f"sqlite:///file:{tmp_path / 'fresh.db'}?mode=ro&uri=true")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through folder permissions")
def test_a_read_only_folder_is_a_store_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="cannot"):
            open_store(default_url(locked))
        with pytest.raises(StoreError, match="unable to open the database file"):
            open_store(f"sqlite:///{locked / 'x.db'}")
    finally:
        locked.chmod(0o700)


def test_a_store_newer_than_the_package_is_a_store_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'future.db'}"
    with open_store(url) as store, store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreError, match="not one this version of commissioning knows") as raised:
        open_store(url)
    assert raised.value.hint and "upgrade commissioning" in raised.value.hint


@pytest.mark.postgres
def test_the_store_hides_its_password_when_shown(pg_url: str) -> None:
    from sqlalchemy import make_url

    with open_store(make_url(pg_url).set(password="hunter2")
                    .render_as_string(hide_password=False)) as store:  # trust auth ignores it
        assert "hunter2" not in repr(store) and "***" in store.url
        assert store.backend == "postgresql"
