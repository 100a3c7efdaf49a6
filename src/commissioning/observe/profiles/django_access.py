"""Django access sites: where code reads or writes a model's table.

A use of a model class (resolved through imports) or of a data migration's
``apps.get_model("app", "Model")`` is an access when it goes through a manager
(``Order.objects.filter(…)``, ``Order._default_manager``, a custom manager the model declares),
is passed to ``get_object_or_404``/``get_list_or_404``, is bound as a class's ``model``/
``queryset`` (generic views, ModelForms, DRF serializers and viewsets, admin, filters), is
registered with the admin (``admin.site.register(Order)``, ``@admin.register(Order)``,
``register_snippet``), or is constructed or has a classmethod called in a function that saves.
A ``Meta.model`` (forms, serializers, filters) or an admin registration is a *binding*: it
reaches the table for its file's role but is not data-access code; a view's own ``model = Order``
is, since the view queries it.
A ``ForeignKey(Order)``, an ``isinstance`` check or ``Order.DoesNotExist`` is never access.

Writes: ``create``, ``bulk_create``, ``update``, ``delete``, ``get_or_create``,
``update_or_create``, ``bulk_update`` and saving a constructed model; inserts are the ones
that add rows (for data migrations).
"""

from __future__ import annotations

from commissioning.evidence import TableKey
from commissioning.observe.profiles.django_models import DjangoCatalog
from commissioning.observe.python.facts import MODEL_ALIAS, PyFileFacts, PyUse
from commissioning.observe.python.graph import Site
from commissioning.observe.python.program import PyProgram
from commissioning.observe.python.resolve import Symbol

WRITES = frozenset({"create", "bulk_create", "update", "delete", "get_or_create",
                    "update_or_create", "bulk_update", "save", "acreate", "abulk_create",
                    "aupdate", "adelete", "aget_or_create", "aupdate_or_create"})
INSERTS = frozenset({"create", "bulk_create", "get_or_create", "update_or_create", "acreate",
                     "abulk_create", "aget_or_create", "aupdate_or_create"})
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404", "aget_object_or_404",
                       "aget_list_or_404"})
REGISTER = frozenset({"register", "register_snippet", "site_register"})
BINDINGS = frozenset({"model", "queryset"})
SAVING = frozenset({"save", "bulk_create", "create", "add", "set"})
NOT_ACCESS = frozenset({"DoesNotExist", "MultipleObjectsReturned", "_meta"})
DETECTOR = "django.access"


def access_sites(program: PyProgram, catalog: DjangoCatalog) -> list[Site]:
    out: list[Site] = []
    for path in sorted(program.facts):
        facts = program.facts[path]
        for use in facts.uses:
            found = _model(program, path, use, catalog)
            if found is None:
                continue
            table, symbol, rest = found
            managers = catalog.managers.get(symbol, frozenset({"objects"})) \
                if symbol is not None else frozenset({"objects", "_default_manager"})
            verdict = _access(use, rest, managers, facts)
            if verdict is not None:
                write, insert = verdict
                declared = use.binding == "model" and use.scope.endswith("Meta")
                binding = not rest and (declared or bool(set(use.context) & REGISTER))
                out.append(Site(path, use.scope, table, use.line, DETECTOR, write, insert,
                                binding))
    return out


def _model(program: PyProgram, path: str, use: PyUse, catalog: DjangoCatalog) \
        -> tuple[TableKey, Symbol | None, tuple[str, ...]] | None:
    head = use.chain[0]
    if head.startswith(MODEL_ALIAS):
        label, _, model = head[len(MODEL_ALIAS):].lower().partition(".")
        table = catalog.by_label.get((label, model))
        return (table, None, use.chain[1:]) if table is not None else None
    if head.startswith("@"):
        return None
    resolved = program.resolver.chain(path, use.chain)
    if resolved is None or resolved.symbol is None:
        return None
    table = catalog.by_symbol.get(resolved.symbol)
    return (table, resolved.symbol, resolved.rest) if table is not None else None


def _access(use: PyUse, rest: tuple[str, ...], managers: frozenset[str],
            facts: PyFileFacts) -> tuple[bool, bool] | None:
    """None: not an access; otherwise (writes, inserts)."""
    if rest[:1] and rest[0] in NOT_ACCESS:
        return None
    if rest[:1] and rest[0] in managers:
        op = rest[1] if len(rest) > 1 else ""
        return op in WRITES, op in INSERTS
    context = set(use.context)
    if not rest and (context & SHORTCUTS or context & REGISTER or use.binding in BINDINGS):
        return False, False
    if not rest and "bulk_create" in context:
        return True, True
    if use.called and len(rest) <= 1 and not (rest and rest[0].startswith("_")):
        saving = facts.calls_in(use.scope) & SAVING
        if saving or rest:
            return bool(saving), bool(saving) and not rest
    return None

