"""The Alembic migrations shipped in the package produce exactly the models' schema."""

from __future__ import annotations

from importlib import resources

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from commissioning.store import Store, open_store
from commissioning.store.engine import MIGRATIONS
from commissioning.store.models import Base

TABLES = {"alembic_version", "ventures", "scans", "table_states", "evidence_items",
          "tasks", "task_transitions", "outbox", "task_links", "api_tokens", "attestations",
          "commissioning_capabilities", "proposals", "proposal_events", "gate_events"}


def _diffs(store: Store) -> list[object]:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _config(connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def test_upgrade_head_equals_the_models(store: Store) -> None:
    assert set(inspect(store.engine).get_table_names()) == TABLES
    assert _diffs(store) == []


def test_the_comparison_has_teeth(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX ix_table_states_schema_name")
    diffs = _diffs(store)
    assert [d[0] for d in diffs if isinstance(d, tuple)] == ["add_index"]


def test_the_store_is_at_head_and_reopening_is_a_no_op(store_url: str) -> None:
    head = ScriptDirectory.from_config(_config(None)).get_current_head()
    assert head == "0004_governance"
    for _ in range(2):
        with open_store(store_url) as store, store.engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head


def test_downgrade_to_base_then_upgrade_again(store: Store) -> None:
    with store.engine.begin() as connection:
        command.downgrade(_config(connection), "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    with store.engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    assert _diffs(store) == []


def test_the_migration_scripts_ship_inside_the_package() -> None:
    folder = resources.files("commissioning.store") / "migrations"
    assert (folder / "env.py").is_file()
    assert (folder / "script.py.mako").is_file()
    assert (folder / "versions" / "0001_initial.py").is_file()
    assert (folder / "versions" / "0002_tasks.py").is_file()


def test_env_refuses_to_run_without_a_connection() -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with pytest.raises(RuntimeError, match="open_store"):
        command.upgrade(config, "head")
