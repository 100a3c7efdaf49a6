"""The contract every stack profile meets: one pure entry point over a read-only SourceTree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, TableInfo, Unknown
from commissioning.observe.roles import Rule
from commissioning.observe.source_tree import SourceTree


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
        """Raises ``drizzle_delta.FullScanNeeded`` (saying why) when it cannot."""
        ...
