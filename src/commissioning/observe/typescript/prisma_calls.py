"""Prisma Client calls: ``client.<accessor>.<operation>(…)`` as data-access sites.

Nested reads and writes in the call's argument (``include``, ``select``, ``data: { posts: {
create: … } }``) are sites too, each with its relation path (``prisma_nested``).

Prisma names a table by its model delegate (``prisma.userProfile``), never by a symbol or a
string, so the site records the whole dotted delegate path and the profile decides later whether
the receiver is a Prisma client and which model the accessor is. What one file can prove by
itself is recorded here: the receiver is the parameter of a ``$transaction(async (tx) => …)``
callback, or a parameter whose type names ``PrismaClient``/``TransactionClient``.
"""

from __future__ import annotations

from tree_sitter import Node

from commissioning.observe.typescript.facts import AccessSite
from commissioning.observe.typescript.nodes import arguments, callee_name, line, text, unwrap
from commissioning.observe.typescript.prisma_nested import ROW_WRITES, nested_relations

PRISMA_READS = frozenset({
    "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count",
    "aggregate", "groupBy"})
PRISMA_WRITES = frozenset({
    "create", "createMany", "createManyAndReturn", "update", "updateMany",
    "updateManyAndReturn", "upsert", "delete", "deleteMany"})
PRISMA_OPS = PRISMA_READS | PRISMA_WRITES
CLIENT_TYPES = (b"PrismaClient", b"TransactionClient")
DRIZZLE_RELATIONAL = "query"  # db.query.users.findMany(): Drizzle's relational API, not Prisma
_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function_declaration",
                        "method_definition", "generator_function_declaration", "function"})
_PARAMETERS = frozenset({"required_parameter", "optional_parameter"})


def prisma_accesses(call: Node, op: str, receiver: Node | None) -> list[AccessSite]:
    """The sites of ``X.accessor.op(…)`` when ``op`` is a Prisma Client operation: the call
    itself, then each nested read or write of a relation in its argument."""
    if op not in PRISMA_OPS or receiver is None:
        return []
    delegate = unwrap(receiver)
    if delegate.type != "member_expression":
        return []
    prop = delegate.child_by_field_name("property")
    obj = delegate.child_by_field_name("object")
    if prop is None or obj is None or prop.type != "property_identifier":
        return []
    accessor = text(prop)
    client = _path(obj)
    if client is None or accessor.startswith("$") or client[-1] == DRIZZLE_RELATIONAL:
        return []
    proven = len(client) == 1 and _proven_client(call, client[0])
    ref = (*client, accessor)
    sites = [AccessSite(ref, "prisma", op, op in PRISMA_WRITES, line(prop), client=proven)]
    args = arguments(call)
    if args:
        sites.extend(AccessSite(ref, "prisma", nested, nested in ROW_WRITES, at,
                                client=proven, path=path)
                     for path, nested, at in nested_relations(args[0]))
    return sites


def _path(node: Node) -> tuple[str, ...] | None:
    """``a``, ``this``, ``a.b.c`` or ``this.a`` as names; None for anything else."""
    node = unwrap(node)
    if node.type in ("identifier", "this"):
        return (text(node),)
    if node.type == "member_expression":
        obj = node.child_by_field_name("object")
        prop = node.child_by_field_name("property")
        head = _path(obj) if obj is not None else None
        if head is None or prop is None or prop.type != "property_identifier":
            return None
        return (*head, text(prop))
    return None


def _proven_client(call: Node, name: str) -> bool:
    """Whether the nearest function declaring ``name`` as a parameter shows it is a client."""
    node = call.parent
    while node is not None:
        if node.type in _FUNCTIONS:
            found = _parameter(node, name)
            if found is not None:
                index, param = found
                return _typed_client(param) or (index == 0 and _is_transaction_callback(node))
        node = node.parent
    return False


def _parameter(function: Node, name: str) -> tuple[int, Node] | None:
    single = function.child_by_field_name("parameter")  # x => …
    if single is not None:
        return (0, single) if text(single) == name else None
    params = function.child_by_field_name("parameters")
    if params is None:
        return None
    for index, param in enumerate(params.named_children):
        if param.type in _PARAMETERS:
            pattern = param.child_by_field_name("pattern")
            if pattern is not None and pattern.type == "identifier" and text(pattern) == name:
                return index, param
        elif param.type == "identifier" and text(param) == name:  # JavaScript
            return index, param
    return None


def _typed_client(param: Node) -> bool:
    annotation = param.child_by_field_name("type")
    raw = annotation.text if annotation is not None else None
    return raw is not None and any(t in raw for t in CLIENT_TYPES)


def _is_transaction_callback(function: Node) -> bool:
    args = function.parent
    call = args.parent if args is not None else None
    if args is None or call is None or args.type != "arguments" \
            or call.type != "call_expression":
        return False
    name, _, _ = callee_name(call)
    return name == "$transaction" and bool(arguments(call)) \
        and arguments(call)[0].id == function.id
