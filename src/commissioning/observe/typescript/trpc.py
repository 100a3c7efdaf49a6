"""tRPC routers and the client calls that name their procedures.

A tRPC client does not import the procedure it calls: ``trpc.team.member.getMany.useQuery(…)``
names it by its path in the app router. So each router call records its entries
(``router({ list: publicProcedure.query(…), member: memberRouter })``, nested plain objects
giving deeper keys), and each client call its dotted chain; ``observe.trpc`` joins the two into
graph edges, like a URL edge to a route handler. An inline procedure is a graph node of its own,
with the lines and the file-level names of its code, so a page calling ``post.create`` reaches
what ``create`` touches, not every procedure of the router.
"""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from commissioning.observe.typescript.facts import Procedure, RpcCall
from commissioning.observe.typescript.nodes import (
    arguments,
    callee_name,
    dotted,
    line,
    string_value,
    text,
    unwrap,
)

ROUTER_CALLS = frozenset({"router", "createTRPCRouter", "createRouter"})
CLIENT_METHODS = frozenset({
    "useQuery", "useSuspenseQuery", "useInfiniteQuery", "useSuspenseInfiniteQuery",
    "useMutation", "useSubscription", "query", "mutate", "mutateAsync", "subscribe",
    "fetch", "prefetch", "fetchInfinite", "prefetchInfinite", "ensureData",
    "queryOptions", "infiniteQueryOptions", "mutationOptions",
})
_MAX_DEPTH = 6


def is_router_call(name: str, args: list[Node]) -> bool:
    return name in ROUTER_CALLS and bool(args) and unwrap(args[0]).type == "object"


def client_call(name: str, receiver_node: Node | None, at: int) -> RpcCall | None:
    """``trpc.a.b.useQuery(…)``: the chain before the method, three names or more."""
    if name not in CLIENT_METHODS or receiver_node is None:
        return None
    chain = dotted(receiver_node)
    if chain is None or len(chain) < 3:
        return None
    return RpcCall(chain, at)


def read_procedures(routers: Iterable[tuple[Node, str]], known: set[str],
                    namespaces: set[str]) -> list[Procedure]:
    """The entries of each router call; ``routers`` pairs the call with the top-level
    definition holding it. ``known`` are the file-level names a procedure's code may use."""
    found: list[Procedure] = []
    for call, owner in routers:
        args = arguments(call)
        if args:
            _entries(unwrap(args[0]), owner, (), known, namespaces, found, 0)
    return found


def _entries(obj: Node, owner: str, prefix: tuple[str, ...], known: set[str],
             namespaces: set[str], found: list[Procedure], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    for pair in obj.named_children:
        if pair.type == "shorthand_property_identifier":
            name = text(pair)
            found.append(Procedure(owner, (*prefix, name), line(pair), line(pair), ref=name))
            continue
        if pair.type != "pair":
            continue
        key_node = pair.child_by_field_name("key")
        value = pair.child_by_field_name("value")
        if key_node is None or value is None:
            continue
        key = string_value(key_node) if key_node.type == "string" else text(key_node)
        if not key:
            continue
        path = (*prefix, key)
        value = unwrap(value)
        if value.type == "object":
            _entries(value, owner, path, known, namespaces, found, depth + 1)
        elif value.type == "identifier":
            found.append(Procedure(owner, path, line(value), line(value), ref=text(value)))
        elif value.type == "call_expression" and _nested_router(value):
            _entries(unwrap(arguments(value)[0]), owner, path, known, namespaces, found,
                     depth + 1)
        else:
            found.append(Procedure(owner, path, line(value), value.end_point.row + 1,
                                   uses=frozenset(_uses(value, known, namespaces))))


def _nested_router(call: Node) -> bool:
    name, _, _ = callee_name(call)
    return is_router_call(name, arguments(call))


def _uses(node: Node, known: set[str], namespaces: set[str]) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "shorthand_property_identifier"):
            name = text(current)
            if name in known:
                found.add(_member(current, name) if name in namespaces else name)
            continue
        stack.extend(current.named_children)
    return found


def _member(ident: Node, name: str) -> str:
    parent = ident.parent
    if parent is None or parent.type != "member_expression":
        return name
    obj = parent.child_by_field_name("object")
    prop = parent.child_by_field_name("property")
    if obj is None or obj.id != ident.id or prop is None or prop.type != "property_identifier":
        return name
    return f"{name}.{text(prop)}"
