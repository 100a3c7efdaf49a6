"""Where the pure core meets I/O. Every surface (CLI, API, web, MCP, A2A) calls only these.

One module per concern; each function takes plain arguments and returns neutral values (the
status document, small frozen results) and never prints. Errors come from
``commissioning.errors`` and are rendered by the surface that called.
"""

from commissioning.services.scanning import (
    Document,
    ScanOutcome,
    Verdict,
    below,
    find_table,
    gaps,
    latest_status,
    now_utc,
    scan,
    store_url,
    table_machine,
    verify,
)

__all__ = [
    "Document",
    "ScanOutcome",
    "Verdict",
    "below",
    "find_table",
    "gaps",
    "latest_status",
    "now_utc",
    "scan",
    "store_url",
    "table_machine",
    "verify",
]
