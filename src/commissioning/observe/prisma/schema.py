"""What a venture's Prisma schema means: which database tables exist, and how code names them.

A model is a table named by ``@@map("…")`` (else the model's own name), in the schema named by
``@@schema("…")`` (multiSchema; else the provider's default). Prisma Client reaches it through
the delegate named after the model with its first letter lower-cased (``UserProfile`` →
``prisma.userProfile``); ``@@ignore`` models have no delegate. An implicit many-to-many relation
(list fields on both sides, no relation model) is a table too: ``_AToB`` (model names in
alphabetical order) or ``_Name`` for ``@relation("Name")``.

A schema is one file (``prisma/schema.prisma``) or a folder of files (``prisma/schema/*.prisma``)
that share one ``datasource``: every ``.prisma`` file belongs to the nearest folder at or above
it that holds a datasource. Nothing here raises: what cannot be read or resolved is a diagnostic.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, replace

from commissioning.evidence import Diagnostic, Severity, TableKey
from commissioning.observe.prisma.parse import Block, Expr, Field, SchemaFile, parse_schema

PARSE_ERROR = "prisma-parse-error"
UNRESOLVED = "unresolved-table-name"
# provider → (SQL dialect of its migrations, default schema of its tables)
PROVIDERS: dict[str, tuple[str, str]] = {
    "postgresql": ("postgres", "public"), "postgres": ("postgres", "public"),
    "cockroachdb": ("postgres", "public"), "mysql": ("mysql", "public"),
    "sqlite": ("sqlite", "main"), "sqlserver": ("postgres", "dbo"),
    "mongodb": ("postgres", "public"),
}
_DEFAULT_PROVIDER = "postgresql"


@dataclass(frozen=True, slots=True)
class SchemaUnit:
    """One Prisma schema: its folder and its datasource's provider."""

    root: str
    provider: str
    dialect: str
    default_schema: str


@dataclass(frozen=True, slots=True)
class PrismaModel:
    name: str
    accessor: str | None  # None for @@ignore models: Prisma Client has no delegate for them
    key: TableKey
    path: str
    line: int
    unit: str
    relations: tuple[tuple[str, str], ...] = ()  # (relation field, related model)


@dataclass(frozen=True, slots=True)
class JoinTable:
    """The table of an implicit many-to-many relation, defined by its two list fields."""

    key: TableKey
    models: tuple[str, str]
    path: str
    line: int
    unit: str
    fields: tuple[tuple[str, str], ...] = ()  # (model, list field) of each side


@dataclass(frozen=True, slots=True)
class PrismaSchema:
    units: tuple[SchemaUnit, ...]
    models: tuple[PrismaModel, ...]
    join_tables: tuple[JoinTable, ...]
    diagnostics: tuple[Diagnostic, ...]

    def unit(self, root: str) -> SchemaUnit | None:
        return next((u for u in self.units if u.root == root), None)


def accessor_name(model: str) -> str:
    """Prisma Client's delegate: the model name with its first letter lower-cased."""
    return model[:1].lower() + model[1:]


def read_prisma_schema(texts: Mapping[str, str | None]) -> PrismaSchema:
    """Every model of every ``.prisma`` file given (path → text; None when unreadable)."""
    files = [parse_schema(texts[p] or "", p) for p in sorted(texts) if texts[p] is not None]
    notes = [Diagnostic(Severity.WARNING, PARSE_ERROR,
                        f"Prisma schema syntax error: {e.message}; this line (or block) was "
                        f"skipped, the rest of the schema was read", f.path, e.line)
             for f in files for e in f.errors]
    units = _units(files, notes)
    blocks: dict[str, list[Block]] = {}
    for f in files:
        root = _root_of(f.path, units)
        blocks.setdefault(root, []).extend(b for b in f.blocks if b.keyword == "model")
    models: list[PrismaModel] = []
    joins: list[JoinTable] = []
    for root in sorted(blocks):
        unit = units[root]
        models.extend(_models(blocks[root], unit, notes))
        joins.extend(_join_tables(blocks[root], unit))
    return PrismaSchema(tuple(units[r] for r in sorted(units)), tuple(models), tuple(joins),
                        tuple(notes))


def _units(files: list[SchemaFile], notes: list[Diagnostic]) -> dict[str, SchemaUnit]:
    units: dict[str, SchemaUnit] = {}
    for f in files:
        for block in f.blocks:
            if block.keyword != "datasource":
                continue
            root = posixpath.dirname(f.path)
            provider = _string(block.property("provider"))
            if provider is None or provider not in PROVIDERS:
                notes.append(Diagnostic(
                    Severity.INFO, "prisma-provider",
                    f"datasource {block.name}: provider {provider or '?'} is not one we know; "
                    f"its migrations are read as PostgreSQL", f.path, block.line))
                provider = _DEFAULT_PROVIDER
            dialect, schema = PROVIDERS[provider]
            units.setdefault(root, SchemaUnit(root, provider, dialect, schema))
    for f in files:
        root = _root_of(f.path, units)
        if root not in units:
            dialect, schema = PROVIDERS[_DEFAULT_PROVIDER]
            units[root] = SchemaUnit(root, _DEFAULT_PROVIDER, dialect, schema)
    return units


def _root_of(path: str, units: Mapping[str, SchemaUnit]) -> str:
    """The nearest folder at or above ``path`` that holds a datasource (else its own)."""
    folder = posixpath.dirname(path)
    current = folder
    while True:
        if current in units:
            return current
        if not current:
            return folder
        current = posixpath.dirname(current)


def _string(expr: Expr | None) -> str | None:
    return expr.text if expr is not None and expr.kind == "string" else None


def _models(blocks: list[Block], unit: SchemaUnit, notes: list[Diagnostic]) -> list[PrismaModel]:
    seen: dict[str, Block] = {}
    names = {b.name for b in blocks}
    out: list[PrismaModel] = []
    for block in blocks:
        if block.name in seen:
            first = seen[block.name]
            notes.append(Diagnostic(Severity.WARNING, "duplicate-model",
                                    f"model {block.name} is also defined at "
                                    f"{first.path}:{first.line}; this one is ignored",
                                    block.path, block.line))
            continue
        seen[block.name] = block
        key = _table_key(block, unit, notes)
        if key is None:
            continue
        accessor = None if block.attribute("ignore") else accessor_name(block.name)
        relations = tuple((f.name, f.type) for f in block.fields
                          if f.type in names and f.attribute("ignore") is None)
        out.append(PrismaModel(block.name, accessor, key, block.path, block.line, unit.root,
                               relations))
    return out


def _table_key(block: Block, unit: SchemaUnit, notes: list[Diagnostic]) -> TableKey | None:
    name = _named(block, "map", "name", block.name, notes)
    schema = _named(block, "schema", "name", unit.default_schema, notes)
    if name is None or schema is None:
        return None
    return TableKey(schema, name)


def _named(block: Block, attribute: str, arg: str, default: str,
           notes: list[Diagnostic]) -> str | None:
    """The string argument of ``@@map``/``@@schema``; None (and a warning) when it is not one."""
    found = block.attribute(attribute)
    if found is None:
        return default
    value = _string(found.arg(arg))
    if value:
        return value
    notes.append(Diagnostic(
        Severity.WARNING, UNRESOLVED,
        f"model {block.name}: @@{attribute} does not name a string, so its table cannot be "
        f"resolved; the model is left out of the scan", block.path, found.line))
    return None


def _join_tables(blocks: list[Block], unit: SchemaUnit) -> list[JoinTable]:
    by_name = {b.name: b for b in blocks}
    found: dict[str, JoinTable] = {}
    sides: dict[str, set[tuple[str, str]]] = {}
    for block in sorted(blocks, key=lambda b: b.name):
        for field in block.fields:
            other = by_name.get(field.type)
            if not field.is_list or other is None:
                continue
            relation = _relation_name(field)
            if not any(_pairs(field, block, f, relation) for f in other.fields):
                continue
            first, second = sorted((block.name, other.name))
            table = "_" + (relation or f"{first}To{second}")
            schema = _schema_of(by_name[first], unit)
            if schema is None:
                continue
            sides.setdefault(table, set()).add((block.name, field.name))
            if table not in found:
                found[table] = JoinTable(TableKey(schema, table), (first, second), block.path,
                                         field.line, unit.root)
    return [replace(found[t], fields=tuple(sorted(sides[t]))) for t in sorted(found)]


def _pairs(field: Field, block: Block, other: Field, relation: str | None) -> bool:
    """``other`` is the opposite list side of ``field`` (never a relation with ``fields:``)."""
    if other is field or not other.is_list or other.type != block.name:
        return False
    if _relation_name(other) != relation:
        return False
    return not (_has_fields(field) or _has_fields(other))


def _has_fields(field: Field) -> bool:
    relation = field.attribute("relation")
    return relation is not None and relation.named("fields") is not None


def _relation_name(field: Field) -> str | None:
    relation = field.attribute("relation")
    return _string(relation.arg("name")) if relation is not None else None


def _schema_of(block: Block, unit: SchemaUnit) -> str | None:
    found = block.attribute("schema")
    if found is None:
        return unit.default_schema
    return _string(found.arg("name"))
