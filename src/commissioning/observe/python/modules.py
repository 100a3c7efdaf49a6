"""Which file a dotted module name stands for, as Python's import system would find it.

A module is named from its package roots: the parent of the outermost folder of a chain of
folders with ``__init__.py``; and, for namespace packages and loose scripts, from the venture's
source roots (the repository root, ``src/``, folders holding ``pyproject.toml``, ``setup.py``,
``setup.cfg`` or ``manage.py``, and the package folders those files name). A module is keyed by
its file, or by ``folder/`` for a namespace package (a folder without ``__init__.py``).

A monorepo may hold two ``app`` packages: a name is then resolved to the candidate nearest the
importing file (longest shared folder prefix), which is the one its own interpreter would see.
"""

from __future__ import annotations

import configparser
import posixpath
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", "manage.py")


def is_python(path: str) -> bool:
    return path.endswith(".py")


@dataclass(frozen=True, slots=True)
class ModuleIndex:
    by_name: Mapping[str, tuple[str, ...]]  # dotted name → module keys
    names: Mapping[str, tuple[str, ...]]  # module key → its dotted names
    keys: frozenset[str]
    _children: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, files: Sequence[str], configs: Mapping[str, str | None]) -> ModuleIndex:
        py = [f for f in files if is_python(f)]
        packages = {posixpath.dirname(f) for f in py if posixpath.basename(f) == "__init__.py"}
        roots = source_roots(files, configs)
        by_name: dict[str, set[str]] = defaultdict(set)
        for path in py:
            for base in _bases(path, packages, roots):
                _register(by_name, path, base, packages)
        names: dict[str, set[str]] = defaultdict(set)
        for name, keys in by_name.items():
            for key in keys:
                names[key].add(name)
        return cls({n: tuple(sorted(k)) for n, k in by_name.items()},
                   {k: tuple(sorted(n, key=lambda x: (x.count("."), x))) for k, n in names.items()},
                   frozenset(names))

    def find(self, module: str, near: str) -> str | None:
        """The module key for an absolute dotted name, nearest to the importing file."""
        keys = self.by_name.get(module)
        if not keys:
            return None
        if len(keys) == 1:
            return keys[0]
        return max(keys, key=lambda k: (_shared(k, near), -len(k), k))

    def relative(self, path: str, module: str, level: int) -> str | None:
        """The module key a relative import (``from ..x import y``) names from ``path``."""
        folder = posixpath.dirname(path)
        for _ in range(level - 1):
            if not folder:
                return None
            folder = posixpath.dirname(folder)
        package = self.package(folder)
        if package is None or not module:
            return package
        return self.child(package, module)

    def package(self, folder: str) -> str | None:
        """The key of the package (or namespace package) that is ``folder``."""
        for key in (posixpath.join(folder, "__init__.py") if folder else "__init__.py",
                    folder + "/"):
            if key in self.keys:
                return key
        return None

    def child(self, key: str, dotted: str) -> str | None:
        """The submodule ``dotted`` of the package ``key``, if the venture has it."""
        cache = (key, dotted)
        if cache not in self._children:
            self._children[cache] = self._child(key, dotted)
        return self._children[cache]

    def _child(self, key: str, dotted: str) -> str | None:
        folder = key[:-1] if key.endswith("/") else posixpath.dirname(key)
        if not key.endswith("/") and posixpath.basename(key) != "__init__.py":
            return None  # a plain module has no submodules
        target = posixpath.join(folder, *dotted.split("."))
        for candidate in (target + ".py", target + "/__init__.py", target + "/"):
            if candidate in self.keys:
                return candidate
        return None

    def name_of(self, key: str) -> str | None:
        """The module's shortest dotted name (its package-based one, when it has one)."""
        names = self.names.get(key)
        return names[0] if names else None


def _shared(key: str, near: str) -> int:
    a, b = key.split("/"), near.split("/")
    count = 0
    for x, y in zip(a[:-1], b[:-1], strict=False):
        if x != y:
            break
        count += 1
    return count


def _bases(path: str, packages: set[str], roots: Iterable[str]) -> set[str]:
    """The folders a file's module name may be counted from."""
    folder = posixpath.dirname(path)
    top = folder
    while top in packages and top:
        top = posixpath.dirname(top)
    bases = {top}
    # A folder without __init__.py inside a package is a namespace portion of it
    # (app/__init__.py, app/routes/items.py → app.routes.items): count from above the
    # outermost package too.
    probe, outermost = folder, None
    while probe:
        if probe in packages:
            outermost = probe
        probe = posixpath.dirname(probe)
    if outermost is not None:
        bases.add(posixpath.dirname(outermost))
    for root in roots:
        if root == "" or top == root or top.startswith(root + "/"):
            bases.add(root)
    return bases


def _register(by_name: dict[str, set[str]], path: str, base: str, packages: set[str]) -> None:
    rel = path[len(base) + 1:] if base else path
    parts = rel[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(p.isidentifier() for p in parts):
        return
    by_name[".".join(parts)].add(path)
    for i in range(1, len(parts)):  # the folders above: packages or namespace packages
        folder = posixpath.join(base, *parts[:i]) if base else posixpath.join(*parts[:i])
        key = folder + "/__init__.py" if folder in packages else folder + "/"
        by_name[".".join(parts[:i])].add(key)


def source_roots(files: Sequence[str], configs: Mapping[str, str | None]) -> tuple[str, ...]:
    roots = {""}
    for path in files:
        name = posixpath.basename(path)
        folder = posixpath.dirname(path)
        if name in ROOT_MARKERS:
            roots.add(folder)
            roots.update(posixpath.join(folder, d) if folder else d
                         for d in _configured_dirs(name, configs.get(path)))
        if posixpath.basename(folder) == "src":
            roots.add(folder)
    return tuple(sorted(r.strip("/") for r in roots))


_SETUP_WHERE = re.compile(
    r"""(?:where|package_dir)\s*=\s*[\[{]?\s*(?:["']{2}\s*:\s*)?["']([\w./-]+)["']""")


def _configured_dirs(name: str, text: str | None) -> list[str]:
    """Source folders a packaging file names: setuptools ``where``/``package-dir``, Poetry
    ``packages = [{from = …}]``, Hatch ``packages``; setup.cfg ``package_dir = =src``."""
    if not text:
        return []
    if name == "pyproject.toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return []
        tool = data.get("tool", {})
        found: list[str] = []
        setuptools = tool.get("setuptools", {})
        found += setuptools.get("packages", {}).get("find", {}).get("where", []) \
            if isinstance(setuptools.get("packages"), dict) else []
        found += [v for v in setuptools.get("package-dir", {}).values() if isinstance(v, str)]
        found += [p.get("from", "") for p in tool.get("poetry", {}).get("packages", [])
                  if isinstance(p, dict) and p.get("from")]
        wheel = tool.get("hatch", {}).get("build", {}).get("targets", {}).get("wheel", {})
        found += [posixpath.dirname(p) for p in wheel.get("packages", []) if isinstance(p, str)]
        return [d for d in found if isinstance(d, str) and d]
    if name == "setup.cfg":
        parser = configparser.ConfigParser()
        try:
            parser.read_string(text)
        except configparser.Error:
            return []
        value = parser.get("options", "package_dir", fallback="")
        return [v.split("=", 1)[1].strip() for v in value.splitlines() if "=" in v
                and v.split("=", 1)[1].strip()]
    if name == "setup.py":
        return [m.group(1) for m in _SETUP_WHERE.finditer(text)]
    return []
