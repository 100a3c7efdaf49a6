"""URL edges for Python: a test's request (``client.get("/items/")``, ``reverse("shop:order")``)
points at the file whose view serves it.

Routes come from the profile (FastAPI/Flask decorators in ``observe.python.web_routes``, a
Django URLconf in ``profiles.django_urls``) as segments, ``None`` for a parameter. A URL written
in a test is a template: an f-string part is one unknown segment, and a URL that *starts* with
one (``f"{settings.API_V1_STR}/items/"``) may have any prefix. A route whose mount prefix is not
a literal (``prefix=settings.API_V1_STR``) is matched the same way, from its end. A match needs
at least one literal segment in common; the most literal route wins, ties to the first in path
order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from commissioning.observe.python.facts import PyCall, PyFileFacts, Val

Segments = tuple[str | None, ...]
NAME_CALLS = frozenset({"reverse", "reverse_lazy", "url_for", "resolve_url"})
_PARAM = re.compile(r"\{[^}]*\}|<[^>]*>|^:\w+$|\(\?P<|\(")


@dataclass(frozen=True, slots=True)
class Route:
    segments: Segments
    handler: str  # the file whose code serves it
    line: int
    name: str | None = None  # for reverse()/url_for()
    open_prefix: bool = False  # mounted under a prefix that is not a literal
    view: str | None = None  # the top-level function or class that serves it
    api: bool = False  # served under /api (or a mount prefix named like an API's)

    @property
    def target(self) -> str:
        """The code-graph node a request to this route lands on (``observe.python.graph``)."""
        return f"{self.handler}::{self.view}" if self.view else self.handler


def route_segments(path: str) -> Segments:
    """``/items/{id}/`` → ("items", None); ``<int:pk>``, ``:id``, regex groups are parameters."""
    out: list[str | None] = []
    for part in path.split("?", 1)[0].split("/"):
        if not part or part in ("^", "$"):
            continue
        out.append(None if _PARAM.search(part) else part.strip("^$"))
    return tuple(out)


def url_template(text: str) -> tuple[Segments, bool] | None:
    """A URL as written in a test: its segments (None for an f-string part) and whether it
    starts with an unknown prefix. None when it is not a path."""
    text = re.sub(r"^[a-z]+://[^/]*", "", text)  # http://testserver/x → /x
    open_prefix = text.startswith("{}")
    if not open_prefix and not text.startswith("/"):
        return None
    parts = [p for p in text.split("?", 1)[0].split("#", 1)[0].split("/") if p]
    if open_prefix:
        parts = parts[1:] if parts and parts[0] == "{}" else parts
        if not parts:
            return None
    return tuple(None if "{}" in p else p for p in parts), open_prefix


def _route_order(route: Route) -> tuple[object, ...]:
    """A total order over routes: a wildcard segment (None) sorts before any literal, so two
    routes of one handler on one line (``/a/{x}`` and ``/a/b``) never compare None with str."""
    segments = tuple((segment is not None, segment or "") for segment in route.segments)
    return (route.handler, route.line, segments, route.name or "", route.view or "",
            route.open_prefix, route.api)


class RouteTable:
    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes = tuple(sorted(set(routes), key=_route_order))
        self._names: dict[str, Route] = {}
        for route in self.routes:
            if route.name is not None:
                self._names.setdefault(route.name, route)

    def named(self, name: str) -> Route | None:
        return self._names.get(name)

    def match(self, segments: Segments, open_prefix: bool) -> Route | None:
        best: tuple[int, Route] | None = None
        for route in self.routes:
            score = _score(segments, open_prefix, route.segments, route.open_prefix)
            if score is not None and (best is None or score > best[0]):
                best = (score, route)
        return best[1] if best else None


def _score(url: Segments, url_open: bool, route: Segments, route_open: bool) -> int | None:
    if url_open and route_open:
        n = min(len(url), len(route))
        url, route = url[len(url) - n:], route[len(route) - n:]
    elif url_open:
        if len(route) < len(url):
            return None
        route = route[len(route) - len(url):]
    elif route_open:
        if len(url) < len(route):
            return None
        url = url[len(url) - len(route):]
    if len(url) != len(route):
        return None
    literal = 0
    for u, r in zip(url, route, strict=True):
        if u is not None and r is not None:
            if u != r:
                return None
            literal += 1
    if literal == 0 and (url or route):
        return None
    return literal * 2 - sum(1 for r in route if r is None)


def url_edges(facts: Mapping[str, PyFileFacts], table: RouteTable,
              sources: Iterable[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each source file (tests), the view files its requests and ``reverse()`` names reach."""
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    if not table.routes:
        return out
    for path in sorted(sources):
        targets: dict[str, int] = {}
        found = [(route, call.line) for call in facts[path].calls
                 for route in _routes_of(call, table)]
        found += [(route, line) for text, line in facts[path].urls
                  for route in _routes_of_value(Val("fstr", text), table)]
        for route, line in found:
            if route.handler != path:
                targets[route.target] = min(line, targets.get(route.target, line))
        if targets:
            out[path] = tuple(sorted(targets.items()))
    return out


def _routes_of(call: PyCall, table: RouteTable) -> Sequence[Route]:
    if call.name in NAME_CALLS:
        name = call.args[0].string if call.args else None
        found = table.named(name) if name else None
        return [found] if found is not None else []
    out: list[Route] = []
    for value in (*call.args[:1], *(v for k, v in call.keywords if k in ("url", "path"))):
        out.extend(_routes_of_value(value, table))
    return out


def _routes_of_value(value: Val, table: RouteTable) -> Sequence[Route]:
    if value.kind == "call" and value.chain and value.chain[-1] in NAME_CALLS:
        name = value.args[0].string if value.args else None
        found = table.named(name) if name else None
        return [found] if found is not None else []
    if value.kind in ("str", "fstr"):
        template = url_template(value.text)
        if template is not None:
            found = table.match(*template)
            return [found] if found is not None else []
    return []
