"""The code graph: a use reaches the definition it names, not the whole module."""

from __future__ import annotations

from commissioning.evidence import TableKey
from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.graph import Site, build_graph, node_of, path_of
from commissioning.observe.python.program import load_python
from commissioning.observe.source_tree import MemorySourceTree

ORDERS = TableKey("public", "orders")
USERS = TableKey("public", "users")
FILES = {
    "app/__init__.py": "",
    "app/crud.py": "LIMIT = 10\n\ndef get_user():\n    return LIMIT\n\n"
                   "def add_order():\n    pass\n",
    "app/login.py": "from app import crud\n\ndef login():\n    return crud.get_user()\n",
    "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
    "tests/test_login.py": "from app.main import app\nfrom app.login import login\n\n"
                           "def test_login():\n    TestClient(app)\n    login()\n",
}


def graph():  # type: ignore[no-untyped-def]
    tree = MemorySourceTree(FILES)
    program = load_python(tree, tree.files(), (), lambda p: p.startswith("tests/"))
    sites = [Site("app/crud.py", "get_user", USERS, 4, "t"),
             Site("app/crud.py", "add_order", ORDERS, 7, "t", write=True)]
    return build_graph(program, ClassIndex(program), sites)


def test_nodes_and_paths() -> None:
    assert node_of("a.py", "Order.save") == "a.py::Order"
    assert node_of("a.py", "") == "a.py"
    assert path_of("a.py::Order") == "a.py"


def test_a_file_reaches_only_the_function_it_calls() -> None:
    g = graph()
    assert dict(g.edges["app/login.py"]) == {"app/crud.py::get_user": 4}
    assert g.direct["app/crud.py::get_user"] == {USERS: 4}
    assert g.direct["app/crud.py"] == {USERS: 4, ORDERS: 7}
    assert g.writes["app/crud.py::add_order"] == {ORDERS: 7}


def test_a_constant_of_the_same_module_is_no_edge() -> None:
    assert "app/crud.py::get_user" not in graph().edges


def test_nothing_reaches_through_the_app_hub() -> None:
    targets = dict(graph().edges["tests/test_login.py"])
    assert "app/main.py" not in targets
    assert "app/login.py::login" in targets
