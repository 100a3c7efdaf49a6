"""A venture's own JavaScript front end, calling its Python API: the UI side of a SPA.

A Flask or FastAPI app often serves JSON only, and its pages are a React, Vue or Angular app in
the same repository (Redash's ``client/app``, the FastAPI template's ``frontend/``): a person
lists and edits records there, through the API. Here such a front end is read just far enough
to follow that: which of its files are pages or forms (``crud_ui``), what they import, and which
API route each request URL lands on.

* **Files**: ``.js``/``.jsx``/``.ts``/``.tsx``/``.vue``/``.svelte`` outside tests, Cypress and
  e2e folders, build output and ``node_modules``. JS/TS files are read with the TypeScript
  layer (imports, resolved through ``tsconfig``/``jsconfig`` ``paths``; JSX forms).
* **Roles**: a page (a file under ``pages/``, ``views/``, ``screens/`` or ``routes/``) or a form
  (``<form>``, ``onSubmit``, ``useForm(``, a Vue ``<form``/``@submit``) is ``crud_ui``.
* **Edges**: a file to each front-end file it imports; a string or template literal in its
  code that is a URL path (``"api/destinations"``, ```/api/v1/items/${id}```; relative ones
  are read from the site root, as a SPA's HTTP client does) to the view serving it, when that
  route is one of the API's (under ``/api``, or mounted under an API prefix). A link to a page
  of the SPA itself is not a request and matches no API route; a URL under an unknown prefix
  (``${base}/api/v1/items``) needs two literal segments, so ``${origin}/queries/${id}`` is
  none.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from commissioning.evidence import Kind
from commissioning.observe.globs import GlobSet
from commissioning.observe.python.urls import Route, RouteTable, url_template
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.typescript.facts import SIG_JSX_FORM, SIG_JSX_ON_SUBMIT
from commissioning.observe.typescript.program import load_program

UI_EXTENSIONS = (".js", ".jsx", ".ts", ".tsx", ".mjs", ".vue", ".svelte")
SKIP = GlobSet.of(("**/node_modules/**", "**/dist/**", "**/build/**", "**/*.min.js",
                   "**/*.d.ts", "**/cypress/**", "**/e2e/**", "**/tests/**", "**/test/**",
                   "**/__tests__/**", "**/*.test.*", "**/*.spec.*", "**/*.stories.*",
                   "**/*.config.*", "**/playwright/**", "**/static/**/vendor/**"))
PAGES = GlobSet.of(("**/pages/**", "**/views/**", "**/screens/**", "**/routes/**"))
FORM_SIGNALS = (SIG_JSX_FORM, SIG_JSX_ON_SUBMIT)
FORM_TEXT = ("useForm(",)
SFC_FORM = re.compile(r"<form[\s>]|@submit\b|v-on:submit\b")
MARKUP = re.compile(r"</[A-Za-z]|<[A-Z][A-Za-z0-9.]*[\s/>]|\btemplate:\s*[`'\"]")
MAX_URL = 200
_PATH = re.compile(r"^/?[A-Za-z0-9_.~{}-]+(?:/[A-Za-z0-9_.~{}:-]*)+$")


@dataclass(slots=True)
class FrontEnd:
    """Roles of front-end files (path → kind → detector) and their edges (imports, and URL
    edges to the code-graph node of the view serving a request)."""

    roles: dict[str, dict[Kind, str]] = field(default_factory=dict)
    edges: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


def front_end_files(files: Iterable[str]) -> list[str]:
    return [f for f in files if f.endswith(UI_EXTENSIONS) and not SKIP.match(f)]


def read_front_end(tree: SourceTree, files: tuple[str, ...], routes: RouteTable) -> FrontEnd:
    """The front end's roles and edges; nothing when the Python app serves no API route."""
    api = RouteTable(r for r in routes.routes if r.api)
    ui = front_end_files(files)
    if not api.routes or not ui:
        return FrontEnd()
    scripts = [f for f in ui if not f.endswith((".vue", ".svelte"))]
    program = load_program(tree, [*scripts, *_configs(files)], ())
    out = FrontEnd()
    for path in ui:
        text = tree.text(path)
        if text is None:
            continue
        targets: dict[str, int] = {}
        facts = program.facts.get(path)
        if facts is not None:
            for imp in facts.imports:
                if not imp.type_only:
                    found = program.exports.module(path, imp.specifier)
                    if found is not None and found != path:
                        targets[found] = min(imp.line, targets.get(found, imp.line))
        for route, line in _requests(text, api):
            targets[route.target] = min(line, targets.get(route.target, line))
        if targets:
            out.edges[path] = tuple(sorted(targets.items()))
        detector = _ui_role(path, text, facts.signals if facts is not None else ())
        if detector is not None:
            out.roles[path] = {Kind.CRUD_UI: detector}
    return out


def _configs(files: Iterable[str]) -> list[str]:
    return [f for f in files if posixpath.basename(f) in ("tsconfig.json", "jsconfig.json",
                                                           "package.json")
            and "node_modules/" not in f]


def _ui_role(path: str, text: str, signals: Iterable[object]) -> str | None:
    """A page: a component under a pages folder (``.jsx``/``.tsx``/``.vue``/``.svelte``, or a
    ``.js``/``.ts`` file that renders markup); a hook or service kept there is not one."""
    if PAGES.match(path) and (path.endswith((".jsx", ".tsx", ".vue", ".svelte"))
                              or MARKUP.search(text)):
        return "frontend.page"
    names = {getattr(s, "name", "") for s in signals}
    if names & set(FORM_SIGNALS) or any(t in text for t in FORM_TEXT):
        return "frontend.form"
    if path.endswith((".vue", ".svelte")) and SFC_FORM.search(text):
        return "frontend.form"
    return None


def _requests(text: str, api: RouteTable) -> list[tuple[Route, int]]:
    out: list[tuple[Route, int]] = []
    for value, line in string_literals(text):
        if len(value) > MAX_URL or not _PATH.match(value):
            continue
        template = url_template(value if value.startswith(("/", "{}")) else "/" + value)
        if template is None:
            continue
        segments, open_prefix = template
        if open_prefix and sum(1 for s in segments if s is not None) < 2:
            continue  # ``${window.location.origin}/queries/${id}``: a page's own address
        route = api.match(*template)
        if route is not None:
            out.append((route, line))
    return out


def string_literals(text: str) -> list[tuple[str, int]]:
    """Every string and template literal in JavaScript code (comments skipped), with its line;
    a template's ``${…}`` parts read as ``{}`` (one unknown segment of a URL)."""
    out: list[tuple[str, int]] = []
    i, n, line = 0, len(text), 1
    while i < n:
        char = text[i]
        if char == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            stop = n if end < 0 else end + 2
            line += text.count("\n", i, stop)
            i = stop
        elif char in "'\"":
            end = i + 1
            while end < n and text[end] != char and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            out.append((text[i + 1:min(end, n)], line))
            i = end + 1
        elif char == "`":
            value, stop = _template(text, i + 1)
            out.append((value, line))
            line += text.count("\n", i, stop)
            i = stop
        else:
            i += 1
    return out


def _template(text: str, start: int) -> tuple[str, int]:
    parts: list[str] = []
    i, n = start, len(text)
    while i < n and text[i] != "`":
        if text[i] == "\\":
            parts.append(text[i:i + 2])
            i += 2
        elif text.startswith("${", i):
            depth, i = 1, i + 2
            while i < n and depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            parts.append("{}")
        else:
            parts.append(text[i])
            i += 1
    return "".join(parts), i + 1


def merge_edges(*sources: Mapping[str, Iterable[tuple[str, int]]]) -> dict[
        str, tuple[tuple[str, int], ...]]:
    out: dict[str, dict[str, int]] = {}
    for source in sources:
        for path, found in source.items():
            own = out.setdefault(path, {})
            for target, line in found:
                own[target] = min(line, own.get(target, line))
    return {p: tuple(sorted(t.items())) for p, t in out.items()}
