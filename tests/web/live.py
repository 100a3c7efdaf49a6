"""A real server for the browser, MCP and A2A tests: uvicorn in a thread on a free loopback port.

The venture is a private copy of a fixture, scanned once through the services (tasks included),
so the server shows a real stored scan; nothing is mocked between the client and the store.
"""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from commissioning import services
from commissioning.services import auth
from commissioning.services.context import ServeSettings, Workspace, serve_settings
from commissioning.web import create_app

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
DAIRY_PLANT = REPO / "examples" / "dairy-plant"


def scanned_copy(tmp: Path, source: Path = FIXTURES / "drizzle-mini") -> Path:
    """A private copy of a venture (a test fixture or an example), scanned and stored with its
    tasks, so the copy's ``.commissioning/`` store is the only one written."""
    root = tmp / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".commissioning", "node_modules"))
    services.scan(root, db=None)
    return root


@dataclass(frozen=True)
class Tokens:
    reader: str
    agent: str
    admin: str


def issue_tokens(ws: Workspace) -> Tokens:
    return Tokens(*(auth.issue_token(ws.store, role, f"test-{role}").token
                    for role in ("reader", "agent", "admin")))


class LiveServer:
    """``with LiveServer(app) as server: httpx.get(server.url + "/healthz")``."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                access_log=False, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def __exit__(self, *_: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=20)


def app_for(root: Path, *, require_read_token: bool = False,
            status_ttl: float = 0.0) -> tuple[FastAPI, ServeSettings]:
    """The app over ``root``; by default it asks the store on every read (``status_ttl`` 0), so
    a test that scans behind its back sees the new scan at once."""
    settings = replace(serve_settings(root), require_read_token=require_read_token,
                       status_ttl=status_ttl)
    return create_app(settings), settings
