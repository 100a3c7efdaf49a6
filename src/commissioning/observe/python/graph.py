"""The code graph reach walks for Python: files and their top-level functions and classes.

Python modules bundle many unrelated functions (``crud.py``, ``services.py``, ``models.py``
with query methods), so a graph of whole-file imports would let a login route "reach" every
table ``crud.py`` touches. Here a file that *uses* ``crud.authenticate`` has an edge to the node
``crud.py::authenticate`` only, whose own uses and accesses go on from there.

* A **file node** (the path) holds every access and every outgoing edge of the file: a role
  file reaches what any of its code reaches, in the same number of hops as an import graph.
* A **definition node** (``path::name``) for each top-level function and class holds the
  accesses and edges of the code inside it (a class: its body and its methods, and an edge to
  each venture base class).
* A use that resolves to a module is an edge to that file node, unless the file is a hub
  (builds the app object or mounts every router): a test that imports ``app`` to build a client
  does not reach every table through it, it reaches what its requests hit, through URL edges.
  A module variable stands for the definition that made it (``orders = OrderService()``).
  A model's method called on the class (``DataSource.create_with_group(…)``) is a node of its
  own, holding that method's accesses and edges: the caller reaches what the method does, while
  naming the model alone still stands for its table only.
  A function that builds or wires the app (``create_app``: ``Flask()``, ``ext.init_app(app)``,
  ``include_router``) is a hub too. A module named as a value, not through one of its names
  (``{"models": models}``), runs none of its code and is no edge.

Edges carry the line of the use; evidence chains name files, so ``path_of`` maps a node back.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from commissioning.evidence import TableKey
from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.facts import PyFileFacts
from commissioning.observe.python.program import PyProgram
from commissioning.observe.python.resolve import Resolved, Symbol

SEP = "::"
Adjacency = dict[str, tuple[tuple[str, int], ...]]


def node_of(path: str, scope: str) -> str:
    """The definition node code in ``scope`` belongs to (the file node at module level)."""
    root = scope.split(".", 1)[0]
    return f"{path}{SEP}{root}" if root else path


def path_of(node: str) -> str:
    return node.split(SEP, 1)[0]


@dataclass(frozen=True, slots=True)
class Site:
    """One access site: a table read or written by code in ``scope`` of ``path``."""

    path: str
    scope: str
    table: TableKey
    line: int
    detector: str
    write: bool = False
    insert: bool = False
    binding: bool = False  # names the model for a framework (``Meta.model``, admin.register)


@dataclass(slots=True)
class CodeGraph:
    """``direct``: every access, what reach starts from; ``queries``: the file-level accesses
    that are data-access code (not a mere binding), what repository evidence is."""

    direct: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    queries: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    writes: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    inserts: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    detectors: dict[tuple[str, TableKey], str] = field(default_factory=dict)
    edges: Adjacency = field(default_factory=dict)


def build_graph(program: PyProgram, classes: ClassIndex, sites: Iterable[Site],
                extra: Mapping[str, Sequence[tuple[str, int]]] | None = None,
                tables: Collection[Symbol] = ()) -> CodeGraph:
    """Nodes, their accesses and their edges; ``extra`` adds edges (URL edges of tests).

    ``tables`` are the model classes and Table variables: a use of one is an access site (or
    nothing), never an edge, so code that names ``Person`` does not reach every table that
    ``Person``'s own methods happen to query."""
    graph = CodeGraph()
    methods = frozenset(f"{s.path}{SEP}{s.name}.{m}" for s in tables
                        if s in classes.classes for m in classes.classes[s].methods)
    _index_sites(graph, sites, methods)
    hubs = frozenset(p for p, f in program.facts.items() if f.hub)
    leaves = frozenset({*(f"{s.path}{SEP}{s.name}" for s in tables),
                        *(f"{p}{SEP}{name}" for p, f in program.facts.items()
                          for name in f.hub_scopes)})
    targets: dict[str, dict[str, int]] = {}
    for path in sorted(program.facts):
        _use_edges(program, path, program.facts[path], hubs, targets, leaves, methods)
    for symbol, klass in classes.classes.items():
        for base in classes.direct_bases(symbol):
            if isinstance(base, Symbol):
                for node in (symbol.path, f"{symbol.path}{SEP}{symbol.name}"):
                    _edge(targets, node, f"{base.path}{SEP}{base.name}", klass.line)
    for source, found in (extra or {}).items():
        for target, line in found:
            _edge(targets, source, target, line)
    graph.edges = {s: tuple(sorted(t.items())) for s, t in sorted(targets.items()) if t}
    return graph


def method_node(path: str, scope: str, methods: frozenset[str]) -> str | None:
    """The model-method node code in ``scope`` belongs to (``models.py::Order.archive``)."""
    parts = scope.split(".", 2)
    node = f"{path}{SEP}{parts[0]}.{parts[1]}" if len(parts) > 1 else None
    return node if node in methods else None


def _index_sites(graph: CodeGraph, sites: Iterable[Site], methods: frozenset[str]) -> None:
    for site in sorted(sites, key=lambda s: (s.path, s.line, s.table)):
        method = method_node(site.path, site.scope, methods)
        for node in {site.path, node_of(site.path, site.scope), *((method,) if method else ())}:
            _first(graph.direct, node, site.table, site.line)
            if site.write:
                _first(graph.writes, node, site.table, site.line)
            if site.insert:
                _first(graph.inserts, node, site.table, site.line)
        if not site.binding:
            _first(graph.queries, site.path, site.table, site.line)
            graph.detectors.setdefault((site.path, site.table), site.detector)


def _use_edges(program: PyProgram, path: str, facts: PyFileFacts, hubs: frozenset[str],
               targets: dict[str, dict[str, int]], leaves: frozenset[str],
               methods: frozenset[str]) -> None:
    seen: dict[tuple[str, ...], str | None] = {}
    for use in facts.uses:
        if use.chain[0].startswith("@"):
            continue
        key = use.chain[:3]
        if key not in seen:
            seen[key] = _target(program, program.resolver.chain(path, key), hubs, methods)
        target = seen[key]
        if target is None or target in leaves:
            continue
        source = node_of(path, use.scope)
        if path_of(target) != path:
            _edge(targets, path, target, use.line)
        if source != path and target != source:
            _edge(targets, source, target, use.line)
        method = method_node(path, use.scope, methods)
        if method is not None and target != method:
            _edge(targets, method, target, use.line)


def _target(program: PyProgram, found: Resolved | None, hubs: frozenset[str],
            methods: frozenset[str] = frozenset()) -> str | None:
    if found is None:
        return None
    if found.symbol is not None:
        defining = program.facts.get(found.symbol.path)
        if defining is None:
            return None
        if _is_definition(defining, found.symbol.name):
            node = f"{found.symbol.path}{SEP}{found.symbol.name}"
            method = f"{node}.{found.rest[0]}" if found.rest else None
            return method if method in methods else node
        return _variable_target(program, found.symbol, defining)
    if not found.rest:  # the module itself as a value (``{"models": models}``) runs nothing
        return None
    module = program.module_file(found.module)
    return module if module is not None and module not in hubs else None


def _variable_target(program: PyProgram, symbol: Symbol, facts: PyFileFacts) -> str | None:
    """A module variable stands for what made it: ``orders = OrderService()`` → the class. A
    constant or anything else leads nowhere (not to its whole file)."""
    assign = facts.assign(symbol.name)
    if assign is None or assign.value.kind not in ("call", "name") or not assign.value.chain \
            or not assign.value.chain[0]:
        return None
    found = program.resolver.chain(symbol.path, assign.value.chain)
    if found is None or found.symbol is None or found.symbol == symbol:
        return None
    defining = program.facts.get(found.symbol.path)
    if defining is not None and _is_definition(defining, found.symbol.name):
        return f"{found.symbol.path}{SEP}{found.symbol.name}"
    return None


def _is_definition(facts: PyFileFacts, name: str) -> bool:
    return any(f.qualname == name for f in facts.functions) \
        or any(c.name == name and not c.nested for c in facts.classes)


def _edge(targets: dict[str, dict[str, int]], source: str, target: str, line: int) -> None:
    own = targets.setdefault(source, {})
    own[target] = min(line, own.get(target, line))


def _first(index: dict[str, dict[TableKey, int]], node: str, table: TableKey, line: int) -> None:
    lines = index.setdefault(node, {})
    lines[table] = min(line, lines.get(table, line))
