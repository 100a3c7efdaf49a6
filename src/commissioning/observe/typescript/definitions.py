"""Top-level declarations of one file and the file-level names each one's code uses.

A module often bundles unrelated functions (``lib/db/queries.ts`` with a query per table), so
reach from "imports ``getUser`` from queries" to every table the file touches would let a login
page reach every table. Each top-level declaration is therefore recorded with its lines and the
names its code uses, so the graph can send an import of ``getUser`` to that declaration only
(``observe.graph``). Only names that mean something at file level are kept: import locals and
other top-level declarations; a member of a namespace import is kept as ``ns.member``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

from tree_sitter import Language, Node, Query, QueryCursor

from commissioning.observe.typescript.facts import REGISTRY_SIZE, Definition, ImportFact
from commissioning.observe.typescript.nodes import line, text, unwrap

_DECLARATIONS = frozenset({
    "function_declaration", "generator_function_declaration", "class_declaration",
    "abstract_class_declaration", "enum_declaration",
})
_VARIABLES = frozenset({"lexical_declaration", "variable_declaration"})
_PATTERN_NAMES = frozenset({"identifier", "shorthand_property_identifier_pattern"})
_USES = "(identifier) @use (shorthand_property_identifier) @use"


@cache
def _query(language: Language) -> Query:
    return Query(language, _USES)


def read_definitions(root: Node, language: Language,
                     imports: Iterable[ImportFact]) -> list[Definition]:
    spans: list[tuple[Node, tuple[str, ...]]] = []
    for stmt in root.named_children:
        found = _definition(stmt)
        if found is not None:
            spans.append(found)
    if not spans:
        return []
    namespaces = {b.local for i in imports if not i.type_only for b in i.bindings
                  if b.imported == "*"}
    known = {b.local for i in imports if not i.type_only for b in i.bindings}
    known |= {n for _, names in spans for n in names}
    imported = {b.local for i in imports if not i.type_only for b in i.bindings}
    starts = [node.start_byte for node, _ in spans]
    uses: list[set[str]] = [set() for _ in spans]
    for ident in QueryCursor(_query(language)).captures(root).get("use", []):
        at = bisect_right(starts, ident.start_byte) - 1
        if at < 0 or ident.end_byte > spans[at][0].end_byte:
            continue
        name = text(ident)
        if name in known:
            uses[at].add(_member_use(ident, name) if name in namespaces else name)
    return [Definition(names, line(node), node.end_point.row + 1, frozenset(used),
                       registry=_listed(node, imported) >= REGISTRY_SIZE)
            for (node, names), used in zip(spans, uses, strict=True)]


def _listed(stmt: Node, imported: set[str]) -> int:
    """How many imported names a variable's value lists: the value is an array or object
    literal, or a call or ``new`` whose first argument is one (``new JobClient([A, B])``,
    ``router({ a: aRouter, b: { c: cRouter } })``); nested objects and arrays count, code does
    not. A function is never a registry."""
    node = stmt.child_by_field_name("declaration") or stmt
    if node.type not in _VARIABLES:
        return 0
    count = 0
    for declarator in node.named_children:
        value = declarator.child_by_field_name("value")
        if value is None:
            continue
        value = unwrap(value)
        if value.type in ("call_expression", "new_expression"):
            args = value.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            value = unwrap(first) if first is not None else value
        count += _entries(value, imported, 0)
    return count


def _entries(node: Node, imported: set[str], depth: int) -> int:
    if depth > 4 or node.type not in ("array", "object"):
        return 0
    count = 0
    for child in node.named_children:
        if child.type == "pair":
            child = child.child_by_field_name("value") or child
        child = unwrap(child)
        if child.type in ("identifier", "shorthand_property_identifier"):
            count += text(child) in imported
        else:
            count += _entries(child, imported, depth + 1)
    return count


def _member_use(ident: Node, name: str) -> str:
    """``ns.member`` when a namespace import is used as ``ns.member``, else ``ns``."""
    parent = ident.parent
    if parent is None or parent.type != "member_expression":
        return name
    obj = parent.child_by_field_name("object")
    prop = parent.child_by_field_name("property")
    if obj is None or obj.id != ident.id or prop is None or prop.type != "property_identifier":
        return name
    return f"{name}.{text(prop)}"


def _definition(stmt: Node) -> tuple[Node, tuple[str, ...]] | None:
    node = stmt
    is_default = False
    if stmt.type == "export_statement":
        if stmt.child_by_field_name("source") is not None:
            return None
        is_default = any(not c.is_named and c.type == "default" for c in stmt.children)
        declaration = stmt.child_by_field_name("declaration")
        if declaration is None:
            value = stmt.child_by_field_name("value")
            if not is_default or value is None or value.type == "identifier":
                return None
            return stmt, ("default",)
        node = declaration
    names = _names(node)
    if not names:
        return (stmt, ("default",)) if is_default else None
    return stmt, tuple(names)


def _names(node: Node) -> list[str]:
    if node.type in _DECLARATIONS:
        name = node.child_by_field_name("name")
        return [text(name)] if name is not None else []
    if node.type not in _VARIABLES:
        return []
    names: list[str] = []
    for declarator in node.named_children:
        if declarator.type != "variable_declarator":
            continue
        target = declarator.child_by_field_name("name")
        if target is None:
            continue
        if target.type == "identifier":
            names.append(text(target))
        else:
            names.extend(_pattern_names(target))
    return names


def _pattern_names(pattern: Node) -> list[str]:
    """Every name a destructuring pattern binds (``const { a, b: c, ...d } = …``)."""
    found: list[str] = []
    stack = [pattern]
    while stack:
        node = stack.pop()
        if node.type in _PATTERN_NAMES:
            found.append(text(node))
            continue
        if node.type == "pair_pattern":
            value = node.child_by_field_name("value")
            if value is not None:
                stack.append(value)
            continue
        stack.extend(reversed(node.named_children))
    return found
