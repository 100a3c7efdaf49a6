"""Views of a SQL-first Supabase venture, and the tables each one reads.

supabase-js names a view exactly as it names a table (``.from('documents_with_storage_path')``),
and reading the view reads its tables, so such a call is access to those tables. Views come from
``CREATE [OR REPLACE] [MATERIALIZED] VIEW`` in the migrations, in migration order (a later
definition replaces an earlier one, ``DROP VIEW`` removes it), parsed with sqlglot; a view over a
view stands for the tables underneath. A view that cannot be parsed is an info diagnostic and
its calls stay ``unknown-table`` notes, never guessed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from commissioning.evidence import Diagnostic, Severity, TableKey
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.sql.split import LineIndex, split_statements

Name = tuple[str, str]  # (schema, name), lower-cased
_CREATE_VIEW = re.compile(
    r"create\s+(?:or\s+replace\s+)?(?:(?:temp|temporary|materialized|recursive)\s+)*view\b",
    re.IGNORECASE)
_DROP_VIEW = re.compile(r"drop\s+(?:materialized\s+)?view\b", re.IGNORECASE)
_MAX_DEPTH = 8


def read_views(tree: SourceTree, migrations: Iterable[str], tables: Mapping[Name, TableKey],
               ) -> tuple[dict[Name, tuple[TableKey, ...]], list[Diagnostic]]:
    """View name → the known tables it reads (through other views too)."""
    reads: dict[Name, set[Name]] = {}
    notes: list[Diagnostic] = []
    for path in sorted(migrations, key=lambda p: (posixpath.basename(p), p)):
        text = tree.text(path)
        if not text or not re.search(r"\bview\b", text, re.IGNORECASE):
            continue
        lines = LineIndex(text)
        for stmt in split_statements(text, "postgres"):
            if _CREATE_VIEW.match(stmt.text) or _DROP_VIEW.match(stmt.text):
                _statement(stmt.text, reads, notes, path, lines.line(stmt.offset))
    return {view: found for view in sorted(reads)
            if (found := _tables_under(view, reads, tables, 0))}, notes


def _statement(text: str, reads: dict[Name, set[Name]], notes: list[Diagnostic], path: str,
               line: int) -> None:
    try:
        parsed = sqlglot.parse_one(text, read="postgres")
    except SqlglotError as exc:
        notes.append(Diagnostic(Severity.INFO, "view-not-read",
                                f"could not parse this view ({str(exc).splitlines()[0]}); "
                                f"supabase-js calls naming it are not counted", path, line))
        return
    if isinstance(parsed, exp.Drop):  # DROP VIEW a, b
        for dropped in parsed.find_all(exp.Table):
            reads.pop(_name(dropped), None)
        return
    target = parsed.this if isinstance(parsed, exp.Create) else None
    view = target if isinstance(target, exp.Table) else (
        target.find(exp.Table) if target is not None else None)
    if view is None:
        return
    name = _name(view)
    ctes = {c.alias.lower() for c in parsed.find_all(exp.CTE)}
    body = parsed.expression
    reads[name] = {_name(t) for t in (body.find_all(exp.Table) if body is not None else ())
                   if t.name and t.name.lower() not in ctes}


def _name(table: exp.Table) -> Name:
    return ((table.db or "public").lower(), table.name.lower())


def _tables_under(view: Name, reads: Mapping[Name, set[Name]], tables: Mapping[Name, TableKey],
                  depth: int) -> tuple[TableKey, ...]:
    found: set[TableKey] = set()
    for name in reads.get(view, ()):
        if name in tables:
            found.add(tables[name])
        elif name in reads and name != view and depth < _MAX_DEPTH:
            found.update(_tables_under(name, reads, tables, depth + 1))
    return tuple(sorted(found))
