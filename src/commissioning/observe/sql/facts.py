"""What a SQL file says about tables: the facts the migration and data evidence are built from.

Facts are frozen values in file order. They say only what the file does (create, drop, rename,
insert, copy); whether that is migration or seed evidence is the caller's decision, made from the
file's path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from commissioning.evidence import TableKey
from commissioning.evidence.pickling import FastPickle

Action = Literal["create", "drop", "rename", "insert", "copy"]
SCHEMA_CHANGES: frozenset[Action] = frozenset({"create", "drop", "rename"})
ROW_WRITES: frozenset[Action] = frozenset({"insert", "copy"})


@dataclass(frozen=True, slots=True)
class SqlTableFact(FastPickle):
    """One statement's effect on one table.

    ``table`` is normalised as PostgreSQL resolves names: unquoted identifiers lower-cased,
    quoted ones kept, an unqualified name placed in the file's default schema. ``line`` is the
    1-based line where the table's name is written, so evidence points at the name, not at a
    comment above it. ``new_table`` is set only for ``rename``. ``rows`` is set on an
    ``insert`` of literal rows (``INSERT … VALUES``), not a backfill (``INSERT … SELECT``).
    """

    action: Action
    table: TableKey
    line: int
    new_table: TableKey | None = None
    rows: bool = False


@dataclass(frozen=True, slots=True)
class RawName(FastPickle):
    """A table name as a parser found it, before the file's default schema is applied.

    ``schema`` and ``name`` are already case-normalised. ``offset`` is the character offset of
    the name inside the statement's text (None when the parser does not say where it is).
    """

    schema: str | None
    name: str
    offset: int | None


@dataclass(frozen=True, slots=True)
class RawFact(FastPickle):
    """A parser's reading of one statement's effect on one table, before name resolution."""

    action: Action
    table: RawName
    new_table: RawName | None = None
    rows: bool = False  # an insert of literal rows (VALUES)


@dataclass(frozen=True, slots=True)
class ParseOutcome(FastPickle):
    """What one parser made of one statement: its facts, or why it could not read it."""

    facts: tuple[RawFact, ...] = ()
    error: str | None = None
