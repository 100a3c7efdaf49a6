"""Drizzle table definitions across files, and which table an access site names.

A table is known by its database name and schema; code names it by the symbol it is assigned to.
Resolving an access therefore means following the symbol through imports and re-exports to the
``(file, name)`` that defines it, then looking that pair up here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from commissioning.evidence import TableKey
from commissioning.evidence.pickling import FastPickle
from commissioning.observe.typescript.calls import TABLE_BUILDERS
from commissioning.observe.typescript.facts import AccessSite, Builder, FileFacts, TableDef
from commissioning.observe.typescript.resolve import EXTERNAL, ExportResolver, Origin

DEFAULT_SCHEMA: dict[Builder, str] = {
    "pgTable": "public", "mysqlTable": "public", "sqliteTable": "main"}


@dataclass(frozen=True, slots=True)
class DefinedTable(FastPickle):
    key: TableKey
    symbol: str | None
    path: str
    line: int
    builder: Builder


class TableCatalog:
    """Every table defined in code, indexed by defining symbol and by relational-query key."""

    def __init__(self, facts: Mapping[str, FileFacts], exports: ExportResolver) -> None:
        self._exports = exports
        self._facts = facts
        defined: list[DefinedTable] = []
        for path in sorted(facts):
            for table in facts[path].tables:
                found = self._define(path, table)
                if found is not None:
                    defined.append(found)
        self._index(tuple(sorted(defined, key=lambda d: (d.path, d.line, d.key))))

    @classmethod
    def of(cls, defined: tuple[DefinedTable, ...], facts: Mapping[str, FileFacts],
           exports: ExportResolver) -> TableCatalog:
        """The catalog a scan found (``defined``) over facts read on demand: an incremental
        rescan, where no table definition changed, resolves accesses without reading every
        file again."""
        catalog = cls.__new__(cls)
        catalog._exports = exports
        catalog._facts = facts
        catalog._index(defined)
        return catalog

    def _index(self, defined: tuple[DefinedTable, ...]) -> None:
        self.defined = defined
        self._by_origin: dict[Origin, TableKey] = {}
        self._by_symbol: dict[str, set[TableKey]] = {}
        for d in self.defined:
            if d.symbol is not None:
                self._by_origin.setdefault((d.path, d.symbol), d.key)
                self._by_symbol.setdefault(d.symbol, set()).add(d.key)

    def defined_in(self, path: str) -> tuple[DefinedTable, ...]:
        """The tables ``path`` defines, resolved afresh (factories through its imports), in
        the catalog's order: a rescan checks a changed import left them as they were."""
        found = (self._define(path, table) for table in self._facts[path].tables)
        return tuple(sorted((d for d in found if d is not None),
                            key=lambda d: (d.path, d.line, d.key)))

    def _define(self, path: str, table: TableDef) -> DefinedTable | None:
        if table.builder is not None:
            schema = table.schema or DEFAULT_SCHEMA[table.builder]
            return DefinedTable(TableKey(schema, table.name), table.symbol, path, table.line,
                                table.builder)
        if table.factory is None:
            return None
        origin = self._exports.binding(path, table.factory)
        if origin is None:
            return None
        builder = TABLE_BUILDERS.get(origin[1])
        if origin[0].startswith(EXTERNAL + "drizzle-orm") and builder and not table.method:
            # pgTable re-exported by a local module (export { pgTable } from "drizzle-orm/…")
            return DefinedTable(TableKey(DEFAULT_SCHEMA[builder], table.name), table.symbol,
                                path, table.line, builder)
        origin_facts = self._facts.get(origin[0])
        factories = origin_facts.factories if origin_facts is not None else ()
        factory = next((f for f in factories
                        if f.symbol == origin[1] and f.method == table.method), None)
        if factory is None:
            return None
        name = f"{factory.prefix}{table.name}{factory.suffix}"
        schema = factory.schema or DEFAULT_SCHEMA[factory.builder]
        return DefinedTable(TableKey(schema, name), table.symbol, path, table.line,
                            factory.builder)

    @property
    def builders(self) -> frozenset[Builder]:
        return frozenset(d.builder for d in self.defined)

    def resolve(self, path: str, site: AccessSite) -> TableKey | None:
        """The table a Drizzle access names (supabase's by-name accesses are the caller's)."""
        if site.by == "query":
            keys = self._by_symbol.get(site.ref[0], set())
            return next(iter(keys)) if len(keys) == 1 else None
        if site.by != "symbol":
            return None
        origin = self._exports.binding(path, site.ref[0])
        for part in site.ref[1:]:
            if origin is None:
                return None
            origin = self._exports.member(origin, part)
        return self._by_origin.get(origin) if origin is not None else None
