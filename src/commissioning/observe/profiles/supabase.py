"""The SQL-first Supabase stack profile: docs/evidence.md, "SQL-first Supabase", implemented.

No ORM defines the tables: ``supabase/migrations/*.sql`` does, so a ``CREATE TABLE`` there is
both schema and migration evidence (and ``supabase/schemas/*.sql``, Supabase's declarative
schema files, are schema evidence). Code names a table by its database name in supabase-js
``.from('table')``. Edge functions under ``supabase/functions/`` are jobs (ETL) when the
database, a schedule or a webhook invokes them and machine APIs otherwise
(``supabase_functions``). Everything else is the Next.js role × reach of the other profiles.
"""

from __future__ import annotations

import posixpath
import tomllib
from dataclasses import replace

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, Kind, Severity, TableInfo
from commissioning.observe.globs import GlobSet
from commissioning.observe.graph import build_graph
from commissioning.observe.profiles.base import ProfileResult, Ticker
from commissioning.observe.profiles.drizzle_access import index_accesses, role_evidence
from commissioning.observe.profiles.javascript import (
    MIGRATION_ROWS,
    Progress,
    app_components,
    detectors,
    name_index,
    name_key,
    route_table,
    sorted_diagnostics,
    sql_evidence,
    sql_paths,
)
from commissioning.observe.profiles.supabase_functions import (
    ENTRY_GLOB,
    FUNCTIONS_GLOB,
    INVOKED_BY_APP,
    SHARED_GLOB,
    function_entries,
    invoked_by_database,
    mark_invoked,
    with_function_edges,
)
from commissioning.observe.profiles.supabase_views import read_views
from commissioning.observe.roles import DEFAULT_RULES, Rule, role_book
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.sql_files import read_sql_files
from commissioning.observe.typescript.facts import SIG_DB_INVOKED
from commissioning.observe.typescript.program import code_files, load_program
from commissioning.observe.typescript.project import dependencies
from commissioning.observe.typescript.tables import TableCatalog

VERSION = "1"
SUPABASE_MIGRATIONS = ("**/supabase/migrations/**/*.sql",)
MIGRATIONS = GlobSet.of(SUPABASE_MIGRATIONS)
SCHEMA_FILES = GlobSet.of(["**/supabase/schemas/**/*.sql"])
SUPABASE_PACKAGES = ("@supabase/supabase-js", "@supabase/ssr", "@supabase/auth-helpers-nextjs")
# Any of these means an ORM defines the tables, and its own profile reads the migrations.
ORM_PACKAGES = ("drizzle-orm", "@prisma/client", "prisma", "typeorm", "sequelize",
                "@mikro-orm/core")
ORM_FILES = GlobSet.of(["**/drizzle.config.*", "**/*.prisma", "**/db/schema.rb",
                        "**/alembic.ini", "**/manage.py"])
MIGRATION_TABLE = "supabase.migration_table"
SCHEMA_FILE_TABLE = "sql.schema_file"
BASE_DETECTORS = (MIGRATION_TABLE, SCHEMA_FILE_TABLE, "sql.create_table", "sql.insert",
                  "sql.copy", "supabase.access", "nextjs.route_handler", INVOKED_BY_APP,
                  MIGRATION_ROWS)

_EDGE_JOB_NAMES = ("cron", "hook", "sync", "import", "export", "ingest", "schedul", "job",
                   "worker", "queue", "batch", "digest")
_EDGE_JOB_SIGNALS = ("Deno.cron(", "constructEventAsync(", "constructEvent(",
                     "verifyWebhook(", "new Webhook(")


def _edge_functions_are_not_all_jobs(rule: Rule) -> Rule:
    """The Next.js ETL path rule without ``supabase/functions/**``, which is decided below."""
    if rule.kind != Kind.ETL or FUNCTIONS_GLOB not in rule.globs:
        return rule
    return replace(rule, globs=tuple(g for g in rule.globs if g != FUNCTIONS_GLOB))


SUPABASE_RULES: tuple[Rule, ...] = (
    *(replace(r, globs=SUPABASE_MIGRATIONS) if r.kind == Kind.MIGRATION
      else _edge_functions_are_not_all_jobs(r) for r in DEFAULT_RULES),
    Rule(Kind.ETL, "supabase.edge_invoked_by_database", signals=(SIG_DB_INVOKED,)),
    Rule(Kind.ETL, "supabase.edge_job",
         ("**/supabase/functions/*{" + ",".join(_EDGE_JOB_NAMES) + "}*/**",),
         signals=_EDGE_JOB_SIGNALS, exclude=(SHARED_GLOB,), scope=(FUNCTIONS_GLOB,)),
    Rule(Kind.A2A_API, "supabase.edge_function", (ENTRY_GLOB,), exclude=(SHARED_GLOB,),
         unless=(Kind.ETL,)),
)


class SupabaseProfile:
    name = "supabase"
    version = VERSION
    rules = SUPABASE_RULES

    def detect(self, tree: SourceTree) -> bool:
        """Supabase migrations or supabase-js, and no ORM that defines the tables."""
        files = tree.files()
        if any(ORM_FILES.match(f) for f in files):
            return False
        deps: set[str] = set()
        for path in files:
            if posixpath.basename(path) == "package.json":
                deps |= dependencies(tree.text(path))
        if any(p in deps for p in ORM_PACKAGES):
            return False
        return any(MIGRATIONS.match(f) for f in files) or any(p in deps
                                                               for p in SUPABASE_PACKAGES)

    def observe(self, tree: SourceTree, config: VentureConfig,
                progress: Progress | None = None) -> ProfileResult:
        files = tree.files()
        seed_globs, config_notes = _configured_seeds(tree, files)
        extra = (Rule(Kind.DATA, "supabase.seed_config", seed_globs),) if seed_globs else ()
        book = role_book(config.roles, (*self.rules, *extra))
        migrations, seeds = sql_paths(files, book)
        declared_files = [f for f in files if SCHEMA_FILES.match(f)]
        tick = Ticker(len(code_files(files)) + len(migrations) + len(seeds)
                      + len(declared_files), progress)

        program = load_program(tree, files, book.literals, tick)
        sql = read_sql_files(tree, migrations, seeds, dialect="postgres",
                             default_schema="public", tick=tick)
        declared = read_sql_files(tree, declared_files, [], dialect="postgres",
                                  default_schema="public", tick=tick)
        names = name_index(sorted(declared.created), sql.created)
        views, view_notes = read_views(tree, [*declared_files, *migrations], names)
        accesses = index_accesses(program, TableCatalog({}, program.exports), names, views)
        entries = function_entries(files)
        program = mark_invoked(program, entries,
                               invoked_by_database(tree, [*migrations, *declared_files]))
        routes = route_table(files, program)
        graph = with_function_edges(build_graph(program.facts, program.exports, routes),
                                    program, entries)
        handlers = {p: INVOKED_BY_APP for paths in entries.values() for p in paths}
        evidence = [*sql_evidence(sql, names, schema_detector=MIGRATION_TABLE),
                    *(Evidence(names[name_key(k)], Kind.SCHEMA,
                               SCHEMA_FILE_TABLE, path=path, line=line)
                      for k, (path, line) in declared.created.items())]
        evidence += role_evidence(program, book, accesses, graph, routes, config.scan.max_hops,
                                  handlers)
        components = app_components(program, routes, accesses, files) | {"supabase"}
        return ProfileResult(
            tables=tuple(sorted({TableInfo(k, profile="supabase") for k in names.values()},
                                key=TableInfo.sort_key)),
            evidence=tuple(sorted(set(evidence), key=Evidence.sort_key)),
            diagnostics=sorted_diagnostics(program.diagnostics, sql.diagnostics,
                                           declared.diagnostics, accesses.diagnostics,
                                           config_notes, view_notes),
            detectors=detectors(book, BASE_DETECTORS, VERSION),
            components=tuple(sorted(components)),
        )


SUPABASE = SupabaseProfile()


def _configured_seeds(tree: SourceTree,
                      files: tuple[str, ...]) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """``[db.seed] sql_paths`` of each ``supabase/config.toml``, as venture-relative globs."""
    globs: list[str] = []
    notes: list[Diagnostic] = []
    for path in files:
        if posixpath.basename(path) != "config.toml" or not path.endswith("supabase/config.toml"):
            continue
        text = tree.text(path)
        try:
            data = tomllib.loads(text) if text else {}
        except tomllib.TOMLDecodeError as exc:
            notes.append(Diagnostic(Severity.WARNING, "config-parse-error",
                                    f"not valid TOML ({exc}); its seed paths are not read",
                                    path))
            continue
        db = data.get("db")
        seed = db.get("seed") if isinstance(db, dict) else None
        paths = seed.get("sql_paths") if isinstance(seed, dict) else None
        folder = posixpath.dirname(path)
        for entry in paths if isinstance(paths, list) else ():
            if isinstance(entry, str):
                joined = posixpath.normpath(posixpath.join(folder, entry))
                if not joined.startswith(".."):
                    globs.append(joined)
    return tuple(globs), notes
