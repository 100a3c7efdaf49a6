"""Supabase Edge Functions: where they live, who invokes them, and the graph edges to them.

A function is the folder ``supabase/functions/<name>/`` with its entry ``index.ts``; folders
starting with ``_`` (``_shared``) are shared code, not functions. Deno imports by URL
(``https://esm.sh/…``, ``npm:…``, ``jsr:…``): those stay unresolved packages, while relative
imports of ``../_shared/x.ts`` and a deno.json import map's local prefixes
(``typescript.project``) resolve like any other, so reach through shared code works.

Two facts decide a function's role, both as rule data (``supabase.SUPABASE_RULES``):

* the **database invokes it** when a migration names ``/functions/v1/<name>`` (a ``pg_cron``
  job, a trigger or a database webhook calling ``net.http_post``): its entry gets the signal
  ``SIG_DB_INVOKED``, which the ETL rule lists;
* the **app invokes it** by ``supabase.functions.invoke("<name>")`` or a ``/functions/v1/<name>``
  URL: an edge from the calling file to the entry, like a URL edge to a Next.js route handler,
  so a page reaches the tables the function touches, and the function is a server action of
  that page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from commissioning.observe.code_nodes import nodes_at
from commissioning.observe.globs import GlobSet
from commissioning.observe.graph import Adjacency, FileGraph
from commissioning.observe.profiles.javascript import shared_depth
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.typescript.facts import SIG_DB_INVOKED, Signal
from commissioning.observe.typescript.program import Program

FUNCTIONS_GLOB = "**/supabase/functions/**"
ENTRY_GLOB = "**/supabase/functions/*/index.{ts,tsx,js,jsx,mjs}"
SHARED_GLOB = "**/supabase/functions/_*/**"
INVOKED_BY_APP = "supabase.edge_invoked"
_ENTRY = GlobSet.of([ENTRY_GLOB])
_SHARED = GlobSet.of([SHARED_GLOB])
_URL = re.compile(r"/functions/v1/([A-Za-z0-9_-]+)")


def function_entries(files: Iterable[str]) -> dict[str, list[str]]:
    """Function name → its entry files (several when a monorepo holds several projects)."""
    entries: dict[str, list[str]] = {}
    for path in sorted(files):
        if _ENTRY.match(path) and not _SHARED.match(path):
            name = path.split("/")[-2]
            entries.setdefault(name, []).append(path)
    return entries


def invoked_by_database(tree: SourceTree, sql_files: Iterable[str]) -> dict[str, int]:
    """Function name → how many SQL statements call it (``…/functions/v1/<name>``), outside
    ``--`` comment lines."""
    counts: dict[str, int] = {}
    for path in sorted(sql_files):
        text = tree.text(path)
        if not text or "/functions/v1/" not in text:
            continue
        for line in text.splitlines():
            if line.lstrip().startswith("--"):
                continue
            for match in _URL.finditer(line):
                counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return counts


def mark_invoked(program: Program, entries: Mapping[str, list[str]],
                 invoked: Iterable[str]) -> Program:
    """The program with ``SIG_DB_INVOKED`` on the entry of each function the database calls."""
    facts = dict(program.facts)
    for name in sorted(set(invoked)):
        for path in entries.get(name, ()):
            own = facts.get(path)
            if own is not None:
                facts[path] = replace(own, signals=(*own.signals, Signal(SIG_DB_INVOKED, 1)))
    return replace(program, facts=facts)


def with_function_edges(graph: FileGraph, program: Program,
                        entries: Mapping[str, list[str]]) -> FileGraph:
    """The graph plus an edge from each file that invokes a function (and from the definition
    whose code invokes it) to its entry."""
    urls: dict[str, dict[str, int]] = {p: dict(t) for p, t in graph.urls.items()}
    edges: dict[str, dict[str, int]] = {p: dict(t) for p, t in graph.edges.items()}
    for path in sorted(program.facts):
        for name, line in program.facts[path].functions:
            target = _nearest(entries.get(name, []), path)
            if target is None or target == path:
                continue
            for source in (path, *nodes_at(path, program.facts[path], line)):
                for adjacency in (urls, edges):
                    own = adjacency.setdefault(source, {})
                    own[target] = min(line, own.get(target, line))
    return FileGraph(graph.imports, _freeze(urls), _freeze(edges))


def _freeze(adjacency: Mapping[str, Mapping[str, int]]) -> Adjacency:
    return {p: tuple(sorted(t.items())) for p, t in sorted(adjacency.items()) if t}


def _nearest(candidates: list[str], path: str) -> str | None:
    """The entry in the same project as the caller: the longest shared leading folders."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: shared_depth(c, path))
