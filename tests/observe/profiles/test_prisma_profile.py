"""The Prisma + Next.js profile: the fixture's states, clients, seeds, migrations, bad input."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from textwrap import dedent

import pytest

from commissioning.config import load_venture_config, parse_venture_config
from commissioning.evidence import Evidence, Kind, TableKey
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.drizzle import DRIZZLE
from commissioning.observe.profiles.prisma import PRISMA, PRISMA_RULES
from commissioning.observe.profiles.supabase import SUPABASE
from commissioning.observe.scanner import observe_tree, observe_venture
from commissioning.observe.source_tree import MemorySourceTree

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "prisma-mini"
PACKAGE = '{"dependencies": {"next": "15", "@prisma/client": "5"}}'
SCHEMA = dedent("""\
    datasource db {
      provider = "postgresql"
      url      = env("DATABASE_URL")
    }
    model User {
      id    Int    @id
      posts Post[]
      @@map("users")
    }
    model Post {
      id       Int  @id
      author   User @relation(fields: [authorId], references: [id])
      authorId Int
    }
""")


def _scan(files: Mapping[str, str], toml: str = "") -> ProfileResult:
    return PRISMA.observe(MemorySourceTree({"package.json": PACKAGE,
                                            "prisma/schema.prisma": SCHEMA, **files}),
                          parse_venture_config(toml))


def _kinds(result: ProfileResult, table: str) -> dict[Kind, list[Evidence]]:
    out: dict[Kind, list[Evidence]] = {}
    for e in result.evidence:
        if e.table.name == table:
            out.setdefault(e.kind, []).append(e)
    return out


def test_the_prisma_mini_fixture_scans_without_diagnostics() -> None:
    """Its states are held by tests/observe/profiles/test_fixture_ventures.py."""
    snapshot = observe_venture(FIXTURE, load_venture_config(FIXTURE))
    assert snapshot.diagnostics == ()


def test_fixture_evidence_names_the_right_places() -> None:
    snapshot = observe_venture(FIXTURE, load_venture_config(FIXTURE))
    where = {(e.table.name, e.kind): (e.detector, e.location) for e in snapshot.evidence
             if not e.via}
    assert where[("owners", Kind.SCHEMA)] == ("prisma.model", "prisma/schema.prisma:12")
    assert where[("_PetToVaccine", Kind.SCHEMA)][0] == "prisma.implicit_m2m"
    assert where[("owners", Kind.DATA)] == ("prisma.seed_command", "prisma/seed.ts:9")
    assert where[("pets", Kind.DATA)] == ("prisma.seed_command", "prisma/seed.ts:13")
    assert where[("_PetToVaccine", Kind.DATA)] == ("prisma.seed_command", "prisma/seed.ts:15")
    assert where[("Appointment", Kind.REPOSITORY)] == ("prisma.access",
                                                      "src/lib/appointments.ts:5")
    assert where[("owners", Kind.ETL)] == ("etl.path", "src/jobs/reminders.ts:7")
    assert where[("pets", Kind.SERVER_ACTIONS)] == ("trpc.router",
                                                   "src/server/api/routers/pets.ts:5")


def test_clients_are_recognised_and_lookalikes_are_not() -> None:
    result = _scan({
        "src/lib/client.ts": 'import { PrismaClient } from "@prisma/client";\n'
                             "const base = new PrismaClient();\nexport const store = base;\n",
        "src/lib/users.ts": 'import { store } from "./client";\n'
                            "export const all = () => store.user.findMany();\n",
        "src/lib/posts.ts": "export const mine = (repo) => repo.post.findMany();\n"
                            "export const cache = new Map();\n"
                            "export const hit = () => cache.post.findMany();\n",
        "src/lib/writer.ts": "export const w = (database) => database.post.create({});\n",
    })
    repo = {(e.table.name, e.path) for e in result.evidence if e.kind == Kind.REPOSITORY}
    assert repo == {("users", "src/lib/users.ts"), ("Post", "src/lib/writer.ts")}


def test_nested_relations_resolve_through_the_schema() -> None:
    result = _scan({
        "scripts/seed.ts": "await prisma.user.create({ data: { posts: { create: [{}] } } });\n",
        "src/app/page.tsx": "export default async function P() {\n"
                            "  return prisma.user.findMany({ include: { posts: true, "
                            "email: true } });\n}\n",
    })
    assert [e.path for e in _kinds(result, "Post")[Kind.DATA]] == ["scripts/seed.ts"]
    assert [e.line for e in _kinds(result, "Post")[Kind.CRUD_UI]] == [2]


def test_the_package_json_seed_command_names_the_seed_script() -> None:
    package = json.dumps({"dependencies": {"@prisma/client": "5"},
                          "prisma": {"seed": "ts-node --transpile-only ./db/fill.ts"}})
    tree = MemorySourceTree({"package.json": package, "prisma/schema.prisma": SCHEMA,
                             "db/fill.ts": "await prisma.user.createMany({ data: [] });\n"})
    result = PRISMA.observe(tree, parse_venture_config(""))
    (data,) = _kinds(result, "users")[Kind.DATA]
    assert (data.detector, data.path) == ("prisma.seed_command", "db/fill.ts")
    assert Kind.REPOSITORY not in _kinds(result, "users")  # a seed is never repository


def test_only_prisma_migrations_are_this_schemas_migrations() -> None:
    result = _scan({
        "prisma/migrations/20240101_init/migration.sql": 'CREATE TABLE "users" (id int);\n'
                                                         'CREATE TABLE "Post" (id int);\n',
        "db/clickhouse/migrations/01_events.sql": "CREATE TABLE events (id int);\n",
    })
    assert {t.key.name for t in result.tables} == {"users", "Post"}
    assert Kind.MIGRATION in _kinds(result, "Post")


def test_a_mysql_schema_reads_its_migrations_as_mysql() -> None:
    schema = SCHEMA.replace('"postgresql"', '"mysql"')
    tree = MemorySourceTree({"prisma/schema.prisma": schema,
                             "prisma/migrations/1_init/migration.sql":
                                 "CREATE TABLE `users` (`id` INTEGER NOT NULL) "
                                 "DEFAULT CHARACTER SET utf8mb4;\n"})
    result = PRISMA.observe(tree, parse_venture_config(""))
    assert result.diagnostics == ()
    assert Kind.MIGRATION in _kinds(result, "users")


def test_bad_schema_input_is_reported_never_raised() -> None:
    broken = SCHEMA.replace('@@map("users")', "@@map(TABLE_NAME)") + "model {\n"
    result = _scan({"prisma/schema.prisma": broken})
    codes = {(d.code, d.path) for d in result.diagnostics}
    assert ("unresolved-table-name", "prisma/schema.prisma") in codes
    assert ("prisma-parse-error", "prisma/schema.prisma") in codes
    assert {t.key for t in result.tables} == {TableKey("public", "Post")}


def test_detect_registry_and_rules() -> None:
    assert PRISMA.detect(MemorySourceTree({"package.json": PACKAGE}))
    assert PRISMA.detect(MemorySourceTree({"apps/web/prisma/schema/a.prisma": "model A {}"}))
    assert not PRISMA.detect(MemorySourceTree({"package.json": '{"dependencies": {"next": "1"}}'}))
    assert PRISMA in PROFILES and profile_by_name("prisma") is PRISMA
    assert PRISMA.rules == PRISMA_RULES
    assert {r.kind for r in PRISMA.rules} >= {Kind.MIGRATION, Kind.DATA, Kind.E2E_TESTS}
    with_prisma = MemorySourceTree({"package.json": PACKAGE, "prisma/schema.prisma": SCHEMA,
                                    "supabase/migrations/1.sql": "create table x (id int);"})
    assert not SUPABASE.detect(with_prisma) and not DRIZZLE.detect(with_prisma)


def test_a_prisma_table_also_claimed_by_drizzle_is_reported() -> None:
    tree = MemorySourceTree({
        "package.json": PACKAGE, "prisma/schema.prisma": SCHEMA,
        "src/db/schema.ts": 'import { pgTable } from "drizzle-orm/pg-core";\n'
                            'export const users = pgTable("users", {});\n'})
    config = parse_venture_config('[venture]\nprofiles = ["drizzle", "prisma"]\n')
    snapshot = observe_tree(tree, config, venture="both")
    claimed = [d for d in snapshot.diagnostics if d.code == "table-claimed-twice"]
    assert len(claimed) == 1 and "public.users" in claimed[0].message


@pytest.mark.parametrize("kind", [Kind.SERVER_ACTIONS, Kind.A2A_API])
def test_next_roles_are_the_drizzle_profiles_roles(kind: Kind) -> None:
    assert {r.detector for r in DRIZZLE.rules if r.kind == kind} \
        == {r.detector for r in PRISMA.rules if r.kind == kind}
