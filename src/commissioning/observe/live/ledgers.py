"""Which migrations the venture's migration tool recorded as applied, from the tool's own table.

One small query per tool whose table exists: Drizzle (``drizzle.__drizzle_migrations``, or
``__drizzle_migrations`` on MySQL/SQLite), Supabase CLI (``supabase_migrations.schema_migrations``),
Prisma (``_prisma_migrations``, finished and not rolled back), Alembic (``alembic_version``: the
heads), Django (``django_migrations``) and Rails (``schema_migrations``). The ids are matched
against the migration files by ``observe.live.ledger_files``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, column, select, table

from commissioning.observe.live.catalog import Catalog, DbTable


@dataclass(frozen=True, slots=True)
class LedgerRows:
    """The ids one tool recorded (their meaning is the tool's: hash, version, name…)."""

    tool: str
    table: str  # schema-qualified, for display
    ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Tool:
    name: str
    table: str
    schema: str | None  # None: the database's default schema
    columns: tuple[str, ...]
    to_ids: Callable[[Sequence[Any]], tuple[str, ...]]
    where_finished: bool = False


def _drizzle_ids(row: Sequence[Any]) -> tuple[str, ...]:
    out = [f"hash:{row[0]}"]
    with suppress(ValueError):  # no usable timestamp: the hash alone identifies the file
        out.append(f"when:{int(float(str(row[1])))}")
    return tuple(out)


TOOLS: tuple[_Tool, ...] = (
    _Tool("drizzle", "__drizzle_migrations", "drizzle", ("hash", "created_at"), _drizzle_ids),
    _Tool("drizzle", "__drizzle_migrations", None, ("hash", "created_at"), _drizzle_ids),
    _Tool("supabase", "schema_migrations", "supabase_migrations", ("version",),
          lambda r: (str(r[0]),)),
    _Tool("prisma", "_prisma_migrations", None, ("migration_name",), lambda r: (str(r[0]),),
          where_finished=True),
    _Tool("alembic", "alembic_version", None, ("version_num",), lambda r: (str(r[0]),)),
    _Tool("django", "django_migrations", None, ("app", "name"), lambda r: (f"{r[0]}.{r[1]}",)),
    _Tool("rails", "schema_migrations", None, ("version",), lambda r: (str(r[0]),)),
)
TOOL_TABLES = frozenset(t.table for t in TOOLS) | {"ar_internal_metadata"}


def read_ledgers(connection: Connection, catalog: Catalog) -> tuple[LedgerRows, ...]:
    """Every tool whose table exists, with the ids it recorded. A tool table we may not read
    raises; the caller reports it (the rest of the observation stands)."""
    found: list[LedgerRows] = []
    for tool in TOOLS:
        schema = tool.schema or catalog.default_schema
        present = catalog.find(schema, tool.table)
        if present is None:
            continue
        ids = _read(connection, tool, present)
        found.append(LedgerRows(tool.name, f"{schema}.{tool.table}", frozenset(ids)))
    return tuple(found)


def _read(connection: Connection, tool: _Tool, present: DbTable) -> Sequence[str]:
    names = tool.columns + (("finished_at", "rolled_back_at") if tool.where_finished else ())
    source = table(present.name, *(column(c) for c in names), schema=present.schema)
    query = select(*(source.c[c] for c in tool.columns))
    if tool.where_finished:
        query = query.where(source.c.finished_at.is_not(None),
                            source.c.rolled_back_at.is_(None))
    return sorted({i for row in connection.execute(query).all() for i in tool.to_ids(row)})


def is_tool_table(found: DbTable) -> bool:
    """A migration tool's bookkeeping table: never drift, never on a ladder."""
    return found.name in TOOL_TABLES
