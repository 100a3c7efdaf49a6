"""An incremental Drizzle rescan: recompute what the changed files touch, keep the rest.

A full scan of the profile keeps a :class:`DrizzleState` beside its result: the code graph, the
access index, every file's roles, and who imports and forwards which module. When a rescan
finds that only TypeScript files changed (the same file list, every other text the same),
:func:`apply_changes` updates that state instead of running the profile again:

1. **Which files to redo.** A file's graph edges and accesses depend on its own facts and on
   the facts of the modules its imports lead to: the module itself, and every module it
   forwards to (``export … from``, ``export *``, an imported name it exports again). The state
   keeps, per module, the files importing it and the modules forwarding to it, so a changed
   file's *dependents* are found by walking those backwards. The changed files and their
   dependents are redone (``graph.file_nodes``, ``drizzle_access.index_file``) with facts read
   from the cache on demand; a node whose edges or accesses came out different is *changed*.
2. **Which evidence to redo.** A role file's evidence is a function of the graph within
   ``max_hops`` of its own nodes. A file more than ``max_hops`` upstream of every changed node
   sees exactly the graph it saw, so only the files with roles within ``max_hops`` upstream of
   a changed node (and the changed files) get their evidence again, by ``Reach`` over the part
   of the graph within ``max_hops`` of them — which gives what the whole graph gives, since no
   chain it keeps leaves that part.
3. **When not to.** What couples files beyond imports makes the rescan a full one
   (:class:`~commissioning.observe.profiles.base.FullScanNeeded`, saying why): a changed file
   whose table definitions resolve differently, that defines a table factory, is a Remix
   route module or a seed; a redone file whose factory-made tables change; a change to the
   tRPC procedures a client can call, to which endpoints the UI side calls, to a seed's
   importers, or to whether supabase-js names any table. Endpoints whose own facts, imports or
   imported files changed get their roles decided again (``drizzle_access.endpoint_roles``),
   and changed tRPC client calls their edges (``rpc.file_rpc_edges``).
   ``tests/observe/test_incremental.py`` holds the result to a full scan's, snapshot id for
   snapshot id, over hand-written and random edits.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields

from commissioning.evidence import (
    Diagnostic,
    Evidence,
    Kind,
    TableInfo,
    TableKey,
)
from commissioning.observe.cache import dumps, loads
from commissioning.observe.code_nodes import path_of
from commissioning.observe.graph import (
    FileGraph,
    add_nodes,
    drop_nodes,
    file_local_uses,
    file_node_ids,
    file_nodes,
)
from commissioning.observe.profiles.base import FullScanNeeded, LazyFacts, ProfileResult
from commissioning.observe.profiles.drizzle_access import (
    AccessIndex,
    Reaches,
    RolePlan,
    endpoint_roles,
    file_evidence,
    index_file,
    ui_calls,
)
from commissioning.observe.reach import within_hops
from commissioning.observe.roles import Role, RoleBook
from commissioning.observe.routes import Route, RouteTable
from commissioning.observe.rpc import RpcPaths, file_rpc_edges, rpc_paths
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.typescript.facts import SIG_TRPC_ROUTER, Definition, FileFacts
from commissioning.observe.typescript.project import (
    CONFIG_NAMES,
    read_packages,
    read_path_configs,
)
from commissioning.observe.typescript.resolve import ExportResolver, ModuleResolver
from commissioning.observe.typescript.tables import DefinedTable, TableCatalog

Facts = LazyFacts[FileFacts]


@dataclass(frozen=True, slots=True)
class PackedState:
    """A :class:`DrizzleState` as one pickle per field (``DrizzleState.pack``)."""

    chunks: dict[str, bytes]


@dataclass(slots=True)
class DrizzleState:
    """What a full scan of the profile found, kept so a rescan can redo only what changed."""

    tables: tuple[TableInfo, ...]
    detectors: tuple[tuple[str, str], ...]
    components: tuple[str, ...]
    defined: tuple[DefinedTable, ...]
    names: dict[tuple[str, str], TableKey]
    fixed_evidence: tuple[Evidence, ...]  # schema and SQL evidence: no code file changes it
    fixed_diagnostics: tuple[Diagnostic, ...]  # SQL and duplicate-table notes
    notes: dict[str, tuple[Diagnostic, ...]]  # each code file's parse notes
    graph: FileGraph
    calls: dict[str, dict[str, int]]  # tRPC client-call edges
    accesses: AccessIndex
    direct_all: dict[str, dict[TableKey, int]]  # accesses with local uses (graph.with_local_uses)
    writes_all: dict[str, dict[TableKey, int]]
    plan: RolePlan  # roles only of files that have some, one Role object per value
    routes: tuple[Route, ...]
    projects: tuple[str, ...]
    project_files: tuple[str, ...]  # tsconfig/jsconfig and package.json files: module resolution
    imported_by: dict[str, set[str]]  # module → files importing or re-exporting it
    forwarded_by: dict[str, set[str]]  # module → modules that forward (some of) it
    table_files: frozenset[str]  # files defining tables through a factory they import
    router_files: frozenset[str]  # files holding tRPC router entries
    rpc: RpcPaths  # the procedure paths a tRPC client can call, and where they land
    max_hops: int
    # the pickled form each field was loaded from, and the fields a rescan changed since:
    # saving pickles only those again (a rescan that moves no edge rewrites no graph)
    chunks: dict[str, bytes] = field(default_factory=dict, repr=False)
    dirty: set[str] = field(default_factory=set, repr=False)

    def pack(self) -> PackedState:
        """The state as one pickle per field, reusing the loaded bytes of clean fields."""
        chunks: dict[str, bytes] = {}
        for name in STATE_FIELDS:
            kept = self.chunks.get(name)
            chunks[name] = kept if kept is not None and name not in self.dirty \
                else dumps(getattr(self, name))
        return PackedState(chunks)

    @classmethod
    def unpack(cls, packed: PackedState) -> DrizzleState:
        try:
            values = {name: loads(packed.chunks[name]) for name in STATE_FIELDS}
            return cls(**values, chunks=dict(packed.chunks))
        except Exception as exc:  # the pack's checksum held, yet a field does not decode
            raise FullScanNeeded(f"the kept state does not decode ({type(exc).__name__})") \
                from exc

    def result(self, evidence: Iterable[Evidence], *, ordered: bool = True) -> ProfileResult:
        """The profile's result, with ``evidence`` from its role files beside the fixed
        (sorted unless not ``ordered``: a rescan's snapshot sorts it anyway)."""
        # a rescan's snapshot deduplicates (and sorts) the evidence: hashing it here too
        # would double the cost
        found = {*self.fixed_evidence, *evidence} if ordered else (*self.fixed_evidence,
                                                                   *evidence)
        diagnostics = {*self.fixed_diagnostics, *self.accesses.diagnostics}
        for notes in self.notes.values():
            diagnostics.update(notes)
        return ProfileResult(
            tables=self.tables,
            evidence=tuple(sorted(found, key=Evidence.sort_key)) if ordered else tuple(found),
            diagnostics=tuple(sorted(diagnostics, key=Diagnostic.sort_key)),
            detectors=self.detectors,
            components=self.components,
        )


STATE_FIELDS = tuple(f.name for f in fields(DrizzleState) if f.name not in ("chunks", "dirty"))


def canonical_roles(roles: Mapping[str, Mapping[Kind, Role]]) -> dict[str, dict[Kind, Role]]:
    """Files with roles, sharing one object per Role value: most files hold the same few, and
    the cached state then names each once."""
    seen: dict[Role, Role] = {}
    return {path: {kind: seen.setdefault(role, role) for kind, role in found.items()}
            for path, found in roles.items() if found}


def module_links(path: str, own: FileFacts, exports: ExportResolver) -> tuple[set[str], set[str]]:
    """The modules a file imports or re-exports from, and those it *forwards*: re-exports
    (named or ``*``) and imports of a name it exports again or aliases. Resolving a name in a
    file consults its own facts and, through ``ExportResolver.origin``, only the modules it
    forwards, so an importer depends on the modules it imports and what they forward to."""
    imported: set[str] = set()
    forwarded: set[str] = set()
    for re in own.reexports:
        module = exports.module(path, re.specifier)
        if module is not None:
            imported.add(module)
            forwarded.add(module)
    again = {local for _, local in own.local_exports}
    again.update(name for pair in own.aliases for name in pair)
    for imp in own.imports:
        module = exports.module(path, imp.specifier)
        if module is None:
            continue
        imported.add(module)
        if any(b.local in again for b in imp.bindings):
            forwarded.add(module)
    return imported, forwarded


def link(index: dict[str, set[str]], source: str, targets: set[str], *, add: bool) -> None:
    for target in targets:
        if add:
            index.setdefault(target, set()).add(source)
        else:
            found = index.get(target)
            if found is not None:
                found.discard(source)
                if not found:
                    del index[target]


def _dependents(state: DrizzleState, changed: set[str]) -> set[str]:
    modules = set(changed)
    queue = list(changed)
    while queue:
        for forwarder in state.forwarded_by.get(queue.pop(), ()):
            if forwarder not in modules:
                modules.add(forwarder)
                queue.append(forwarder)
    out: set[str] = set()
    for module in modules:
        out.update(state.imported_by.get(module, ()))
    return out


Targets = tuple[tuple[str, int], ...]


def _node_view(graph: FileGraph, node: str) -> tuple[Targets | None, Targets | None,
                                                     Targets | None]:
    return (graph.imports.get(node), graph.urls.get(node), graph.edges.get(node))


def apply_changes(state: DrizzleState, tree: SourceTree, book: RoleBook, facts: Facts,
                  old_facts: Mapping[str, FileFacts],
                  new_notes: Mapping[str, tuple[Diagnostic, ...]],
                  previous: Iterable[Evidence]) -> ProfileResult:
    """The result after the files in ``old_facts`` changed (``facts`` gives their new facts),
    from the state and the ``previous`` result's evidence. ``state`` is updated in place;
    :class:`FullScanNeeded` says why the change reaches further than this follows, and then
    ``state`` must be discarded."""
    changed = set(old_facts)
    _check_changed(state, facts, old_facts)
    exports, old_exports = _resolvers(state, tree, facts, old_facts)
    redo = changed | _dependents(state, changed)
    catalog = TableCatalog.of(state.defined, facts, exports)
    _check_tables(state, catalog, facts, old_facts, redo)
    _check_routers(state, facts, old_facts, exports, redo)
    _relink(state, facts, old_facts, exports, old_exports)
    by_name = bool(state.accesses.by_name_files)
    touched, moved, rewired, retargeted = _redo_files(state, facts, old_facts, exports,
                                                      catalog, redo)
    if bool(state.accesses.by_name_files) != by_name:
        raise FullScanNeeded("whether supabase-js names a table changed")
    if _touches_seeds(state, facts, changed, moved, retargeted):
        raise FullScanNeeded("a seed's importers may have changed")
    plan = state.plan
    roles_before, ui_before = dict(plan.roles), (plan.ui_files, plan.ui_side)
    _redo_roles(state, book, facts, changed, rewired)
    rerolled = _redo_endpoints(state, book, facts, changed | moved)
    if plan.roles != roles_before or (plan.ui_files, plan.ui_side) != ui_before:
        state.dirty.add("plan")
    _renote(state, new_notes)
    redone, evidence = _redo_evidence(state, facts, changed | rerolled, touched)
    kept = (e for e in previous if e.path not in redone)
    return state.result((*kept, *evidence), ordered=False)


def _check_tables(state: DrizzleState, catalog: TableCatalog, facts: Facts,
                  old_facts: Mapping[str, FileFacts], redo: set[str]) -> None:
    """The catalog stays as it was: the tables each redone file defines through a factory,
    and each changed file's table definitions, resolve as they did."""
    maybe = {p for p in old_facts if old_facts[p].tables != facts[p].tables}
    for path in sorted((redo & state.table_files) | maybe):
        if catalog.defined_in(path) != tuple(d for d in state.defined if d.path == path):
            raise FullScanNeeded(f"the tables {path} defines changed")
    for path in maybe:  # a call that looks like a table factory's may come or go
        table_files = state.table_files | {path} if any(t.factory for t in facts[path].tables) \
            else state.table_files - {path}
        if table_files != state.table_files:
            state.table_files = table_files
            state.dirty.add("table_files")


def _check_routers(state: DrizzleState, facts: Facts, old_facts: Mapping[str, FileFacts],
                   exports: ExportResolver, redo: set[str]) -> None:
    """The tRPC procedures a client can call stay as they were (when a router changed, or a
    file it resolves its entries through), and the changed files' client calls are edges
    again (``rpc.file_rpc_edges``)."""
    routers = (state.router_files - old_facts.keys()) | {
        p for p in old_facts if facts[p].procedures}
    if redo & (state.router_files | routers):
        if rpc_paths(facts, routers, exports) != state.rpc:
            raise FullScanNeeded("the tRPC procedures a client can call changed")
        if routers != state.router_files:
            state.router_files = frozenset(routers)
            state.dirty.add("router_files")
    for path in sorted(old_facts):
        if not old_facts[path].rpc_calls and not facts[path].rpc_calls:
            continue
        for node in file_node_ids(path, old_facts[path]):
            if state.calls.pop(node, None) is not None:
                state.dirty.add("calls")
        calls = file_rpc_edges(path, facts[path], state.rpc)
        if calls:
            state.calls.update(calls)
            state.dirty.add("calls")


def _relink(state: DrizzleState, facts: Facts, old_facts: Mapping[str, FileFacts],
            exports: ExportResolver, old_exports: ExportResolver) -> None:
    """The changed files' places in the import and forwarding indexes."""
    for path in sorted(old_facts):
        before = module_links(path, old_facts[path], old_exports)
        after = module_links(path, facts[path], exports)
        if before != after:
            state.dirty.update(("imported_by", "forwarded_by"))
        for side, (imported, forwarded) in ((False, before), (True, after)):
            link(state.imported_by, path, imported, add=side)
            link(state.forwarded_by, path, forwarded, add=side)


def _renote(state: DrizzleState, new_notes: Mapping[str, tuple[Diagnostic, ...]]) -> None:
    for path, notes in new_notes.items():
        if notes != state.notes.get(path, ()):
            state.dirty.add("notes")
        if notes:
            state.notes[path] = notes
        else:
            state.notes.pop(path, None)


def _check_changed(state: DrizzleState, facts: Facts,
                   old_facts: Mapping[str, FileFacts]) -> None:
    plan = state.plan
    for path in sorted(old_facts):
        old, new = old_facts[path], facts[path]
        if old.factories or new.factories:
            raise FullScanNeeded(f"{path} defines a table factory")
        if (old.signal_line(SIG_TRPC_ROUTER) is None) != (new.signal_line(SIG_TRPC_ROUTER)
                                                          is None):
            raise FullScanNeeded(f"{path} gains or loses a tRPC router")
        if path in plan.route_modules:
            raise FullScanNeeded(f"{path} is a Remix route module")
        if path in plan.seeds:
            raise FullScanNeeded(f"{path} is a seed")


def _resolvers(state: DrizzleState, tree: SourceTree, facts: Facts,
               old_facts: Mapping[str, FileFacts]) -> tuple[ExportResolver, ExportResolver]:
    """Export resolution over the new facts, and over the old (for what changed files
    imported before)."""
    configs = {f: tree.text(f) for f in state.project_files
               if posixpath.basename(f) in CONFIG_NAMES}
    packages = read_packages({f: tree.text(f) for f in state.project_files
                              if posixpath.basename(f) == "package.json"})
    modules = ModuleResolver(tree.files(), read_path_configs(configs), packages)
    return ExportResolver(facts, modules), ExportResolver(_Overlay(facts, old_facts), modules)


def _redo_files(state: DrizzleState, facts: Facts,
                old_facts: Mapping[str, FileFacts], exports: ExportResolver,
                catalog: TableCatalog, redo: set[str],
                ) -> tuple[set[str], set[str], set[str], set[str]]:
    """Each file's nodes, edges and accesses again: the nodes that came out different, the
    files whose import edges did, the nodes whose import or URL edges did, and the files
    those moved import edges pointed to, before or now."""
    routes = RouteTable(state.routes, state.projects)
    graph, accesses = state.graph, state.accesses
    touched: set[str] = set()
    moved: set[str] = set()
    rewired: set[str] = set()
    retargeted: set[str] = set()
    names: dict[str, dict[str, Definition]] = {}
    for path in sorted(redo):
        own = facts[path]
        old_ids = file_node_ids(path, old_facts.get(path) or own)
        ids = old_ids | file_node_ids(path, own)
        before = {n: (_node_view(graph, n), state.direct_all.get(n), state.writes_all.get(n))
                  for n in ids}
        accessed = _access_slice(accesses, path, ids)
        drop_nodes(graph, old_ids)
        add_nodes(graph, file_nodes(path, facts, exports, routes, state.calls, names))
        _drop_accesses(accesses, path, old_ids)
        for node in old_ids:
            state.direct_all.pop(node, None)
            state.writes_all.pop(node, None)
        index_file(accesses, path, own, catalog, state.names)
        state.direct_all.update(file_local_uses(path, own, accesses.direct))
        state.writes_all.update(file_local_uses(path, own, accesses.writes))
        if _access_slice(accesses, path, ids) != accessed:
            state.dirty.add("accesses")
        for node in ids:
            now = (_node_view(graph, node), state.direct_all.get(node), state.writes_all.get(node))
            if now != before[node]:
                touched.add(node)
                for name, part, was in zip(("graph", "direct_all", "writes_all"), now,
                                           before[node], strict=True):
                    if part != was:
                        state.dirty.add(name)
                imports_before = before[node][0][0]
                if graph.imports.get(node) != imports_before:
                    moved.add(path)
                    for edges in (imports_before, graph.imports.get(node)):
                        retargeted.update(path_of(t) for t, _ in edges or ())
                if now[0][:2] != before[node][0][:2]:
                    rewired.add(node)
    return touched, moved, rewired, retargeted


def _access_slice(accesses: AccessIndex, path: str, nodes: set[str]) -> tuple[object, ...]:
    """What the access index holds for one file's nodes: to tell whether redoing it changed
    anything (``DrizzleState.dirty``). A detector is kept for each (node, table) accessed."""
    direct = sorted((n, sorted(found.items()), sorted(
        (table, accesses.detectors[(n, table)]) for table in found))
        for n in nodes if (found := accesses.direct.get(n)) is not None)
    writes = sorted((n, sorted(accesses.writes[n].items())) for n in nodes
                    if n in accesses.writes)
    notes = sorted(d.sort_key() for d in accesses.diagnostics if d.path == path)
    return (direct, writes, notes, path in accesses.by_name_files)


def _set_roles(plan: RolePlan, path: str, roles: dict[Kind, Role]) -> None:
    """A file's roles in the plan, which lists only files that have some."""
    if roles:
        plan.roles[path] = canonical_roles({path: roles})[path]
    else:
        plan.roles.pop(path, None)


def _redo_roles(state: DrizzleState, book: RoleBook, facts: Facts, changed: set[str],
                rewired: set[str]) -> None:
    """The changed files' roles, and the UI side of the app again if they could move it: the
    UI side follows import edges from crud_ui files, and what it calls is its URL edges, so
    only a crud_ui role that came or went, or a node of it whose edges moved, can."""
    plan = state.plan
    ui_moved = False
    for path in sorted(changed):
        roles = book.roles(path, facts[path])
        if Kind.DATA in roles:
            raise FullScanNeeded(f"{path} becomes a seed")
        if (path in plan.ui_files) != (Kind.CRUD_UI in roles):
            ui_moved = True
        _set_roles(plan, path, roles)
    if not ui_moved and not rewired & plan.ui_side:
        return
    ui_files = {p for p in plan.ui_files if p not in changed}
    ui_files.update(p for p in changed if Kind.CRUD_UI in plan.roles.get(p, {}))
    ui_side, called = ui_calls(ui_files, state.graph, plan.endpoints, state.max_hops)
    if called != plan.called:
        raise FullScanNeeded("the endpoints the UI calls changed")
    plan.ui_files, plan.ui_side = frozenset(ui_files), ui_side


class _Overlay(Mapping[str, FileFacts]):
    """``facts`` as they were: the changed files' old facts over the rest."""

    def __init__(self, facts: Facts, old: Mapping[str, FileFacts]) -> None:
        self._facts = facts
        self._old = old

    def __getitem__(self, path: str) -> FileFacts:
        found = self._old.get(path)
        return found if found is not None else self._facts[path]

    def __contains__(self, path: object) -> bool:
        return path in self._facts

    def __iter__(self) -> Iterator[str]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)


def _redo_endpoints(state: DrizzleState, book: RoleBook, facts: Facts,
                    moved: set[str]) -> set[str]:
    """The roles of the endpoints that changed, whose imports moved, or that import a
    changed file (whose signals they may inherit, ``drizzle_access.inherited_signals``):
    decided as the full scan decides them."""
    plan, graph = state.plan, state.graph
    again: set[str] = set()
    for endpoint in sorted(plan.endpoints):
        near = {path_of(t) for t, _ in graph.imports.get(endpoint, ())}
        if endpoint not in moved and not near & moved:
            continue
        own = facts.get(endpoint)
        if own is None:
            continue
        roles = endpoint_roles(endpoint, own, book.roles(endpoint, own), book, facts, graph,
                               plan.called, plan.endpoints[endpoint])
        if Kind.DATA in roles:
            raise FullScanNeeded(f"{endpoint} becomes a seed")
        if roles != plan.roles.get(endpoint, {}):
            again.add(endpoint)
        _set_roles(plan, endpoint, roles)
    return again


def _drop_accesses(accesses: AccessIndex, path: str, nodes: set[str]) -> None:
    for node in nodes:
        for table in accesses.direct.pop(node, {}):
            accesses.detectors.pop((node, table), None)
        accesses.writes.pop(node, None)
    accesses.by_name_files.discard(path)
    accesses.diagnostics[:] = [d for d in accesses.diagnostics if d.path != path]


def _touches_seeds(state: DrizzleState, facts: Facts, changed: set[str], moved: set[str],
                   retargeted: set[str]) -> bool:
    """Whether a seed's importers, or what they are, may have changed: a seed helper or test
    factory is decided by who imports it (``drizzle_access._drop_seed_helpers``)."""
    seeds = state.plan.seeds
    if not seeds:
        return False
    if retargeted & seeds or moved & seeds:
        return True
    for path in changed:  # its roles may change: a test importing a seed makes it a factory
        for node in file_node_ids(path, facts[path]):
            if any(path_of(t) in seeds for t, _ in state.graph.imports.get(node, ())):
                return True
    return False


def _redo_evidence(state: DrizzleState, facts: Facts, changed: set[str],
                   touched: set[str]) -> tuple[set[str], list[Evidence]]:
    """The files whose evidence may differ (every role evidence names its role file as its
    path), and their evidence now."""
    graph, hops, roles = state.graph, state.max_hops, state.plan.roles
    reverse: dict[str, list[str]] = {}
    for source, targets in graph.edges.items():
        for target, _ in targets:
            reverse.setdefault(target, []).append(source)
    redone = {path_of(n) for n in _upstream(reverse, touched, hops)} | changed
    with_roles = sorted(p for p in redone if roles.get(p))
    sources: set[str] = set()
    for path in with_roles:
        sources.update(file_node_ids(path, facts[path]))
    ball = within_hops(sources, graph.edges, hops)
    edges = {n: graph.edges[n] for n in ball if n in graph.edges}
    direct = {n: state.direct_all[n] for n in ball if n in state.direct_all}
    reaches = Reaches(edges, direct,
                      lambda: {n: state.writes_all[n] for n in ball if n in state.writes_all},
                      hops)
    evidence: list[Evidence] = []
    for path in with_roles:
        evidence += file_evidence(path, roles[path], facts[path], state.accesses, reaches)
    return redone, evidence


def _upstream(reverse: Mapping[str, list[str]], start: Iterable[str], hops: int) -> set[str]:
    """Nodes with a path of at most ``hops`` edges to a node of ``start`` (those included)."""
    seen = dict.fromkeys(start, 0)
    queue = list(seen)
    while queue:
        node = queue.pop()
        depth = seen[node]
        if depth >= hops:
            continue
        for source in reverse.get(node, ()):
            if seen.get(source, hops + 1) > depth + 1:
                seen[source] = depth + 1
                queue.append(source)
    return set(seen)


def project_files(files: Iterable[str]) -> tuple[str, ...]:
    """The files module resolution reads: tsconfig/jsconfig and package.json."""
    wanted = {*CONFIG_NAMES, "package.json"}
    return tuple(f for f in files if posixpath.basename(f) in wanted)
