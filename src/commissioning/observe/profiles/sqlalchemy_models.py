"""The tables a SQLAlchemy codebase defines, and which Python symbols stand for each.

* A declarative class with ``__tablename__ = "name"`` (SQLAlchemy 1.x/2.x, Flask-SQLAlchemy);
  ``__table__ = Table("name", …)``.
* SQLModel ``class Hero(SQLModel, table=True)``: ``__tablename__`` or the class name lower-cased.
* Flask-SQLAlchemy ``db.Model`` without ``__tablename__``: the class name in snake_case (as
  Flask-SQLAlchemy derives it), unless it is a single-table-inheritance child (a mapped parent
  and no primary key of its own), which maps to its parent's table.
* An inherited ``@declared_attr __tablename__`` returning ``cls.__name__.lower()`` (or the name
  passed to a helper, read as snake_case, with a note saying so).
* ``name = Table("name", metadata, …)`` with SQLAlchemy's (or ``db.``) ``Table``.

``__abstract__ = True`` classes and plain mixins are not tables. A mapped class whose table
name cannot be read (``__tablename__ = compute()``) is a ``unresolved-table-name`` diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from commissioning.evidence import Diagnostic, Severity, TableKey
from commissioning.observe.python.classes import Ancestry, ClassIndex
from commissioning.observe.python.facts import PyClass, Val
from commissioning.observe.python.resolve import Symbol

DEFAULT_SCHEMA = "public"
DECLARATIVE_EXTERNALS = frozenset({
    "sqlalchemy.orm.DeclarativeBase", "sqlalchemy.orm.DeclarativeBaseNoMeta",
    "sqlalchemy.orm.decl_api.DeclarativeBase", "sqlalchemy.ext.declarative.DeclarativeMeta",
})
FSA_EXTERNALS = frozenset({"flask_sqlalchemy.model.Model", "flask_sqlalchemy.Model"})
SQLMODEL = "sqlmodel.SQLModel"
BASE_FACTORIES = frozenset({"declarative_base", "generate_base", "automap_base"})
FSA_FACTORIES = frozenset({"SQLAlchemy"})
UNRESOLVED = "unresolved-table-name"
_CAMEL = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")


def snake_case(name: str) -> str:
    """Flask-SQLAlchemy's ``camel_to_snake_case``: ``OrderItem`` → ``order_item``."""
    return _CAMEL.sub(r"_\1", name).lower().lstrip("_")


@dataclass(frozen=True, slots=True)
class TableDef:
    key: TableKey
    symbol: Symbol
    line: int
    detector: str


@dataclass(slots=True)
class SqlaCatalog:
    defined: list[TableDef] = field(default_factory=list)
    by_symbol: dict[Symbol, TableKey] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def by_name(self) -> dict[str, TableKey]:
        """Tables by lower-cased database name, for names written as strings."""
        out: dict[str, TableKey] = {}
        for d in self.defined:
            out.setdefault(d.key.name.lower(), d.key)
        return out


class _Builder:
    def __init__(self, classes: ClassIndex) -> None:
        self.classes = classes
        self.program = classes.program
        self.catalog = SqlaCatalog()
        self._memo: dict[Symbol, TableKey | None] = {}

    def build(self) -> SqlaCatalog:
        for symbol in sorted(self.classes.classes):
            self.table_of(symbol)
        self._tables()
        return self.catalog

    def table_of(self, symbol: Symbol) -> TableKey | None:
        if symbol in self._memo:
            return self._memo[symbol]
        self._memo[symbol] = None  # an inheritance cycle ends here
        klass = self.classes.classes[symbol]
        key = self._class_table(symbol, klass)
        self._memo[symbol] = key
        if key is not None:
            self.catalog.by_symbol[symbol] = key
        return key

    def _class_table(self, symbol: Symbol, klass: PyClass) -> TableKey | None:
        ancestry = self.classes.ancestry(symbol)
        flavour = self._flavour(ancestry, klass)
        tablename = klass.attr("__tablename__")
        if _is_true(klass.attr("__abstract__")) or (flavour is None and tablename is None) \
                or self._is_declarative_base(symbol):
            return None
        schema = _schema(klass.attr("__table_args__"))
        if tablename is not None:
            if tablename.kind == "str":
                return self._define(symbol, klass, tablename.text, schema, flavour)
            self._unresolved(symbol, klass, "its __tablename__ is not a string literal")
            return None
        table = klass.attr("__table__")
        if table is not None and table.kind == "call" and table.args \
                and table.args[0].kind == "str":
            return self._define(symbol, klass, table.args[0].text, _table_schema(table), flavour)
        if flavour == "sqlmodel":
            return self._define(symbol, klass, klass.name.lower(), schema, flavour) \
                if _is_true(klass.keyword("table")) else None
        parent = next((k for k in (self.table_of(a) for a in ancestry.classes) if k), None)
        if parent is not None and not _has_primary_key(klass):
            return parent  # single-table inheritance: the parent's table
        declared = self._declared_name(symbol, klass, ancestry)
        if declared is not None:
            return self._define(symbol, klass, declared, schema, flavour)
        if flavour == "flask_sqlalchemy" and not _is_base(klass, ancestry):
            return self._define(symbol, klass, snake_case(klass.name), schema, flavour)
        if flavour == "sqlalchemy" and _has_columns(klass):
            self._unresolved(symbol, klass, "it maps columns but names no __tablename__")
        return None

    def _flavour(self, ancestry: Ancestry, klass: PyClass) -> str | None:
        if SQLMODEL in ancestry.externals or _is_true(klass.keyword("table")):
            return "sqlmodel"
        if ancestry.externals & FSA_EXTERNALS:
            return "flask_sqlalchemy"
        for variable, rest in ancestry.variables:
            factory = self._factory(variable)
            if factory in FSA_FACTORIES and rest == ("Model",):
                return "flask_sqlalchemy"
            if factory in BASE_FACTORIES and not rest:
                return "sqlalchemy"
        if ancestry.externals & DECLARATIVE_EXTERNALS:
            return "sqlalchemy"
        for base in ancestry.classes:
            decorators = self.classes.classes[base].decorators
            if any(d.chain[-1] in ("as_declarative", "mapped") for d in decorators):
                return "sqlalchemy"
        return None

    def _is_declarative_base(self, symbol: Symbol) -> bool:
        """``class Base(DeclarativeBase)`` is the registry every model derives from, not one."""
        return any(isinstance(b, str) and b in DECLARATIVE_EXTERNALS
                   for b in self.classes.direct_bases(symbol))

    def _factory(self, variable: Symbol) -> str | None:
        value = self._factory_call(variable)
        return value.chain[-1] if value is not None else None

    def _factory_call(self, variable: Symbol) -> Val | None:
        facts = self.program.facts.get(variable.path)
        assign = facts.assign(variable.name) if facts is not None else None
        if assign is None or assign.value.kind != "call" or not assign.value.chain:
            return None
        return assign.value

    def _base_classes(self, ancestry: Ancestry) -> list[Symbol]:
        """``declarative_base(cls=CustomBase)``: CustomBase and what it derives from."""
        out: list[Symbol] = []
        for variable, _ in ancestry.variables:
            call = self._factory_call(variable)
            cls = call.keyword("cls") if call is not None else None
            if cls is None or cls.kind != "name":
                continue
            found = self.program.resolver.chain(variable.path, cls.chain)
            if found is not None and found.symbol in self.classes.classes and not found.rest:
                out += [found.symbol, *self.classes.ancestry(found.symbol).classes]
        return out

    def _declared_name(self, symbol: Symbol, klass: PyClass, ancestry: Ancestry) -> str | None:
        """An inherited (or own) ``@declared_attr def __tablename__``."""
        for owner in (symbol, *ancestry.classes, *self._base_classes(ancestry)):
            returns = self.classes.classes[owner].tablename_returns
            if returns is None:
                continue
            name = _derived_name(returns, klass.name)
            if name is None:
                self._unresolved(symbol, klass, "its __tablename__ is computed in a way this "
                                 "scanner does not follow")
            elif returns.kind == "call" and returns.chain[-1:] != ("lower",):
                self.catalog.diagnostics.append(Diagnostic(
                    Severity.INFO, "derived-table-name",
                    f"the table of {klass.name} is named by {'.'.join(returns.chain)}(); read "
                    f"as snake_case: {name}", symbol.path, klass.line))
            return name
        return None

    def _define(self, symbol: Symbol, klass: PyClass, name: str, schema: str,
                flavour: str | None) -> TableKey:
        key = TableKey(schema, name)
        self.catalog.defined.append(TableDef(key, symbol, klass.line,
                                             f"{flavour or 'sqlalchemy'}.model"))
        return key

    def _unresolved(self, symbol: Symbol, klass: PyClass, why: str) -> None:
        self.catalog.diagnostics.append(Diagnostic(
            Severity.WARNING, UNRESOLVED,
            f"model {klass.name}: table name cannot be resolved ({why}); it is not counted",
            symbol.path, klass.line))

    def _tables(self) -> None:
        """``name = Table("name", metadata, …)`` with SQLAlchemy's Table."""
        for path, facts in sorted(self.program.facts.items()):
            for assign in facts.assigns:
                value = assign.value
                if value.kind != "call" or not value.chain or value.chain[-1] != "Table":
                    continue
                if not self._is_sqla_table(path, value.chain):
                    continue
                symbol = Symbol(path, assign.name)
                if not value.args or value.args[0].kind != "str":
                    self.catalog.diagnostics.append(Diagnostic(
                        Severity.WARNING, UNRESOLVED,
                        f"Table assigned to {assign.name}: its name is not a string literal; "
                        "it is not counted", path, assign.line))
                    continue
                key = TableKey(_table_schema(value), value.args[0].text)
                self.catalog.defined.append(TableDef(key, symbol, assign.line,
                                                     "sqlalchemy.table"))
                self.catalog.by_symbol[symbol] = key

    def _is_sqla_table(self, path: str, chain: tuple[str, ...]) -> bool:
        found = self.program.resolver.chain(path, chain)
        if found is None:
            return False
        if found.external is not None:
            return found.external.startswith("sqlalchemy")
        if found.symbol is not None and found.rest == ("Table",):
            return self._factory(found.symbol) in FSA_FACTORIES
        return False


def build_catalog(classes: ClassIndex, migrations: frozenset[str] = frozenset()) -> SqlaCatalog:
    """Every table the code defines. A class or ``Table`` written inside a migration (a data
    migration's own lightweight mapping) maps its uses there, but is not the schema."""
    catalog = _Builder(classes).build()
    catalog.defined = [d for d in catalog.defined if d.symbol.path not in migrations]
    catalog.diagnostics = [d for d in catalog.diagnostics if d.path not in migrations]
    return catalog


def _derived_name(returns: Val, class_name: str) -> str | None:
    if returns.kind == "name" and returns.chain[-1:] == ("__name__",):
        return class_name
    if returns.kind == "call" and returns.chain[-2:] == ("__name__", "lower"):
        return class_name.lower()
    if returns.kind == "call" and any(a.kind == "name" and a.chain[-1:] == ("__name__",)
                                      for a in returns.args):
        return snake_case(class_name)
    return None


def _is_true(value: Val | None) -> bool:
    return value is not None and value.kind == "const" and value.text == "True"


def _is_base(klass: PyClass, ancestry: Ancestry) -> bool:
    """``class Base(db.Model): __abstract__``-less helpers with no columns are bases, not
    tables: a Flask-SQLAlchemy model has at least one column of its own or inherited."""
    return not _has_columns(klass) and not ancestry.classes


def _has_columns(klass: PyClass) -> bool:
    return any(v.kind == "call" and v.chain and v.chain[-1] in ("Column", "mapped_column")
               for _, v in klass.attrs)


def _has_primary_key(klass: PyClass) -> bool:
    for _, value in klass.attrs:
        if value.kind == "call" and _is_true(value.keyword("primary_key")):
            return True
    return False


def _schema(table_args: Val | None) -> str:
    if table_args is None:
        return DEFAULT_SCHEMA
    if table_args.kind == "seq" and table_args.args:
        table_args = table_args.args[-1]
    schema = table_args.keyword("schema") if table_args.kind == "dict" else None
    return schema.text if schema is not None and schema.kind == "str" else DEFAULT_SCHEMA


def _table_schema(call: Val) -> str:
    schema = call.keyword("schema")
    return schema.text if schema is not None and schema.kind == "str" else DEFAULT_SCHEMA
