"""A Django URLconf as routes: which view serves which path and URL name.

Starting from ``ROOT_URLCONF`` (any settings module's string), each ``urls`` module's
``path()``/``re_path()``/``url()`` calls are read with their prefix and namespace:
``include("shop.urls")``, ``include(("shop.urls", "shop"))``, ``include([...])`` (also a list
kept in a variable of the module, ``include(api_urls)``),
``include(router.urls)`` for a DRF router (``router.register("orders", OrderViewSet)``), and
``app_name`` in the included module. A view is a function or ``View.as_view()`` resolved
through imports; a URL name is namespaced (``shop:order-detail``) as ``reverse`` expects.
A ``urls`` module no root includes is read on its own, under an unknown prefix, as is one
included under a prefix that is not a literal (``path(settings.PREFIX, include(…))``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from commissioning.observe.python.facts import PyCall, Val
from commissioning.observe.python.program import PyProgram
from commissioning.observe.python.resolve import Symbol
from commissioning.observe.python.urls import Route, route_segments

PATTERN_CALLS = frozenset({"path", "re_path", "url"})
ROUTER_CALLS = frozenset({"DefaultRouter", "SimpleRouter", "ExtendedSimpleRouter",
                          "NestedSimpleRouter", "NestedDefaultRouter"})
MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class _Mount:
    prefix: str
    namespace: tuple[str, ...]
    open_prefix: bool


@dataclass(slots=True)
class _Walk:
    program: PyProgram
    routes: list[Route] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)
    seen: set[tuple[str, _Mount]] = field(default_factory=set)

    def module(self, path: str, mount: _Mount, depth: int) -> None:
        if depth > MAX_DEPTH or (path, mount) in self.seen:
            return
        self.seen.add((path, mount))
        self.visited.add(path)
        facts = self.program.facts[path]
        app_name = facts.assign("app_name")
        if app_name is not None and app_name.value.kind == "str" \
                and mount.namespace[-1:] != (app_name.value.text,):
            mount = _Mount(mount.prefix, (*mount.namespace, app_name.value.text),
                           mount.open_prefix)
        nested = {v.line for c in facts.calls if c.name in PATTERN_CALLS and not c.scope
                  for v in _nested_patterns(c)}
        for call in facts.calls:
            if call.name in PATTERN_CALLS and not call.scope and call.line not in nested:
                self.pattern(path, call.args, call.keywords, call.line, mount, depth)

    def pattern(self, path: str, args: tuple[Val, ...], keywords: tuple[tuple[str, Val], ...],
                line: int, mount: _Mount, depth: int) -> None:
        route = args[0].string if args else _keyword(keywords, "route")
        view = args[1] if len(args) > 1 else _keyword_val(keywords, "view")
        if view is None:
            return
        if route is None:  # path(settings.PREFIX, include(…)): mounted under an unknown prefix
            if not args or view.kind != "call" or view.chain[-1:] != ("include",):
                return
            here = _Mount("", mount.namespace, True)
        else:
            here = _Mount(_join(mount.prefix, route), mount.namespace, mount.open_prefix)
        if view.kind == "call" and view.chain[-1:] == ("include",):
            self.include(path, view, here, depth)
            return
        name = _keyword(keywords, "name")
        target = self.view(path, view)
        if target is None:
            return
        full = ":".join((*here.namespace, name)) if name else None
        segments = route_segments(here.prefix)
        self.routes.append(Route(segments, target.path, line, full, here.open_prefix,
                                 target.name, api=segments[:1] == ("api",)))

    def include(self, path: str, call: Val, mount: _Mount, depth: int) -> None:
        target = call.args[0] if call.args else None
        namespace = _keyword_val(call.keywords, "namespace")
        if target is not None and target.kind == "seq" and len(target.args) == 2 \
                and target.args[1].kind == "str":  # include(("shop.urls", "shop"))
            namespace, target = target.args[1], target.args[0]
        if namespace is not None and namespace.kind == "str":
            mount = _Mount(mount.prefix, (*mount.namespace, namespace.text), mount.open_prefix)
        if target is None:
            return
        if target.kind == "name" and len(target.chain) == 1:  # include(api_urls)
            listed = self.program.facts[path].assign(target.chain[0])
            if listed is not None and listed.value.kind == "seq":
                target = listed.value
        if target.kind == "seq":
            for item in target.args:
                if item.kind == "call" and item.chain[-1:] and item.chain[-1] in PATTERN_CALLS:
                    self.pattern(path, item.args, item.keywords, item.line, mount, depth + 1)
            return
        if target.kind == "name" and target.chain[-1:] == ("urls",):
            self.router(path, target.chain[:-1], mount)
            return
        module = self.module_of(path, target)
        if module is not None:
            self.module(module, mount, depth + 1)

    def module_of(self, path: str, target: Val) -> str | None:
        program = self.program
        if target.kind == "str":
            return program.module_file(program.index.find(target.text, path))
        if target.kind == "name":
            found = program.resolver.chain(path, target.chain)
            if found is not None and found.module is not None and not found.rest:
                return program.module_file(found.module)
        return None

    def router(self, path: str, chain: tuple[str, ...], mount: _Mount) -> None:
        """``include(router.urls)``: each ``router.register(prefix, ViewSet)`` is a list and a
        detail route."""
        found = self.program.resolver.chain(path, chain) if chain else None
        if found is None or found.symbol is None:
            return
        facts = self.program.facts.get(found.symbol.path)
        for call in facts.calls if facts is not None else ():
            if call.name != "register" or call.chain[:-1] != (found.symbol.name,) \
                    or len(call.args) < 2 or call.args[0].kind != "str":
                continue
            view = self.view(found.symbol.path, call.args[1])
            if view is None:
                continue
            base = _join(mount.prefix, call.args[0].text.strip("^$"))
            for suffix in ("", "/{pk}"):
                segments = route_segments(base + suffix)
                self.routes.append(Route(segments, view.path, call.line, None,
                                         mount.open_prefix, view.name,
                                         api=segments[:1] == ("api",)))

    def view(self, path: str, view: Val) -> Symbol | None:
        chain = view.chain[:-1] if view.kind == "call" and view.chain[-1:] == ("as_view",) \
            else view.chain if view.kind == "name" else ()
        if not chain:
            return None
        found = self.program.resolver.chain(path, chain)
        if found is None or found.symbol is None:
            return None
        return found.symbol


def django_routes(program: PyProgram) -> tuple[Route, ...]:
    walk = _Walk(program)
    for root in _roots(program):
        walk.module(root, _Mount("", (), False), 0)
    for path in sorted(program.facts):
        if posixpath.basename(path) == "urls.py" and path not in walk.visited:
            walk.module(path, _Mount("", (), True), 0)
    return tuple(walk.routes)


def _roots(program: PyProgram) -> list[str]:
    roots: list[str] = []
    for path, facts in sorted(program.facts.items()):
        value = facts.assign("ROOT_URLCONF")
        if value is not None and value.value.kind == "str":
            module = program.module_file(program.index.find(value.value.text, path))
            if module is not None and module not in roots:
                roots.append(module)
    return roots


def _nested_patterns(call: PyCall) -> list[Val]:
    """Patterns written inside ``include([...])`` of another pattern: read with their prefix."""
    out: list[Val] = []
    stack = list(call.args)
    while stack:
        value = stack.pop()
        if value.kind == "call" and value.chain[-1:] and value.chain[-1] in PATTERN_CALLS:
            out.append(value)
        stack.extend(value.args)
        stack.extend(v for _, v in value.keywords)
    return out


def _join(prefix: str, route: str) -> str:
    route = route.lstrip("^")
    return f"{prefix.rstrip('/')}/{route}" if prefix else f"/{route}"


def _keyword(keywords: tuple[tuple[str, Val], ...], name: str) -> str | None:
    value = _keyword_val(keywords, name)
    return value.string if value is not None else None


def _keyword_val(keywords: tuple[tuple[str, Val], ...], name: str) -> Val | None:
    for key, value in keywords:
        if key == name:
            return value
    return None
