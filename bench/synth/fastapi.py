"""A SQLAlchemy 2 + Alembic + FastAPI venture, laid out as tests/fixtures/sqlalchemy-mini is.

Per domain: ``app/models/<domain>.py`` (declarative models), an Alembic revision creating the
domain's tables (revisions chained by ``down_revision``) and ``app/seeds/<domain>.py``. Per
table, for the rungs planned: a repository, a POST route (a server action), a page route that
renders a template (UI, and a server action too), a Celery task, an ``/api/v1`` router and an
end-to-end test that requests the page through ``TestClient``. ``app/main.py`` mounts every
router: a hub, never reached through.
"""

from __future__ import annotations

from .files import Writer, title
from .plan import (
    A2A_API,
    CRUD_UI,
    DATA,
    E2E,
    ETL,
    MIGRATION,
    REPOSITORY,
    SCHEMA,
    SERVER_ACTIONS,
    TablePlan,
    VenturePlan,
)

_PACKAGES = ("app", "app/models", "app/repositories", "app/routes", "app/web", "app/jobs",
             "app/api", "app/api/v1", "app/seeds", "app/lib", "tests", "tests/e2e")


def write_fastapi(plan: VenturePlan, out: Writer) -> None:
    out.write("pyproject.toml", f'[project]\nname = "{plan.name}"\nversion = "1.0.0"\n'
              'dependencies = ["fastapi", "sqlalchemy>=2", "alembic", "celery", "jinja2"]\n')
    out.write("alembic.ini", "[alembic]\nscript_location = alembic\n")
    out.write("alembic/env.py", '"""Alembic environment: the models\' metadata."""\n\n'
              "from app.db import Base\n\ntarget_metadata = Base.metadata\n")
    out.write(".gitignore", "__pycache__/\n.venv/\n.commissioning/\n")
    for package in _PACKAGES:
        out.write(f"{package}/__init__.py", "")
    out.write("app/config.py", '"""Settings."""\n\nAPI_PREFIX = "/api/v1"\n')
    out.write("app/db.py", '"""Engine, sessions and the declarative base."""\n\n'
              "from sqlalchemy import create_engine\n"
              "from sqlalchemy.orm import DeclarativeBase, sessionmaker\n\n"
              'engine = create_engine("sqlite:///app.db")\n'
              "SessionLocal = sessionmaker(bind=engine)\n\n\n"
              "class Base(DeclarativeBase):\n    pass\n")
    routers: list[str] = []
    previous: str | None = None
    for number, domain in enumerate(plan.domains):
        tables = plan.in_domain(domain)
        if any(t.has(SCHEMA) for t in tables):
            out.write(f"app/models/{domain}.py", _models(domain, tables))
        if any(t.has(MIGRATION) for t in tables):
            revision = f"r{number:04d}"
            out.write(f"alembic/versions/{revision}_{domain}.py",
                      _revision(revision, previous, domain, tables))
            previous = revision
        if any(t.has(DATA) for t in tables):
            out.write(f"app/seeds/{domain}.py", _seed(domain, tables))
        for table in tables:
            routers.extend(_table_layers(table, out))
    out.write("app/main.py", '"""The app: every router mounted; the API under its prefix."""\n\n'
              "from fastapi import FastAPI\n\nfrom app import config\n"
              + "".join(f"from app.{module} import {name} as {alias}\n"
                        for module, name, alias, _ in _imports(routers))
              + '\napp = FastAPI(title="synthetic")\n'
              + "".join(f"app.include_router({alias}.router{prefix})\n"
                        for _, _, alias, prefix in _imports(routers)))


def _imports(routers: list[str]) -> list[tuple[str, str, str, str]]:
    out = []
    for i, dotted in enumerate(routers):
        module, name = dotted.rsplit(".", 1)
        prefix = ", prefix=config.API_PREFIX" if module == "api.v1" else ""
        out.append((module, name, f"r{i}", prefix))
    return out


def _models(domain: str, tables: tuple[TablePlan, ...]) -> str:
    lines = [f'"""The {domain} tables."""\n', "from sqlalchemy import String",
             "from sqlalchemy.orm import Mapped, mapped_column\n", "from app.db import Base\n"]
    for table in tables:
        if table.has(SCHEMA):
            lines.append(f"\nclass {table.model}(Base):\n"
                         f'    __tablename__ = "{table.name}"\n\n'
                         "    id: Mapped[int] = mapped_column(primary_key=True)\n"
                         "    name: Mapped[str] = mapped_column(String(80))\n")
    return "\n".join(lines)


def _revision(revision: str, previous: str | None, domain: str,
              tables: tuple[TablePlan, ...]) -> str:
    created = [t for t in tables if t.has(MIGRATION)]
    ups = "".join(f'    op.create_table("{t.name}", sa.Column("id", sa.Integer(), '
                  'primary_key=True),\n                    sa.Column("name", sa.String(80)))\n'
                  for t in created)
    downs = "".join(f'    op.drop_table("{t.name}")\n' for t in reversed(created))
    down = f'"{previous}"' if previous else "None"
    return (f'"""{domain} tables\n\nRevision ID: {revision}\n"""\n\n'
            "import sqlalchemy as sa\nfrom alembic import op\n\n"
            f'revision = "{revision}"\ndown_revision = {down}\n\n\n'
            f"def upgrade() -> None:\n{ups}\n\ndef downgrade() -> None:\n{downs}")


def _seed(domain: str, tables: tuple[TablePlan, ...]) -> str:
    seeded = [t for t in tables if t.has(DATA)]
    rows = "".join(f'        session.add({t.model}(name="{title(t.entity)} {i}"))\n'
                   for t in seeded for i in (1, 2))
    return (f'"""Demo rows for {domain}."""\n\nfrom app.db import SessionLocal\n'
            f"from app.models.{domain} import {', '.join(t.model for t in seeded)}\n\n\n"
            "def seed() -> None:\n    with SessionLocal() as session:\n"
            f"{rows}        session.commit()\n")


def _table_layers(table: TablePlan, out: Writer) -> list[str]:
    routers: list[str] = []
    name = table.name
    repo = f"app.repositories.{name}"
    if table.has(REPOSITORY):
        out.write(f"app/repositories/{name}.py", _repository(table))
    if table.has(CRUD_UI):
        out.write(f"app/web/{name}.py", _page(table, repo))
        out.write(f"app/templates/{table.domain}/{name}.html",
                  f"<h1>{title(table.entity)}</h1>\n{{% for row in rows %}}<p>{{{{ row.name }}}}"
                  "</p>{% endfor %}\n")
        routers.append(f"web.{name}")
    elif table.has(SERVER_ACTIONS):
        out.write(f"app/routes/{name}.py",
                  f'"""Server-side operations on {title(table.entity).lower()}."""\n\n'
                  "from fastapi import APIRouter, Form\n\nfrom app.db import SessionLocal\n"
                  f"from {repo} import add_{name}\n\nrouter = APIRouter()\n\n\n"
                  f'@router.post("/{table.domain}/{table.slug}")\n'
                  f"def create(name: str = Form(...)) -> dict[str, str]:\n"
                  "    with SessionLocal() as session:\n"
                  f"        add_{name}(session, name)\n"
                  '    return {"ok": "added"}\n')
        routers.append(f"routes.{name}")
    if table.has(ETL):
        out.write(f"app/jobs/{name}_sync.py",
                  f'"""Nightly sync of {title(table.entity).lower()}."""\n\n'
                  "from celery import shared_task\n\nfrom app.db import SessionLocal\n"
                  f"from {repo} import list_{name}\n\n\n@shared_task\n"
                  f"def sync_{name}() -> int:\n    with SessionLocal() as session:\n"
                  f"        return len(list_{name}(session))\n")
    if table.has(A2A_API):
        out.write(f"app/api/v1/{name}.py",
                  f'"""The public API of {title(table.entity).lower()}."""\n\n'
                  "from fastapi import APIRouter\n\nfrom app.db import SessionLocal\n"
                  f"from {repo} import list_{name}\n\n"
                  f'router = APIRouter(prefix="/{table.domain}/{table.slug}")\n\n\n'
                  '@router.get("/")\n'
                  f"def read_{name}() -> list[dict[str, str]]:\n"
                  "    with SessionLocal() as session:\n"
                  f'        return [{{"name": row.name}} for row in list_{name}(session)]\n')
        routers.append(f"api.v1.{name}")
    if table.has(E2E):
        out.write(f"tests/e2e/test_{name}.py",
                  f'"""{title(table.entity)} end to end, through the app."""\n\n'
                  "from fastapi.testclient import TestClient\n\nfrom app.main import app\n\n"
                  "client = TestClient(app)\n\n\n"
                  f"def test_{name}_page() -> None:\n"
                  f'    response = client.get("/{table.domain}/{table.slug}")\n'
                  "    assert response.status_code == 200\n")
    return routers


def _repository(table: TablePlan) -> str:
    name, model = table.name, table.model
    return (f'"""Reads and writes of {title(table.entity).lower()}."""\n\n'
            "from sqlalchemy import select\nfrom sqlalchemy.orm import Session\n\n"
            f"from app.models.{table.domain} import {model}\n\n\n"
            f"def list_{name}(session: Session) -> list[{model}]:\n"
            f"    return list(session.scalars(select({model}).order_by({model}.id)))\n\n\n"
            f"def add_{name}(session: Session, name: str) -> {model}:\n"
            f"    row = {model}(name=name)\n    session.add(row)\n    session.commit()\n"
            "    return row\n")


def _page(table: TablePlan, repo: str) -> str:
    name = table.name
    return (f'"""The {title(table.entity).lower()} page and its form."""\n\n'
            "from fastapi import APIRouter, Form, Request\n"
            "from fastapi.templating import Jinja2Templates\n\nfrom app.db import SessionLocal\n"
            f"from {repo} import add_{name}, list_{name}\n\n"
            'router = APIRouter()\ntemplates = Jinja2Templates(directory="app/templates")\n\n\n'
            f'@router.get("/{table.domain}/{table.slug}")\n'
            "def page(request: Request):  # noqa: ANN201\n"
            f"    with SessionLocal() as session:\n        rows = list_{name}(session)\n"
            f'    return templates.TemplateResponse(request, "{table.domain}/{name}.html", '
            '{"rows": rows})\n\n\n'
            f'@router.post("/{table.domain}/{table.slug}")\n'
            "def create(name: str = Form(...)) -> dict[str, str]:\n"
            f"    with SessionLocal() as session:\n        add_{name}(session, name)\n"
            '    return {"ok": "added"}\n')
