"""``config/routes.rb`` read as the routing DSL it is, and matched against test requests.

Supported: ``resources``/``resource`` (nested, ``only``/``except`` ignored, ``path:``,
``controller:``, ``module:``, ``as:``), ``member``/``collection`` blocks and ``on:``,
``namespace``, ``scope`` (path, ``module:``, ``as:``), ``controller … do``, verb routes
(``get "/a" => "c#a"``, ``get "a", to: "c#a"``, ``controller:``/``action:``), ``match``,
``root``. Optional parts ``(…)`` are dropped (the URL without them is matched). Any other block
(``constraints``, ``authenticated``, ``defaults``) is walked with the enclosing scope; ``mount``,
``draw`` and redirects serve no controller of the app and give no route.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tree_sitter import Node

from commissioning.observe.ruby.facts import RouteFact, UrlCall
from commissioning.observe.ruby.inflect import Inflector
from commissioning.observe.ruby.nodes import (
    arguments,
    block_body,
    call_method,
    line,
    literal,
    options,
    string_parts,
)

_VERBS = frozenset({"get", "post", "put", "patch", "delete", "match"})
_OPTIONAL = re.compile(r"\([^()]*\)")


@dataclass(frozen=True, slots=True)
class _Scope:
    path: tuple[str | None, ...] = ()
    module: str = ""  # controller path prefix: "admin/"
    helper: str = ""  # helper name prefix: "admin_"
    controller: str | None = None  # set inside resources or ``controller :x do``
    member: bool = False  # inside ``member do`` (the path already has ``:id``)


def split_path(path: str) -> tuple[tuple[str | None, ...], bool]:
    """``/orders/:id(.:format)`` → (("orders", None), glob?)."""
    while _OPTIONAL.search(path):
        path = _OPTIONAL.sub("", path)
    segments: list[str | None] = []
    glob = False
    for part in path.split("/"):
        if not part:
            continue
        if part.startswith("*"):
            glob = True
            break
        segments.append(None if ":" in part or "\x00" in part else part)  # also ~:username
    return tuple(segments), glob


def read_routes(root: Node, inflector: Inflector) -> list[RouteFact]:
    out: list[RouteFact] = []
    _Reader(inflector, out).body(root, _Scope())
    return out


class _Reader:
    def __init__(self, inflector: Inflector, out: list[RouteFact]) -> None:
        self._inflect = inflector
        self._out = out

    def body(self, node: Node | None, scope: _Scope) -> None:
        if node is None:
            return
        for child in node.named_children:
            if child.type == "call":
                self.call(child, scope)
            elif child.type not in ("comment",):
                self.body(child, scope)

    def call(self, node: Node, scope: _Scope) -> None:
        method = call_method(node)
        receiver = node.child_by_field_name("receiver")
        if receiver is not None:  # Rails.application.routes.draw do … end
            self.body(block_body(node), scope)
            return
        if method in ("resources", "resource"):
            self._resources(node, scope, plural=method == "resources")
        elif method == "namespace":
            name = _first_literal(node)
            if name is not None:
                opts = options(node)
                path = _option(opts, "path") or name
                helper = _option(opts, "as") or name
                module = _option(opts, "module") or name
                self.body(block_body(node), replace(
                    scope, path=scope.path + split_path(path)[0],
                    module=scope.module + module + "/", helper=scope.helper + helper + "_"))
        elif method == "scope":
            self.body(block_body(node), self._scoped(node, scope))
        elif method == "controller":
            name = _first_literal(node)
            self.body(block_body(node), replace(scope, controller=name) if name else scope)
        elif method in ("member", "collection"):
            self.body(block_body(node), scope)
        elif method in _VERBS or method == "root":
            self._verb(node, scope, method == "root")
        elif method not in ("mount", "draw", "concern", "direct", "resolve"):
            self.body(block_body(node), scope)

    def _scoped(self, node: Node, scope: _Scope) -> _Scope:
        opts = options(node)
        path = _first_literal(node) or (literal(opts["path"]) if "path" in opts else None)
        module = literal(opts["module"]) if "module" in opts else None
        helper = literal(opts["as"]) if "as" in opts else None
        return replace(
            scope, path=scope.path + (split_path(path)[0] if path else ()),
            module=scope.module + (module.strip("/") + "/" if module else ""),
            helper=scope.helper + (helper + "_" if helper else ""))

    def _resources(self, node: Node, scope: _Scope, *, plural: bool) -> None:
        opts = options(node)
        names = [literal(a) for a in arguments(node) if a.type in ("simple_symbol", "string")]
        for name in (n for n in names if n):
            path = _option(opts, "path") or name
            controller = _option(opts, "controller") or \
                (name if plural else self._inflect.pluralize(name))
            extra = _option(opts, "module")
            module = scope.module + (extra.strip("/") + "/" if extra else "")
            helper = _option(opts, "as") or name
            single = self._inflect.singularize(helper) if plural else helper
            base = scope.path + split_path(path)[0]
            full = module + controller
            at = line(node)
            collection_helper = scope.helper + helper
            member_helper = scope.helper + single
            self._add(base, full, at, collection_helper)
            self._add((*base, "new"), full, at, f"new_{member_helper}")
            if plural:
                self._add((*base, None), full, at, member_helper)
                self._add((*base, None, "edit"), full, at, f"edit_{member_helper}")
            else:
                self._add((*base, "edit"), full, at, f"edit_{member_helper}")
            nested = (*base, None) if plural else base
            self._nested(node, replace(scope, path=nested, helper=member_helper + "_",
                                       controller=full, module=module),
                         replace(scope, path=base, helper=collection_helper + "_",
                                 controller=full, module=module))

    def _nested(self, node: Node, scope: _Scope, collection: _Scope) -> None:
        body = block_body(node)
        if body is None:
            return
        for child in body.named_children:
            if child.type != "call":
                continue
            method = call_method(child)
            if method == "collection":
                self.body(block_body(child), replace(collection, member=True))
            elif method == "member":
                self.body(block_body(child), replace(scope, member=True))
            elif method in _VERBS:
                on = options(child).get("on")
                where = literal(on) if on is not None else None
                if where == "collection":
                    self._verb(child, replace(collection, member=True))
                else:
                    self._verb(child, replace(scope, member=True))
            else:
                self.call(child, replace(scope, controller=None))

    def _verb(self, node: Node, scope: _Scope, root: bool = False) -> None:
        args = arguments(node)
        opts = options(node)
        path: str | None = "/" if root else None
        target: str | None = None
        for arg in args:
            if arg.type == "pair":
                key = arg.child_by_field_name("key")
                value = arg.child_by_field_name("value")
                key_text = string_parts(key) if key is not None else None
                if key_text is not None and value is not None and path is None:
                    path, target = key_text, literal(value)
            elif path is None:
                path = string_parts(arg) if arg.type == "string" else literal(arg)
            elif root and target is None:
                target = literal(arg)
        if "to" in opts:
            target = literal(opts["to"])
        if path is None:
            return
        controller, action = self._target(target, opts, scope)
        if controller is None and target is None and "to" not in opts:
            controller, action = self._implied(path, scope)
        if controller is None:
            return
        segments, glob = split_path(path)
        if scope.controller is not None and not path.startswith("/") and not target:
            segments = segments[:1]  # get :preview inside a resource: the action's segment
        helper = literal(opts["as"]) if "as" in opts else \
            _derived_helper(segments, scope, root, action)
        self._add(scope.path + segments, controller, line(node), helper, glob)

    def _target(self, target: str | None, opts: dict[str, Node],
                scope: _Scope) -> tuple[str | None, str | None]:
        if target and "#" in target:
            controller, action = target.split("#", 1)
            if controller.startswith("/"):  # "/rubygems/transfers#new": no module applies
                return controller.lstrip("/"), action
            return scope.module + controller, action
        if "controller" in opts:
            named = _option(opts, "controller")
            return (scope.module + named if named else None), _option(opts, "action")
        if scope.controller is not None:
            return scope.controller if "/" in scope.controller else \
                scope.module + scope.controller, target
        return None, None

    @staticmethod
    def _implied(path: str, scope: _Scope) -> tuple[str | None, str | None]:
        """``get "photos/search"`` alone routes to ``photos#search``, as Rails infers it."""
        segments, _ = split_path(path)
        if len(segments) < 2 or any(s is None for s in segments):
            return None, None
        return scope.module + "/".join(s for s in segments[:-1] if s), segments[-1]

    def _add(self, pattern: tuple[str | None, ...], controller: str, at: int,
             helper: str | None, glob: bool = False) -> None:
        self._out.append(RouteFact(pattern, controller, at, helper, glob))


def _option(opts: dict[str, Node], key: str) -> str | None:
    value = opts.get(key)
    return literal(value) if value is not None else None


def _first_literal(node: Node) -> str | None:
    for arg in arguments(node):
        if arg.type != "pair":
            return literal(arg)
    return None


def _derived_helper(segments: tuple[str | None, ...], scope: _Scope, root: bool,
                    action: str | None) -> str | None:
    if root:
        return scope.helper + "root"
    if not segments or any(s is None for s in segments):
        return None
    name = "_".join(s.replace("-", "_").replace(".", "_") for s in segments if s)
    if scope.member or scope.controller is not None:
        return f"{name}_{scope.helper.rstrip('_')}" if scope.helper else name
    return scope.helper + name


class RouteTable:
    """Every route of the app, and which controller a test's request lands on."""

    def __init__(self, routes: Sequence[RouteFact]) -> None:
        self.routes = tuple(routes)
        self._helpers: dict[str, str] = {}
        for route in self.routes:
            if route.helper:
                self._helpers.setdefault(route.helper, route.controller)

    def controller(self, call: UrlCall) -> str | None:
        """The controller path (``admin/orders``) serving the request, if a route does."""
        if call.helper is not None:
            return self._helpers.get(call.helper)
        if call.segments is None:
            return None
        segments = list(call.segments)
        if segments and segments[-1] is not None and "." in segments[-1]:
            segments[-1] = segments[-1].split(".", 1)[0]  # /orders.json
        best: tuple[tuple[int, ...], str] | None = None
        for route in self.routes:
            rank = _match(route, segments)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, route.controller)
        return best[1] if best is not None else None


def _match(route: RouteFact, url: list[str | None]) -> tuple[int, ...] | None:
    """Lower is more specific: a static segment beats a parameter, which beats a glob."""
    pattern = route.pattern
    if len(url) < len(pattern) or (len(url) > len(pattern) and not route.glob):
        return None
    ranks: list[int] = []
    for want, got in zip(pattern, url, strict=False):
        if want is None:
            ranks.append(1)
        elif got is None:
            ranks.append(3)  # an interpolated segment may be anything
        elif got != want:
            return None
        else:
            ranks.append(0)
    if len(url) > len(pattern):
        ranks.append(2)
    return tuple(ranks)
