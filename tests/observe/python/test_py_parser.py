"""The Python reader: facts from ``ast``, never from strings or comments; bad files diagnosed."""

from __future__ import annotations

from textwrap import dedent

from commissioning.evidence import Severity
from commissioning.observe.python.facts import (
    SIG_API_ROUTE,
    SIG_JOB,
    SIG_RENDERS_PAGE,
    SIG_ROUTE,
    SIG_TEST_CLIENT,
    PyUse,
)
from commissioning.observe.python.parser import PARSE_ERROR, PARTIAL_PARSE, TOO_DEEP, parse_file

SOURCE = dedent('''\
    """Mentions @shared_task and Order.objects in a docstring: not code."""
    from django.db import models
    from .models import Order
    import app.core as core

    class Item(models.Model):
        owner = models.ForeignKey(Order, on_delete=models.CASCADE)

        class Meta:
            db_table = "shop_item"
            model = Order

    @router.get("/api/items/{id}")
    def read(id: Order):  # @shared_task in a comment
        rows = Order.objects.filter(id=id)
        session.add(Order(total=1))
        return render(request, "items/list.html", {"rows": rows})

    def forwards(apps, schema_editor):
        O = apps.get_model("shop", "Order")
        O.objects.bulk_create([O(total=1)])

    @shared_task
    def nightly():
        pass
''')


def uses(chain: tuple[str, ...], facts_uses: tuple[PyUse, ...]) -> list[PyUse]:
    return [u for u in facts_uses if u.chain == chain]


def test_imports_classes_and_meta() -> None:
    facts, notes = parse_file(SOURCE, "shop/views.py", ["@shared_task"])
    assert notes == ()
    relative = [i for i in facts.imports if i.level == 1]
    assert relative[0].module == "models" and relative[0].names == (("Order", "Order"),)
    plain = [i for i in facts.imports if not i.names]
    assert (plain[0].local, plain[0].target) == ("core", "app.core")
    (item,) = facts.classes
    assert item.bases[0].chain == ("models", "Model")
    assert item.meta_attr("db_table") is not None
    assert item.meta_attr("db_table").text == "shop_item"  # type: ignore[union-attr]


def test_uses_carry_context_binding_and_scope() -> None:
    facts, _ = parse_file(SOURCE, "shop/views.py")
    (fk,) = uses(("Order",), tuple(u for u in facts.uses if u.line == 7))
    assert fk.context == ("ForeignKey",) and not fk.called
    (bound,) = [u for u in facts.uses if u.binding == "model"]
    assert (bound.chain, bound.scope) == (("Order",), "Item.Meta")
    (query,) = uses(("Order", "objects", "filter"), facts.uses)
    assert query.called and query.scope == "read"
    (built,) = [u for u in facts.uses if u.chain == ("Order",) and u.called]
    assert built.context == ("add",)
    assert "add" in facts.calls_in("read")


def test_annotations_are_not_uses() -> None:
    facts, _ = parse_file(SOURCE, "shop/views.py")
    assert not [u for u in facts.uses if u.line == 14]


def test_get_model_alias_names_the_model() -> None:
    facts, _ = parse_file(SOURCE, "shop/views.py")
    chains = {u.chain for u in facts.uses if u.scope == "forwards"}
    assert ("@model:shop.Order", "objects", "bulk_create") in chains


def test_signals_skip_strings_and_comments() -> None:
    facts, _ = parse_file(SOURCE, "shop/views.py", ["@shared_task", "Order.objects"])
    assert facts.signal_line("@shared_task") == 23
    assert facts.signal_line("Order.objects") == 15
    assert facts.signal_line(SIG_ROUTE) == 13
    assert facts.signal_line(SIG_API_ROUTE) == 13
    assert facts.signal_line(SIG_RENDERS_PAGE) == 17
    assert facts.signal_line(SIG_JOB) == 23


def test_test_client_signal_only_in_tests() -> None:
    source = "def test_x(client):\n    client.get('/orders/')\n"
    assert parse_file(source, "tests/test_x.py", is_test=True)[0].signal_line(
        SIG_TEST_CLIENT) == 2
    assert parse_file(source, "app/sync.py")[0].signal_line(SIG_TEST_CLIENT) is None


def test_an_email_template_is_not_a_page() -> None:
    facts, _ = parse_file("render_template('email/reset.txt', user=u)\n", "app/email.py")
    assert facts.signal_line(SIG_RENDERS_PAGE) is None


def test_imported_specifiers_include_prefixes_and_names() -> None:
    facts, _ = parse_file("from django.test import Client\nimport celery.app\n", "t.py")
    assert {"django", "django.test", "django.test.Client", "celery", "celery.app"} \
        <= facts.imported_specifiers()


def test_syntax_error_is_a_diagnostic_not_a_crash() -> None:
    facts, notes = parse_file("print 'python 2'\n", "legacy.py")
    assert facts.error_line == 1 and facts.uses == ()
    (note,) = notes
    assert (note.code, note.severity, note.path) == (PARSE_ERROR, Severity.WARNING, "legacy.py")


def test_newer_syntax_costs_one_statement_only() -> None:
    source = dedent('''\
        from app.models import Order

        def first():
            return Order.objects.all()

        def risky():
            try:
                pass
            except ValueError, TypeError:
                pass

        def last():
            return Order.objects.count()
    ''')
    facts, notes = parse_file(source, "app/services.py")
    assert [n.code for n in notes] == [PARTIAL_PARSE]
    assert notes[0].line == 9
    assert {u.scope for u in facts.uses if u.chain[:2] == ("Order", "objects")} \
        == {"first", "last"}


def test_hub_and_calls() -> None:
    source = "app = FastAPI()\napp.include_router(items.router, prefix='/items')\n"
    facts, _ = parse_file(source, "app/main.py")
    assert facts.hub
    (mount,) = [c for c in facts.calls if c.name == "include_router"]
    assert mount.keyword("prefix") is not None


def test_absurd_nesting_is_a_diagnostic() -> None:
    long_sum = "y = " + " + ".join(["a"] * 5000) + "\n"
    facts, notes = parse_file(long_sum, "generated.py")
    assert facts.error_line == 1 and [n.code for n in notes] in ([PARSE_ERROR], [TOO_DEEP])
    parens = "x = " + "(" * 300 + "1" + ")" * 300 + "\nfrom app import models\n"
    facts, notes = parse_file(parens, "generated.py")
    assert [n.code for n in notes] == [PARTIAL_PARSE] and facts.imports


def test_a_tests_url_strings_are_kept_as_templates() -> None:
    source = dedent('''\
        class T:
            def setUp(self):
                self.url = "/checks/%s/details/" % self.check.code
                self.api = "/api/v1/" + "checks/" + self.code
                self.other = "/x/{}/y".format(3)

            def test_it(self):
                self.client.get(f"{BASE}/orders/{self.pk}")
                open("/tmp/not-a-request")
    ''')
    facts, _ = parse_file(source, "tests/test_x.py", is_test=True)
    assert [u for u, _ in facts.urls] == [
        "/checks/{}/details/", "/api/v1/checks/{}", "/x/{}/y", "{}/orders/{}",
        "/tmp/not-a-request"]
    assert parse_file(source, "app/x.py")[0].urls == ()
