"""Rails access sites, the constant-reference graph, and role × reach evidence over them.

A file *accesses* a table when its code calls a method on the table's model class
(``Order.where(…)``, ``Order.find(…)``, ``Order.new``; not metadata such as ``Order.model_name``),
passes the class to ``policy_scope``/``ActiveAdmin.register``, or, inside the model's own class
body, calls a query or persistence method on itself (``scope :open, -> { where(…) }``,
``update!(…)``), or reads a ``has_many``/``has_and_belongs_to_many`` association on a value
(``current_user.orders``, ``Current.family.accounts``) whose name means one table in every
model that declares it. Writes (for seed data) are calls that insert rows: ``create``/``create!``,
``insert_all``, ``upsert_all``, ``find_or_create_by!``, ``first_or_create``, ``new``/
``find_or_initialize_by`` (saved after), ``import``, ``seed``.

A serializer, GraphQL type, admin resource or dashboard named for a model (``OrderSerializer``,
``Types::OrderType``, ``Avo::Resources::Order``) *links* to the model's table: that is evidence
for its role, not repository evidence.

Edges (there are no imports in Rails): a constant reference to the file that owns the constant
(``observe.ruby.constants``), an included module likewise, a view to its
controller by folder (``app/views/admin/orders/*`` → ``Admin::OrdersController``), and a
request in a test (``get "/orders"``, ``visit orders_path``) to the controller the route
table names. A superclass is no edge: ``ApplicationController``'s filters run for every
request, and following them would give every page the tables of authentication and logging.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field

from commissioning.evidence import Evidence, Kind, Step, TableKey
from commissioning.observe.reach import Reach
from commissioning.observe.ruby.constants import ConstantIndex
from commissioning.observe.ruby.facts import RubyFacts
from commissioning.observe.ruby.inflect import Inflector, camelize, demodulize
from commissioning.observe.ruby.routes import RouteTable
from commissioning.observe.ruby.walk import candidates

NON_QUERY = frozenset({
    "name", "model_name", "human_attribute_name", "human", "table_name", "to_s", "inspect",
    "class", "const_get", "const_defined?", "ancestors", "i18n_scope", "reflect_on_association",
    "reflect_on_all_associations", "column_names", "columns", "columns_hash", "attribute_names",
    "validators_on", "primary_key", "sti_name", "base_class", "superclass", "instance_method",
    "method_defined?", "respond_to?", "defined_enums", "is_a?", "descendants", "subclasses",
    "arel_table", "attribute_types", "type_for_attribute", "quoted_table_name", "model",
    "sanitize_sql", "sanitize_sql_array", "sanitize_sql_like", "sanitize_sql_for_conditions",
    "include", "extend", "prepend", "private_constant", "instance_methods", "new_record?",
})
WRITES = frozenset({
    "create", "create!", "insert", "insert!", "insert_all", "insert_all!", "upsert",
    "upsert_all", "find_or_create_by", "find_or_create_by!", "create_or_find_by",
    "create_or_find_by!", "first_or_create", "first_or_create!", "new", "find_or_initialize_by",
    "first_or_initialize", "import", "seed", "seed_once", "build",
})
SELF_QUERIES = frozenset({
    "where", "find", "find_by", "find_by!", "find_each", "find_in_batches", "in_batches", "all",
    "first", "last", "take", "order", "reorder", "joins", "left_joins", "left_outer_joins",
    "includes", "preload", "eager_load", "select", "pluck", "pick", "count", "sum", "average",
    "minimum", "maximum", "exists?", "group", "having", "limit", "offset", "distinct", "none",
    "unscoped", "find_by_sql", "lock", "not", "or", "merge", "from", "ids", "calculate",
    "create", "create!", "insert", "insert_all", "upsert", "upsert_all", "update_all",
    "delete_all", "destroy_all", "find_or_create_by", "find_or_create_by!",
    "find_or_initialize_by", "update", "update!", "update_column", "update_columns",
    "update_attribute", "save", "save!", "destroy", "destroy!", "delete", "increment!",
    "decrement!", "toggle!", "touch", "reload", "lock!", "with_lock",
})
ARG_ACCESS = frozenset({"policy_scope", "ActiveAdmin.register"})
LINK_SUFFIXES = ("Serializer", "Blueprint", "Resource", "Type", "Dashboard", "")
LINK_KINDS = frozenset({Kind.A2A_API, Kind.CRUD_UI})
Adjacency = dict[str, tuple[tuple[str, int], ...]]


@dataclass(slots=True)
class AccessIndex:
    """The first line of each (file, table) access; ``queries`` excludes name links."""

    direct: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    queries: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    writes: dict[str, dict[TableKey, int]] = field(default_factory=dict)
    detectors: dict[tuple[str, TableKey], str] = field(default_factory=dict)  # of queries

    def add(self, path: str, table: TableKey, line: int, detector: str, *,
            query: bool = True, write: bool = False) -> None:
        lines = self.direct.setdefault(path, {})
        lines[table] = min(line, lines.get(table, line))
        if query:
            queries = self.queries.setdefault(path, {})
            if table not in queries or line < queries[table]:
                queries[table] = line
                self.detectors[(path, table)] = detector
        if write:
            own = self.writes.setdefault(path, {})
            own[table] = min(line, own.get(table, line))


def association_tables(index: ConstantIndex, models: Iterable[str],
                       tables: Mapping[str, TableKey],
                       inflector: Inflector) -> dict[str, TableKey]:
    """``has_many`` names that mean one table wherever ``models`` declare them (``orders`` →
    ``orders``); a name two models use for different tables is left out as ambiguous."""
    found: dict[str, set[TableKey]] = {}
    for model in sorted(models):
        nesting = tuple("::".join(model.split("::")[:end])
                        for end in range(model.count("::") + 1, 0, -1))
        for _, d in index.definitions.get(model, []):
            for name, class_name, _line in d.associations:
                written = class_name or camelize(inflector.singularize(name))
                target = index.resolve_name(candidates(written, nesting))
                if target is not None and target in tables:
                    found.setdefault(name, set()).add(tables[target])
    return {name: next(iter(keys)) for name, keys in found.items() if len(keys) == 1}


def index_accesses(facts: Mapping[str, RubyFacts], index: ConstantIndex,
                   tables: Mapping[str, TableKey],
                   roles: Mapping[str, Mapping[Kind, str]],
                   associations: Mapping[str, TableKey]) -> AccessIndex:
    """``tables`` maps each model class to its (known) table, ``associations`` each
    unambiguous ``has_many`` name to its table."""
    out = AccessIndex()
    for path in sorted(facts):
        own = facts[path]
        for name, line in own.readers:
            table = associations.get(name)
            if table is not None:
                out.add(path, table, line, "rails.association")
        _constant_accesses(out, path, own, index, tables)
        for d in own.definitions:
            own_table = tables.get(d.name)
            if own_table is not None and d.kind == "class":
                first = next((n for m, n in d.self_calls if m in SELF_QUERIES), None)
                if first is not None:
                    out.add(path, own_table, first, "rails.model_query")
            if roles.get(path, {}).keys() & LINK_KINDS:
                linked = _linked_model(d.name, tables)
                if linked is not None and linked != d.name:
                    out.add(path, tables[linked], d.line, "rails.named_for_model", query=False)
    return out


def _constant_accesses(out: AccessIndex, path: str, own: RubyFacts, index: ConstantIndex,
                       tables: Mapping[str, TableKey]) -> None:
    """``Order.where(…)``, ``policy_scope(Order)``: a model constant used for its data."""
    for ref in own.refs:
        resolved = index.resolve(ref)
        if resolved is None or not resolved.exact or resolved.name not in tables:
            continue
        table = tables[resolved.name]
        if ref.chain and ref.chain[0] not in NON_QUERY:
            out.add(path, table, ref.line, "rails.model_access",
                    write=any(m in WRITES for m in ref.chain))
        elif not ref.chain and ref.argument_of in ARG_ACCESS:
            out.add(path, table, ref.line, "rails.model_access")


def _linked_model(name: str, tables: Mapping[str, TableKey]) -> str | None:
    """The model a serializer/type/resource class is named for (``OrderSerializer`` → Order)."""
    last = demodulize(name)
    for suffix in LINK_SUFFIXES:
        if suffix and not last.endswith(suffix):
            continue
        base = last[:-len(suffix)] if suffix else last
        if base and base in tables:
            return base
    return None


def build_edges(facts: Mapping[str, RubyFacts], index: ConstantIndex, routes: RouteTable,
                files: tuple[str, ...], inflector: Inflector,
                leaves: Set[str] = frozenset()) -> Adjacency:
    """Every file's edges, one per target at its first line; ``leaves`` have none."""
    controllers = _controllers(index, inflector)
    edges: Adjacency = {}
    for path in sorted(set(facts) | {f for f in files if "/app/views/" in f"/{f}"}):
        if path in leaves:
            continue
        targets: dict[str, int] = {}
        own = facts.get(path)
        if own is not None:
            refs = [*own.refs, *(r for d in own.definitions for r in d.includes)]
            for ref in refs:
                resolved = index.resolve(ref)
                owner = index.owner(resolved.name) if resolved is not None else None
                _add(targets, path, owner, ref.line)
            for call in own.urls:
                controller = routes.controller(call)
                _add(targets, path, controllers.get(controller or ""), call.line)
        controller = _view_controller(path)
        if controller is not None:
            _add(targets, path, controllers.get(controller), 1)
        if targets:
            edges[path] = tuple(sorted(targets.items()))
    return edges


def _add(targets: dict[str, int], path: str, target: str | None, line: int) -> None:
    if target is not None and target != path:
        targets[target] = min(line, targets.get(target, line))


def _controllers(index: ConstantIndex, inflector: Inflector) -> dict[str, str]:
    """``admin/orders`` → the file of ``Admin::OrdersController``."""
    out: dict[str, str] = {}
    for name in sorted(index.definitions):
        if name.endswith("Controller"):
            owner = index.owner(name)
            if owner is not None:
                out.setdefault(inflector.underscore(name)[:-len("_controller")], owner)
    return out


def _view_controller(path: str) -> str | None:
    """``app/views/admin/orders/index.html.erb`` → ``admin/orders``."""
    marker = "app/views/"
    at = path.find(marker)
    if at < 0 or (at > 0 and path[at - 1] != "/"):
        return None
    folder = posixpath.dirname(path[at + len(marker):])
    return folder or None


def role_evidence(roles: Mapping[str, Mapping[Kind, str]], accesses: AccessIndex,
                  edges: Adjacency, max_hops: int,
                  own_tables: Mapping[str, Set[TableKey]]) -> list[Evidence]:
    """Repository: the file's own query accesses. Data: the shortest chain to a write. Every
    other role: the shortest chain to any access, within ``max_hops`` edges.

    A model file reached from elsewhere stands for its own table only (``own_tables``): which
    of its methods the caller runs is not known, and following all of them would let any
    reference to a large model reach half the schema. Its other accesses are its own role's
    evidence (repository) and count when it is the role file itself.
    """
    reached = {path: {t: line for t, line in lines.items()
                      if path not in own_tables or t in own_tables[path]}
               for path, lines in accesses.direct.items()}
    any_access: Reach[TableKey] = Reach(edges, reached, max_hops)
    writes: Reach[TableKey] | None = None
    out: list[Evidence] = []
    for path in sorted(roles):
        for kind, detector in sorted(roles[path].items()):
            if kind == Kind.REPOSITORY:
                out.extend(Evidence(table, kind, accesses.detectors.get((path, table), detector),
                                    path=path, line=line)
                           for table, line in accesses.queries.get(path, {}).items())
                continue
            if kind == Kind.DATA:
                writes = writes or Reach(edges, {
                    p: {t: n for t, n in lines.items() if p not in own_tables
                        or t in own_tables[p]} for p, lines in accesses.writes.items()},
                    max_hops)
                reach = writes
            else:
                reach = any_access
            for table in reach.tables(path):
                chain = reach.chain(path, table)
                out.append(_evidence(table, kind, detector, chain))
    return out


def _evidence(table: TableKey, kind: Kind, detector: str, chain: tuple[Step, ...]) -> Evidence:
    return Evidence(table, kind, detector, path=chain[0].path, line=chain[0].line, via=chain[1:])
