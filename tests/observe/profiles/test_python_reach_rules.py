"""Reach rules of the Python profiles found by scoring labelled ventures (docs/accuracy.md):
app factories as hubs, Flask-RESTful wrappers, inherited test clients, model methods,
relationship reads, a JSON ``admin.py``, and a SPA front end calling the API."""

from __future__ import annotations

from textwrap import dedent

from commissioning.config import parse_venture_config
from commissioning.evidence import Evidence, Kind
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.sqlalchemy import SQLALCHEMY
from commissioning.observe.python.frontend import front_end_files, string_literals
from commissioning.observe.python.parser import parse_file
from commissioning.observe.source_tree import MemorySourceTree

MODELS = dedent("""\
    from flask_sqlalchemy import SQLAlchemy
    from sqlalchemy.orm import backref
    db = SQLAlchemy()

    class Query(db.Model):
        __tablename__ = "queries"
        id = db.Column(db.Integer, primary_key=True)

    class Alert(db.Model):
        __tablename__ = "alerts"
        id = db.Column(db.Integer, primary_key=True)
        query_rel = db.relationship(Query, backref=backref("alerts", cascade="all"))
        subscriptions = db.relationship("Subscription")
        owner = db.relationship("Event", uselist=False)

    class Subscription(db.Model):
        __tablename__ = "subscriptions"
        id = db.Column(db.Integer, primary_key=True)

    class Event(db.Model):
        __tablename__ = "events"
        id = db.Column(db.Integer, primary_key=True)

    class DataSource(db.Model):
        __tablename__ = "data_sources"
        id = db.Column(db.Integer, primary_key=True)

        @classmethod
        def create_with_group(cls, name):
            ds = cls(name=name)
            db.session.add_all([ds, Subscription(data_source=ds)])
            return ds
""")
APP = {
    "app/__init__.py": "",
    "app/models.py": MODELS,
    "app/events.py": dedent("""\
        from app.models import Event, db

        def record(action):
            db.session.add(Event(action=action))
            db.session.commit()
    """),
    "app/factory.py": dedent("""\
        from app import events, handlers
        from app.app import Redash

        def create_app():
            app = Redash()
            events.init_app(app)
            handlers.init_app(app)
            return app
    """),
    "app/app.py": "from flask import Flask\n\nclass Redash(Flask):\n    pass\n",
    "app/handlers/__init__.py": dedent("""\
        from flask_restful import Api
        from app.handlers.alerts import AlertList

        class ApiExt(Api):
            def add_org_resource(self, resource, *urls, **kwargs):
                return self.add_resource(resource, *urls, **kwargs)

        api = ApiExt()
        api.add_org_resource(AlertList, "/api/alerts", endpoint="alerts")

        def init_app(app):
            api.init_app(app)
    """),
    "app/handlers/alerts.py": dedent("""\
        from flask_restful import Resource
        from app.models import Alert

        class AlertList(Resource):
            def get(self):
                return [a.id for a in Alert.query.all()]
    """),
    "app/tasks.py": dedent("""\
        from app import models
        from app.models import DataSource, Query

        @job("default")
        def check_alerts(query_id):
            query = Query.query.get(query_id)
            for alert in query.alerts:
                print(alert.owner)

        def new_source(name):
            return DataSource.create_with_group(name)
    """),
    "app/cli.py": dedent("""\
        from app import models

        def shell_context():
            return {"models": models}
    """),
    "tests/__init__.py": dedent("""\
        from unittest import TestCase
        from app.factory import create_app

        class BaseTestCase(TestCase):
            def setUp(self):
                self.app = create_app()
                self.client = self.app.test_client()

            def get_request(self, path):
                return self.client.get(path)
    """),
    "tests/test_handlers.py": dedent("""\
        from tests import BaseTestCase

        class TestAlerts(BaseTestCase):
            def test_list(self):
                self.make_request("get", "/api/alerts")
    """),
    "tests/test_models.py": dedent("""\
        from tests import BaseTestCase
        from app.models import Event, db

        class TestEvent(BaseTestCase):
            def test_record(self):
                db.session.add(Event(action="x"))
    """),
    "requirements.txt": "flask-sqlalchemy\n",
}


def scan(files: dict[str, str]) -> ProfileResult:
    return SQLALCHEMY.observe(MemorySourceTree(files), parse_venture_config(""))


def found(result: ProfileResult, table: str, kind: Kind) -> dict[str, Evidence]:
    return {e.path or "": e for e in result.evidence if e.table.name == table and e.kind == kind}


def test_a_test_inheriting_the_client_driving_base_case_is_end_to_end() -> None:
    result = scan(APP)
    e2e = found(result, "alerts", Kind.E2E_TESTS)["tests/test_handlers.py"]
    # the wrapper of add_resource registered the route the request lands on
    assert [str(s) for s in e2e.via][:1] == ["app/handlers/alerts.py:6"]
    # a model test inheriting the same base but requesting nothing stays a unit test
    assert "tests/test_models.py" not in found(result, "events", Kind.E2E_TESTS)


def test_the_app_factory_is_a_hub_nothing_reaches_through() -> None:
    result = scan(APP)
    # tests/__init__.py builds the app: create_app wires events in, but runs none of it
    assert "tests/__init__.py" not in found(result, "events", Kind.E2E_TESTS)


def test_a_module_named_as_a_value_is_no_edge() -> None:
    result = scan({**APP, "app/cli.py": "from app import models\n\n@click.command()\n"
                                        "def shell():\n    return {'models': models}\n"})
    assert "app/cli.py" not in found(result, "subscriptions", Kind.ETL)


def test_relationship_collections_and_model_methods_reach_their_tables() -> None:
    result = scan(APP)
    etl = found(result, "alerts", Kind.ETL)["app/tasks.py"]
    assert etl.detector == "python.etl_path" and etl.line == 7  # query.alerts, the backref
    assert "app/tasks.py" not in found(result, "events", Kind.ETL)  # alert.owner: one row
    via = found(result, "subscriptions", Kind.ETL)["app/tasks.py"]
    assert [str(s) for s in via.via] == ["app/models.py:31"]  # DataSource.create_with_group


def test_an_admin_module_serving_only_json_under_api_is_no_admin_ui() -> None:
    files = {**APP, "app/handlers/admin.py": dedent("""\
        from flask import Blueprint
        from app.models import Event
        routes = Blueprint("admin", __name__)

        @routes.route("/api/admin/events")
        def events():
            return [e.id for e in Event.query.all()]
    """)}
    result = scan(files)
    assert "app/handlers/admin.py" not in found(result, "events", Kind.CRUD_UI)
    assert "app/handlers/admin.py" in found(result, "events", Kind.A2A_API)


def test_a_method_rendering_its_own_template_is_no_page() -> None:
    facts, _ = parse_file("class Alert:\n    def body(self):\n"
                          "        return self.render_template(self.template)\n", "m.py")
    assert facts.signal_line("python:renders_page") is None
    facts, _ = parse_file("def page():\n    return render_template('x.html')\n", "v.py")
    assert facts.signal_line("python:renders_page") == 2


FRONT = {
    "client/tsconfig.json": '{"compilerOptions": {"baseUrl": "./", '
                            '"paths": {"@/*": ["./app/*"]}}}',
    "client/app/services/alert.js": dedent("""\
        import { axios } from "@/services/axios";
        // axios.get("api/subscriptions") is not a request
        export const Alert = {
          query: () => axios.get("api/alerts"),
          get: ({ id }) => axios.get(`api/alerts/${id}`),
        };
    """),
    "client/app/services/axios.js": "export const axios = {};\n",
    "client/app/pages/alerts/AlertsList.jsx": dedent("""\
        import { Alert } from "@/services/alert";
        export default function AlertsList() {
          const url = `${window.location.origin}/alerts/${1}`;
          return <div>{Alert.query()}</div>;
        }
    """),
    "client/app/components/Orphan.jsx": "export const A = () => <b>x</b>;\n",
    "client/cypress/integration/alerts.js": "cy.request('/api/alerts');\n",
}


def test_a_spa_page_reaches_the_api_route_its_service_requests() -> None:
    result = scan({**APP, **FRONT})
    page = found(result, "alerts", Kind.CRUD_UI)["client/app/pages/alerts/AlertsList.jsx"]
    assert page.detector == "frontend.page"
    assert [str(s) for s in page.via] == ["client/app/services/alert.js:4",
                                          "app/handlers/alerts.py:6"]
    assert "client/app/components/Orphan.jsx" not in found(result, "alerts", Kind.CRUD_UI)
    assert found(result, "subscriptions", Kind.CRUD_UI) == {}  # a comment is no request


def test_front_end_files_and_literals() -> None:
    assert front_end_files(["a/pages/x.jsx", "node_modules/a/b.js", "cypress/e2e/x.js",
                            "a/b.test.ts", "a/v.vue", "a/x.py"]) == ["a/pages/x.jsx", "a/v.vue"]
    text = 'a("x") // "y"\n/* "z" */ b(`p/${q + `r`}/s`, \'t\')\n'
    assert string_literals(text) == [("x", 1), ("p/{}/s", 2), ("t", 2)]
