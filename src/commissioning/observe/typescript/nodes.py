"""Small readers over tree-sitter nodes, shared by the extractors of one file's facts."""

from __future__ import annotations

from tree_sitter import Node

WRAPPERS = frozenset({
    "parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
    "await_expression", "type_assertion",
})


def text(node: Node) -> str:
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


def line(node: Node) -> int:
    return node.start_point.row + 1


def unwrap(node: Node) -> Node:
    """Look through ``(x)``, ``x as T``, ``x satisfies T``, ``x!`` and ``await x``."""
    while node.type in WRAPPERS and node.named_child_count:
        inner = node.named_children[0]
        if inner is None:
            break
        node = inner
    return node


def string_value(node: Node | None) -> str | None:
    """The value of a string literal, or of a template literal without substitutions."""
    if node is None:
        return None
    parts = template_parts(node)
    if parts is None or any(p is None for p in parts):
        return None
    return "".join(p for p in parts if p is not None)


def template_parts(node: Node) -> list[str | None] | None:
    """A string or template literal as text pieces, ``None`` for each ``${…}``; None otherwise."""
    if node.type not in ("string", "template_string"):
        return None
    parts: list[str | None] = []
    for child in node.named_children:
        if child.type in ("string_fragment", "escape_sequence"):
            parts.append(text(child))
        elif child.type == "template_substitution":
            parts.append(None)
    return parts


def dotted(node: Node | None) -> tuple[str, ...] | None:
    """``a`` or ``a.b.c`` (identifiers only) as a tuple; None for anything else."""
    if node is None:
        return None
    node = unwrap(node)
    if node.type == "identifier":
        return (text(node),)
    if node.type == "member_expression":
        obj = node.child_by_field_name("object")
        prop = node.child_by_field_name("property")
        head = dotted(obj)
        if head is None or prop is None or prop.type != "property_identifier":
            return None
        return (*head, text(prop))
    return None


def arguments(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None:
        return []
    if args.type == "template_string":  # a tagged template: sql`…`
        return [args]
    return [a for a in args.named_children if a.type != "comment"]


def callee_name(call: Node) -> tuple[str, str | None, Node | None]:
    """(name, receiver text, receiver node) of a call: ``a.b.c(…)`` → ("c", "a.b", node of a.b)."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return "", None, None
    if fn.type == "member_expression":
        prop = fn.child_by_field_name("property")
        obj = fn.child_by_field_name("object")
        return (text(prop) if prop is not None else ""), (text(obj) if obj else None), obj
    if fn.type == "import":
        return "import", None, None
    return text(fn), None, None


def enclosing_declarator(node: Node, *, chains: bool = True) -> Node | None:
    """The ``const x = …`` a value belongs to, looking through wrappers and (with ``chains``)
    method chains such as ``pgTable(…).enableRLS()``."""
    current = node
    parent = current.parent
    while parent is not None:
        if parent.type == "variable_declarator":
            value = parent.child_by_field_name("value")
            return parent if value is not None and value.id == current.id else None
        if parent.type in WRAPPERS:
            current = parent
        elif parent.type == "member_expression" and chains:
            obj = parent.child_by_field_name("object")
            grand = parent.parent
            if obj is None or obj.id != current.id or grand is None \
                    or grand.type != "call_expression":
                return None
            current = grand
        else:
            return None
        parent = current.parent
    return None


def declarator_name(declarator: Node) -> str | None:
    name = declarator.child_by_field_name("name")
    return text(name) if name is not None and name.type == "identifier" else None
