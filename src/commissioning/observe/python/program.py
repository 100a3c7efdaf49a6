"""A venture's Python as a whole: every file's facts, its module index and a resolver.

Files are read through the ``SourceTree`` only and reduced to facts at once (``parse_files``:
from the cache when the tree has one, across cores for the rest); no text outlives its parse.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from commissioning.evidence import Diagnostic
from commissioning.observe.parsers import parse_files, python
from commissioning.observe.python.facts import PyFileFacts
from commissioning.observe.python.modules import ROOT_MARKERS, ModuleIndex, is_python
from commissioning.observe.python.resolve import Resolver
from commissioning.observe.source_tree import SourceTree


@dataclass(frozen=True, slots=True)
class PyProgram:
    facts: dict[str, PyFileFacts]
    index: ModuleIndex
    resolver: Resolver
    diagnostics: tuple[Diagnostic, ...]

    def module_file(self, key: str | None) -> str | None:
        """The file behind a module key (None for a namespace package)."""
        return key if key is not None and key in self.facts else None


def python_files(files: Iterable[str]) -> list[str]:
    return [f for f in files if is_python(f)]


def load_python(
    tree: SourceTree,
    files: Sequence[str],
    literals: Iterable[str],
    is_test: Callable[[str], bool],
    tick: Callable[[], None] = lambda: None,
) -> PyProgram:
    wanted = tuple(literals)
    parsed: dict[str, tuple[PyFileFacts, tuple[Diagnostic, ...]]] = {}
    paths = python_files(files)
    for test in (False, True):  # cached by content, parsed across cores (observe.parsers)
        group = [p for p in paths if is_test(p) == test]
        parsed.update(parse_files(tree, python(wanted, is_test=test), group, tick))
    facts: dict[str, PyFileFacts] = {}
    diagnostics: list[Diagnostic] = []
    for path in paths:
        if path in parsed:
            facts[path], notes = parsed[path]
            diagnostics.extend(notes)
    configs = {f: tree.text(f) for f in files if posixpath.basename(f) in ROOT_MARKERS
               and posixpath.basename(f) != "manage.py"}
    index = ModuleIndex.build(files, configs)
    return PyProgram(facts, index, Resolver(facts, index), tuple(diagnostics))
