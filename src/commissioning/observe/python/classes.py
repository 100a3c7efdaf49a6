"""Class hierarchies across files: which classes a class derives from, resolved.

Both ORM profiles decide "is this a model?" from ancestry: a Django model derives, somewhere up
its chain, from ``django.db.models.Model``; a SQLAlchemy model from a declarative base (a
``declarative_base()`` variable, a ``DeclarativeBase`` subclass, ``db.Model``). Bases are
resolved through imports and re-exports; a base outside the venture is kept as its dotted name.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from commissioning.observe.python.facts import PyClass
from commissioning.observe.python.program import PyProgram
from commissioning.observe.python.resolve import Symbol

MAX_ANCESTORS = 64


@dataclass(frozen=True, slots=True)
class Ancestry:
    """Everything above a class: venture classes (nearest first), names outside the venture,
    and venture variables with the attribute taken from them (``db.Model`` → (db, ("Model",)))."""

    classes: tuple[Symbol, ...] = ()
    externals: frozenset[str] = frozenset()
    variables: tuple[tuple[Symbol, tuple[str, ...]], ...] = ()


@dataclass(slots=True)
class ClassIndex:
    program: PyProgram
    classes: dict[Symbol, PyClass] = field(default_factory=dict)
    _ancestry: dict[Symbol, Ancestry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for path, facts in sorted(self.program.facts.items()):
            for klass in facts.classes:
                if not klass.nested:
                    self.classes.setdefault(Symbol(path, klass.name), klass)

    def direct_bases(self, symbol: Symbol) -> list[Symbol | str | tuple[Symbol, tuple[str, ...]]]:
        klass = self.classes.get(symbol)
        if klass is None:
            return []
        out: list[Symbol | str | tuple[Symbol, tuple[str, ...]]] = []
        for base in klass.bases:
            if base.kind != "name":
                continue
            found = self.program.resolver.chain(symbol.path, base.chain)
            if found is None:
                out.append(".".join(base.chain))  # unresolved: keep as written
            elif found.external is not None:
                out.append(found.external)
            elif found.symbol is not None and not found.rest and found.symbol in self.classes:
                out.append(found.symbol)
            elif found.symbol is not None:
                out.append((found.symbol, found.rest))
        return out

    def ancestry(self, symbol: Symbol) -> Ancestry:
        cached = self._ancestry.get(symbol)
        if cached is not None:
            return cached
        classes: list[Symbol] = []
        externals: set[str] = set()
        variables: list[tuple[Symbol, tuple[str, ...]]] = []
        queue = deque(self.direct_bases(symbol))
        seen: set[Symbol] = {symbol}
        while queue and len(classes) < MAX_ANCESTORS:
            base = queue.popleft()
            if isinstance(base, str):
                externals.add(base)
            elif isinstance(base, tuple):
                variables.append(base)
            elif base not in seen:
                seen.add(base)
                classes.append(base)
                queue.extend(self.direct_bases(base))
        result = Ancestry(tuple(classes), frozenset(externals), tuple(variables))
        self._ancestry[symbol] = result
        return result
