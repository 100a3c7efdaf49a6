"""`commission token …` and `commission serve` from the shell, through the real entry point."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tests.cli.conftest import Runner

from commissioning.services import auth
from commissioning.services.scanning import store_url

COMMISSION = Path(sys.executable).parent / "commission"


def test_token_create_prints_the_secret_once_and_stores_a_hash(run: Runner,
                                                               venture: Path) -> None:
    done = run("token", "create", "--role", "agent", "--name", "outer-loop", "-C", str(venture))
    assert done.code == 0, done.err
    token = done.out.strip()
    assert token.startswith("cm_") and "shown only now" in done.err
    listed = run("token", "list", "--json", "-C", str(venture))
    assert '"outer-loop"' in listed.out and token.split("_", 2)[2] not in listed.out
    again = run("token", "create", "--role", "agent", "--name", "outer-loop", "-C", str(venture))
    assert again.code == 2 and "already exists" in again.err
    bad = run("token", "create", "--role", "root", "-C", str(venture))
    assert bad.code == 2 and "unknown role" in bad.err
    revoked = run("token", "revoke", "outer-loop", "-C", str(venture))
    assert revoked.code == 0
    assert [t.revoked_at is not None for t in auth.list_tokens(store_url(venture, None))] == [True]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_commission_serve_answers(venture: Path, run: Runner) -> None:
    token = run("token", "create", "--role", "admin", "-C", str(venture)).out.strip()
    port = _free_port()
    server = subprocess.Popen([str(COMMISSION), "serve", "-C", str(venture), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        status = httpx.get(f"{base}/api/commissioning/status")
        assert status.status_code == 200 and status.json()["summary"]["tables"] == 4
        rescan = httpx.post(f"{base}/api/scans", headers={"Authorization": f"Bearer {token}"},
                            timeout=60)
        assert rescan.status_code == 201
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    assert b"Control Room" in err


@pytest.mark.parametrize("command", ["serve", "mcp", "token create"])
def test_help_has_an_example(run: Runner, command: str) -> None:
    done = run(*command.split(), "--help")
    assert done.code == 0 and "Example: commission" in done.out
