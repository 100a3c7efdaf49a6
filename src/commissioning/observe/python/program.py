"""A venture's Python as a whole: every file's facts, its module index and a resolver.

Files are read through the ``SourceTree`` only, parsed one at a time and reduced to facts at
once; a tree that caches texts is told to drop each text after use.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from commissioning.evidence import Diagnostic
from commissioning.observe.python.facts import PyFileFacts
from commissioning.observe.python.modules import ROOT_MARKERS, ModuleIndex, is_python
from commissioning.observe.python.parser import parse_file
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
    facts: dict[str, PyFileFacts] = {}
    diagnostics: list[Diagnostic] = []
    forget = getattr(tree, "forget", None)
    for path in python_files(files):
        text = tree.text(path)
        if text is not None:
            facts[path], notes = parse_file(text, path, wanted, is_test=is_test(path))
            diagnostics.extend(notes)
        if callable(forget):
            forget(path)
        tick()
    configs = {f: tree.text(f) for f in files if posixpath.basename(f) in ROOT_MARKERS
               and posixpath.basename(f) != "manage.py"}
    index = ModuleIndex.build(files, configs)
    return PyProgram(facts, index, Resolver(facts, index), tuple(diagnostics))
