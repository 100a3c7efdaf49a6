"""ActiveRecord models and the table each one maps to, by Rails' own naming rules.

A class is a model when its superclass chain reaches ``ActiveRecord::Base`` (directly, through
``ApplicationRecord`` or any project class that does). Its table, as ``compute_table_name``
decides it:

1. ``self.table_name = "x"`` (or ``def self.table_name; "x"; end``) wins;
2. a subclass of a concrete model shares its parent's table (single-table inheritance);
3. otherwise: the prefix of the nearest enclosing module that defines ``table_name_prefix``
   (``module Billing; def self.table_name_prefix = "billing_"``), then, when the class is
   nested in a concrete model, that model's singular table name and ``_``, then the plural of
   the class's own name (``Billing::LineItem`` → ``line_items``, or ``billing_line_items``
   with the prefix), then the nearest ``table_name_suffix``.

Abstract classes (``self.abstract_class = true``, ``primary_abstract_class``) have no table. A
model whose table cannot be computed (a ``table_name`` that is not a literal) is returned
without one, for the caller to report.
"""

from __future__ import annotations

from dataclasses import dataclass

from commissioning.observe.ruby.constants import ConstantIndex
from commissioning.observe.ruby.facts import Definition
from commissioning.observe.ruby.inflect import Inflector, demodulize

AR_BASES = frozenset({"ActiveRecord::Base"})
IMPLICIT_BASES = frozenset({"ApplicationRecord"})  # when the app does not define it


@dataclass(frozen=True, slots=True)
class Model:
    """A model class, where it is defined, and its table (None: could not be computed)."""

    name: str
    path: str
    line: int
    table: str | None
    abstract: bool = False
    reason: str = ""  # why ``table`` is None


class ModelCatalog:
    """Every model of the program, by qualified class name."""

    def __init__(self, index: ConstantIndex, inflector: Inflector) -> None:
        self._index = index
        self._inflect = inflector
        self._merged: dict[str, _Merged] = {}
        for name, path, d in index.classes():
            owner = index.owner(name) or path
            merged = self._merged.setdefault(name, _Merged(name, owner, d.line))
            merged.add(d, at_owner=path == owner)
        self.models: dict[str, Model] = {}
        for name in sorted(self._merged):
            if name not in AR_BASES and self._is_model(name, set()):
                self.models[name] = self._model(name, set())

    def _parent(self, name: str) -> str | None:
        merged = self._merged.get(name)
        if merged is None or merged.superclass is None:
            return None
        resolved = self._index.resolve_name(merged.superclass)
        if resolved is not None:
            return resolved
        written = merged.superclass[-1]
        return written if written in AR_BASES | IMPLICIT_BASES else None

    def _is_model(self, name: str, seen: set[str]) -> bool:
        if name in AR_BASES or (name in IMPLICIT_BASES and name not in self._merged):
            return True
        if name in seen:
            return False
        seen.add(name)
        parent = self._parent(name)
        return parent is not None and self._is_model(parent, seen)

    def _model(self, name: str, seen: set[str]) -> Model:
        if name in self.models:
            return self.models[name]
        merged = self._merged[name]
        seen.add(name)
        if merged.abstract:
            return Model(name, merged.path, merged.line, None, abstract=True)
        if merged.table_dynamic:
            return Model(name, merged.path, merged.line, None,
                         reason="self.table_name is not a string literal")
        if merged.table_name is not None:
            return Model(name, merged.path, merged.line, merged.table_name)
        parent = self._parent(name)
        if parent is not None and parent in self._merged and parent not in seen:
            base = self._model(parent, seen)
            if not base.abstract:  # single-table inheritance
                return Model(name, merged.path, merged.line, base.table, reason=base.reason)
        return Model(name, merged.path, merged.line, self._computed(name))

    def _computed(self, name: str) -> str:
        prefix = self._enclosing_setting(name, "table_name_prefix")
        suffix = self._enclosing_setting(name, "table_name_suffix")
        contained = ""
        outer = name.rsplit("::", 1)[0] if "::" in name else None
        if outer is not None and outer in self._merged and self._is_model(outer, set()):
            parent = self._model(outer, set())
            if parent.table is not None and not parent.abstract:
                contained = self._inflect.singularize(parent.table) + "_"
        own = self._inflect.pluralize(self._inflect.underscore(demodulize(name)))
        return f"{prefix}{contained}{own}{suffix}"

    def _enclosing_setting(self, name: str, setting: str) -> str:
        parts = name.split("::")
        for end in range(len(parts) - 1, 0, -1):
            outer = "::".join(parts[:end])
            for _, d in self._index.definitions.get(outer, []):
                value = getattr(d, setting)
                if value is not None:
                    return str(value)
        return ""

    def table_of(self, name: str) -> str | None:
        model = self.models.get(name)
        return model.table if model is not None else None


@dataclass(slots=True)
class _Merged:
    """A class's settings over every file that (re)opens it."""

    name: str
    path: str
    line: int
    superclass: tuple[str, ...] | None = None
    table_name: str | None = None
    table_dynamic: bool = False
    abstract: bool = False
    placed: bool = False  # ``line`` is the owner file's definition

    def add(self, d: Definition, *, at_owner: bool) -> None:
        if at_owner and not self.placed:
            self.line, self.placed = d.line, True
        if d.superclass is not None and self.superclass is None:
            self.superclass = d.superclass.candidates
        if d.table_name is not None:
            self.table_name = d.table_name
            self.table_dynamic = False
        elif d.table_name_dynamic and self.table_name is None:
            self.table_dynamic = True
        self.abstract = self.abstract or d.abstract
