"""parse_file: the facts one TypeScript/JavaScript file yields, and what it must never yield."""

from __future__ import annotations

from textwrap import dedent

from commissioning.evidence import Severity
from commissioning.observe.typescript.facts import (
    SIG_JSX_ACTION,
    SIG_JSX_FORM,
    SIG_JSX_ON_SUBMIT,
    SIG_TRPC_ROUTER,
    SIG_USE_CLIENT,
    SIG_USE_SERVER,
    AccessSite,
    Binding,
    FileFacts,
    ImportFact,
    ReExport,
)
from commissioning.observe.typescript.parser import is_code_file, parse_file


def _line(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def _facts(text: str, path: str = "src/a.ts", literals: tuple[str, ...] = ()) -> FileFacts:
    facts, diagnostics = parse_file(text, path, literals)
    assert diagnostics == ()
    return facts


SCHEMA = dedent("""\
    import { pgTable as table, pgSchema, serial, pgTableCreator } from "drizzle-orm/pg-core";
    import * as my from "drizzle-orm/mysql-core";
    import { sqliteTable } from "drizzle-orm/sqlite-core";

    // pgTable("ghosts") in a comment is not a table
    const note = 'pgTable("phantoms")';
    export const growers = table("growers", { id: serial("id") }).enableRLS();
    const ops = pgSchema("ops");
    export const batches = ops.table("batches", { id: serial("id") });
    export const audit = pgSchema("audit").table("events", {});
    export const carts = my.mysqlTable("carts", {});
    export const notes = sqliteTable("notes", {});
    export const createTable = pgTableCreator((name) => `dairy_${name}`);
    export const cheeses = createTable("cheese", (d) => ({ id: d.integer() }));
""")


def test_table_definitions_with_aliases_schemas_and_creators() -> None:
    facts = _facts(SCHEMA)
    direct = {(t.name, t.symbol, t.builder, t.schema) for t in facts.tables if t.builder}
    assert direct == {
        ("growers", "growers", "pgTable", None),
        ("events", "audit", "pgTable", "audit"),
        ("carts", "carts", "mysqlTable", None),
        ("notes", "notes", "sqliteTable", None),
    }
    via_factory = {(t.name, t.symbol, t.factory, t.method) for t in facts.tables if t.factory}
    assert via_factory == {("batches", "batches", "ops", True),
                           ("cheese", "cheeses", "createTable", False)}
    factories = {(f.symbol, f.schema, f.prefix, f.method) for f in facts.factories}
    assert factories == {("ops", "ops", "", True), ("createTable", None, "dairy_", False)}
    assert next(t for t in facts.tables if t.name == "growers").line == _line(SCHEMA, "table(")


def test_names_never_count_from_comments_or_strings() -> None:
    facts = _facts(SCHEMA)
    assert {t.name for t in facts.tables}.isdisjoint({"ghosts", "phantoms"})


def test_a_local_function_named_like_a_builder_is_not_drizzle() -> None:
    text = 'import { pgTable } from "./my-own-orm";\nexport const x = pgTable("x", {});\n'
    (candidate,) = _facts(text).tables
    assert candidate.builder is None and candidate.factory == "pgTable"  # the profile resolves it


IMPORTS = dedent("""\
    import def, { a as b, type T1 } from "./one";
    import type { T2 } from "./types";
    import { type T3 } from "./only-types";
    import * as schema from "@/db/schema";
    import "./side-effect";
    export * from "./star";
    export * as ns from "./namespace";
    export { x as y, z } from "./named";
    export type { T4 } from "./more-types";
    const { users, orders: o } = require("./cjs");
    async function later() { const mod = await import("./lazy"); }
    const local = 1;
    export { local as renamed };
    export default local;
""")


def test_imports_and_reexports_with_lines() -> None:
    facts = _facts(IMPORTS)
    imports = {i.specifier: i for i in facts.imports}
    assert imports["./one"] == ImportFact("./one", 1, "static",
                                          (Binding("default", "def"), Binding("a", "b")))
    assert imports["./types"].type_only and imports["./only-types"].type_only
    assert imports["@/db/schema"].bindings == (Binding("*", "schema"),)
    assert imports["./side-effect"].bindings == () and not imports["./side-effect"].type_only
    assert imports["./cjs"] == ImportFact("./cjs", 10, "require",
                                          (Binding("users", "users"), Binding("orders", "o")))
    assert imports["./lazy"].kind == "dynamic" and imports["./lazy"].line == 11
    assert set(facts.reexports) == {
        ReExport("./star", 6, "*", None), ReExport("./namespace", 7, "*", "ns"),
        ReExport("./named", 8, "x", "y"), ReExport("./named", 8, "z", "z"),
        ReExport("./more-types", 9, "T4", "T4", type_only=True),
    }
    assert ("renamed", "local") in facts.local_exports
    assert ("default", "local") in facts.local_exports
    assert "local" in facts.declarations


ACCESS = dedent("""\
    import { db } from "@/db";
    import * as schema from "@/db/schema";
    import { growers, batches } from "@/db/schema";
    import { sql, eq } from "drizzle-orm";

    export async function run(id: number) {
      await db.select().from(growers).innerJoin(batches, eq(batches.growerId, growers.id));
      await db.insert(schema.orders).values({});
      await db.update(growers).set({}).where(eq(growers.id, id));
      await db.delete(batches);
      await db.$count(growers);
      await db.query.growers.findMany();
      await db.execute(sql`insert into ${growers} (id) values (${id})`);
      await supabase.from("orders").insert({ id });
      await supabase.schema("billing").from("Invoices").select("*");
      await supabase.storage.from("avatars").upload("x", file);
      const copy = Array.from(growers);
      // db.delete(growers) in a comment
      const text = "db.insert(growers)";
    }
""")


def test_access_sites() -> None:
    facts = _facts(ACCESS)
    found = {(a.ref, a.by, a.op, a.write, a.line) for a in facts.accesses}
    at = _line(ACCESS, "from(growers)")
    assert found == {
        (("growers",), "symbol", "from", False, at),
        (("batches",), "symbol", "innerJoin", False, at),
        (("schema", "orders"), "symbol", "insert", True, at + 1),
        (("growers",), "symbol", "update", True, at + 2),
        (("batches",), "symbol", "delete", True, at + 3),
        (("growers",), "symbol", "$count", False, at + 4),
        (("growers",), "query", "findMany", False, at + 5),
        (("growers",), "symbol", "sql", True, at + 6),
        (("id",), "symbol", "sql", False, at + 6),
        (("orders",), "name", "insert", True, at + 7),
        (("Invoices",), "name", "select", False, at + 8),
    }
    invoices = next(a for a in facts.accesses if a.ref == ("Invoices",))
    assert invoices == AccessSite(("Invoices",), "name", "select", False, at + 8, "billing")


def test_file_and_function_directives() -> None:
    client = _facts('// header\n"use client";\nexport const x = 1;\n', "a.tsx")
    assert client.signal_line(SIG_USE_CLIENT) == 2
    assert client.signal_line(SIG_USE_SERVER) is None
    inline = dedent("""\
        export default function Page() {
          async function save(fd: FormData) {
            "use server";
            await db.insert(growers).values({});
          }
          const label = "use server";
          return null;
        }
    """)
    assert _facts(inline, "a.tsx").signal_line(SIG_USE_SERVER) == 3
    late = 'const x = 1;\n"use server";\n'
    assert _facts(late).signal_line(SIG_USE_SERVER) is None


def test_jsx_and_trpc_signals() -> None:
    text = dedent("""\
        export function F() {
          return (
            <form action={save} onSubmit={check}>
              <input name="n" />
            </form>
          );
        }
        export const appRouter = createTRPCRouter({ list: publicProcedure.query(() => 1) });
        export const other = router({ add: protectedProcedure.mutation(() => 1) });
        export const notTrpc = router({ home: "/" });
    """)
    facts = _facts(text, "src/f.tsx")
    assert facts.signal_line(SIG_JSX_FORM) == 3
    assert facts.signal_line(SIG_JSX_ACTION) == 3
    assert facts.signal_line(SIG_JSX_ON_SUBMIT) == 3
    assert [s.line for s in facts.signals if s.name == SIG_TRPC_ROUTER] == [8, 9]


def test_literal_signals_only_in_code() -> None:
    text = dedent("""\
        // cron.schedule( in a comment
        const doc = "cron.schedule( in a string";
        const tpl = `server.tool( in a template`;
        export function P() { return <p>useForm( in JSX text</p>; }
        cron.schedule("0 * * * *", () => run());
    """)
    facts = _facts(text, "src/x.tsx", ("cron.schedule(", "server.tool(", "useForm("))
    assert facts.signal_line("cron.schedule(") == 5
    assert facts.signal_line("server.tool(") is None
    assert facts.signal_line("useForm(") is None


def test_url_literals() -> None:
    text = dedent("""\
        await fetch(`/api/growers/${id}/edit?tab=${tab}#top`);
        await axios.get("/api/batches");
        await page.goto('/growers/123');
        await request.post("/api/seed");
        await page.request.delete("/api/items/9");
        cy.visit("/batches");
        cy.request("POST", "/api/reset");
        useSWR("/api/me");
        await fetch("https://example.com/api/x");
        await fetch("//cdn.example.com/lib.js");
        router.push("/growers");
        await fetch(url);
    """)
    facts = _facts(text, "src/u.tsx")
    assert [(u.callee, u.segments, u.line) for u in facts.urls] == [
        ("fetch", ("api", "growers", None, "edit"), 1),
        ("axios.get", ("api", "batches"), 2),
        ("page.goto", ("growers", "123"), 3),
        ("request.post", ("api", "seed"), 4),
        ("page.request.delete", ("api", "items", "9"), 5),
        ("cy.visit", ("batches",), 6),
        ("cy.request", ("api", "reset"), 7),
        ("useSWR", ("api", "me"), 8),
        # any other "/…" literal is kept as a bare literal (callee ""), which the graph matches
        # against API route handlers only: router.push("/growers") calls no handler
        ("", ("growers",), 11),
    ]


def test_syntax_error_gives_a_diagnostic_and_keeps_the_rest() -> None:
    text = dedent("""\
        import { growers } from "@/db/schema";
        export const broken = ;
        export async function list() {
          return db.select().from(growers);
        }
    """)
    facts, diagnostics = parse_file(text, "src/broken.ts")
    assert len(diagnostics) == 1
    assert diagnostics[0].code == "parse-error"
    assert diagnostics[0].severity == Severity.WARNING
    assert (diagnostics[0].path, diagnostics[0].line) == ("src/broken.ts", 2)
    assert [(a.ref, a.line) for a in facts.accesses] == [(("growers",), 4)]
    assert facts.imports[0].specifier == "@/db/schema"


def test_grammar_per_extension() -> None:
    jsx_in_js = "export function F() { return <form action={save}></form>; }\n"
    facts, diagnostics = parse_file(jsx_in_js, "src/f.js")
    assert diagnostics == () and facts.signal_line(SIG_JSX_FORM) == 1
    generic = "export const id = <T,>(x: T): T => x;\nexport const y = <string>id('a');\n"
    assert parse_file(generic, "src/g.ts")[1] == ()


def test_code_files() -> None:
    assert is_code_file("src/a.tsx") and is_code_file("x.mjs") and is_code_file("b.cts")
    assert not is_code_file("src/env.d.ts") and not is_code_file("a.sql")
    assert not is_code_file("styles.css") and not is_code_file("public/vendor.min.js")


def test_lines_point_at_the_table_not_at_the_start_of_a_chain() -> None:
    text = dedent("""\
        export const list = () =>
          db
            .select()
            .from(growers)
            .where(eq(growers.id, 1));
        export const one = () =>
          db.query
            .growers
            .findFirst();
        export const go = () => page
          .goto("/growers");
    """)
    facts = _facts(text)
    assert [(a.op, a.line) for a in facts.accesses] == [("from", 4), ("findFirst", 8)]
    assert [u.line for u in facts.urls] == [11]
