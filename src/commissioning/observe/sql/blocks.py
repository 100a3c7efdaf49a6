"""The INSERTs a PostgreSQL ``DO $$ … $$`` block runs, cut out to be parsed like any other.

Supabase seeds often fill tables inside a ``DO`` block, to carry generated ids in PL/pgSQL
variables from one INSERT to the next. A DO block runs when the file runs (unlike a function
body, which runs only when called), so its INSERTs are the file's own rows. The body is split
with the file splitter, each piece cut to start at its INSERT keyword (after ``BEGIN``,
``THEN``, ``LOOP``…), and PL/pgSQL's ``RETURNING … INTO var`` tail dropped; offsets stay exact,
so lines stay right. DDL inside a DO block (conditional ``CREATE TABLE``, Drizzle's guarded
constraints) stays unread, as it always was: only row writes are taken from the body.
"""

from __future__ import annotations

import re

from commissioning.observe.sql.split import Statement, split_statements

_DO = re.compile(r"do\s+(?:language\s+\w+\s+)?(\$[A-Za-z0-9_]*\$)", re.IGNORECASE)
_HEAD = re.compile(r"\binsert\s+into\b", re.IGNORECASE)
_RETURNING_INTO = re.compile(r"\s+returning\s+[\s\S]*?\binto\b[\s\S]*$", re.IGNORECASE)


def is_do_block(stmt: Statement) -> bool:
    return _DO.match(stmt.text) is not None


def do_block_statements(stmt: Statement) -> list[Statement]:
    """The INSERT statements inside a DO block, with file offsets."""
    match = _DO.match(stmt.text)
    if match is None:
        return []
    tag = match.group(1)
    start = match.end()
    end = stmt.text.find(tag, start)
    body = stmt.text[start:end if end >= 0 else len(stmt.text)]
    found: list[Statement] = []
    for inner in split_statements(body, "postgres"):
        head = _HEAD.search(inner.text)
        if head is None or inner.unterminated is not None:
            continue
        text = inner.text[head.start():]
        tail = _RETURNING_INTO.search(text)
        if tail is not None:
            text = text[:tail.start()]
        found.append(Statement(text, stmt.offset + start + inner.offset + head.start()))
    return found
