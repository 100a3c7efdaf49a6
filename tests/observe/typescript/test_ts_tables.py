"""TableCatalog: table identities across files, and which table an access names."""

from __future__ import annotations

from commissioning.evidence import TableKey
from commissioning.observe.typescript.facts import AccessSite
from commissioning.observe.typescript.parser import parse_file
from commissioning.observe.typescript.project import read_packages, read_path_configs
from commissioning.observe.typescript.resolve import ExportResolver, ModuleResolver
from commissioning.observe.typescript.tables import TableCatalog

FILES = {
    "src/db/schemas.ts": 'import { pgSchema, pgTableCreator } from "drizzle-orm/pg-core";\n'
                         'export const ops = pgSchema("ops");\n'
                         "export const createTable = pgTableCreator((n) => `dairy_${n}`);\n",
    "src/db/schema.ts": 'import { ops, createTable } from "./schemas";\n'
                        'import { sqliteTable } from "drizzle-orm/sqlite-core";\n'
                        'export const batches = ops.table("batches", {});\n'
                        'export const cheeses = createTable("cheese", {});\n'
                        'export const notes = sqliteTable("notes", {});\n'
                        'export const growers = ops.table("growers", {});\n',
    "src/db/legacy.ts": 'import { pgTable } from "drizzle-orm/pg-core";\n'
                        'export const growers = pgTable("growers", {});\n',
    "src/db/orm.ts": 'export { pgTable as table } from "drizzle-orm/pg-core";\n',
    "src/db/extra.ts": 'import { table } from "./orm";\nexport const cows = table("cows", {});\n',
    "src/lib/repo.ts": 'import * as s from "../db/schema";\n'
                       'import { batches as b } from "../db/schema";\n',
}


def _catalog() -> TableCatalog:
    facts = {p: parse_file(t, p)[0] for p, t in FILES.items()}
    modules = ModuleResolver(FILES, read_path_configs({}), read_packages({}))
    return TableCatalog(facts, ExportResolver(facts, modules))


def test_factories_across_files_give_schema_and_prefix() -> None:
    catalog = _catalog()
    keys = {(d.key, d.symbol, d.builder) for d in catalog.defined}
    assert keys == {
        (TableKey("ops", "batches"), "batches", "pgTable"),
        (TableKey("public", "dairy_cheese"), "cheeses", "pgTable"),
        (TableKey("main", "notes"), "notes", "sqliteTable"),
        (TableKey("ops", "growers"), "growers", "pgTable"),
        (TableKey("public", "growers"), "growers", "pgTable"),
        (TableKey("public", "cows"), "cows", "pgTable"),  # a builder re-exported locally
    }
    assert catalog.builders == {"pgTable", "sqliteTable"}


def test_access_resolution_by_symbol_namespace_and_query() -> None:
    catalog = _catalog()
    repo = "src/lib/repo.ts"
    assert catalog.resolve(repo, AccessSite(("b",), "symbol", "from", False, 1)) \
        == TableKey("ops", "batches")
    assert catalog.resolve(repo, AccessSite(("s", "cheeses"), "symbol", "insert", True, 1)) \
        == TableKey("public", "dairy_cheese")
    assert catalog.resolve(repo, AccessSite(("s", "cheeses", "id"), "symbol", "sql", False, 1)) \
        is None  # a column, not the table
    assert catalog.resolve(repo, AccessSite(("notes",), "query", "findMany", False, 1)) \
        == TableKey("main", "notes")
    # two tables are exported as "growers": the relational key is ambiguous, so no guess
    assert catalog.resolve(repo, AccessSite(("growers",), "query", "findMany", False, 1)) is None
    assert catalog.resolve(repo, AccessSite(("unknown",), "symbol", "from", False, 1)) is None
