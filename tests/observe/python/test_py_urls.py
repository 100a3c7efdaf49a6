"""Test URLs matched to routes: literals, f-string parts, unknown mount prefixes, names."""

from __future__ import annotations

from commissioning.observe.python.program import load_python
from commissioning.observe.python.urls import Route, RouteTable, route_segments, url_template
from commissioning.observe.python.web_routes import web_routes
from commissioning.observe.source_tree import MemorySourceTree


def table() -> RouteTable:
    return RouteTable([
        Route(route_segments("/api/v1/items/{id}"), "api/items.py", 3, "items", view="read"),
        Route(route_segments("/items/"), "api/list.py", 5, open_prefix=True, view="list"),
        Route(route_segments("/orders/<int:pk>/"), "shop/views.py", 9, "shop:order"),
    ])


def test_segments_and_templates() -> None:
    assert route_segments("/orders/<int:pk>/") == ("orders", None)
    assert route_segments(r"^orders/(?P<pk>\d+)/$") == ("orders", None)
    assert url_template("{}/items/{}?x=1") == (("items", None), True)
    assert url_template("http://testserver/orders/3/") == (("orders", "3"), False)
    assert url_template("orders") is None


def test_literal_open_and_named_matches() -> None:
    routes = table()
    found = routes.match(("api", "v1", "items", "7"), False)
    assert found is not None and found.target == "api/items.py::read"
    found = routes.match(("items",), True)
    assert found is not None and found.handler == "api/list.py"
    found = routes.match(("api", "v2", "items"), False)
    assert found is not None and found.handler == "api/list.py"  # the open-prefix route
    assert routes.match(("nothing", "here"), False) is None
    named = routes.named("shop:order")
    assert named is not None and named.handler == "shop/views.py"


def test_fastapi_prefixes_compose_through_mounts() -> None:
    tree = MemorySourceTree({
        "app/__init__.py": "",
        "app/items.py": "from fastapi import APIRouter\nrouter = APIRouter(prefix='/items')\n"
                        "@router.get('/{id}')\ndef read(id: int): ...\n",
        "app/api.py": "from fastapi import APIRouter\nfrom app import items\n"
                      "api = APIRouter()\napi.include_router(items.router, prefix='/v1')\n",
        "app/main.py": "from fastapi import FastAPI\nfrom app.api import api\nfrom app import cfg\n"
                       "app = FastAPI()\napp.include_router(api, prefix=cfg.API_ROOT)\n",
        "app/cfg.py": "API_ROOT = '/api'\n",
    })
    program = load_python(tree, tree.files(), (), lambda _: False)
    (route,) = web_routes(program)
    assert (route.segments, route.open_prefix, route.api) == (("v1", "items", None), True, True)
    assert route.target == "app/items.py::read"


def test_starlette_mount_of_a_sub_app() -> None:
    tree = MemorySourceTree({
        "svc/__init__.py": "",
        "svc/views.py": "from fastapi import APIRouter\nrouter = APIRouter()\n"
                        "@router.get('/cases')\ndef cases(): ...\n",
        "svc/main.py": "from fastapi import FastAPI\nfrom svc.views import router\n"
                       "api = FastAPI()\napi.include_router(router)\napp = FastAPI()\n"
                       "app.mount('/api/v1', app=api)\n",
    })
    program = load_python(tree, tree.files(), (), lambda _: False)
    (route,) = web_routes(program)
    assert (route.segments, route.api) == (("api", "v1", "cases"), True)
