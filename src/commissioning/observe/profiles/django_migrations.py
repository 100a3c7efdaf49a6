"""Django migrations replayed per app: which tables they leave behind, which rows they insert.

Each app's migrations (``<app>/migrations/NNNN_*.py``) are applied in name order, operations in
line order: ``CreateModel(name=…, options={"db_table": …})`` creates the model's table (its
``db_table``, else ``<app_label>_<name lower>``; a proxy creates none), ``DeleteModel`` drops
it, ``RenameModel`` renames a default-named table, ``AlterModelTable`` sets a new name.
``RunSQL`` is read with ``read_sql``. Rows come from ``RunSQL`` inserts and from the writes of
``RunPython`` functions (``apps.get_model("shop", "Order").objects.create(…)``), which the
profile finds as access sites in the migration file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from commissioning.evidence import Diagnostic, TableKey
from commissioning.observe.python.facts import PyCall, PyFileFacts, Val
from commissioning.observe.sql import read_sql

DEFAULT_SCHEMA = "public"
OPERATIONS = frozenset({"CreateModel", "DeleteModel", "RenameModel", "AlterModelTable",
                        "RunSQL"})


@dataclass(frozen=True, slots=True)
class _Model:
    table: str
    explicit: bool  # db_table was given
    origin: tuple[str, int]


@dataclass(slots=True)
class DjangoMigrations:
    created: dict[TableKey, tuple[str, int]] = field(default_factory=dict)
    sql_inserts: list[tuple[TableKey, str, int]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def replay_django(facts: Mapping[str, PyFileFacts], files: Sequence[str],
                  label_of: Callable[[str], str]) -> DjangoMigrations:
    out = DjangoMigrations()
    by_app: dict[str, list[str]] = {}
    for path in files:
        if path in facts and posixpath.basename(path) != "__init__.py":
            by_app.setdefault(posixpath.dirname(path), []).append(path)
    for folder in sorted(by_app):
        label = label_of(by_app[folder][0])
        models: dict[str, _Model] = {}
        for path in sorted(by_app[folder], key=posixpath.basename):
            for call in sorted(facts[path].calls, key=lambda c: c.line):
                if call.name in OPERATIONS and not call.scope.split(".")[0].startswith("_"):
                    _apply(out, models, call, path, label)
        for model in models.values():
            out.created.setdefault(TableKey(DEFAULT_SCHEMA, model.table), model.origin)
    return out


def _apply(out: DjangoMigrations, models: dict[str, _Model], call: PyCall, path: str,
           label: str) -> None:
    if call.name == "RunSQL":
        _run_sql(out, call, path)
        return
    name = _arg(call, 0, "name", "old_name")
    if name is None:
        return
    key = name.lower()
    if call.name == "CreateModel":
        options = call.keyword("options")
        if options is not None and _true(options.keyword("proxy")):
            return
        table = _string(options.keyword("db_table")) if options is not None else None
        models.setdefault(key, _Model(table or f"{label}_{key}", table is not None,
                                      (path, call.line)))
    elif call.name == "DeleteModel":
        models.pop(key, None)
    elif call.name == "RenameModel":
        new = _arg(call, 1, "new_name")
        model = models.pop(key, None)
        if model is not None and new is not None:
            table = model.table if model.explicit else f"{label}_{new.lower()}"
            models[new.lower()] = _Model(table, model.explicit, model.origin)
    elif call.name == "AlterModelTable" and key in models:
        table = _arg(call, 1, "table")
        old = models[key]
        models[key] = _Model(table or f"{label}_{key}", table is not None, old.origin)


def _run_sql(out: DjangoMigrations, call: PyCall, path: str) -> None:
    value = call.args[0] if call.args else call.keyword("sql")
    texts = [value] if value is not None and value.kind == "str" else \
        [v for v in (value.args if value is not None and value.kind == "seq" else ())
         if v.kind == "str"]
    for text in texts:
        facts, notes = read_sql(text.text, path, dialect="postgres",
                                default_schema=DEFAULT_SCHEMA)
        out.diagnostics.extend(notes)
        for fact in facts:
            line = text.line + fact.line - 1
            if fact.action == "create":
                out.created.setdefault(fact.table, (path, line))
            elif fact.action == "drop":
                out.created.pop(fact.table, None)
            elif fact.action in ("insert", "copy"):
                out.sql_inserts.append((fact.table, path, line))


def _arg(call: PyCall, index: int, *names: str) -> str | None:
    for name in names:
        value = call.keyword(name)
        if value is not None:
            return _string(value)
    return _string(call.args[index]) if len(call.args) > index else None


def _string(value: Val | None) -> str | None:
    return value.text if value is not None and value.kind == "str" else None


def _true(value: Val | None) -> bool:
    return value is not None and value.kind == "const" and value.text == "True"
