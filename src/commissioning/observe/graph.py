"""The code graph reach walks: resolved import edges and URL edges, each with its source line.

Nodes are files and their top-level declarations, as in the Python profiles
(``observe.python.graph``): a module often bundles unrelated functions (``queries.ts`` with a
query per table), so an import of ``getUser`` must not reach every table the file touches.

* A **file node** (the path) holds every access and every outgoing edge of the file: a role
  file reaches what any of its code reaches.
* A **definition node** (``path::name``) for each top-level function, class or variable holds
  the accesses, imports used and URLs fetched by its own code and by the same file's
  declarations it uses (so a local helper costs no hop); so does each inline tRPC procedure
  (``path::router.key``).
* A tRPC client call (``trpc.post.create.useMutation()``) is an edge, like a URL edge, to the
  procedure the app router mounts at that path (``observe.rpc``).
* A named import is an edge to the definition behind the name, through barrels: ``import {
  x } from "@/lib"`` where ``lib/index.ts`` re-exports ``x`` lands on ``x`` where it is
  defined. A registry (an array or object listing many imported definitions: every job, every
  sub-router) is no edge: code using it runs one entry, not all. Namespace, side-effect,
  dynamic and ``require`` imports use the whole module, so their edge goes to the module's file
  node (and on through its re-exports), unless a namespace is used as ``ns.member``.
  ``import type`` is never an edge.

Edges carry the line of the import (or of the URL's call); evidence chains name files, so
``path_of`` maps a node back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from sys import intern
from typing import TypeVar

from commissioning.observe.code_nodes import node_of, path_of
from commissioning.observe.routes import RouteTable
from commissioning.observe.rpc import rpc_edges
from commissioning.observe.typescript.facts import (
    Binding,
    Definition,
    FileFacts,
    ImportFact,
    UrlCall,
)
from commissioning.observe.typescript.resolve import ExportResolver, Origin
from commissioning.observe.typescript.url_literals import LITERAL

Adjacency = dict[str, tuple[tuple[str, int], ...]]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileGraph:
    imports: Adjacency
    urls: Adjacency
    edges: Adjacency  # both, one edge per target at its first line


def build_graph(facts: Mapping[str, FileFacts], exports: ExportResolver, routes: RouteTable,
                calls: Mapping[str, Mapping[str, int]] | None = None) -> FileGraph:
    """``calls``: the tRPC client-call edges (``rpc.rpc_edges``), when the caller has them."""
    graph = FileGraph({}, {}, {})
    if calls is None:
        calls = rpc_edges(facts, exports)
    names: dict[str, dict[str, Definition]] = {}
    for path in sorted(facts):
        add_nodes(graph, file_nodes(path, facts, exports, routes, calls, names))
    return graph


NodeEdges = tuple[str, dict[str, int], dict[str, int]]  # node, its imports, its URL edges


def file_nodes(path: str, facts: Mapping[str, FileFacts], exports: ExportResolver,
               routes: RouteTable, calls: Mapping[str, Mapping[str, int]],
               names: dict[str, dict[str, Definition]]) -> list[NodeEdges]:
    """One file's nodes with their edges: what ``build_graph`` adds for the file, and what an
    incremental rescan recomputes for a file whose facts (or whose imports') changed."""
    targets = _Targets(path, facts, exports, names)
    nodes = [(path, _import_edges(targets), _url_edges(path, facts[path], routes, facts))]
    nodes += _definition_edges(targets, routes)
    for node, _, own_urls in nodes:
        for target, line in calls.get(node, {}).items():
            own_urls[target] = min(line, own_urls.get(target, line))
    return nodes


def add_nodes(graph: FileGraph, nodes: list[NodeEdges]) -> None:
    for node, own_imports, own_urls in nodes:
        node = intern(node)
        if own_imports:
            graph.imports[node] = _sorted(own_imports)
        if own_urls:
            graph.urls[node] = _sorted(own_urls)
            both = dict(own_urls)
            for target, line in own_imports.items():
                both[target] = min(line, both.get(target, line))
            graph.edges[node] = _sorted(both)
        elif own_imports:  # the same tuple: one object, so the cached graph holds it once
            graph.edges[node] = graph.imports[node]


def drop_nodes(graph: FileGraph, nodes: Iterable[str]) -> None:
    for node in nodes:
        graph.imports.pop(node, None)
        graph.urls.pop(node, None)
        graph.edges.pop(node, None)


def _sorted(targets: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Targets in order, each node id interned: the graph names a node by one string object
    however many edges land on it, which also makes the cached graph a third of the size."""
    return tuple((intern(target), line) for target, line in sorted(targets.items()))


def _add(targets: dict[str, int], path: str, target: str | None, line: int,
         facts: Mapping[str, FileFacts]) -> None:
    if target is None:
        return
    file = path_of(target)
    if file != path and file in facts:
        targets[target] = min(line, targets.get(target, line))


class _Targets:
    """Where one file's imports land: the node of each binding, resolved once."""

    def __init__(self, path: str, facts: Mapping[str, FileFacts], exports: ExportResolver,
                 names: dict[str, dict[str, Definition]]) -> None:
        self.path = path
        self.own = facts[path]
        self.facts = facts
        self.exports = exports
        self.names = names  # by_name of each file, shared across files
        self.locals: dict[str, tuple[ImportFact, Binding]] = {}
        for imp in self.own.imports:
            if not imp.type_only and imp.kind == "static":
                for binding in imp.bindings:
                    self.locals.setdefault(binding.local, (imp, binding))

    def node(self, origin: Origin | None, module: str) -> str | None:
        """The definition an origin names, else its file (else the module imported); None for
        a registry (``Definition.registry``), which reach does not go through."""
        if origin is None:
            return module
        file, name = origin
        defining = self.facts.get(file)
        if defining is None:
            return file
        if file not in self.names:
            self.names[file] = by_name(defining)
        definition = self.names[file].get(name)
        if definition is None:
            return file
        return None if definition.registry else node_of(file, definition)

    def add_import(self, targets: dict[str, int], imp: ImportFact) -> None:
        """Every edge one import statement makes (the whole statement: a file node's)."""
        if imp.type_only:
            return
        module = self.exports.module(self.path, imp.specifier)
        if module is None:
            return
        named = [b for b in imp.bindings if b.imported != "*"]
        if imp.kind != "static" or not named or len(named) < len(imp.bindings):
            _add(targets, self.path, module, imp.line, self.facts)
        for binding in named:
            self.add_binding(targets, imp, module, binding)

    def add_binding(self, targets: dict[str, int], imp: ImportFact, module: str,
                    binding: Binding) -> None:
        origin = self.exports.origin(module, binding.imported)
        _add(targets, self.path, self.node(origin, module), imp.line, self.facts)

    def add_use(self, targets: dict[str, int], use: str) -> None:
        """The edge of one name a definition uses (``ns.member`` for a namespace's member)."""
        local, _, member = use.partition(".")
        found = self.locals.get(local)
        if found is None:
            return
        imp, binding = found
        module = self.exports.module(self.path, imp.specifier)
        if module is None:
            return
        if binding.imported != "*":
            self.add_binding(targets, imp, module, binding)
        elif member:
            origin = self.exports.member((module, "*"), member)
            _add(targets, self.path, self.node(origin, module), imp.line, self.facts)
        else:
            _add(targets, self.path, module, imp.line, self.facts)


def _import_edges(targets: _Targets) -> dict[str, int]:
    found: dict[str, int] = {}
    for imp in targets.own.imports:
        targets.add_import(found, imp)
    for re in targets.own.reexports:
        if re.type_only:
            continue
        module = targets.exports.module(targets.path, re.specifier)
        if module is None:
            continue
        origin = targets.exports.origin(module, re.imported) if re.imported != "*" else None
        _add(found, targets.path, targets.node(origin, module), re.line, targets.facts)
    return found


def by_name(facts: FileFacts) -> dict[str, Definition]:
    """Each name a top-level definition binds → the definition (the first, if bound twice)."""
    out: dict[str, Definition] = {}
    for definition in facts.definitions:
        for name in definition.names:
            out.setdefault(name, definition)
    return out


def closure(facts: FileFacts, definition: Definition,
            names: Mapping[str, Definition] | None = None) -> list[Definition]:
    """The definition and every same-file definition its code uses, transitively (``names``:
    ``by_name(facts)``, when the caller has it)."""
    local_names = names if names is not None else by_name(facts)
    seen = {definition.names[0]: definition}
    stack = [definition]
    while stack:
        current = stack.pop()
        for use in sorted(current.uses):
            local = local_names.get(use)
            if local is not None and local.names[0] not in seen:
                seen[local.names[0]] = local
                stack.append(local)
    return sorted(seen.values(), key=lambda d: d.line)


def _definition_edges(targets: _Targets, routes: RouteTable,
                      ) -> list[tuple[str, dict[str, int], dict[str, int]]]:
    own = targets.own
    out: list[tuple[str, dict[str, int], dict[str, int]]] = []
    inline = [p.as_definition() for p in own.procedures if p.ref is None]
    names = by_name(own)
    for definition in (*own.definitions, *inline):
        spans = closure(own, definition, names)
        imported: dict[str, int] = {}
        for part in spans:
            for use in sorted(part.uses):
                targets.add_use(imported, use)
        for imp in own.imports:  # import() and require() inside the code
            if imp.kind != "static" and _inside(spans, imp.line):
                targets.add_import(imported, imp)
        urls: dict[str, int] = {}
        for call in own.urls:
            if _inside(spans, call.line):
                _add(urls, targets.path, _route(routes, call, targets.path), call.line,
                     targets.facts)
        out.append((node_of(targets.path, definition), imported, urls))
    return out


def with_local_uses(direct: Mapping[str, Mapping[T, int]],
                    facts: Mapping[str, FileFacts]) -> dict[str, dict[T, int]]:
    """Node accesses where each definition also holds what the same file's definitions it
    uses access (a local helper is part of the function that calls it, not a hop)."""
    out = {node: dict(found) for node, found in direct.items()}
    for path in sorted(facts):
        if path in direct:
            out.update(_local_uses(path, facts[path], direct))
    return out


def file_local_uses(path: str, own: FileFacts,
                    direct: Mapping[str, Mapping[T, int]]) -> dict[str, dict[T, int]]:
    """What ``with_local_uses`` holds for one file's nodes, given every node's own accesses:
    an incremental rescan recomputes it for a changed file alone."""
    out = {node: dict(direct[node]) for node in file_node_ids(path, own) if node in direct}
    if path in direct:
        out.update(_local_uses(path, own, direct))
    return out


def _local_uses(path: str, own: FileFacts,
                direct: Mapping[str, Mapping[T, int]]) -> dict[str, dict[T, int]]:
    out: dict[str, dict[T, int]] = {}
    inline = [p.as_definition() for p in own.procedures if p.ref is None]
    names = by_name(own)
    for definition in (*own.definitions, *inline):
        node = node_of(path, definition)
        merged = out.setdefault(node, dict(direct.get(node, {})))
        for part in closure(own, definition, names):
            for table, line in direct.get(node_of(path, part), {}).items():
                merged.setdefault(table, line)
        if not merged:
            del out[node]
    return out


def file_node_ids(path: str, own: FileFacts) -> set[str]:
    """The file's node and one per top-level definition and inline tRPC procedure."""
    inline = [p.as_definition() for p in own.procedures if p.ref is None]
    return {path, *(node_of(path, d) for d in (*own.definitions, *inline))}


def _inside(spans: list[Definition], line: int) -> bool:
    return any(d.line <= line <= d.end_line for d in spans)


def _url_edges(path: str, own: FileFacts, routes: RouteTable,
               facts: Mapping[str, FileFacts]) -> dict[str, int]:
    targets: dict[str, int] = {}
    for call in own.urls:
        _add(targets, path, _route(routes, call, path), call.line, facts)
    return targets


def _route(routes: RouteTable, call: UrlCall, path: str) -> str | None:
    """The route a URL names; a bare literal (no fetch around it) only an API handler's."""
    return routes.match(call.segments, path, handlers_only=call.callee == LITERAL)
