"""``read_sql``: one SQL file in, its table facts and what could not be read out.

The file is split into statements (``split``), and only statements that can change which tables
exist or put rows in one are parsed: CREATE TABLE, DROP TABLE, ALTER TABLE … RENAME, MySQL's
RENAME TABLE, INSERT/REPLACE (also behind WITH), COPY … FROM and psql's ``\\copy … from``.
Everything else (functions, policies, grants, types, views) is skipped unparsed: that is both
faster and quieter, since those are what parsers most often reject. A DO block is read only for
the INSERTs it runs (``blocks``).

sqlglot parses first. For PostgreSQL, pglast (PostgreSQL's own grammar) gets a second look when
sqlglot fails or reads nothing from a statement that should say something. Only when no parser
can read a statement we care about does it become a ``sql-parse-error`` warning, and the rest
of the file is read as usual. Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from commissioning.evidence import Diagnostic, Severity, TableKey
from commissioning.observe.sql import glot, pg
from commissioning.observe.sql.blocks import do_block_statements, is_do_block
from commissioning.observe.sql.facts import ParseOutcome, RawFact, RawName, SqlTableFact
from commissioning.observe.sql.split import LineIndex, Statement, split_statements

DIALECTS = ("postgres", "mysql", "sqlite")
PARSE_ERROR = "sql-parse-error"

_CREATE_TABLE = re.compile(
    r"create\s+(?:or\s+replace\s+)?(?:(?:global|local)\s+)?"
    r"(?:(?:temp|temporary|unlogged)\s+)?table\b",
    re.IGNORECASE,
)
_DROP_TABLE = re.compile(r"drop\s+(?:temporary\s+)?table\b", re.IGNORECASE)
_ALTER_TABLE = re.compile(r"alter\s+table\b", re.IGNORECASE)
_RENAME_WORD = re.compile(r"\brename\b", re.IGNORECASE)
_RENAME_TABLE = re.compile(r"rename\s+tables?\b", re.IGNORECASE)
_INSERT = re.compile(r"insert\b", re.IGNORECASE)
_REPLACE = re.compile(r"replace\b", re.IGNORECASE)
_WITH = re.compile(r"with\b", re.IGNORECASE)
_INSERT_INTO = re.compile(r"\binsert\s+(?:\w+\s+)?into\b", re.IGNORECASE)
_COPY = re.compile(r"copy\b", re.IGNORECASE)
_META_COPY = re.compile(r"\\copy\b", re.IGNORECASE)
_SET_SEARCH_PATH = re.compile(
    r"set\s+(?:(?:session|local)\s+)?search_path\s*(?:to\b|=)\s*(?P<value>.*)",
    re.IGNORECASE | re.DOTALL,
)
_RESET_SEARCH_PATH = re.compile(r"reset\s+search_path\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A statement as handed to the parsers: same length and offsets as written."""

    text: str
    rename_head: int | None = None  # MySQL RENAME TABLE: where the pairs start


def read_sql(
    text: str, path: str, *, dialect: str = "postgres", default_schema: str = "public"
) -> tuple[tuple[SqlTableFact, ...], tuple[Diagnostic, ...]]:
    """Every table fact in one SQL file, in file order, and the statements we could not read.

    ``default_schema`` is where an unqualified name lives (``public`` for PostgreSQL, ``main``
    for SQLite); a PostgreSQL ``SET search_path`` later in the file moves it, as it would for
    the session running the migration. An unknown ``dialect`` is read as PostgreSQL, with a
    warning, rather than refused: a scan should still say what it can.
    """
    diagnostics: list[Diagnostic] = []
    if dialect not in DIALECTS:
        diagnostics.append(Diagnostic(
            Severity.WARNING, "sql-unknown-dialect",
            f"unknown SQL dialect {dialect!r}; read as postgres", path, None,
        ))
        dialect = "postgres"
    lines = LineIndex(text)
    schema = default_schema
    facts: list[SqlTableFact] = []
    for stmt in _with_do_blocks(split_statements(text, dialect), dialect):
        first_line = lines.line(stmt.offset)
        if stmt.unterminated is not None:
            diagnostics.append(Diagnostic(
                Severity.WARNING, PARSE_ERROR,
                f"{stmt.unterminated} and never closed: the statement starting "
                f"{_quote(stmt.text)} runs to the end of the file and was not read",
                path, first_line,
            ))
            continue
        if dialect == "postgres":
            schema = _search_path(stmt.text, schema, default_schema)
        outcome = _parse(stmt, dialect)
        if outcome is None:
            continue
        if outcome.error is not None:
            diagnostics.append(Diagnostic(
                Severity.WARNING, PARSE_ERROR,
                f"could not parse the statement starting {_quote(stmt.text)}: {outcome.error}",
                path, first_line,
            ))
            continue
        ordered = sorted(outcome.facts, key=lambda f: _sort_offset(f, stmt))
        facts.extend(_resolve(f, stmt, lines, schema) for f in ordered)
    return tuple(facts), tuple(diagnostics)


def _with_do_blocks(statements: Iterable[Statement], dialect: str) -> Iterator[Statement]:
    """Each statement; a PostgreSQL DO block stands for the INSERTs it runs."""
    for stmt in statements:
        if dialect == "postgres" and stmt.unterminated is None and is_do_block(stmt):
            yield from do_block_statements(stmt)
        else:
            yield stmt


def _prepare(stmt: Statement, dialect: str) -> _Prepared | None:
    """The text to parse if this statement can state a table fact; None to skip it quietly."""
    text = stmt.text
    if stmt.meta:
        # psql's \copy is COPY run by the client: parse it as COPY, one character to the right.
        return _Prepared(" " + text[1:]) if _META_COPY.match(text) else None
    if _CREATE_TABLE.match(text) or _DROP_TABLE.match(text) or _COPY.match(text):
        return _Prepared(text)
    if _ALTER_TABLE.match(text):
        return _Prepared(text) if _RENAME_WORD.search(text) else None
    if _INSERT.match(text) or (_WITH.match(text) and _INSERT_INTO.search(text)):
        return _Prepared(text)
    if _REPLACE.match(text) and dialect != "postgres":
        # REPLACE INTO is INSERT that overwrites; same length keeps every offset.
        return _Prepared("INSERT " + text[7:])
    rename = _RENAME_TABLE.match(text)
    if rename and dialect == "mysql":
        return _Prepared(text, rename_head=rename.end())
    return None


def _parse(stmt: Statement, dialect: str) -> ParseOutcome | None:
    """Parse with sqlglot, then pglast for PostgreSQL; None when the statement is skipped."""
    prepared = _prepare(stmt, dialect)
    if prepared is None:
        return None
    if prepared.rename_head is not None:
        return glot.parse_rename_tables(prepared.text, prepared.rename_head, dialect)
    first = glot.parse_with_sqlglot(prepared.text, dialect)
    if (first.error is None and first.facts) or dialect != "postgres":
        return first
    second = pg.parse_with_pglast(prepared.text)
    if second.error is None:
        return second
    if first.error is None:
        return first  # sqlglot read it and found nothing; PostgreSQL's grammar rejects it
    return ParseOutcome(error=f"{first.error}; {second.error}")


def _search_path(text: str, current: str, default: str) -> str:
    """The schema unqualified CREATEs go to after this statement, if it sets search_path."""
    if _RESET_SEARCH_PATH.match(text):
        return default
    match = _SET_SEARCH_PATH.match(text)
    if match is None:
        return current
    for item in match.group("value").split(","):
        name = item.strip()
        if name.startswith("'") and name.endswith("'") and len(name) >= 2:
            name = name[1:-1].strip()
        if name.lower() == "default":
            return default
        if name.startswith('"') and name.endswith('"') and len(name) >= 2:
            name = name[1:-1]
        else:
            name = name.lower()
        if name and name != "$user":
            return name
    return current


def _sort_offset(fact: RawFact, stmt: Statement) -> int:
    offset = fact.table.offset
    return offset if offset is not None else len(stmt.text)


def _resolve(fact: RawFact, stmt: Statement, lines: LineIndex, schema: str) -> SqlTableFact:
    """Apply the default schema and turn statement offsets into file lines."""
    table = TableKey(fact.table.schema or schema, fact.table.name)
    new_table = None
    if fact.new_table is not None:  # an unqualified new name stays in the table's schema
        new_table = TableKey(fact.new_table.schema or table.schema, fact.new_table.name)
    offset = fact.table.offset
    if offset is None:
        offset = _find_name(stmt.text, fact.table)
    return SqlTableFact(fact.action, table, lines.line(stmt.offset + offset), new_table,
                        rows=fact.rows)


def _find_name(text: str, name: RawName) -> int:
    """Where a name the parser did not place is written; the statement start if not found."""
    pattern = r'(?<![\w$])[`"\[]?' + re.escape(name.name) + r'[`"\]]?(?![\w$])'
    match = re.search(pattern, text, re.IGNORECASE)
    return match.start() if match else 0


def _quote(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    return f'"{first[:80]}…"' if len(first) > 80 else f'"{first}"'
