"""Fixtures of the web suite: a scanned venture, the app over it, tokens of every role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.cli.conftest import run  # noqa: F401  (the `commission` runner fixture)
from tests.web.live import LiveServer, Tokens, app_for, issue_tokens, scanned_copy

from commissioning.services.context import Workspace


@pytest.fixture
def venture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("COMMISSIONING_DB", raising=False)
    monkeypatch.delenv("COMMISSIONING_REQUIRE_READ_TOKEN", raising=False)
    return scanned_copy(tmp_path)


@pytest.fixture
def app(venture: Path) -> FastAPI:
    return app_for(venture)[0]


@pytest.fixture
def ws(app: FastAPI) -> Workspace:
    workspace: Workspace = app.state.ws
    return workspace


@pytest.fixture
def tokens(ws: Workspace) -> Tokens:
    return issue_tokens(ws)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def live(app: FastAPI) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server
