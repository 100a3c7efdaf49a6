"""Top-level definitions, tRPC routers and client calls, and the machine-API signals of a file."""

from __future__ import annotations

from textwrap import dedent

from commissioning.observe.typescript.facts import (
    SIG_API_KEY,
    SIG_OPENAPI_IMPORT,
    SIG_OPENAPI_META,
    SIG_TRPC_PROCEDURE,
    FileFacts,
)
from commissioning.observe.typescript.parser import parse_file


def _facts(text: str, path: str = "src/x.ts") -> FileFacts:
    return parse_file(dedent(text), path)[0]


def test_definitions_record_lines_and_file_level_uses() -> None:
    facts = _facts("""\
        import { db } from "@/db";
        import * as q from "./queries";
        import { users } from "@/db/schema";

        function helper() { return db.select().from(users); }

        export async function listUsers() {
          const local = 1;
          return helper() ?? q.getUser(local);
        }
        export const { a, b: c } = make();
        export default () => q;
    """)
    by_name = {d.names: d for d in facts.definitions}
    assert set(by_name) == {("helper",), ("listUsers",), ("a", "c"), ("default",)}
    listing = by_name[("listUsers",)]
    assert (listing.line, listing.end_line) == (7, 10)
    # file-level names only: imports, top-level declarations, a namespace's member
    assert listing.uses == {"listUsers", "helper", "q.getUser"}
    assert by_name[("helper",)].uses == {"helper", "db", "users"}
    assert by_name[("default",)].uses == {"q"}
    assert facts.definition_at(9) == listing
    assert facts.definition_at(4) is None


def test_a_registry_lists_imported_definitions_a_function_is_never_one() -> None:
    names = [f"JOB_{i}" for i in range(8)]
    imports = "".join(f'import {{ {n} }} from "./jobs/{n}";\n' for n in names)
    facts = _facts(imports + dedent(f"""\
        export const jobs = new JobClient([{", ".join(names)}] as const);
        export const router = createRouter({{
          a: {{ {", ".join(names[:4])} }}, {", ".join(names[4:])}
        }});
        export const few = [JOB_0, JOB_1];
        export async function seed() {{
          return run({{ {", ".join(f"k{i}: {n}" for i, n in enumerate(names))} }});
        }}
    """))
    registries = {d.names[0] for d in facts.definitions if d.registry}
    assert registries == {"jobs", "router"}


def test_trpc_router_entries_and_client_calls() -> None:
    facts = _facts("""\
        import { createTRPCRouter, protectedProcedure } from "../trpc";
        import { memberRouter } from "./member";
        import { db } from "@/db";

        export const postRouter = createTRPCRouter({
          member: memberRouter,
          list: protectedProcedure
            .meta({ openapi: { method: "GET", path: "/posts" } })
            .query(() => db.query.posts.findMany()),
          admin: { purge: protectedProcedure.mutation(() => purge()) },
        });
        function purge() { return 1; }
        export function Widget() {
          const create = api.post.admin.purge.useMutation();
          const rows = trpc.post.list.useQuery();
          return thing.a.b.notAClientMethod();
        }
    """, "src/server/post.tsx")
    procedures = {p.path: p for p in facts.procedures}
    assert set(procedures) == {("member",), ("list",), ("admin", "purge")}
    assert procedures[("member",)].ref == "memberRouter"
    listing = procedures[("list",)]
    assert listing.ref is None and (listing.line, listing.end_line) == (7, 9)
    assert listing.uses == {"protectedProcedure", "db"}
    assert procedures[("admin", "purge")].uses == {"protectedProcedure", "purge"}
    assert facts.procedure_at(8) == listing
    assert [c.chain for c in facts.rpc_calls] == [("api", "post", "admin", "purge"),
                                                 ("trpc", "post", "list")]
    signals = {(s.name, s.line) for s in facts.signals}
    assert (SIG_OPENAPI_META, 8) in signals
    assert {(SIG_TRPC_PROCEDURE, 7), (SIG_TRPC_PROCEDURE, 10)} <= signals


def test_reading_an_api_key_is_a_signal_sending_one_is_not() -> None:
    reads = [
        'const h = request.headers.get("authorization");',
        "const k = (await headers()).get('x-api-key');",
        'const t = c.req.header("Authorization");',
        "const t = req.headers.authorization;",
        'const t = req.headers["x-api-key"];',
    ]
    for code in reads:
        assert SIG_API_KEY in {s.name for s in _facts(code).signals}, code
    sends = dedent("""\
        await fetch("https://api.openai.com/v1/x", {
          headers: { Authorization: `Bearer ${key}` },
        });
        const value = params.get("authorization_code");
    """)
    assert SIG_API_KEY not in {s.name for s in _facts(sends).signals}


def test_an_openapi_library_import_is_a_signal() -> None:
    facts = _facts('import { createRoute } from "@hono/zod-openapi";\n')
    assert SIG_OPENAPI_IMPORT in {s.name for s in facts.signals}
    assert SIG_OPENAPI_IMPORT not in {s.name for s in _facts('import z from "zod";\n').signals}


def test_url_literals_outside_calls_and_base_url_templates() -> None:
    facts = _facts("""\
        const chat = useChat({ api: "/api/chat" });
        const key = ok ? `/api/vote?chat=${id}` : null;
        await fetch(`${process.env.BASE_URL}/api/stripe/checkout?s=1`);
        await page.goto(`${WEBAPP_BASE_URL}/t/${team.url}/settings`);
        await fetch(`${id}/edit`);
        import("/abs/module");
    """, "src/u.tsx")
    assert [(u.callee, u.segments) for u in facts.urls] == [
        ("fetch", ("api", "stripe", "checkout")),
        ("page.goto", ("t", None, "settings")),
        ("", ("api", "chat")),
        ("", ("api", "vote")),
    ]
