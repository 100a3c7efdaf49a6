"""What a name written in one file stands for: a class/function/variable of some venture file,
a venture module, or a dotted name outside the venture (``django.db.models.Model``).

Imports are followed through re-exports (``from .models import Order`` in a package's
``__init__.py``) and star imports, as Python binds them; a cycle or a chain deeper than
``MAX_DEPTH`` ends the search rather than the scan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from commissioning.observe.python.facts import PyFileFacts, PyImport
from commissioning.observe.python.modules import ModuleIndex

MAX_DEPTH = 24


@dataclass(frozen=True, slots=True, order=True)
class Symbol:
    """A top-level name defined in a venture file."""

    path: str
    name: str


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a dotted chain's head stands for; ``rest`` is the part of the chain after it."""

    symbol: Symbol | None = None
    module: str | None = None  # a module key
    external: str | None = None  # a dotted name outside the venture
    rest: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Binding:
    kind: Literal["local", "module", "from", "external"]
    target: str = ""  # module key (module/from) or dotted name (external)
    name: str = ""  # the imported name (from)


class Resolver:
    def __init__(self, facts: Mapping[str, PyFileFacts], index: ModuleIndex) -> None:
        self.facts = facts
        self.index = index
        self._bindings: dict[str, tuple[dict[str, _Binding], tuple[str, ...]]] = {}
        self._names: dict[tuple[str, str], Resolved | None] = {}

    def import_module(self, path: str, imp: PyImport) -> str | None:
        """The module key an import statement names (``from m import …`` → m)."""
        if imp.level:
            return self.index.relative(path, imp.module, imp.level)
        module = imp.target if imp.target is not None else imp.module
        return self.index.find(module, path) if module else None

    def chain(self, path: str, chain: tuple[str, ...]) -> Resolved | None:
        """Resolve a dotted chain as written in ``path``."""
        if not chain:
            return None
        bindings, _ = self._file(path)
        binding = bindings.get(chain[0])
        if binding is None:
            found = self._star(path, chain[0], 0)
        else:
            found = self._bound(path, chain[0], binding, 0)
        return None if found is None else self._descend(found, chain[1:], path)

    def name_in(self, key: str, name: str) -> Resolved | None:
        """What ``name`` is in module ``key`` (an attribute or a submodule)."""
        return self._name(key, name, 0)

    def _descend(self, found: Resolved, rest: tuple[str, ...], near: str) -> Resolved:
        while rest:
            if found.module is not None:
                inner = self._name(found.module, rest[0], 0)
                if inner is None:
                    return Resolved(module=found.module, rest=rest)
                found, rest = inner, rest[1:]
            elif found.external is not None:
                found, rest = Resolved(external=f"{found.external}.{rest[0]}"), rest[1:]
            else:
                return Resolved(symbol=found.symbol, rest=rest)
        return found

    def _name(self, key: str, name: str, depth: int) -> Resolved | None:
        cache_key = (key, name)
        if cache_key in self._names:
            return self._names[cache_key]
        if depth > MAX_DEPTH:
            return None
        self._names[cache_key] = None  # a cycle ends here
        found: Resolved | None = None
        bindings, _ = self._file(key)
        binding = bindings.get(name)
        if binding is not None:
            found = self._bound(key, name, binding, depth + 1)
        if found is None:
            child = self.index.child(key, name)
            found = Resolved(module=child) if child is not None else None
        if found is None:
            found = self._star(key, name, depth + 1)
        self._names[cache_key] = found
        return found

    def _bound(self, path: str, name: str, binding: _Binding, depth: int) -> Resolved | None:
        if binding.kind == "local":
            return Resolved(symbol=Symbol(path, name))
        if binding.kind == "module":
            return Resolved(module=binding.target)
        if binding.kind == "external":
            return Resolved(external=binding.target)
        return self._name(binding.target, binding.name, depth)

    def _star(self, path: str, name: str, depth: int) -> Resolved | None:
        _, stars = self._file(path)
        for module in stars:
            found = self._name(module, name, depth)
            if found is not None:
                return found
        return None

    def _file(self, path: str) -> tuple[dict[str, _Binding], tuple[str, ...]]:
        cached = self._bindings.get(path)
        if cached is None:
            cached = self._bind(path)
            self._bindings[path] = cached
        return cached

    def _plain_import(self, path: str, imp: PyImport,
                      module: str | None) -> tuple[str, _Binding]:
        """``import a.b`` binds ``a``; ``import a.b as c`` binds ``c`` to ``a.b``."""
        local = imp.local or imp.module
        target = imp.target or imp.module
        if "." in target and local == target.split(".")[0]:
            head, key = local, self.index.find(local, path)
        else:
            head, key = target, module
        return local, _Binding("module", key) if key is not None else _Binding("external", head)

    def _bind(self, path: str) -> tuple[dict[str, _Binding], tuple[str, ...]]:
        facts = self.facts.get(path)
        if facts is None:
            return {}, ()
        bindings: dict[str, _Binding] = {}
        stars: list[str] = []
        for imp in facts.imports:
            module = self.import_module(path, imp)
            if not imp.names:
                local, binding = self._plain_import(path, imp, module)
                bindings[local] = binding
                continue
            for name, local in imp.names:
                if name == "*":
                    if module is not None:
                        stars.append(module)
                elif module is not None:
                    bindings[local] = _Binding("from", module, name)
                else:
                    prefix = "." * imp.level + imp.module
                    bindings[local] = _Binding("external", f"{prefix}.{name}" if prefix else name)
        defined = _Binding("local")
        bindings.update((k.name, defined) for k in facts.classes if not k.nested)
        bindings.update((f.name, defined) for f in facts.functions if f.qualname == f.name)
        for assign in facts.assigns:
            bindings.setdefault(assign.name, defined)
        return bindings, tuple(stars)
