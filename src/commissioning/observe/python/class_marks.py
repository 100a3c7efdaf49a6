"""Role signals a file earns from what its classes derive from, through any venture base.

``class OrderList(StaffView)`` where ``StaffView(LoginRequiredMixin, ListView)`` lives in
another module is still a page; the reader sees only ``StaffView``, so these signals are decided
here, from resolved ancestry (``observe.python.classes``), and handed to the role book as marks.
"""

from __future__ import annotations

from collections import defaultdict

from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.facts import SIG_RENDERS_PAGE, SIG_ROUTE
from commissioning.observe.python.idioms import PAGE_BASES, VIEW_BASES

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
    for symbol in sorted(classes.classes):
        externals = classes.ancestry(symbol).externals
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
