"""Access sites resolved to tables, and the role × reach evidence built on them.

Repository evidence is an access site itself (outside tests, seeds, migrations and e2e specs).
Every other role's evidence is the shortest chain from the role file to an access; seed scripts
count only chains that end at a *write*. An API route handler becomes a server action when a
URL edge from the UI side of the app (a crud_ui file or what it imports) lands on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from commissioning.evidence import Diagnostic, Evidence, Kind, Severity, Step, TableKey
from commissioning.observe.graph import FileGraph, node_at, path_of, with_local_uses
from commissioning.observe.reach import Reach, within_hops
from commissioning.observe.roles import Role, RoleBook
from commissioning.observe.routes import RouteTable
from commissioning.observe.typescript.facts import AccessSite
from commissioning.observe.typescript.program import Program
from commissioning.observe.typescript.tables import TableCatalog

ROUTE_HANDLER = "nextjs.route_handler"


@dataclass(slots=True)
class AccessIndex:
    direct: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    writes: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    detectors: dict[tuple[str, TableKey], str] = field(default_factory=dict)
    by_name: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)


def index_accesses(program: Program, catalog: TableCatalog,
                   names: Mapping[tuple[str, str], TableKey],
                   views: Mapping[tuple[str, str], tuple[TableKey, ...]] | None = None,
                   ) -> AccessIndex:
    """The first access line of each (file, table), for any access and for writes.

    ``views`` maps a view's (schema, lower-cased name) to the tables it reads: supabase-js
    names a view exactly as it names a table, and reading the view reads those tables.
    """
    out = AccessIndex()
    for path in sorted(program.facts):
        unknown: set[str] = set()
        for site in sorted(program.facts[path].accesses, key=lambda s: s.line):
            if site.by == "name":
                schema = (site.schema or "public").lower()
                table = names.get((schema, site.ref[0].lower()))
                tables = (table,) if table is not None else \
                    (views or {}).get((schema, site.ref[0].lower()), ())
                if not tables:
                    unknown.add(f"{schema}.{site.ref[0]}")
                    continue
                out.by_name = True
            else:
                table = catalog.resolve(path, site)
                if table is None:
                    continue
                tables = (table,)
            node = node_at(path, program.facts[path], site.line)
            for table in tables:
                record_access(out, path, node, table, site, _detector(site))
        out.diagnostics.extend(
            Diagnostic(Severity.INFO, "unknown-table",
                       f"supabase .from('{name.split('.', 1)[1]}') names no known table "
                       f"({name}); it is not counted as access", path)
            for name in sorted(unknown))
    return out


def _detector(site: AccessSite) -> str:
    return "supabase.access" if site.by == "name" else "drizzle.access"


def record_access(out: AccessIndex, path: str, node: str | None, table: TableKey,
                  site: AccessSite, detector: str, write: bool | None = None) -> None:
    """The first access line of ``table`` in the file, and in the definition node holding it
    (``node``; None at module level), for reads and for writes."""
    written = site.write if write is None else write
    for key in (path, node):
        if key is None:
            continue
        lines = out.direct.setdefault(key, {})
        if table not in lines:
            lines[table] = site.line
            out.detectors[(key, table)] = detector
        if written:
            out.writes.setdefault(key, {}).setdefault(table, site.line)


def assign_roles(program: Program, book: RoleBook, graph: FileGraph, routes: RouteTable,
                 max_hops: int, handlers: Mapping[str, str] | None = None,
                 ) -> dict[str, dict[Kind, Role]]:
    """Each file's roles. ``handlers`` adds endpoints beside the route handlers (path → the
    detector naming them, e.g. Supabase Edge Functions the app invokes by name)."""
    roles = {path: book.roles(path, facts) for path, facts in sorted(program.facts.items())}
    ui = [p for p, found in roles.items() if Kind.CRUD_UI in found]
    ui_side = within_hops(ui, graph.imports, max_hops)
    endpoints = {r.path: ROUTE_HANDLER for r in routes.routes if r.handler}
    endpoints.update(handlers or {})
    for source in sorted(ui_side):
        for target, _ in graph.urls.get(source, ()):
            found = roles.get(target)
            if target in endpoints and found is not None and Kind.SERVER_ACTIONS not in found \
                    and book.allows(Kind.SERVER_ACTIONS, target):
                found[Kind.SERVER_ACTIONS] = Role(Kind.SERVER_ACTIONS, endpoints[target])
    return roles


def role_evidence(program: Program, book: RoleBook, accesses: AccessIndex, graph: FileGraph,
                  routes: RouteTable, max_hops: int,
                  handlers: Mapping[str, str] | None = None) -> list[Evidence]:
    roles = assign_roles(program, book, graph, routes, max_hops, handlers)
    direct = with_local_uses(accesses.direct, program.facts)
    any_access: Reach[TableKey] = Reach(graph.edges, direct, max_hops)
    writes: Reach[TableKey] | None = None
    out: list[Evidence] = []
    for path, found in roles.items():
        for kind, role in found.items():
            if kind == Kind.REPOSITORY:
                out.extend(Evidence(table, kind, accesses.detectors[(path, table)],
                                    path=path, line=line)
                           for table, line in accesses.direct.get(path, {}).items())
                continue
            if kind == Kind.DATA:
                writes = writes or Reach(graph.edges,
                                         with_local_uses(accesses.writes, program.facts),
                                         max_hops)
                reach = writes
            else:
                reach = any_access
            for table in reach.tables(path):
                out.append(_evidence(table, kind, role.detector, reach.chain(path, table)))
    return out


def _evidence(table: TableKey, kind: Kind, detector: str, chain: tuple[Step, ...]) -> Evidence:
    steps = [Step(path_of(s.path), s.line) for s in chain]
    return Evidence(table, kind, detector, path=steps[0].path, line=steps[0].line,
                    via=tuple(steps[1:]))
