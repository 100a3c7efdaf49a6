"""The profile as a whole: detection, the registry, progress, diagnostics, determinism."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

from commissioning.config import VentureConfig, load_venture_config
from commissioning.errors import ConfigError
from commissioning.evidence import Diagnostic, Evidence, Kind, Severity
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.drizzle import DRIZZLE
from commissioning.observe.source_tree import DiskSourceTree, MemorySourceTree

Scan = Callable[..., ProfileResult]
Found = Callable[[ProfileResult, str, Kind], list[Evidence]]
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "drizzle-mini"

VENTURE = {
    "package.json": '{"dependencies": {"next": "15", "drizzle-orm": "0.36", '
                    '"@trpc/server": "11"}, "devDependencies": {"@playwright/test": "1"}}',
    "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./src/*"]}}}',
    "src/db/schema.ts": dedent("""\
        import { pgTable, serial } from "drizzle-orm/pg-core";
        export const orders = pgTable("orders", { id: serial("id") });
        export const parcels = pgTable("parcels", { id: serial("id") });
    """),
    "src/db/index.ts": 'import * as schema from "./schema";\n'
                       "export const db = drizzle(c, { schema });\n",
    "src/server/api/routers/orders.ts": dedent("""\
        import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
        import { orders } from "@/db/schema";

        export const ordersRouter = createTRPCRouter({
          list: publicProcedure.query(({ ctx }) => ctx.db.select().from(orders)),
        });
    """),
    "src/inngest/sync.ts": dedent("""\
        import { db } from "@/db";
        import { parcels } from "@/db/schema";
        export const sync = inngest.createFunction({ id: "sync" }, { cron: "0 * * * *" },
          async () => db.insert(parcels).values({}));
    """),
    "src/lib/queue.ts": dedent("""\
        import { db } from "@/db";
        export const w = new Worker("parcels", async () => db.query.parcels.findMany());
    """),
    "src/mcp/server.ts": dedent("""\
        import { db } from "@/db";
        import { orders } from "@/db/schema";
        server.tool("list_orders", {}, async () => db.select().from(orders));
    """),
    "src/app/api/v1/orders/route.ts":
        'import { ordersRouter } from "@/server/api/routers/orders";\n',
    "src/app/api/auth/[...nextauth]/route.ts":
        'import { orders } from "@/db/schema";\nexport const x = db.select().from(orders);\n',
    "src/screens/orders.tsx": 'import { ordersRouter } from "@/server/api/routers/orders";\n',
    "src/broken.ts": 'import { orders } from "@/db/schema";\nexport const = ;\n'
                     "export const n = () => db.$count(orders);\n",
    "README.md": "orders and parcels",
    "src/db/migrations/0000_init.sql": "create table orders (id serial);\n",
}


def test_kinds_from_signals_and_paths(scan: Scan, found: Found) -> None:
    result = scan(VENTURE)
    (trpc,) = found(result, "orders", Kind.SERVER_ACTIONS)
    assert (trpc.detector, trpc.path, trpc.line) == (
        "trpc.router", "src/server/api/routers/orders.ts", 5)
    etl = {e.path: e.detector for e in found(result, "parcels", Kind.ETL)}
    assert etl == {"src/inngest/sync.ts": "etl.path", "src/lib/queue.ts": "etl.signal"}
    api = {e.path: e.detector for e in found(result, "orders", Kind.A2A_API)}
    assert api == {"src/app/api/v1/orders/route.ts": "api.versioned_path",
                   "src/mcp/server.ts": "mcp.tool"}
    (migration,) = found(result, "orders", Kind.MIGRATION)
    assert migration.path == "src/db/migrations/0000_init.sql"
    assert result.components == ("drizzle", "nextjs", "playwright", "trpc")
    assert found(result, "orders", Kind.CRUD_UI) == []


def test_config_roles_apply(scan: Scan, found: Found) -> None:
    result = scan(VENTURE, '[roles.crud_ui]\nextra_globs = ["src/screens/**"]\n'
                           '[roles.etl]\nexclude = ["src/inngest/**"]\n')
    (screen,) = found(result, "orders", Kind.CRUD_UI)
    assert (screen.detector, screen.path) == ("config.crud_ui", "src/screens/orders.tsx")
    assert {e.path for e in found(result, "parcels", Kind.ETL)} == {"src/lib/queue.ts"}
    assert ("config.crud_ui", DRIZZLE.version) in result.detectors


def test_parse_error_is_reported_and_the_scan_goes_on(scan: Scan, found: Found) -> None:
    result = scan(VENTURE)
    errors = [d for d in result.diagnostics if d.code == "parse-error"]
    assert errors == [Diagnostic(Severity.WARNING, "parse-error", errors[0].message,
                                 "src/broken.ts", 2)]
    assert "src/broken.ts" in {e.path for e in found(result, "orders", Kind.REPOSITORY)}
    assert len(found(result, "orders", Kind.REPOSITORY)) >= 3


def test_progress_counts_every_file_it_reads(scan: Scan) -> None:
    calls: list[tuple[int, int]] = []
    scan(VENTURE, progress=lambda done, total: calls.append((done, total)))
    code = sum(1 for p in VENTURE if p.endswith((".ts", ".tsx")))
    assert calls == [(i, code + 1) for i in range(1, code + 2)]  # + the migration


@dataclass
class ShuffledTree:
    """A tree that lists its files in a random order: results must not depend on it."""

    inner: MemorySourceTree
    seed: int

    def files(self) -> tuple[str, ...]:
        files = list(self.inner.files())
        random.Random(self.seed).shuffle(files)
        return tuple(files)

    def text(self, path: str) -> str | None:
        return self.inner.text(path)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.inner.diagnostics()


def test_file_order_does_not_change_the_result() -> None:
    config = VentureConfig()
    baseline = DRIZZLE.observe(MemorySourceTree(VENTURE), config)
    assert baseline.evidence
    for seed in range(5):
        items = list(VENTURE.items())
        random.Random(seed).shuffle(items)
        shuffled = ShuffledTree(MemorySourceTree(dict(items)), seed)
        assert DRIZZLE.observe(shuffled, config) == baseline


def test_detect() -> None:
    assert DRIZZLE.detect(MemorySourceTree(VENTURE))
    assert DRIZZLE.detect(MemorySourceTree({"drizzle.config.ts": "export default {};"}))
    supabase_next = '{"dependencies": {"next": "15", "@supabase/ssr": "0.5"}}'
    # no ORM: the supabase profile's (test_supabase_profile.py)
    assert not DRIZZLE.detect(MemorySourceTree({"apps/web/package.json": supabase_next}))
    prisma = '{"dependencies": {"next": "15", "@prisma/client": "5"}}'
    assert not DRIZZLE.detect(MemorySourceTree({"package.json": prisma}))


def test_registry() -> None:
    assert DRIZZLE in PROFILES
    assert profile_by_name("drizzle") is DRIZZLE
    with pytest.raises(ConfigError, match=r"known profiles: .*drizzle"):
        profile_by_name("no-such-stack")


def test_the_drizzle_mini_fixture_matches_its_expectations() -> None:
    tree = DiskSourceTree(FIXTURE)
    result = DRIZZLE.observe(tree, load_venture_config(FIXTURE))
    kinds: dict[str, set[Kind]] = {}
    for e in result.evidence:
        kinds.setdefault(e.table.name, set()).add(e.kind)
    assert kinds["growers"] == {Kind.SCHEMA, Kind.MIGRATION, Kind.DATA, Kind.REPOSITORY,
                                Kind.SERVER_ACTIONS, Kind.CRUD_UI, Kind.ETL, Kind.A2A_API,
                                Kind.E2E_TESTS}
    assert kinds["harvests"] == {Kind.SCHEMA, Kind.MIGRATION, Kind.REPOSITORY}
    assert kinds["sensors"] == {Kind.SCHEMA}
    assert result.diagnostics == ()
