"""What one Python file says, as frozen values: the only thing kept after ``ast`` has read it.

A syntax tree of every module would not fit in memory for a large venture, so each file is
reduced to these facts at once and its tree dropped (as the TypeScript layer does). Module
resolution, table catalogues, access sites, roles and reach all work from facts alone, which
also lets them be tested without writing Python source.

Names are kept *as written* (``("models", "Model")``, ``("router", "get")``): which module or
class a name stands for is decided later, across files, by ``observe.python.modules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from commissioning.evidence.pickling import FastPickle

ValKind = Literal["str", "const", "name", "call", "fstr", "seq", "dict", "other"]

# Structural role signals the Python reader computes (anything else is a literal substring).
SIG_ROUTE = "python:route"  # an HTTP route handler: @app.get(...), @bp.route(...), Resource
SIG_API_ROUTE = "python:api_route"  # a route under /api, or an APIRouter/Blueprint there
SIG_RENDERS_PAGE = "python:renders_page"  # renders an HTML template / is a page view
SIG_TEST_CLIENT = "python:test_client"  # a test driving the app through a test client
SIG_JOB = "python:job"  # a job/worker/CLI command: @shared_task, @dramatiq.actor, @click.command
STRUCTURAL_SIGNALS = frozenset({SIG_ROUTE, SIG_API_ROUTE, SIG_RENDERS_PAGE, SIG_TEST_CLIENT,
                                SIG_JOB})

# Local names standing for a model looked up by name in a data migration (Django
# ``apps.get_model("shop", "Order")``) or a lightweight table (``sa.table("orders", …)``).
MODEL_ALIAS = "@model:"
TABLE_ALIAS = "@table:"


@dataclass(frozen=True, slots=True)
class Val(FastPickle):
    """An expression, reduced to what the detectors read from it.

    ``str``/``const``: ``text`` is the value (``True``, ``3``…). ``name``: ``chain`` is the dotted
    name. ``call``: ``chain`` is the callee, with ``args`` and ``keywords``. ``fstr``: an
    f-string or ``+`` concatenation, ``text`` with ``{}`` for each part that is not a literal.
    ``seq``: list/tuple items in ``args``. ``dict``: string-keyed items in ``keywords``.
    """

    kind: ValKind
    text: str = ""
    chain: tuple[str, ...] = ()
    args: tuple[Val, ...] = ()
    keywords: tuple[tuple[str, Val], ...] = ()
    line: int = 0

    def keyword(self, name: str) -> Val | None:
        for key, value in self.keywords:
            if key == name:
                return value
        return None

    @property
    def string(self) -> str | None:
        return self.text if self.kind == "str" else None


@dataclass(frozen=True, slots=True)
class PyImport(FastPickle):
    """``import a.b [as c]`` (``names`` empty; ``local`` is bound to module ``target``) or
    ``from [.]m import x [as y]`` (``names`` holds (x, y); ``("*", "*")`` for a star import).
    ``module`` is written without its leading dots; ``level`` counts them."""

    module: str
    level: int
    line: int
    names: tuple[tuple[str, str], ...] = ()
    local: str | None = None
    target: str | None = None


@dataclass(frozen=True, slots=True)
class PyDecorator(FastPickle):
    chain: tuple[str, ...]
    line: int
    called: bool = False
    args: tuple[Val, ...] = ()
    keywords: tuple[tuple[str, Val], ...] = ()


@dataclass(frozen=True, slots=True)
class PyFunction(FastPickle):
    name: str
    qualname: str
    line: int
    decorators: tuple[PyDecorator, ...] = ()
    owner: str | None = None  # the class's qualname for a method


@dataclass(frozen=True, slots=True)
class PyClass(FastPickle):
    """A class definition: bases, class keywords (``table=True``, ``model=User``), simple
    class-body assignments (``__tablename__``, ``objects = …``, ``model = …``), the attributes
    of a nested ``class Meta``, and the return value of a ``__tablename__`` method
    (SQLAlchemy ``@declared_attr``)."""

    name: str
    qualname: str
    line: int
    bases: tuple[Val, ...] = ()
    keywords: tuple[tuple[str, Val], ...] = ()
    attrs: tuple[tuple[str, Val], ...] = ()
    meta: tuple[tuple[str, Val], ...] = ()
    decorators: tuple[PyDecorator, ...] = ()
    methods: tuple[str, ...] = ()
    tablename_returns: Val | None = None
    nested: bool = False

    def attr(self, name: str) -> Val | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def meta_attr(self, name: str) -> Val | None:
        for key, value in self.meta:
            if key == name:
                return value
        return None

    def keyword(self, name: str) -> Val | None:
        for key, value in self.keywords:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class PyAssign(FastPickle):
    """A module-level ``name = value`` (also ``name += value`` for ``urlpatterns``)."""

    name: str
    value: Val
    line: int


@dataclass(frozen=True, slots=True)
class PyCall(FastPickle):
    """A call the detectors care about (``CALL_NAMES``), with its arguments. ``scope`` is the
    enclosing function's qualname ("" at module level); ``receiver`` the callee without its last
    name, so ``self.client.get`` has receiver ``("self", "client")``."""

    chain: tuple[str, ...]
    line: int
    args: tuple[Val, ...] = ()
    keywords: tuple[tuple[str, Val], ...] = ()
    scope: str = ""

    @property
    def name(self) -> str:
        return self.chain[-1] if self.chain else ""

    def keyword(self, name: str) -> Val | None:
        for key, value in self.keywords:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class PyUse(FastPickle):
    """A file-level name used in code (never in an annotation, an import or a string).

    ``chain`` is the dotted name as written (``Order.objects.filter``); ``called`` says the
    whole chain is called; ``context`` holds the last names of the calls whose arguments hold it,
    innermost first (``select``, ``query``); ``binding`` is the class attribute or class keyword
    it is assigned to (``model`` in ``class Meta: model = Order``). ``scope`` is the enclosing
    function's qualname.
    """

    chain: tuple[str, ...]
    line: int
    called: bool = False
    context: tuple[str, ...] = ()
    binding: str | None = None
    scope: str = ""


@dataclass(frozen=True, slots=True)
class PySignal(FastPickle):
    name: str
    line: int


@dataclass(frozen=True, slots=True)
class PyFileFacts(FastPickle):
    """Everything kept of one ``.py`` file. ``error_line`` is set when it did not parse; the
    file then has no other facts, and the parse error is a diagnostic."""

    path: str
    imports: tuple[PyImport, ...] = ()
    classes: tuple[PyClass, ...] = ()
    functions: tuple[PyFunction, ...] = ()
    assigns: tuple[PyAssign, ...] = ()
    calls: tuple[PyCall, ...] = ()
    uses: tuple[PyUse, ...] = ()
    signals: tuple[PySignal, ...] = ()
    scope_calls: tuple[tuple[str, frozenset[str]], ...] = ()  # scope → write-ish methods called
    hub: bool = False  # builds the app or aggregates its routers (nobody reaches *through* it)
    hub_scopes: tuple[str, ...] = ()  # the top-level definitions that do it (``create_app``)
    urls: tuple[tuple[str, int], ...] = ()  # a test's URL-like strings, as templates
    value_attrs: tuple[tuple[str, int, str], ...] = ()  # (attribute, line, scope) read on a
    # value: ``query.alerts`` (a relationship, when some model declares it)
    error_line: int | None = None

    def signal_line(self, name: str) -> int | None:
        lines = [s.line for s in self.signals if s.name == name]
        return min(lines) if lines else None

    def imported_specifiers(self) -> frozenset[str]:
        """Every imported module and each dotted prefix of it (``django``, ``django.test``),
        plus ``m.x`` for ``from m import x``: so ``import:django.test`` matches any of them."""
        out: set[str] = set()
        for imp in self.imports:
            if imp.level:
                continue
            parts = imp.module.split(".") if imp.module else []
            out.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
            out.update(f"{imp.module}.{name}" for name, _ in imp.names if name != "*")
        return frozenset(out)

    def calls_in(self, scope: str) -> frozenset[str]:
        for name, methods in self.scope_calls:
            if name == scope:
                return methods
        return frozenset()

    def assign(self, name: str) -> PyAssign | None:
        for assign in self.assigns:
            if assign.name == name:
                return assign
        return None
