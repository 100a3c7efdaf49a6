"""supabase-js embedded resources: the related tables a ``.select("…")`` string also reads.

PostgREST lets one query read related tables: ``.from("quiz_sets").select("*, questions(*,
choices(*))")`` reads ``questions`` and ``choices`` as well. The select string is a small query
language of its own, ``[alias:][...]resource[!hint…](columns)``, read here by its grammar's
tokens: a name directly followed by ``(`` is an embedded resource, unless it is an aggregate
(``count()``, ``amount.sum()``). A resource named by a foreign-key column instead of a table
simply names no known table, and the profile notes it as such.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from commissioning.observe.typescript.nodes import arguments, string_value

_RESOURCE = re.compile(
    r"(?<![.\w])(?:\.\.\.)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"(?:\s*!\s*[A-Za-z_][A-Za-z0-9_]*)*\s*\(")
_AGGREGATES = frozenset({"count", "sum", "avg", "min", "max"})


def embedded_resources(select: str) -> list[str]:
    """Every resource embedded in a PostgREST select string, in order, without repeats."""
    found: list[str] = []
    for match in _RESOURCE.finditer(select):
        name = match.group("name")
        if name.lower() in _AGGREGATES or name in found:
            continue
        found.append(name)
    return found


def select_string(call: Node) -> str | None:
    """The literal argument of the ``.select("…")`` called on ``call``'s result, if any."""
    parent = call.parent
    grand = parent.parent if parent is not None else None
    if parent is None or grand is None or parent.type != "member_expression" \
            or grand.type != "call_expression":
        return None
    prop = parent.child_by_field_name("property")
    if prop is None or prop.text != b"select":
        return None
    args = arguments(grand)
    return string_value(args[0]) if args else None
