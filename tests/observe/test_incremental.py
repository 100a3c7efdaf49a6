"""An incremental rescan gives the snapshot a full scan gives, id for id, whatever was edited.

Each edit is scanned three ways: with the cache after a cached scan of the tree before it (the
incremental path, when it applies), and without any cache (the reference). Edits it cannot
follow must fall back to a full scan, and say why.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bench.synth import generate

from commissioning.config import load_venture_config
from commissioning.observe.cache import CacheDir
from commissioning.observe.incremental import ScanState
from commissioning.observe.memo import DERIVED, Derived
from commissioning.observe.parsers import scan_version
from commissioning.observe.profiles.drizzle_delta import STATE_FIELDS, DrizzleState
from commissioning.observe.scanner import Observation, observe_venture_live

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dairy-plant"
REPO = "src/db/repositories/batches.ts"
ACTIONS = "src/app/(dashboard)/batches/actions.ts"
FORM = "src/components/batches/batch-form.tsx"
PAGE = "src/app/(dashboard)/batches/page.tsx"
ENDPOINT = "src/app/api/v1/batches/route.ts"
KEY_HELPER = "src/lib/api/require-api-key.ts"
SESSION_ENDPOINT = "src/app/api/tanks/readings/route.ts"
RESPONSES = "src/lib/api/responses.ts"


def _scan(root: Path, *, cache: bool = True) -> Observation:
    return observe_venture_live(root, load_venture_config(root), cache=cache, workers=1)


def _edit(root: Path, path: str, change: Callable[[str], str]) -> None:
    target = root / path
    before = target.read_text("utf-8")
    after = change(before)
    assert after != before, f"the edit of {path} changed nothing"
    target.write_text(after, encoding="utf-8")


def _rescan_matches(root: Path) -> Observation:
    """Scan with the cache, then without: the same snapshot, id included."""
    cached = _scan(root)
    reference = _scan(root, cache=False)
    assert cached.snapshot.id == reference.snapshot.id
    assert cached.snapshot == reference.snapshot
    return cached


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "dairy-plant",
                    ignore=shutil.ignore_patterns(".commissioning"))
    root = tmp_path / "dairy-plant"
    _scan(root)
    return root


def _add_access(text: str) -> str:
    text = text.replace('import { productionBatches, ',
                        'import { productionBatches, customerComplaints, ', 1)
    return text + ("\nexport async function listComplaintsForBatch() {\n"
                   "  return db.select().from(customerComplaints);\n}\n")


def _use_new_function(text: str) -> str:
    text = text.replace("import { createBatch, ",
                        "import { listComplaintsForBatch, createBatch, ", 1)
    check = "  await requireRole(\"supervisor\");\n"
    return text.replace(check, check + "  await listComplaintsForBatch();\n", 1)


EDITS: dict[str, tuple[str, Callable[[str], str]]] = {
    "a repository reads another table": (REPO, _add_access),
    "a repository function is removed": (REPO, lambda t: re.sub(
        r"export async function deletePlannedBatch\(.*?\n}\n", "", t, count=1, flags=re.S)),
    "an action stops importing a repository": (ACTIONS, lambda t: t.replace(
        "import { createBatch, deletePlannedBatch, setBatchStatus } from "
        "\"@/db/repositories/batches\";\n", "", 1)),
    "a form drops an import": (FORM, lambda t: t.replace(
        'import { Input, Label } from "@/components/ui/input";\n', "", 1)),
    "an unused export is added": (REPO, lambda t: t + "\nexport const unused = 1;\n"),
    "a page loses its imports": (PAGE, lambda t: "\n".join(
        line for line in t.splitlines() if not line.startswith("import "))),
    "an endpoint drops its API-key check": (ENDPOINT, lambda t: t.replace(
        'import { requireApiKey } from "@/lib/api/require-api-key";\n', "").replace(
        'requireApiKey(request, "batches:read")', "{ ok: true }")),
    "the API-key helper stops reading the header": (KEY_HELPER, lambda t: t.replace(
        'request.headers.get("authorization")', '""')),
    "a session endpoint takes API keys": (SESSION_ENDPOINT, lambda t: t.replace(
        'import { NextResponse } from "next/server";\n',
        'import { NextResponse } from "next/server";\n'
        'import { requireApiKey } from "@/lib/api/require-api-key";\n') + (
        "\nexport async function PUT(request: Request) {\n"
        '  const auth = requireApiKey(request, "tanks:write");\n'
        "  if (!auth.ok) return auth.response;\n  return NextResponse.json({});\n}\n")),
    "a helper endpoints use reads a bearer token": (RESPONSES, lambda t: t.replace(
        "export function badRequest(error: ZodError) {\n",
        "export function badRequest(error: ZodError) {\n"
        '  void new Headers().get("authorization");\n')),
}


# the edits that change some table's evidence (the others change facts only)
EVIDENCE_MOVES = {
    "a repository reads another table", "a repository function is removed",
    "an action stops importing a repository", "a page loses its imports",
    "a session endpoint takes API keys", "a helper endpoints use reads a bearer token",
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_rescans_incrementally_to_the_full_scans_snapshot(example: Path,
                                                                   name: str) -> None:
    path, change = EDITS[name]
    before = _scan(example).snapshot.id
    _edit(example, path, change)
    cached = _rescan_matches(example)
    assert cached.stats is not None
    assert cached.stats.incremental, cached.stats.full
    assert cached.stats.parsed == 1
    assert (cached.snapshot.id != before) == (name in EVIDENCE_MOVES)


def test_edits_in_a_row_each_rescan_from_the_last(example: Path) -> None:
    """The state a rescan leaves is the one the next starts from."""
    _edit(example, REPO, _add_access)
    assert _rescan_matches(example).stats.incremental  # type: ignore[union-attr]
    _edit(example, ACTIONS, _use_new_function)
    assert _rescan_matches(example).stats.incremental  # type: ignore[union-attr]
    _edit(example, REPO, lambda t: t.replace("customerComplaints);", "productionBatches);"))
    assert _rescan_matches(example).stats.incremental  # type: ignore[union-attr]


FULL: dict[str, tuple[str, Callable[[str], str], str]] = {
    "a schema file": ("src/db/schema/quality.ts", lambda t: t.replace(
        '"customer_complaints"', '"complaints"'), "defines changed"),
    "a seed": ("src/db/seed.ts", lambda t: t + "\nexport const seeded = true;\n", "seed"),
}


@pytest.mark.parametrize("name", sorted(FULL))
def test_an_edit_it_cannot_follow_is_a_full_scan_that_says_why(example: Path,
                                                               name: str) -> None:
    path, change, why = FULL[name]
    _edit(example, path, change)
    cached = _rescan_matches(example)
    assert cached.stats is not None
    assert not cached.stats.incremental
    assert why in cached.stats.full


def test_an_added_file_is_a_full_scan(example: Path) -> None:
    (example / "src/lib/extra.ts").write_text("export const x = 1;\n", encoding="utf-8")
    cached = _rescan_matches(example)
    assert cached.stats is not None and not cached.stats.incremental
    assert "added, removed or renamed" in cached.stats.full


def test_a_lost_state_is_a_full_scan(example: Path) -> None:
    (example / ".commissioning/cache/derived.pack").unlink()
    _edit(example, REPO, _add_access)
    cached = _rescan_matches(example)
    assert cached.stats is not None and not cached.stats.incremental
    assert "state" in cached.stats.full


# -- random edits on a generated venture ----------------------------------------------------------


def _mutations(rng: random.Random, root: Path) -> Callable[[str], str]:
    """One random edit of a TypeScript file's text: lines dropped, imports copied from another
    file, table accesses or API calls added, functions added or emptied."""
    sources = sorted(root.glob("src/**/*.ts*"))
    donor = rng.choice(sources).read_text("utf-8")
    donor_imports = [line for line in donor.splitlines() if line.startswith("import ")]
    symbols = re.findall(r"export const (\w+) = pgTable", "".join(
        p.read_text("utf-8") for p in sorted(root.glob("src/db/schema/*.ts"))))
    routes = [p.parent.relative_to(root / "src/app").as_posix()
              for p in sorted(root.glob("src/app/api/**/route.ts"))]

    def drop_line(text: str) -> str:
        lines = text.splitlines()
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines) + "\n"

    def copy_import(text: str) -> str:
        return (rng.choice(donor_imports) + "\n" + text) if donor_imports else text + "\n//\n"

    def add_access(text: str) -> str:
        symbol = rng.choice(symbols)
        return (f'import {{ {symbol} }} from "@/db/schema";\nimport {{ db }} from "@/db";\n'
                f"{text}\nexport async function touch_{symbol}() {{\n"
                f"  return db.select().from({symbol});\n}}\n")

    def add_fetch(text: str) -> str:
        route = rng.choice(routes).removeprefix("api/")
        return text + (f'\nexport async function call() {{\n  return fetch("/api/{route}");\n}}\n')

    def empty_function(text: str) -> str:
        return re.sub(r"(export (?:async )?function \w+\([^)]*\)[^{]*\{).*?\n\}",
                      r"\1\n}", text, count=1, flags=re.S) + "\n"

    return rng.choice([drop_line, copy_import, add_access, add_fetch, empty_function])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_rescan_to_the_full_scans_snapshot(tmp_path: Path, seed: int) -> None:
    root = tmp_path / "v"
    generate(root, tables=30, files=240, seed=seed)
    _scan(root)
    rng = random.Random(seed)
    code = sorted(p for p in root.glob("src/**/*.ts*") if p.is_file())
    incremental = 0
    for _ in range(8):
        target = rng.choice(code)
        change = _mutations(rng, root)
        text = target.read_text("utf-8")
        if change(text) == text:
            continue
        target.write_text(change(text), encoding="utf-8")
        cached = _rescan_matches(root)
        assert cached.stats is not None
        incremental += cached.stats.incremental
    assert incremental >= 3  # most random edits are followed incrementally


def test_a_test_that_stops_importing_a_seed_is_a_full_scan(example: Path) -> None:
    """A seed module only tests import is a test factory, not a seed (docs/evidence.md):
    dropping that import makes it a seed again, which only a full scan decides."""
    (example / "src/db/seeds").mkdir()
    (example / "src/db/seeds/demo-farms.ts").write_text(
        'import { db } from "@/db";\nimport { farms } from "@/db/schema";\n\n'
        "export async function seedDemoFarms() {\n"
        '  await db.insert(farms).values([{ name: "Demo" }]);\n}\n', encoding="utf-8")
    test = "src/db/repositories/cip-cycles.test.ts"
    _edit(example, test, lambda t: 'import { seedDemoFarms } from "@/db/seeds/demo-farms";\n'
          + t + "\nvoid seedDemoFarms;\n")
    factory = _rescan_matches(example)  # files were added: a full scan
    _edit(example, test, lambda t: t.replace(
        'import { seedDemoFarms } from "@/db/seeds/demo-farms";\n', "").replace(
        "\nvoid seedDemoFarms;\n", ""))
    seeded = _rescan_matches(example)
    assert seeded.snapshot.id != factory.snapshot.id  # the seed's rows count now
    assert seeded.stats is not None and not seeded.stats.incremental
    assert "seed" in seeded.stats.full


def test_a_changed_configuration_file_is_a_full_scan_that_names_it(example: Path) -> None:
    _edit(example, "tsconfig.json", lambda t: t.replace("{", '{\n  "compileOnSave": false,', 1))
    cached = _rescan_matches(example)
    assert cached.stats is not None and not cached.stats.incremental
    assert "tsconfig.json changed" in cached.stats.full


def _kept_state(root: Path) -> dict[str, object]:
    """The Drizzle state the last scan kept, field by field (diagnostics in order)."""
    derived = CacheDir(root, write=False).read(DERIVED, scan_version())
    assert isinstance(derived, Derived) and isinstance(derived.state, ScanState)
    state = DrizzleState.unpack(derived.state.state)
    out = {name: getattr(state, name) for name in STATE_FIELDS}
    accesses = state.accesses
    out["accesses"] = (accesses.direct, accesses.writes, accesses.detectors,
                       accesses.by_name, accesses.by_name_files,
                       sorted(accesses.diagnostics, key=lambda d: d.sort_key()))
    return out


@pytest.mark.parametrize("name", sorted(EVIDENCE_MOVES))
def test_a_rescan_keeps_the_state_a_full_scan_would_keep(example: Path, name: str) -> None:
    """What a rescan saves is what the next one starts from: it must be what a full scan of
    the same tree keeps, or a later rescan would be wrong though this one was right."""
    path, change = EDITS[name]
    _edit(example, path, change)
    assert _scan(example).stats.incremental  # type: ignore[union-attr]
    incremental = _kept_state(example)
    shutil.rmtree(example / ".commissioning" / "cache")
    assert not _scan(example).stats.incremental  # type: ignore[union-attr]
    assert _kept_state(example) == incremental


TRPC_FILES = {
    "src/server/trpc.ts": 'import { initTRPC } from "@trpc/server";\n\n'
    "const t = initTRPC.create();\n"
    "export const createTRPCRouter = t.router;\nexport const publicProcedure = t.procedure;\n",
    "src/server/routers/growers.ts":
    'import { createTRPCRouter, publicProcedure } from "@/server/trpc";\n'
    'import { listGrowers } from "@/db/repositories/growers";\n'
    'import { recordHarvest } from "@/db/repositories/harvests";\n\n'
    "export const growersRouter = createTRPCRouter({\n"
    "  list: publicProcedure.query(() => listGrowers()),\n"
    "  harvests: publicProcedure.mutation(() => recordHarvest(1, 2)),\n});\n",
    "src/server/root.ts": 'import { createTRPCRouter } from "@/server/trpc";\n'
    'import { growersRouter } from "@/server/routers/growers";\n\n'
    "export const appRouter = createTRPCRouter({ growers: growersRouter });\n",
    "src/app/board/page.tsx": '"use client";\nimport { api } from "@/trpc/react";\n\n'
    "export default function Board() {\n  const growers = api.growers.list.useQuery();\n"
    "  return <ul>{growers.data?.length}</ul>;\n}\n",
}


@pytest.fixture
def trpc_venture(tmp_path: Path) -> Path:
    root = tmp_path / "trpc"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "drizzle-mini", root)
    for path, text in TRPC_FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    package = root / "package.json"
    package.write_text(package.read_text("utf-8").replace(
        '"dependencies": {', '"dependencies": {\n    "@trpc/server": "11.0.0",', 1))
    _scan(root)
    return root


TRPC_EDITS: dict[str, tuple[str, Callable[[str], str], bool]] = {
    "a page calls another procedure": ("src/app/board/page.tsx", lambda t: t.replace(
        "api.growers.list.useQuery", "api.growers.harvests.useMutation"), True),
    "a page stops calling": ("src/app/board/page.tsx", lambda t: t.replace(
        "  const growers = api.growers.list.useQuery();\n", "  const growers = { data: [] };\n"),
        True),
    "a procedure's body changes": ("src/server/routers/growers.ts", lambda t: t.replace(
        "list: publicProcedure.query(() => listGrowers())",
        "list: publicProcedure.query(() => recordHarvest(1, 2))"), True),
    "a procedure is renamed": ("src/server/routers/growers.ts", lambda t: t.replace(
        "  list: publicProcedure", "  all: publicProcedure"), False),
}


@pytest.mark.parametrize("name", sorted(TRPC_EDITS))
def test_trpc_edits_rescan_to_the_full_scans_snapshot(trpc_venture: Path, name: str) -> None:
    """A tRPC client call is an edge to the procedure it names: a changed call is redone, a
    changed router too, unless the procedures a client can call changed (a full scan)."""
    path, change, incremental = TRPC_EDITS[name]
    before = _scan(trpc_venture).snapshot.id
    _edit(trpc_venture, path, change)
    cached = _rescan_matches(trpc_venture)
    assert cached.snapshot.id != before
    assert cached.stats is not None and cached.stats.incremental is incremental, cached.stats
    if not incremental:
        assert "tRPC" in cached.stats.full
