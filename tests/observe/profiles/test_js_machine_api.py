"""Which route handlers are machine APIs, tRPC procedures as server actions and OpenAPI
operations, Remix route modules, seed helpers, and a migration's literal rows (docs/evidence.md)."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

from commissioning.evidence import Evidence, Kind
from commissioning.observe.profiles.base import ProfileResult

Scan = Callable[..., ProfileResult]
Found = Callable[[ProfileResult, str, Kind], list[Evidence]]

BASE = {
    "package.json": '{"dependencies": {"next": "15", "drizzle-orm": "0.36"}}',
    "src/db/index.ts": 'export const db = {} as any;\n',
    "src/db/schema.ts": dedent("""\
        import { pgTable, serial } from "drizzle-orm/pg-core";
        export const users = pgTable("users", { id: serial("id") });
        export const chats = pgTable("chats", { id: serial("id") });
        export const audit = pgTable("audit", { id: serial("id") });
    """),
    "src/lib/queries.ts": dedent("""\
        import { db } from "@/db";
        import { users, chats, audit } from "@/db/schema";
        export async function getUser() { return db.select().from(users); }
        export async function saveChat() { return db.insert(chats).values({}); }
        export async function purgeAudit() { return db.delete(audit); }
    """),
    "tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
}


def _paths(result: ProfileResult, found: Found, table: str, kind: Kind) -> dict[str, str]:
    return {e.path: e.detector for e in found(result, table, kind)}


def test_reach_follows_the_imported_function_not_its_whole_file(scan: Scan,
                                                                found: Found) -> None:
    files = {**BASE, "src/app/login/page.tsx": dedent("""\
        import { getUser } from "@/lib/queries";
        export default async function Login() { return <p>{String(await getUser())}</p>; }
    """)}
    result = scan(files)
    assert _paths(result, found, "users", Kind.CRUD_UI) == {"src/app/login/page.tsx": "nextjs.page"}
    assert found(result, "chats", Kind.CRUD_UI) == []
    assert found(result, "audit", Kind.CRUD_UI) == []


def test_a_route_the_ui_calls_is_the_apps_back_end(scan: Scan, found: Found) -> None:
    files = {
        **BASE,
        "src/app/api/chat/route.ts": dedent("""\
            import { saveChat } from "@/lib/queries";
            export async function POST() { return Response.json(await saveChat()); }
        """),
        # the endpoint is an option, not a fetch argument: still a call the UI makes
        "src/components/chat.tsx": dedent("""\
            "use client";
            export function Chat() { const c = useChat({ api: "/api/chat" }); return null; }
        """),
        "src/app/page.tsx": dedent("""\
            import { Chat } from "@/components/chat";
            export default function Home() { return <Chat />; }
        """),
    }
    result = scan(files)
    assert _paths(result, found, "chats", Kind.SERVER_ACTIONS) == {
        "src/app/api/chat/route.ts": "nextjs.route_handler"}
    assert found(result, "chats", Kind.A2A_API) == []
    assert "src/app/page.tsx" in _paths(result, found, "chats", Kind.CRUD_UI)


def test_a_route_checking_the_session_is_not_a_machine_api(scan: Scan, found: Found) -> None:
    files = {
        **BASE,
        "src/lib/session.ts": dedent("""\
            import { getServerSession } from "next-auth";
            export async function getCurrentUser() { return (await getServerSession())?.user; }
        """),
        "src/app/api/me/route.ts": dedent("""\
            import { getUser } from "@/lib/queries";
            import { getCurrentUser } from "@/lib/session";
            export async function GET() {
              await getCurrentUser();
              return Response.json(await getUser());
            }
        """),
        "src/app/api/stats/route.ts": dedent("""\
            import { getUser } from "@/lib/queries";
            export async function GET() { return Response.json(await getUser()); }
        """),
    }
    result = scan(files)
    # neither called by the UI; the session check (in a helper it uses) makes /api/me internal
    assert _paths(result, found, "users", Kind.A2A_API) == {
        "src/app/api/stats/route.ts": "nextjs.api_route"}


def test_api_keys_versioned_paths_and_webhooks(scan: Scan, found: Found) -> None:
    files = {
        **BASE,
        "src/lib/api-key.ts": dedent("""\
            export function requireApiKey(request: Request) {
              return request.headers.get("authorization")?.startsWith("Bearer ");
            }
        """),
        # the UI calls it too, but it takes an API key from its helper: a machine API
        "src/app/api/users/route.ts": dedent("""\
            import { getUser } from "@/lib/queries";
            import { requireApiKey } from "@/lib/api-key";
            import { cookies } from "next/headers";
            export async function GET(r: Request) {
              requireApiKey(r);
              cookies();
              return Response.json(await getUser());
            }
        """),
        "src/components/users.tsx": dedent("""\
            "use client";
            export function Users() { fetch("/api/users"); return <form />; }
        """),
        "src/app/api/v1/chats/route.ts": dedent("""\
            import { saveChat } from "@/lib/queries";
            import { auth } from "@/auth";
            export async function POST() { await auth(); return Response.json(await saveChat()); }
        """),
        "src/app/api/stripe/route.ts": dedent("""\
            import { purgeAudit } from "@/lib/queries";
            export async function POST(req: Request) {
              const event = stripe.webhooks.constructEvent(await req.text(), sig, secret);
              await purgeAudit();
            }
        """),
    }
    result = scan(files)
    assert _paths(result, found, "users", Kind.A2A_API) == {
        "src/app/api/users/route.ts": "api.key_auth"}
    assert "src/app/api/users/route.ts" in _paths(result, found, "users", Kind.SERVER_ACTIONS)
    assert _paths(result, found, "chats", Kind.A2A_API) == {
        "src/app/api/v1/chats/route.ts": "api.versioned_path"}
    assert found(result, "audit", Kind.A2A_API) == []
    assert _paths(result, found, "audit", Kind.ETL) == {
        "src/app/api/stripe/route.ts": "webhook.verified"}


TRPC = {
    "src/server/trpc.ts": dedent("""\
        export const router = (x: unknown) => x;
        export const authedProcedure = {} as any;
    """),
    "src/server/routers/chat.ts": dedent("""\
        import { router, authedProcedure } from "../trpc";
        import { saveChat, purgeAudit } from "@/lib/queries";
        import { findUsers } from "./find-users";
        export const chatRouter = router({
          save: authedProcedure
            .meta({ openapi: { method: "POST", path: "/chats" } })
            .mutation(() => saveChat()),
          purge: authedProcedure.mutation(() => purgeAudit()),
          users: { find: findUsers },
        });
    """),
    "src/server/routers/find-users.ts": dedent("""\
        import { authedProcedure } from "../trpc";
        import { getUser } from "@/lib/queries";
        export const findUsers = authedProcedure.query(() => getUser());
    """),
    "src/server/root.ts": dedent("""\
        import { router } from "./trpc";
        import { chatRouter } from "./routers/chat";
        export const appRouter = router({ chat: chatRouter });
    """),
    "src/components/people.tsx": dedent("""\
        "use client";
        export function People() {
          const users = trpc.chat.users.find.useQuery();
          const save = trpc.chat.save.useMutation();
          return <form onSubmit={() => save.mutate()} />;
        }
    """),
}


def test_trpc_client_calls_reach_the_procedures_they_name(scan: Scan, found: Found) -> None:
    result = scan({**BASE, **TRPC})
    people = "src/components/people.tsx"
    assert people in _paths(result, found, "users", Kind.CRUD_UI)
    assert people in _paths(result, found, "chats", Kind.CRUD_UI)
    assert people not in _paths(result, found, "audit", Kind.CRUD_UI)  # purge is never called
    # a procedure in a file of its own is a server action
    assert _paths(result, found, "users", Kind.SERVER_ACTIONS)[
        "src/server/routers/find-users.ts"] == "trpc.procedure"


def test_an_openapi_procedure_is_a_machine_api_the_rest_of_its_router_is_not(
        scan: Scan, found: Found) -> None:
    result = scan({**BASE, **TRPC})
    (api,) = found(result, "chats", Kind.A2A_API)
    assert (api.detector, api.path, api.line) == (
        "openapi.operation", "src/server/routers/chat.ts", 2)
    assert found(result, "audit", Kind.A2A_API) == []
    assert found(result, "users", Kind.A2A_API) == []


REMIX = {
    "package.json": '{"dependencies": {"@react-router/node": "7", "drizzle-orm": "0.36"}}',
    "app/root.tsx": "export default function App() { return null; }\n",
    "app/db.ts": 'export const db = {} as any;\n',
    "app/schema.ts": dedent("""\
        import { pgTable, serial } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", { id: serial("id") });
        export const comments = pgTable("comments", { id: serial("id") });
    """),
    "app/routes/notes.$id.tsx": dedent("""\
        import { db } from "~/db";
        import { notes, comments } from "~/schema";
        export async function loader() { return db.select().from(notes); }
        export async function action() { return db.insert(comments).values({}); }
        export default function Note() { return <Form method="post" />; }
    """),
    "app/routes/healthz.ts": dedent("""\
        import { db } from "~/db";
        import { notes } from "~/schema";
        export async function loader() { return db.select().from(notes); }
    """),
    "e2e/notes.spec.ts": dedent("""\
        import { test } from "@playwright/test";
        test("a note", async ({ page }) => { await page.goto(`${BASE_URL}/notes/1`); });
    """),
    "tsconfig.json": '{"compilerOptions": {"paths": {"~/*": ["./app/*"]}}}',
}


def test_remix_route_modules_are_pages_and_their_actions_server_actions(
        scan: Scan, found: Found) -> None:
    result = scan(REMIX)
    route = "app/routes/notes.$id.tsx"
    assert _paths(result, found, "notes", Kind.CRUD_UI) == {route: "remix.route"}
    assert _paths(result, found, "comments", Kind.CRUD_UI) == {route: "remix.route"}
    # the action writes comments; the loader's read of notes is the page's, not an action's
    assert _paths(result, found, "comments", Kind.SERVER_ACTIONS) == {route: "remix.action"}
    assert found(result, "notes", Kind.SERVER_ACTIONS) == []
    assert "app/routes/healthz.ts" not in _paths(result, found, "notes", Kind.CRUD_UI)
    (e2e,) = found(result, "notes", Kind.E2E_TESTS)
    assert (e2e.path, e2e.via[0].path) == ("e2e/notes.spec.ts", route)


def test_seed_helpers_and_test_factories_are_not_seeds(scan: Scan, found: Found) -> None:
    files = {
        **BASE,
        "src/db/seeds/users.ts": dedent("""\
            import { db } from "@/db";
            import { users } from "@/db/schema";
            export async function seedUser() { return db.insert(users).values({}); }
        """),
        "src/db/seeds/chats.ts": dedent("""\
            import { db } from "@/db";
            import { chats } from "@/db/schema";
            export async function seedBlankChat() { return db.insert(chats).values({}); }
        """),
        "src/db/seeds/initial.ts": dedent("""\
            import { seedUser } from "./users";
            export async function seedDatabase() { await seedUser(); }
        """),
        "e2e/chats.spec.ts": dedent("""\
            import { test } from "@playwright/test";
            import { seedBlankChat } from "../src/db/seeds/chats";
            import { seedDatabase } from "../src/db/seeds/initial";
            test("x", async () => { await seedBlankChat(); await seedDatabase(); });
        """),
    }
    result = scan(files)
    # users.ts is initial.ts's helper: the evidence is the seed that runs it
    assert _paths(result, found, "users", Kind.DATA) == {"src/db/seeds/initial.ts": "seed.script"}
    # chats.ts only serves a spec and exports no seed entry: a test factory
    assert found(result, "chats", Kind.DATA) == []


def test_a_migrations_literal_rows_are_data_a_backfill_is_not(scan: Scan, found: Found) -> None:
    files = {
        **BASE,
        "drizzle/0000_init.sql": dedent("""\
            CREATE TABLE users (id serial primary key);
            CREATE TABLE chats (id serial primary key);
            INSERT INTO users (id) VALUES (1), (2);
            INSERT INTO chats (id) SELECT id FROM users;
        """),
    }
    result = scan(files)
    (row,) = found(result, "users", Kind.DATA)
    assert (row.detector, row.path, row.line) == ("sql.migration_rows", "drizzle/0000_init.sql", 3)
    assert found(result, "chats", Kind.DATA) == []
