"""Names resolved across files: re-exports, star imports, ``import a.b``, outside names."""

from __future__ import annotations

from commissioning.observe.python.program import load_python
from commissioning.observe.python.resolve import Symbol
from commissioning.observe.source_tree import MemorySourceTree

FILES = {
    "shop/__init__.py": "",
    "shop/models/__init__.py": "from .order import Order\nfrom .item import *\n",
    "shop/models/order.py": "from django.db import models\nclass Order(models.Model): pass\n",
    "shop/models/item.py": "class Item: pass\n",
    "shop/views.py": (
        "import shop.models\nfrom shop.models import Order, Item\n"
        "from django.db import models as m\nimport sqlalchemy as sa\n"),
}


def resolver():  # type: ignore[no-untyped-def]
    tree = MemorySourceTree(FILES)
    return load_python(tree, tree.files(), (), lambda _: False).resolver


def test_reexport_through_package_init() -> None:
    found = resolver().chain("shop/views.py", ("Order", "objects"))
    assert found is not None
    assert (found.symbol, found.rest) == (Symbol("shop/models/order.py", "Order"), ("objects",))


def test_star_import_and_import_a_b() -> None:
    r = resolver()
    item = r.chain("shop/views.py", ("Item",))
    assert item is not None and item.symbol == Symbol("shop/models/item.py", "Item")
    dotted = r.chain("shop/views.py", ("shop", "models", "Order"))
    assert dotted is not None and dotted.symbol == Symbol("shop/models/order.py", "Order")


def test_outside_names_are_dotted() -> None:
    r = resolver()
    found = r.chain("shop/views.py", ("m", "Model"))
    assert found is not None and found.external == "django.db.models.Model"
    table = r.chain("shop/views.py", ("sa", "Table"))
    assert table is not None and table.external == "sqlalchemy.Table"
    base = r.chain("shop/models/order.py", ("models", "Model"))
    assert base is not None and base.external == "django.db.models.Model"
