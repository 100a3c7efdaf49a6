"""SQLAlchemy access sites: where code reads or writes a table through its model or Table.

A use of a model class or ``Table`` symbol (resolved through imports) is an access when it is
an argument of a query-building call (``session.query(M)``, ``select(M.id)``,
``session.get(M, id)``, ``insert(M)``, ``.where(M.x == …)``, ``joinedload(M.rel)``…), when the
chain itself queries (``M.query…``, ``M.__table__``, ``users.insert()``), or when a model is
constructed or a classmethod called on it in a function that adds, merges or saves
(``db.session.add(M(...))``). A relationship, a foreign key, an ``isinstance`` check or a type
annotation is never access. An admin view's model (Flask-Admin ``ModelView(User, …)``, SQLAdmin
``model=User``) is a binding: it reaches the table for the admin file's role, but is not
data-access code. Reading a collection relationship on a value (``query.alerts``) loads the
related table's rows: an access of that table, when the attribute's name means one table in
every model that declares it (``relationship_tables``).

Writes (for seeds and data migrations): ``insert``/``update``/``delete``, ``bulk_insert``,
``bulk_*_mappings``, ``add``/``add_all``/``merge`` of a constructed model, ``.query….delete()``.
"""

from __future__ import annotations

from collections.abc import Mapping

from commissioning.evidence import TableKey
from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.facts import TABLE_ALIAS, PyFileFacts, PyUse, Val
from commissioning.observe.python.graph import Site
from commissioning.observe.python.program import PyProgram
from commissioning.observe.python.resolve import Symbol

QUERY_CALLS = frozenset({
    "query", "select", "get", "get_one", "insert", "update", "delete", "join", "outerjoin",
    "filter", "filter_by", "where", "order_by", "group_by", "having", "with_entities",
    "select_from", "exists", "add_columns", "bulk_insert_mappings", "bulk_update_mappings",
    "load_only", "joinedload", "selectinload", "subqueryload", "contains_eager", "lazyload",
    "aliased", "with_polymorphic", "scalars", "scalar", "exec", "merge", "add", "add_all",
    "bulk_insert", "returning", "with_parent", "paginate", "get_or_404", "first_or_404",
    "one_or_404", "select_entity_from", "from_statement", "defer", "undefer", "join_from",
})
WRITE_CALLS = frozenset({"insert", "update", "delete", "bulk_insert_mappings",
                         "bulk_update_mappings", "bulk_insert", "merge", "add", "add_all",
                         "bulk_save_objects"})
SAVING = frozenset({"add", "add_all", "merge", "bulk_save_objects", "save", "commit", "flush"})
INSERTS = frozenset({"insert", "bulk_insert", "bulk_insert_mappings", "add", "add_all"})
# Admin UIs that take the model: Flask-Admin ``ModelView(User, db.session)``, SQLAdmin
# ``class UserAdmin(ModelView, model=User)`` (a binding).
ADMIN_VIEWS = frozenset({"ModelView", "add_view"})
TABLE_METHODS = frozenset({"insert", "select", "update", "delete"})
DETECTOR = "sqlalchemy.access"


def access_sites(program: PyProgram, by_symbol: Mapping[Symbol, TableKey],
                 by_name: Mapping[str, TableKey]) -> list[Site]:
    out: list[Site] = []
    for path in sorted(program.facts):
        facts = program.facts[path]
        for use in facts.uses:
            found = _table(program, path, use, by_symbol, by_name)
            if found is None:
                continue
            table, rest = found
            if not rest and (use.binding == "model" or set(use.context) & ADMIN_VIEWS):
                out.append(Site(path, use.scope, table, use.line, DETECTOR, binding=True))
                continue
            verdict = _access(use, rest, facts)
            if verdict is not None:
                inserted = bool({*use.context, *rest} & INSERTS)
                out.append(Site(path, use.scope, table, use.line, DETECTOR, verdict,
                                verdict and inserted))
    return out


RELATIONSHIP_CALLS = frozenset({"relationship", "dynamic_loader", "relation"})
RELATIONSHIP = "sqlalchemy.relationship"


def relationship_tables(classes: ClassIndex, by_symbol: Mapping[Symbol, TableKey]) -> dict[
        str, TableKey]:
    """Collection relationships by attribute name → the table they load, when the name means
    one table wherever it is declared: ``subscriptions = relationship("AlertSubscription")``,
    and the other side's ``backref="alerts"`` / ``backref=backref("alerts")``. A relationship to
    one row (``alert.user``, ``uselist=False``, a singular name) is not counted: like a Rails
    ``belongs_to``, it is everywhere and says little."""
    program = classes.program
    by_class = {s.name: t for s, t in by_symbol.items()}
    found: dict[str, set[TableKey]] = {}
    for symbol, own in sorted(by_symbol.items()):
        klass = classes.classes.get(symbol)
        for name, value in klass.attrs if klass is not None else ():
            if value.kind != "call" or not value.chain \
                    or value.chain[-1] not in RELATIONSHIP_CALLS:
                continue
            target = _related(program, symbol.path, value, by_symbol, by_class)
            if target is not None and _collection(name, value):
                found.setdefault(name, set()).add(target)
            back = value.keyword("backref")
            if back is not None and back.kind == "call" and back.args:
                back_name, back_opts = back.args[0].string, back
            else:
                back_name, back_opts = (back.string if back is not None else None), None
            if back_name and _collection(back_name, back_opts or Val("call")):
                found.setdefault(back_name, set()).add(own)
    return {name: next(iter(t)) for name, t in found.items() if len(t) == 1}


def _related(program: PyProgram, path: str, value: Val, by_symbol: Mapping[Symbol, TableKey],
             by_class: Mapping[str, TableKey]) -> TableKey | None:
    first = value.args[0] if value.args else value.keyword("argument")
    if first is None:
        return None
    if first.kind == "str":
        return by_class.get(first.text.rsplit(".", 1)[-1])
    if first.kind == "name":
        resolved = program.resolver.chain(path, first.chain)
        if resolved is not None and resolved.symbol is not None and not resolved.rest:
            return by_symbol.get(resolved.symbol)
    return None


def _collection(name: str, value: Val) -> bool:
    uselist = value.keyword("uselist")
    if uselist is not None:
        return uselist.text == "True"
    lazy = value.keyword("lazy")
    if lazy is not None and lazy.string == "dynamic":
        return True
    return name.endswith("s") and not name.endswith(("ss", "us", "is"))


def relationship_sites(program: PyProgram, names: Mapping[str, TableKey]) -> list[Site]:
    """``query.alerts``, ``self.subscriptions``: reading a collection relationship on a value
    loads its rows."""
    out: list[Site] = []
    if not names:
        return out
    for path in sorted(program.facts):
        for attr, line, scope in program.facts[path].value_attrs:
            table = names.get(attr)
            if table is not None:
                out.append(Site(path, scope, table, line, RELATIONSHIP))
    return out


def _table(program: PyProgram, path: str, use: PyUse, by_symbol: Mapping[Symbol, TableKey],
           by_name: Mapping[str, TableKey]) -> tuple[TableKey, tuple[str, ...]] | None:
    head = use.chain[0]
    if head.startswith(TABLE_ALIAS):
        table = by_name.get(head[len(TABLE_ALIAS):].lower())
        return (table, use.chain[1:]) if table is not None else None
    if head.startswith("@"):
        return None
    resolved = program.resolver.chain(path, use.chain)
    if resolved is None or resolved.symbol is None:
        return None
    table = by_symbol.get(resolved.symbol)
    return (table, resolved.rest) if table is not None else None


def _access(use: PyUse, rest: tuple[str, ...], facts: PyFileFacts) -> bool | None:
    """None: not an access; otherwise whether it writes."""
    context = set(use.context)
    if rest[:1] == ("query",):
        return bool(set(rest[1:]) & {"delete", "update"}) or bool(context & WRITE_CALLS)
    if rest[:1] == ("__table__",) or (rest[:1] and rest[0] in TABLE_METHODS and use.called):
        return bool(set(rest) & {"insert", "update", "delete"}) or bool(context & WRITE_CALLS)
    if context & QUERY_CALLS:
        return bool(context & WRITE_CALLS)
    if use.called and len(rest) <= 1 and not (rest and rest[0].startswith("__")):
        saving = facts.calls_in(use.scope) & SAVING
        if saving or rest:
            return bool(saving)
    return None
