"""The Prisma + Next.js stack profile: docs/evidence.md, "Prisma", implemented.

Tables come from the Prisma schema (``observe.prisma``: models, ``@@map``, ``@@schema``,
implicit many-to-many join tables) and from ``prisma/migrations/*/migration.sql``; code reaches
a table through its Prisma Client delegate (``prisma.userProfile.findMany``), resolved in
``prisma_access``. Every other kind is the same role × reach as the Drizzle profile, with the
same Next.js rules, so a venture that moves from one ORM to the other keeps its roles.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, Kind, TableInfo, TableKey
from commissioning.observe.graph import build_graph
from commissioning.observe.prisma import PrismaSchema, SchemaUnit, read_prisma_schema
from commissioning.observe.profiles.base import ProfileResult, Ticker
from commissioning.observe.profiles.drizzle_access import index_accesses, role_evidence
from commissioning.observe.profiles.javascript import (
    MIGRATION_ROWS,
    NameIndex,
    Progress,
    app_components,
    detectors,
    name_index,
    route_table,
    shared_depth,
    sorted_diagnostics,
    sql_evidence,
    sql_paths,
)
from commissioning.observe.profiles.prisma_access import (
    NEW_CLIENT,
    PRISMA_ACCESS,
    index_prisma_accesses,
    seed_commands,
)
from commissioning.observe.roles import DEFAULT_RULES, Rule, role_book
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.sql_files import SeedWrite, SqlFindings, read_sql_files
from commissioning.observe.typescript.program import code_files, load_program
from commissioning.observe.typescript.project import dependencies
from commissioning.observe.typescript.tables import TableCatalog

VERSION = "1"
SCHEMA_EXTENSION = ".prisma"
PRISMA_PACKAGES = ("@prisma/client", "prisma")
BASE_DETECTORS = ("prisma.model", "prisma.implicit_m2m", "sql.create_table", "sql.insert",
                  "sql.copy", PRISMA_ACCESS, "supabase.access", "nextjs.route_handler",
                  MIGRATION_ROWS)
SEED_COMMAND = "prisma.seed_command"

# Prisma Migrate writes <migrations>/<timestamp>_<name>/migration.sql; other SQL folders (a
# ClickHouse or Supabase side) are not this schema's migrations.
PRISMA_MIGRATIONS = ("**/prisma/migrations/**/*.sql", "**/migrations/*/migration.sql")

# The Next.js rules with Prisma's migrations, plus Prisma's seed folders; package.json's
# "prisma.seed" script is added per venture (``SEED_COMMAND``).
PRISMA_RULES: tuple[Rule, ...] = (
    *(replace(r, globs=PRISMA_MIGRATIONS) if r.kind == Kind.MIGRATION else r
      for r in DEFAULT_RULES),
    Rule(Kind.DATA, "prisma.seed", ("**/prisma/seed/**", "**/prisma/seeds/**")),
)


class PrismaProfile:
    name = "prisma"
    version = VERSION
    rules = PRISMA_RULES

    def detect(self, tree: SourceTree) -> bool:
        """A ``.prisma`` schema file, or Prisma in any package.json."""
        files = tree.files()
        if any(f.endswith(SCHEMA_EXTENSION) for f in files):
            return True
        deps: set[str] = set()
        for path in files:
            if posixpath.basename(path) == "package.json":
                deps |= dependencies(tree.text(path))
        return any(p in deps for p in PRISMA_PACKAGES)

    def observe(self, tree: SourceTree, config: VentureConfig,
                progress: Progress | None = None) -> ProfileResult:
        files = tree.files()
        packages = {f: tree.text(f) for f in files if posixpath.basename(f) == "package.json"}
        seeds_run = seed_commands(packages, frozenset(files))
        extra = (Rule(Kind.DATA, SEED_COMMAND, tuple(seeds_run)),) if seeds_run else ()
        book = role_book(config.roles, (*extra, *self.rules))  # the named seed first
        schema_files = [f for f in files if f.endswith(SCHEMA_EXTENSION)]
        migrations, seeds = sql_paths(files, book)
        tick = Ticker(len(code_files(files)) + len(schema_files) + len(migrations) + len(seeds),
                      progress)

        program = load_program(tree, files, (*book.literals, NEW_CLIENT), tick)
        schema = read_prisma_schema({f: _read(tree, f, tick) for f in schema_files})
        sql = _read_sql(tree, schema, migrations, seeds, tick)
        defined = [m.key for m in schema.models] + [j.key for j in schema.join_tables]
        names = name_index(defined, sql.created)
        accesses = index_accesses(program, TableCatalog({}, program.exports), names)
        index_prisma_accesses(program, schema, accesses)
        routes = route_table(files, program)
        graph = build_graph(program.facts, program.exports, routes)
        evidence = [*_schema_evidence(schema), *sql_evidence(sql, names)]
        evidence += role_evidence(program, book, accesses, graph, routes, config.scan.max_hops)
        components = app_components(program, routes, accesses, files) | {"prisma"}
        return ProfileResult(
            tables=_tables(schema, names),
            evidence=tuple(sorted(set(evidence), key=Evidence.sort_key)),
            diagnostics=sorted_diagnostics(program.diagnostics, sql.diagnostics,
                                           schema.diagnostics, accesses.diagnostics),
            detectors=detectors(book, BASE_DETECTORS, VERSION),
            components=tuple(sorted(components)),
        )


PRISMA = PrismaProfile()


def _read(tree: SourceTree, path: str, tick: Ticker) -> str | None:
    text = tree.text(path)
    tick()
    return text


def _read_sql(tree: SourceTree, schema: PrismaSchema, migrations: list[str], seeds: list[str],
              tick: Ticker) -> SqlFindings:
    """Each migration folder is read in its schema's dialect (a monorepo may mix them)."""
    groups: dict[SchemaUnit | None, list[str]] = {}
    for path in migrations:
        groups.setdefault(_unit_for(schema, path), []).append(path)
    if not groups:
        groups[schema.units[0] if schema.units else None] = []
    created: dict[TableKey, tuple[str, int]] = {}
    written: list[SeedWrite] = []
    rows: list[SeedWrite] = []
    notes: list[Diagnostic] = []
    for index, (unit, paths) in enumerate(sorted(groups.items(),
                                                   key=lambda g: g[0].root if g[0] else "")):
        dialect, default = (unit.dialect, unit.default_schema) if unit else ("postgres", "public")
        found = read_sql_files(tree, paths, seeds if index == 0 else [], dialect=dialect,
                               default_schema=default, tick=tick)
        for key, where in found.created.items():
            created.setdefault(key, where)
        written.extend(found.seeds)
        rows.extend(found.migration_rows)
        notes.extend(found.diagnostics)
    return SqlFindings(created, tuple(written), tuple(notes), tuple(rows))


def _unit_for(schema: PrismaSchema, path: str) -> SchemaUnit | None:
    """The schema whose folder shares the longest leading path with ``path``."""
    if not schema.units:
        return None
    return max(schema.units, key=lambda u: shared_depth(u.root, path))


def _tables(schema: PrismaSchema, names: NameIndex) -> tuple[TableInfo, ...]:
    """Models first (their symbol is the model), then join tables, then tables that only the
    migrations create (a model removed without a DROP, a table made by raw SQL)."""
    infos: dict[TableKey, TableInfo] = {}
    for model in schema.models:
        infos.setdefault(model.key, TableInfo(model.key, profile="prisma", symbol=model.name))
    for join in schema.join_tables:
        infos.setdefault(join.key, TableInfo(join.key, profile="prisma", symbol=None))
    for key in names.values():
        infos.setdefault(key, TableInfo(key, profile="prisma", symbol=None))
    return tuple(sorted(infos.values(), key=TableInfo.sort_key))


def _schema_evidence(schema: PrismaSchema) -> list[Evidence]:
    out = [Evidence(m.key, Kind.SCHEMA, "prisma.model", path=m.path, line=m.line)
           for m in schema.models]
    out += [Evidence(j.key, Kind.SCHEMA, "prisma.implicit_m2m", path=j.path, line=j.line)
            for j in schema.join_tables]
    return out
