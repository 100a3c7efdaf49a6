"""The file graph reach walks: resolved import edges and URL edges, each with its source line.

A named import through a barrel (``import { x } from "@/lib"`` where ``lib/index.ts`` re-exports
``x``) is an edge to the file that defines ``x``, not to the barrel: the barrel's other exports
are not used, and walking them would let one page "reach" half the app. Namespace, side-effect,
dynamic and ``require`` imports use the whole module, so their edge goes to the module itself
(and on through its re-exports). ``import type`` is never an edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from commissioning.observe.routes import RouteTable
from commissioning.observe.typescript.facts import FileFacts
from commissioning.observe.typescript.resolve import ExportResolver

Adjacency = dict[str, tuple[tuple[str, int], ...]]


@dataclass(frozen=True, slots=True)
class FileGraph:
    imports: Adjacency
    urls: Adjacency
    edges: Adjacency  # both, one edge per target at its first line


def build_graph(facts: Mapping[str, FileFacts], exports: ExportResolver,
                routes: RouteTable) -> FileGraph:
    imports: Adjacency = {}
    urls: Adjacency = {}
    edges: Adjacency = {}
    for path in sorted(facts):
        own_imports = _import_edges(path, facts[path], exports, facts)
        own_urls = _url_edges(path, facts[path], routes, facts)
        if own_imports:
            imports[path] = _sorted(own_imports)
        if own_urls:
            urls[path] = _sorted(own_urls)
        both = dict(own_urls)
        for target, line in own_imports.items():
            both[target] = min(line, both.get(target, line))
        if both:
            edges[path] = _sorted(both)
    return FileGraph(imports, urls, edges)


def _sorted(targets: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(targets.items()))


def _add(targets: dict[str, int], path: str, target: str | None, line: int,
         facts: Mapping[str, FileFacts]) -> None:
    if target is not None and target != path and target in facts:
        targets[target] = min(line, targets.get(target, line))


def _import_edges(path: str, own: FileFacts, exports: ExportResolver,
                  facts: Mapping[str, FileFacts]) -> dict[str, int]:
    targets: dict[str, int] = {}
    for imp in own.imports:
        if imp.type_only:
            continue
        module = exports.module(path, imp.specifier)
        if module is None:
            continue
        named = [b for b in imp.bindings if b.imported != "*"]
        if imp.kind != "static" or not named or len(named) < len(imp.bindings):
            _add(targets, path, module, imp.line, facts)
        for binding in named:
            origin = exports.origin(module, binding.imported)
            _add(targets, path, origin[0] if origin is not None else module, imp.line, facts)
    for re in own.reexports:
        if re.type_only:
            continue
        module = exports.module(path, re.specifier)
        if module is None:
            continue
        origin = exports.origin(module, re.imported) if re.imported != "*" else None
        _add(targets, path, origin[0] if origin is not None else module, re.line, facts)
    return targets


def _url_edges(path: str, own: FileFacts, routes: RouteTable,
               facts: Mapping[str, FileFacts]) -> dict[str, int]:
    targets: dict[str, int] = {}
    for call in own.urls:
        _add(targets, path, routes.match(call.segments, path), call.line, facts)
    return targets
