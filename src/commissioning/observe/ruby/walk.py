"""One walk over a Ruby syntax tree, collecting a file's facts (``observe.ruby.facts``).

The walk keeps the lexical nesting (``module Billing; class Invoice``) so every constant
reference can list the names it may denote, and the innermost ``class``/``module`` so the model
settings (``self.table_name = …``) and receiverless calls land on the right definition.
Schema operations inside a migration's ``down`` method are skipped: they undo, not define.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from tree_sitter import Node

from commissioning.observe.ruby.facts import (
    ConstRef,
    Definition,
    MethodDef,
    Send,
    SqlText,
    TableOp,
    UrlCall,
)
from commissioning.observe.ruby.nodes import (
    INTERPOLATION,
    arguments,
    call_method,
    const_path,
    line,
    literal,
    literals,
    string_parts,
    text,
)

TABLE_OPS = frozenset({"create_table", "drop_table", "rename_table", "create_join_table",
                       "drop_join_table"})
URL_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "visit"})
_INCLUDES = frozenset({"include", "extend", "prepend"})
_DOWN = frozenset({"down"})
_ASSOCIATIONS = frozenset({"has_many", "has_and_belongs_to_many"})
_EXECUTE = frozenset({"execute", "exec_query", "exec_insert", "exec_update"})
_SETTINGS = frozenset({"table_name", "table_name_prefix", "table_name_suffix", "abstract_class"})
_MAX_CHAIN = 6
# A write through an association reader: ``family.users.create!(…)`` adds a user.
_READER_WRITES = frozenset({"create", "create!", "new", "build", "insert_all", "insert_all!",
                            "upsert_all", "find_or_create_by", "find_or_create_by!",
                            "create_or_find_by", "create_or_find_by!", "first_or_create",
                            "first_or_create!", "find_or_initialize_by", "first_or_initialize"})
# A view's forms and buttons submit to a route (``button_to "Reject", transfer_path(t)``); a
# plain link only navigates, unless it carries a method (``link_to …, method: :delete``).
_SUBMITS = frozenset({"button_to", "form_with", "form_for", "form_tag", "simple_form_for"})
_COLUMN_TYPES = frozenset({
    "string", "text", "integer", "bigint", "float", "decimal", "numeric", "boolean", "date",
    "datetime", "time", "timestamp", "timestamptz", "json", "jsonb", "uuid", "binary", "inet",
    "citext", "enum", "virtual", "column", "hstore", "interval", "money", "cidr", "macaddr"})


class _Ctx(NamedTuple):
    nesting: tuple[str, ...]  # qualified names, innermost first
    defn: int | None  # index of the innermost definition being built
    down: bool  # inside a migration's ``down``


@dataclass(slots=True)
class _Def:
    name: str
    kind: Literal["class", "module"]
    line: int
    superclass: ConstRef | None = None
    settings: dict[str, str | None] = field(default_factory=dict)  # None: not a literal
    abstract: bool = False
    includes: list[ConstRef] = field(default_factory=list)
    self_calls: list[tuple[str, int]] = field(default_factory=list)
    leaf: bool = True
    associations: list[tuple[str, str | None, int]] = field(default_factory=list)
    bare_receivers: list[tuple[str, int]] = field(default_factory=list)
    throughs: list[tuple[str, str]] = field(default_factory=list)

    def freeze(self) -> Definition:
        table_name = self.settings.get("table_name")
        return Definition(
            self.name, self.kind, self.line, self.superclass, table_name=table_name,
            table_name_dynamic="table_name" in self.settings and table_name is None,
            table_name_prefix=self.settings.get("table_name_prefix"),
            table_name_suffix=self.settings.get("table_name_suffix"),
            abstract=self.abstract or self.settings.get("abstract_class") == "true",
            includes=tuple(self.includes), self_calls=tuple(self.self_calls), leaf=self.leaf,
            associations=tuple(self.associations), bare_receivers=tuple(self.bare_receivers),
            throughs=tuple(self.throughs))


@dataclass(slots=True)
class WalkResult:
    definitions: list[Definition]
    refs: list[ConstRef]
    table_ops: list[TableOp]
    sql: list[SqlText]
    urls: list[UrlCall]
    inflections: list[tuple[str, str]]
    uncountables: list[str]
    acronyms: list[str]
    readers: list[tuple[str, int]]
    reader_writes: list[tuple[str, int]] = field(default_factory=list)
    methods: list[MethodDef] = field(default_factory=list)
    sends: list[Send] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


def candidates(written: str, nesting: tuple[str, ...]) -> tuple[str, ...]:
    """The names ``written`` may denote from inside ``nesting``, innermost first."""
    if written.startswith("::"):
        return (written[2:],)
    return (*(f"{outer}::{written}" for outer in nesting), written)


class Walker:
    """Collects one tree's facts; ``heredocs`` maps a ``<<~SQL`` opener to its body text."""

    def __init__(self, heredocs: dict[int, str]) -> None:
        self._heredocs = heredocs
        self._defs: list[_Def] = []
        self.out = WalkResult([], [], [], [], [], [], [], [], [])

    def walk(self, root: Node) -> WalkResult:
        stack: list[tuple[Node, _Ctx]] = [(root, _Ctx((), None, False))]
        while stack:
            node, ctx = stack.pop()
            children = self._visit(node, ctx)
            stack.extend(reversed(children))
        self.out.definitions = [d.freeze() for d in self._defs]
        return self.out

    def _visit(self, node: Node, ctx: _Ctx) -> list[tuple[Node, _Ctx]]:
        kind = node.type
        if kind in ("class", "module"):
            return self._definition(node, ctx)
        if kind in ("constant", "scope_resolution"):
            written = const_path(node)
            if written is not None:
                self._ref(node, written, ctx)
                return []
        elif kind == "call":
            self._call(node, ctx)
        elif kind == "assignment":
            self._assignment(node, ctx)
        elif kind in ("method", "singleton_method"):
            return self._method(node, ctx)
        elif kind == "identifier" and ctx.defn is not None and \
                text(node) == "primary_abstract_class":  # a bare call parses as a name
            self._defs[ctx.defn].abstract = True
        elif kind in ("comment", "heredoc_body"):
            return []
        return [(c, ctx) for c in node.named_children]

    # -- definitions ------------------------------------------------------------------------

    def _definition(self, node: Node, ctx: _Ctx) -> list[tuple[Node, _Ctx]]:
        name_node = node.child_by_field_name("name")
        written = const_path(name_node)
        if written is None:
            return [(c, ctx) for c in node.named_children]
        if written.startswith("::"):
            name = written[2:]
        else:
            name = f"{ctx.nesting[0]}::{written}" if ctx.nesting else written
        superclass = None
        parent = node.child_by_field_name("superclass")
        if parent is not None and parent.named_children:
            expr = parent.named_children[0]
            if expr.type == "element_reference":  # ActiveRecord::Migration[7.1]
                expr = expr.child_by_field_name("object") or expr
            target = const_path(expr)
            if target is not None:
                superclass = ConstRef(candidates(target, ctx.nesting), line(expr))
        if ctx.defn is not None:
            self._defs[ctx.defn].leaf = False
        self._defs.append(_Def(name, "class" if node.type == "class" else "module", line(node),
                               superclass))
        inner = _Ctx((name, *ctx.nesting), len(self._defs) - 1, ctx.down)
        body = node.child_by_field_name("body")
        outer_exprs = [(parent.named_children[0], ctx)] if parent is not None and \
            parent.named_children and superclass is None else []
        return [*outer_exprs, *([(body, inner)] if body is not None else [])]

    def _method(self, node: Node, ctx: _Ctx) -> list[tuple[Node, _Ctx]]:
        name = node.child_by_field_name("name")
        method = text(name) if name is not None else ""
        body = node.child_by_field_name("body")
        if node.type == "singleton_method" and ctx.defn is not None and body is not None \
                and method in _SETTINGS and method != "abstract_class":
            value = literal(body) if body.type == "string" else _single_string(body)
            self._defs[ctx.defn].settings[method] = value
        if name is not None:
            owner = self._defs[ctx.defn].name if ctx.defn is not None else ""
            self.out.methods.append(MethodDef(owner, method, line(node),
                                              node.end_point.row + 1,
                                              node.type == "singleton_method",
                                              _params(node)))
        down = ctx.down or method in _DOWN
        inner = ctx._replace(down=down)
        return [(c, inner) for c in node.named_children if c is not name]

    def _assignment(self, node: Node, ctx: _Ctx) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or left.type != "call" or ctx.defn is None:
            return
        receiver = left.child_by_field_name("receiver")
        setting = call_method(left)
        if receiver is None or receiver.type != "self" or setting not in _SETTINGS:
            return
        if setting == "abstract_class":
            self._defs[ctx.defn].settings[setting] = text(right)
        else:
            self._defs[ctx.defn].settings[setting] = literal(right)

    # -- calls and references ---------------------------------------------------------------

    def _ref(self, node: Node, written: str, ctx: _Ctx) -> None:
        chain: list[str] = []
        current = node
        parent = current.parent
        while parent is not None and parent.type == "call" and len(chain) < _MAX_CHAIN:
            receiver = parent.child_by_field_name("receiver")
            if receiver is None or receiver.id != current.id:
                break
            method = call_method(parent)
            if method is None:
                break
            chain.append(method)
            current, parent = parent, parent.parent
        argument_of = None
        holder = node.parent
        if not chain and holder is not None and holder.type == "argument_list":
            call = holder.parent
            if call is not None and call.type == "call":
                argument_of = _call_name(call)
        self.out.refs.append(ConstRef(candidates(written, ctx.nesting), line(node),
                                      tuple(chain), argument_of))

    def _call(self, node: Node, ctx: _Ctx) -> None:
        method = call_method(node)
        if method is None:
            return
        receiver = node.child_by_field_name("receiver")
        self._send(node, method, receiver, ctx)
        if method in _EXECUTE and not ctx.down:
            self._execute(node)
        elif receiver is not None:
            self._inflection(node, method)
            self._on_value(node, method, receiver)
        elif method in TABLE_OPS and not ctx.down:
            self._table_op(node, method)
        elif method in URL_VERBS:
            self._url(node)
        elif method in _SUBMITS or (method == "link_to" and _submits_link(node)):
            self._submit(node)
        elif ctx.defn is not None:
            self._declaration(node, method, ctx, self._defs[ctx.defn])

    def _send(self, node: Node, method: str, receiver: Node | None, ctx: _Ctx) -> None:
        """The call as a ``Send`` (which method of the app it runs is decided across files),
        and, inside a class or module, as one of its own receiverless calls."""
        own = receiver is None or _is_self(receiver)
        if own and ctx.defn is not None:
            self._defs[ctx.defn].self_calls.append((method, line(node)))
        if receiver is not None and receiver.type == "identifier" and ctx.defn is not None:
            self._defs[ctx.defn].bare_receivers.append((text(receiver), line(receiver)))
        if own or const_path(receiver) is None:
            self.out.sends.append(Send(method, line(node), _has_block(node), not own,
                                       "" if own or receiver is None else _hint(receiver)))

    def _on_value(self, node: Node, method: str, receiver: Node) -> None:
        """``x.orders`` (an argument-less reader, written to when ``.create!`` follows) and
        ``t.string "status"`` (a column)."""
        if node.child_by_field_name("arguments") is None and \
                node.child_by_field_name("block") is None and const_path(receiver) is None:
            self.out.readers.append((method, line(node)))
            parent = node.parent
            outer = parent.child_by_field_name("receiver") \
                if parent is not None and parent.type == "call" else None
            if outer is not None and outer.id == node.id and parent is not None \
                    and call_method(parent) in _READER_WRITES:
                self.out.reader_writes.append((method, line(node)))
        elif method in _COLUMN_TYPES and receiver.type == "identifier":
            names = [literal(a) for a in arguments(node)[:1]]
            self.out.columns.extend(n for n in names if n)

    def _declaration(self, node: Node, method: str, ctx: _Ctx, owner: _Def) -> None:
        """``include Mod``, ``primary_abstract_class``, ``has_many :orders`` in a body."""
        if method in _INCLUDES:
            for arg in arguments(node):
                written = const_path(arg)
                if written is not None:
                    owner.includes.append(ConstRef(candidates(written, ctx.nesting), line(arg)))
        elif method == "primary_abstract_class":
            owner.abstract = True
        elif method in _ASSOCIATIONS:
            args = arguments(node)
            name = literal(args[0]) if args else None
            if name:
                pairs = _pairs(args)
                class_name = next((literal(v) for k, v in pairs if k == "class_name"), None)
                owner.associations.append((name, class_name, line(node)))
                through = next((literal(v) for k, v in pairs if k == "through"), None)
                if through:
                    owner.throughs.append((name, through))

    def _inflection(self, node: Node, method: str) -> None:
        """``inflect.irregular "person", "people"``, ``uncountable``, ``acronym``."""
        if method == "irregular":
            pair = [literal(a) for a in arguments(node)[:2]]
            if len(pair) == 2 and pair[0] and pair[1]:
                self.out.inflections.append((pair[0], pair[1]))
        elif method == "uncountable":
            for arg in arguments(node):
                self.out.uncountables.extend(literals(arg))
        elif method == "acronym":
            self.out.acronyms.extend(v for a in arguments(node)[:1] for v in literals(a))

    def _table_op(self, node: Node, method: str) -> None:
        args = arguments(node)
        names = [literal(a) for a in args if a.type != "pair"]
        if not names or names[0] is None:
            return
        first = names[0]
        at = line(node)
        if method == "create_table":
            self.out.table_ops.append(TableOp("create", first, at))
        elif method == "drop_table":
            self.out.table_ops.extend(TableOp("drop", n, at) for n in names if n)
        elif method == "rename_table" and len(names) > 1 and names[1]:
            self.out.table_ops.append(TableOp("rename", first, at, names[1]))
        elif len(names) > 1 and names[1]:
            override = next((literal(v) for k, v in _pairs(args) if k == "table_name"), None)
            table = override or join_table_name(first, names[1])
            self.out.table_ops.append(TableOp("create" if method == "create_join_table"
                                              else "drop", table, at))

    def _execute(self, node: Node) -> None:
        args = arguments(node)
        if not args:
            return
        first = args[0]
        body = self._heredocs.get(first.id) if first.type == "heredoc_beginning" else \
            literal(first)
        if body is not None:
            self.out.sql.append(SqlText(body, line(first)))

    def _submit(self, node: Node) -> None:
        """The route a form or button submits to: a ``*_path``/``*_url`` helper or a literal
        path, as an argument or its ``url:`` option (``form_with model: @o`` names none)."""
        at = line(node)
        for arg in arguments(node):
            value = arg.child_by_field_name("value") if arg.type == "pair" else arg
            key = arg.child_by_field_name("key") if arg.type == "pair" else None
            if key is not None and literal(key) not in ("url", "action"):
                continue
            call = self._url_of(value, at)
            if call is not None:
                self.out.urls.append(call)
                return

    def _url_of(self, value: Node | None, at: int) -> UrlCall | None:
        if value is None:
            return None
        literal_url = string_parts(value)
        if literal_url is not None and literal_url.startswith("/"):
            url = literal_url.split("?", 1)[0].split("#", 1)[0]
            return UrlCall(at, segments=tuple(None if INTERPOLATION in s else s
                                              for s in url.split("/") if s))
        helper = None
        if value.type == "identifier":
            helper = text(value)
        elif value.type == "call" and value.child_by_field_name("receiver") is None:
            helper = call_method(value)
        for suffix in ("_path", "_url"):
            if helper is not None and helper.endswith(suffix) and len(helper) > len(suffix):
                return UrlCall(at, helper=helper[:-len(suffix)])
        return None

    def _url(self, node: Node) -> None:
        args = arguments(node)
        if not args:
            return
        first = args[0]
        at = line(node)
        if first.type == "pair":  # get "/a" => "b#c" is a route, not a request
            return
        value = string_parts(first)
        if value is not None and value.startswith("/"):
            url = value.split("?", 1)[0].split("#", 1)[0]
            segments = tuple(None if INTERPOLATION in s else s for s in url.split("/") if s)
            self.out.urls.append(UrlCall(at, segments=segments))
            return
        helper = None
        if first.type == "identifier":
            helper = text(first)
        elif first.type == "call" and first.child_by_field_name("receiver") is None:
            helper = call_method(first)
        if helper is not None:
            for suffix in ("_path", "_url"):
                if helper.endswith(suffix) and len(helper) > len(suffix):
                    self.out.urls.append(UrlCall(at, helper=helper[:-len(suffix)]))


def _params(node: Node) -> tuple[str, ...]:
    params = node.child_by_field_name("parameters")
    if params is None:
        return ()
    return tuple(text(c) for c in params.named_children if c.type == "identifier")


def _hint(receiver: Node) -> str:
    """The name a receiver goes by: ``transfer`` for ``@transfer`` or ``transfer``,
    ``family`` for ``Current.family`` (the last method of a receiver that is a call)."""
    if receiver.type in ("identifier", "instance_variable"):
        return text(receiver).lstrip("@")
    if receiver.type == "call":
        return call_method(receiver) or ""
    return ""


def _has_block(node: Node) -> bool:
    if node.child_by_field_name("block") is not None:
        return True
    return any(a.type == "block_argument" for a in arguments(node))


def _submits_link(node: Node) -> bool:
    """``link_to "Delete", order_path(o), method: :delete`` or ``data: { turbo_method: … }``."""
    for key, value in _pairs(arguments(node)):
        if key == "method":
            return True
        if key == "data" and value.type == "hash" and any(
                k in ("turbo_method", "method") for k, _ in _pairs(value.named_children)):
            return True
    return False


def _is_self(node: Node) -> bool:
    """``self`` or ``self.class`` as a receiver."""
    if node.type == "self":
        return True
    if node.type == "call" and call_method(node) == "class":
        inner = node.child_by_field_name("receiver")
        return inner is not None and inner.type == "self"
    return False


def _call_name(call: Node) -> str | None:
    method = call_method(call)
    if method is None:
        return None
    receiver = call.child_by_field_name("receiver")
    head = const_path(receiver) if receiver is not None else None
    return f"{head}.{method}" if head else method


def _pairs(args: list[Node]) -> list[tuple[str, Node]]:
    out: list[tuple[str, Node]] = []
    for arg in args:
        if arg.type == "pair":
            key, value = arg.child_by_field_name("key"), arg.child_by_field_name("value")
            name = literal(key) if key is not None else None
            if name is not None and value is not None:
                out.append((name, value))
    return out


def _single_string(body: Node) -> str | None:
    """``def self.table_name_prefix; "billing_"; end``: a body that is one string literal."""
    statements = [c for c in body.named_children if c.type != "comment"]
    if len(statements) == 1 and statements[0].type == "string":
        return literal(statements[0])
    return None


def join_table_name(first: str, second: str) -> str:
    """Rails' ``derive_join_table_name``: the two names sorted, a shared prefix said once
    (``music_artists`` + ``music_records`` → ``music_artists_records``)."""
    a, b = sorted((first, second))
    prefix = ""
    for i in range(len(a) - 1, -1, -1):
        if a[i] == "_" and b.startswith(a[:i + 1]) and len(b) > i + 1:
            prefix = a[:i + 1]
            break
    if prefix:
        return f"{prefix}{a[len(prefix):]}_{b[len(prefix):]}"
    return f"{a}_{b}"
