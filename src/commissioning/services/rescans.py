"""Rescanning on request (``POST /api/scans``, the MCP and A2A agents): scan, store, refresh.

The scan is the same ``services.scan`` the CLI runs, over the workspace's venture and store, so
a rescan from the API and ``commission scan`` store identical snapshots.
"""

from __future__ import annotations

import threading
from typing import Any

from commissioning.services.auth import Principal
from commissioning.services.context import Workspace
from commissioning.services.queries import current_status
from commissioning.services.scanning import scan

# One rescan at a time per process: a second request waits rather than observing the same
# tree twice in parallel (the store would keep only one snapshot anyway).
_RUNNING = threading.Lock()


def rescan(ws: Workspace, who: Principal) -> dict[str, Any]:
    """Scan the workspace's venture now, store it, and say what changed."""
    before = ws.cached_status()
    with _RUNNING:
        outcome = scan(ws.root, db=ws.url)
    ws.invalidate()
    status = current_status(ws)
    summary = outcome.document["summary"]
    return {
        "scan_id": None if outcome.saved is None else outcome.saved.scan_id,
        "snapshot_id": outcome.snapshot.id,
        "created": bool(outcome.saved and outcome.saved.created),
        "changed": before is None or before.snapshot_id != status.snapshot_id,
        "scanned_at": outcome.document["snapshot"]["scanned_at"],
        "requested_by": who.name,
        "summary": summary,
    }
