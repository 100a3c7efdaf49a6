"""SQLAlchemy access sites: where code reads or writes a table through its model or Table.

A use of a model class or ``Table`` symbol (resolved through imports) is an access when it is
an argument of a query-building call (``session.query(M)``, ``select(M.id)``,
``session.get(M, id)``, ``insert(M)``, ``.where(M.x == …)``, ``joinedload(M.rel)``…), when the
chain itself queries (``M.query…``, ``M.__table__``, ``users.insert()``), or when a model is
constructed or a classmethod called on it in a function that adds, merges or saves
(``db.session.add(M(...))``). A relationship, a foreign key, an ``isinstance`` check or a type
annotation is never access. An admin view's model (Flask-Admin ``ModelView(User, …)``, SQLAdmin
``model=User``) is a binding: it reaches the table for the admin file's role, but is not
data-access code.

Writes (for seeds and data migrations): ``insert``/``update``/``delete``, ``bulk_insert``,
``bulk_*_mappings``, ``add``/``add_all``/``merge`` of a constructed model, ``.query….delete()``.
"""

from __future__ import annotations

from collections.abc import Mapping

from commissioning.evidence import TableKey
from commissioning.observe.python.facts import TABLE_ALIAS, PyFileFacts, PyUse
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
