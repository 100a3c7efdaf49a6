"""Module names from package roots, src layouts and packaging files; relative imports."""

from __future__ import annotations

from commissioning.observe.python.modules import ModuleIndex, source_roots

FILES = (
    "pyproject.toml", "src/shop/__init__.py", "src/shop/models.py", "src/shop/api/__init__.py",
    "src/shop/api/orders.py", "scripts/seed.py", "svc-a/app/__init__.py", "svc-a/app/db.py",
    "svc-b/app/__init__.py", "svc-b/app/db.py", "svc-b/app/routes/items.py",
)


def index() -> ModuleIndex:
    configs = {"pyproject.toml": '[tool.setuptools.packages.find]\nwhere = ["src"]\n'}
    return ModuleIndex.build(FILES, configs)


def test_package_names_from_the_outermost_package() -> None:
    assert index().find("shop.models", "src/shop/api/orders.py") == "src/shop/models.py"
    assert index().find("shop.api", "x.py") == "src/shop/api/__init__.py"


def test_monorepo_picks_the_nearest_candidate() -> None:
    modules = index()
    assert modules.find("app.db", "svc-b/app/routes/items.py") == "svc-b/app/db.py"
    assert modules.find("app.db", "svc-a/app/__init__.py") == "svc-a/app/db.py"


def test_namespace_package_and_relative_imports() -> None:
    modules = index()
    assert modules.find("app.routes.items", "svc-b/x.py") == "svc-b/app/routes/items.py"
    assert modules.relative("src/shop/api/orders.py", "models", 2) == "src/shop/models.py"
    assert modules.relative("src/shop/api/orders.py", "", 1) == "src/shop/api/__init__.py"
    assert modules.child("src/shop/__init__.py", "api.orders") == "src/shop/api/orders.py"


def test_source_roots_from_packaging_files() -> None:
    roots = source_roots(("pyproject.toml", "backend/manage.py", "setup.cfg"), {
        "pyproject.toml": '[tool.poetry]\npackages = [{include = "x", from = "lib"}]\n',
        "setup.cfg": "[options]\npackage_dir =\n    =src\n"})
    assert {"", "lib", "backend", "src"} <= set(roots)
