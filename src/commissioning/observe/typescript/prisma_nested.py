"""Nested reads and writes in a Prisma Client call's argument: the related tables it touches.

``prisma.poll.create({ data: { options: { createMany: … } } })`` writes ``Option`` rows too, and
``findMany({ include: { votes: true } })`` reads ``Vote``. Which field is a relation (and to
which model) only the schema knows, so this records candidate relation paths from the
argument's object literal, and the profile keeps those the schema resolves:

* under ``include``/``select``: each key set to ``true`` or to an object (nested
  ``include``/``select`` go one level deeper): a read;
* under ``data`` (and an upsert's ``create``/``update``): each key whose object holds a nested
  write: a row write (``create``, ``upsert``, ``delete``…), whose own data nests further, or a
  link (``connect``, ``set``, ``disconnect``), which writes only a many-to-many join table.

Only literal objects are read; a spread or a variable holding the argument is not followed.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from commissioning.observe.typescript.nodes import line, string_value, text, unwrap

ROW_WRITES = frozenset({
    "create", "createMany", "connectOrCreate", "upsert", "update", "updateMany", "delete",
    "deleteMany"})
LINKS = frozenset({"set", "connect", "disconnect"})  # write only a join table (or a key)
NESTED_WRITES = ROW_WRITES | LINKS
READ = "read"
_DATA_KEYS = ("data", "create", "update")
_MAX_DEPTH = 6
Found = tuple[tuple[str, ...], str, int]  # (relation path, nested operation or READ, line)


def nested_relations(arg: Node) -> list[Found]:
    """Candidate relation paths of one Prisma Client call argument, in source order."""
    out: list[Found] = []
    for key, value, _ in _pairs(arg):
        if key in _DATA_KEYS:
            _data(value, (), out, 0)
        elif key in ("include", "select"):
            _selection(value, (), out, 0)
    return out


def _pairs(node: Node) -> Iterator[tuple[str, Node, int]]:
    """(key, value, line) of each ``key: value`` of an object literal."""
    node = unwrap(node)
    if node.type != "object":
        return
    for pair in node.named_children:
        if pair.type != "pair":
            continue
        key = pair.child_by_field_name("key")
        value = pair.child_by_field_name("value")
        if key is None or value is None:
            continue
        name = text(key) if key.type == "property_identifier" else string_value(key)
        if name:
            yield name, unwrap(value), line(key)


def _selection(node: Node, prefix: tuple[str, ...], out: list[Found], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    for key, value, at in _pairs(node):
        if key.startswith("_") or value.type not in ("true", "object"):
            continue
        path = (*prefix, key)
        out.append((path, READ, at))
        for inner_key, inner, _ in _pairs(value):
            if inner_key in ("include", "select"):
                _selection(inner, path, out, depth + 1)


def _data(node: Node, prefix: tuple[str, ...], out: list[Found], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if node.type == "array":
        for element in node.named_children:
            _data(unwrap(element), prefix, out, depth)
        return
    for key, value, at in _pairs(node):
        if key == "data":
            _data(value, prefix, out, depth)
            continue
        ops = {k: (v, a) for k, v, a in _pairs(value) if k in NESTED_WRITES}
        if not ops:
            continue
        path = (*prefix, key)
        row_writes = [op for op in ops if op in ROW_WRITES]
        out.append((path, row_writes[0] if row_writes else next(iter(ops)), at))
        for op, (inner, _) in ops.items():
            _nested_data(op, inner, path, out, depth + 1)


def _nested_data(op: str, inner: Node, path: tuple[str, ...], out: list[Found],
                 depth: int) -> None:
    """The related model's own data inside a nested write, which may nest further."""
    if op in ("create", "update"):
        _data(inner, path, out, depth)
    elif op in ("connectOrCreate", "upsert"):
        elements = [unwrap(n) for n in inner.named_children] if inner.type == "array" \
            else [inner]
        for element in elements:
            for key, data, _ in _pairs(element):
                if key in _DATA_KEYS:
                    _data(data, path, out, depth)
