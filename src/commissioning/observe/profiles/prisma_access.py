"""Prisma Client access sites resolved to tables, and the seed scripts Prisma runs.

A site ``X.accessor.op(…)`` (recorded by ``typescript.prisma_calls``) is access to a table when
the accessor is a model's delegate and ``X`` is a Prisma client, which holds when any of these
does:

* the file proves it (``X`` is a ``$transaction`` callback's parameter or a parameter typed
  ``PrismaClient``/``TransactionClient``);
* ``X`` is imported from, or declared in, a module that constructs the client
  (``new PrismaClient``), through re-exports and aliases (``export const db = prisma``);
* ``X``'s last name is a client's conventional name (``CLIENT_NAMES``: ``prisma``, ``db``,
  ``ctx.db``, ``ctx.prisma``, ``tx``, ``this.prisma``…); a client passed around untyped in
  JavaScript is otherwise invisible, and the accessor plus a Prisma-only operation name already
  make a stray match unlikely.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Mapping

from commissioning.evidence import TableKey
from commissioning.observe.code_nodes import nodes_at
from commissioning.observe.prisma import PrismaModel, PrismaSchema
from commissioning.observe.profiles.drizzle_access import AccessIndex, record_access
from commissioning.observe.profiles.javascript import shared_depth
from commissioning.observe.typescript.facts import AccessSite
from commissioning.observe.typescript.parser import is_code_file
from commissioning.observe.typescript.prisma_nested import LINKS
from commissioning.observe.typescript.program import Program
from commissioning.observe.typescript.project import loads_tolerant

NEW_CLIENT = "new PrismaClient"  # a literal signal: the module that constructs the client
PRISMA_ACCESS = "prisma.access"
CLIENT_NAMES = re.compile(r"(?i)^(?:.*prisma.*|.*db|tx|trx|transaction|client|database)$")


def index_prisma_accesses(program: Program, schema: PrismaSchema, out: AccessIndex) -> None:
    """Add the first Prisma access line of each (file, table) to ``out``."""
    tables = _Relations(schema)
    clients = frozenset(p for p, f in program.facts.items() if f.signal_line(NEW_CLIENT))
    for path in sorted(program.facts):
        sites = [s for s in program.facts[path].accesses if s.by == "prisma"]
        for site in sorted(sites, key=lambda s: s.line):
            candidates = tables.delegates.get(site.ref[-1])
            if not candidates or not _is_client(program, path, site, clients):
                continue
            model = max(sorted(candidates, key=lambda m: m.key),
                        key=lambda m: shared_depth(m.unit, path))
            nodes = nodes_at(path, program.facts[path], site.line)
            for table, write in tables.along(model, site):
                record_access(out, path, nodes, table, site, PRISMA_ACCESS, write)


class _Relations:
    """Models by delegate and by name, and the join table behind each many-to-many field."""

    def __init__(self, schema: PrismaSchema) -> None:
        self.delegates: dict[str, list[PrismaModel]] = {}
        self._models: dict[tuple[str, str], PrismaModel] = {}
        self._joins: dict[tuple[str, str, str], TableKey] = {}
        for model in schema.models:
            self._models[(model.unit, model.name)] = model
            if model.accessor is not None:
                self.delegates.setdefault(model.accessor, []).append(model)
        for join in schema.join_tables:
            for model_name, field in join.fields:
                self._joins[(join.unit, model_name, field)] = join.key

    def along(self, model: PrismaModel, site: AccessSite) -> list[tuple[TableKey, bool]]:
        """(table, written) for each table a site touches: the model's own, or the one at the
        end of a nested path, with the join table of a last many-to-many step (which a
        ``connect`` writes while only reading the related rows); none when a step of the path
        is not a relation field."""
        current = model
        join: TableKey | None = None
        for field in site.path:
            target = dict(current.relations).get(field)
            following = self._models.get((current.unit, target)) if target else None
            if following is None:
                return []
            join = self._joins.get((current.unit, current.name, field))
            current = following
        found = [(current.key, site.write)]
        if join is not None:
            found.insert(0, (join, site.write or site.op in LINKS))
        return found


def _is_client(program: Program, path: str, site: AccessSite, clients: frozenset[str]) -> bool:
    receiver = site.ref[:-1]
    if site.client or CLIENT_NAMES.match(receiver[-1]):
        return True
    if receiver[0] == "this" or len(receiver) > 1:
        return False
    origin = program.exports.binding(path, receiver[0])
    return origin is not None and origin[0] in clients


def seed_commands(package_texts: Mapping[str, str | None], files: frozenset[str]) -> list[str]:
    """The scripts named by ``"prisma": {"seed": "tsx prisma/seed.ts"}`` in any package.json."""
    found: list[str] = []
    for package, text in sorted(package_texts.items()):
        data = loads_tolerant(text) if text is not None else None
        settings = data.get("prisma") if isinstance(data, dict) else None
        command = settings.get("seed") if isinstance(settings, dict) else None
        if not isinstance(command, str):
            continue
        try:
            words = shlex.split(command)
        except ValueError:
            words = command.split()
        folder = posixpath.dirname(package)
        for word in words:
            target = posixpath.normpath(posixpath.join(folder, word))
            if is_code_file(word) and target in files:
                found.append(target)
    return found
