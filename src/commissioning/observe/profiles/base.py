"""The contract every stack profile meets: one pure entry point over a read-only SourceTree."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, TableInfo, Unknown
from commissioning.observe.roles import Rule
from commissioning.observe.source_tree import SourceTree

F = TypeVar("F")


@dataclass(frozen=True, slots=True)
class ProfileResult:
    """What one profile observed. The scanner merges results of every active profile."""

    tables: tuple[TableInfo, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    detectors: tuple[tuple[str, str], ...] = field(default=())  # (detector name, version)
    components: tuple[str, ...] = ()  # stacks seen, e.g. ("drizzle", "nextjs", "supabase")


class Profile(Protocol):
    """A stack profile. ``name`` is what commissioning.toml's ``venture.profiles`` lists;
    ``rules`` are its default role rules (``[roles.<kind>]`` overrides them), which
    ``commission init`` spells out so a venture can see what decides a role."""

    name: str
    version: str
    rules: tuple[Rule, ...]

    def detect(self, tree: SourceTree) -> bool:
        """Whether this stack is present in the tree (used when profiles are not configured)."""
        ...

    def observe(
        self,
        tree: SourceTree,
        config: VentureConfig,
        progress: Callable[[int, int], None] | None = None,
    ) -> ProfileResult:
        """Every table and every piece of static evidence this stack shows. Reads only ``tree``.

        ``progress`` (files done, files total) lets a surface show a bar on large ventures.
        """
        ...


class Ticker:
    """Counts files done against a total known up front, for a progress bar: the one
    ``progress(done, total)`` feed every profile uses."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None) -> None:
        self.total = total
        self.done = 0
        self._progress = progress

    def __call__(self) -> None:
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total)


@runtime_checkable
class IncrementalProfile(Protocol):
    """A profile that keeps a state from its full scan and can bring it up to date when some
    of the files it parses changed (``observe.incremental``)."""

    name: str

    def observe_with_state(self, tree: SourceTree, config: VentureConfig,
                           progress: Callable[[int, int], None] | None = None,
                           ) -> tuple[ProfileResult, Any]:
        ...

    def apply_changes(self, state: Any, tree: SourceTree, config: VentureConfig,
                      facts: Any, old_facts: Any, notes: Any,
                      previous: Iterable[Evidence]) -> tuple[ProfileResult, Any]:
        """Raises :class:`FullScanNeeded` (saying why) when it cannot."""
        ...


class FullScanNeeded(Exception):  # noqa: N818 - a signal, not an error: it says why
    """A change reaches further than an incremental rescan follows: the message says how."""


class FactsUnavailable(FullScanNeeded):
    """A file's facts are not in the cache any more."""


class LazyFacts(Mapping[str, F]):
    """Every code file's facts, unpickled from the cache when first asked for: a rescan reads
    the few files it redoes, not the venture. ``load`` raises :class:`FactsUnavailable`."""

    def __init__(self, paths: Collection[str], load: Callable[[str], F],
                 overrides: Mapping[str, F]) -> None:
        self._paths = paths
        self._load = load
        self._known: dict[str, F] = dict(overrides)

    def __getitem__(self, path: str) -> F:
        found = self._known.get(path)
        if found is None:
            if path not in self._paths:
                raise KeyError(path)
            found = self._known[path] = self._load(path)
        return found

    def __contains__(self, path: object) -> bool:
        return path in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)
