"""The Drizzle + Next.js + Supabase stack profile: docs/evidence.md, implemented.

Tables come from Drizzle ``pgTable``/``mysqlTable``/``sqliteTable`` definitions and from the
SQL migrations; every other kind of evidence is *role × reach*: a file with a role (from
``observe.roles``) that accesses a table, or reaches a file that does, through the file graph
(``observe.graph``) within ``scan.max_hops`` edges (``observe.reach``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, Kind, Severity, TableInfo, TableKey
from commissioning.observe.graph import build_graph, with_local_uses
from commissioning.observe.profiles.base import FullScanNeeded, LazyFacts, ProfileResult, Ticker
from commissioning.observe.profiles.drizzle_access import (
    AccessIndex,
    Reaches,
    file_evidence,
    index_accesses,
    plan_roles,
)
from commissioning.observe.profiles.drizzle_delta import (
    DrizzleState,
    PackedState,
    apply_changes,
    canonical_roles,
    link,
    module_links,
    project_files,
)
from commissioning.observe.profiles.javascript import MIGRATION_ROWS, migration_rows, route_table
from commissioning.observe.roles import DEFAULT_RULES, RoleBook, role_book
from commissioning.observe.routes import RouteTable
from commissioning.observe.rpc import rpc_edges, rpc_paths
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.sql_files import SqlFindings, read_sql_files
from commissioning.observe.typescript.facts import SIG_TRPC_ROUTER, FileFacts
from commissioning.observe.typescript.program import Program, code_files, load_program
from commissioning.observe.typescript.project import dependencies
from commissioning.observe.typescript.tables import TableCatalog

Progress = Callable[[int, int], None]
VERSION = "1"
BASE_DETECTORS = ("drizzle.pgTable", "drizzle.mysqlTable", "drizzle.sqliteTable",
                  "sql.create_table", "sql.insert", "sql.copy", "drizzle.access",
                  "supabase.access", "nextjs.route_handler", MIGRATION_ROWS)
_DRIZZLE_CONFIGS = tuple(f"drizzle.config.{e}" for e in ("ts", "js", "mjs", "cjs", "json"))
_NEXT_CONFIGS = tuple(f"next.config.{e}" for e in ("js", "mjs", "ts", "cjs"))


class DrizzleProfile:
    name = "drizzle"
    version = VERSION
    rules = DEFAULT_RULES

    def detect(self, tree: SourceTree) -> bool:
        """Drizzle in a package.json or a drizzle.config. (A Next.js app on supabase-js with no
        ORM is the ``supabase`` profile's: its tables are in the Supabase migrations.)"""
        files = tree.files()
        if any(posixpath.basename(f) in _DRIZZLE_CONFIGS for f in files):
            return True
        deps: set[str] = set()
        for path in files:
            if posixpath.basename(path) == "package.json":
                deps |= dependencies(tree.text(path))
        return "drizzle-orm" in deps

    def observe(self, tree: SourceTree, config: VentureConfig,
                progress: Progress | None = None) -> ProfileResult:
        return self.observe_with_state(tree, config, progress, kept=False)[0]

    def observe_with_state(self, tree: SourceTree, config: VentureConfig,
                           progress: Progress | None = None, *, kept: bool = True,
                           ) -> tuple[ProfileResult, PackedState]:
        """The result, and the state an incremental rescan starts from (``drizzle_delta``);
        without its import indexes unless it is ``kept`` (a scan without a cache drops it)."""
        book = role_book(config.roles, self.rules)
        files = tree.files()
        migrations = [f for f in files if f.endswith(".sql") and book.is_migration(f)]
        seeds = [f for f in files if f.endswith(".sql") and book.is_seed(f)]
        total = len(code_files(files)) + len(migrations) + len(seeds)
        tick = Ticker(total, progress)

        program = load_program(tree, files, book.literals, tick)
        catalog = TableCatalog(program.facts, program.exports)
        dialect, default_schema = _dialect(catalog)
        sql = read_sql_files(tree, migrations, seeds, dialect=dialect,
                             default_schema=default_schema, tick=tick)
        tables, names = _tables(catalog, sql)
        accesses = index_accesses(program, catalog, names)
        routes = route_table(files, program)
        router_files = frozenset(p for p, f in program.facts.items() if f.procedures)
        rpc = rpc_paths(program.facts, router_files, program.exports)
        calls = rpc_edges(program.facts, program.exports, rpc)
        graph = build_graph(program.facts, program.exports, routes, calls)
        plan = plan_roles(program, book, graph, routes, config.scan.max_hops)
        direct_all = with_local_uses(accesses.direct, program.facts)
        writes_all = with_local_uses(accesses.writes, program.facts)
        reaches = Reaches(graph.edges, direct_all, lambda: writes_all, config.scan.max_hops)
        evidence = [e for path, roles in plan.roles.items()
                    for e in file_evidence(path, roles, program.facts[path], accesses, reaches)]
        plan.roles = canonical_roles(plan.roles)
        state = DrizzleState(
            tables=tuple(sorted(tables, key=TableInfo.sort_key)),
            detectors=_detectors(book),
            components=_components(program, catalog, accesses, routes, files),
            defined=catalog.defined,
            names=names,
            fixed_evidence=(*_schema_evidence(catalog), *_sql_evidence(sql, names)),
            fixed_diagnostics=(*sql.diagnostics, *_duplicates(catalog)),
            notes=_notes_by_file(program.diagnostics),
            graph=graph,
            calls=calls,
            accesses=accesses,
            direct_all=direct_all,
            writes_all=writes_all,
            plan=plan,
            routes=routes.routes,
            projects=routes.projects,
            project_files=project_files(files),
            imported_by={},
            forwarded_by={},
            table_files=frozenset(p for p, f in program.facts.items()
                                  if any(t.factory for t in f.tables)),
            router_files=router_files,
            rpc=rpc,
            max_hops=config.scan.max_hops,
        )
        for path, own in sorted(program.facts.items()) if kept else ():
            imported, forwarded = module_links(path, own, program.exports)
            link(state.imported_by, path, imported, add=True)
            link(state.forwarded_by, path, forwarded, add=True)
        return state.result(evidence), state.pack()

    def apply_changes(self, packed: PackedState, tree: SourceTree, config: VentureConfig,
                      facts: LazyFacts[FileFacts], old_facts: Mapping[str, FileFacts],
                      notes: Mapping[str, tuple[Diagnostic, ...]], previous: Iterable[Evidence],
                      ) -> tuple[ProfileResult, PackedState]:
        """The result after the files of ``old_facts`` changed, from the state a scan kept
        (``packed``), and the state now; ``FullScanNeeded`` when only a full scan can tell
        (``drizzle_delta``)."""
        state = DrizzleState.unpack(packed)
        if state.max_hops != config.scan.max_hops:
            raise FullScanNeeded("scan.max_hops changed")
        book = role_book(config.roles, self.rules)
        result = apply_changes(state, tree, book, facts, old_facts, notes, previous)
        return result, state.pack()


def _notes_by_file(diagnostics: Iterable[Diagnostic]) -> dict[str, tuple[Diagnostic, ...]]:
    out: dict[str, list[Diagnostic]] = {}
    for note in diagnostics:
        out.setdefault(note.path or "", []).append(note)
    return {path: tuple(found) for path, found in out.items()}


DRIZZLE = DrizzleProfile()


def _dialect(catalog: TableCatalog) -> tuple[str, str]:
    builders = catalog.builders
    if builders and builders <= {"sqliteTable"}:
        return "sqlite", "main"
    if builders and builders <= {"mysqlTable"}:
        return "mysql", "public"
    return "postgres", "public"


def _tables(catalog: TableCatalog, sql: SqlFindings) -> tuple[list[TableInfo], dict[
        tuple[str, str], TableKey]]:
    """Every table (code definitions first, then tables only migrations create) and the index
    by (schema, lower-cased name) that SQL and supabase names are matched with."""
    infos: dict[TableKey, TableInfo] = {}
    names: dict[tuple[str, str], TableKey] = {}
    for d in catalog.defined:
        if d.key not in infos:
            infos[d.key] = TableInfo(d.key, profile="drizzle", symbol=d.symbol)
        names.setdefault(_name_key(d.key), d.key)
    for key in sorted(sql.created):
        if _name_key(key) not in names:
            names[_name_key(key)] = key
            infos[key] = TableInfo(key, profile="drizzle", symbol=None)
    return list(infos.values()), names


def _name_key(key: TableKey) -> tuple[str, str]:
    return (key.schema.lower(), key.name.lower())


def _schema_evidence(catalog: TableCatalog) -> list[Evidence]:
    return [Evidence(d.key, Kind.SCHEMA, f"drizzle.{d.builder}", path=d.path, line=d.line)
            for d in catalog.defined]


def _sql_evidence(sql: SqlFindings, names: dict[tuple[str, str], TableKey]) -> list[Evidence]:
    out: list[Evidence] = []
    for key, (path, line) in sql.created.items():
        table = names.get(_name_key(key), key)
        out.append(Evidence(table, Kind.MIGRATION, "sql.create_table", path=path, line=line))
    for write in sql.seeds:
        seeded = names.get(_name_key(write.table))
        if seeded is not None:
            out.append(Evidence(seeded, Kind.DATA, f"sql.{write.action}", path=write.path,
                                line=write.line))
    return out + migration_rows(sql, names)


def _duplicates(catalog: TableCatalog) -> list[Diagnostic]:
    first: dict[TableKey, str] = {}
    out: list[Diagnostic] = []
    for d in catalog.defined:
        if d.key in first and first[d.key] != f"{d.path}:{d.line}":
            out.append(Diagnostic(Severity.INFO, "duplicate-table",
                                  f"table {d.key} is also defined at {first[d.key]}",
                                  d.path, d.line))
        first.setdefault(d.key, f"{d.path}:{d.line}")
    return out


def _detectors(book: RoleBook) -> tuple[tuple[str, str], ...]:
    names = set(BASE_DETECTORS) | {d for d in book.detectors if d != "code.access"}
    return tuple((name, VERSION) for name in sorted(names))


def _components(program: Program, catalog: TableCatalog, accesses: AccessIndex,
                routes: RouteTable, files: tuple[str, ...]) -> tuple[str, ...]:
    deps: set[str] = set()
    for text in program.package_texts.values():
        deps |= dependencies(text)
    basenames = {posixpath.basename(f) for f in files}
    seen: set[str] = set()
    if "drizzle-orm" in deps or catalog.defined or basenames & set(_DRIZZLE_CONFIGS):
        seen.add("drizzle")
    if "next" in deps or routes.routes or basenames & set(_NEXT_CONFIGS):
        seen.add("nextjs")
    if any(d.startswith("@supabase/") for d in deps) or accesses.by_name \
            or any(f.startswith("supabase/") for f in files):
        seen.add("supabase")
    if "@trpc/server" in deps or any(f.signal_line(SIG_TRPC_ROUTER) is not None
                                     for f in program.facts.values()):
        seen.add("trpc")
    for tool in ("playwright", "cypress"):
        if any(d == tool or d.startswith(f"@{tool}/") for d in deps):
            seen.add(tool)
    return tuple(sorted(seen))
