"""The pure parts of the live stage: ledger files, matching, judgement, merging, row texts."""

from __future__ import annotations

import hashlib
import json

import pytest

from commissioning.evidence import (
    Diagnostic,
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Severity,
    Source,
    TableInfo,
    TableKey,
)
from commissioning.observe.live.base import LiveResult, StaticView
from commissioning.observe.live.catalog import Catalog, DbTable
from commissioning.observe.live.counts import RowCount
from commissioning.observe.live.judge import DbFacts, judge
from commissioning.observe.live.ledger_files import match_ledger
from commissioning.observe.live.ledgers import LedgerRows
from commissioning.observe.scanner import add_live
from commissioning.observe.source_tree import MemorySourceTree, SourceTree

# -- ledgers against files ------------------------------------------------------------------------


def test_drizzle_matches_by_hash_or_journal_time() -> None:
    first, second = "CREATE TABLE a (id int);\n", "CREATE TABLE b (id int);\n"
    journal = {"entries": [{"tag": "0000_a", "when": 1}, {"tag": "0001_b", "when": 2},
                           {"tag": "0002_c", "when": 3}]}
    tree = MemorySourceTree({"db/migrations/meta/_journal.json": json.dumps(journal),
                             "db/migrations/0000_a.sql": first,
                             "db/migrations/0001_b.sql": second + "-- edited after applying\n",
                             "db/migrations/0002_c.sql": "CREATE TABLE c (id int);\n"})
    sha = hashlib.sha256(first.encode()).hexdigest()
    rows = LedgerRows("drizzle", "drizzle.__drizzle_migrations",
                      frozenset({f"hash:{sha}", "when:1", "hash:elsewhere", "when:2"}))
    ledger = match_ledger(tree, rows)
    assert ledger.applied == 2
    assert ledger.applied_files == ("db/migrations/0000_a.sql", "db/migrations/0001_b.sql")
    assert ledger.pending == ("db/migrations/0002_c.sql",)


LEDGERS = [
    ("supabase", {"supabase/migrations/20240101000000_init.sql": "",
                  "supabase/migrations/20240202000000_more.sql": "",
                  "supabase/seed.sql": ""},
     {"20240101000000"}, ["supabase/migrations/20240101000000_init.sql"],
     ["supabase/migrations/20240202000000_more.sql"]),
    ("prisma", {"prisma/migrations/20240101_init/migration.sql": "",
                "prisma/migrations/20240202_more/migration.sql": "",
                "prisma/migrations/migration_lock.toml": ""},
     {"20240101_init"}, ["prisma/migrations/20240101_init/migration.sql"],
     ["prisma/migrations/20240202_more/migration.sql"]),
    ("django", {"shop/migrations/0001_initial.py": "", "shop/migrations/0002_orders.py": "",
                "shop/migrations/__init__.py": ""},
     {"shop.0001_initial"}, ["shop/migrations/0001_initial.py"],
     ["shop/migrations/0002_orders.py"]),
    ("rails", {"db/migrate/20240101000000_create_orders.rb": "",
               "db/migrate/20240202000000_add_total.rb": "", "db/schema.rb": ""},
     {"20240101000000"}, ["db/migrate/20240101000000_create_orders.rb"],
     ["db/migrate/20240202000000_add_total.rb"]),
]


@pytest.mark.parametrize(("tool", "files", "ids", "applied", "pending"), LEDGERS,
                         ids=[t[0] for t in LEDGERS])
def test_each_tool_names_its_migrations_its_own_way(
        tool: str, files: dict[str, str], ids: set[str], applied: list[str],
        pending: list[str]) -> None:
    ledger = match_ledger(MemorySourceTree(files), LedgerRows(tool, f"x.{tool}", frozenset(ids)))
    assert list(ledger.applied_files) == applied
    assert list(ledger.pending) == pending


def test_alembic_heads_imply_their_ancestors_through_merges() -> None:
    def revision(rev: str, down: str) -> str:
        return f'"""x"""\nrevision = "{rev}"\ndown_revision = {down}\n'

    tree = MemorySourceTree({
        "alembic/versions/a.py": revision("a", "None"),
        "alembic/versions/b.py": revision("b", '"a"'),
        "alembic/versions/c.py": revision("c", '"a"'),
        "alembic/versions/m.py": revision("m", '("b", "c")'),
        "alembic/versions/n.py": revision("n", '"m"'),
    })
    ledger = match_ledger(tree, LedgerRows("alembic", "public.alembic_version",
                                           frozenset({"m"})))
    assert ledger.applied_files == tuple(f"alembic/versions/{r}.py" for r in "abcm")
    assert ledger.pending == ("alembic/versions/n.py",)


# -- matching and judgement -----------------------------------------------------------------------

GROWERS = TableKey("public", "growers")
ORDERS = TableKey("public", "Orders")
IDEA = TableKey("public", "cheese_aging_logs")
MIGRATION = Evidence(GROWERS, Kind.MIGRATION, "sql.create_table", path="db/0000.sql", line=3)
STATIC = StaticView(
    tables=(TableInfo(GROWERS, "drizzle", "growers"), TableInfo(ORDERS, "drizzle", "orders"),
            TableInfo(IDEA, "idea")),
    evidence=(Evidence(GROWERS, Kind.SCHEMA, "drizzle.mysqlTable", path="s.ts", line=1),
              MIGRATION,
              Evidence(ORDERS, Kind.SCHEMA, "drizzle.mysqlTable", path="s.ts", line=9),
              Evidence(IDEA, Kind.IDEA, "config.idea", path="commissioning.toml", line=4)),
)


def facts(*tables: DbTable, counts: dict[tuple[str, str], RowCount] | None = None) -> DbFacts:
    catalog = Catalog("mysql", "shop", tuple(tables), ("shop",))
    return DbFacts("mysql+pymysql://app@127.0.0.1/shop", catalog, counts=counts or {})


def test_mysql_names_its_database_as_code_names_public_and_case_does_not_matter() -> None:
    result = judge(STATIC, facts(DbTable("shop", "growers"), DbTable("shop", "orders"),
                                 DbTable("shop", "__drizzle_migrations"),
                                 DbTable("shop", "old_stuff")))
    applied = sorted(e.table.name for e in result.evidence if e.holds)
    assert applied == ["Orders", "growers"]
    assert result.overrules == ()
    assert result.drift is not None
    assert result.drift.only_in_database == (TableKey("public", "old_stuff"),)
    assert result.drift.missing_from_database == ()


def test_an_idea_is_not_expected_in_the_database_and_a_missing_table_is_overruled() -> None:
    result = judge(STATIC, facts(DbTable("shop", "orders")))
    assert result.overrules == (MIGRATION,)
    [written] = [e for e in result.evidence if not e.holds]
    assert (written.table, written.kind, written.path, written.line, written.observed,
            written.source) == (GROWERS, Kind.MIGRATION, "db/0000.sql", 3,
                                "written, not applied", Source.DB)
    assert result.drift is not None
    assert result.drift.missing_from_database == (GROWERS,)
    assert all(e.table != IDEA for e in result.evidence)


def test_only_rows_are_data() -> None:
    counts = {("shop", "growers"): RowCount(0, exact=True),
              ("shop", "orders"): RowCount(1_234_567, exact=False)}
    result = judge(STATIC, facts(DbTable("shop", "growers"), DbTable("shop", "orders"),
                                 counts=counts))
    data = [(e.table.name, e.observed) for e in result.evidence if e.kind is Kind.DATA]
    assert data == [("Orders", "≈ 1.2M rows (estimate)")]


@pytest.mark.parametrize(("count", "text"), [
    (RowCount(12, exact=True), "rows: 12 (exact)"),
    (RowCount(12_345, exact=True), "rows: 12,345 (exact)"),
    (RowCount(999, exact=False), "≈ 999 rows (estimate)"),
    (RowCount(1_000, exact=False), "≈ 1k rows (estimate)"),
    (RowCount(4_200_000_000, exact=False), "≈ 4.2B rows (estimate)"),
    (RowCount(100_000, exact=False, at_least=True), "> 100k rows (counted up to the limit)"),
])
def test_row_count_texts(count: RowCount, text: str) -> None:
    assert count.describe() == text


# -- merging into the snapshot --------------------------------------------------------------------


class _Fixed:
    """A live observer that returns what it was given (the test's stand-in for a source)."""

    def __init__(self, name: str, result: LiveResult) -> None:
        self._name, self._result = name, result

    @property
    def name(self) -> str:
        return self._name

    def observe(self, tree: SourceTree, static: StaticView) -> LiveResult:
        return self._result


def test_live_results_merge_order_independently_and_overrules_replace() -> None:
    static = EvidenceSnapshot.build("v", ScanInputs("sha256:c", (("drizzle", "1"),)),
                                    STATIC.tables, STATIC.evidence)
    db = judge(STATIC, facts(DbTable("shop", "orders")))
    note = LiveResult(diagnostics=(Diagnostic(Severity.INFO, "x", "a note"),),
                      detectors=(("report.junit", "1"),))
    tree = MemorySourceTree({})
    one = add_live(static, tree, [_Fixed("db", db), _Fixed("reports", note)])
    two = add_live(static, tree, [_Fixed("reports", note), _Fixed("db", db)])
    assert one.snapshot.id == two.snapshot.id != static.id
    assert MIGRATION not in one.snapshot.evidence
    assert one.drift == db.drift
    assert ("report.junit", "1") in one.snapshot.inputs.detectors
    assert add_live(static, tree, []).snapshot is static
