"""Which tables the venture's database holds: SQLAlchemy's inspector plus one small catalog query
per dialect for what the inspector does not say (the planner's row estimate, row-level security).

Only reads the catalog; never touches a row. PostgreSQL: every schema but the system ones.
MySQL/MariaDB: the database the URL names (a server often hosts other ventures' databases).
SQLite: the main database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, inspect, text

PG_SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema", "pg_toast"})
# Schemas a platform (Supabase, extensions, migration tools) owns: their tables exist without
# any schema source of the venture's, so they are never drift.
PLATFORM_SCHEMAS = frozenset({
    "auth", "storage", "realtime", "_realtime", "supabase_functions", "supabase_migrations",
    "extensions", "graphql", "graphql_public", "vault", "pgsodium", "pgsodium_masks", "net",
    "cron", "pgbouncer", "_analytics", "drizzle", "topology", "tiger", "tiger_data",
})


@dataclass(frozen=True, slots=True)
class DbTable:
    """A table as the database names it, with what the catalog says of it."""

    schema: str
    name: str
    estimate: int | None = None  # the planner's row estimate; None when it has none
    rls: bool | None = None  # PostgreSQL: row-level security enabled


@dataclass(frozen=True, slots=True)
class Catalog:
    dialect: str  # "postgresql", "mysql" or "sqlite" (MariaDB reports as "mysql")
    default_schema: str
    tables: tuple[DbTable, ...]
    schemas: tuple[str, ...]

    @property
    def is_supabase(self) -> bool:
        """Supabase's own schemas are there: its Data API exposes tables without RLS."""
        return {"auth", "storage"} <= set(self.schemas) or "supabase_migrations" in self.schemas

    def find(self, schema: str, name: str) -> DbTable | None:
        for table in self.tables:
            if table.schema == schema and table.name == name:
                return table
        return None


def read_catalog(connection: Connection) -> Catalog:
    inspector = inspect(connection)
    dialect = "mysql" if connection.dialect.name in ("mysql", "mariadb") else \
        connection.dialect.name
    default = inspector.default_schema_name or ("main" if dialect == "sqlite" else "public")
    if dialect == "postgresql":
        schemas = [s for s in inspector.get_schema_names()
                   if s not in PG_SYSTEM_SCHEMAS and not s.startswith(("pg_temp_", "pg_toast"))]
    elif dialect == "mysql":
        schemas = [default]
    else:
        schemas = ["main"]
    names = [(schema, name) for schema in sorted(schemas)
             for name in sorted(inspector.get_table_names(schema=schema))]
    extra = _catalog_facts(connection, dialect)
    tables = tuple(DbTable(schema, name, *extra.get((schema, name), (None, None)))
                   for schema, name in names)
    return Catalog(dialect=dialect, default_schema=default, tables=tables,
                   schemas=tuple(sorted(schemas)))


def _catalog_facts(connection: Connection, dialect: str) -> dict[
        tuple[str, str], tuple[int | None, bool | None]]:
    """(schema, name) -> (row estimate, RLS) from the dialect's own catalog."""
    if dialect == "postgresql":
        rows = connection.execute(text(
            "SELECT n.nspname, c.relname, c.reltuples, c.relrowsecurity "
            "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')")).all()
        # reltuples is -1 for a table never analysed (PostgreSQL 14+), 0 before on older ones
        return {(r[0], r[1]): (int(r[2]) if r[2] is not None and r[2] >= 0 else None,
                               bool(r[3])) for r in rows}
    if dialect == "mysql":
        rows = connection.execute(text(
            "SELECT table_schema, table_name, table_rows FROM information_schema.tables "
            "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")).all()
        return {(str(r[0]), str(r[1])): (None if r[2] is None else int(r[2]), None)
                for r in rows}
    return _sqlite_stats(connection)


def _sqlite_stats(connection: Connection) -> dict[tuple[str, str], tuple[int | None, bool | None]]:
    """``sqlite_stat1`` (written by ANALYZE): the first number of a stat is the row count."""
    present = connection.execute(text(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")).first()
    if present is None:
        return {}
    out: dict[tuple[str, str], tuple[int | None, bool | None]] = {}
    for table, stat in connection.execute(text("SELECT tbl, stat FROM sqlite_stat1")).all():
        head = str(stat or "").split(" ")[0]
        if head.isdigit():
            current = out.get(("main", table), (None, None))[0] or 0
            out[("main", str(table))] = (max(current, int(head)), None)
    return out
