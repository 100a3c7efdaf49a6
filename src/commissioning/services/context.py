"""One venture and its open store, held for the life of a long-running surface.

The CLI opens the store once per command. The web app, the MCP server and the A2A agent answer
many requests, so each holds one :class:`Workspace`: the store is opened (and its migrations
checked) once, and the latest status document is parsed and serialised once per scan, not once
per request. Surfaces get a workspace from here and pass it to the other service modules.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from commissioning.config import load_settings, load_venture_config
from commissioning.observe.scanner import check_root, venture_name
from commissioning.services.scanning import store_url
from commissioning.store import Store, open_store


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """What a long-running surface serves: one venture, one store, and who may read it.

    ``require_read_token`` off (the default) leaves reads open, which is safe on loopback; on a
    shared host, turn it on (``--require-token`` or ``COMMISSIONING_REQUIRE_READ_TOKEN=1``).
    Writes always need a token, whatever this says. ``status_ttl`` is how long (seconds) the
    cached status document is served before the store is asked again whether a newer scan
    landed; a rescan through this server refreshes it at once, one from elsewhere (the CLI,
    CI) shows within that time. 0 asks the store on every request.
    """

    root: Path
    db: str | None = None
    require_read_token: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = field(default=None, repr=False)  # a stdio MCP session's identity
    status_ttl: float = 1.0


def serve_settings(
    root: Path, *, db: str | None = None, host: str = "127.0.0.1", port: int = 8000,
    require_read_token: bool | None = None, token: str | None = None, status_ttl: float = 1.0,
) -> ServeSettings:
    """Flags over ``COMMISSIONING_*`` variables over defaults, as every setting is resolved."""
    env = load_settings(db=db, require_read_token=require_read_token, token=token)
    return ServeSettings(root=root, db=env.db, require_read_token=env.require_read_token,
                         host=host, port=port, token=env.token, status_ttl=max(status_ttl, 0.0))


@dataclass(frozen=True, slots=True)
class CurrentStatus:
    """The latest stored status document, parsed once and serialised once.

    ``body`` is the JSON the API sends as-is; ``scanned_at`` is the last time the snapshot was
    seen, so a rescan of an unchanged tree refreshes the cache without changing the snapshot.
    """

    scan_id: int
    snapshot_id: str
    scanned_at: datetime
    document: dict[str, Any]
    body: bytes
    gzipped: bytes = b""  # ``body`` compressed once, for clients that accept gzip


class Workspace:
    """A venture opened for serving: its name, its store, and its status cache.

    Thread-safe: the web server calls it from a thread pool. Close it when the surface stops.
    """

    def __init__(self, settings: ServeSettings) -> None:
        check_root(settings.root)
        self.settings = settings
        self.root = settings.root
        self.name = venture_name(settings.root, load_venture_config(settings.root))
        self.url = store_url(settings.root, settings.db)
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._fill = threading.Lock()
        self._status: CurrentStatus | None = None
        self._checked_at = float("-inf")  # time.monotonic() of the last look at the store

    @property
    def store(self) -> Store:
        """The open store, opened on first use (that checks the migrations, once)."""
        with self._lock:
            if self._store is None:
                self._store = open_store(self.url)
            return self._store

    def cached_status(self) -> CurrentStatus | None:
        return self._status

    def fresh_status(self) -> CurrentStatus | None:
        """The cached document while the store was asked less than ``status_ttl`` ago (no I/O:
        an async route may call it without a thread)."""
        status = self._status
        if status is not None and time.monotonic() - self._checked_at < self.settings.status_ttl:
            return status
        return None

    def checked(self) -> None:
        """Record that the store was just asked which scan is the latest."""
        self._checked_at = time.monotonic()

    def invalidate(self) -> None:
        """Ask the store again on the next read (after this process stored a scan)."""
        self._checked_at = float("-inf")

    def filling(self) -> threading.Lock:
        """Held while one request reads a new scan into the cache (the others wait)."""
        return self._fill

    def remember_status(self, status: CurrentStatus) -> None:
        with self._lock:
            self._status = status

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            self._status = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
