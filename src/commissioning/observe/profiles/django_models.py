"""The tables a Django codebase defines: its models, their app labels and table names.

A model is a class deriving, anywhere up its chain, from ``django.db.models.Model``; or, in a
models module (``models.py``, ``models/…``), from a class of another package's models module
(``wagtail.models.Page``, ``django.contrib.auth.models.AbstractUser``) that is not a choices,
manager, queryset or mixin class. ``Meta.abstract`` models have no table; a
``Meta.proxy`` model uses its concrete parent's. The table is ``Meta.db_table``, else
``<app_label>_<model name lower-cased>``, where the app label is ``Meta.app_label``, the
``label`` of the app's ``AppConfig`` (``apps.py``), or the app package's last name.
A ``db_table`` that is not a string literal is an ``unresolved-table-name`` diagnostic.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from commissioning.evidence import Diagnostic, Severity, TableKey
from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.facts import PyClass, Val
from commissioning.observe.python.program import PyProgram
from commissioning.observe.python.resolve import Symbol

DEFAULT_SCHEMA = "public"
DJANGO_MODEL = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
NOT_MODELS = ("Choices", "Manager", "QuerySet", "Mixin", "Lookup", "Transform", "Func",
              "Expression", "Aggregate")
UNRESOLVED = "unresolved-table-name"


@dataclass(frozen=True, slots=True)
class ModelDef:
    key: TableKey
    symbol: Symbol
    line: int
    label: str
    model: str


@dataclass(slots=True)
class DjangoCatalog:
    defined: list[ModelDef] = field(default_factory=list)
    by_symbol: dict[Symbol, TableKey] = field(default_factory=dict)
    by_label: dict[tuple[str, str], TableKey] = field(default_factory=dict)  # (label, model)
    managers: dict[Symbol, frozenset[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def by_name(self) -> dict[str, TableKey]:
        out: dict[str, TableKey] = {}
        for d in self.defined:
            out.setdefault(d.key.name.lower(), d.key)
        return out


class AppLabels:
    """App label of any file: the app package that holds it, named by its ``AppConfig``."""

    def __init__(self, program: PyProgram) -> None:
        self.program = program
        self.files = frozenset(program.facts)
        self.folders = {posixpath.dirname(p) for p in program.facts}
        self.configured: dict[str, str] = {}  # app module name → label
        for path, facts in program.facts.items():
            if posixpath.basename(path) != "apps.py":
                continue
            for klass in facts.classes:
                name, label = klass.attr("name"), klass.attr("label")
                if name is not None and name.kind == "str" and label is not None \
                        and label.kind == "str":
                    self.configured[name.text] = label.text

    def app_folder(self, path: str) -> str:
        folder = posixpath.dirname(path)
        parts = folder.split("/")
        if "models" in parts:  # app/models/order.py → app
            return "/".join(parts[:len(parts) - 1 - parts[::-1].index("models")])
        if posixpath.basename(folder) == "migrations":
            return posixpath.dirname(folder)
        probe = folder
        while probe:
            if any(f"{probe}/{marker}" in self.files
                   for marker in ("apps.py", "models.py", "models/__init__.py")):
                return probe
            probe = posixpath.dirname(probe)
        return folder

    def label(self, path: str) -> str:
        folder = self.app_folder(path)
        key = self.program.index.package(folder)
        module = self.program.index.name_of(key) if key is not None else None
        if module is not None and module in self.configured:
            return self.configured[module]
        for name, label in self.configured.items():  # apps.py name may be written longer
            if module is not None and name.endswith("." + module):
                return label
        return posixpath.basename(folder) or folder


def build_catalog(classes: ClassIndex, labels: AppLabels) -> DjangoCatalog:
    catalog = DjangoCatalog()
    models: dict[Symbol, bool] = {}

    def is_model(symbol: Symbol, depth: int = 0) -> bool:
        if symbol in models:
            return models[symbol]
        models[symbol] = False
        ancestry = classes.ancestry(symbol)
        found = bool(ancestry.externals & DJANGO_MODEL) \
            or any(is_model(a, depth + 1) for a in ancestry.classes) \
            or (_in_models_module(symbol.path)
                and any(_looks_like_model(e) for e in ancestry.externals))
        models[symbol] = found
        return found

    concrete: dict[Symbol, TableKey] = {}
    for symbol in sorted(classes.classes):
        klass = classes.classes[symbol]
        if not is_model(symbol):
            continue
        catalog.managers[symbol] = _managers(klass)
        if _meta_true(klass, "abstract") or _meta_true(klass, "proxy"):
            continue
        label = _string(klass.meta_attr("app_label")) or labels.label(symbol.path)
        db_table = klass.meta_attr("db_table")
        if db_table is not None and db_table.kind != "str":
            catalog.diagnostics.append(Diagnostic(
                Severity.WARNING, UNRESOLVED,
                f"model {klass.name}: Meta.db_table is not a string literal; its table is "
                "not counted", symbol.path, klass.line))
            continue
        name = db_table.text if db_table is not None else f"{label}_{klass.name.lower()}"
        key = TableKey(DEFAULT_SCHEMA, name)
        catalog.defined.append(ModelDef(key, symbol, klass.line, label, klass.name))
        concrete[symbol] = key
        catalog.by_label.setdefault((label.lower(), klass.name.lower()), key)
    for symbol in sorted(catalog.managers):
        proxied = concrete.get(symbol) or _proxied(classes, symbol, concrete)
        if proxied is not None:
            key = proxied
            catalog.by_symbol[symbol] = key
            if symbol not in concrete:
                label = _string(classes.classes[symbol].meta_attr("app_label")) \
                    or labels.label(symbol.path)
                catalog.by_label.setdefault((label.lower(), symbol.name.lower()), key)
        inherited = [catalog.managers.get(a, frozenset())
                     for a in classes.ancestry(symbol).classes]
        catalog.managers[symbol] = catalog.managers[symbol].union(*inherited)
    return catalog


def _proxied(classes: ClassIndex, symbol: Symbol, concrete: dict[Symbol, TableKey]) \
        -> TableKey | None:
    """A proxy (or an unmanaged subclass) reads and writes its concrete parent's table."""
    if not _meta_true(classes.classes[symbol], "proxy"):
        return None
    return next((concrete[a] for a in classes.ancestry(symbol).classes if a in concrete), None)


def _managers(klass: PyClass) -> frozenset[str]:
    """Manager attributes a model declares (``objects = OrderManager()``,
    ``published = PublishedQuerySet.as_manager()``)."""
    names = {"objects", "_default_manager", "_base_manager"}
    for name, value in klass.attrs:
        if value.kind != "call":
            continue
        last = value.chain[-1] if value.chain else ""
        called_result = not value.chain or not value.chain[0]  # Manager.from_queryset(Q)()
        if called_result or last.endswith("Manager") or last == "as_manager":
            names.add(name)
    return frozenset(names)


def _in_models_module(path: str) -> bool:
    return posixpath.basename(path) == "models.py" or "/models/" in f"/{path}"


def _looks_like_model(external: str) -> bool:
    """``wagtail.models.Page``: a class from another package's models module."""
    parts = external.split(".")
    if len(parts) < 3 or "models" not in parts[:-1] or external.startswith("django.db.models."):
        return False
    return not parts[-1].endswith(NOT_MODELS)


def _meta_true(klass: PyClass, name: str) -> bool:
    value = klass.meta_attr(name)
    return value is not None and value.kind == "const" and value.text == "True"


def _string(value: Val | None) -> str | None:
    return value.text if value is not None and value.kind == "str" else None
