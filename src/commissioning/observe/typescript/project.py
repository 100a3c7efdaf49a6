"""Project configuration that decides where an import lands: tsconfig/jsconfig and package.json.

Real tsconfig files carry comments and trailing commas, so they are read tolerantly; a file that
still cannot be read is ignored (imports through its aliases then stay unresolved, which only
shortens reach, never invents it).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Deno (Supabase Edge Functions) maps import prefixes in deno.json or an import map, as
# tsconfig ``paths`` do; a folder's tsconfig wins over its jsconfig, which wins over Deno's.
DENO_CONFIGS = ("deno.json", "deno.jsonc", "import_map.json")
CONFIG_NAMES = ("tsconfig.json", "jsconfig.json", *DENO_CONFIGS)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_MAX_EXTENDS = 5


def loads_tolerant(text: str) -> object | None:
    """JSON with ``//`` and ``/* */`` comments and trailing commas, as tsconfig allows."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            end = i + 1
            while end < n and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i:end + 1])
            i = end + 1
        elif text.startswith("//", i):
            newline = text.find("\n", i)
            i = n if newline < 0 else newline
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = n if close < 0 else close + 2
        else:
            out.append(c)
            i += 1
    try:
        data: object = json.loads(_TRAILING_COMMA.sub(r"\1", "".join(out)))
    except ValueError:
        return None
    return data


def dirname(path: str) -> str:
    return posixpath.dirname(path)


def join(base: str, relative: str) -> str | None:
    """``base/relative`` normalised; None when it climbs out of the venture."""
    joined = posixpath.normpath(posixpath.join(base, relative)) if base else \
        posixpath.normpath(relative)
    if joined == ".":
        return ""
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined


@dataclass(frozen=True, slots=True)
class PathConfig:
    """The effective ``baseUrl`` and ``paths`` for the files under ``directory``."""

    directory: str
    base_url: str | None
    paths: tuple[tuple[str, tuple[str, ...]], ...]  # pattern → targets, venture-relative


def read_path_configs(config_files: Mapping[str, str | None]) -> dict[str, PathConfig]:
    """One PathConfig per directory holding a tsconfig.json (else jsconfig.json)."""
    by_dir: dict[str, str] = {}
    for path in sorted(config_files):
        name = posixpath.basename(path)
        if name in CONFIG_NAMES:
            directory = dirname(path)
            current = by_dir.get(directory)
            if current is None \
                    or CONFIG_NAMES.index(name) < CONFIG_NAMES.index(posixpath.basename(current)):
                by_dir[directory] = path
    out: dict[str, PathConfig] = {}
    for directory, path in by_dir.items():
        if posixpath.basename(path) in DENO_CONFIGS:
            out[directory] = _deno_imports(path, config_files.get)
            continue
        options = _options(path, config_files.get, 0)
        if options is None:
            continue
        base_url, paths, paths_dir = options
        root = base_url if base_url is not None else paths_dir
        resolved: list[tuple[str, tuple[str, ...]]] = []
        for pattern, targets in paths:
            joined = tuple(t for t in (join(root, target) for target in targets) if t is not None)
            resolved.append((pattern, joined))
        out[directory] = PathConfig(directory, base_url, tuple(resolved))
    return out


_Options = tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...], str]


def _deno_imports(path: str, read: Callable[[str], str | None]) -> PathConfig:
    """A Deno import map's local entries as ``paths``: ``"@shared/": "./_shared/"`` is
    ``@shared/*`` → ``_shared/*``; URL and ``npm:``/``jsr:`` targets stay packages. The map
    may sit in deno.json (``imports``) or in the file its ``importMap`` names."""
    directory = dirname(path)
    text = read(path)
    data = loads_tolerant(text) if text is not None else None
    data = data if isinstance(data, dict) else {}
    imports = data.get("imports")
    base = directory
    if not isinstance(imports, dict) and isinstance(data.get("importMap"), str):
        mapped = join(directory, data["importMap"])
        other = loads_tolerant(read(mapped) or "") if mapped is not None else None
        imports = other.get("imports") if isinstance(other, dict) else None
        base = dirname(mapped) if mapped is not None else directory
    paths: list[tuple[str, tuple[str, ...]]] = []
    for key, target in (imports.items() if isinstance(imports, dict) else ()):
        if not isinstance(target, str) or not target.startswith(("./", "../")):
            continue
        resolved = join(base, target)
        if resolved is None:
            continue
        if key.endswith("/"):
            paths.append((key + "*", (resolved + "/*",)))
        else:
            paths.append((key, (resolved,)))
    return PathConfig(directory, None, tuple(paths))


def _options(path: str, read: Callable[[str], str | None], depth: int) -> _Options | None:
    """(baseUrl, paths, directory paths are relative to), following ``extends``."""
    text = read(path)
    data = loads_tolerant(text) if text is not None else None
    if not isinstance(data, dict):
        return None
    directory = dirname(path)
    inherited: _Options = (None, (), directory)
    parent = data.get("extends")
    if isinstance(parent, str) and parent.startswith(".") and depth < _MAX_EXTENDS:
        target = join(directory, parent if parent.endswith(".json") else parent + ".json")
        found = _options(target, read, depth + 1) if target is not None else None
        inherited = found or inherited
    compiler = data.get("compilerOptions")
    compiler = compiler if isinstance(compiler, dict) else {}
    base_url, paths, paths_dir = inherited
    if isinstance(compiler.get("baseUrl"), str):
        base_url = join(directory, compiler["baseUrl"])
    raw_paths = compiler.get("paths")
    if isinstance(raw_paths, dict):
        paths = tuple((str(k), tuple(str(t) for t in v if isinstance(t, str)))
                      for k, v in raw_paths.items() if isinstance(v, list))
        paths_dir = directory
    return base_url, paths, paths_dir


@dataclass(frozen=True, slots=True)
class Package:
    """A workspace package (a monorepo's ``@acme/db``): its folder and its ``exports``."""

    name: str
    directory: str
    exports: tuple[tuple[str, str], ...]  # subpath ("." or "./x" or "./*") → target


def read_packages(package_files: Mapping[str, str | None]) -> dict[str, Package]:
    packages: dict[str, Package] = {}
    for path in sorted(package_files, key=lambda p: (p.count("/"), p)):
        text = package_files[path]
        data = loads_tolerant(text) if text is not None else None
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            continue
        name = data["name"]
        if name in packages:
            continue
        packages[name] = Package(name, dirname(path), tuple(_exports(data)))
    return packages


def _exports(data: dict[str, object]) -> list[tuple[str, str]]:
    raw = data.get("exports")
    out: list[tuple[str, str]] = []
    if isinstance(raw, dict) and any(str(k).startswith(".") for k in raw):
        for key, value in raw.items():
            out.extend((str(key), target) for target in _conditions(value))
    else:
        out.extend((".", target) for target in _conditions(raw))
    for field_name in ("types", "module", "main"):
        value = data.get(field_name)
        if isinstance(value, str):
            out.append((".", value))
    return out


_PREFERRED_CONDITIONS = ("types", "import", "default", "require", "node")


def _conditions(value: object) -> list[str]:
    """Every target of a (conditional) export, preferred first: ``types`` often names a built
    ``dist/*.d.ts`` that is not in the repository, so the source target must be tried too."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, dict):
        return []
    keys = [k for k in _PREFERRED_CONDITIONS if k in value]
    keys += [k for k in value if k not in _PREFERRED_CONDITIONS]
    return [target for key in keys for target in _conditions(value[key])]


def dependencies(package_text: str | None) -> frozenset[str]:
    """Every dependency a package.json names (any dependency section)."""
    data = loads_tolerant(package_text) if package_text is not None else None
    if not isinstance(data, dict):
        return frozenset()
    names: set[str] = set()
    for section in ("dependencies", "devDependencies", "peerDependencies",
                    "optionalDependencies"):
        deps = data.get(section)
        if isinstance(deps, dict):
            names.update(str(k) for k in deps)
    return frozenset(names)
