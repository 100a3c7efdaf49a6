"""Alembic migrations replayed: which tables they leave behind, and which rows they insert.

Revisions are applied in revision order (``down_revision`` chains, merges included; a file
without a revision id goes after, by name), and within a file in line order:
``op.create_table("name", …)`` creates, ``op.drop_table`` removes, ``op.rename_table(old, new)``
moves; raw SQL in ``op.execute("…")``/``op.execute(sa.text("…"))`` is read with ``read_sql``,
so a ``CREATE TABLE`` or ``INSERT`` written as SQL counts the same. Rows come from
``op.bulk_insert(table, rows)`` and ``INSERT`` statements: data evidence.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from commissioning.evidence import Diagnostic, TableKey
from commissioning.observe.python.facts import PyCall, PyFileFacts, Val
from commissioning.observe.sql import read_sql

SCHEMA_OPS = frozenset({"create_table", "drop_table", "rename_table"})


@dataclass(frozen=True, slots=True)
class RowWrite:
    table: TableKey
    path: str
    line: int
    detector: str


@dataclass(slots=True)
class AlembicFindings:
    created: dict[TableKey, tuple[str, int]] = field(default_factory=dict)
    writes: list[RowWrite] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def replay_alembic(facts: Mapping[str, PyFileFacts], files: Sequence[str],
                   default_schema: str) -> AlembicFindings:
    out = AlembicFindings()
    for path in revision_order(facts, files):
        for call in sorted(facts[path].calls, key=lambda c: c.line):
            if call.scope.split(".")[0].startswith("downgrade"):
                continue  # what upgrading leaves behind is what counts
            if call.name in SCHEMA_OPS:
                _schema_op(out, call, path, default_schema)
            elif call.name == "execute":
                _execute(out, call, path, default_schema)
    return out


def _schema_op(out: AlembicFindings, call: PyCall, path: str, default_schema: str) -> None:
    names = [a.text for a in call.args if a.kind == "str"]
    if not names:
        for key in ("table_name", "name", "old_table_name"):
            value = call.keyword(key)
            if value is not None and value.kind == "str":
                names.append(value.text)
    if not names:
        return
    schema_val = call.keyword("schema")
    schema = schema_val.text if schema_val is not None and schema_val.kind == "str" \
        else default_schema
    table = TableKey(schema, names[0])
    if call.name == "create_table":
        out.created.setdefault(table, (path, call.line))
    elif call.name == "drop_table":
        out.created.pop(table, None)
    else:
        new = names[1] if len(names) > 1 else _string(call.keyword("new_table_name"))
        origin = out.created.pop(table, None)
        if origin is not None and new:
            out.created[TableKey(schema, new)] = origin


def _execute(out: AlembicFindings, call: PyCall, path: str, default_schema: str) -> None:
    sql = _sql_text(call.args[0]) if call.args else None
    if sql is None:
        return
    text, first_line = sql
    facts, notes = read_sql(text, path, dialect="postgres", default_schema=default_schema)
    out.diagnostics.extend(notes)
    for fact in facts:
        line = first_line + fact.line - 1
        if fact.action == "create":
            out.created.setdefault(fact.table, (path, line))
        elif fact.action == "drop":
            out.created.pop(fact.table, None)
        elif fact.action == "rename" and fact.new_table is not None:
            origin = out.created.pop(fact.table, None)
            if origin is not None:
                out.created[fact.new_table] = origin
        else:
            out.writes.append(RowWrite(fact.table, path, line, f"alembic.sql_{fact.action}"))


def _sql_text(value: Val) -> tuple[str, int] | None:
    if value.kind == "str":
        return value.text, value.line
    if value.kind == "call" and value.chain and value.chain[-1] == "text" and value.args \
            and value.args[0].kind == "str":
        return value.args[0].text, value.args[0].line
    return None


def _string(value: Val | None) -> str | None:
    return value.text if value is not None and value.kind == "str" else None


def revision_order(facts: Mapping[str, PyFileFacts], files: Sequence[str]) -> list[str]:
    """Files in the order Alembic applies them: parents before children (by ``revision`` and
    ``down_revision``), ties and files without ids by name."""
    ids: dict[str, str] = {}
    parents: dict[str, tuple[str, ...]] = {}
    for path in files:
        own = facts.get(path)
        assigned = own.assign("revision") if own is not None else None
        revision = _string(assigned.value) if assigned is not None else None
        if revision is None or own is None:
            continue
        ids[revision] = path
        down = own.assign("down_revision")
        parents[path] = _revisions(down.value) if down is not None else ()
    ordered: list[str] = []
    placed: set[str] = set()

    def place(path: str, depth: int = 0) -> None:
        if path in placed or depth > len(files):
            return
        for parent in parents.get(path, ()):
            if parent in ids:
                place(ids[parent], depth + 1)
        placed.add(path)
        ordered.append(path)

    by_name = sorted((p for p in files if p in facts), key=lambda p: (posixpath.basename(p), p))
    for path in by_name:
        if path in parents:
            place(path)
    ordered += [p for p in by_name if p not in placed]
    return ordered


def _revisions(value: Val) -> tuple[str, ...]:
    if value.kind == "str":
        return (value.text,)
    if value.kind == "seq":
        return tuple(a.text for a in value.args if a.kind == "str")
    return ()
