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
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.sql import SqlTableFact, read_sql, replay_migrations


@dataclass(frozen=True, slots=True)
class SeedWrite:
    table: TableKey
    path: str
    line: int
    action: str  # "insert" or "copy"


@dataclass(frozen=True, slots=True)
class SqlFindings:
    created: dict[TableKey, tuple[str, int]]
    seeds: tuple[SeedWrite, ...]
    diagnostics: tuple[Diagnostic, ...]


def read_sql_files(
    tree: SourceTree,
    migrations: Sequence[str],
    seeds: Sequence[str],
    *,
    dialect: str,
    default_schema: str,
    tick: Callable[[], None] = lambda: None,
) -> SqlFindings:
    diagnostics: list[Diagnostic] = []

    def read(path: str) -> tuple[SqlTableFact, ...]:
        text = tree.text(path)
        tick()
        if text is None:
            return ()
        facts, notes = read_sql(text, path, dialect=dialect, default_schema=default_schema)
        diagnostics.extend(notes)
        return facts

    ordered = sorted(migrations, key=lambda p: (posixpath.basename(p), p))
    created = replay_migrations([(path, read(path)) for path in ordered])
    writes = [SeedWrite(f.table, path, f.line, f.action)
              for path in sorted(seeds) for f in read(path) if f.action in ("insert", "copy")]
    return SqlFindings(created, tuple(writes), tuple(diagnostics))
