"""A venture's TypeScript/JavaScript as a whole: every file's facts and how its imports resolve.

Files are read through the ``SourceTree`` only and reduced to facts at once (``parse_files``:
from the cache when the tree has one, across cores for the rest); no text outlives its parse.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from commissioning.evidence import Diagnostic
from commissioning.observe.parsers import parse_files, typescript
from commissioning.observe.source_tree import SourceTree
from commissioning.observe.typescript.facts import FileFacts
from commissioning.observe.typescript.parser import is_code_file
from commissioning.observe.typescript.project import (
    CONFIG_NAMES,
    Package,
    read_packages,
    read_path_configs,
)
from commissioning.observe.typescript.resolve import ExportResolver, ModuleResolver


@dataclass(frozen=True, slots=True)
class Program:
    facts: dict[str, FileFacts]
    exports: ExportResolver
    packages: dict[str, Package]
    package_texts: dict[str, str | None]
    diagnostics: tuple[Diagnostic, ...]


def code_files(files: Iterable[str]) -> list[str]:
    return [f for f in files if is_code_file(f)]


def load_program(
    tree: SourceTree,
    files: Sequence[str],
    literals: Iterable[str],
    tick: Callable[[], None] = lambda: None,
) -> Program:
    facts: dict[str, FileFacts] = {}
    diagnostics: list[Diagnostic] = []
    # cached by content and parsed across cores when the tree can (observe.parsers)
    for path, (parsed, notes) in parse_files(tree, typescript(literals), code_files(files), tick):
        facts[path] = parsed
        diagnostics.extend(notes)
    configs = {f: tree.text(f) for f in files if posixpath.basename(f) in CONFIG_NAMES}
    package_texts = {f: tree.text(f) for f in files if posixpath.basename(f) == "package.json"}
    packages = read_packages(package_texts)
    modules = ModuleResolver(files, read_path_configs(configs), packages)
    return Program(facts, ExportResolver(facts, modules), packages, package_texts,
                   tuple(diagnostics))
