"""The route table of a JavaScript web app: which file serves a URL the code fetches or a spec
visits.

Next.js: App Router folders (``app/``, ``src/app/``, also inside a monorepo package) give
``page.*`` and ``route.*`` files; Pages Router folders give every module under ``pages/``. Route
groups ``(x)``, parallel-route slots ``@x`` and private ``_x`` folders are not URL segments;
intercepting routes ``(.)x`` duplicate another route and are skipped.

Remix and React Router v7 (file routes): a folder holding ``root.{tsx,jsx,ts,js}`` and a
``routes/`` folder is an app; each module under ``routes/`` is a route module named by the flat
routes convention (``@react-router/fs-routes``, Remix v2, ``remix-flat-routes``): dots separate
segments (``o.$orgUrl.settings.tsx`` → ``/o/:orgUrl/settings``), a folder ending in ``+`` adds
its name's segments, a folder without ``+`` is one route (its ``route.*``/``index.*`` module;
other files there are colocated code), ``_index`` and ``_layout`` add nothing, a leading ``_``
is a pathless layout, a trailing ``_`` opts out of nesting, ``$x`` is a parameter, ``$`` a
splat, ``(x)`` optional and ``[.]`` an escaped character. A module without a default export is a
resource route: an endpoint, like a Next.js route handler (told from the file's facts when the
profile has them, else by a ``.ts``/``.js`` extension). ``routes.ts`` route configs written out
by hand (``route("path", "file")``) are not read.

When several routes match, static segments win over ``[id]``, which wins over ``[...slug]`` and
``[[...slug]]``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from commissioning.evidence.pickling import FastPickle
from commissioning.observe.typescript.project import dirname

STATIC, DYNAMIC, CATCH_ALL, OPTIONAL, WILD_ON_STATIC = 0, 1, 2, 3, 4
_APP_FILE = re.compile(r"^(page|route)\.(tsx|jsx|ts|js|mdx|md)$")
_PAGES_EXT = (".tsx", ".jsx", ".ts", ".js", ".mdx", ".md")
_PAGES_SPECIAL = frozenset({"_app", "_document", "_error", "_middleware"})
_REMIX_ROOTS = frozenset(f"root.{e}" for e in ("tsx", "jsx", "ts", "js"))
_REMIX_NO_SEGMENT = frozenset({"_index", "index", "route", "_layout"})
_PROJECT_MARKERS = ("package.json", "next.config.js", "next.config.mjs", "next.config.ts",
                    "next.config.cjs")

Segment = tuple[int, str]  # (STATIC|DYNAMIC|CATCH_ALL|OPTIONAL, text)


@dataclass(frozen=True, slots=True)
class Route(FastPickle):
    pattern: tuple[Segment, ...]
    path: str
    project: str
    app_router: bool
    handler: bool = False  # an API route handler (route.*, pages/api/**), not a page
    module: bool = False  # a Remix / React Router route module
    rank: int = 0  # among equal matches: 0 an index route, 1 a route, 2 a layout


class RouteTable:
    def __init__(self, routes: Iterable[Route], projects: Iterable[str] = ("",)) -> None:
        self.routes = tuple(sorted(routes, key=lambda r: r.path))
        self._handlers = tuple(r for r in self.routes if r.handler and r.pattern
                               and r.pattern[0][0] == STATIC)
        self._matched: dict[tuple[tuple[str | None, ...], str | None, bool], str | None] = {}
        self._projects = sorted(set(projects), key=lambda p: -len(p))
        self.projects = tuple(sorted(self._projects))
        self._index = {False: _by_head(self.routes), True: _by_head(self._handlers)}

    @classmethod
    def from_files(cls, files: Sequence[str],
                   default_exports: Callable[[str], bool | None] | None = None) -> RouteTable:
        """``default_exports`` tells whether a module exports a default (None: unknown), which
        makes a Remix route module a page rather than a resource route."""
        projects = {""} | {dirname(f) for f in files if posixpath.basename(f) in _PROJECT_MARKERS}
        remix = _remix_apps(files)
        routes: list[Route] = []
        for path in files:
            app = _remix_app_of(path, remix)
            route = _remix_route(path, app, projects, default_exports) if app is not None \
                else _route(path, projects)
            if route is not None:
                routes.append(route)
        return cls(routes, projects)

    def match(self, url: str | Sequence[str | None], from_path: str | None = None, *,
              handlers_only: bool = False) -> str | None:
        """The file serving ``url`` (a string, or segments with None for ``${…}``); routes of the
        caller's own project are preferred. ``handlers_only`` (a bare literal, not a call's
        URL) matches only API route handlers whose first segment is static, so a catch-all
        handler does not answer every ``/…`` string."""
        segments = split_url(url) if isinstance(url, str) else tuple(url)
        home = self._project_of(from_path) if from_path is not None else None
        key = (segments, home, handlers_only)
        if key not in self._matched:
            self._matched[key] = self._match_uncached(segments, home, handlers_only)
        return self._matched[key]

    def _match_uncached(self, segments: tuple[str | None, ...], home: str | None,
                        handlers_only: bool) -> str | None:
        best: tuple[bool, tuple[int, ...], int, bool, str] | None = None
        for route in self._candidates(segments, handlers_only):
            ranks = _match(route.pattern, segments)
            if ranks is None:
                continue
            key = (home is not None and route.project != home, ranks, route.rank,
                   not route.app_router, route.path)
            if best is None or key < best:
                best = key
        return best[4] if best is not None else None

    def _candidates(self, segments: tuple[str | None, ...],
                    handlers_only: bool) -> Sequence[Route]:
        """The routes that can match: those whose first segment is the URL's, and those that
        start with a parameter. Every URL against every route would cost the square of the
        app's size; the best match is the same (its key orders all candidates)."""
        by_head, wild = self._index[handlers_only]
        if not segments or segments[0] is None:
            return self._handlers if handlers_only else self.routes
        return [*by_head.get(segments[0], ()), *wild]

    def _project_of(self, path: str) -> str:
        for project in self._projects:
            if not project or path.startswith(project + "/"):
                return project
        return ""


def _by_head(routes: Sequence[Route]) -> tuple[dict[str, list[Route]], list[Route]]:
    """Routes by their first static segment, and the rest (a parameter or nothing first)."""
    by_head: dict[str, list[Route]] = {}
    wild: list[Route] = []
    for route in routes:
        if route.pattern and route.pattern[0][0] == STATIC:
            by_head.setdefault(route.pattern[0][1], []).append(route)
        else:
            wild.append(route)
    return by_head, wild


def _remix_apps(files: Sequence[str]) -> list[str]:
    """Folders holding ``root.*`` and a ``routes/`` folder, deepest first."""
    roots = {dirname(f) for f in files if posixpath.basename(f) in _REMIX_ROOTS}
    with_routes = {r for r in roots if any(f.startswith(f"{r}/routes/" if r else "routes/")
                                           for f in files)}
    return sorted(with_routes, key=lambda r: -len(r))


def _remix_app_of(path: str, apps: list[str]) -> str | None:
    for app in apps:
        if path.startswith(f"{app}/routes/" if app else "routes/"):
            return app
    return None


def _remix_route(path: str, app: str, projects: set[str],
                 default_exports: Callable[[str], bool | None] | None) -> Route | None:
    stem, ext = posixpath.splitext(posixpath.basename(path))
    if ext not in _PAGES_EXT or stem.endswith((".d", ".test", ".spec")):
        return None
    rest = path[len(f"{app}/routes/" if app else "routes/"):].split("/")
    pieces: list[str] = []
    in_route_folder = False
    for folder in rest[:-1]:
        if folder.endswith("+"):
            pieces += _flat_pieces(folder[:-1])
        elif in_route_folder:
            return None  # deeper than a route folder: colocated code
        else:
            pieces += _flat_pieces(folder)
            in_route_folder = True
    if in_route_folder:
        if stem not in ("route", "index", "_index", "_layout"):
            return None
    else:
        pieces += _flat_pieces(stem)
    pattern = [seg for seg in (_flat_segment(p) for p in pieces) if seg is not None]
    has_default = default_exports(path) if default_exports is not None else None
    resource = (not has_default) if has_default is not None else ext in (".ts", ".js")
    project = max((p for p in projects if not p or path.startswith(p + "/")), key=len)
    last = pieces[-1] if pieces else "_index"
    rank = 0 if last in ("_index", "index") else 2 if last.startswith("_") else 1
    return Route(tuple(pattern), path, project, app_router=True, handler=resource, module=True,
                 rank=rank)


def _flat_pieces(name: str) -> list[str]:
    """``a.b[.]c.$id`` → ["a", "b.c", "$id"]: dots split, ``[…]`` escapes."""
    pieces: list[str] = []
    current: list[str] = []
    escaped = False
    for char in name:
        if char == "[" and not escaped:
            escaped = True
        elif char == "]" and escaped:
            escaped = False
        elif char == "." and not escaped:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p for p in pieces if p]


def _flat_segment(piece: str) -> Segment | None:
    if piece in _REMIX_NO_SEGMENT or piece.startswith("_"):
        return None
    if piece.endswith("_"):
        piece = piece[:-1]
    if piece.startswith("(") and piece.endswith(")"):
        return (OPTIONAL, piece)
    if piece == "$":
        return (CATCH_ALL, piece)
    if piece.startswith("$"):
        return (DYNAMIC, piece)
    return (STATIC, piece)


def split_url(url: str) -> tuple[str | None, ...]:
    for stop in ("?", "#"):
        url = url.split(stop, 1)[0]
    return tuple(None if "${" in s else s for s in url.split("/") if s)


def _route(path: str, projects: set[str]) -> Route | None:
    parts = path.split("/")
    for i, part in enumerate(parts[:-1]):
        if part not in ("app", "pages") or not _is_root(parts[:i], projects):
            continue
        project = "/".join(parts[:i - 1] if i and parts[i - 1] == "src" else parts[:i])
        if part == "app":
            return _app_route(parts[i + 1:], path, project)
        return _pages_route(parts[i + 1:], path, project)
    return None


def _is_root(prefix: list[str], projects: set[str]) -> bool:
    if prefix and prefix[-1] == "src":
        prefix = prefix[:-1]
    return "/".join(prefix) in projects


def _app_route(rest: list[str], path: str, project: str) -> Route | None:
    if not _APP_FILE.match(rest[-1]):
        return None
    pattern: list[Segment] = []
    for folder in rest[:-1]:
        if folder.startswith("(."):
            return None
        if folder.startswith("_"):
            return None
        if (folder.startswith("(") and folder.endswith(")")) or folder.startswith("@"):
            continue
        pattern.append(_segment(folder))
    return Route(tuple(pattern), path, project, app_router=True,
                 handler=rest[-1].startswith("route."))


def _pages_route(rest: list[str], path: str, project: str) -> Route | None:
    stem, ext = posixpath.splitext(rest[-1])
    if ext not in _PAGES_EXT or stem in _PAGES_SPECIAL or stem.endswith(".d"):
        return None
    folders = [*rest[:-1], stem] if stem != "index" else rest[:-1]
    return Route(tuple(_segment(f) for f in folders), path, project, app_router=False,
                 handler=bool(rest) and rest[0] == "api")


def _segment(folder: str) -> Segment:
    if folder.startswith("[[...") and folder.endswith("]]"):
        return (OPTIONAL, folder)
    if folder.startswith("[...") and folder.endswith("]"):
        return (CATCH_ALL, folder)
    if folder.startswith("[") and folder.endswith("]"):
        return (DYNAMIC, folder)
    return (STATIC, folder)


def _match(pattern: tuple[Segment, ...], url: tuple[str | None, ...]) -> tuple[int, ...] | None:
    """The rank of each pattern segment used, when the pattern matches; lower is more specific."""
    if not pattern:
        return () if not url else None
    (kind, text), rest = pattern[0], pattern[1:]
    if kind in (CATCH_ALL, OPTIONAL):
        best: tuple[int, ...] | None = None
        for taken in range(0 if kind == OPTIONAL else 1, len(url) + 1):
            tail = _match(rest, url[taken:])
            if tail is not None and (best is None or (kind, *tail) < best):
                best = (kind, *tail)
        return best
    if not url:
        return None
    head = url[0]
    if kind == STATIC:
        if head is None:
            rank = WILD_ON_STATIC
        elif head == text:
            rank = STATIC
        else:
            return None
    else:
        rank = DYNAMIC
    tail = _match(rest, url[1:])
    return None if tail is None else (rank, *tail)
