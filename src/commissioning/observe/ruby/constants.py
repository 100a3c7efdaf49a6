"""Which file defines a constant: the graph Rails' autoloading implies instead of imports.

Rails (Zeitwerk) loads ``Billing::Invoice`` from ``app/<anything>/billing/invoice.rb``; a file
that names the constant depends on that file. The index is built from the definitions the
files really contain, so ``lib/`` code and apps with their own autoload paths resolve too:

* a constant's *owner* is the file whose path is its Zeitwerk name (``billing/invoice.rb``),
  else the only file defining it as a class, else the only file defining it at all;
* a module reopened in many files (``module Billing`` around each class) has no single owner
  unless one file is named for it: references to it are no edge, which keeps one namespace
  from linking every file under it;
* a reference resolves to the first of its candidate names (innermost nesting first, as Ruby
  looks it up) that some file defines; ``Order::STATUSES`` falls back to ``Order``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from commissioning.observe.ruby.facts import ConstRef, Definition, RubyFacts
from commissioning.observe.ruby.inflect import Inflector


@dataclass(frozen=True, slots=True)
class Resolved:
    """A reference resolved: the constant's name, and whether the reference named it itself
    (False when only a prefix resolved: ``Order`` in ``Order::STATUSES``)."""

    name: str
    exact: bool


class ConstantIndex:
    """Every class and module the program defines, and the file that owns each."""

    def __init__(self, facts: Mapping[str, RubyFacts],
                 inflector: Inflector | None = None) -> None:
        self.inflector = inflector or Inflector.default()
        self.definitions: dict[str, list[tuple[str, Definition]]] = {}
        for path in sorted(facts):
            for d in facts[path].definitions:
                self.definitions.setdefault(d.name, []).append((path, d))
        self._owner = {name: owner for name, defs in self.definitions.items()
                       if (owner := _owner(name, defs, self.inflector)) is not None}

    def resolve(self, ref: ConstRef) -> Resolved | None:
        for name in ref.candidates:
            if name in self.definitions:
                return Resolved(name, exact=True)
        for name in ref.candidates:
            parts = name.split("::")
            for end in range(len(parts) - 1, 0, -1):
                prefix = "::".join(parts[:end])
                if prefix in self.definitions:
                    return Resolved(prefix, exact=False)
        return None

    def resolve_name(self, candidates: Iterable[str]) -> str | None:
        return next((n for n in candidates if n in self.definitions), None)

    def owner(self, name: str) -> str | None:
        """The file that defines ``name`` (None for a namespace reopened everywhere)."""
        return self._owner.get(name)

    def classes(self) -> Iterable[tuple[str, str, Definition]]:
        """(name, path, definition) of every class definition, in name then path order."""
        for name in sorted(self.definitions):
            for path, d in self.definitions[name]:
                if d.kind == "class":
                    yield name, path, d


def zeitwerk_match(path: str, name: str, inflector: Inflector) -> bool:
    """Whether ``path`` is where Zeitwerk would look for ``name`` (any autoload root)."""
    stem = path.rsplit(".", 1)[0] if posixpath.basename(path).count(".") else path
    expected = inflector.underscore(name)
    return stem == expected or stem.endswith("/" + expected)


def _owner(name: str, defs: list[tuple[str, Definition]], inflector: Inflector) -> str | None:
    paths = sorted({p for p, _ in defs})
    named = [p for p in paths if zeitwerk_match(p, name, inflector)]
    if named:
        return min(named, key=lambda p: (p.count("/"), p))
    classes = sorted({p for p, d in defs if d.kind == "class"})
    if len(classes) == 1:
        return classes[0]
    if len(paths) == 1:
        return paths[0]
    return None
