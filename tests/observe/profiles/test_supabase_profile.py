"""The SQL-first Supabase profile: the fixture's states, edge functions, views, seeds, detect."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from commissioning.config import load_venture_config, parse_venture_config
from commissioning.evidence import Evidence, Kind
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.drizzle import DRIZZLE
from commissioning.observe.profiles.supabase import SUPABASE
from commissioning.observe.scanner import observe_tree, observe_venture, select_profiles
from commissioning.observe.source_tree import MemorySourceTree

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "supabase-mini"
PACKAGE = '{"dependencies": {"next": "15", "@supabase/supabase-js": "2"}}'
MIGRATION = "create table public.orders (id bigint primary key);\n" \
            "create table public.customers (id bigint primary key);\n"


def _scan(files: Mapping[str, str]) -> ProfileResult:
    tree = MemorySourceTree({"package.json": PACKAGE,
                             "supabase/migrations/20240101000000_init.sql": MIGRATION, **files})
    return SUPABASE.observe(tree, parse_venture_config(""))


def _kinds(result: ProfileResult, table: str) -> dict[Kind, list[Evidence]]:
    out: dict[Kind, list[Evidence]] = {}
    for e in result.evidence:
        if e.table.name == table:
            out.setdefault(e.kind, []).append(e)
    return out


def test_the_supabase_mini_fixture_scans_without_diagnostics() -> None:
    """Its states are held by tests/observe/profiles/test_fixture_ventures.py."""
    config = load_venture_config(FIXTURE)
    snapshot = observe_venture(FIXTURE, config)
    assert snapshot.diagnostics == ()
    assert snapshot.inputs.profiles == ("nextjs", "playwright", "supabase")


def test_fixture_edge_functions_are_jobs_or_apis_by_rule() -> None:
    snapshot = observe_venture(FIXTURE, load_venture_config(FIXTURE))
    by = {(e.table.name, e.kind, e.path): e.detector for e in snapshot.evidence}
    digest = "supabase/functions/nightly-digest/index.ts"
    assert by[("plots", Kind.ETL, digest)] == "supabase.edge_invoked_by_database"
    assert ("plots", Kind.A2A_API, digest) not in by
    assert by[("plots", Kind.A2A_API, "supabase/functions/plots-api/index.ts")] \
        == "supabase.edge_function"
    loan = "supabase/functions/loan-tool/index.ts"
    assert by[("tool_loans", Kind.SERVER_ACTIONS, loan)] == "supabase.edge_invoked"
    assert by[("tool_loans", Kind.A2A_API, loan)] == "supabase.edge_function"
    schema = [e for e in snapshot.evidence if e.table.name == "plots"
              and e.kind in (Kind.SCHEMA, Kind.MIGRATION)]
    assert {(e.kind, e.detector, e.location) for e in schema} == {
        (Kind.SCHEMA, "supabase.migration_table", "supabase/migrations/20240110090000_init.sql:8"),
        (Kind.MIGRATION, "sql.create_table", "supabase/migrations/20240110090000_init.sql:8")}


def test_views_stand_for_the_tables_they_read() -> None:
    result = _scan({
        "supabase/migrations/20240201000000_views.sql":
            "create view public.order_totals as select c.id, count(o.id) from customers c "
            "join orders o on o.id = c.id group by c.id;\n"
            "create view public.big as with t as (select * from order_totals) select * from t;\n"
            "create view public.gone as select * from orders;\ndrop view public.gone;\n",
        "src/lib/report.ts": 'export const r = () => supabase.from("big").select();\n'
                             'export const g = () => supabase.from("gone").select();\n',
    })
    assert [e.line for e in _kinds(result, "customers")[Kind.REPOSITORY]] == [1]
    assert [e.line for e in _kinds(result, "orders")[Kind.REPOSITORY]] == [1]
    assert {t.key.name for t in result.tables} == {"orders", "customers"}
    notes = [d.message for d in result.diagnostics if d.code == "unknown-table"]
    assert len(notes) == 1 and "public.gone" in notes[0]


def test_declarative_schema_files_and_configured_seeds() -> None:
    result = _scan({
        "supabase/schemas/billing.sql": "create table public.invoices (id bigint);\n",
        "supabase/config.toml": '[db.seed]\nsql_paths = ["./fixtures/*.sql"]\n',
        "supabase/fixtures/customers.sql": "insert into customers (id) values (1);\n",
    })
    (schema,) = _kinds(result, "invoices")[Kind.SCHEMA]
    assert (schema.detector, schema.location) == ("sql.schema_file",
                                                  "supabase/schemas/billing.sql:1")
    assert Kind.MIGRATION not in _kinds(result, "invoices")  # a schema file is not a migration
    (data,) = _kinds(result, "customers")[Kind.DATA]
    assert data.location == "supabase/fixtures/customers.sql:1"


def test_a_broken_config_toml_is_a_diagnostic() -> None:
    result = _scan({"supabase/config.toml": "[db.seed\nsql_paths = 1\n"})
    assert [d.code for d in result.diagnostics] == ["config-parse-error"]


def test_deno_imports_do_not_break_resolution() -> None:
    result = _scan({
        "supabase/functions/_shared/db.ts":
            'import { createClient } from "npm:@supabase/supabase-js@2";\n'
            "export const db = createClient(url, key);\n",
        "supabase/functions/sync-orders/index.ts":
            'import { serve } from "https://deno.land/std@0.168.0/http/server.ts";\n'
            'import { z } from "jsr:@zod/zod";\n'
            'import { db } from "../_shared/db.ts";\n'
            'serve(() => db.from("orders").upsert({}));\n',
        "supabase/functions/_shared/customers.ts":
            'import { db } from "./db.ts";\n'
            'export const list = () => db.from("customers").select();\n',
        "supabase/functions/customers/index.ts":
            'import { list } from "@shared/customers.ts";\n'
            "Deno.serve(() => list());\n",
        "supabase/functions/deno.json":
            '{"imports": {"@shared/": "./_shared/", "std/": "https://deno.land/std/"}}',
    })
    (etl,) = _kinds(result, "orders")[Kind.ETL]
    assert (etl.detector, etl.path) == ("supabase.edge_job",
                                        "supabase/functions/sync-orders/index.ts")
    assert Kind.A2A_API not in _kinds(result, "orders")
    (api,) = _kinds(result, "customers")[Kind.A2A_API]  # through the deno.json import map
    assert (api.detector, api.via[-1].path) == ("supabase.edge_function",
                                                "supabase/functions/_shared/customers.ts")
    assert not any(e.path and "_shared" in e.path and e.kind != Kind.REPOSITORY
                   for e in result.evidence)


def test_detect_only_when_no_orm_defines_the_tables() -> None:
    sql_first = {"package.json": PACKAGE, "supabase/migrations/1_init.sql": MIGRATION}
    assert SUPABASE.detect(MemorySourceTree(sql_first))
    assert SUPABASE.detect(MemorySourceTree({"apps/web/package.json":
                                             '{"dependencies": {"@supabase/ssr": "0.5"}}'}))
    drizzle = {**sql_first, "package.json":
               '{"dependencies": {"@supabase/supabase-js": "2", "drizzle-orm": "0.36"}}'}
    assert not SUPABASE.detect(MemorySourceTree(drizzle))
    assert not SUPABASE.detect(MemorySourceTree({**sql_first, "prisma/schema.prisma": ""}))
    assert not SUPABASE.detect(MemorySourceTree({"package.json": '{"dependencies": {}}'}))
    assert select_profiles(MemorySourceTree(sql_first), parse_venture_config("")) == (SUPABASE,)
    assert select_profiles(MemorySourceTree(drizzle), parse_venture_config("")) == (DRIZZLE,)
    assert SUPABASE in PROFILES and profile_by_name("supabase") is SUPABASE


def test_rules_decide_edge_functions_and_keep_next_roles() -> None:
    etl_globs = {g for r in SUPABASE.rules if r.kind == Kind.ETL for g in r.globs}
    assert "**/supabase/functions/**" not in etl_globs
    api = next(r for r in SUPABASE.rules if r.detector == "supabase.edge_function")
    assert api.unless == (Kind.ETL,)
    assert {r.detector for r in DRIZZLE.rules if r.kind == Kind.CRUD_UI} \
        == {r.detector for r in SUPABASE.rules if r.kind == Kind.CRUD_UI}


def test_drizzle_and_supabase_configured_together_report_shared_tables() -> None:
    tree = MemorySourceTree({
        "package.json": PACKAGE,
        "supabase/migrations/20240101000000_init.sql": MIGRATION,
        "src/db/schema.ts": 'import { pgTable } from "drizzle-orm/pg-core";\n'
                            'export const orders = pgTable("orders", {});\n',
    })
    config = parse_venture_config('[venture]\nprofiles = ["supabase", "drizzle"]\n')
    snapshot = observe_tree(tree, config, venture="both")
    claimed = sorted(d.message for d in snapshot.diagnostics if d.code == "table-claimed-twice")
    assert len(claimed) == 2  # orders and customers: drizzle also reads the migrations
    assert "public.orders" in claimed[1]
