"""A venture database that cannot be read never fails the scan: its kinds become unknown.

Dead ports, silent servers and unknown hosts are all on this machine's loopback (an unknown
host is made unknown by failing its name lookup, so no query leaves the machine).
"""

from __future__ import annotations

import json
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, make_url
from tests.cli.conftest import Run
from tests.observe.live.conftest import VentureDb, write_live_config

from commissioning import services

Document = dict[str, Any]


def scan(venture: Path, url: str) -> Document:
    return services.scan(venture, store=False, venture_db=url).document


def table(document: Document, name: str) -> Document:
    return next(t for t in document["tables"] if t["name"] == name)


def assert_live_kinds_unknown(document: Document, static: Document, fragment: str) -> None:
    """The static scan stands; migration and data are unknown, never missing; one error."""
    for mine, theirs in zip(document["tables"], static["tables"], strict=True):
        assert mine["name"] == theirs["name"]
        assert mine["state"] == theirs["state"]
        assert mine["evidence"] == theirs["evidence"]
    harvests = table(document, "harvests")  # statically its data gap is "missing"
    assert harvests["gap"]["kind"] == "data" and harvests["gap"]["outcome"] == "unknown"
    assert fragment in harvests["unknown"]["data"]
    sensors = table(document, "sensors")  # a table with no migration file: unknown, not missing
    assert sensors["gap"]["kind"] == "migration" and sensors["gap"]["outcome"] == "unknown"
    kinds = {(u["kind"], u["table"]) for u in document["unknowns"]}
    assert {("migration", None), ("data", None)} <= kinds
    [error] = [d for d in document["diagnostics"] if d["code"] == "venture-db-unreadable"]
    assert error["severity"] == "error" and fragment in error["message"]
    assert document["drift"]["error"] and fragment in document["drift"]["error"]
    assert document["summary"]["gaps"] < static["summary"]["gaps"]  # unknown gaps route nowhere


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


DEAD = [
    pytest.param(lambda: f"postgresql://postgres@127.0.0.1:{free_port()}/venture",
                 "Connection refused", id="postgresql-refused"),
    pytest.param(lambda: f"mysql://root@127.0.0.1:{free_port()}/venture",
                 "Can't connect", id="mariadb-refused"),
    pytest.param(lambda: "sqlite:///no/such/venture.db", "no such SQLite database file",
                 id="sqlite-missing-file"),
    pytest.param(lambda: "not a url at all", "not a database URL", id="nonsense"),
    pytest.param(lambda: "oracle://scott@127.0.0.1/orcl", "unsupported venture database",
                 id="unsupported"),
]


@pytest.mark.parametrize(("make_url_", "fragment"), DEAD)
def test_a_dead_or_wrong_url_leaves_the_static_scan_whole(
        mini_venture: Path, make_url_: Callable[[], str], fragment: str) -> None:
    static = services.scan(mini_venture, store=False).document
    document = scan(mini_venture, make_url_())
    assert_live_kinds_unknown(document, static, fragment)


@pytest.mark.parametrize("url", [
    pytest.param("postgresql://postgres@venture-db.invalid:5432/app", id="postgresql"),
    pytest.param("mysql://root@venture-db.invalid:3306/app", id="mariadb"),
])
def test_an_unknown_host_is_unknown_evidence(
        mini_venture: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "venture-db.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    static = services.scan(mini_venture, store=False).document
    assert_live_kinds_unknown(scan(mini_venture, url), static, "venture-db.invalid")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on the loopback that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    worker = threading.Thread(target=accept, daemon=True)
    worker.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        worker.join(timeout=5)
        for conn in held:
            conn.close()
        listener.close()


@pytest.mark.parametrize("scheme", ["postgresql", "mysql"])
def test_a_silent_server_times_out_on_connect(
        mini_venture: Path, silent_server: int, scheme: str) -> None:
    write_live_config(mini_venture, connect_timeout=1, statement_timeout=1)
    static = services.scan(mini_venture, store=False).document
    started = time.monotonic()
    document = scan(mini_venture, f"{scheme}://app@127.0.0.1:{silent_server}/venture")
    assert time.monotonic() - started < 15
    error = next(d for d in document["diagnostics"] if d["code"] == "venture-db-unreadable")
    assert "timeout" in error["message"].lower() or "timed out" in error["message"].lower()
    assert table(document, "harvests")["gap"]["outcome"] == "unknown"
    assert [t["state"] for t in document["tables"]] == [t["state"] for t in static["tables"]]


@pytest.mark.postgres
def test_a_locked_table_times_out_alone_and_the_rest_is_read(
        venture: Path, pg_db: VentureDb) -> None:
    """Per-statement timeouts: the count of a table locked by a migration gives up after the
    timeout; that table's data is unknown, every other fact is still observed."""
    write_live_config(venture, statement_timeout=1)
    with pg_db.admin.connect() as locker:
        locker.exec_driver_sql("LOCK TABLE growers IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        document = scan(venture, pg_db.url)
        assert time.monotonic() - started < 15
        locker.rollback()
    [unknown] = [u for u in document["unknowns"] if u["table"] == "public.growers"]
    assert unknown["kind"] == "data" and "timeout" in unknown["reason"]
    growers = table(document, "growers")
    assert growers["state"] == 9  # its seed file still evidences data; the DB could only add
    assert all(e.get("source") != "db" for e in growers["evidence"]["data"])
    assert any(e.get("source") == "db" for e in growers["evidence"]["migration"])
    assert document["drift"]["missing_from_database"] == ["public.sensors"]
    codes = [d["code"] for d in document["diagnostics"]]
    assert "row-count-failed" in codes and "venture-db-unreadable" not in codes


# -- passwords ------------------------------------------------------------------------------------


@pytest.fixture
def mariadb_user(mariadb_db: VentureDb, mariadb_server: Engine) -> Iterator[tuple[str, str]]:
    """A reader with a password, allowed to SELECT in the venture database only."""
    user, password = f"reader_{secrets.token_hex(4)}", f"pw-{secrets.token_hex(8)}"
    database = make_url(mariadb_db.url).database
    with mariadb_server.connect() as connection:
        connection.exec_driver_sql(f"CREATE USER '{user}'@'%%' IDENTIFIED BY '{password}'")
        connection.exec_driver_sql(f"GRANT SELECT ON `{database}`.* TO '{user}'@'%%'")
    try:
        yield user, password
    finally:
        with mariadb_server.connect() as connection:
            connection.exec_driver_sql(f"DROP USER IF EXISTS '{user}'@'%%'")


def reader_url(db: VentureDb, user: str) -> str:
    return make_url(db.url).set(username=user, password=None).render_as_string(
        hide_password=False)


@pytest.mark.mariadb
def test_the_password_comes_from_the_environment(
        venture: Path, mariadb_db: VentureDb, mariadb_user: tuple[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    user, password = mariadb_user
    write_live_config(venture, venture_db=reader_url(mariadb_db, user),
                      password_env="TEST_VENTURE_DB_PASSWORD")
    monkeypatch.setenv("TEST_VENTURE_DB_PASSWORD", password)
    document = services.scan(venture, store=False).document
    assert table(document, "growers")["evidence"]["data"][0]["observed"] == "rows: 3 (exact)"
    assert password not in json.dumps(document)
    assert password not in (venture / "commissioning.toml").read_text(encoding="utf-8")


@pytest.mark.mariadb
@pytest.mark.parametrize("how", ["inline", "environment"])
def test_a_wrong_password_is_refused_cleanly_and_never_printed(
        venture: Path, mariadb_db: VentureDb, mariadb_user: tuple[str, str],
        monkeypatch: pytest.MonkeyPatch, run: Callable[..., Run], how: str) -> None:
    user, _ = mariadb_user
    wrong = f"wrong-{secrets.token_hex(6)}"
    url = reader_url(mariadb_db, user)
    if how == "inline":
        url = make_url(url).set(password=wrong).render_as_string(hide_password=False)
    else:
        write_live_config(venture, password_env="TEST_VENTURE_DB_PASSWORD")
        monkeypatch.setenv("TEST_VENTURE_DB_PASSWORD", wrong)
    result = run("scan", str(venture), "--no-store", "--json", "--venture-db", url)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert wrong not in result.out and wrong not in result.err
    document = json.loads(result.out)
    error = next(d for d in document["diagnostics"] if d["code"] == "venture-db-unreadable")
    assert "Access denied" in error["message"] and "password" in error["message"]
    assert "***" in document["drift"]["database"] or how == "environment"
    assert "warning:" in result.err and "Access denied" in result.err


def test_the_cli_says_so_and_exits_zero(mini_venture: Path, run: Callable[..., Run]) -> None:
    result = run("scan", str(mini_venture), "--no-store",
                 "--venture-db", f"postgresql://app:s3cret-pw@127.0.0.1:{free_port()}/venture")
    assert result.code == 0
    assert "warning:" in result.err and "Connection refused" in " ".join(result.err.split())
    assert "s3cret-pw" not in result.out + result.err and "Traceback" not in result.err

