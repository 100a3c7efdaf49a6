"""Role × reach through realistic layered apps: the chain each piece of evidence names."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

from commissioning.evidence import Evidence, Kind, Step
from commissioning.observe.profiles.base import ProfileResult

Scan = Callable[..., ProfileResult]
Found = Callable[[ProfileResult, str, Kind], list[Evidence]]


def _line(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


TSCONFIG = dedent("""\
    {
      // as create-next-app writes it, with a trailing comma
      "compilerOptions": { "paths": { "@/*": ["./src/*"] }, },
    }
""")
GROWERS_SCHEMA = dedent("""\
    import { pgTable, serial, text } from "drizzle-orm/pg-core";

    export const growers = pgTable("growers", {
      id: serial("id").primaryKey(),
      name: text("name").notNull(),
    });
""")
SCHEMA_INDEX = 'export * from "./growers";\nexport * from "./batches";\n'
BATCHES_SCHEMA = dedent("""\
    import { pgSchema, serial, integer } from "drizzle-orm/pg-core";
    export const ops = pgSchema("ops");
    export const batches = ops.table("batches", { id: serial("id"), litres: integer("l") });
""")
DB = dedent("""\
    import { drizzle } from "drizzle-orm/node-postgres";
    import * as schema from "./schema";
    export const db = drizzle(process.env.DATABASE_URL!, { schema });
""")
REPO = dedent("""\
    import { eq } from "drizzle-orm";
    import { db } from "@/db";
    import { growers } from "@/db/schema";

    export async function listGrowers() {
      return db.select().from(growers);
    }

    export async function createGrower(name: string) {
      return db.insert(growers).values({ name }).returning();
    }
""")
ACTIONS = dedent("""\
    "use server";

    import { revalidatePath } from "next/cache";
    import { createGrower } from "@/lib/repositories/growers";

    export async function addGrower(formData: FormData) {
      await createGrower(String(formData.get("name")));
      revalidatePath("/growers");
    }
""")
FORM = dedent("""\
    "use client";

    import { addGrower } from "../actions";

    export function GrowerForm() {
      return (
        <form action={addGrower}>
          <input name="name" />
        </form>
      );
    }
""")
PAGE = dedent("""\
    import { GrowerForm } from "./_components/grower-form";

    export default function GrowersPage() {
      return <GrowerForm />;
    }
""")

APP = {
    "tsconfig.json": TSCONFIG,
    "package.json": '{"dependencies": {"next": "15", "drizzle-orm": "0.36"}}',
    "src/db/schema/growers.ts": GROWERS_SCHEMA,
    "src/db/schema/batches.ts": BATCHES_SCHEMA,
    "src/db/schema/index.ts": SCHEMA_INDEX,
    "src/db/index.ts": DB,
    "src/lib/repositories/growers.ts": REPO,
    "src/app/growers/actions.ts": ACTIONS,
    "src/app/growers/_components/grower-form.tsx": FORM,
    "src/app/growers/page.tsx": PAGE,
}


def test_page_form_action_repository_chain(scan: Scan, found: Found) -> None:
    result = scan(APP)
    repo = "src/lib/repositories/growers.ts"
    access = Step(repo, _line(REPO, "from(growers)"))

    (repository,) = found(result, "growers", Kind.REPOSITORY)
    assert (repository.path, repository.line, repository.via) == (repo, access.line, ())
    assert repository.detector == "drizzle.access"

    (action,) = found(result, "growers", Kind.SERVER_ACTIONS)
    assert action.detector == "nextjs.use_server"
    assert (action.path, action.line) == ("src/app/growers/actions.ts",
                                          _line(ACTIONS, "import { createGrower"))
    # reach goes to the imported function, not its whole file: the chain ends at the access
    # createGrower makes (its insert), not at listGrowers' select higher up the file
    insert = Step(repo, _line(REPO, "insert(growers)"))
    assert action.via == (insert,)

    ui = {e.path: e for e in found(result, "growers", Kind.CRUD_UI)}
    page = ui["src/app/growers/page.tsx"]
    assert page.detector == "nextjs.page"
    assert page.line == 1
    assert page.via == (
        Step("src/app/growers/_components/grower-form.tsx", _line(FORM, "import { addGrower")),
        Step("src/app/growers/actions.ts", _line(ACTIONS, "import { createGrower")),
        insert,
    )
    form = ui["src/app/growers/_components/grower-form.tsx"]
    assert form.detector == "react.form" and len(form.via) == 2


def test_schema_through_pgschema_and_barrel(scan: Scan, found: Found) -> None:
    files = dict(APP)
    files["src/lib/repositories/batches.ts"] = dedent("""\
        import { db } from "@/db";
        import { batches as milk } from "@/db/schema";
        export const recent = () => db.select().from(milk).limit(10);
    """)
    result = scan(files)
    (schema,) = found(result, "ops.batches", Kind.SCHEMA)
    assert (schema.detector, schema.path, schema.line) == (
        "drizzle.pgTable", "src/db/schema/batches.ts", 3)
    (repository,) = found(result, "ops.batches", Kind.REPOSITORY)
    assert (repository.path, repository.line) == ("src/lib/repositories/batches.ts", 3)
    symbols = {(str(t.key), t.symbol) for t in result.tables}
    assert symbols == {("public.growers", "growers"), ("ops.batches", "batches")}


def test_route_handler_fetched_by_the_ui_is_a_server_action(scan: Scan, found: Found) -> None:
    route = dedent("""\
        import { NextResponse } from "next/server";
        import { listGrowers } from "@/lib/repositories/growers";

        export async function GET() {
          return NextResponse.json(await listGrowers());
        }
    """)
    table = dedent("""\
        "use client";
        import useSWR from "swr";
        export function GrowerTable() {
          const { data } = useSWR("/api/growers");
          return <ul>{data?.map((g: { id: number }) => <li key={g.id} />)}</ul>;
        }
    """)
    files = {**APP, "src/app/api/growers/route.ts": route,
             "src/components/grower-table.tsx": table,
             "src/app/growers/list/page.tsx":
                 'import { GrowerTable } from "@/components/grower-table";\n'
                 "export default function P() { return <GrowerTable />; }\n"}
    result = scan(files)
    actions = {e.path: e for e in found(result, "growers", Kind.SERVER_ACTIONS)}
    handler = actions["src/app/api/growers/route.ts"]
    assert handler.detector == "nextjs.route_handler"
    assert (handler.line, handler.via) == (2, (Step("src/lib/repositories/growers.ts", 6),))
    ui = {e.path: e for e in found(result, "growers", Kind.CRUD_UI)}
    list_page = ui["src/app/growers/list/page.tsx"]
    assert list_page.via[0] == Step("src/components/grower-table.tsx", 4)
    # the same route called only by an e2e spec is not a server action
    files.pop("src/components/grower-table.tsx")
    files.pop("src/app/growers/list/page.tsx")
    files["e2e/api.spec.ts"] = ('import { test } from "@playwright/test";\n'
                                'test("api", async ({ request }) => {\n'
                                '  await request.get("/api/growers");\n});\n')
    result = scan(files)
    assert "src/app/api/growers/route.ts" not in {
        e.path for e in found(result, "growers", Kind.SERVER_ACTIONS)}
    (spec,) = found(result, "growers", Kind.E2E_TESTS)
    assert spec.path == "e2e/api.spec.ts"


def test_e2e_spec_reaches_a_dynamic_route(scan: Scan, found: Found) -> None:
    detail = dedent("""\
        import { db } from "@/db";
        import { growers } from "@/db/schema";
        import { eq } from "drizzle-orm";

        export default async function GrowerPage({ params }: { params: { id: string } }) {
          const [g] = await db.select().from(growers).where(eq(growers.id, Number(params.id)));
          return <h1>{g.name}</h1>;
        }
    """)
    spec = dedent("""\
        import { test, expect } from "@playwright/test";

        test("a grower's page", async ({ page }) => {
          await page.goto('/growers/123');
          await expect(page.getByRole("heading")).toBeVisible();
        });
    """)
    files = {**APP, "src/app/(dashboard)/growers/[id]/page.tsx": detail,
             "tests/e2e/grower.spec.ts": spec}
    files.pop("src/app/growers/page.tsx")
    result = scan(files)
    (e2e,) = found(result, "growers", Kind.E2E_TESTS)
    assert e2e.detector == "playwright.spec"
    assert (e2e.path, e2e.line) == ("tests/e2e/grower.spec.ts", 4)
    assert e2e.via == (Step("src/app/(dashboard)/growers/[id]/page.tsx", 6),)
    assert found(result, "growers", Kind.REPOSITORY)
    assert "tests/e2e/grower.spec.ts" not in {
        e.path for e in found(result, "growers", Kind.REPOSITORY)}


def test_hops_limit(scan: Scan, found: Found) -> None:
    # page → form → action → repository is three hops
    assert found(scan(APP, "[scan]\nmax_hops = 3\n"), "growers", Kind.CRUD_UI)
    limited = scan(APP, "[scan]\nmax_hops = 2\n")
    assert {e.path for e in found(limited, "growers", Kind.CRUD_UI)} == {
        "src/app/growers/_components/grower-form.tsx"}
    direct_only = scan(APP, "[scan]\nmax_hops = 0\n")
    assert found(direct_only, "growers", Kind.SERVER_ACTIONS) == []
    assert found(direct_only, "growers", Kind.REPOSITORY)
