"""The two parsers, each on its own: they must agree wherever both can read a statement.

read_sql asks pglast only when sqlglot fails or finds nothing, which would hide a sqlglot
reading bug behind pglast; these tests look at each parser directly.
"""

from __future__ import annotations

import pytest

from commissioning.observe.sql.facts import RawName
from commissioning.observe.sql.glot import parse_rename_tables, parse_with_sqlglot
from commissioning.observe.sql.pg import parse_with_pglast

AGREED = [
    ('CREATE TABLE IF NOT EXISTS "Lab".Samples (id int)', [("create", "Lab", "samples")]),
    ("CREATE UNLOGGED TABLE cache (k text)", [("create", None, "cache")]),
    ("CREATE TABLE archive AS SELECT 1 AS one", [("create", None, "archive")]),
    ("CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)", [("create", None, "p1")]),
    ("CREATE TEMP TABLE scratch (id int)", []),
    ("CREATE VIEW v AS SELECT 1", []),
    ('DROP TABLE IF EXISTS a, s."B" CASCADE', [("drop", None, "a"), ("drop", "s", "B")]),
    ("ALTER TABLE ONLY s.a RENAME TO b", [("rename", "s", "a")]),
    ("ALTER TABLE a RENAME COLUMN b TO c", []),
    ("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = EXCLUDED.a",
     [("insert", None, "t")]),
    ("WITH x AS (INSERT INTO t VALUES (1) RETURNING id) INSERT INTO u SELECT id FROM x",
     [("insert", None, "u"), ("insert", None, "t")]),
    ("COPY public.t (a, b) FROM stdin WITH (FORMAT csv)", [("copy", "public", "t")]),
    ("COPY t TO stdout", []),
]


@pytest.mark.parametrize(("sql", "expected"), AGREED)
def test_sqlglot_and_pglast_read_the_same_facts(
    sql: str, expected: list[tuple[str, str | None, str]],
) -> None:
    for outcome in (parse_with_sqlglot(sql, "postgres"), parse_with_pglast(sql)):
        assert outcome.error is None
        assert [(f.action, f.table.schema, f.table.name) for f in outcome.facts] == expected


def test_both_parsers_place_names_at_their_character_offset() -> None:
    sql = "INSERT INTO caf\u00e9s_log (a) VALUES ('\u00e9t\u00e9');\n"  # non-ASCII before
    sql = "-- \u00e9\u00e9\u00e9\n" + sql  # pglast counts bytes; we must count characters
    glot_name = parse_with_sqlglot(sql, "postgres").facts[0].table
    pg_name = parse_with_pglast(sql).facts[0].table
    assert glot_name.offset == pg_name.offset == sql.index("caf\u00e9s_log")


def test_rename_new_name_keeps_its_schema_only_when_written() -> None:
    facts = parse_with_sqlglot("ALTER TABLE s.a RENAME TO b", "postgres").facts
    assert facts[0].new_table == RawName(None, "b", len("ALTER TABLE s.a RENAME TO "))


def test_mysql_rename_table_pairs_from_tokens() -> None:
    sql = "RENAME TABLE `A` TO b, db.c TO `D`"
    outcome = parse_rename_tables(sql, len("RENAME TABLE"), "mysql")
    assert [(f.table.schema, f.table.name, f.table.offset, f.new_table) for f in outcome.facts] \
        == [
            (None, "A", 13, RawName(None, "b", 20)),
            ("db", "c", 26, RawName(None, "D", 31)),
        ]
    assert parse_rename_tables("RENAME TABLE a b", 12, "mysql").error is not None


def test_errors_are_reported_not_raised() -> None:
    assert parse_with_sqlglot("CREATE TABLE (", "postgres").error
    assert parse_with_pglast("CREATE TABLE (").error
    assert parse_with_pglast("CREATE TABLE a (id int)\x00; DROP TABLE b").error is None
