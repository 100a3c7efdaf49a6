"""Signals from ancestry: a view, form, admin or serializer through the venture's own bases."""

from __future__ import annotations

from commissioning.observe.python.class_marks import (
    SIG_ADMIN,
    SIG_FORM,
    SIG_SERIALIZER,
    class_marks,
)
from commissioning.observe.python.classes import ClassIndex
from commissioning.observe.python.facts import SIG_RENDERS_PAGE, SIG_ROUTE
from commissioning.observe.python.program import load_python
from commissioning.observe.source_tree import MemorySourceTree

FILES = {
    "core/__init__.py": "",
    "core/base.py": "from django.views.generic import ListView\n"
                    "from flask_restful import Resource\n"
                    "class StaffList(ListView): pass\nclass BaseResource(Resource): pass\n",
    "shop/__init__.py": "",
    "shop/pages.py": "from core.base import StaffList\nclass Orders(StaffList): pass\n",
    "shop/resources.py": "from core.base import BaseResource\nclass Orders(BaseResource): pass\n",
    "shop/forms.py": "from django import forms\nclass OrderForm(forms.ModelForm): pass\n",
    "shop/admin.py": "from django.contrib import admin\nclass OrderAdmin(admin.ModelAdmin): pass\n",
    "shop/api.py": "from rest_framework import serializers\n"
                   "class OrderSerializer(serializers.ModelSerializer): pass\n",
    "shop/plain.py": "class Helper(object): pass\n",
}


def test_marks_follow_venture_bases() -> None:
    tree = MemorySourceTree(FILES)
    program = load_python(tree, tree.files(), (), lambda _: False)
    marks = class_marks(ClassIndex(program))
    assert marks["shop/pages.py"] == {SIG_ROUTE, SIG_RENDERS_PAGE}
    assert marks["shop/resources.py"] == {SIG_ROUTE}
    assert marks["shop/forms.py"] == {SIG_FORM}
    assert marks["shop/admin.py"] == {SIG_ADMIN}
    assert marks["shop/api.py"] == {SIG_SERIALIZER}
    assert "shop/plain.py" not in marks
