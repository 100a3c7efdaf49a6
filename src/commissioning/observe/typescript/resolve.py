"""Where an import lands, and where an exported name is really defined.

Module resolution follows what TypeScript and Next.js do for a venture's own files: relative
specifiers, ``tsconfig`` ``paths``/``baseUrl`` of the nearest config, workspace packages, the
extension search (``.js`` written for a ``.ts`` file included) and ``index`` files. Export
resolution follows ``export * from`` and ``export {a as b} from`` chains (cycles cut), so an
import through a barrel lands on the file that defines the name.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

from commissioning.observe.typescript.facts import FileFacts
from commissioning.observe.typescript.project import Package, PathConfig, dirname, join

EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_JS_TO_TS = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}

_MAX_ALIASES = 8
Origin = tuple[str, str]  # (file, local name there); name "*" is the module's namespace
EXTERNAL = "package:"  # an Origin "file" outside the venture: "package:drizzle-orm/pg-core"


def external(specifier: str) -> str | None:
    """The origin file for a package import (never a relative one that failed to resolve)."""
    return None if specifier.startswith((".", "/")) else EXTERNAL + specifier


class ModuleResolver:
    """Specifier → venture file, or None for packages outside the venture (and misses)."""

    def __init__(self, files: Iterable[str], configs: Mapping[str, PathConfig],
                 packages: Mapping[str, Package]) -> None:
        self._files = frozenset(files)
        self._configs = configs
        self._packages = sorted(packages.values(), key=lambda p: (-len(p.name), p.name))
        self._config_for_dir: dict[str, PathConfig | None] = {}
        self._cache: dict[tuple[str, str], str | None] = {}

    def resolve(self, importer: str, specifier: str) -> str | None:
        directory = dirname(importer)
        key = (directory, specifier)
        if key not in self._cache:
            self._cache[key] = self._resolve(directory, specifier)
        return self._cache[key]

    def _resolve(self, directory: str, specifier: str) -> str | None:
        if specifier.startswith((".", "/")):
            if specifier.startswith("/"):
                return None
            base = join(directory, specifier)
            return self.find_file(base) if base is not None else None
        config = self._config(directory)
        if config is not None:
            found = self._via_paths(config, specifier)
            if found is not None:
                return found
            if config.base_url is not None:
                base = join(config.base_url, specifier)
                found = self.find_file(base) if base is not None else None
                if found is not None:
                    return found
        return self._via_package(specifier)

    def _config(self, directory: str) -> PathConfig | None:
        if directory in self._config_for_dir:
            return self._config_for_dir[directory]
        found = self._configs.get(directory)
        if found is None and directory:
            found = self._config(dirname(directory))
        self._config_for_dir[directory] = found
        return found

    def _via_paths(self, config: PathConfig, specifier: str) -> str | None:
        """TypeScript's rule: an exact key first, else the wildcard key with the longest prefix."""
        matches: list[tuple[int, tuple[str, ...], str]] = []
        for pattern, targets in config.paths:
            if "*" not in pattern:
                if pattern == specifier:
                    matches.append((len(pattern) + 1_000_000, targets, ""))
                continue
            prefix, _, suffix = pattern.partition("*")
            if specifier.startswith(prefix) and specifier.endswith(suffix) \
                    and len(specifier) >= len(prefix) + len(suffix):
                star = specifier[len(prefix):len(specifier) - len(suffix)]
                matches.append((len(prefix), targets, star))
        for _, targets, star in sorted(matches, key=lambda m: -m[0]):
            for target in targets:
                found = self.find_file(target.replace("*", star))
                if found is not None:
                    return found
        return None

    def _via_package(self, specifier: str) -> str | None:
        for package in self._packages:
            if specifier != package.name and not specifier.startswith(package.name + "/"):
                continue
            sub = "." + specifier[len(package.name):]
            for key, target in package.exports:
                star = _export_match(key, sub)
                if star is not None:
                    base = join(package.directory, target.replace("*", star))
                    found = self.find_file(base) if base is not None else None
                    if found is not None:
                        return found
            rest = sub[2:]
            for base in ((rest, f"src/{rest}") if rest else ("src/index", "index")):
                joined = join(package.directory, base)
                found = self.find_file(joined) if joined is not None else None
                if found is not None:
                    return found
            return None
        return None

    def find_file(self, base: str) -> str | None:
        """The file an extensionless (or ``.js``-for-``.ts``) path names, or its ``index``."""
        if base in self._files:
            return base
        stem, ext = posixpath.splitext(base)
        for replacement in _JS_TO_TS.get(ext, ()):
            if stem + replacement in self._files:
                return stem + replacement
        for candidate in EXTENSIONS:
            if base + candidate in self._files:
                return base + candidate
        prefix = f"{base}/index" if base else "index"
        for candidate in EXTENSIONS:
            if prefix + candidate in self._files:
                return prefix + candidate
        return None


def _export_match(key: str, sub: str) -> str | None:
    """The ``*`` part when an ``exports`` key matches a subpath ("" for an exact match)."""
    if "*" not in key:
        return "" if key == sub else None
    prefix, _, suffix = key.partition("*")
    if sub.startswith(prefix) and sub.endswith(suffix) and len(sub) >= len(prefix) + len(suffix):
        return sub[len(prefix):len(sub) - len(suffix)]
    return None


class ExportResolver:
    """Which file and local name an imported (or re-exported) name really is."""

    def __init__(self, facts: Mapping[str, FileFacts], modules: ModuleResolver) -> None:
        self._facts = facts
        self._modules = modules
        self._origins: dict[Origin, Origin | None] = {}
        # per module: the names each ``export *`` target can give (see _star_candidates)
        self._stars: dict[str, tuple[list[str], dict[str, list[int]], list[int]]] = {}
        self._names: dict[str, frozenset[str] | None] = {}

    def module(self, importer: str, specifier: str) -> str | None:
        return self._modules.resolve(importer, specifier)

    def binding(self, path: str, local: str, depth: int = 0) -> Origin | None:
        """What the name ``local`` means in ``path``: its own declaration or what it imports."""
        facts = self._facts.get(path)
        if facts is None:
            return None
        for imp in facts.imports:
            if imp.type_only:
                continue
            for b in imp.bindings:
                if b.local != local:
                    continue
                target = self.module(path, imp.specifier) or external(imp.specifier)
                if target is None:
                    return None
                return (target, "*") if b.imported == "*" else self.origin(target, b.imported)
        if any(t.symbol == local for t in facts.tables):
            return (path, local)
        if local in facts.declarations or any(a == local for a, _ in facts.aliases):
            target = next((b for a, b in facts.aliases if a == local), None)
            if target is not None and depth < _MAX_ALIASES:
                return self.binding(path, target, depth + 1) or (path, local)
            return (path, local)
        return None

    def member(self, origin: Origin, name: str) -> Origin | None:
        """``ns.name`` where ``origin`` is a module namespace."""
        path, local = origin
        return self.origin(path, name) if local == "*" else None

    def origin(self, path: str, name: str) -> Origin | None:
        key = (path, name)
        if key in self._origins:
            return self._origins[key]
        self._origins[key] = None  # cuts re-export cycles
        found = self._origin(path, name)
        self._origins[key] = found
        return found

    def _origin(self, path: str, name: str) -> Origin | None:
        if path.startswith(EXTERNAL):
            return (path, name)
        facts = self._facts.get(path)
        if facts is None:
            return None
        for exported, local in facts.local_exports:
            if exported == name:
                return self.binding(path, local) or (path, local)
        for re in facts.reexports:
            if re.exported == name and not re.type_only:
                target = self.module(path, re.specifier) or external(re.specifier)
                if target is None:
                    return None
                return (target, "*") if re.imported == "*" else self.origin(target, re.imported)
        found = self._through_star(path, facts, name) if name != "default" else None
        if found is not None:
            return found
        if name in facts.declarations:
            return (path, name)
        return None

    def _through_star(self, path: str, facts: FileFacts, name: str) -> Origin | None:
        """``export * from`` never re-exports ``default``; the first module that has it wins."""
        for target in self._star_candidates(path, facts, name):
            found = self.origin(target, name)
            if found is not None:
                return found
        return None

    def _star_candidates(self, path: str, facts: FileFacts, name: str) -> list[str]:
        """The ``export *`` targets that may give ``name``, in order. A barrel re-exporting a
        thousand schema files would otherwise try every one of them for every name imported
        through it (a cost growing with the square of the venture); each target's names are
        indexed once instead. A target whose names are not known for sure (a package, a
        re-export cycle) stays a candidate for every name, so the answer is the same."""
        index = self._stars.get(path)
        if index is None:
            targets = [t for re in facts.reexports if re.exported is None and not re.type_only
                       for t in (self.module(path, re.specifier),) if t is not None]
            by_name: dict[str, list[int]] = {}
            unknown: list[int] = []
            for position, target in enumerate(targets):
                names = self._exported_names(target, frozenset({path}))
                if names is None:
                    unknown.append(position)
                    continue
                for exported in names:
                    by_name.setdefault(exported, []).append(position)
            index = self._stars[path] = (targets, by_name, unknown)
        targets, by_name, unknown = index
        positions = by_name.get(name, [])
        if unknown:
            positions = sorted({*positions, *unknown})
        return [targets[p] for p in positions]

    def _exported_names(self, path: str, visiting: frozenset[str]) -> frozenset[str] | None:
        """Every name ``origin(path, name)`` can find (a superset is fine), or None if unknown."""
        if path in self._names:
            return self._names[path]
        if path.startswith(EXTERNAL) or path in visiting:
            return None  # a package exports anything; a cycle is not worth unwinding
        facts = self._facts.get(path)
        if facts is None:
            return frozenset()
        names = {exported for exported, _ in facts.local_exports}
        names |= {re.exported for re in facts.reexports if re.exported is not None}
        names |= facts.declarations
        for re in facts.reexports:
            if re.exported is None and not re.type_only:
                target = self.module(path, re.specifier)
                inner = self._exported_names(target, visiting | {path}) if target \
                    else frozenset()
                if inner is None:
                    return None  # not cached: may be known on another path
                names |= inner
        found = frozenset(names)
        self._names[path] = found
        return found
