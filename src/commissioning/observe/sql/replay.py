"""Replay the schema changes of a migration folder to learn which tables it leaves behind.

A CREATE TABLE is migration evidence only while no later migration drops it; a rename carries
the table, and its evidence, to the new name. Replaying in application order is the simplest
model of what ``migrate`` would leave in an empty database.
"""

from __future__ import annotations

from collections.abc import Sequence

from commissioning.evidence import TableKey
from commissioning.observe.sql.facts import SqlTableFact


def replay_migrations(
    files: Sequence[tuple[str, Sequence[SqlTableFact]]],
) -> dict[TableKey, tuple[str, int]]:
    """The tables that exist after every file is applied, each with the CREATE that made it.

    ``files`` is (path, facts) in application order (the caller sorts by name). A CREATE of a
    table that already exists keeps the first location (``IF NOT EXISTS`` changes nothing); a
    rename keeps the original CREATE's location under the new name; a rename or drop of a
    table no migration created is ignored, since no CREATE can be named for it. Insert and
    copy facts do not change the schema and are ignored. Pure: same input, same output.
    """
    tables: dict[TableKey, tuple[str, int]] = {}
    for path, facts in files:
        for fact in facts:
            if fact.action == "create":
                tables.setdefault(fact.table, (path, fact.line))
            elif fact.action == "drop":
                tables.pop(fact.table, None)
            elif fact.action == "rename" and fact.new_table is not None:
                origin = tables.pop(fact.table, None)
                if origin is not None:
                    tables[fact.new_table] = origin
    return tables
