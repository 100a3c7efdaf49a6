"""The evidence vocabulary: frozen, typed, hashable values that cross every layer.

Observers produce these, `assess` consumes them, the store and the surfaces render them. No ORM
object or loose dict ever stands in for one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from commissioning.evidence.pickling import FastPickle


class Kind(StrEnum):
    """An evidence kind: one per state of the table ladder (see machines/definitions/table.toml)."""

    IDEA = "idea"
    SCHEMA = "schema"
    MIGRATION = "migration"
    DATA = "data"
    REPOSITORY = "repository"
    SERVER_ACTIONS = "server_actions"
    CRUD_UI = "crud_ui"
    ETL = "etl"
    A2A_API = "a2a_api"
    E2E_TESTS = "e2e_tests"
    COMMISSIONED = "commissioned"


class Source(StrEnum):
    """Where a piece of evidence was observed."""

    REPO = "repo"
    DB = "db"
    REPORT = "report"
    ATTESTATION = "attestation"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, order=True)
class TableKey(FastPickle):
    """A table's identity: its schema and its database name (not the ORM symbol)."""

    schema: str
    name: str

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True, order=True)
class Step(FastPickle):
    """One hop of an import chain: the file and the line that leads to the next hop."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class TableInfo(FastPickle):
    """A table the scan knows of, and how code names it."""

    key: TableKey
    profile: str
    symbol: str | None = None

    def sort_key(self) -> tuple[str, str]:
        return (self.key.schema, self.key.name)


@dataclass(frozen=True, slots=True)
class Evidence(FastPickle):
    """One observed fact that proves (or, with ``holds=False``, fails to prove) a kind for a table.

    Repository evidence names ``path`` and a 1-based ``line``; live evidence names its ``source``
    and what was ``observed``. ``via`` is the import chain from the file with the role to the file
    that references the table, empty when the reference is direct.
    """

    table: TableKey
    kind: Kind
    detector: str
    source: Source = Source.REPO
    path: str | None = None
    line: int | None = None
    via: tuple[Step, ...] = ()
    observed: str = ""
    holds: bool = True

    def sort_key(self) -> tuple[object, ...]:
        """Kind and source are string enums: they order as their values, without the lookup
        (every snapshot sorts all its evidence by this)."""
        via = self.via
        return (
            self.table.schema, self.table.name, self.kind, len(via), self.source,
            self.path or "", self.line or 0, self.detector,
            tuple([(s.path, s.line) for s in via]) if via else (), self.observed,
            not self.holds,
        )

    @property
    def location(self) -> str:
        if self.path is None:
            return f"{self.source.value}: {self.observed}"
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True, slots=True)
class Unknown(FastPickle):
    """A kind that could not be decided because a source could not be read.

    ``table`` None means every table (a database that did not answer knows nothing of any).
    Unknown is never treated as missing: it opens no task.
    """

    kind: Kind
    reason: str
    table: TableKey | None = None

    def sort_key(self) -> tuple[str, str, str, str]:
        schema, name = (self.table.schema, self.table.name) if self.table else ("", "")
        return (schema, name, self.kind.value, self.reason)


@dataclass(frozen=True, slots=True)
class Diagnostic(FastPickle):
    """Something the scan noticed about its inputs: a skipped file, a parse error, a conflict."""

    severity: Severity
    code: str
    message: str
    path: str | None = None
    line: int | None = None

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.path or "", self.line or 0, self.code, self.severity.value, self.message)


LADDER_KINDS: tuple[Kind, ...] = tuple(Kind)
