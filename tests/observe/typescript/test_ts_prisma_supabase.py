"""Prisma Client delegate calls, supabase-js embedded resources and edge function calls."""

from __future__ import annotations

from textwrap import dedent

from commissioning.observe.typescript.facts import SIG_TRPC_ROUTER, AccessSite
from commissioning.observe.typescript.parser import parse_file
from commissioning.observe.typescript.supabase_calls import embedded_resources


def _prisma(source: str, path: str = "src/a.ts") -> list[AccessSite]:
    facts, _ = parse_file(dedent(source), path)
    return [s for s in facts.accesses if s.by == "prisma"]


def test_delegate_calls_keep_the_whole_receiver() -> None:
    sites = _prisma("""\
        await prisma.userProfile.findMany();
        await ctx.db.post.create({ data: { title } });
        await this.prisma.tag.upsert({ where, create, update });
        await db.query.users.findMany();  // Drizzle's relational API
        await prisma.$queryRaw`select 1`;
        await prisma.user.frobnicate();
        await (await getDb()).user.findMany();
    """)
    assert [(s.ref, s.op, s.write, s.line) for s in sites] == [
        (("prisma", "userProfile"), "findMany", False, 1),
        (("ctx", "db", "post"), "create", True, 2),
        (("this", "prisma", "tag"), "upsert", True, 3),
    ]
    assert not any(s.client for s in sites)


def test_a_file_proves_its_own_clients() -> None:
    sites = _prisma("""\
        export const run = (db) => db.$transaction(async (tx) => {
          await tx.order.update({ where: { id: 1 }, data: {} });
        });
        export function archive(client: PrismaClient) {
          return client.order.deleteMany({});
        }
        export function inner(t: Prisma.TransactionClient) { return t.order.count(); }
        export function shadowed(tx: Cache) { return tx.order.findFirst(); }
        export const other = (tx) => tx.order.findMany();
    """)
    assert [(s.ref[0], s.client) for s in sites] == [
        ("tx", True), ("client", True), ("t", True), ("tx", False), ("tx", False)]


def test_nested_reads_and_writes_carry_their_relation_path() -> None:
    sites = _prisma("""\
        await prisma.poll.create({
          data: {
            title: "Lunch",
            options: { createMany: { data: [{ start }] } },
            owner: { connect: { id } },
            participants: { create: [{ name: "Ann", votes: { create: { optionId } } }] },
          },
        });
        await prisma.poll.findMany({
          include: { options: { include: { votes: true } }, _count: true },
          select: { id: true },
        });
    """)
    nested = [(s.path, s.op, s.write) for s in sites if s.path]
    assert nested == [
        (("options",), "createMany", True),
        (("owner",), "connect", False),
        (("participants",), "create", True),
        (("participants", "votes"), "create", True),
        (("options",), "read", False),
        (("options", "votes"), "read", False),
        (("id",), "read", False),  # a scalar: the profile drops it, the schema knows
    ]


def test_embedded_resources_of_a_select_string() -> None:
    assert embedded_resources("*, questions(*, choices(*))") == ["questions", "choices"]
    assert embedded_resources(
        "id, author:users!posts_author_id_fkey(name), ...profiles!inner(avatar), "
        "amount.sum(), count()") == ["users", "profiles"]
    assert embedded_resources("*") == []


def test_supabase_select_reads_its_embedded_tables_too() -> None:
    facts, _ = parse_file(
        'const q = supabase.from("quiz_sets").select("*, questions(*, choices(*))");\n'
        'const r = supabase.from("games").insert({}).select("id, hosts(name)");\n'
        'const s = Buffer.from("aGk=", "base64");\n', "src/a.ts")
    assert [(s.ref, s.op, s.write) for s in facts.accesses] == [
        (("quiz_sets",), "select", False),
        (("questions",), "select", False),
        (("choices",), "select", False),
        (("games",), "insert", True),
    ]


def test_edge_function_invocations_and_urls() -> None:
    facts, _ = parse_file(dedent("""\
        await supabase.functions.invoke("loan-tool", { body: {} });
        const chat = useChat({ api: `${process.env.NEXT_PUBLIC_SUPABASE_URL}/functions/v1/chat` });
        await fetch(`${url}/functions/v1/${name}`);
        // "/functions/v1/commented" in a comment is not a call
    """), "src/a.tsx")
    assert facts.functions == (("loan-tool", 1), ("chat", 2))


def test_trpc_routers_with_a_ventures_own_procedures() -> None:
    facts, _ = parse_file(dedent("""\
        export const a = router({ list: spaceProcedure.input(schema).query(() => 1) });
        export const b = router({ polls, user });
        export const c = t.router({ add: eventTypeProcedure.mutation(() => 1) });
    """), "src/r.ts")
    assert [s.line for s in facts.signals if s.name == SIG_TRPC_ROUTER] == [1, 3]
