"""The Django stack profile (DRF, GraphQL, Celery, Wagtail): docs/evidence.md, "Django".

Tables come from models (``profiles.django_models``); migrations from each app's migrations
replayed in order (``profiles.django_migrations``); data from fixtures, data migrations
(``RunPython`` functions that create rows, ``RunSQL`` inserts) and seed scripts that write;
every other kind is role × reach over the Python code graph (``observe.python``), plus URL
edges from tests (``self.client.get("/orders/")``, ``reverse("shop:order")``) to the view the
URLconf routes them to (``profiles.django_urls``). A view any URLconf routes to is a server
action wherever its file lives.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, Kind, Severity, TableInfo
from commissioning.observe.profiles.base import ProfileResult, Ticker
from commissioning.observe.profiles.django_access import access_sites
from commissioning.observe.profiles.django_fixtures import (
    FixtureRow,
    fixture_files,
    read_fixtures,
)
from commissioning.observe.profiles.django_migrations import DjangoMigrations, replay_django
from commissioning.observe.profiles.django_models import AppLabels, DjangoCatalog, build_catalog
from commissioning.observe.profiles.django_urls import django_routes
from commissioning.observe.profiles.python_rules import DJANGO_RULES, SIG_API_APP, SIG_URL_VIEW
from commissioning.observe.python.class_marks import class_marks
from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.evidence import role_evidence
from commissioning.observe.python.facts import SIG_API_ROUTE
from commissioning.observe.python.frontend import FrontEnd, merge_edges, read_front_end
from commissioning.observe.python.graph import CodeGraph, build_graph
from commissioning.observe.python.program import PyProgram, load_python, python_files
from commissioning.observe.python.roles import PythonRoleBook
from commissioning.observe.python.urls import RouteTable, url_edges
from commissioning.observe.roles import Rule
from commissioning.observe.source_tree import SourceTree

Progress = Callable[[int, int], None]
VERSION = "1"
BASE_DETECTORS = ("django.model", "django.create_model", "django.fixture", "wagtail.admin",
                  "django.data_migration", "django.run_sql", "django.access", "frontend.page",
                  "frontend.form")
CMS_BASES = frozenset({"wagtail.models.Page", "wagtail.core.models.Page",
                       "wagtail.contrib.settings.models.BaseSiteSetting",
                       "wagtail.contrib.settings.models.BaseGenericSetting"})
CMS_DECORATORS = frozenset({"register_snippet", "register_setting"})
DEPENDENCY_FILES = ("requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile",
                    "poetry.lock", "uv.lock")
# "Django>=5" as a requirement line, a quoted list item or a Poetry key; not "django-environ".
_DEPENDENCY = re.compile(
    r"""(?im)(?:^\s*|["'])django["']?\s*(?:[=<>~!;\[,"']|$)""")


class DjangoProfile:
    name = "django"
    version = VERSION
    rules: tuple[Rule, ...] = DJANGO_RULES

    def detect(self, tree: SourceTree) -> bool:
        """A ``manage.py``, or Django in a dependency file."""
        files = tree.files()
        if any(posixpath.basename(f) == "manage.py" for f in files):
            return True
        for path in files:
            name = posixpath.basename(path)
            listed = name in DEPENDENCY_FILES or (name.startswith("requirements")
                                                  and name.endswith((".txt", ".in")))
            if listed and _DEPENDENCY.search(tree.text(path) or ""):
                return True
        return False

    def observe(self, tree: SourceTree, config: VentureConfig,
                progress: Progress | None = None) -> ProfileResult:
        book = PythonRoleBook(config.roles, self.rules)
        files = tree.files()
        fixtures = fixture_files(files, book.is_test)
        total = len(python_files(files)) + len(fixtures)
        tick = Ticker(total, progress)

        program = load_python(tree, files, book.literals, book.is_test, tick)
        classes = ClassIndex(program)
        labels = AppLabels(program)
        catalog = build_catalog(classes, labels)
        migrations = [p for p in sorted(program.facts) if book.is_migration(p)
                      and posixpath.basename(p) != "__init__.py"]
        replayed = replay_django(program.facts, migrations, labels.label)
        rows, fixture_notes = read_fixtures(tree, fixtures, tick)
        routes = RouteTable(django_routes(program))
        tests = [p for p in program.facts if book.is_test(p)]
        front = read_front_end(tree, files, routes) if catalog.defined else FrontEnd()
        edges = merge_edges(url_edges(program.facts, routes, tests), front.edges)
        graph = build_graph(program, classes, access_sites(program, catalog), edges,
                            catalog.by_symbol)
        views = {r.handler for r in routes.routes}
        api_views = {r.handler for r in routes.routes if r.api}
        api_apps = _api_apps(labels)
        marks = class_marks(classes)
        roles = {path: book.roles(path, facts, {
                     *marks.get(path, ()), *((SIG_URL_VIEW,) if path in views else ()),
                     *((SIG_API_ROUTE,) if path in api_views else ()),
                     *((SIG_API_APP,) if labels.app_folder(path) in api_apps else ())})
                 for path, facts in program.facts.items()}
        roles.update((path, {k: d for k, d in found.items() if book.allows(k, path)})
                     for path, found in front.roles.items())
        tables = _tables(catalog, replayed)
        evidence = [*_schema_evidence(catalog), *_cms_evidence(catalog, classes),
                    *_migration_evidence(replayed, tables),
                    *_data_evidence(catalog, replayed, rows, graph, migrations, tables)]
        evidence += role_evidence(roles, graph, config.scan.max_hops)
        return ProfileResult(
            tables=tuple(sorted(tables.values(), key=TableInfo.sort_key)),
            evidence=tuple(sorted(set(evidence), key=Evidence.sort_key)),
            diagnostics=tuple(sorted(
                {*program.diagnostics, *catalog.diagnostics, *replayed.diagnostics,
                 *fixture_notes, *_duplicates(catalog)}, key=Diagnostic.sort_key)),
            detectors=tuple((d, VERSION) for d in sorted({*BASE_DETECTORS, *book.detectors})),
            components=_components(program, migrations, routes),
        )


DJANGO = DjangoProfile()


API_FOLDERS = frozenset({"api", "apis", "rest"})
APP_MARKERS = ("apps.py", "models.py", "models/__init__.py", "migrations/__init__.py")


def _api_apps(labels: AppLabels) -> frozenset[str]:
    """App folders named like an API package (``hc/api`` with its own models and migrations):
    the name is the app's label, not a sign that everything in it is an API."""
    return frozenset(folder for folder in labels.folders
                     if posixpath.basename(folder) in API_FOLDERS
                     and any(f"{folder}/{m}" in labels.files for m in APP_MARKERS))


def _tables(catalog: DjangoCatalog, replayed: DjangoMigrations) -> dict[str, TableInfo]:
    """Every table by lower-cased name: models first, then tables only migrations create."""
    out: dict[str, TableInfo] = {}
    for d in catalog.defined:
        out.setdefault(d.key.name.lower(), TableInfo(d.key, profile="django",
                                                     symbol=d.symbol.name))
    for key in sorted(replayed.created):
        out.setdefault(key.name.lower(), TableInfo(key, profile="django", symbol=None))
    return out


def _schema_evidence(catalog: DjangoCatalog) -> list[Evidence]:
    return [Evidence(d.key, Kind.SCHEMA, "django.model", path=d.symbol.path, line=d.line)
            for d in catalog.defined]


def _cms_evidence(catalog: DjangoCatalog, classes: ClassIndex) -> list[Evidence]:
    """A Wagtail page, snippet or setting is edited in the CMS's admin with no code of the
    venture's own: its model is its CRUD UI."""
    out: list[Evidence] = []
    for d in catalog.defined:
        klass = classes.classes[d.symbol]
        externals = classes.ancestry(d.symbol).externals
        registered = any(dec.chain[-1] in CMS_DECORATORS for dec in klass.decorators)
        if registered or externals & CMS_BASES:
            out.append(Evidence(d.key, Kind.CRUD_UI, "wagtail.admin", path=d.symbol.path,
                                line=d.line))
    return out


def _migration_evidence(replayed: DjangoMigrations,
                        tables: dict[str, TableInfo]) -> list[Evidence]:
    out: list[Evidence] = []
    for key, (path, line) in replayed.created.items():
        info = tables.get(key.name.lower())
        if info is not None:
            out.append(Evidence(info.key, Kind.MIGRATION, "django.create_model", path=path,
                                line=line))
    return out


def _data_evidence(catalog: DjangoCatalog, replayed: DjangoMigrations, rows: list[FixtureRow],
                   graph: CodeGraph, migrations: list[str],
                   tables: dict[str, TableInfo]) -> list[Evidence]:
    out: list[Evidence] = []
    for row in rows:
        key = catalog.by_label.get((row.label, row.model))
        if key is not None:
            out.append(Evidence(key, Kind.DATA, "django.fixture", path=row.path, line=row.line))
    for table, path, line in replayed.sql_inserts:
        info = tables.get(table.name.lower())
        if info is not None:
            out.append(Evidence(info.key, Kind.DATA, "django.run_sql", path=path, line=line))
    for path in migrations:  # RunPython functions that create rows
        for table, line in graph.inserts.get(path, {}).items():
            out.append(Evidence(table, Kind.DATA, "django.data_migration", path=path, line=line))
    return out


def _duplicates(catalog: DjangoCatalog) -> list[Diagnostic]:
    first: dict[str, str] = {}
    out: list[Diagnostic] = []
    for d in catalog.defined:
        where = f"{d.symbol.path}:{d.line}"
        name = d.key.name.lower()
        if name in first and first[name] != where:
            out.append(Diagnostic(Severity.WARNING, "duplicate-table",
                                  f"table {d.key} is also defined at {first[name]}",
                                  d.symbol.path, d.line))
        first.setdefault(name, where)
    return out


def _components(program: PyProgram, migrations: list[str],
                routes: RouteTable) -> tuple[str, ...]:
    imported: set[str] = set()
    for facts in program.facts.values():
        imported |= facts.imported_specifiers()
    seen = {"django"} if "django" in imported or migrations or routes.routes else set()
    for module, component in (("rest_framework", "drf"), ("graphene", "graphene"),
                              ("strawberry", "strawberry"), ("celery", "celery"),
                              ("wagtail", "wagtail"), ("ninja", "django-ninja"),
                              ("pytest", "pytest")):
        if module in imported:
            seen.add(component)
    return tuple(sorted(seen))
