"""Match a migration tool's ledger against the migration files in the repository: which files
are recorded as applied, which are written but not applied.

Each tool names its migrations its own way: Drizzle by the sha256 of the file (and the journal's
``when``), the Supabase CLI and Rails by the version prefix of the file name, Prisma by the
migration's folder, Django by ``app.name``, Alembic by revision (the table holds only the heads:
every ancestor through ``down_revision`` is applied too).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterable

from commissioning.evidence.drift import MigrationLedger
from commissioning.observe.live.ledgers import LedgerRows
from commissioning.observe.source_tree import SourceTree

Written = list[tuple[str, frozenset[str]]]  # (path, the ids that mean "this file")

_VERSION = re.compile(r"^(\d+)_")
_ALEMBIC_REVISION = re.compile(r"""^revision\s*(?::[^=]*)?=\s*['"]([^'"]+)['"]""", re.M)
_ALEMBIC_DOWN = re.compile(r"""^down_revision\s*(?::[^=]*)?=\s*(.+)$""", re.M)
_QUOTED = re.compile(r"""['"]([^'"]+)['"]""")


def match_ledger(tree: SourceTree, rows: LedgerRows) -> MigrationLedger:
    files = tree.files()
    if rows.tool == "alembic":
        written, applied_ids = _alembic(tree, files, rows.ids)
    else:
        written, applied_ids = _WRITTEN[rows.tool](tree, files), rows.ids
    applied = tuple(sorted(p for p, ids in written if ids & applied_ids))
    pending = tuple(sorted(p for p, ids in written if not ids & applied_ids))
    recorded = sum(1 for i in rows.ids if i.startswith("hash:")) if rows.tool == "drizzle" \
        else len(rows.ids)  # Drizzle's ids come in pairs: its hash and its journal time
    return MigrationLedger(tool=rows.tool, table=rows.table, applied=recorded,
                           applied_files=applied, pending=pending)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _drizzle(tree: SourceTree, files: tuple[str, ...]) -> Written:
    journals = [f for f in files if f.endswith("meta/_journal.json")]
    out: Written = []
    for journal in journals:
        folder = posixpath.dirname(posixpath.dirname(journal))
        try:
            entries = json.loads(tree.text(journal) or "{}").get("entries", [])
        except (ValueError, AttributeError):
            continue
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or "tag" not in entry:
                continue
            path = posixpath.join(folder, f"{entry['tag']}.sql")
            text = tree.text(path)
            ids = {f"when:{entry.get('when')}"}
            if text is not None:
                ids.add(f"hash:{_sha(text)}")
            out.append((path, frozenset(ids)))
    if not journals:
        for path in files:
            if posixpath.dirname(path) == "drizzle" and path.endswith(".sql"):
                text = tree.text(path)
                if text is not None:
                    out.append((path, frozenset({f"hash:{_sha(text)}"})))
    return out


def _by_version(prefix: str, suffix: str) -> Callable[[SourceTree, tuple[str, ...]], Written]:
    def written(_tree: SourceTree, files: tuple[str, ...]) -> Written:
        out: Written = []
        for path in files:
            if posixpath.dirname(path).endswith(prefix) and path.endswith(suffix):
                match = _VERSION.match(posixpath.basename(path))
                if match:
                    out.append((path, frozenset({match.group(1)})))
        return out
    return written


def _prisma(_tree: SourceTree, files: tuple[str, ...]) -> Written:
    out: Written = []
    for path in files:
        parts = path.split("/")
        if len(parts) >= 3 and parts[-1] == "migration.sql" and parts[-3] == "migrations":
            out.append((path, frozenset({parts[-2]})))
    return out


def _django(_tree: SourceTree, files: tuple[str, ...]) -> Written:
    out: Written = []
    for path in files:
        parts = path.split("/")
        name = parts[-1]
        if len(parts) >= 3 and parts[-2] == "migrations" and name.endswith(".py") \
                and name[:4].isdigit():
            out.append((path, frozenset({f"{parts[-3]}.{name.removesuffix('.py')}"})))
    return out


def _alembic(tree: SourceTree, files: tuple[str, ...],
             heads: frozenset[str]) -> tuple[Written, frozenset[str]]:
    written: Written = []
    parents: dict[str, tuple[str, ...]] = {}
    for path in files:
        if posixpath.basename(posixpath.dirname(path)) != "versions" or not path.endswith(".py"):
            continue
        text = tree.text(path) or ""
        revision = _ALEMBIC_REVISION.search(text)
        if revision is None:
            continue
        down = _ALEMBIC_DOWN.search(text)
        parents[revision.group(1)] = tuple(_QUOTED.findall(down.group(1))) if down else ()
        written.append((path, frozenset({revision.group(1)})))
    return written, frozenset(_ancestors(heads, parents))


def _ancestors(heads: Iterable[str], parents: dict[str, tuple[str, ...]]) -> set[str]:
    seen: set[str] = set()
    stack = list(heads)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(parents.get(current, ()))
    return seen


_WRITTEN: dict[str, Callable[[SourceTree, tuple[str, ...]], Written]] = {
    "drizzle": _drizzle,
    "supabase": _by_version("supabase/migrations", ".sql"),
    "prisma": _prisma,
    "django": _django,
    "rails": _by_version("db/migrate", ".rb"),
}
