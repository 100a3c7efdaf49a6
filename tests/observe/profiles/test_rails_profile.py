"""The Rails profile as a whole: the fixture's states, detection, registry, bad input."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from commissioning.config import VentureConfig, load_venture_config, parse_venture_config
from commissioning.evidence import Evidence, Kind, Severity
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.rails import RAILS
from commissioning.observe.profiles.rails_roles import RAILS_RULES
from commissioning.observe.source_tree import DiskSourceTree, MemorySourceTree

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "rails-mini"
LADDER = (Kind.SCHEMA, Kind.MIGRATION, Kind.DATA, Kind.REPOSITORY, Kind.SERVER_ACTIONS,
          Kind.CRUD_UI, Kind.ETL, Kind.A2A_API, Kind.E2E_TESTS)


def scan(files: Mapping[str, str], toml: str = "") -> ProfileResult:
    return RAILS.observe(MemorySourceTree(dict(files)), parse_venture_config(toml))


def kinds_of(result: ProfileResult) -> dict[str, set[Kind]]:
    out: dict[str, set[Kind]] = {t.key.name: set() for t in result.tables}
    for e in result.evidence:
        out[e.table.name].add(e.kind)
    return out


def pick(result: ProfileResult, table: str, kind: Kind) -> list[Evidence]:
    return [e for e in result.evidence if e.table.name == table and e.kind == kind]


@pytest.fixture(scope="module")
def fixture_result() -> ProfileResult:
    return RAILS.observe(DiskSourceTree(FIXTURE), load_venture_config(FIXTURE))


def test_the_fixture_evidence_points_where_a_reader_would(fixture_result: ProfileResult) -> None:
    kinds = kinds_of(fixture_result)
    assert kinds["billing_invoices"] == {Kind.SCHEMA, Kind.MIGRATION, Kind.REPOSITORY,
                                         Kind.SERVER_ACTIONS, Kind.CRUD_UI}
    assert kinds["line_items"] == {Kind.SCHEMA}
    (renamed,) = pick(fixture_result, "archived_orders", Kind.MIGRATION)
    assert renamed.location == "db/migrate/20240104000000_create_old_orders.rb:3"
    (e2e,) = pick(fixture_result, "orders", Kind.E2E_TESTS)
    assert e2e.location == "spec/requests/orders_spec.rb:5"
    assert [str(s) for s in e2e.via] == ["app/controllers/orders_controller.rb:7"]
    api = {e.path for e in pick(fixture_result, "orders", Kind.A2A_API)}
    assert api == {"app/controllers/api/v1/orders_controller.rb"}
    symbols = {t.key.name: t.symbol for t in fixture_result.tables}
    assert symbols["orders"] == "Order" and symbols["people"] == "Person"


def test_the_fixture_reports_bad_input(fixture_result: ProfileResult) -> None:
    notes = {(d.code, d.path, d.severity) for d in fixture_result.diagnostics}
    assert notes == {
        ("ruby-parse-error", "app/services/broken_report.rb", Severity.WARNING),
        ("rails-model-table-unknown", "app/models/ghost.rb", Severity.INFO),
        ("rails-model-table-unresolved", "app/models/legacy_record.rb", Severity.WARNING),
    }


def test_detection_and_registry() -> None:
    assert RAILS.detect(DiskSourceTree(FIXTURE))
    assert RAILS.detect(MemorySourceTree({"Gemfile": "", "config/application.rb": ""}))
    assert RAILS.detect(MemorySourceTree({"db/schema.rb": "", "app/models/a.rb": ""}))
    assert not RAILS.detect(MemorySourceTree({"config/application.rb": "", "lib/a.rb": ""}))
    assert RAILS in PROFILES and profile_by_name("rails") is RAILS
    assert RAILS.rules == RAILS_RULES


def test_deterministic_and_reports_progress() -> None:
    seen: list[tuple[int, int]] = []
    first = RAILS.observe(DiskSourceTree(FIXTURE), VentureConfig(), lambda d, t: seen.append(
        (d, t)))
    again = RAILS.observe(DiskSourceTree(FIXTURE), VentureConfig())
    assert first == again
    assert seen and seen[-1][0] == seen[-1][1]


def test_without_a_schema_file_the_migrations_are_the_schema() -> None:
    result = scan({"db/migrate/1_create_orders.rb": "create_table :orders\n",
                   "app/models/order.rb": "class Order < ApplicationRecord\nend\n"})
    (schema,) = pick(result, "orders", Kind.SCHEMA)
    assert (schema.detector, schema.location) == ("rails.migration_schema",
                                                  "db/migrate/1_create_orders.rb:1")


def test_structure_sql_and_sql_in_migrations() -> None:
    result = scan({
        "db/structure.sql": "CREATE TABLE public.orders (id bigint);\n",
        "db/migrate/1_init.rb": 'execute "CREATE TABLE orders (id bigint)"\n'
                                'execute "INSERT INTO orders (id) VALUES (1)"\n',
        "db/seeds.rb": 'ActiveRecord::Base.connection.execute("INSERT INTO orders VALUES (2)")\n',
    })
    assert kinds_of(result) == {"orders": {Kind.SCHEMA, Kind.MIGRATION, Kind.DATA}}
    assert {e.location for e in pick(result, "orders", Kind.DATA)} == {"db/seeds.rb:1"}
    (schema,) = pick(result, "orders", Kind.SCHEMA)
    assert schema.detector == "sql.create_table"
