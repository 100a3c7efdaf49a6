"""What must never count as evidence: names in comments and strings, unit tests, type imports,
look-alike builders."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

from commissioning.evidence import Evidence, Kind
from commissioning.observe.profiles.base import ProfileResult

Scan = Callable[..., ProfileResult]
Found = Callable[[ProfileResult, str, Kind], list[Evidence]]

BASE = {
    "src/db/schema.ts": dedent("""\
        import { pgTable, serial } from "drizzle-orm/pg-core";
        export const orders = pgTable("orders", { id: serial("id") });
        export const sensors = pgTable("sensors", { id: serial("id") });
        export type Order = typeof orders.$inferSelect;
    """),
    "src/db/index.ts": 'import * as schema from "./schema";\n'
                       "export const db = drizzle(c, { schema });\n",
}


def test_comments_and_strings_are_not_evidence(scan: Scan, found: Found) -> None:
    decoy = dedent("""\
        import { db } from "@/db";
        // TODO: db.select().from(sensors) once the firmware is ready
        /* db.insert(sensors).values({}) */
        const help = "call db.delete(sensors) to reset";
        const sql = `select * from sensors`;
        export const readme = () => supabase.from(`${help}`);
        export function Page() { return <p>db.update(sensors) is not code</p>; }
    """)
    files = {**BASE, "tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
             "src/app/sensors/page.tsx": decoy,
             "src/lib/notes.ts": 'export const note = "sensors are read by the firmware";\n'}
    result = scan(files)
    sensors = [e for e in result.evidence if e.table.name == "sensors"]
    assert [e.kind for e in sensors] == [Kind.SCHEMA]


def test_a_vitest_unit_test_is_not_e2e(scan: Scan, found: Found) -> None:
    unit = dedent("""\
        import { describe, it, expect } from "vitest";
        import { render } from "@testing-library/react";
        import { db } from "../src/db";
        import { orders } from "../src/db/schema";

        describe("orders", () => {
          it("lists", async () => expect(await db.select().from(orders)).toEqual([]));
        });
    """)
    result = scan({**BASE, "tests/e2e/orders.test.ts": unit, "src/lib/orders.test.ts": unit})
    assert found(result, "orders", Kind.E2E_TESTS) == []
    assert found(result, "orders", Kind.REPOSITORY) == []  # tests are never repository


def test_import_type_is_neither_access_nor_edge(scan: Scan, found: Found) -> None:
    page = dedent("""\
        import type { Order } from "@/db/schema";
        import { type orders as OrdersTable } from "@/db/schema";
        import type * as Schema from "@/db/schema";

        export default function OrdersPage({ rows }: { rows: Order[] }) {
          return <ul>{rows.length}</ul>;
        }
    """)
    typed_repo = ('import type { orders } from "../db/schema";\n'
                  "export const x = db.select().from(orders);\n")
    files = {**BASE, "tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
             "src/app/orders/page.tsx": page, "src/lib/typed.ts": typed_repo}
    result = scan(files)
    assert found(result, "orders", Kind.CRUD_UI) == []
    assert found(result, "orders", Kind.REPOSITORY) == []


def test_look_alike_builders_and_unresolved_symbols(scan: Scan, found: Found) -> None:
    own = dedent("""\
        import { pgTable } from "./my-orm";
        export const ghosts = pgTable("ghosts", {});
    """)
    shadow = dedent("""\
        const orders = [1, 2, 3];
        export const first = db.select().from(orders);
    """)
    result = scan({**BASE, "src/lib/legacy.ts": own, "src/lib/my-orm.ts": "export {};\n",
                   "src/lib/shadow.ts": shadow})
    assert "ghosts" not in {t.key.name for t in result.tables}
    assert found(result, "orders", Kind.REPOSITORY) == []
