"""Routing: who owns the task of a gap, and why — or why nobody does.

Pure. The facts come in from outside: ``observe/codeowners.py`` reads the venture's CODEOWNERS
file and hands over, per path, the owners of the matching line; ``[routing]`` in
``commissioning.toml`` gives rules. Precedence: an explicit ``[[routing.rules]]`` entry (the
venture said so), then the CODEOWNERS entry of the table's schema file (the file that defines
the table, or for a table that is only an idea, the file that names it), then
``[routing] default``. A gap that none of them covers is unrouted, and the reason names what was
tried.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from commissioning.evidence import TableKey
from commissioning.tasks.model import Route


@dataclass(frozen=True, slots=True)
class OwnerFact:
    """The CODEOWNERS entry that covers one path (empty ``owners``: no line matches it)."""

    path: str
    owners: tuple[str, ...]
    file: str = "CODEOWNERS"
    line: int | None = None
    pattern: str | None = None


@dataclass(frozen=True, slots=True)
class RoutingRule:
    """``owner`` for tables whose name matches ``table`` and/or whose schema file matches
    ``path`` (fnmatch globs, ``*`` crosses ``/``; a rule with both needs both)."""

    owner: str
    table: str | None = None
    path: str | None = None

    def matches(self, table: TableKey, schema_path: str | None) -> bool:
        if self.table is None and self.path is None:
            return False
        if self.table is not None and not (fnmatchcase(table.name, self.table)
                                           or fnmatchcase(str(table), self.table)):
            return False
        return self.path is None or (schema_path is not None
                                     and fnmatchcase(schema_path, self.path))


@dataclass(frozen=True, slots=True)
class Routing:
    """Everything routing decides from: config rules, a default, and the CODEOWNERS facts."""

    rules: tuple[RoutingRule, ...] = ()
    default: str | None = None
    ownership: Mapping[str, OwnerFact] = field(default_factory=dict)
    codeowners_file: str | None = None  # None: the venture has no CODEOWNERS file


def route(table: TableKey, schema_path: str | None, routing: Routing) -> Route:
    """The owner of ``table``'s tasks, where the answer came from, or why there is none."""
    for number, rule in enumerate(routing.rules, start=1):
        if rule.matches(table, schema_path):
            what = " and ".join(part for part in (
                f"table '{rule.table}'" if rule.table else "",
                f"path '{rule.path}'" if rule.path else "") if part)
            return Route(rule.owner, f"[[routing.rules]] #{number} ({what})")
    fact = routing.ownership.get(schema_path) if schema_path else None
    if fact is not None and fact.owners:
        where = f"{fact.file}:{fact.line}" if fact.line else fact.file
        return Route(" ".join(fact.owners), f"{where} ({fact.pattern} covers {schema_path})")
    if routing.default:
        return Route(routing.default, "[routing] default")
    return Route(None, reason=_why_not(schema_path, routing, fact))


def _why_not(schema_path: str | None, routing: Routing, fact: OwnerFact | None) -> str:
    rules = (f"none of the {len(routing.rules)} [[routing.rules]] match"
             if routing.rules else "no [[routing.rules]] in commissioning.toml")
    if schema_path is None:
        owners = "the table has no schema file to look up in CODEOWNERS"
    elif routing.codeowners_file is None:
        owners = "the venture has no CODEOWNERS file"
    elif fact is not None and fact.line is not None:
        owners = (f"{fact.file}:{fact.line} ({fact.pattern}) covers {schema_path} "
                  "but names no owner")
    else:
        owners = f"no line of {routing.codeowners_file} covers {schema_path}"
    return f"no owner: {owners}; {rules}; no [routing] default"
