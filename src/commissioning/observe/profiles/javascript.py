"""What the JavaScript/TypeScript app profiles share beside the TypeScript layer.

Every such profile reads a venture the same way: its code into a ``Program``, its migration and
seed SQL with ``read_sql``, the Next.js route table and the file graph, then role × reach. Only
where the tables come from differs (Drizzle calls, a Prisma schema, Supabase migrations), so the
steps around that live here: progress counting, matching SQL table names to known tables, the
migration/seed evidence, and the list of components seen.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence

from commissioning.evidence import Diagnostic, Evidence, Kind, TableKey
from commissioning.observe.profiles.drizzle_access import AccessIndex
from commissioning.observe.roles import RoleBook
from commissioning.observe.routes import RouteTable
from commissioning.observe.sql_files import SqlFindings
from commissioning.observe.typescript.facts import SIG_TRPC_ROUTER
from commissioning.observe.typescript.program import Program
from commissioning.observe.typescript.project import dependencies

Progress = Callable[[int, int], None]
NameIndex = dict[tuple[str, str], TableKey]
NEXT_CONFIGS = tuple(f"next.config.{e}" for e in ("js", "mjs", "ts", "cjs"))


def sql_paths(files: Sequence[str], book: RoleBook) -> tuple[list[str], list[str]]:
    """(migration SQL files, seed SQL files) by the role book's globs."""
    migrations = [f for f in files if f.endswith(".sql") and book.is_migration(f)]
    seeds = [f for f in files if f.endswith(".sql") and book.is_seed(f)]
    return migrations, seeds


def shared_depth(folder: str, path: str) -> int:
    """How many leading path parts two paths share: the nearest of several schemas or
    projects to a file is the one sharing the most."""
    count = 0
    for a, b in zip(folder.split("/"), path.split("/"), strict=False):
        if a != b:
            break
        count += 1
    return count


def name_key(key: TableKey) -> tuple[str, str]:
    """How SQL and supabase-js names are matched: schema and name, case-insensitively."""
    return (key.schema.lower(), key.name.lower())


def name_index(defined: Iterable[TableKey], created: Iterable[TableKey] = ()) -> NameIndex:
    """Tables defined in code first; then tables only the migrations create."""
    names: NameIndex = {}
    for key in defined:
        names.setdefault(name_key(key), key)
    for key in sorted(created):
        names.setdefault(name_key(key), key)
    return names


def sql_evidence(sql: SqlFindings, names: Mapping[tuple[str, str], TableKey],
                 schema_detector: str | None = None) -> list[Evidence]:
    """Migration evidence of each CREATE TABLE (also schema evidence under ``schema_detector``
    when the migrations are the schema source, as in SQL-first Supabase) and data evidence of
    each seed INSERT/COPY into a known table and of a migration's literal rows."""
    out: list[Evidence] = []
    for key, (path, line) in sql.created.items():
        table = names.get(name_key(key), key)
        out.append(Evidence(table, Kind.MIGRATION, "sql.create_table", path=path, line=line))
        if schema_detector is not None:
            out.append(Evidence(table, Kind.SCHEMA, schema_detector, path=path, line=line))
    for write in sql.seeds:
        seeded = names.get(name_key(write.table))
        if seeded is not None:
            out.append(Evidence(seeded, Kind.DATA, f"sql.{write.action}", path=write.path,
                                line=write.line))
    out += migration_rows(sql, names)
    return out


MIGRATION_ROWS = "sql.migration_rows"


def migration_rows(sql: SqlFindings, names: Mapping[tuple[str, str], TableKey]) -> list[Evidence]:
    """Data evidence of the literal rows a migration inserts (``INSERT … VALUES``: default plans,
    lookup values), as the Alembic and Django profiles count a data migration's inserts; a
    backfill (``INSERT … SELECT``) copies rows that are there already and is not."""
    out: list[Evidence] = []
    for write in sql.migration_rows:
        seeded = names.get(name_key(write.table))
        if seeded is not None:
            out.append(Evidence(seeded, Kind.DATA, MIGRATION_ROWS, path=write.path,
                                line=write.line))
    return out


def detectors(book: RoleBook, base: Iterable[str], version: str) -> tuple[tuple[str, str], ...]:
    names = set(base) | {d for d in book.detectors if d != "code.access"}
    return tuple((name, version) for name in sorted(names))


def sorted_diagnostics(*groups: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(sorted({d for group in groups for d in group}, key=Diagnostic.sort_key))


def route_table(files: Sequence[str], program: Program) -> RouteTable:
    """The app's routes, with each Remix route module told page or resource route by whether it
    has a default export."""
    def has_default(path: str) -> bool | None:
        own = program.facts.get(path)
        if own is None:
            return None
        return any(e == "default" for e, _ in own.local_exports) \
            or any(r.exported == "default" for r in own.reexports)
    return RouteTable.from_files(files, has_default)


def app_components(program: Program, routes: RouteTable, accesses: AccessIndex,
                   files: Sequence[str]) -> set[str]:
    """The app-side stacks seen: Next.js, Supabase, tRPC, Playwright, Cypress."""
    deps: set[str] = set()
    for text in program.package_texts.values():
        deps |= dependencies(text)
    basenames = {posixpath.basename(f) for f in files}
    seen: set[str] = set()
    if "next" in deps or routes.routes or basenames & set(NEXT_CONFIGS):
        seen.add("nextjs")
    if any(d.startswith("@supabase/") for d in deps) or accesses.by_name \
            or any(f.startswith("supabase/") or "/supabase/" in f for f in files):
        seen.add("supabase")
    if "@trpc/server" in deps or any(f.signal_line(SIG_TRPC_ROUTER) is not None
                                     for f in program.facts.values()):
        seen.add("trpc")
    for tool in ("playwright", "cypress"):
        if any(d == tool or d.startswith(f"@{tool}/") for d in deps):
            seen.add(tool)
    return seen
