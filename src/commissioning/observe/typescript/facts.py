"""What one TypeScript/JavaScript file says, as frozen values: the only thing kept after parsing.

A syntax tree of every file would not fit in memory for a large venture, so each file is reduced
to these facts at once and its tree dropped. Everything downstream (module resolution, roles,
reach) works from facts alone, which also makes it testable without tree-sitter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
# Set by the supabase profile (not the parser) on an edge function the database invokes.
SIG_DB_INVOKED = "supabase:invoked_by_database"
STRUCTURAL_SIGNALS = frozenset({
    SIG_USE_SERVER, SIG_USE_CLIENT, SIG_TRPC_ROUTER, SIG_JSX_FORM, SIG_JSX_ACTION,
    SIG_JSX_ON_SUBMIT, SIG_DB_INVOKED,
})


@dataclass(frozen=True, slots=True)
class TableDef:
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
class TableFactory:
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
class Binding:
    """One name an import brings in: ``imported`` is the exported name, ``"default"``, or ``"*"``
    for a namespace; ``local`` is the name it has in this file."""

    imported: str
    local: str


@dataclass(frozen=True, slots=True)
class ImportFact:
    """An import edge. ``type_only`` imports are kept for completeness but are never edges."""

    specifier: str
    line: int
    kind: ImportKind = "static"
    bindings: tuple[Binding, ...] = ()
    type_only: bool = False


@dataclass(frozen=True, slots=True)
class ReExport:
    """``export {imported as exported} from``; ``imported == "*"`` with ``exported`` None is
    ``export * from``, with a name it is ``export * as name from``."""

    specifier: str
    line: int
    imported: str
    exported: str | None
    type_only: bool = False


@dataclass(frozen=True, slots=True)
class AccessSite:
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
class UrlCall:
    """A URL literal passed to fetch/axios/page.goto/…; ``segments`` None entries are ``${…}``."""

    segments: tuple[str | None, ...]
    line: int
    callee: str
    url: str


@dataclass(frozen=True, slots=True)
class Signal:
    """A role signal seen in code: a structural name (``SIG_*``) or a literal substring."""

    name: str
    line: int


@dataclass(frozen=True, slots=True)
class FileFacts:
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

    def signal_line(self, name: str) -> int | None:
        lines = [s.line for s in self.signals if s.name == name]
        return min(lines) if lines else None

    def imported_specifiers(self) -> frozenset[str]:
        return frozenset(i.specifier for i in self.imports if not i.type_only)
