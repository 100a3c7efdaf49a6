"""The per-file parsers, as data: which one, with which options, and the code version behind it.

A profile asks for a file's facts with a :class:`FileParser` (``typescript``, ``python``,
``ruby`` or ``sql``, plus the options that change what it yields: the literal role signals,
whether a Python file is a test, a SQL dialect). Being plain data, a parser can be sent to a
worker process, written into the cache key and recorded as a scan's dependency; ``run`` looks
the function up by kind, importing it only when first needed.

The cache key of a file's facts is its content digest, its path (facts name it), the parser
and its options, and the *code version* of that parser: a hash of the parser's own source
files (and every module of ours they import) and of the grammar and SQL libraries it uses,
so a change to a detector or an upgraded
grammar never serves facts the new code would not produce.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast, runtime_checkable

from commissioning.observe.source_tree import SourceTree

if TYPE_CHECKING:
    from commissioning.evidence import Diagnostic
    from commissioning.observe.python.facts import PyFileFacts
    from commissioning.observe.ruby.facts import RubyFacts
    from commissioning.observe.sql.facts import SqlTableFact
    from commissioning.observe.typescript.facts import FileFacts

    Notes = tuple[Diagnostic, ...]

R = TypeVar("R")
Tick = Callable[[], None]
PACKAGE = Path(__file__).resolve().parents[1]  # src/commissioning
# the module each parser runs: its facts depend on it and on every module it imports
_ENTRY = {
    "typescript": "commissioning.observe.typescript.parser",
    "python": "commissioning.observe.python.parser",
    "ruby": "commissioning.observe.ruby.parser",
    "sql": "commissioning.observe.sql.read",
}
_LIBRARIES = {
    "typescript": ("tree-sitter", "tree-sitter-typescript"),
    "python": (),
    "ruby": ("tree-sitter", "tree-sitter-ruby", "tree-sitter-embedded-template"),
    "sql": ("sqlglot", "pglast"),
}
# a whole scan depends on the scanner and everything it imports (every profile), and the
# decoding of texts: the memo's key (observe.memo)
SCAN_ENTRY = ("commissioning.observe.scanner", "commissioning.observe.parsers")
SCAN_LIBRARIES = ("tree-sitter", "tree-sitter-typescript", "tree-sitter-ruby",
                  "tree-sitter-embedded-template", "sqlglot", "pglast", "pydantic")


@dataclass(frozen=True, slots=True)
class FileParser(Generic[R]):
    """One parser with its options; ``run(text, path)`` gives what that parser gives."""

    kind: str
    options: tuple[str | bool, ...] = ()

    def run(self, text: str, path: str) -> R:
        return cast(R, _runner(self.kind)(text, path, self.options))

    def key(self, path: str, digest: bytes) -> bytes:
        """The cache key of this parser's result for ``path`` holding content ``digest``."""
        head = "\0".join([self.kind, code_version(self.kind), repr(self.options), path])
        return hashlib.sha256(head.encode("utf-8") + b"\0" + digest).digest()


def typescript(literals: Iterable[str]) -> FileParser[tuple[FileFacts, Notes]]:
    return FileParser("typescript", tuple(literals))


def python(literals: Iterable[str], *, is_test: bool) -> FileParser[tuple[PyFileFacts, Notes]]:
    return FileParser("python", (is_test, *literals))


def ruby(literals: Iterable[str]) -> FileParser[RubyFacts]:
    return FileParser("ruby", tuple(literals))


def sql(dialect: str, default_schema: str) -> FileParser[tuple[tuple[SqlTableFact, ...], Notes]]:
    return FileParser("sql", (dialect, default_schema))


@runtime_checkable
class ParsingTree(Protocol):
    """A tree that parses many files at once (cached, in parallel): ``observe.cached_tree``."""

    def parse_many(self, parser: FileParser[R], paths: Sequence[str],
                   tick: Tick) -> Iterator[tuple[str, R]]:
        ...


def parse_files(tree: SourceTree, parser: FileParser[R], paths: Sequence[str],
                tick: Tick = lambda: None) -> Iterator[tuple[str, R]]:
    """``(path, result)`` for each path that reads as text, in the order given; ``tick`` once
    per path. A plain tree parses here, one file at a time, dropping each text after use."""
    if isinstance(tree, ParsingTree):
        yield from tree.parse_many(parser, paths, tick)
        return
    forget = getattr(tree, "forget", None)
    for path in paths:
        text = tree.text(path)
        if text is not None:
            yield path, parser.run(text, path)
        if callable(forget):
            forget(path)
        tick()


def _runner(kind: str) -> Callable[[str, str, tuple[str | bool, ...]], object]:
    return _RUNNERS[kind]


def _typescript(text: str, path: str, options: tuple[str | bool, ...]) -> object:
    from commissioning.observe.typescript.parser import parse_file

    return parse_file(text, path, [str(o) for o in options])


def _python(text: str, path: str, options: tuple[str | bool, ...]) -> object:
    from commissioning.observe.python.parser import parse_file

    return parse_file(text, path, [str(o) for o in options[1:]], is_test=bool(options[0]))


def _ruby(text: str, path: str, options: tuple[str | bool, ...]) -> object:
    from commissioning.observe.ruby.parser import parse_ruby

    return parse_ruby(text, path, [str(o) for o in options])


def _sql(text: str, path: str, options: tuple[str | bool, ...]) -> object:
    from commissioning.observe.sql.read import read_sql

    return read_sql(text, path, dialect=str(options[0]), default_schema=str(options[1]))


_RUNNERS: dict[str, Callable[[str, str, tuple[str | bool, ...]], object]] = {
    "typescript": _typescript, "python": _python, "ruby": _ruby, "sql": _sql,
}


@cache
def code_version(kind: str) -> str:
    """The version of one parser's code: the source of its module and of every module of ours
    it imports, however deep (a detector added in a new module counts), and its libraries."""
    return _version((_ENTRY[kind], "commissioning.observe.parsers",
                     "commissioning.observe.source_tree"), _LIBRARIES[kind])


@cache
def scan_version() -> str:
    """The version of everything a scan's result depends on (the whole-scan memo's key)."""
    return _version(SCAN_ENTRY, SCAN_LIBRARIES)


def _version(entries: Sequence[str], libraries: Sequence[str]) -> str:
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for name in libraries:
        digest.update(f"\0{name}={_library_version(name)}".encode())
    for module in sorted(_closure(entries)):
        digest.update(b"\0" + module.encode("utf-8") + b"\0")
        source = _source(module)
        digest.update(source if source is not None else _package_version().encode("utf-8"))
    return digest.hexdigest()[:32]


_FROM = re.compile(r"^[ \t]*from[ \t]+(commissioning(?:\.\w+)*)[ \t]+import[ \t]+"
                   r"(\([^)]*\)|[^\n]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(commissioning(?:\.\w+)*)", re.M)


def _closure(entries: Iterable[str]) -> set[str]:
    """Our modules the entries import, directly or not, read from their source (a regular
    expression, not ``ast``: the whole package is read in milliseconds); a package's
    ``__init__`` counts as a module, and so does a module imported by name from a package."""
    seen: set[str] = set()
    todo = list(entries)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        source = _source(module)
        if source is None:
            continue
        text = source.decode("utf-8", "replace")
        names = [m.group(1) for m in _IMPORT.finditer(text)]
        for found in _FROM.finditer(text):
            names.append(found.group(1))
            listed = re.sub(r"#[^\n]*", "", found.group(2)).strip("()")
            names += [f"{found.group(1)}.{n.split()[0]}" for n in listed.split(",") if n.strip()]
        for name in names:
            parts = name.split(".")
            for depth in range(2, len(parts) + 1):  # the packages on the way count too
                candidate = ".".join(parts[:depth])
                if candidate not in seen and _source_path(candidate) is not None:
                    todo.append(candidate)
    return seen


@cache
def _source_path(module: str) -> Path | None:
    relative = Path(*module.split(".")[1:])
    for candidate in (PACKAGE / relative.with_suffix(".py"), PACKAGE / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _source(module: str) -> bytes | None:
    path = _source_path(module)
    try:
        return path.read_bytes() if path is not None else None
    except OSError:
        return None


def _package_version() -> str:
    return _library_version("commissioning")


@cache
def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"
