"""Read table facts out of one statement with pglast, PostgreSQL's own parser (libpg_query).

sqlglot is a portable approximation of many dialects; migrations written for PostgreSQL use
syntax it does not cover. For the postgres dialect pglast is the second opinion: if PostgreSQL's
grammar accepts a statement we read it from that tree, and only a statement both parsers reject
becomes a diagnostic. We ask for the JSON form of the tree: it is the cheapest to produce and
keeps us independent of pglast's Python node classes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pglast import parser as pg_parser

from commissioning.observe.sql.facts import ParseOutcome, RawFact, RawName


def parse_with_pglast(text: str) -> ParseOutcome:
    """Parse ``text`` with PostgreSQL's grammar and return the facts it states about tables."""
    encoded = text.replace("\x00", " ").encode("utf-8", errors="replace")
    try:
        tree = json.loads(pg_parser.parse_sql_json(encoded.decode("utf-8")))
    except Exception as error:  # pglast.parser.ParseError, or anything junk provokes
        return ParseOutcome(error=f"pglast: {str(error).strip()[:200]}")
    facts: list[RawFact] = []
    for raw in tree.get("stmts", ()):
        stmt = raw.get("stmt", {})
        for node_type, node in stmt.items():
            facts.extend(_facts(node_type, node, encoded))
    return ParseOutcome(facts=tuple(facts))


def _facts(node_type: str, node: dict[str, Any], encoded: bytes) -> Iterator[RawFact]:
    if node_type == "CreateStmt":
        name = _range_var(node.get("relation"), encoded, keep_temporary=False)
        if name is not None:
            yield RawFact("create", name)
    elif node_type == "CreateTableAsStmt" and node.get("objtype") == "OBJECT_TABLE":
        name = _range_var((node.get("into") or {}).get("rel"), encoded, keep_temporary=False)
        if name is not None:
            yield RawFact("create", name)
    elif node_type == "DropStmt" and node.get("removeType") == "OBJECT_TABLE":
        yield from _dropped(node)
    elif node_type == "RenameStmt" and node.get("renameType") == "OBJECT_TABLE":
        old = _range_var(node.get("relation"), encoded)
        if old is not None and isinstance(node.get("newname"), str):
            yield RawFact("rename", old, RawName(None, node["newname"], None))
    elif node_type == "CopyStmt" and node.get("is_from"):
        name = _range_var(node.get("relation"), encoded)
        if name is not None:
            yield RawFact("copy", name)
    for insert in _find_all(node_type, node, "InsertStmt"):
        name = _range_var(insert.get("relation"), encoded)
        if name is not None:
            select = (insert.get("selectStmt") or {}).get("SelectStmt") or {}
            yield RawFact("insert", name, rows=bool(select.get("valuesLists")))


def _dropped(node: dict[str, Any]) -> Iterator[RawFact]:
    """DropStmt names carry no location; the caller falls back to the statement's line."""
    for obj in node.get("objects", ()):
        items = obj.get("List", {}).get("items", ())
        parts = [item.get("String", {}).get("sval") for item in items]
        if parts and all(isinstance(p, str) for p in parts):
            yield RawFact("drop", RawName(parts[-2] if len(parts) > 1 else None, parts[-1], None))


def _range_var(node: Any, encoded: bytes, *, keep_temporary: bool = True) -> RawName | None:
    """A RangeVar as a RawName; PostgreSQL has already folded unquoted names to lower case."""
    if not isinstance(node, dict) or not isinstance(node.get("relname"), str):
        return None
    if not keep_temporary and node.get("relpersistence") == "t":
        return None
    location = node.get("location")
    offset = None
    if isinstance(location, int) and location >= 0:  # a byte offset into the UTF-8 text
        offset = len(encoded[:location].decode("utf-8", errors="ignore"))
    schema = node.get("schemaname")
    return RawName(schema if isinstance(schema, str) else None, node["relname"], offset)


def _find_all(node_type: str, node: Any, wanted: str) -> Iterator[dict[str, Any]]:
    """Every ``wanted`` node in the tree under ``node`` (itself included), outermost first."""
    stack: list[tuple[str, Any]] = [(node_type, node)]
    while stack:
        kind, value = stack.pop()
        if kind == wanted and isinstance(value, dict):
            yield value
        if isinstance(value, dict):
            stack.extend(reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(("", item) for item in reversed(value))
