"""The Next.js route table: which file serves a URL the code fetches or a spec visits.

App Router folders (``app/``, ``src/app/``, also inside a monorepo package) give ``page.*`` and
``route.*`` files; Pages Router folders give every module under ``pages/``. Route groups
``(x)``, parallel-route slots ``@x`` and private ``_x`` folders are not URL segments;
intercepting routes ``(.)x`` duplicate another route and are skipped. When several routes match,
static segments win over ``[id]``, which wins over ``[...slug]`` and ``[[...slug]]``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from commissioning.observe.typescript.project import dirname

STATIC, DYNAMIC, CATCH_ALL, OPTIONAL, WILD_ON_STATIC = 0, 1, 2, 3, 4
_APP_FILE = re.compile(r"^(page|route)\.(tsx|jsx|ts|js|mdx|md)$")
_PAGES_EXT = (".tsx", ".jsx", ".ts", ".js", ".mdx", ".md")
_PAGES_SPECIAL = frozenset({"_app", "_document", "_error", "_middleware"})
_PROJECT_MARKERS = ("package.json", "next.config.js", "next.config.mjs", "next.config.ts",
                    "next.config.cjs")

Segment = tuple[int, str]  # (STATIC|DYNAMIC|CATCH_ALL|OPTIONAL, text)


@dataclass(frozen=True, slots=True)
class Route:
    pattern: tuple[Segment, ...]
    path: str
    project: str
    app_router: bool
    handler: bool = False  # an API route handler (route.*, pages/api/**), not a page


class RouteTable:
    def __init__(self, routes: Iterable[Route], projects: Iterable[str] = ("",)) -> None:
        self.routes = tuple(sorted(routes, key=lambda r: r.path))
        self._projects = sorted(set(projects), key=lambda p: -len(p))

    @classmethod
    def from_files(cls, files: Sequence[str]) -> RouteTable:
        projects = {""} | {dirname(f) for f in files if posixpath.basename(f) in _PROJECT_MARKERS}
        routes = [r for r in (_route(f, projects) for f in files) if r is not None]
        return cls(routes, projects)

    def match(self, url: str | Sequence[str | None], from_path: str | None = None) -> str | None:
        """The file serving ``url`` (a string, or segments with None for ``${…}``); routes of the
        caller's own project are preferred."""
        segments = split_url(url) if isinstance(url, str) else tuple(url)
        home = self._project_of(from_path) if from_path is not None else None
        best: tuple[bool, tuple[int, ...], bool, str] | None = None
        for route in self.routes:
            ranks = _match(route.pattern, segments)
            if ranks is None:
                continue
            key = (home is not None and route.project != home, ranks, not route.app_router,
                   route.path)
            if best is None or key < best:
                best = key
        return best[3] if best is not None else None

    def _project_of(self, path: str) -> str:
        for project in self._projects:
            if not project or path.startswith(project + "/"):
                return project
        return ""


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
