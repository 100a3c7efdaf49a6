"""What the catalog says beyond "the table exists": row-level security, platform schemas, and
the ledgers of migration tools other than Drizzle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.observe.live.conftest import VentureDb, write_live_config

from commissioning import services

Document = dict[str, Any]

pytestmark = pytest.mark.postgres


def scan(venture: Path, db: VentureDb) -> Document:
    return services.scan(venture, store=False, venture_db=db.url).document


def test_tables_without_rls_in_an_exposed_schema_are_listed(
        venture: Path, pg_db: VentureDb) -> None:
    pg_db.run("ALTER TABLE growers ENABLE ROW LEVEL SECURITY",
              "CREATE SCHEMA internal", "CREATE TABLE internal.audit (id integer)")
    document = scan(venture, pg_db)
    drift = document["drift"]
    assert drift["rls_disabled"] == ["public.harvests", "public.legacy_imports"]
    assert drift["exposed_schemas"] == ["public"]
    notes = [d for d in document["diagnostics"] if d["code"] == "rls-disabled"]
    assert [d["severity"] for d in notes] == ["info", "info"]  # not a Supabase database
    assert "internal.audit" in drift["only_in_database"]  # unexposed: drift, not an RLS warning


def test_on_supabase_a_table_without_rls_is_a_warning_and_platform_tables_are_not_drift(
        venture: Path, pg_db: VentureDb) -> None:
    pg_db.run("CREATE SCHEMA auth", "CREATE SCHEMA storage",
              "CREATE TABLE auth.users (id uuid PRIMARY KEY)",
              "CREATE TABLE storage.objects (id uuid PRIMARY KEY)",
              "ALTER TABLE growers ENABLE ROW LEVEL SECURITY",
              "ALTER TABLE legacy_imports ENABLE ROW LEVEL SECURITY")
    document = scan(venture, pg_db)
    [note] = [d for d in document["diagnostics"] if d["code"] == "rls-disabled"]
    assert note["severity"] == "warning"
    assert note["message"].startswith("public.harvests: row-level security is disabled")
    assert "anon key" in note["message"]
    assert document["drift"]["only_in_database"] == ["public.legacy_imports"]


def test_exposed_schemas_come_from_the_config(venture: Path, pg_db: VentureDb) -> None:
    pg_db.run("CREATE SCHEMA api", "CREATE TABLE api.orders (id integer)")
    write_live_config(venture, exposed_schemas=["public", "api"])
    drift = scan(venture, pg_db)["drift"]
    assert "api.orders" in drift["rls_disabled"]


def test_the_supabase_cli_ledger_is_read(venture: Path, pg_db: VentureDb) -> None:
    migrations = venture / "supabase" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "20240101090000_legacy.sql").write_text(
        "CREATE TABLE legacy_imports (id integer PRIMARY KEY, payload text);\n", "utf-8")
    (migrations / "20240202090000_audit.sql").write_text(
        "CREATE TABLE audit_log (id integer PRIMARY KEY);\n", "utf-8")
    pg_db.run("CREATE SCHEMA supabase_migrations",
              "CREATE TABLE supabase_migrations.schema_migrations "
              "(version text PRIMARY KEY, statements text[], name text)",
              "INSERT INTO supabase_migrations.schema_migrations (version, name) "
              "VALUES ('20240101090000', 'legacy')")
    document = scan(venture, pg_db)
    ledgers = {m["tool"]: m for m in document["drift"]["migrations"]}
    assert ledgers["supabase"] == {
        "tool": "supabase", "table": "supabase_migrations.schema_migrations", "applied": 1,
        "applied_files": ["supabase/migrations/20240101090000_legacy.sql"],
        "pending": ["supabase/migrations/20240202090000_audit.sql"]}
    assert "drizzle" in ledgers
    legacy = next(t for t in document["tables"] if t["name"] == "legacy_imports")
    applied = next(e for e in legacy["evidence"]["migration"] if e.get("source") == "db")
    assert "recorded in supabase_migrations.schema_migrations" in applied["observed"]
    audit = next(t for t in document["tables"] if t["name"] == "audit_log")
    assert audit["failing"]["migration"][0]["observed"] == "written, not applied"
    # legacy_imports is now defined (by a migration): no longer drift
    assert document["drift"]["only_in_database"] == []
