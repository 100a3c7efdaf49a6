"""Migration and seed SQL files of a venture, read with ``observe.sql``: which tables the
migrations leave behind and which tables the seeds fill.

Migrations are applied in file-name order (then path, for equal names), as migration tools do;
a later DROP removes a table and a RENAME moves it. Seeds are read independently.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from commissioning.evidence import Diagnostic, TableKey
from commissioning.observe.parsers import parse_files, sql
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.sql import SqlTableFact, replay_migrations


@dataclass(frozen=True, slots=True)
class SeedWrite:
    table: TableKey
    path: str
    line: int
    action: str  # "insert" or "copy"


@dataclass(frozen=True, slots=True)
class SqlFindings:
    """``migration_rows``: literal rows a migration inserts (``INSERT … VALUES``, reference data
    such as default plans), not backfills (``INSERT … SELECT``) nor inserts in function bodies."""

    created: dict[TableKey, tuple[str, int]]
    seeds: tuple[SeedWrite, ...]
    diagnostics: tuple[Diagnostic, ...]
    migration_rows: tuple[SeedWrite, ...] = ()


def read_sql_files(
    tree: SourceTree,
    migrations: Sequence[str],
    seeds: Sequence[str],
    *,
    dialect: str,
    default_schema: str,
    tick: Callable[[], None] = lambda: None,
) -> SqlFindings:
    ordered = sorted(migrations, key=lambda p: (posixpath.basename(p), p))
    # each file once, cached by content and parsed across cores (observe.parsers)
    found = dict(parse_files(tree, sql(dialect, default_schema),
                             list(dict.fromkeys([*ordered, *sorted(seeds)])), tick))
    diagnostics = [note for path in ordered for note in found.get(path, ((), ()))[1]]
    diagnostics += [note for path in sorted(seeds) for note in found.get(path, ((), ()))[1]]

    def read(path: str) -> tuple[SqlTableFact, ...]:
        return found[path][0] if path in found else ()

    created = replay_migrations([(path, read(path)) for path in ordered])
    writes = [SeedWrite(f.table, path, f.line, f.action)
              for path in sorted(seeds) for f in read(path) if f.action in ("insert", "copy")]
    rows = [SeedWrite(f.table, path, f.line, f.action)
            for path in ordered for f in read(path) if f.action == "insert" and f.rows]
    return SqlFindings(created, tuple(writes), tuple(diagnostics), tuple(rows))
