"""Classify call expressions: table definitions, data-access sites, URL literals, dynamic imports.

Every piece of evidence starts at a call, so one pass over the file's calls (found by a
tree-sitter query, in C) yields them all. Nothing here resolves across files: a table symbol is
recorded as written, and the profile decides later which table (if any) it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tree_sitter import Node

from commissioning.observe.typescript.api_signals import call_signals
from commissioning.observe.typescript.edge_calls import function_invoke
from commissioning.observe.typescript.facts import (
    SIG_TRPC_ROUTER,
    AccessSite,
    Binding,
    Builder,
    ImportFact,
    ImportKind,
    RpcCall,
    Signal,
    TableDef,
    TableFactory,
    UrlCall,
)
from commissioning.observe.typescript.nodes import (
    arguments,
    callee_name,
    declarator_name,
    dotted,
    enclosing_declarator,
    line,
    string_value,
    template_parts,
    text,
    unwrap,
)
from commissioning.observe.typescript.prisma_calls import prisma_accesses
from commissioning.observe.typescript.supabase_calls import embedded_resources, select_string
from commissioning.observe.typescript.trpc import client_call, is_router_call

TABLE_BUILDERS: dict[str, Builder] = {
    "pgTable": "pgTable", "mysqlTable": "mysqlTable", "sqliteTable": "sqliteTable"}
SCHEMA_BUILDERS: dict[str, Builder] = {"pgSchema": "pgTable", "mysqlSchema": "mysqlTable"}
CREATOR_BUILDERS: dict[str, Builder] = {
    "pgTableCreator": "pgTable", "mysqlTableCreator": "mysqlTable",
    "sqliteTableCreator": "sqliteTable"}
DRIZZLE_NAMES = frozenset(TABLE_BUILDERS) | frozenset(SCHEMA_BUILDERS) | frozenset(CREATOR_BUILDERS)
DRIZZLE_ALIAS = "alias"  # alias(users, "parent"): only when imported from drizzle-orm

DRIZZLE_OPS = frozenset({"from", "insert", "update", "delete", "innerJoin", "leftJoin",
                         "rightJoin", "fullJoin", "crossJoin", "$count"})
DRIZZLE_WRITES = frozenset({"insert", "update", "delete"})
RELATIONAL_OPS = frozenset({"findMany", "findFirst"})
SUPABASE_WRITES = frozenset({"insert", "upsert", "update", "delete"})
HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "fetch"})
URL_FUNCTIONS = frozenset({"fetch", "axios", "useSWR"})
_SQL_WRITE_TAILS = ("insert into", "update", "delete from")


@dataclass(slots=True)
class CallFacts:
    tables: list[TableDef] = field(default_factory=list)
    factories: list[TableFactory] = field(default_factory=list)
    accesses: list[AccessSite] = field(default_factory=list)
    urls: list[UrlCall] = field(default_factory=list)
    imports: list[ImportFact] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    functions: list[tuple[str, int]] = field(default_factory=list)
    routers: list[Node] = field(default_factory=list)  # tRPC router calls (read by the parser)
    rpc_calls: list[RpcCall] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Names:
    """How this file names Drizzle's builders (aliases, namespaces) and what it imports."""

    builders: dict[str, str]
    namespaces: frozenset[str]
    imported: frozenset[str]

    @classmethod
    def from_imports(cls, imports: Iterable[ImportFact]) -> Names:
        builders: dict[str, str] = {}
        namespaces: set[str] = set()
        imported: set[str] = set()
        for imp in imports:
            drizzle = imp.specifier.startswith("drizzle-orm")
            for b in imp.bindings:
                if not drizzle:
                    imported.add(b.local)
                elif b.imported == "*":
                    namespaces.add(b.local)
                elif b.imported in DRIZZLE_NAMES or b.imported == DRIZZLE_ALIAS:
                    builders[b.local] = b.imported
        for name in DRIZZLE_NAMES - imported:
            builders.setdefault(name, name)
        return cls(builders, frozenset(namespaces), frozenset(imported))

    def builder(self, call: Node) -> str | None:
        fn = call.child_by_field_name("function")
        ref = dotted(fn)
        if ref is None:
            return None
        if len(ref) == 1:
            return self.builders.get(ref[0])
        if len(ref) == 2 and ref[0] in self.namespaces \
                and (ref[1] in DRIZZLE_NAMES or ref[1] == DRIZZLE_ALIAS):
            return ref[1]
        return None


def read_calls(calls: Iterable[Node], names: Names) -> CallFacts:
    out = CallFacts()
    candidates: list[TableDef] = []
    for call in calls:
        _classify(call, names, out, candidates)
    local_factories = {f.symbol for f in out.factories}
    for cand in candidates:
        if cand.factory in local_factories or cand.factory in names.imported:
            out.tables.append(cand)
    return out


def _classify(call: Node, names: Names, out: CallFacts, candidates: list[TableDef]) -> None:
    builder = names.builder(call)
    if builder is not None:
        _builder_call(call, builder, out)
        return
    name, receiver, receiver_node = callee_name(call)
    args = arguments(call)
    if name == "import" or (name == "require" and receiver is None):
        _dynamic_import(call, name, args, out)
    elif name == "table" and receiver_node is not None:
        _schema_table(call, receiver_node, args, names, out, candidates)
    elif receiver is None and name and _looks_like_table_call(args):
        candidates.append(TableDef(string_value(args[0]) or "", line(call), _symbol(call),
                                   factory=name, method=False))
    if name in DRIZZLE_OPS and receiver_node is not None and args:
        _drizzle_or_supabase(call, name, receiver, receiver_node, args[0], out)
    elif name in RELATIONAL_OPS and receiver_node is not None:
        _relational(call, name, receiver_node, out)
    elif name == "sql" and receiver is None and args and args[0].type == "template_string":
        _sql_template(args[0], out)
    elif name in ("createTRPCRouter", "router") and (name != "router" or _has_procedures(args)):
        out.signals.append(Signal(SIG_TRPC_ROUTER, line(call)))
    if is_router_call(name, args):
        out.routers.append(call)
    rpc = client_call(name, receiver_node, line(call))
    if rpc is not None:
        out.rpc_calls.append(rpc)
    _url_call(call, name, receiver, args, out)
    _other_clients(call, name, receiver, receiver_node, args, out)


def _other_clients(call: Node, name: str, receiver: str | None, receiver_node: Node | None,
                   args: list[Node], out: CallFacts) -> None:
    """Prisma delegate calls, Supabase Edge Function invocations, API signals (their own
    modules)."""
    out.accesses.extend(prisma_accesses(call, name, receiver_node))
    out.signals.extend(call_signals(call, name, receiver, receiver_node, args))
    invoked = function_invoke(name, receiver, args)
    if invoked is not None:
        out.functions.append(invoked)


def _symbol(call: Node, *, chains: bool = True) -> str | None:
    declarator = enclosing_declarator(call, chains=chains)
    return declarator_name(declarator) if declarator is not None else None


def _looks_like_table_call(args: list[Node]) -> bool:
    return (len(args) >= 2 and string_value(args[0]) is not None
            and args[1].type in ("object", "arrow_function", "function_expression"))


def _builder_call(call: Node, builder: str, out: CallFacts) -> None:
    args = arguments(call)
    if builder == DRIZZLE_ALIAS:
        target = dotted(args[0]) if args else None
        symbol = _symbol(call, chains=False)
        if target is not None and len(target) == 1 and symbol:
            out.aliases.append((symbol, target[0]))
        return
    if builder in TABLE_BUILDERS:
        name = string_value(args[0]) if args else None
        if name:
            out.tables.append(TableDef(name, line(call), _symbol(call), TABLE_BUILDERS[builder]))
        return
    symbol = _symbol(call, chains=False)
    if builder in SCHEMA_BUILDERS:
        schema = string_value(args[0]) if args else None
        if schema and symbol:
            out.factories.append(TableFactory(symbol, SCHEMA_BUILDERS[builder], line(call),
                                              schema=schema, method=True))
        return
    if symbol:
        prefix, suffix = _creator_affixes(args[0]) if args else ("", "")
        out.factories.append(TableFactory(symbol, CREATOR_BUILDERS[builder], line(call),
                                          prefix=prefix, suffix=suffix, method=False))


def _creator_affixes(fn: Node) -> tuple[str, str]:
    """``(name) => `app_${name}` `` gives ("app_", ""); anything else leaves names unchanged."""
    body = fn.child_by_field_name("body")
    if body is not None and body.type == "statement_block":
        ret = next((c for c in body.named_children if c.type == "return_statement"), None)
        body = ret.named_children[0] if ret is not None and ret.named_children else None
    parts = template_parts(body) if body is not None else None
    if parts is None or parts.count(None) != 1:
        return "", ""
    at = parts.index(None)
    return "".join(p or "" for p in parts[:at]), "".join(p or "" for p in parts[at + 1:])


def _schema_table(call: Node, receiver: Node, args: list[Node], names: Names,
                  out: CallFacts, candidates: list[TableDef]) -> None:
    name = string_value(args[0]) if args else None
    if not name:
        return
    receiver = unwrap(receiver)
    if receiver.type == "call_expression":
        builder = names.builder(receiver)
        inner = arguments(receiver)
        schema = string_value(inner[0]) if inner else None
        if builder in SCHEMA_BUILDERS and schema:
            out.tables.append(TableDef(name, line(call), _symbol(call), SCHEMA_BUILDERS[builder],
                                       schema=schema))
    elif receiver.type == "identifier":
        candidates.append(TableDef(name, line(call), _symbol(call), factory=text(receiver),
                                   method=True))


def _dynamic_import(call: Node, name: str, args: list[Node], out: CallFacts) -> None:
    specifier = string_value(args[0]) if args else None
    if not specifier:
        return
    bindings: tuple[Binding, ...] = ()
    declarator = enclosing_declarator(call)
    target = declarator.child_by_field_name("name") if declarator is not None else None
    if target is not None and target.type == "identifier":
        bindings = (Binding("*", text(target)),)
    elif target is not None and target.type == "object_pattern":
        bindings = tuple(_pattern_bindings(target))
    kind: ImportKind = "dynamic" if name == "import" else "require"
    out.imports.append(ImportFact(specifier, line(call), kind, bindings))


def _pattern_bindings(pattern: Node) -> Iterable[Binding]:
    for part in pattern.named_children:
        if part.type == "shorthand_property_identifier_pattern":
            yield Binding(text(part), text(part))
        elif part.type == "pair_pattern":
            key = part.child_by_field_name("key")
            value = part.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                yield Binding(text(key), text(value))


def _drizzle_or_supabase(call: Node, op: str, receiver: str | None, receiver_node: Node,
                         arg: Node, out: CallFacts) -> None:
    at = line(arg)  # where the table is named, not where a multi-line chain starts
    ref = dotted(arg)
    if op == "from" and (receiver or "")[:1].isupper():  # Array.from(x), Buffer.from("…")
        return
    if ref is not None:
        out.accesses.append(AccessSite(ref, "symbol", op, op in DRIZZLE_WRITES, at))
        return
    name = string_value(arg)
    if op != "from" or not name or (receiver or "").endswith("storage"):
        return
    method = _chained_method(call)
    write = method in SUPABASE_WRITES
    schema = _supabase_schema(receiver_node)
    out.accesses.append(AccessSite((name,), "name", method or "select", write, at,
                                   schema=schema))
    select = select_string(call) if method == "select" else None
    out.accesses.extend(AccessSite((embedded,), "name", "select", False, at, schema=schema)
                        for embedded in embedded_resources(select or ""))


def _chained_method(call: Node) -> str | None:
    """The method called on a call's result: ``x.from('t').insert(…)`` → "insert"."""
    parent = call.parent
    if parent is None or parent.type != "member_expression":
        return None
    prop = parent.child_by_field_name("property")
    grand = parent.parent
    if prop is None or grand is None or grand.type != "call_expression":
        return None
    return text(prop)


def _supabase_schema(receiver: Node) -> str | None:
    receiver = unwrap(receiver)
    if receiver.type != "call_expression":
        return None
    name, _, _ = callee_name(receiver)
    args = arguments(receiver)
    return string_value(args[0]) if name == "schema" and args else None


def _relational(call: Node, op: str, receiver: Node, out: CallFacts) -> None:
    ref = dotted(receiver)
    key = receiver.child_by_field_name("property")
    if ref is not None and key is not None and len(ref) >= 3 and ref[-2] == "query":
        out.accesses.append(AccessSite((ref[-1],), "query", op, False, line(key)))


def _sql_template(template: Node, out: CallFacts) -> None:
    before = ""
    for child in template.named_children:
        if child.type == "template_substitution":
            expr = child.named_children[0] if child.named_children else None
            ref = dotted(expr)
            if ref is not None:
                tail = " ".join(before.lower().split())
                write = tail.endswith(_SQL_WRITE_TAILS)
                out.accesses.append(AccessSite(ref, "symbol", "sql", write, line(child)))
            before += " x "
        else:
            before += text(child)


def _base_url(template: Node) -> bool:
    first = next((c for c in template.named_children if c.type == "template_substitution"), None)
    return first is not None and _BASE_NAME.search(text(first)) is not None


_PROCEDURE = re.compile(rb"\w*Procedure\b[\s\S]*?\.(?:query|mutation|subscription)\s*\(")


def _has_procedures(args: list[Node]) -> bool:
    """``router({ list: publicProcedure.query(…) })``, also with a venture's own procedures
    (``spaceProcedure.input(…).mutation(…)``)."""
    if not args or args[0].type != "object":
        return False
    body = args[0].text or b""
    return b"publicProcedure" in body or b"protectedProcedure" in body \
        or _PROCEDURE.search(body) is not None


def _url_call(call: Node, name: str, receiver: str | None, args: list[Node],
              out: CallFacts) -> None:
    if not _is_url_callee(name, receiver):
        return
    limit = 2 if (receiver == "cy" and name == "request") else 1
    for arg in args[:limit]:
        url = url_segments(arg)
        if url is not None:
            segments, raw = url
            callee = f"{receiver}.{name}" if receiver else name
            out.urls.append(UrlCall(segments, line(arg), callee, raw))
            return


def _is_url_callee(name: str, receiver: str | None) -> bool:
    if receiver is None:
        return name in URL_FUNCTIONS
    if receiver == "axios" or name == "goto":
        return True
    if receiver == "cy":
        return name in ("visit", "request")
    return (receiver == "request" or receiver.endswith(".request")) and name in HTTP_VERBS


WILDCARD = "\x00"


_BASE_NAME = re.compile(r"(?i)url|origin|host|base")


def url_segments(arg: Node) -> tuple[tuple[str | None, ...], str] | None:
    """A URL literal starting with ``/`` as path segments (``${…}`` = one wildcard segment).
    A leading substitution that names a base URL (``${process.env.BASE_URL}/api/x``,
    ``${WEBAPP_BASE_URL}/settings``, ``${window.location.origin}/…``) is dropped."""
    parts = template_parts(arg)
    if parts and parts[0] is None and len(parts) > 1 and _base_url(arg):
        parts = parts[1:]
    if not parts or parts[0] is None or not parts[0].startswith("/") or parts[0].startswith("//"):
        return None
    raw = "".join(WILDCARD if p is None else p for p in parts)
    display = "".join("${…}" if p is None else p for p in parts)
    for stop in ("?", "#"):
        raw = raw.split(stop, 1)[0]
    segments = tuple(None if WILDCARD in s else s for s in raw.split("/") if s)
    return segments, display
