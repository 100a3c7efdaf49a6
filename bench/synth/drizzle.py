"""A Drizzle + Next.js venture laid out as the example venture is: every layer in its place.

Per domain (ten tables): ``src/db/schema/<domain>.ts`` (``pgTable``), a ``drizzle/NNNN_*.sql``
migration and a ``src/db/seeds/<domain>.ts`` seed. Per table, for the rungs planned: a
repository, a ``"use server"`` actions module, a page with its form component, a job, an
``api/v1`` route and a Playwright spec. Each layer reaches its table the normal layered way
(page → repository, form → action → repository, spec → page by URL), never another table's.
"""

from __future__ import annotations

import json
import random

from .files import Writer, camel, title
from .plan import (
    A2A_API,
    CRUD_UI,
    DATA,
    E2E,
    ETL,
    MIGRATION,
    REPOSITORY,
    SCHEMA,
    SERVER_ACTIONS,
    TablePlan,
    VenturePlan,
)

_COLUMNS = (
    ("code", 'varchar("code", { length: 24 }).notNull()', '"code" varchar(24) NOT NULL'),
    ("name", 'text("name").notNull()', '"name" text NOT NULL'),
    ("status", 'varchar("status", { length: 16 }).notNull().default("open")',
     '"status" varchar(16) DEFAULT \'open\' NOT NULL'),
    ("quantity", 'numeric("quantity", { precision: 12, scale: 2 })',
     '"quantity" numeric(12, 2)'),
    ("notes", 'text("notes")', '"notes" text'),
    ("active", 'boolean("active").notNull().default(true)',
     '"active" boolean DEFAULT true NOT NULL'),
    ("dueOn", 'date("due_on")', '"due_on" date'),
    ("priority", 'integer("priority").notNull().default(0)',
     '"priority" integer DEFAULT 0 NOT NULL'),
)


def write_drizzle(plan: VenturePlan, out: Writer) -> None:
    _project(plan, out)
    for number, domain in enumerate(plan.domains):
        tables = plan.in_domain(domain)
        if any(t.has(SCHEMA) for t in tables):
            out.write(f"src/db/schema/{domain}.ts", _schema(tables))
        if any(t.has(MIGRATION) for t in tables):
            out.write(f"drizzle/{number:04d}_{domain}.sql", _migration(tables))
        if any(t.has(DATA) for t in tables):
            out.write(f"src/db/seeds/{domain}.ts", _seed(domain, tables))
        for table in tables:
            _table_layers(table, out)


def _columns(table: TablePlan) -> list[tuple[str, str, str]]:
    rng = random.Random(table.name)
    return rng.sample(_COLUMNS, 4)


def _project(plan: VenturePlan, out: Writer) -> None:
    out.write("package.json", json.dumps({
        "name": plan.name, "private": True, "version": "1.0.0",
        "scripts": {"dev": "next dev", "build": "next build", "db:seed": "tsx src/db/seed.ts",
                    "test:e2e": "playwright test"},
        "dependencies": {"drizzle-orm": "^0.38.3", "next": "15.1.3", "postgres": "^3.4.5",
                         "react": "^19.0.0", "react-dom": "^19.0.0", "zod": "^3.24.1"},
        "devDependencies": {"@playwright/test": "^1.49.1", "drizzle-kit": "^0.30.1",
                            "typescript": "^5.7.2", "vitest": "^2.1.8"},
    }, indent=2) + "\n")
    out.write("tsconfig.json", json.dumps({
        "compilerOptions": {"target": "ES2022", "module": "esnext", "moduleResolution": "bundler",
                            "jsx": "preserve", "strict": True, "paths": {"@/*": ["./src/*"]}},
        "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx"],
    }, indent=2) + "\n")
    out.write("drizzle.config.ts", 'import { defineConfig } from "drizzle-kit";\n\n'
              'export default defineConfig({\n  dialect: "postgresql",\n'
              '  schema: "./src/db/schema/index.ts",\n  out: "./drizzle",\n});\n')
    out.write("next.config.ts", 'import type { NextConfig } from "next";\n\n'
              "const config: NextConfig = { reactStrictMode: true };\n\nexport default config;\n")
    out.write("playwright.config.ts", 'import { defineConfig } from "@playwright/test";\n\n'
              'export default defineConfig({ testDir: "./e2e", use: { baseURL: '
              '"http://localhost:3000" } });\n')
    out.write(".gitignore", "node_modules/\n.next/\n.commissioning/\n")
    out.write("src/db/index.ts", 'import { drizzle } from "drizzle-orm/postgres-js";\n'
              'import postgres from "postgres";\nimport * as schema from "./schema";\n\n'
              "const client = postgres(process.env.DATABASE_URL ?? \"\", { max: 10 });\n\n"
              "export const db = drizzle(client, { schema });\nexport type Db = typeof db;\n")
    schemas = [d for d in plan.domains if any(t.has(SCHEMA) for t in plan.in_domain(d))]
    out.write("src/db/schema/index.ts", "".join(f'export * from "./{d}";\n' for d in schemas))
    seeded = [d for d in plan.domains if any(t.has(DATA) for t in plan.in_domain(d))]
    out.write("src/db/seed.ts", "/** Development seed: `npm run db:seed`. */\n"
              + "".join(f'import {{ seed{camel(d)} }} from "./seeds/{d}";\n' for d in seeded)
              + "\nasync function main() {\n"
              + "".join(f"  await seed{camel(d)}();\n" for d in seeded)
              + "}\n\nmain().then(() => process.exit(0));\n")
    out.write("drizzle/meta/_journal.json", json.dumps({"version": "7", "dialect": "postgresql",
              "entries": [{"idx": i, "tag": f"{i:04d}_{d}"}
                          for i, d in enumerate(plan.domains)]}, indent=2) + "\n")
    out.write("src/app/layout.tsx", 'import "./globals.css";\n\nexport default function '
              "RootLayout({ children }: { children: React.ReactNode }) {\n"
              '  return (\n    <html lang="en">\n      <body>{children}</body>\n'
              "    </html>\n  );\n}\n")
    out.write("src/app/globals.css", "body { margin: 0; font-family: system-ui; }\n")
    out.write("src/lib/action-result.ts", "export type ActionState = { ok: boolean; message: "
              "string };\n\nexport const initialActionState: ActionState = { ok: true, "
              'message: "" };\n')
    out.write("src/lib/auth.ts", "export async function requireRole(...roles: string[]) {\n"
              "  if (roles.length === 0) throw new Error(\"no role\");\n}\n")
    for name in ("button", "card", "input", "page-header"):
        out.write(f"src/components/ui/{name}.tsx", _ui(name))


def _ui(name: str) -> str:
    component = camel(name)
    return (f'import type {{ ReactNode }} from "react";\n\nexport function {component}('
            "{ children, className }: { children?: ReactNode; className?: string }) {\n"
            f'  return <div className={{["{name}", className].join(" ")}}>{{children}}</div>;\n'
            "}\n")


def _schema(tables: tuple[TablePlan, ...]) -> str:
    lines = ['import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid, varchar '
             '} from "drizzle-orm/pg-core";\n']
    defined: list[TablePlan] = []
    for table in tables:
        if not table.has(SCHEMA):
            continue
        lines.append(f"/** {title(table.entity)} of {table.domain}. */")
        lines.append(f'export const {table.symbol} = pgTable("{table.name}", {{')
        lines.append('  id: uuid("id").primaryKey().defaultRandom(),')
        lines.extend(f"  {key}: {ts}," for key, ts, _ in _columns(table))
        if defined:
            parent = defined[-1]
            lines.append(f'  {parent.symbol}Id: uuid("{parent.name}_id").references(() => '
                         f"{parent.symbol}.id),")
        lines.append('  createdAt: timestamp("created_at", { withTimezone: true }).notNull()'
                     ".defaultNow(),")
        lines.append("});\n")
        lines.append(f"export type {table.model} = typeof {table.symbol}.$inferSelect;")
        lines.append(f"export type New{table.model} = typeof {table.symbol}.$inferInsert;\n")
        defined.append(table)
    return "\n".join(lines)


def _migration(tables: tuple[TablePlan, ...]) -> str:
    parts: list[str] = []
    for table in tables:
        if not table.has(MIGRATION):
            continue
        columns = ['\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL']
        columns += [f"\t{sql}" for _, _, sql in _columns(table)]
        columns.append('\t"created_at" timestamp with time zone DEFAULT now() NOT NULL')
        parts.append(f'CREATE TABLE "{table.name}" (\n' + ",\n".join(columns) + "\n);\n")
        parts.append(f'CREATE INDEX "{table.name}_created_idx" ON "{table.name}" USING btree '
                     '("created_at");')
    return "\n--> statement-breakpoint\n".join(parts) + "\n"


def _seed(domain: str, tables: tuple[TablePlan, ...]) -> str:
    seeded = [t for t in tables if t.has(DATA)]
    names = ", ".join(t.symbol for t in seeded)
    body = [f'import {{ db }} from "@/db";\nimport {{ {names} }} from "@/db/schema";\n',
            f"/** Demo rows for {domain}: idempotent, conflicts ignored. */",
            f"export async function seed{camel(domain)}() {{"]
    for table in seeded:
        code = table.entity[:3].upper()
        rows = ", ".join(f'{{ code: "{code}-{i:03d}", name: "{title(table.entity)} {i}" }}'
                         for i in range(1, 4))
        body.append(f"  await db.insert({table.symbol}).values([{rows}]).onConflictDoNothing();")
    body.append("}\n")
    return "\n".join(body)


def _table_layers(table: TablePlan, out: Writer) -> None:
    repo = f"@/db/repositories/{table.file_slug}"
    route = f"src/app/(app)/{table.domain}/{table.slug}"
    model = table.model
    if table.has(REPOSITORY):
        out.write(f"src/db/repositories/{table.file_slug}.ts", _repository(table))
    if table.has(SERVER_ACTIONS):
        out.write(f"{route}/actions.ts", _actions(table, repo))
    if table.has(CRUD_UI):
        out.write(f"{route}/page.tsx", _page(table, repo))
        out.write(f"src/components/{table.domain}/{table.slug}-form.tsx", _form(table))
    if table.has(ETL):
        out.write(f"src/jobs/{table.domain}/sync-{table.slug}.ts",
                  f'import {{ list{model}, update{model} }} from "{repo}";\n\n'
                  f"/** Nightly: close {title(table.entity).lower()} left open for a week. */\n"
                  f"export async function sync{model}() {{\n"
                  f"  const rows = await list{model}();\n  for (const row of rows) {{\n"
                  f'    await update{model}(row.id, {{ status: "closed" }});\n  }}\n'
                  "  return { processed: rows.length };\n}\n")
    if table.has(A2A_API):
        out.write(f"src/app/api/v1/{table.domain}/{table.slug}/route.ts",
                  'import { NextResponse, type NextRequest } from "next/server";\n'
                  f'import {{ list{model} }} from "{repo}";\n\n'
                  'export const dynamic = "force-dynamic";\n\n'
                  f"/** GET /api/v1/{table.domain}/{table.slug}: for partner systems. */\n"
                  "export async function GET(request: NextRequest) {\n"
                  '  const limit = Number(request.nextUrl.searchParams.get("limit") ?? 100);\n'
                  f"  const rows = await list{model}();\n"
                  "  return NextResponse.json({ data: rows.slice(0, limit) });\n}\n")
    if table.has(E2E):
        out.write(f"e2e/{table.domain}/{table.slug}.spec.ts", _spec(table))


def _repository(table: TablePlan) -> str:
    model, symbol = table.model, table.symbol
    return ('import { desc, eq } from "drizzle-orm";\nimport { db } from "@/db";\n'
            f'import {{ {symbol}, type {model}, type New{model} }} from "@/db/schema";\n\n'
            f"export async function list{model}(): Promise<{model}[]> {{\n"
            f"  return db.select().from({symbol}).orderBy(desc({symbol}.createdAt)).limit(200);\n"
            "}\n\n"
            f"export async function get{model}(id: string): Promise<{model} | null> {{\n"
            f"  const [row] = await db.select().from({symbol}).where(eq({symbol}.id, id));\n"
            "  return row ?? null;\n}\n\n"
            f"export async function create{model}(input: New{model}): Promise<{model}> {{\n"
            f"  const [row] = await db.insert({symbol}).values(input).returning();\n"
            "  return row;\n}\n\n"
            f"export async function update{model}(id: string, patch: Partial<New{model}>) {{\n"
            f"  await db.update({symbol}).set(patch).where(eq({symbol}.id, id));\n}}\n")


def _actions(table: TablePlan, repo: str) -> str:
    model = table.model
    return ('"use server";\n\nimport { revalidatePath } from "next/cache";\n'
            f'import {{ create{model} }} from "{repo}";\n'
            'import { type ActionState } from "@/lib/action-result";\n'
            'import { requireRole } from "@/lib/auth";\n\n'
            f"export async function create{model}Action(_prev: ActionState, formData: FormData)"
            ": Promise<ActionState> {\n  await requireRole(\"staff\");\n"
            '  const name = String(formData.get("name") ?? "");\n'
            '  if (!name) return { ok: false, message: "A name is needed." };\n'
            f'  await create{model}({{ name, code: String(formData.get("code") ?? "") }});\n'
            f'  revalidatePath("/{table.domain}/{table.slug}");\n'
            '  return { ok: true, message: `${name} added.` };\n}\n')


def _page(table: TablePlan, repo: str) -> str:
    model = table.model
    return (f'import {{ list{model} }} from "{repo}";\n'
            f'import {{ {model}Form }} from "@/components/{table.domain}/{table.slug}-form";\n'
            'import { Card } from "@/components/ui/card";\n'
            'import { PageHeader } from "@/components/ui/page-header";\n\n'
            f'export const metadata = {{ title: "{title(table.entity)}" }};\n\n'
            f"export default async function {model}Page() {{\n"
            f"  const rows = await list{model}();\n  return (\n    <>\n"
            f'      <PageHeader>{title(table.entity)}</PageHeader>\n      <Card>\n'
            '        <table className="data">\n          <tbody>\n'
            "            {rows.map((row) => (\n              <tr key={row.id}>\n"
            "                <td>{row.id}</td>\n              </tr>\n            ))}\n"
            f"          </tbody>\n        </table>\n        <{model}Form />\n      </Card>\n"
            "    </>\n  );\n}\n")


def _form(table: TablePlan) -> str:
    model = table.model
    return ('"use client";\n\nimport { useActionState } from "react";\n'
            f'import {{ create{model}Action }} from '
            f'"@/app/(app)/{table.domain}/{table.slug}/actions";\n'
            'import { initialActionState } from "@/lib/action-result";\n'
            'import { Button } from "@/components/ui/button";\n'
            'import { Input } from "@/components/ui/input";\n\n'
            f"export function {model}Form() {{\n"
            f"  const [state, formAction] = useActionState(create{model}Action, "
            "initialActionState);\n  return (\n"
            f'    <form action={{formAction}} aria-label="Add {title(table.entity).lower()}">\n'
            '      <Input>name</Input>\n      <Button>Add</Button>\n'
            "      {state.message ? <p>{state.message}</p> : null}\n    </form>\n  );\n}\n")


def _spec(table: TablePlan) -> str:
    heading = title(table.entity)
    if table.has(CRUD_UI):
        body = (f'  test("lists and adds", async ({{ page }}) => {{\n'
                f'    await page.goto("/{table.domain}/{table.slug}");\n'
                f'    await expect(page.getByRole("heading", {{ name: "{heading}" }}))'
                ".toBeVisible();\n  });\n")
    else:
        body = ('  test("serves the API", async ({ request }) => {\n'
                f'    const response = await request.get("/api/v1/{table.domain}/{table.slug}");\n'
                "    expect(response.ok()).toBeTruthy();\n  });\n")
    return ('import { expect, test } from "@playwright/test";\n\n'
            f'test.describe("{heading.lower()}", () => {{\n{body}}});\n')
