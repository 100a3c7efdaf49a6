"""What one TypeScript/JavaScript file says, as frozen values: the only thing kept after parsing.

A syntax tree of every file would not fit in memory for a large venture, so each file is reduced
to these facts at once and its tree dropped. Everything downstream (module resolution, roles,
reach) works from facts alone, which also makes it testable without tree-sitter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from commissioning.evidence.pickling import FastPickle

Builder = Literal["pgTable", "mysqlTable", "sqliteTable"]
AccessBy = Literal["symbol", "query", "name", "prisma"]
ImportKind = Literal["static", "dynamic", "require"]

# Structural role signals the parser recognises (anything else is a literal substring).
SIG_USE_SERVER = "directive:use server"
SIG_USE_CLIENT = "directive:use client"
SIG_TRPC_ROUTER = "trpc:router"
SIG_JSX_FORM = "jsx:form"
SIG_JSX_ACTION = "jsx:action"
SIG_JSX_ON_SUBMIT = "jsx:onSubmit"
# The code reads an API key or bearer token: ``headers.get("authorization")``,
# ``req.headers["x-api-key"]`` (a machine client's credential, not a browser session's).
SIG_API_KEY = "http:reads_api_key"
# An OpenAPI operation: a tRPC procedure's ``.meta({ openapi: … })``; and a module importing an
# OpenAPI library (``@hono/zod-openapi``, ``next-openapi-route-handler``…).
SIG_OPENAPI_META = "openapi:meta"
SIG_OPENAPI_IMPORT = "openapi:import"
# A tRPC procedure: ``xProcedure….query(…)`` / ``.mutation(…)`` outside a router call too.
SIG_TRPC_PROCEDURE = "trpc:procedure"
# Set by the supabase profile (not the parser) on an edge function the database invokes.
SIG_DB_INVOKED = "supabase:invoked_by_database"
# Set by role assignment (not the parser) on an endpoint the app's own UI calls, and on a
# Remix / React Router route module that renders a page or exports an ``action``.
SIG_UI_CALLED = "app:called_by_ui"
SIG_ROUTE_PAGE = "route:page"
SIG_ROUTE_ACTION = "route:action"
STRUCTURAL_SIGNALS = frozenset({
    SIG_USE_SERVER, SIG_USE_CLIENT, SIG_TRPC_ROUTER, SIG_JSX_FORM, SIG_JSX_ACTION,
    SIG_JSX_ON_SUBMIT, SIG_DB_INVOKED, SIG_API_KEY, SIG_OPENAPI_META, SIG_OPENAPI_IMPORT,
    SIG_TRPC_PROCEDURE, SIG_UI_CALLED, SIG_ROUTE_PAGE, SIG_ROUTE_ACTION,
})


@dataclass(frozen=True, slots=True)
class TableDef(FastPickle):
    """A table definition call.

    ``builder`` is set when the call is a Drizzle builder (or an inline ``pgSchema("s").table``);
    otherwise ``factory`` names a local or imported symbol (a ``pgSchema`` object used as
    ``S.table(…)`` when ``method``, or a ``pgTableCreator`` result called directly) that the
    profile resolves across files. ``schema`` None means the builder's default schema.
    """

    name: str
    line: int
    symbol: str | None
    builder: Builder | None = None
    schema: str | None = None
    factory: str | None = None
    method: bool = False


@dataclass(frozen=True, slots=True)
class TableFactory(FastPickle):
    """A symbol that makes tables: ``S = pgSchema("s")`` or ``t = pgTableCreator((n) => `p_${n}`)``.

    ``method`` is True for schema objects (used as ``S.table``), False for creators (called).
    """

    symbol: str
    builder: Builder
    line: int
    schema: str | None = None
    prefix: str = ""
    suffix: str = ""
    method: bool = True


@dataclass(frozen=True, slots=True)
class Binding(FastPickle):
    """One name an import brings in: ``imported`` is the exported name, ``"default"``, or ``"*"``
    for a namespace; ``local`` is the name it has in this file."""

    imported: str
    local: str


@dataclass(frozen=True, slots=True)
class ImportFact(FastPickle):
    """An import edge. ``type_only`` imports are kept for completeness but are never edges."""

    specifier: str
    line: int
    kind: ImportKind = "static"
    bindings: tuple[Binding, ...] = ()
    type_only: bool = False


@dataclass(frozen=True, slots=True)
class ReExport(FastPickle):
    """``export {imported as exported} from``; ``imported == "*"`` with ``exported`` None is
    ``export * from``, with a name it is ``export * as name from``."""

    specifier: str
    line: int
    imported: str
    exported: str | None
    type_only: bool = False


@dataclass(frozen=True, slots=True)
class AccessSite(FastPickle):
    """A data-access operation. ``ref`` is the dotted identifier naming the table (``by`` symbol),
    the relational-query key (``by`` query), the database name in a supabase ``.from('t')``
    (``by`` name, with ``schema`` when the call chain has ``.schema('s')``), or a Prisma model
    delegate ``client….accessor`` (``by`` prisma: ``ctx.db.userProfile`` → ("ctx", "db",
    "userProfile")). ``client`` is True when the file itself shows the receiver is a Prisma
    client (a ``$transaction`` callback's parameter, a parameter typed ``PrismaClient``).
    ``path`` is a Prisma nested read or write: the relation fields from the delegate's model
    (``include: { posts: { include: { tags: true } } }`` → ("posts", "tags"))."""

    ref: tuple[str, ...]
    by: AccessBy
    op: str
    write: bool
    line: int
    schema: str | None = None
    client: bool = False
    path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UrlCall(FastPickle):
    """A URL literal passed to fetch/axios/page.goto/…; ``segments`` None entries are ``${…}``.
    ``callee`` "" is a bare literal (``useChat({ api: "/api/chat" })``), which only an API route
    handler can answer, never a page."""

    segments: tuple[str | None, ...]
    line: int
    callee: str
    url: str


@dataclass(frozen=True, slots=True)
class Signal(FastPickle):
    """A role signal seen in code: a structural name (``SIG_*``) or a literal substring."""

    name: str
    line: int


REGISTRY_SIZE = 8


@dataclass(frozen=True, slots=True)
class Definition(FastPickle):
    """A top-level declaration: the ``names`` it binds (several for ``const {a, b} = …``;
    ``"default"`` for ``export default <expression>``), its first and last line, and the
    file-level names its code uses: import locals, other top-level declarations, and
    ``ns.member`` for a member of a namespace import (``import * as q`` then ``q.getUser``).
    Reach goes from a use of an imported name to the definition behind it, not to its file.
    A ``registry`` lists ``REGISTRY_SIZE`` or more imported names as array elements or object
    values (``new JobClient([A_JOB, B_JOB, …])``, ``router({ a: aRouter, b: bRouter, … })``):
    code that uses it (``jobs.triggerJob({ name: "seal-document" })``) runs one of them, not all,
    so reach does not go through it."""

    names: tuple[str, ...]
    line: int
    end_line: int
    uses: frozenset[str] = frozenset()
    registry: bool = False  # lists many imported definitions: a job client, a root router


@dataclass(frozen=True, slots=True)
class Procedure(FastPickle):
    """An entry of a tRPC router call in the top-level definition ``router``: ``path`` is its
    keys (``{ organisation: { email: { find: x } } }`` → ("organisation", "email", "find")).
    ``ref`` is the identifier it names (a sub-router or a procedure defined elsewhere);
    otherwise the procedure is written inline on lines ``line``..``end_line`` and its code uses
    the file-level names ``uses`` (as ``Definition.uses``)."""

    router: str
    path: tuple[str, ...]
    line: int
    end_line: int
    ref: str | None = None
    uses: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return ".".join((self.router, *self.path))

    def as_definition(self) -> Definition:
        return Definition((self.name,), self.line, self.end_line, self.uses)


@dataclass(frozen=True, slots=True)
class RpcCall(FastPickle):
    """A tRPC client call: the dotted chain before the method (``trpc.team.find.useQuery`` →
    ("trpc", "team", "find"))."""

    chain: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class FileFacts(FastPickle):
    path: str
    tables: tuple[TableDef, ...] = ()
    factories: tuple[TableFactory, ...] = ()
    imports: tuple[ImportFact, ...] = ()
    reexports: tuple[ReExport, ...] = ()
    local_exports: tuple[tuple[str, str], ...] = ()  # (exported name, local name)
    declarations: frozenset[str] = frozenset()  # top-level names declared in this file
    aliases: tuple[tuple[str, str], ...] = ()  # (name, name it stands for): const a = b, alias(b)
    accesses: tuple[AccessSite, ...] = ()
    urls: tuple[UrlCall, ...] = ()
    signals: tuple[Signal, ...] = ()
    error_line: int | None = None
    # (edge function name, line): supabase ``functions.invoke("x")`` or a "/functions/v1/x" URL
    functions: tuple[tuple[str, int], ...] = ()
    definitions: tuple[Definition, ...] = ()  # top-level declarations, in line order
    procedures: tuple[Procedure, ...] = ()  # tRPC router entries
    rpc_calls: tuple[RpcCall, ...] = ()  # tRPC client calls

    def procedure_at(self, line: int) -> Procedure | None:
        """The inline tRPC procedure whose lines hold ``line``."""
        for procedure in self.procedures:
            if procedure.ref is None and procedure.line <= line <= procedure.end_line:
                return procedure
        return None

    def definition_at(self, line: int) -> Definition | None:
        """The top-level declaration whose lines hold ``line`` (the first, on a shared line)."""
        for definition in self.definitions:
            if definition.line <= line <= definition.end_line:
                return definition
            if definition.line > line:
                return None
        return None

    def definition_named(self, name: str) -> Definition | None:
        return next((d for d in self.definitions if name in d.names), None)

    def signal_line(self, name: str) -> int | None:
        lines = [s.line for s in self.signals if s.name == name]
        return min(lines) if lines else None

    def imported_specifiers(self) -> frozenset[str]:
        return frozenset(i.specifier for i in self.imports if not i.type_only)
