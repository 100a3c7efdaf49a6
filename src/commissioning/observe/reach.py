"""Which tables each file reaches through the file graph, by the shortest chain.

Computed once for every file, level by level (a table first reached at level k was reached by a
neighbour at level k-1), so asking about any role file afterwards costs nothing, and no search
is ever repeated per table. Each entry keeps only the next hop, so a chain is rebuilt by
following hops; ties between equally short chains go to the first in path order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from commissioning.evidence import Step

T = TypeVar("T", bound=Hashable)
Edges = Mapping[str, Sequence[tuple[str, int]]]  # file → (target file, line in file)


@dataclass(frozen=True, slots=True)
class _Entry:
    hops: int
    next: str | None  # None: the file accesses the table itself, at ``line``
    line: int
    order: tuple[tuple[str, ...], tuple[int, ...]]  # the chain's paths, then its lines


class Reach(Generic[T]):
    """Tables (any hashable key) reached from each file within ``max_hops`` edges."""

    def __init__(self, edges: Edges, direct: Mapping[str, Mapping[T, int]], max_hops: int) -> None:
        self._best: dict[str, dict[T, _Entry]] = {}
        frontier: dict[str, set[T]] = {}
        for path in sorted(direct):
            lines = direct[path]
            if lines:
                self._best[path] = {t: _Entry(0, None, line, ((), (line,)))
                                    for t, line in lines.items()}
                frontier[path] = set(lines)
        sources = sorted(edges)
        for hops in range(1, max_hops + 1):
            if not frontier:
                break
            frontier = self._level(hops, sources, edges, frontier)

    def _level(self, hops: int, sources: list[str], edges: Edges,
               frontier: dict[str, set[T]]) -> dict[str, set[T]]:
        added: dict[str, set[T]] = {}
        for path in sources:
            for target, line in edges[path]:
                fresh = frontier.get(target)
                if not fresh or target == path:
                    continue
                best = self._best.setdefault(path, {})
                new = added.setdefault(path, set())
                via = self._best[target]
                for table in fresh:
                    current = best.get(table)
                    if current is not None and table not in new:
                        continue
                    tail = via[table].order
                    entry = _Entry(hops, target, line, ((target, *tail[0]), (line, *tail[1])))
                    if current is None or entry.order < current.order:
                        best[table] = entry
                        new.add(table)
        return {p: s for p, s in added.items() if s}

    def tables(self, path: str) -> Mapping[T, int]:
        """Every table ``path`` reaches, with the number of hops."""
        return {t: e.hops for t, e in self._best.get(path, {}).items()}

    def chain(self, path: str, table: T) -> tuple[Step, ...]:
        """``path:line`` of each step from ``path`` to the access, which is the last step."""
        steps: list[Step] = []
        current: str | None = path
        while current is not None:
            entry = self._best[current][table]
            steps.append(Step(current, entry.line))
            current = entry.next
        return tuple(steps)


def within_hops(sources: Iterable[str], edges: Edges, max_hops: int) -> frozenset[str]:
    """Files reachable from any source in at most ``max_hops`` edges (sources included)."""
    seen = dict.fromkeys(sources, 0)
    queue = deque(seen)
    while queue:
        path = queue.popleft()
        depth = seen[path]
        if depth >= max_hops:
            continue
        for target, _ in edges.get(path, ()):
            if target not in seen:
                seen[target] = depth + 1
                queue.append(target)
    return frozenset(seen)
