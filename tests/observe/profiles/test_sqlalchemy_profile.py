"""The sqlalchemy profile over small in-memory ventures: model flavours, Alembic, accesses."""

from __future__ import annotations

from textwrap import dedent

from commissioning.config import parse_venture_config
from commissioning.evidence import Kind, TableKey
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.sqlalchemy import SQLALCHEMY
from commissioning.observe.profiles.sqlalchemy_migrations import revision_order
from commissioning.observe.python.program import load_python
from commissioning.observe.scanner import observe_tree
from commissioning.observe.source_tree import MemorySourceTree


def scan(files: dict[str, str], toml: str = "") -> ProfileResult:
    return SQLALCHEMY.observe(MemorySourceTree(files), parse_venture_config(toml))


def names(result: ProfileResult) -> set[str]:
    return {t.key.name for t in result.tables}


def kinds(result: ProfileResult, table: str) -> set[Kind]:
    return {e.kind for e in result.evidence if e.table.name == table}


MODELS = {
    "app/__init__.py": "",
    "app/db.py": dedent("""\
        from flask_sqlalchemy import SQLAlchemy
        from sqlalchemy.orm import declarative_base, declared_attr
        db = SQLAlchemy()

        class CustomBase:
            @declared_attr
            def __tablename__(cls):
                return cls.__name__.lower()

        Base = declarative_base(cls=CustomBase)
    """),
    "app/models.py": dedent("""\
        import sqlalchemy as sa
        from sqlmodel import Field, SQLModel
        from app.db import Base, db

        class HeroBase(SQLModel):
            name: str

        class Hero(HeroBase, table=True):
            id: int = Field(primary_key=True)

        class OrderItem(db.Model):
            id = db.Column(db.Integer, primary_key=True)

        class Abstracted(db.Model):
            __abstract__ = True

        class Invoice(Base):
            id = sa.Column(sa.Integer, primary_key=True)

        class Employee(Base):
            __tablename__ = "employees"
            __table_args__ = {"schema": "hr"}
            id = sa.Column(sa.Integer, primary_key=True)

        class Manager(Employee):
            bonus = sa.Column(sa.Integer)

        tags = sa.Table("tags", Base.metadata, sa.Column("id", sa.Integer))
        report = Table("not_sqlalchemy")
    """),
}


def test_every_model_flavour_names_its_table() -> None:
    result = scan(MODELS)
    assert names(result) == {"hero", "order_item", "invoice", "employees", "tags"}
    (employees,) = [t for t in result.tables if t.key.name == "employees"]
    assert employees.key == TableKey("hr", "employees")
    detectors = {e.table.name: e.detector for e in result.evidence if e.kind == Kind.SCHEMA}
    assert detectors["hero"] == "sqlmodel.model"
    assert detectors["order_item"] == "flask_sqlalchemy.model"
    assert detectors["tags"] == "sqlalchemy.table"


def test_single_table_inheritance_child_maps_to_the_parent() -> None:
    files = {**MODELS, "app/hr.py": dedent("""\
        from app.models import Manager
        def bonuses(session):
            return session.query(Manager).all()
    """)}
    result = scan(files)
    assert "manager" not in names(result)
    assert Kind.REPOSITORY in kinds(result, "employees")


VENTURE = {
    "alembic.ini": "[alembic]\n",
    "app/__init__.py": "",
    "app/models.py": dedent("""\
        from sqlalchemy.orm import DeclarativeBase
        class Base(DeclarativeBase):
            pass
        class Order(Base):
            __tablename__ = "orders"
        class Parcel(Base):
            __tablename__ = "parcels"
    """),
    "app/crud.py": dedent("""\
        from sqlalchemy import select, insert
        from app.models import Order, Parcel

        def orders(session):
            return session.scalars(select(Order)).all()

        def add_parcel(session):
            session.execute(insert(Parcel).values(id=1))

        def describe():
            return isinstance(None, Order), Order.__doc__
    """),
    "app/routes.py": dedent("""\
        from flask import Blueprint, render_template
        from app import crud
        bp = Blueprint("shop", __name__)

        @bp.route("/orders")
        def order_list():
            return render_template("orders.html", orders=crud.orders(None))
    """),
    "migrations/versions/001_init.py": dedent("""\
        from alembic import op
        import sqlalchemy as sa
        revision = "001"
        down_revision = None

        def upgrade():
            op.create_table("orders", sa.Column("id", sa.Integer))
            op.create_table("parcels", sa.Column("id", sa.Integer))
            op.create_table("old_parcels", sa.Column("id", sa.Integer))

        def downgrade():
            op.drop_table("orders")
    """),
    "migrations/versions/002_rename.py": dedent("""\
        from alembic import op
        revision = "002"
        down_revision = "001"

        def upgrade():
            op.rename_table("old_parcels", "archived_parcels")
            op.execute("INSERT INTO orders (id) VALUES (1)")
    """),
    "seeds/parcels.py": "from app.crud import add_parcel\nadd_parcel(None)\n",
}


def test_alembic_replay_and_data() -> None:
    result = scan(VENTURE)
    assert names(result) == {"orders", "parcels", "archived_parcels"}
    migration = {e.table.name: e.path for e in result.evidence if e.kind == Kind.MIGRATION}
    assert migration["orders"] == "migrations/versions/001_init.py"  # downgrade ignored
    assert migration["archived_parcels"] == "migrations/versions/001_init.py"
    data = {(e.table.name, e.detector) for e in result.evidence if e.kind == Kind.DATA}
    assert data == {("orders", "alembic.sql_insert"), ("parcels", "python.seed")}


def test_accesses_roles_and_non_accesses() -> None:
    result = scan(VENTURE)
    repository = {(e.table.name, e.line) for e in result.evidence if e.kind == Kind.REPOSITORY}
    assert repository == {("orders", 5), ("parcels", 8)}  # not the isinstance/__doc__ line 11
    page = [e for e in result.evidence if e.kind == Kind.CRUD_UI]
    assert [(e.table.name, e.path) for e in page] == [("orders", "app/routes.py")]
    assert [s.path for s in page[0].via] == ["app/crud.py"]
    assert Kind.SERVER_ACTIONS in kinds(result, "orders")
    assert Kind.SERVER_ACTIONS not in kinds(result, "parcels")


def test_detect_and_registry() -> None:
    assert SQLALCHEMY in PROFILES and profile_by_name("sqlalchemy") is SQLALCHEMY
    assert SQLALCHEMY.rules and all(r.kind for r in SQLALCHEMY.rules)
    assert SQLALCHEMY.detect(MemorySourceTree({"requirements.txt": "SQLAlchemy==2.0\n"}))
    assert SQLALCHEMY.detect(MemorySourceTree({"app.py": "from sqlmodel import SQLModel\n"}))
    assert not SQLALCHEMY.detect(MemorySourceTree({"requirements.txt": "django\n"}))


def test_progress_and_determinism() -> None:
    seen: list[tuple[int, int]] = []
    first = SQLALCHEMY.observe(MemorySourceTree(VENTURE), parse_venture_config(""),
                               lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == len([f for f in VENTURE if f.endswith(".py")])
    assert first == scan(dict(reversed(list(VENTURE.items()))))


def test_two_profiles_claiming_one_table_is_a_diagnostic() -> None:
    files = {**VENTURE, "manage.py": "", "shop/__init__.py": "",
             "shop/models.py": dedent("""\
                 from django.db import models
                 class Order(models.Model):
                     class Meta:
                         db_table = "orders"
             """)}
    config = parse_venture_config('[venture]\nprofiles = ["sqlalchemy", "django"]\n')
    snapshot = observe_tree(MemorySourceTree(files), config, venture="x")
    claimed = [d for d in snapshot.diagnostics if d.code == "table-claimed-twice"]
    assert len(claimed) == 1 and "public.orders" in claimed[0].message


def test_revisions_apply_parents_first_merges_included() -> None:
    files = {
        "alembic/versions/a_merge.py": "revision = 'm'\ndown_revision = ('b1', 'b2')\n",
        "alembic/versions/b_branch1.py": "revision = 'b1'\ndown_revision = 'root'\n",
        "alembic/versions/c_branch2.py": "revision = 'b2'\ndown_revision = 'root'\n",
        "alembic/versions/d_root.py": "revision = 'root'\ndown_revision = None\n",
    }
    tree = MemorySourceTree(files)
    program = load_python(tree, tree.files(), (), lambda _: False)
    order = revision_order(program.facts, sorted(files))
    assert order.index("alembic/versions/d_root.py") == 0
    assert order[-1] == "alembic/versions/a_merge.py"
