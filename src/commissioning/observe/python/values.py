"""Expressions reduced to ``Val``: the small, bounded picture the detectors read.

Only what a detector can use is kept (names, strings, calls with their arguments, lists and
string-keyed dicts), to a fixed depth, so a 2,000-item ``fields=[…]`` never bloats the facts.
"""

from __future__ import annotations

import ast
import re

from commissioning.observe.python.facts import MODEL_ALIAS, TABLE_ALIAS, Val

MAX_DEPTH = 4
MAX_ITEMS = 64


def dotted(node: ast.expr) -> tuple[str, ...] | None:
    """``a.b.c`` as ``("a", "b", "c")``; None when the chain does not end in a plain name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return tuple(reversed(parts))
    return None


def callee_name(func: ast.expr) -> str:
    """The last name of what is called: ``filter`` in ``x().filter(…)``."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def to_val(node: ast.expr | None, depth: int = 0) -> Val:
    if node is None:
        return Val("other")
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            return Val("str", node.value, line=line)
        return Val("const", repr(node.value), line=line)
    chain = dotted(node)
    if chain is not None:
        return Val("name", chain=chain, line=line)
    if depth >= MAX_DEPTH:
        return Val("other", line=line)
    text = template(node)
    if text is not None:
        return Val("fstr", text, line=line)
    if isinstance(node, ast.Call):
        return _call(node, depth, line)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return Val("seq", args=tuple(to_val(e, depth + 1) for e in node.elts[:MAX_ITEMS]),
                   line=line)
    if isinstance(node, ast.Dict):
        items = tuple((k.value, to_val(v, depth + 1))
                      for k, v in zip(node.keys[:MAX_ITEMS], node.values[:MAX_ITEMS], strict=True)
                      if isinstance(k, ast.Constant) and isinstance(k.value, str))
        return Val("dict", keywords=items, line=line)
    if isinstance(node, ast.Subscript):  # Generic[T], Mapped[int]: the value is what counts
        return to_val(node.value, depth + 1)
    return Val("other", line=line)


def _call(node: ast.Call, depth: int, line: int) -> Val:
    func = dotted(node.func)
    if func is None:
        func = ("", callee_name(node.func)) if callee_name(node.func) else ()
    args = tuple(to_val(a, depth + 1) for a in node.args[:MAX_ITEMS]
                 if not isinstance(a, ast.Starred))
    keywords = tuple((k.arg, to_val(k.value, depth + 1)) for k in node.keywords[:MAX_ITEMS]
                     if k.arg is not None)
    return Val("call", chain=func, args=args, keywords=keywords, line=line)


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifx]")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")


def template(node: ast.expr) -> str | None:
    """A string built from parts as a template with ``{}`` per part that is not a literal:
    an f-string, ``"a" + x + "b"``, ``"/x/%s/" % code``, ``"/x/{}/".format(code)``. None when it
    is none of those, or no part is a literal string (then it says nothing about a URL)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) \
            and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        return _PERCENT.sub("{}", node.left.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "format" and isinstance(node.func.value, ast.Constant) \
            and isinstance(node.func.value.value, str):
        return _FORMAT_FIELD.sub("{}", node.func.value.value)
    if not isinstance(node, ast.JoinedStr | ast.BinOp):
        return None
    parts: list[str | None] = []
    _flatten(node, parts)
    if not any(isinstance(p, str) for p in parts):
        return None
    return "".join("{}" if p is None else p for p in parts)


def _flatten(node: ast.expr, parts: list[str | None]) -> None:
    if isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(value.value)
            else:
                parts.append(None)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        _flatten(node.left, parts)
        _flatten(node.right, parts)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts.append(node.value)
    else:
        parts.append(None)


def alias_target(value: Val) -> str | None:
    """What a local bound to ``value`` stands for: ``@model:app.Model`` for Django's
    ``apps.get_model("app", "Model")`` (or ``"app.Model"``), ``@table:name`` for SQLAlchemy's
    ``table("name", …)``/``Table("name", …)``."""
    if value.kind != "call" or not value.chain:
        return None
    name = value.chain[-1]
    strings = [a.text for a in value.args if a.kind == "str"]
    if name == "get_model":
        label = value.keyword("app_label")
        model = value.keyword("model_name")
        if label is not None and model is not None and label.string and model.string:
            strings = [label.string, model.string]
        if len(strings) == 1 and strings[0].count(".") == 1:
            return MODEL_ALIAS + strings[0]
        if len(strings) >= 2:
            return f"{MODEL_ALIAS}{strings[0]}.{strings[1]}"
        return None
    if name in ("table", "Table") and value.args and value.args[0].kind == "str":
        return TABLE_ALIAS + value.args[0].text
    return None
