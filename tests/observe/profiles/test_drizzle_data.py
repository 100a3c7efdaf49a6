"""Migrations, seeds and supabase-js: tables from SQL, data evidence, by-name access."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

from commissioning.evidence import Evidence, Kind, Step, TableInfo, TableKey
from commissioning.observe.profiles.base import ProfileResult

Scan = Callable[..., ProfileResult]
Found = Callable[[ProfileResult, str, Kind], list[Evidence]]

SCHEMA = dedent("""\
    import { pgTable, serial, text } from "drizzle-orm/pg-core";
    export const growers = pgTable("Growers", { id: serial("id") });
    export const batches = pgTable("batches", { id: serial("id") });
""")
MIGRATION_1 = dedent("""\
    CREATE TABLE IF NOT EXISTS "Growers" (
      "id" serial PRIMARY KEY
    );
    create table batches (id serial);
    create table legacy_batches (id int);
    create table tmp_orders (id int);
""")
MIGRATION_2 = dedent("""\
    drop table legacy_batches;
    alter table tmp_orders rename to orders;
    create table audit.events (id bigserial);
""")


def test_migrations_replayed_in_name_order(scan: Scan, found: Found) -> None:
    files = {"src/db/schema.ts": SCHEMA,
             "drizzle/0001_later.sql": MIGRATION_2, "drizzle/0000_init.sql": MIGRATION_1,
             "drizzle/meta/_journal.json": "{}"}
    result = scan(files)
    assert set(result.tables) == {
        TableInfo(TableKey("public", "Growers"), "drizzle", "growers"),
        TableInfo(TableKey("public", "batches"), "drizzle", "batches"),
        TableInfo(TableKey("public", "orders"), "drizzle", None),
        TableInfo(TableKey("audit", "events"), "drizzle", None),
    }
    (growers,) = found(result, "Growers", Kind.MIGRATION)
    assert (growers.detector, growers.path, growers.line) == (
        "sql.create_table", "drizzle/0000_init.sql", 1)
    (orders,) = found(result, "orders", Kind.MIGRATION)
    assert (orders.path, orders.line) == ("drizzle/0000_init.sql", 6)  # created, then renamed
    assert not [e for e in result.evidence if e.table.name == "legacy_batches"]


def test_seed_sql_and_seed_scripts(scan: Scan, found: Found) -> None:
    seed_script = dedent("""\
        import { db } from "./index";
        import { batches } from "./schema";
        import { addGrower } from "../lib/growers";

        await addGrower("Van Dam");
        const existing = await db.select().from(batches);
    """)
    repo = 'import { db } from "../db";\nimport { growers } from "../db/schema";\n' \
           "export const addGrower = (name: string) => db.insert(growers).values({ name });\n"
    files = {
        "src/db/schema.ts": SCHEMA, "src/db/index.ts": "export const db = drizzle(c);\n",
        "src/lib/growers.ts": repo, "src/db/seed.ts": seed_script,
        "supabase/seed.sql": "-- demo rows\nINSERT INTO batches (id) VALUES (1);\n"
                             "insert into nowhere values (1);\n",
    }
    result = scan(files)
    (script,) = found(result, "Growers", Kind.DATA)
    assert (script.detector, script.path, script.line) == ("seed.script", "src/db/seed.ts", 3)
    assert script.via == (Step("src/lib/growers.ts", 3),)
    data = found(result, "batches", Kind.DATA)
    assert [(e.detector, e.path, e.line) for e in data] == [("sql.insert", "supabase/seed.sql", 2)]
    # the seed only reads batches, and a seed is never repository evidence
    assert {e.path for e in found(result, "batches", Kind.REPOSITORY)} == set()
    assert {e.path for e in found(result, "Growers", Kind.REPOSITORY)} == {"src/lib/growers.ts"}


def test_supabase_from_names_the_table(scan: Scan, found: Found) -> None:
    migration = "create table public.orders (id bigint primary key);\n" \
                "create table billing.invoices (id bigint);\n"
    client = dedent("""\
        import { createClient } from "@/lib/supabase/server";

        export async function placeOrder(id: number) {
          const supabase = await createClient();
          const { error } = await supabase.from('orders').insert({ id });
          return supabase.schema("billing").from("Invoices").select("*");
        }
        export const views = () => supabase.from("order_totals").select();
    """)
    result = scan({"supabase/migrations/20240101000000_init.sql": migration,
                   "src/lib/orders.ts": client,
                   "package.json": '{"dependencies": {"@supabase/supabase-js": "2"}}'})
    (orders,) = found(result, "orders", Kind.REPOSITORY)
    assert (orders.detector, orders.path, orders.line) == (
        "supabase.access", "src/lib/orders.ts", 5)
    (invoices,) = found(result, "billing.invoices", Kind.REPOSITORY)
    assert invoices.line == 6
    assert "supabase" in result.components
    unknown = [d for d in result.diagnostics if d.code == "unknown-table"]
    assert len(unknown) == 1 and "order_totals" in unknown[0].message


def test_supabase_seed_script_writes(scan: Scan, found: Found) -> None:
    files = {"supabase/migrations/0001.sql": "create table orders (id int);\n",
             "scripts/seed.ts": "await supabase.from('orders').upsert([{ id: 1 }]);\n",
             "scripts/seed-read.ts": "await supabase.from('orders').select();\n"}
    result = scan(files)
    assert [(e.detector, e.path) for e in found(result, "orders", Kind.DATA)] == [
        ("seed.script", "scripts/seed.ts")]
    assert found(result, "orders", Kind.ETL) == []  # scripts/** is ETL, but not seeds
