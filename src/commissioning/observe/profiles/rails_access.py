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
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field

from commissioning.evidence import Evidence, Kind, Step, TableKey
from commissioning.observe.profiles.rails_methods import MethodIndex, node_owner, node_path
from commissioning.observe.reach import Reach
from commissioning.observe.ruby.constants import ConstantIndex
from commissioning.observe.ruby.facts import ConstRef, RubyFacts
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
            query: bool = True, write: bool = False, method: str | None = None) -> None:
        if method is not None:  # the ``def`` holding the line reaches the table too
            self.add(method, table, line, detector, query=False, write=write)
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


@dataclass(frozen=True, slots=True)
class Associations:
    """``tables``: each ``has_many`` name that means one table wherever it is declared;
    ``declared``: the names each class or module may call without a receiver (a model's own and
    its concerns', and in a concern those of the models including it)."""

    tables: dict[str, TableKey]
    declared: dict[str, frozenset[str]]
    typed: dict[tuple[str, str], frozenset[TableKey]] = field(default_factory=dict)
    models_by_hint: dict[str, tuple[str, ...]] = field(default_factory=dict)


def association_tables(index: ConstantIndex, models: Iterable[str],
                       tables: Mapping[str, TableKey],
                       inflector: Inflector) -> Associations:
    """``has_many`` names that mean one table wherever ``models`` declare them (``orders`` →
    ``orders``), in the model's body or in a concern it includes (``included do has_many …``);
    a name two models use for different tables is left out as ambiguous."""
    found: dict[str, set[TableKey]] = {}
    declared: dict[str, set[str]] = {}
    typed: dict[tuple[str, str], frozenset[TableKey]] = {}
    by_hint: dict[str, tuple[str, ...]] = {}
    for model in sorted(models):
        nesting = tuple("::".join(model.split("::")[:end])
                        for end in range(model.count("::") + 1, 0, -1))
        family = [model, *_included(index, model)]
        own: dict[str, TableKey] = {}
        throughs: dict[str, str] = {}
        for owner in family:
            for _, d in index.definitions.get(owner, []):
                throughs.update(d.throughs)
                for name, class_name, _line in d.associations:
                    written = class_name or camelize(inflector.singularize(name))
                    target = index.resolve_name(candidates(written, nesting))
                    if target is not None and target in tables:
                        found.setdefault(name, set()).add(tables[target])
                        own.setdefault(name, tables[target])
        for owner in family:
            declared.setdefault(owner, set()).update(own)
        for name, table in own.items():  # a ``through:`` association reads the join too
            via = own.get(throughs.get(name, ""))
            typed[(model, name)] = frozenset({table, *((via,) if via is not None else ())})
        if model in tables:
            hint = inflector.underscore(demodulize(model))
            by_hint[hint] = (*by_hint.get(hint, ()), model)
    return Associations({name: next(iter(keys)) for name, keys in found.items()
                         if len(keys) == 1},
                        {owner: frozenset(n) for owner, n in declared.items()},
                        typed, by_hint)


def _included(index: ConstantIndex, name: str) -> list[str]:
    """The modules a class includes (its concerns), as resolved names."""
    out: list[str] = []
    for _, d in index.definitions.get(name, []):
        for ref in d.includes:
            resolved = index.resolve(ref)
            if resolved is not None and resolved.exact and resolved.name not in out:
                out.append(resolved.name)
    return out


def index_accesses(facts: Mapping[str, RubyFacts], index: ConstantIndex,
                   tables: Mapping[str, TableKey],
                   roles: Mapping[str, Mapping[Kind, str]],
                   associations: Associations,
                   methods: MethodIndex | None = None) -> AccessIndex:
    """``tables`` maps each model class to its (known) table, ``associations`` each
    unambiguous ``has_many`` name to its table; ``methods`` adds each access to the ``def``
    holding it too (``profiles.rails_methods``)."""
    out = AccessIndex()

    def at(path: str, line: int) -> str | None:
        return methods.at(path, line) if methods is not None else None

    for path in sorted(facts):
        own = facts[path]
        _association_accesses(out, path, own, associations, at)
        if Kind.ETL in roles.get(path, {}):
            _job_arguments(out, path, own, associations, tables, at)
        _constant_accesses(out, path, own, index, tables, at)
        for d in own.definitions:
            own_table = tables.get(d.name)
            if own_table is not None and d.kind == "class":
                for m, n in d.self_calls:
                    if m in SELF_QUERIES:
                        out.add(path, own_table, n, "rails.model_query", method=at(path, n))
            names = associations.declared.get(d.name, frozenset())
            for m, n in (*d.self_calls, *d.bare_receivers):  # ``taggings.update_all`` in Tag
                table = associations.tables.get(m) if m in names else None
                if table is not None:
                    out.add(path, table, n, "rails.association", method=at(path, n))
            if roles.get(path, {}).keys() & LINK_KINDS:
                linked = _linked_model(d.name, tables)
                if linked is not None and linked != d.name:
                    out.add(path, tables[linked], d.line, "rails.named_for_model", query=False)
    return out


def _association_accesses(out: AccessIndex, path: str, own: RubyFacts,
                          associations: Associations,
                          at: Callable[[str, int], str | None]) -> None:
    """``current_user.orders`` (a name meaning one table everywhere), and
    ``transaction.tags`` (the model the receiver is named for: its ``tags``, through
    ``taggings``); ``family.users.create!`` writes."""
    written = set(own.reader_writes)
    for name, line in own.readers:
        table = associations.tables.get(name)
        if table is not None:
            out.add(path, table, line, "rails.association", write=(name, line) in written,
                    method=at(path, line))
    for send in own.sends:
        for model in associations.models_by_hint.get(send.hint, ()) if send.hint else ():
            for table in sorted(associations.typed.get((model, send.name), ())):
                out.add(path, table, send.line, "rails.association",
                        write=(send.name, send.line) in written, method=at(path, send.line))


def _job_arguments(out: AccessIndex, path: str, own: RubyFacts, associations: Associations,
                   tables: Mapping[str, TableKey],
                   at: Callable[[str, int], str | None]) -> None:
    """``def perform(sync)`` in a job: Active Job passes a record by its GlobalID and loads it
    again, so a parameter named for a model reads its table."""
    for m in own.methods:
        if m.name != "perform" or m.singleton:
            continue
        for param in m.params:
            for model in associations.models_by_hint.get(param, ()):
                if model in tables:
                    out.add(path, tables[model], m.line, "rails.job_argument",
                            method=at(path, m.line))


def _constant_accesses(out: AccessIndex, path: str, own: RubyFacts, index: ConstantIndex,
                       tables: Mapping[str, TableKey],
                       at: Callable[[str, int], str | None]) -> None:
    """``Order.where(…)``, ``policy_scope(Order)``: a model constant used for its data. An
    engine's model (``Doorkeeper::Application``) is found by the name written, since no file
    of the app defines it."""
    for ref in own.refs:
        resolved = index.resolve(ref)
        if resolved is not None and resolved.exact:
            name = resolved.name
        elif ref.written.lstrip(":") in tables:  # an engine's model, maybe in an app module
            name = ref.written.lstrip(":")
        else:
            continue
        if name not in tables:
            continue
        table = tables[name]
        if ref.chain and ref.chain[0] not in NON_QUERY:
            out.add(path, table, ref.line, "rails.model_access",
                    write=any(m in WRITES for m in ref.chain), method=at(path, ref.line))
        elif not ref.chain and ref.argument_of in ARG_ACCESS:
            out.add(path, table, ref.line, "rails.model_access", method=at(path, ref.line))


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
                leaves: Set[str] = frozenset(),
                methods: MethodIndex | None = None) -> Adjacency:
    """Every file's edges, one per target at its first line; ``leaves`` have none (their
    methods do). With ``methods``, each ``def`` is a node too, with the edges of its own lines,
    and a call has an edge to the method it runs (``profiles.rails_methods``)."""
    controllers = _controllers(index, inflector)
    nodes: dict[str, dict[str, int]] = {}
    for path in sorted(set(facts) | {f for f in files if "/app/views/" in f"/{f}"}):
        targets: dict[str, int] = {}
        own = facts.get(path)
        if own is not None:
            refs = [*own.refs, *(r for d in own.definitions for r in d.includes)]
            for ref in refs:
                resolved = index.resolve(ref)
                owner = index.owner(resolved.name) if resolved is not None else None
                _add(targets, path, owner, ref.line)
                if methods is not None:
                    within = methods.at(path, ref.line)
                    if within is not None:
                        _add(nodes.setdefault(within, {}), within, owner, ref.line)
                    called = _called_on_constant(ref, resolved.name, methods) \
                        if resolved is not None and resolved.exact else None
                    _add(targets, path, called, ref.line)
                    if within is not None:
                        _add(nodes.setdefault(within, {}), within, called, ref.line)
            for call in own.urls:
                controller = routes.controller(call)
                _add(targets, path, controllers.get(controller or ""), call.line)
            if methods is not None:
                _dispatch_edges(path, own, methods, targets, nodes)
        controller = _view_controller(path)
        if controller is not None:
            _add(targets, path, controllers.get(controller), 1)
        if path not in leaves:
            for target, line in targets.items():
                _add(nodes.setdefault(path, {}), path, target, line)
    return {node: tuple(sorted(t.items())) for node, t in sorted(nodes.items()) if t}


def _called_on_constant(ref: ConstRef, name: str, methods: MethodIndex) -> str | None:
    """``Transfer.match!(…)`` → ``Transfer.match!``; ``Demo::Generator.new.run!`` →
    ``Demo::Generator#run!``."""
    if not ref.chain:
        return None
    if ref.chain[0] == "new" and len(ref.chain) > 1:
        return methods.method_of(name, ref.chain[1])
    return methods.method_of(name, ref.chain[0], singleton=True)


def _dispatch_edges(path: str, own: RubyFacts, methods: MethodIndex,
                    targets: dict[str, int], nodes: dict[str, dict[str, int]]) -> None:
    for send in own.sends:
        within = methods.at(path, send.line)
        owner = node_owner(within) if within is not None else _enclosing(own, send.line)
        target = methods.dispatch(send, owner)
        if target is None or target == within:
            continue
        if node_path(target) != path:
            _add(targets, path, target, send.line)
        if within is not None:
            _add(nodes.setdefault(within, {}), within, target, send.line)


def _enclosing(own: RubyFacts, line: int) -> str | None:
    """The innermost class or module of a file whose body has a call at ``line`` outside any
    method (``scope :x, -> { … }``): the one whose own receiverless calls list it."""
    for d in reversed(own.definitions):
        if any(n == line for _, n in d.self_calls):
            return d.name
    return None


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
    steps = [Step(node_path(s.path), s.line) for s in chain]
    return Evidence(table, kind, detector, path=steps[0].path, line=steps[0].line,
                    via=tuple(steps[1:]))
