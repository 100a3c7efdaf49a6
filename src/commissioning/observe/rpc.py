"""tRPC client calls joined to the procedures they name: graph edges across the network.

Each router call's entries (``typescript.trpc``) are resolved: an inline procedure is a node of
its own (``path::router.key``), an identifier is a procedure defined elsewhere
(``export const findFolderRoute = authenticatedProcedure.query(…)``, its definition node) or a
sub-router, whose entries continue the path. Routers no other router mounts are the roots; the
path of a client call ``trpc.enterprise.organisation.find.useQuery()`` without its first name
(the client object, whatever it is called) is looked up from the roots, else, when it has two
names or more, from any router (an app router built some other way). The edge starts at the
calling file and at the definition (and inline procedure) whose code makes the call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from commissioning.observe.code_nodes import node_of, nodes_at
from commissioning.observe.typescript.facts import FileFacts, Procedure
from commissioning.observe.typescript.resolve import ExportResolver

RouterKey = tuple[str, str]  # (file, the top-level definition holding the router call)
Target = tuple[str, str]  # ("router", …) with a RouterKey joined, or ("node", node id)
_MAX_DEPTH = 8


RpcPaths = tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]  # from roots, anywhere


def rpc_edges(facts: Mapping[str, FileFacts], exports: ExportResolver,
              paths: RpcPaths | None = None) -> dict[str, dict[str, int]]:
    """Source node → procedure node → line of the call (``paths``: ``rpc_paths``, when the
    caller has them)."""
    if not any(f.rpc_calls for f in facts.values()):
        return {}
    if paths is None:
        paths = rpc_paths(facts, sorted(facts), exports)
    edges: dict[str, dict[str, int]] = {}
    for path in sorted(facts):
        edges.update(file_rpc_edges(path, facts[path], paths))
    return edges


def rpc_paths(facts: Mapping[str, FileFacts], router_files: Iterable[str],
              exports: ExportResolver) -> RpcPaths:
    """Each procedure path the client can call, with the node it lands on: from the routers
    no other router mounts, and (paths of two names or more) from any router."""
    routers: dict[RouterKey, list[Procedure]] = {}
    for path in sorted(router_files):
        for procedure in facts[path].procedures:
            routers.setdefault((path, procedure.router), []).append(procedure)
    entries, mounted = _resolve(routers, facts, exports)
    return (_paths(sorted(k for k in routers if k not in mounted), entries, 1),
            _paths(sorted(routers), entries, 2))


def file_rpc_edges(path: str, own: FileFacts, paths: RpcPaths) -> dict[str, dict[str, int]]:
    """One file's client calls as edges, from the file and the nodes whose code makes them."""
    full, anywhere = paths
    edges: dict[str, dict[str, int]] = {}
    for call in own.rpc_calls:
        wanted = call.chain[1:]
        target = full.get(wanted) or anywhere.get(wanted)
        if target is None:
            continue
        for source in (path, *nodes_at(path, own, call.line)):
            found = edges.setdefault(source, {})
            found[target] = min(call.line, found.get(target, call.line))
    return edges


def _paths(starts: list[RouterKey],
           entries: Mapping[RouterKey, list[tuple[tuple[str, ...], Target]]],
           shortest: int) -> dict[tuple[str, ...], str]:
    """Procedure path → node, from each router in ``starts`` (the first one wins a path)."""
    out: dict[tuple[str, ...], str] = {}
    for key in starts:
        for path, node in _expand(key, entries, 0, frozenset()).items():
            if len(path) >= shortest:
                out.setdefault(path, node)
    return out


def _resolve(routers: Mapping[RouterKey, list[Procedure]], facts: Mapping[str, FileFacts],
             exports: ExportResolver,
             ) -> tuple[dict[RouterKey, list[tuple[tuple[str, ...], Target]]], set[RouterKey]]:
    entries: dict[RouterKey, list[tuple[tuple[str, ...], Target]]] = {}
    mounted: set[RouterKey] = set()
    for key, procedures in routers.items():
        path = key[0]
        found = entries.setdefault(key, [])
        for procedure in procedures:
            if procedure.ref is None:
                found.append((procedure.path, ("node", node_of(path, procedure.as_definition()))))
                continue
            origin = exports.binding(path, procedure.ref)
            if origin is None:
                continue
            if origin in routers:
                mounted.add(origin)
                found.append((procedure.path, ("router", "\x00".join(origin))))
                continue
            defining = facts.get(origin[0])
            definition = defining.definition_named(origin[1]) if defining is not None else None
            if definition is not None:
                found.append((procedure.path, ("node", node_of(origin[0], definition))))
    return entries, mounted


def _expand(key: RouterKey, entries: Mapping[RouterKey, list[tuple[tuple[str, ...], Target]]],
            depth: int, seen: frozenset[RouterKey]) -> dict[tuple[str, ...], str]:
    """Every procedure path below a router, with the node it lands on."""
    out: dict[tuple[str, ...], str] = {}
    if depth > _MAX_DEPTH or key in seen:
        return out
    for path, (kind, value) in entries.get(key, []):
        if kind == "node":
            out.setdefault(path, value)
            continue
        file, _, name = value.partition("\x00")
        for tail, node in _expand((file, name), entries, depth + 1, seen | {key}).items():
            out.setdefault((*path, *tail), node)
    return out
