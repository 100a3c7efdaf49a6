"""Signals that tell a machine interface from the app's own back end, and tRPC procedures.

* ``SIG_API_KEY``: the code reads a machine client's credential, the ``Authorization`` header
  or an API-key header, as ``headers.get("authorization")``, ``c.req.header("x-api-key")``,
  ``req.headers.authorization`` or ``req.headers["x-api-key"]``. Writing such a header (an
  object key ``Authorization:`` in a request the code sends) is calling someone else's API, not
  being one, and is not a signal.
* ``SIG_OPENAPI_META``: a tRPC procedure described as an OpenAPI operation,
  ``.meta({ openapi: { method: "GET", path: "/folder" } })`` (trpc-to-openapi, trpc-openapi).
* ``SIG_TRPC_PROCEDURE``: ``somethingProcedure….query(…)`` / ``.mutation(…)`` /
  ``.subscription(…)``, also in a file of its own that a router imports.
"""

from __future__ import annotations

from functools import cache

from tree_sitter import Language, Node, Query, QueryCursor

from commissioning.observe.typescript.facts import (
    SIG_API_KEY,
    SIG_OPENAPI_META,
    SIG_TRPC_PROCEDURE,
    Signal,
)
from commissioning.observe.typescript.nodes import line, string_value, text, unwrap

AUTH_HEADERS = frozenset({"authorization", "x-api-key", "api-key", "x-api-token", "apikey",
                          "x-auth-token", "x-access-token"})
_HEADER_GETTERS = frozenset({"get", "has"})
_PROCEDURE_OPS = frozenset({"query", "mutation", "subscription"})
_MEMBER_READS = """
(member_expression
  object: (member_expression property: (property_identifier) @headers)
  property: (property_identifier) @header)
(subscript_expression
  object: (member_expression property: (property_identifier) @headers)
  index: (string) @header)
"""


def call_signals(call: Node, name: str, receiver: str | None, receiver_node: Node | None,
                 args: list[Node]) -> list[Signal]:
    found: list[Signal] = []
    if _reads_auth_header(name, receiver, args):
        found.append(Signal(SIG_API_KEY, line(call)))
    if name == "meta" and args and _has_key(args[0], "openapi"):
        found.append(Signal(SIG_OPENAPI_META, line(args[0])))
    if name in _PROCEDURE_OPS and receiver_node is not None and _is_procedure(receiver_node):
        found.append(Signal(SIG_TRPC_PROCEDURE, line(call)))
    return found


def _reads_auth_header(name: str, receiver: str | None, args: list[Node]) -> bool:
    header = string_value(args[0]) if args else None
    if header is None or header.lower() not in AUTH_HEADERS or receiver is None:
        return False
    if name == "header":  # Hono: c.req.header("Authorization")
        return True
    return name in _HEADER_GETTERS and "header" in receiver.lower()


def _has_key(node: Node, key: str) -> bool:
    node = unwrap(node)
    if node.type != "object":
        return False
    for pair in node.named_children:
        if pair.type == "pair":
            name = pair.child_by_field_name("key")
            if name is not None and (text(name) == key or string_value(name) == key):
                return True
        elif pair.type == "shorthand_property_identifier" and text(pair) == key:
            return True
    return False


def _is_procedure(receiver: Node) -> bool:
    """Down the builder chain (``x.meta(…).input(…)``) to its root: ``…Procedure`` or
    ``t.procedure``."""
    node = unwrap(receiver)
    while True:
        if node.type == "call_expression":
            fn = node.child_by_field_name("function")
            if fn is None:
                return False
            node = unwrap(fn)
        elif node.type == "member_expression":
            prop = node.child_by_field_name("property")
            obj = node.child_by_field_name("object")
            if prop is not None and text(prop) == "procedure":
                return True
            if obj is None:
                return False
            node = unwrap(obj)
        elif node.type == "identifier":
            return text(node).endswith("Procedure") or text(node) == "procedure"
        else:
            return False


@cache
def _query(language: Language) -> Query:
    return Query(language, _MEMBER_READS)


def header_reads(root: Node, language: Language, source: bytes) -> list[Signal]:
    """``x.headers.authorization`` and ``x.headers["x-api-key"]`` (Node/Express requests).
    Run only when the source names one of the headers, so most files pay nothing."""
    lowered = source.lower()
    if not any(h.encode() in lowered for h in AUTH_HEADERS):
        return []
    found: list[Signal] = []
    for _, captures in QueryCursor(_query(language)).matches(root):
        headers = captures.get("headers", [])
        header = captures.get("header", [])
        if not headers or not header or text(headers[0]) != "headers":
            continue
        value = string_value(header[0]) if header[0].type == "string" else text(header[0])
        if value is not None and value.lower() in AUTH_HEADERS:
            found.append(Signal(SIG_API_KEY, line(header[0])))
    return found
