"""Role signals a file earns from what its classes derive from, through any venture base.

``class OrderList(StaffView)`` where ``StaffView(LoginRequiredMixin, ListView)`` lives in
another module is still a page; the reader sees only ``StaffView``, so these signals are decided
here, from resolved ancestry (``observe.python.classes``), and handed to the role book as marks.
Likewise a test case deriving from the venture's own base test case whose helpers drive the
test client (``self.make_request("get", "/api/x")`` → ``self.client.get(…)``) drives it too,
when it writes a request path; a model test that inherits the same base and requests nothing
stays a unit test.
"""

from __future__ import annotations

from collections import defaultdict

from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.facts import (
    SIG_RENDERS_PAGE,
    SIG_ROUTE,
    SIG_TEST_CLIENT,
    PyCall,
    PyFileFacts,
)
from commissioning.observe.python.idioms import CLIENT_METHODS, PAGE_BASES, VIEW_BASES
from commissioning.observe.python.resolve import Symbol

SIG_FORM = "python:form"  # a form class (Django forms, WTForms)
SIG_ADMIN = "python:admin"  # an admin view (Django ModelAdmin, Flask-Admin/SQLAdmin ModelView)
SIG_SERIALIZER = "python:serializer"  # an API serializer or GraphQL type
WEB_LIBRARIES = ("flask_restful.", "flask_restx.", "flask_smorest.", "flask.views.",
                 "django.views.", "rest_framework.", "starlette.endpoints.", "tornado.web.",
                 "ninja.", "wagtail.api.")
FORM_LIBRARIES = ("django.forms.", "django.contrib.auth.forms.", "wtforms.", "flask_wtf.")
ADMIN_LIBRARIES = ("django.contrib.admin.", "flask_admin.", "sqladmin.", "starlette_admin.",
                   "wagtail.snippets.", "wagtail.admin.")
API_LIBRARIES = ("rest_framework.serializers.", "graphene", "strawberry", "marshmallow",
                 "ninja.", "wagtail.api.")


def class_marks(classes: ClassIndex) -> dict[str, frozenset[str]]:
    """File → the structural signals its classes' ancestry gives it."""
    out: dict[str, set[str]] = defaultdict(set)
    drivers = _client_drivers(classes)
    for symbol in sorted(classes.classes):
        ancestry = classes.ancestry(symbol)
        if drivers and classes.program.facts[symbol.path].urls \
                and any(base in drivers for base in ancestry.classes):
            out[symbol.path].add(SIG_TEST_CLIENT)
        externals = ancestry.externals
        if not externals:
            continue
        marks = out[symbol.path]
        for name in externals:
            last = name.rsplit(".", 1)[-1]
            web = name.startswith(WEB_LIBRARIES)
            if web and (last in VIEW_BASES or last.endswith(("View", "ViewSet", "Resource"))):
                marks.add(SIG_ROUTE)
            if name.startswith("django.views.") and last in PAGE_BASES:
                marks.add(SIG_RENDERS_PAGE)
            if name.startswith(FORM_LIBRARIES) and "Form" in last:
                marks.add(SIG_FORM)
            if name.startswith(ADMIN_LIBRARIES) and last.endswith(("Admin", "ModelView",
                                                                   "ViewSet", "Inline")):
                marks.add(SIG_ADMIN)
            if name.startswith(API_LIBRARIES) and not name.startswith("rest_framework.views"):
                marks.add(SIG_SERIALIZER)
    return {path: frozenset(m) for path, m in out.items() if m}


def _client_drivers(classes: ClassIndex) -> frozenset[Symbol]:
    """Test classes whose own methods make requests through a test client (only a test file's
    client calls are recorded: ``observe.python.visitor``)."""
    out: set[Symbol] = set()
    for path, facts in classes.program.facts.items():
        for scope in _client_scopes(facts):
            symbol = Symbol(path, scope)
            if symbol in classes.classes:
                out.add(symbol)
    return frozenset(out)


def _client_scopes(facts: PyFileFacts) -> set[str]:
    return {call.scope.split(".", 1)[0] for call in facts.calls
            if call.scope and _is_client_call(call)}


def _is_client_call(call: PyCall) -> bool:
    return len(call.chain) > 1 and call.chain[-2].lower().endswith("client") \
        and call.name in CLIENT_METHODS
