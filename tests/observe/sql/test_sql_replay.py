"""replay_migrations: which tables a migration folder leaves, and where each was created."""

from __future__ import annotations

from commissioning.evidence import TableKey
from commissioning.observe.sql import SqlTableFact, read_sql, replay_migrations


def _key(name: str, schema: str = "public") -> TableKey:
    return TableKey(schema, name)


def test_drop_removes_and_rename_keeps_the_original_create() -> None:
    files = [
        ("drizzle/0000_init.sql", read_sql(
            "CREATE TABLE growers (id int);\nCREATE TABLE tanks (id int);\n"
            "CREATE TABLE scratch (id int);\n", "drizzle/0000_init.sql")[0]),
        ("drizzle/0001_rename.sql", read_sql(
            "-- tanks are vats now\nALTER TABLE tanks RENAME TO vats;\nDROP TABLE scratch;\n",
            "drizzle/0001_rename.sql")[0]),
        ("drizzle/0002_more.sql", read_sql(
            "CREATE TABLE IF NOT EXISTS growers (id int);\nCREATE TABLE batches (id int);\n"
            "INSERT INTO batches VALUES (1);\n", "drizzle/0002_more.sql")[0]),
    ]
    assert replay_migrations(files) == {
        _key("growers"): ("drizzle/0000_init.sql", 1),
        _key("vats"): ("drizzle/0000_init.sql", 2),
        _key("batches"): ("drizzle/0002_more.sql", 2),
    }


def test_a_table_dropped_then_created_again_points_at_the_new_create() -> None:
    files = [
        ("m/1.sql", [SqlTableFact("create", _key("a"), 3)]),
        ("m/2.sql", [SqlTableFact("drop", _key("a"), 1)]),
        ("m/3.sql", [SqlTableFact("create", _key("a"), 7)]),
    ]
    assert replay_migrations(files) == {_key("a"): ("m/3.sql", 7)}


def test_renaming_or_dropping_an_unknown_table_creates_nothing() -> None:
    files = [("m/1.sql", [
        SqlTableFact("rename", _key("ghost"), 1, new_table=_key("spirit")),
        SqlTableFact("drop", _key("never"), 2),
        SqlTableFact("insert", _key("rows_only"), 3),
        SqlTableFact("copy", _key("copied_only"), 4),
    ])]
    assert replay_migrations(files) == {}


def test_a_rename_chain_follows_the_table_across_schemas() -> None:
    files = [
        ("m/1.sql", [SqlTableFact("create", _key("a"), 1)]),
        ("m/2.sql", [SqlTableFact("rename", _key("a"), 1, new_table=_key("b"))]),
        ("m/3.sql", [SqlTableFact("rename", _key("b"), 1, new_table=_key("b", "archive"))]),
    ]
    assert replay_migrations(files) == {_key("b", "archive"): ("m/1.sql", 1)}


def test_order_matters_and_input_is_not_modified() -> None:
    create = ("m/1.sql", (SqlTableFact("create", _key("a"), 1),))
    drop = ("m/2.sql", (SqlTableFact("drop", _key("a"), 1),))
    files = [create, drop]
    assert replay_migrations(files) == {}
    assert replay_migrations([drop, create]) == {_key("a"): ("m/1.sql", 1)}
    assert files == [create, drop]
