"""The HTTP routes of a FastAPI, Flask or Starlette app, from its decorators and mounts.

A route is ``@router.get("/{id}")`` (any HTTP-method or ``route`` decorator) on a router made by
``APIRouter(prefix=…)``, ``Blueprint(…, url_prefix=…)``, ``FastAPI()``/``Flask()``; mounted
with ``include_router(r, prefix=…)`` or ``register_blueprint(bp, url_prefix=…)`` (composed
through every level); Flask-RESTful/RESTX ``api.add_resource(Resource, "/path")`` (also
through the venture's own wrapper of it, ``api.add_org_resource(Resource, "/path")``) and
``add_url_rule("/path", view_func=f)``. A prefix that is not a literal
(``settings.API_V1_STR``) makes the route match from its end.
"""

from __future__ import annotations

from dataclasses import dataclass

from commissioning.observe.python.facts import PyCall, PyFileFacts, Val
from commissioning.observe.python.idioms import ROUTE_METHODS
from commissioning.observe.python.program import PyProgram
from commissioning.observe.python.resolve import Symbol
from commissioning.observe.python.urls import Route, route_segments

ROUTER_CALLS = frozenset({"APIRouter", "Blueprint", "APIBlueprint", "Namespace", "FastAPI",
                          "Flask", "Quart", "Api", "Starlette"})
MOUNT_CALLS = frozenset({"include_router", "register_blueprint", "add_namespace", "mount"})
MAX_LEVELS = 6
# (literal prefix, an unknown part comes before it, an unknown part is named like an API's)
Prefix = tuple[str, bool, bool]


@dataclass(frozen=True, slots=True)
class _Router:
    prefix: Val | None
    name: str | None


class _Mounts:
    def __init__(self, program: PyProgram) -> None:
        self.program = program
        self.routers: dict[Symbol, _Router] = {}
        self.parents: dict[Symbol, list[tuple[Symbol, Val | None]]] = {}
        self._memo: dict[Symbol, list[Prefix]] = {}
        for path, facts in sorted(program.facts.items()):
            for assign in facts.assigns:
                value = assign.value
                if value.kind == "call" and value.chain and value.chain[-1] in ROUTER_CALLS:
                    name = value.args[0].string if value.args else None
                    self.routers[Symbol(path, assign.name)] = _Router(_prefix_of(value), name)
            for call in facts.calls:
                if call.name in MOUNT_CALLS and call.args:
                    self._mount(path, call)

    def _mount(self, path: str, call: PyCall) -> None:
        """``include_router(child, prefix=…)``; Starlette's ``mount("/api", app=child)``."""
        parent = self.symbol(path, call.chain[:-1])
        if call.name == "mount":
            prefix: Val | None = call.args[0]
            child_val = call.keyword("app") or (call.args[1] if len(call.args) > 1 else None)
        else:
            prefix = call.keyword("prefix") or call.keyword("url_prefix") or call.keyword("path")
            child_val = call.args[0]
        child = self.symbol(path, child_val.chain) \
            if child_val is not None and child_val.kind == "name" else None
        if parent is not None and child is not None:
            self.parents.setdefault(child, []).append((parent, prefix))

    def symbol(self, path: str, chain: tuple[str, ...]) -> Symbol | None:
        found = self.program.resolver.chain(path, chain) if chain else None
        return found.symbol if found is not None and not found.rest else None

    def prefixes(self, router: Symbol | None, depth: int = 0) -> list[Prefix]:
        if router is None:
            return [("", False, False)]
        if router in self._memo:
            return self._memo[router]
        self._memo[router] = [("", True, False)]  # a mount cycle: unknown prefix
        own = self.routers.get(router)
        base = _join([("", False, False)], own.prefix if own else None)
        parents = self.parents.get(router, [])
        if not parents or depth >= MAX_LEVELS:
            out = base
        else:
            out = []
            for parent, mount_prefix in parents:
                above = _join(self.prefixes(parent, depth + 1), mount_prefix)
                out += [(a + b, a_open or b_open, a_api or b_api)
                        for a, a_open, a_api in above for b, b_open, b_api in base]
        self._memo[router] = sorted(set(out))[:8]
        return self._memo[router]


def web_routes(program: PyProgram) -> tuple[Route, ...]:
    mounts = _Mounts(program)
    wrappers = _wrappers(program)
    routes: list[Route] = []
    for path, facts in sorted(program.facts.items()):
        routes += _decorated(path, facts, mounts)
        for call in facts.calls:
            if not call.args:
                continue
            if call.name == "add_resource" or wrappers.get(call.name) == "add_resource":
                routes += _resource(path, call, mounts)
            elif call.name in ("add_url_rule", "add_api_route"):
                routes += _rule(path, call, mounts)
    return tuple(routes)


def _wrappers(program: PyProgram) -> dict[str, str]:
    """The venture's own functions and methods that register a resource for their caller
    (Redash's ``add_org_resource(resource, *urls)`` calls ``self.add_resource(resource, …)``):
    their calls are read as the call they wrap."""
    out: dict[str, str] = {}
    for facts in program.facts.values():
        for call in facts.calls:
            if call.name == "add_resource" and call.scope:
                name = call.scope.rsplit(".", 1)[-1]
                if name != "add_resource":
                    out.setdefault(name, "add_resource")
    return out


def _decorated(path: str, facts: PyFileFacts, mounts: _Mounts) -> list[Route]:
    out: list[Route] = []
    for function in facts.functions:
        for decorator in function.decorators:
            if decorator.chain[-1] not in ROUTE_METHODS or len(decorator.chain) < 2 \
                    or not decorator.called:
                continue
            first = decorator.args[0] if decorator.args else None
            if first is None or first.kind != "str":
                continue
            router = mounts.symbol(path, decorator.chain[:-1])
            info = mounts.routers.get(router) if router is not None else None
            name = f"{info.name}.{function.name}" if info and info.name else function.name
            view = function.qualname.split(".", 1)[0]
            out += [_route(prefix + first.text, path, decorator.line, name, open_, view, api)
                    for prefix, open_, api in mounts.prefixes(router)]
    return out


def _resource(path: str, call: PyCall, mounts: _Mounts) -> list[Route]:
    target = mounts.symbol(path, call.args[0].chain) if call.args[0].kind == "name" else None
    handler = target.path if target is not None else path
    view = target.name if target is not None else None
    api = mounts.symbol(path, call.chain[:-1])
    return [_route(prefix + rule.text, handler, call.line, None, open_, view, hint)
            for rule in call.args[1:] if rule.kind == "str"
            for prefix, open_, hint in mounts.prefixes(api)]


def _rule(path: str, call: PyCall, mounts: _Mounts) -> list[Route]:
    rule = call.args[0]
    if rule.kind != "str":
        return []
    view = call.keyword("view_func") or call.keyword("endpoint") \
        or (call.args[2] if call.name == "add_url_rule" and len(call.args) > 2 else None) \
        or (call.args[1] if call.name == "add_api_route" and len(call.args) > 1 else None)
    target = mounts.symbol(path, _view_chain(view)) if view is not None else None
    handler = target.path if target is not None else path
    name = target.name if target is not None else None
    app = mounts.symbol(path, call.chain[:-1])
    return [_route(prefix + rule.text, handler, call.line, None, open_, name, api)
            for prefix, open_, api in mounts.prefixes(app)]


def _route(path: str, handler: str, line: int, name: str | None, open_prefix: bool,
           view: str | None, api: bool) -> Route:
    segments = route_segments(path)
    return Route(segments, handler, line, name, open_prefix, view,
                 api or segments[:1] == ("api",))


def _view_chain(view: Val) -> tuple[str, ...]:
    """``views.show`` or ``ShowView.as_view("show")``: the name of the view."""
    if view.kind == "call" and view.chain and view.chain[-1] == "as_view":
        return view.chain[:-1]
    return view.chain if view.kind == "name" else ()


def _prefix_of(value: Val) -> Val | None:
    return value.keyword("prefix") or value.keyword("url_prefix") or value.keyword("path")


def _join(prefixes: list[Prefix], extra: Val | None) -> list[Prefix]:
    """Mount ``extra`` below each prefix. A prefix that is not a literal
    (``settings.API_V1_STR``) leaves the route matched from its end; its name still says
    whether it is an API's."""
    if extra is None:
        return prefixes
    if extra.kind == "str":
        return [(p + extra.text.rstrip("/"), o, a) for p, o, a in prefixes]
    api = "api" in " ".join((extra.text, *extra.chain)).lower()
    known = extra.text.rsplit("{}", 1)[-1].rstrip("/") if extra.kind == "fstr" else ""
    return [(known, True, api or any(a for _, _, a in prefixes))]
