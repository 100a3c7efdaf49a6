"""Access sites resolved to tables, and the role × reach evidence built on them.

Repository evidence is an access site itself (outside tests, seeds, migrations and e2e specs).
Every other role's evidence is the shortest chain from the role file to an access; seed scripts
count only chains that end at a *write*. An API route handler becomes a server action when a
URL edge from the UI side of the app (a crud_ui file or what it imports) lands on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from commissioning.evidence import Diagnostic, Evidence, Kind, Severity, Step, TableKey
from commissioning.observe.code_nodes import SEP, innermost, nodes_at, path_of
from commissioning.observe.graph import FileGraph, with_local_uses
from commissioning.observe.reach import Edges, Reach, within_hops
from commissioning.observe.roles import INHERITED_SIGNALS, Role, RoleBook
from commissioning.observe.routes import RouteTable
from commissioning.observe.typescript.facts import (
    SIG_ROUTE_ACTION,
    SIG_ROUTE_PAGE,
    SIG_UI_CALLED,
    AccessSite,
    FileFacts,
    Signal,
)
from commissioning.observe.typescript.program import Program
from commissioning.observe.typescript.tables import TableCatalog

ROUTE_HANDLER = "nextjs.route_handler"
INHERIT_HOPS = 1
SEED_COMMANDS = frozenset({"prisma.seed_command"})  # a seed named by package.json
SEED_ENTRIES = frozenset({"seed", "seedDatabase", "main", "run", "default"})


@dataclass(slots=True)
class AccessIndex:
    direct: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    writes: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    detectors: dict[tuple[str, TableKey], str] = field(default_factory=dict)
    by_name: bool = False
    by_name_files: set[str] = field(default_factory=set)  # files that name tables (supabase-js)
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
        index_file(out, path, program.facts[path], catalog, names, views)
    return out


def index_file(out: AccessIndex, path: str, facts: FileFacts, catalog: TableCatalog,
               names: Mapping[tuple[str, str], TableKey],
               views: Mapping[tuple[str, str], tuple[TableKey, ...]] | None = None) -> None:
    """One file's access sites into ``out`` (``index_accesses`` runs it for every file; an
    incremental rescan for the files that changed)."""
    unknown: set[str] = set()
    for site in sorted(facts.accesses, key=lambda s: s.line):
        if site.by == "name":
            schema = (site.schema or "public").lower()
            table = names.get((schema, site.ref[0].lower()))
            tables = (table,) if table is not None else \
                (views or {}).get((schema, site.ref[0].lower()), ())
            if not tables:
                unknown.add(f"{schema}.{site.ref[0]}")
                continue
            out.by_name = True
            out.by_name_files.add(path)
        else:
            table = catalog.resolve(path, site)
            if table is None:
                continue
            tables = (table,)
        nodes = nodes_at(path, facts, site.line)
        for table in tables:
            record_access(out, path, nodes, table, site, _detector(site))
    out.diagnostics.extend(
        Diagnostic(Severity.INFO, "unknown-table",
                   f"supabase .from('{name.split('.', 1)[1]}') names no known table "
                   f"({name}); it is not counted as access", path)
        for name in sorted(unknown))


def _detector(site: AccessSite) -> str:
    return "supabase.access" if site.by == "name" else "drizzle.access"


def record_access(out: AccessIndex, path: str, nodes: list[str], table: TableKey,
                  site: AccessSite, detector: str, write: bool | None = None) -> None:
    """The first access line of ``table`` in the file, and in the nodes holding it
    (``graph.nodes_at``: its definition, its inline tRPC procedure), for reads and writes."""
    written = site.write if write is None else write
    for key in (path, *nodes):
        lines = out.direct.setdefault(key, {})
        if table not in lines:
            lines[table] = site.line
            out.detectors[(key, table)] = detector
        if written:
            out.writes.setdefault(key, {}).setdefault(table, site.line)


@dataclass(slots=True)
class RolePlan:
    """Each file's roles, and what decided them beyond the file's own facts: an incremental
    rescan (``drizzle_delta``) checks these did not move before it reuses other files' roles.

    ``seeds`` had a data role before seed helpers were dropped; ``ui_side`` is the UI files and
    what they import within ``max_hops``; ``called`` the endpoints a URL edge from it reaches;
    ``route_modules`` the Remix route modules, whose signals their route adds."""

    roles: dict[str, dict[Kind, Role]]
    endpoints: dict[str, str]
    seeds: frozenset[str]
    ui_files: frozenset[str]
    ui_side: frozenset[str]
    called: frozenset[str]
    route_modules: frozenset[str]


def plan_roles(program: Program, book: RoleBook, graph: FileGraph, routes: RouteTable,
               max_hops: int, handlers: Mapping[str, str] | None = None) -> RolePlan:
    """Each file's roles. ``handlers`` adds endpoints beside the route handlers (path → the
    detector naming them, e.g. Supabase Edge Functions the app invokes by name).

    An endpoint's roles are decided again once the graph is known: it shows ``SIG_UI_CALLED``
    when a URL edge from the UI side of the app (a crud_ui file or what it imports) lands on it,
    which also makes it a server action, and it shows the credential and session signals of the
    code it uses within ``INHERIT_HOPS`` imports (a ``withWorkspace`` wrapper that reads the
    ``Authorization`` header, a ``getCurrentUser`` helper that calls ``getServerSession``)."""
    marked = route_module_signals(program.facts, routes)
    roles = {path: book.roles(path, marked.get(path, facts))
             for path, facts in sorted(program.facts.items())}
    endpoints = {r.path: ROUTE_HANDLER for r in routes.routes if r.handler}
    endpoints.update(handlers or {})
    ui_files = frozenset(p for p, found in roles.items() if Kind.CRUD_UI in found)
    ui_side, called = ui_calls(ui_files, graph, endpoints, max_hops)
    for target in sorted(endpoints):
        own = marked.get(target, program.facts.get(target))
        if own is not None:
            roles[target] = endpoint_roles(target, own, roles[target], book, program.facts,
                                           graph, called, endpoints[target])
    seeds = frozenset(p for p, found in roles.items() if Kind.DATA in found)
    _drop_seed_helpers(roles, program.facts, graph, book)
    return RolePlan(roles, endpoints, seeds, ui_files, ui_side, called, frozenset(marked))


def endpoint_roles(target: str, own: FileFacts, base: dict[Kind, Role], book: RoleBook,
                   facts: Mapping[str, FileFacts], graph: FileGraph, called: frozenset[str],
                   detector: str) -> dict[Kind, Role]:
    """An endpoint's roles: its own (``base``), decided again with the signals it inherits
    and ``SIG_UI_CALLED`` when the UI calls it, which also makes it a server action."""
    extra = inherited_signals(target, facts, graph)
    if target in called:
        extra.append(Signal(SIG_UI_CALLED, 1))
    found = book.roles(target, replace(own, signals=(*own.signals, *extra))) if extra else base
    if target in called and Kind.SERVER_ACTIONS not in found \
            and book.allows(Kind.SERVER_ACTIONS, target):
        found[Kind.SERVER_ACTIONS] = Role(Kind.SERVER_ACTIONS, detector)
    return found


def ui_calls(ui_files: Iterable[str], graph: FileGraph, endpoints: Mapping[str, str],
             max_hops: int) -> tuple[frozenset[str], frozenset[str]]:
    """The UI side of the app (crud_ui files and what they import within ``max_hops``) and the
    endpoints its URL edges land on."""
    ui_side = within_hops(sorted(ui_files), graph.imports, max_hops)
    called = frozenset(target for source in sorted(ui_side)
                       for target, _ in graph.urls.get(source, ()) if target in endpoints)
    return ui_side, called


def _drop_seed_helpers(roles: dict[str, dict[Kind, Role]], facts: Mapping[str, FileFacts],
                       graph: FileGraph, book: RoleBook) -> None:
    """Seed modules that are not seeds of their own. One another seed module imports is that
    seed's helper: it fills tables through what the importing seed calls, and reach from the
    importer goes through it. One only tests import, exporting no seed entry
    (``SEED_ENTRIES``), is a test factory (``seedBlankFolder`` for a spec's setup), which
    docs/evidence.md never counts as data. The seed a package.json names is always a seed."""
    importers: dict[str, set[str]] = {}
    for source, targets in graph.imports.items():
        for target, _ in targets:
            if path_of(source) != path_of(target):
                importers.setdefault(path_of(target), set()).add(path_of(source))
    seeds = {p for p, found in roles.items() if Kind.DATA in found}
    for path in sorted(seeds):
        if roles[path][Kind.DATA].detector in SEED_COMMANDS:
            continue
        by = importers.get(path, set())
        helper = bool(by & (seeds - {path}))
        factory = bool(by) and all(book.is_test(i) or Kind.E2E_TESTS in roles.get(i, {})
                                   for i in by) \
            and not any(e in SEED_ENTRIES for e, _ in facts[path].local_exports)
        if helper or factory:
            del roles[path][Kind.DATA]


def route_module_signals(facts: Mapping[str, FileFacts],
                         routes: RouteTable) -> dict[str, FileFacts]:
    """Remix / React Router route modules with ``SIG_ROUTE_PAGE`` (a module with a default
    export renders a page) and ``SIG_ROUTE_ACTION`` on the line of an exported ``action``."""
    out: dict[str, FileFacts] = {}
    for route in routes.routes:
        own = facts.get(route.path)
        if not route.module or own is None:
            continue
        added: list[Signal] = [] if route.handler else [Signal(SIG_ROUTE_PAGE, 1)]
        local = next((name for exported, name in own.local_exports if exported == "action"),
                     None)
        definition = own.definition_named(local) if local is not None else None
        if definition is not None:
            added.append(Signal(SIG_ROUTE_ACTION, definition.line))
        if added:
            out[route.path] = replace(own, signals=(*own.signals, *added))
    return out


def inherited_signals(path: str, facts: Mapping[str, FileFacts], graph: FileGraph,
                      hops: int = INHERIT_HOPS) -> list[Signal]:
    """The ``INHERITED_SIGNALS`` shown by the code ``path`` uses within ``hops`` imports: all of
    a file reached as a whole, a definition's own lines only (not the same file's helpers it
    calls: a shared ``withError`` wrapper whose module also holds a session middleware does not
    make every route that uses it a session route)."""
    found: dict[str, Signal] = {}
    for node in sorted(within_hops([path], graph.imports, hops) - {path}):
        file = path_of(node)
        own = facts.get(file)
        if own is None:
            continue
        definition = own.definition_named(node[len(file) + len(SEP):]) if node != file else None
        for signal in own.signals:
            if signal.name not in INHERITED_SIGNALS or signal.name in found:
                continue
            if definition is None or definition.line <= signal.line <= definition.end_line:
                found[signal.name] = Signal(signal.name, 1)
    return list(found.values())


def role_evidence(program: Program, book: RoleBook, accesses: AccessIndex, graph: FileGraph,
                  routes: RouteTable, max_hops: int,
                  handlers: Mapping[str, str] | None = None) -> list[Evidence]:
    roles = plan_roles(program, book, graph, routes, max_hops, handlers).roles
    reaches = Reaches(graph.edges, with_local_uses(accesses.direct, program.facts),
                      lambda: with_local_uses(accesses.writes, program.facts), max_hops)
    out: list[Evidence] = []
    for path, found in roles.items():
        out.extend(file_evidence(path, found, program.facts[path], accesses, reaches))
    return out


class Reaches:
    """Reach over any access, and (made on first need) over writes only, for seed roles."""

    def __init__(self, edges: Edges, direct: Mapping[str, Mapping[TableKey, int]],
                 writes: Callable[[], Mapping[str, Mapping[TableKey, int]]],
                 max_hops: int) -> None:
        self.any_access: Reach[TableKey] = Reach(edges, direct, max_hops)
        self._writes_direct = writes
        self._edges = edges
        self._max_hops = max_hops
        self._writes: Reach[TableKey] | None = None

    @property
    def writes(self) -> Reach[TableKey]:
        if self._writes is None:
            self._writes = Reach(self._edges, self._writes_direct(), self._max_hops)
        return self._writes


def file_evidence(path: str, found: Mapping[Kind, Role], facts: FileFacts,
                  accesses: AccessIndex, reaches: Reaches) -> list[Evidence]:
    """The evidence of one file's roles: its own accesses for a repository, else the tables
    its role lines reach (writes only, for a seed)."""
    out: list[Evidence] = []
    for kind, role in found.items():
        if kind == Kind.REPOSITORY:
            out.extend(Evidence(table, kind, accesses.detectors[(path, table)],
                                path=path, line=line)
                       for table, line in accesses.direct.get(path, {}).items())
            continue
        reach = reaches.writes if kind == Kind.DATA else reaches.any_access
        out.extend(_reached(reach, path, facts, role))
    return out


def _reached(reach: Reach[TableKey], path: str, facts: FileFacts, role: Role) -> list[Evidence]:
    """The evidence of one role: the shortest chain to each table from the file, or from the
    code on the role's lines (a narrow role: the procedure holding an OpenAPI ``meta``)."""
    sources = sorted({innermost(path, facts, line) for line in role.lines}) or [path]
    best: dict[TableKey, tuple[int, tuple[Step, ...]]] = {}
    for source in sources:
        for table, hops in reach.tables(source).items():
            chain = reach.chain(source, table)
            if table not in best or (hops, chain) < best[table]:
                best[table] = (hops, chain)
    return [_evidence(table, role.kind, role.detector, chain)
            for table, (_, chain) in best.items()]


def _evidence(table: TableKey, kind: Kind, detector: str, chain: tuple[Step, ...]) -> Evidence:
    steps = [Step(path_of(s.path), s.line) for s in chain]
    return Evidence(table, kind, detector, path=steps[0].path, line=steps[0].line,
                    via=tuple(steps[1:]))
