"""The SQLAlchemy + Alembic stack profile (FastAPI, Flask, SQLModel): docs/evidence.md.

Tables come from declarative models and ``Table(…)`` (``profiles.sqlalchemy_models``);
migrations from Alembic revisions replayed in revision order and from SQL migration files;
data from seed scripts that write, ``op.bulk_insert``/``INSERT`` in data migrations and seed
SQL; every other kind is role × reach over the Python import graph plus URL edges from tests
to the routes their requests hit (``observe.python``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, Kind, Severity, TableInfo, TableKey
from commissioning.observe.profiles.base import ProfileResult, Ticker
from commissioning.observe.profiles.python_rules import SQLALCHEMY_RULES
from commissioning.observe.profiles.sqlalchemy_access import (
    access_sites,
    relationship_sites,
    relationship_tables,
)
from commissioning.observe.profiles.sqlalchemy_migrations import AlembicFindings, replay_alembic
from commissioning.observe.profiles.sqlalchemy_models import (
    DEFAULT_SCHEMA,
    SqlaCatalog,
    build_catalog,
)
from commissioning.observe.python.class_marks import class_marks
from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.evidence import role_evidence
from commissioning.observe.python.facts import SIG_API_ROUTE
from commissioning.observe.python.frontend import FrontEnd, merge_edges, read_front_end
from commissioning.observe.python.graph import CodeGraph, build_graph
from commissioning.observe.python.program import PyProgram, load_python, python_files
from commissioning.observe.python.roles import PythonRoleBook
from commissioning.observe.python.urls import RouteTable, url_edges
from commissioning.observe.python.web_routes import web_routes
from commissioning.observe.roles import Rule
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.sql_files import SqlFindings, read_sql_files

Progress = Callable[[int, int], None]
VERSION = "1"
BASE_DETECTORS = ("sqlalchemy.model", "sqlalchemy.table", "sqlmodel.model",
                  "flask_sqlalchemy.model", "alembic.create_table", "alembic.bulk_insert",
                  "sql.create_table", "sql.insert", "sql.copy", "sqlalchemy.access",
                  "sqlalchemy.relationship", "frontend.page", "frontend.form")
DEPENDENCY_FILES = ("requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile",
                    "environment.yml", "poetry.lock", "uv.lock")
_DEPENDENCY = re.compile(r"(?i)\b(sqlalchemy|flask[-_]sqlalchemy|sqlmodel|alembic)\b")
_IMPORT = re.compile(r"(?m)^\s*(?:from|import)\s+(sqlalchemy|sqlmodel|flask_sqlalchemy)\b")
MAX_SNIFFED = 400


class SqlAlchemyProfile:
    name = "sqlalchemy"
    version = VERSION
    rules: tuple[Rule, ...] = SQLALCHEMY_RULES

    def detect(self, tree: SourceTree) -> bool:
        """SQLAlchemy, SQLModel, Flask-SQLAlchemy or Alembic in a dependency file, an
        ``alembic.ini``, or (for a venture without packaging files) an import of them."""
        files = tree.files()
        if any(posixpath.basename(f) == "alembic.ini" for f in files):
            return True
        for path in files:
            name = posixpath.basename(path)
            listed = name in DEPENDENCY_FILES or (name.startswith("requirements")
                                                  and name.endswith((".txt", ".in")))
            if listed and _DEPENDENCY.search(tree.text(path) or ""):
                return True
        return any(_IMPORT.search(tree.text(p) or "")
                   for p in python_files(files)[:MAX_SNIFFED])

    def observe(self, tree: SourceTree, config: VentureConfig,
                progress: Progress | None = None) -> ProfileResult:
        book = PythonRoleBook(config.roles, self.rules)
        files = tree.files()
        sql_migrations = [f for f in files if f.endswith(".sql") and book.is_migration(f)
                          and not book.is_seed(f)]
        sql_seeds = [f for f in files if f.endswith(".sql") and book.is_seed(f)]
        total = len(python_files(files)) + len(sql_migrations) + len(sql_seeds)
        tick = Ticker(total, progress)

        program = load_python(tree, files, book.literals, book.is_test, tick)
        classes = ClassIndex(program)
        migrations = _alembic_files(program, book)
        catalog = build_catalog(classes, frozenset(migrations))
        names = catalog.by_name()
        alembic = replay_alembic(program.facts, migrations, DEFAULT_SCHEMA)
        sql = read_sql_files(tree, sql_migrations, sql_seeds, dialect="postgres",
                             default_schema=DEFAULT_SCHEMA, tick=tick)
        sites = access_sites(program, catalog.by_symbol, names)
        sites += relationship_sites(program, relationship_tables(classes, catalog.by_symbol))
        tables = _tables(catalog, alembic, sql)
        routes = RouteTable(web_routes(program))
        tests = [p for p in program.facts if book.is_test(p)]
        front = read_front_end(tree, files, routes) if catalog.defined else FrontEnd()
        edges = merge_edges(url_edges(program.facts, routes, tests), front.edges)
        graph = build_graph(program, classes, sites, edges, catalog.by_symbol)
        marks = class_marks(classes)
        api = {r.handler for r in routes.routes if r.api}
        roles = {path: ({} if path in migrations else book.roles(
                     path, facts, {*marks.get(path, ()), *((SIG_API_ROUTE,) if path in api
                                                           else ())}))
                 for path, facts in program.facts.items()}
        roles.update((path, {k: d for k, d in found.items() if book.allows(k, path)})
                     for path, found in front.roles.items())
        evidence = [*_schema_evidence(catalog), *_migration_evidence(alembic, sql, tables),
                    *_data_evidence(alembic, sql, graph, migrations, tables)]
        evidence += role_evidence(roles, graph, config.scan.max_hops)
        return ProfileResult(
            tables=tuple(sorted(tables.values(), key=TableInfo.sort_key)),
            evidence=tuple(sorted(set(evidence), key=Evidence.sort_key)),
            diagnostics=tuple(sorted(
                {*program.diagnostics, *catalog.diagnostics, *alembic.diagnostics,
                 *sql.diagnostics, *_duplicates(catalog)}, key=Diagnostic.sort_key)),
            detectors=tuple((d, VERSION) for d in sorted({*BASE_DETECTORS, *book.detectors})),
            components=_components(program, catalog, migrations, routes),
        )


SQLALCHEMY = SqlAlchemyProfile()


def _alembic_files(program: PyProgram, book: PythonRoleBook) -> list[str]:
    """Alembic revisions: by path, or any module with ``revision``/``down_revision`` that
    imports ``alembic`` (Dispatch keeps them under ``database/revisions/…``)."""
    out = []
    for path, facts in sorted(program.facts.items()):
        by_path = book.is_migration(path) and posixpath.basename(path) != "env.py"
        by_content = facts.assign("revision") is not None \
            and facts.assign("down_revision") is not None \
            and "alembic" in facts.imported_specifiers()
        if by_path or by_content:
            out.append(path)
    return out


def _tables(catalog: SqlaCatalog, alembic: AlembicFindings,
            sql: SqlFindings) -> dict[str, TableInfo]:
    """Every table by lower-cased name: models first, then tables only migrations create."""
    out: dict[str, TableInfo] = {}
    for d in catalog.defined:
        out.setdefault(d.key.name.lower(), TableInfo(d.key, profile="sqlalchemy",
                                                     symbol=d.symbol.name))
    for key in sorted({*alembic.created, *sql.created}):
        out.setdefault(key.name.lower(), TableInfo(key, profile="sqlalchemy", symbol=None))
    return out


def _schema_evidence(catalog: SqlaCatalog) -> list[Evidence]:
    return [Evidence(d.key, Kind.SCHEMA, d.detector, path=d.symbol.path, line=d.line)
            for d in catalog.defined]


def _migration_evidence(alembic: AlembicFindings, sql: SqlFindings,
                        tables: dict[str, TableInfo]) -> list[Evidence]:
    out: list[Evidence] = []
    for detector, created in (("alembic.create_table", alembic.created),
                              ("sql.create_table", sql.created)):
        for key, (path, line) in created.items():
            info = tables.get(key.name.lower())
            if info is not None:
                out.append(Evidence(info.key, Kind.MIGRATION, detector, path=path, line=line))
    return out


def _data_evidence(alembic: AlembicFindings, sql: SqlFindings, graph: CodeGraph,
                   migrations: list[str], tables: dict[str, TableInfo]) -> list[Evidence]:
    out: list[Evidence] = []
    for write in alembic.writes:
        info = tables.get(write.table.name.lower())
        if info is not None:
            out.append(Evidence(info.key, Kind.DATA, write.detector, path=write.path,
                                line=write.line))
    for seed in sql.seeds:
        info = tables.get(seed.table.name.lower())
        if info is not None:
            out.append(Evidence(info.key, Kind.DATA, f"sql.{seed.action}", path=seed.path,
                                line=seed.line))
    for path in migrations:  # op.bulk_insert(table, rows) / an insert in a data migration
        for table, line in graph.inserts.get(path, {}).items():
            out.append(Evidence(table, Kind.DATA, "alembic.bulk_insert", path=path, line=line))
    return out


def _duplicates(catalog: SqlaCatalog) -> list[Diagnostic]:
    first: dict[TableKey, str] = {}
    out: list[Diagnostic] = []
    for d in catalog.defined:
        where = f"{d.symbol.path}:{d.line}"
        if d.key in first and first[d.key] != where:
            out.append(Diagnostic(Severity.INFO, "duplicate-table",
                                  f"table {d.key} is also defined at {first[d.key]}",
                                  d.symbol.path, d.line))
        first.setdefault(d.key, where)
    return out


def _components(program: PyProgram, catalog: SqlaCatalog, migrations: list[str],
                routes: RouteTable) -> tuple[str, ...]:
    imported: set[str] = set()
    for facts in program.facts.values():
        imported |= facts.imported_specifiers()
    seen = {"sqlalchemy"} if catalog.defined or "sqlalchemy" in imported else set()
    if migrations:
        seen.add("alembic")
    for module in ("fastapi", "flask", "sqlmodel", "celery", "starlette", "pytest"):
        if module in imported:
            seen.add(module)
    if routes.routes and not seen & {"fastapi", "flask", "starlette"}:
        seen.add("http-routes")
    return tuple(sorted(seen))
