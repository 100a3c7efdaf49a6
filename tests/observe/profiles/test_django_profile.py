"""The django profile over small in-memory ventures: models, migrations, fixtures, URLconf."""

from __future__ import annotations

from textwrap import dedent

from commissioning.config import parse_venture_config
from commissioning.evidence import Kind
from commissioning.observe.profiles import PROFILES, profile_by_name
from commissioning.observe.profiles.base import ProfileResult
from commissioning.observe.profiles.django import DJANGO
from commissioning.observe.source_tree import MemorySourceTree


def scan(files: dict[str, str]) -> ProfileResult:
    return DJANGO.observe(MemorySourceTree(files), parse_venture_config(""))


def evidence(result: ProfileResult, kind: Kind) -> set[tuple[str, str]]:
    return {(e.table.name, e.path or "") for e in result.evidence if e.kind == kind}


SHOP = {
    "manage.py": "",
    "site_conf/__init__.py": "",
    "site_conf/settings.py": 'ROOT_URLCONF = "site_conf.urls"\n',
    "site_conf/urls.py": dedent("""\
        from django.urls import include, path, re_path
        from shop.api import router
        urlpatterns = [
            path("shop/", include(("shop.urls", "shop"))),
            re_path(r"^api/", include(router.urls)),
        ]
    """),
    "shop/__init__.py": "",
    "shop/models/__init__.py": "from .order import *\n",
    "shop/models/order.py": dedent("""\
        from django.db import models
        from wagtail.models import Page
        from modelcluster.models import ClusterableModel

        class OrderQuerySet(models.QuerySet):
            pass

        class Status(models.TextChoices):
            OPEN = "open"

        class Order(models.Model):
            open = OrderQuerySet.as_manager()

            class Meta:
                db_table = "orders"

        class LandingPage(Page):
            pass

        class Gallery(ClusterableModel):
            class Meta:
                app_label = "media"
    """),
    "shop/pages.py": dedent("""\
        from django.shortcuts import get_object_or_404
        from shop.models import Order

        def order_detail(request, pk):
            return get_object_or_404(Order, pk=pk)
    """),
    "shop/reports.py": dedent("""        from shop.models import Order

        def open_orders():
            return Order.open.filter(x=1)
    """),
    "shop/urls.py": dedent("""\
        from django.urls import include, path
        from shop import pages
        urlpatterns = [
            path("orders/", include([
                path("<int:pk>/", pages.order_detail, name="order-detail"),
            ])),
        ]
    """),
    "shop/api.py": dedent("""\
        from rest_framework import routers, viewsets
        from shop.models import Order

        class OrderViewSet(viewsets.ModelViewSet):
            queryset = Order.objects.all()

        router = routers.DefaultRouter()
        router.register(r"orders", OrderViewSet)
    """),
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": dedent("""\
        from django.db import migrations
        class Migration(migrations.Migration):
            operations = [
                migrations.CreateModel(name="Order", fields=[]),
                migrations.CreateModel(name="Draft", fields=[]),
                migrations.RunSQL("INSERT INTO shop_order (id) VALUES (1)"),
            ]
    """),
    "shop/migrations/0002_drop_draft.py": dedent("""\
        from django.db import migrations
        class Migration(migrations.Migration):
            operations = [migrations.DeleteModel(name="Draft"),
                          migrations.AlterModelTable(name="Order", table="orders")]
    """),
    "shop/admin.py": dedent("""\
        from django.contrib import admin
        from shop.models import Order

        @admin.register(Order)
        class OrderAdmin(admin.ModelAdmin):
            pass
    """),
    "shop/fixtures/pages.yaml": "- model: shop.landingpage\n  pk: 1\n",
    "shop/fixtures/broken.json": "[{",
    "shop/tests/__init__.py": "",
    "shop/tests/test_pages.py": dedent("""\
        from django.urls import reverse

        def test_detail(client):
            client.get(reverse("shop:order-detail", args=[1]))
    """),
    "shop/tests/test_api.py": dedent("""\
        def test_api(api_client):
            api_client.get("/api/orders/7/")
    """),
}


def test_models_tables_and_labels() -> None:
    result = scan(SHOP)
    assert {t.key.name for t in result.tables} == {"orders", "shop_landingpage", "media_gallery"}
    schema = evidence(result, Kind.SCHEMA)
    assert ("orders", "shop/models/order.py") in schema
    assert not any(name.startswith(("shop_status", "shop_orderqueryset")) for name, _ in schema)


def test_migrations_follow_deletes_and_table_changes() -> None:
    result = scan(SHOP)
    assert evidence(result, Kind.MIGRATION) == {("orders", "shop/migrations/0001_initial.py")}


def test_data_from_fixtures_and_run_sql() -> None:
    result = scan(SHOP)
    assert evidence(result, Kind.DATA) == {("shop_landingpage", "shop/fixtures/pages.yaml")}
    codes = {d.code for d in result.diagnostics}
    assert "fixture-parse-error" in codes


def test_custom_manager_shortcut_and_viewset_are_accesses() -> None:
    result = scan(SHOP)
    repository = {(e.path, e.line) for e in result.evidence if e.kind == Kind.REPOSITORY}
    assert repository == {("shop/pages.py", 5), ("shop/reports.py", 4), ("shop/api.py", 5)}


def test_urlconf_routes_views_and_test_requests() -> None:
    result = scan(SHOP)
    actions = evidence(result, Kind.SERVER_ACTIONS)
    assert ("orders", "shop/pages.py") in actions  # routed by the URLconf, not a views.py
    e2e = {(e.path, e.line, e.via[0].path) for e in result.evidence if e.kind == Kind.E2E_TESTS}
    assert e2e == {("shop/tests/test_pages.py", 4, "shop/pages.py"),  # reverse("shop:…")
                   ("shop/tests/test_api.py", 2, "shop/api.py")}  # the DRF router's detail
    assert ("orders", "shop/api.py") in evidence(result, Kind.A2A_API)


def test_detect_and_registry() -> None:
    assert DJANGO in PROFILES and profile_by_name("django") is DJANGO
    assert DJANGO.detect(MemorySourceTree({"manage.py": ""}))
    assert DJANGO.detect(MemorySourceTree({"requirements.txt": "Django>=5\n"}))
    assert not DJANGO.detect(MemorySourceTree({"requirements.txt": "django-environ\nflask\n"}))


def test_admin_registration_is_ui_not_repository() -> None:
    result = scan(SHOP)
    assert ("orders", "shop/admin.py") in evidence(result, Kind.CRUD_UI)
    assert ("orders", "shop/admin.py") not in evidence(result, Kind.REPOSITORY)


HC = {
    "manage.py": "",
    "hc/__init__.py": "",
    "hc/settings.py": 'ROOT_URLCONF = "hc.urls"\nPREFIX = ""\n',
    "hc/urls.py": dedent("""\
        from django.conf import settings
        from django.urls import include, path
        urlpatterns = [path(settings.PREFIX, include("hc.api.urls"))]
    """),
    "hc/api/__init__.py": "",
    "hc/api/apps.py": "",
    "hc/api/models.py": dedent("""\
        from django.db import models

        class Check(models.Model):
            pass

        class TokenBucket(models.Model):
            pass
    """),
    "hc/api/views.py": dedent("""\
        from hc.api.models import Check

        def checks(request):
            return list(Check.objects.all())

        def ping(request, code):
            return Check.objects.get(code=code)
    """),
    "hc/api/urls.py": dedent("""\
        from django.urls import include, path
        from hc.api import views
        api_urls = [path("checks/", views.checks)]
        urlpatterns = [
            path("ping/<uuid:code>", views.ping),
            path("api/v1/", include(api_urls)),
        ]
    """),
    "hc/api/management/__init__.py": "",
    "hc/api/management/commands/__init__.py": "",
    "hc/api/management/commands/prunetokenbucket.py": dedent("""\
        from django.core.management.base import BaseCommand
        from hc.api.models import TokenBucket

        class Command(BaseCommand):
            def handle(self, **options):
                TokenBucket.objects.filter(x=1).delete()
    """),
    "hc/api/management/commands/createsuperuser.py": dedent("""\
        from django.core.management.base import BaseCommand
        from hc.api.models import Check

        class Command(BaseCommand):
            def handle(self, **options):
                Check.objects.create(name="first")
    """),
    "hc/api/management/commands/seed_checks.py": dedent("""\
        from django.core.management.base import BaseCommand
        from hc.api.models import Check

        class Command(BaseCommand):
            def handle(self, **options):
                Check.objects.create(name="demo")
    """),
}


def test_an_app_named_api_is_no_api_by_its_name() -> None:
    result = scan(HC)
    api = evidence(result, Kind.A2A_API)
    # the views the URLconf serves under /api (a list kept in a variable, mounted under a
    # prefix that is not a literal) are the API; the app's command and models are not
    assert ("api_check", "hc/api/views.py") in api
    assert ("api_tokenbucket", "hc/api/management/commands/prunetokenbucket.py") not in api
    assert not {p for _, p in api} & {"hc/api/models.py"}
    assert ("api_tokenbucket", "hc/api/management/commands/prunetokenbucket.py") in evidence(
        result, Kind.ETL)


def test_a_command_creating_one_account_is_not_seed_data() -> None:
    data = evidence(scan(HC), Kind.DATA)
    assert ("api_check", "hc/api/management/commands/seed_checks.py") in data
    assert ("api_check", "hc/api/management/commands/createsuperuser.py") not in data
