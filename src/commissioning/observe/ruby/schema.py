"""The tables a Rails app's schema sources and migrations define.

* ``db/schema.rb`` (and multi-database ``db/*_schema.rb``): each ``create_table``;
* ``db/structure.sql``: read with ``observe.sql`` (PostgreSQL, or MySQL when it says
  ``ENGINE=``);
* ``db/migrate/*.rb``: ``create_table``/``create_join_table``, ``drop_table``,
  ``rename_table`` and SQL in ``execute``, replayed in file-name (timestamp) order, so a table a
  later migration drops is not migration evidence and a renamed one keeps its ``create_table``.
  Rows a migration inserts are not seed data (they are mostly backfills), so are not read.

Rails has no schemas in these files: every table is keyed in ``public`` unless its name is
qualified (``create_table "billing.invoices"``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from commissioning.evidence import Diagnostic, TableKey
from commissioning.observe.ruby.facts import RubyFacts, SqlText
from commissioning.observe.sql import SqlTableFact, read_sql, replay_migrations
from commissioning.observe.sql.facts import SCHEMA_CHANGES

DEFAULT_SCHEMA = "public"
Where = tuple[str, int]


@dataclass(frozen=True, slots=True)
class SqlWrite:
    """Rows a seed puts in a table with SQL (``connection.execute "INSERT …"``)."""

    table: TableKey
    path: str
    line: int
    action: str


@dataclass(frozen=True, slots=True)
class SchemaFindings:
    schema: dict[TableKey, tuple[str, int, str]]  # table → (path, line, detector)
    migrated: dict[TableKey, Where]
    diagnostics: tuple[Diagnostic, ...]


def table_key(name: str) -> TableKey:
    schema, _, table = name.rpartition(".")
    return TableKey(schema or DEFAULT_SCHEMA, table)


def read_schema(
    facts: Mapping[str, RubyFacts],
    schema_files: Sequence[str],
    migrations: Sequence[str],
    sql_text: Callable[[str], str | None],
) -> SchemaFindings:
    """``facts`` holds the parsed Ruby files; ``sql_text`` reads a ``structure.sql``."""
    diagnostics: list[Diagnostic] = []
    schema: dict[TableKey, tuple[str, int, str]] = {}
    for path in sorted(schema_files):
        if path.endswith(".sql"):
            _structure_sql(path, sql_text(path), schema, diagnostics)
            continue
        ruby = facts.get(path)
        for op in ruby.table_ops if ruby is not None else ():
            if op.action == "create":
                schema.setdefault(table_key(op.table), (path, op.line, "rails.schema"))
    ordered = sorted(migrations, key=lambda p: (posixpath.basename(p), p))
    replayed: list[tuple[str, list[SqlTableFact]]] = []
    for path in ordered:
        ruby = facts.get(path)
        if ruby is None:
            continue
        steps: list[SqlTableFact] = []
        for op in ruby.table_ops:
            new = table_key(op.new_table) if op.new_table else None
            steps.append(SqlTableFact(op.action, table_key(op.table), op.line, new))
        steps += [f for sql in ruby.sql for f in _sql_facts(sql, path, diagnostics)
                  if f.action in SCHEMA_CHANGES]
        replayed.append((path, sorted(steps, key=lambda f: f.line)))
    return SchemaFindings(schema, replay_migrations(replayed), tuple(diagnostics))


def _structure_sql(path: str, text: str | None, schema: dict[TableKey, tuple[str, int, str]],
                   diagnostics: list[Diagnostic]) -> None:
    """``db/structure.sql``: PostgreSQL's dump, or MySQL's when it names an ``ENGINE=``."""
    if text is None:
        return
    dialect = "mysql" if "ENGINE=" in text else "postgres"
    found, notes = read_sql(text, path, dialect=dialect, default_schema=DEFAULT_SCHEMA)
    diagnostics.extend(notes)
    for key, (where, line) in replay_migrations([(path, found)]).items():
        schema.setdefault(key, (where, line, "sql.create_table"))


def seed_sql_writes(facts: Mapping[str, RubyFacts], seeds: Sequence[str]) -> list[SqlWrite]:
    """Rows a seed script inserts with raw SQL (``connection.execute "INSERT …"``)."""
    out: list[SqlWrite] = []
    notes: list[Diagnostic] = []
    for path in sorted(seeds):
        ruby = facts.get(path)
        for sql in ruby.sql if ruby is not None else ():
            out.extend(SqlWrite(f.table, path, f.line, f"sql.{f.action}")
                       for f in _sql_facts(sql, path, notes) if f.action not in SCHEMA_CHANGES)
    return out


def _sql_facts(sql: SqlText, path: str, notes: list[Diagnostic]) -> list[SqlTableFact]:
    """The facts of SQL written inside Ruby, on the Ruby file's lines."""
    found, diagnostics = read_sql(sql.text, path, default_schema=DEFAULT_SCHEMA)
    offset = sql.line - 1  # a heredoc's text starts with the newline ending its opener line
    notes.extend(Diagnostic(d.severity, d.code, d.message, d.path,
                            (d.line + offset) if d.line is not None else sql.line)
                 for d in diagnostics)
    return [SqlTableFact(f.action, f.table, f.line + offset, f.new_table) for f in found]
