"""Small readers over tree-sitter-ruby nodes: literals, constant paths, call parts."""

from __future__ import annotations

from tree_sitter import Node

INTERPOLATION = "\x00"  # stands for ``#{…}`` inside a string read by :func:`string_parts`


def text(node: Node) -> str:
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


def line(node: Node) -> int:
    return node.start_point.row + 1


def string_parts(node: Node | None) -> str | None:
    """A string literal's text with :data:`INTERPOLATION` for each ``#{…}``; None otherwise."""
    if node is None or node.type not in ("string", "bare_string"):
        return None
    parts: list[str] = []
    for child in node.named_children:
        if child.type in ("string_content", "escape_sequence"):
            parts.append(text(child))
        elif child.type == "interpolation":
            parts.append(INTERPOLATION)
        else:
            return None
    return "".join(parts)


def literal(node: Node | None) -> str | None:
    """The value of a plain string or a symbol (``"orders"``, ``:orders``, ``:"orders"``)."""
    if node is None:
        return None
    if node.type == "simple_symbol":
        return text(node)[1:]
    if node.type in ("hash_key_symbol", "identifier", "constant") and \
            node.parent is not None and node.parent.type == "pair":
        return text(node)
    if node.type == "delimited_symbol":
        inner = [c for c in node.named_children]
        if all(c.type == "string_content" for c in inner):
            return "".join(text(c) for c in inner)
        return None
    value = string_parts(node)
    if value is None or INTERPOLATION in value:
        return None
    return value


def literals(node: Node | None) -> list[str]:
    """A literal, or every element of ``%w(…)``/``%i(…)``/``[…]`` that is one."""
    if node is None:
        return []
    if node.type in ("string_array", "symbol_array", "array"):
        found = [literal(c) for c in node.named_children]
        return [v for v in found if v is not None]
    value = literal(node)
    return [value] if value is not None else []


def const_path(node: Node | None) -> str | None:
    """``Billing::Invoice`` or ``::User`` (leading ``::`` kept) as written; None if any part
    is not a constant (``self.class::X``, ``foo::Bar``)."""
    if node is None:
        return None
    if node.type == "constant":
        return text(node)
    if node.type == "scope_resolution":
        name = node.child_by_field_name("name")
        scope = node.child_by_field_name("scope")
        if name is None or name.type != "constant":
            return None
        if scope is None:
            return "::" + text(name)
        head = const_path(scope)
        return None if head is None else f"{head}::{text(name)}"
    return None


def call_method(node: Node) -> str | None:
    """The method name of a ``call`` node (``where`` in ``Order.where(…)``)."""
    method = node.child_by_field_name("method")
    return text(method) if method is not None else None


def arguments(node: Node) -> list[Node]:
    """A call's positional and keyword arguments (``pair`` nodes), in order."""
    args = node.child_by_field_name("arguments")
    if args is None:
        return []
    return [c for c in args.named_children if c.type != "comment"]


def options(node: Node) -> dict[str, Node]:
    """A call's ``key: value`` / ``:key => value`` / ``"key" => value`` options."""
    found: dict[str, Node] = {}
    for arg in arguments(node):
        pairs = [arg] if arg.type == "pair" else \
            [c for c in arg.named_children if c.type == "pair"] if arg.type == "hash" else []
        for pair in pairs:
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            name = literal(key) if key is not None else None
            if name is not None and value is not None:
                found[name.rstrip(":")] = value
    return found


def block_body(node: Node) -> Node | None:
    """The body of the ``do … end`` or ``{ … }`` block passed to a call."""
    block = node.child_by_field_name("block")
    if block is None:
        return None
    return block.child_by_field_name("body")
