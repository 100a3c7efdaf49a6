"""The names and idioms the Python reader recognises, as data, and the predicates over them.

Kept apart from the walk itself (``observe.python.visitor``) so the vocabulary can be read, and
extended, in one place: which calls are recorded with their arguments, which decorators make a
route or a job, which base classes make a view or a page.
"""

from __future__ import annotations

import ast

from commissioning.observe.python.facts import Val
from commissioning.observe.python.values import to_val

# Calls whose arguments some detector reads: routing, migrations, rendering, admin, tests.
CALL_NAMES = frozenset({
    "include_router", "register_blueprint", "add_url_rule", "add_resource", "add_api_route",
    "APIRouter", "Blueprint", "Namespace", "register", "path", "re_path", "url", "include",
    "create_table", "drop_table", "rename_table", "bulk_insert", "execute", "text",
    "CreateModel", "DeleteModel", "RenameModel", "AlterModelTable", "AlterModelOptions",
    "RunPython", "RunSQL", "Table", "table", "render", "render_template", "TemplateResponse",
    "render_to_response", "reverse", "reverse_lazy", "url_for", "resolve_url", "get_model",
    "add_view", "call_command", "DefaultRouter", "SimpleRouter", "mount",
})
WRITE_METHODS = frozenset({
    "add", "add_all", "merge", "save", "bulk_save_objects", "bulk_insert_mappings",
    "bulk_update_mappings", "create", "bulk_create", "bulk_update", "update_or_create",
    "get_or_create", "delete", "flush", "commit", "insert", "execute",
})
ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "route",
                           "api_route", "websocket", "trace"})
CLIENT_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "trace",
                            "generic", "request", "post_graphql", "post_multipart", "stream",
                            "websocket_connect", "open"})
CLIENT_CONSTRUCTORS = frozenset({"TestClient", "AsyncClient", "APIClient", "Client",
                                 "test_client", "FlaskClient", "APIRequestFactory"})
VIEW_BASES = frozenset({"Resource", "MethodView", "View", "APIView", "GenericAPIView",
                        "ViewSet", "GenericViewSet", "ModelViewSet", "ReadOnlyModelViewSet",
                        "HTTPEndpoint", "RequestHandler"})
PAGE_BASES = frozenset({"TemplateView", "ListView", "DetailView", "CreateView", "UpdateView",
                        "DeleteView", "FormView", "ArchiveIndexView", "YearArchiveView",
                        "MonthArchiveView", "WeekArchiveView", "DayArchiveView",
                        "TodayArchiveView", "DateDetailView", "ModelFormMixin"})
PAGE_CALLS = frozenset({"render", "render_template", "TemplateResponse", "render_to_response"})
JOB_DECORATORS = frozenset({"task", "shared_task", "actor", "job", "scheduled_job",
                            "periodic_task", "db_task", "db_periodic_task", "command", "cron"})
JOB_SCHEDULERS = frozenset({"add_job", "add_periodic_task"})
ALIAS_CALLS = frozenset({"get_model", "table", "Table"})
BUILTIN_NAMES = frozenset({"self", "cls", "super", "len", "str", "int", "print", "isinstance",
                           "list", "dict", "set", "tuple", "range", "getattr", "bool"})
# Building the app object, mounting its routers, or wiring an extension into it
# (``db.init_app(app)`` in a Flask app factory): code that touches every part of the app.
HUB_CALLS = frozenset({"FastAPI", "Flask", "Quart", "include_router", "register_blueprint",
                       "init_app"})


def is_job(chain: tuple[str, ...]) -> bool:
    """A job, worker or command definition: ``@shared_task``, ``@celery.task``,
    ``@dramatiq.actor``, ``@huey.periodic_task``, ``@scheduler.scheduled_job``,
    ``@click.command``/``@app.cli.command``/typer's ``@app.command``, ``@scheduler.add(…)``."""
    last = chain[-1]
    if last in JOB_DECORATORS:
        return True
    return len(chain) > 1 and any(p in chain[-2].lower() for p in ("scheduler", "cron"))


def renders_page(name: str, node: ast.Call) -> bool:
    """``render(request, "x.html")``, ``render_template("x.html")``: a page, unless the template
    is an e-mail's body."""
    if name == "render" and len(node.args) < 2:
        return False
    template = next((a.value for a in node.args if isinstance(a, ast.Constant)
                     and isinstance(a.value, str)), "")
    return not any(word in template.lower() for word in ("email", "mail/", "mails/"))


def under_api(node: ast.Call) -> bool:
    """A router, blueprint or resource mounted under ``/api``."""
    values = [*node.args, *(k.value for k in node.keywords
                            if k.arg in ("prefix", "url_prefix", "path", "rule"))]
    return any(isinstance(v, ast.Constant) and isinstance(v.value, str)
               and v.value.startswith("/api") for v in values)


def class_body(node: ast.ClassDef) -> tuple[tuple[tuple[str, Val], ...],
                                               tuple[tuple[str, Val], ...],
                                               tuple[str, ...], Val | None]:
    attrs: list[tuple[str, Val]] = []
    meta: list[tuple[str, Val]] = []
    methods: list[str] = []
    tablename: Val | None = None
    for stmt in node.body:
        attrs.extend(_simple_assign(stmt))
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            for inner in stmt.body:
                meta.extend(_simple_assign(inner))
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            methods.append(stmt.name)
            if stmt.name == "__tablename__":
                returns = [s for s in ast.walk(stmt) if isinstance(s, ast.Return)]
                if returns and returns[0].value is not None:
                    tablename = to_val(returns[0].value)
    return tuple(attrs), tuple(meta), tuple(methods), tablename


def _simple_assign(stmt: ast.stmt) -> list[tuple[str, Val]]:
    if isinstance(stmt, ast.Assign):
        value = to_val(stmt.value)
        return [(t.id, value) for t in stmt.targets if isinstance(t, ast.Name)]
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return [(stmt.target.id, to_val(stmt.value) if stmt.value else Val("other"))]
    return []
