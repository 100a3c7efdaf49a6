"""A read-only view of a venture's files: the one boundary every stack profile reads through.

``DiskSourceTree`` lists a directory (with ``git ls-files`` in a repository, else by walking it,
never following a symlink loop, never entering our own ``.commissioning/`` folder or
dependency/build folders) and reports what it could not read as
diagnostics instead of failing. ``MemorySourceTree`` serves tests. Both decode text the same way:
UTF-8 only, binary and oversized files skipped with a note.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from commissioning.evidence import Diagnostic, Severity
from commissioning.observe.files import StartedListing, git_listing, start_listing

ALWAYS_EXCLUDED_DIRS = frozenset({
    ".commissioning", ".git", "node_modules", ".next", ".turbo", ".vercel", ".svelte-kit",
    "dist", "build", "out", "coverage", ".venv", "venv", "__pycache__", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".cache", "vendor", ".yarn", ".pnpm-store",
})


class SourceTree(Protocol):
    """What profiles may ask of a venture: its file list and a file's text."""

    def files(self) -> tuple[str, ...]:
        """Every candidate file, as a POSIX path relative to the root, sorted."""
        ...

    def text(self, path: str) -> str | None:
        """The file's text, or None when it is binary, too large or unreadable (noted)."""
        ...

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """What the tree skipped or could not read so far."""
        ...


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """Glob match where ``**/`` also matches zero directories (``**/x.ts`` matches ``x.ts``)."""
    for pattern in patterns:
        if fnmatch.fnmatchcase(path, pattern):
            return True
        if "**/" in pattern and fnmatch.fnmatchcase(path, pattern.replace("**/", "")):
            return True
    return False


@lru_cache(maxsize=64)
def any_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """``matches_any`` for fixed patterns, compiled into one expression: one match per path
    instead of one ``fnmatch`` per pattern (the exclusion rule meets every listed path)."""
    if not patterns:
        return lambda _: False
    alternatives = [fnmatch.translate(p) for p in patterns]
    alternatives += [fnmatch.translate(p.replace("**/", "")) for p in patterns if "**/" in p]
    match = re.compile("|".join(alternatives)).match
    return lambda path: match(path) is not None


def _decode(path: str, raw: bytes, limit: int, notes: list[Diagnostic]) -> str | None:
    if len(raw) > limit:
        notes.append(Diagnostic(Severity.INFO, "skipped-large",
                                f"skipped: {len(raw)} bytes is over the {limit}-byte limit", path))
        return None
    if b"\x00" in raw[:8192]:
        notes.append(Diagnostic(Severity.INFO, "skipped-binary", "skipped: binary file", path))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        notes.append(Diagnostic(Severity.WARNING, "not-utf8",
                                f"skipped: not UTF-8 ({exc.reason} at byte {exc.start})", path))
        return None


@dataclass
class DiskSourceTree:
    root: Path
    exclude: tuple[str, ...] = ()
    max_file_bytes: int = 2_000_000
    use_git: bool = True  # list with ``git ls-files`` when in a repository (observe.files)
    _files: tuple[str, ...] | None = field(default=None, init=False, repr=False)
    _notes: list[Diagnostic] = field(default_factory=list, init=False, repr=False)
    _texts: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)
    # each file's stat as the git listing took it (observe.stamps reuses it instead of a 2nd)
    _listed_stats: dict[str, os.stat_result] = field(default_factory=dict, init=False,
                                                     repr=False)
    _started: StartedListing | None = field(default=None, init=False, repr=False)

    def start_listing(self) -> None:
        """Let git list the tree now, in the background, for ``files()`` to collect."""
        if self.use_git and self._files is None and self._started is None:
            self._started = start_listing(self.root)

    def stop_listing(self) -> None:
        if self._started is not None:
            self._started.stop()
            self._started = None

    def files(self) -> tuple[str, ...]:
        """``git ls-files`` when the venture is in a repository (``observe.files``), else a walk."""
        if self._files is None:
            started, self._started = self._started, None
            listing = git_listing(self.root, self._excluded, by_file=bool(self.exclude),
                                  started=started) if self.use_git else None
            if listing is None:
                self._files = tuple(sorted(self._walk()))
            else:
                self._notes.extend(listing.notes)
                self._listed_stats = listing.stats
                walked = [f for folder in listing.folders for f in self._walk(folder)]
                self._files = tuple(sorted({*listing.files, *walked}))
        return self._files

    def _excluded(self, rel: str, is_dir: bool) -> bool:
        """The one exclusion rule of the walk and of the git listing."""
        matches = any_matcher(tuple(self.exclude))
        if is_dir:
            return rel.rsplit("/", 1)[-1] in ALWAYS_EXCLUDED_DIRS \
                or matches(rel + "/") or matches(rel)
        return matches(rel)

    def _walk(self, folder: str = "") -> Iterable[str]:
        root = self.root.resolve()
        seen_dirs: set[tuple[int, int]] = set()
        stack = [root / folder if folder else root]
        while stack:
            current = stack.pop()
            try:
                info = current.stat()
                entries = list(os.scandir(current))
            except OSError as exc:
                self._note_unreadable(current, root, exc)
                continue
            if (info.st_dev, info.st_ino) in seen_dirs:
                self._notes.append(Diagnostic(
                    Severity.WARNING, "symlink-loop",
                    "skipped: directory already visited (symlink loop)", _rel(current, root)))
                continue
            seen_dirs.add((info.st_dev, info.st_ino))
            for entry in entries:
                yield from self._visit(entry, root, stack)

    def _visit(self, entry: os.DirEntry[str], root: Path, stack: list[Path]) -> Iterable[str]:
        rel = _rel(Path(entry.path), root)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            self._note_unreadable(Path(entry.path), root, exc)
            return
        if is_dir:
            if self._excluded(rel, True):
                return
            stack.append(Path(entry.path))
        elif is_file and not self._excluded(rel, False):
            yield rel
        elif entry.is_symlink() and not is_file and not is_dir:
            self._notes.append(Diagnostic(Severity.INFO, "broken-symlink",
                                          "skipped: symlink to nothing", rel))

    def _note_unreadable(self, path: Path, root: Path, exc: OSError) -> None:
        self._notes.append(Diagnostic(Severity.WARNING, "unreadable",
                                      f"skipped: cannot read ({exc.strerror or exc})",
                                      _rel(path, root) or "."))

    def text(self, path: str) -> str | None:
        if path in self._texts:
            return self._texts[path]
        try:
            raw = self._read(path)
        except OSError as exc:
            self._notes.append(Diagnostic(Severity.WARNING, "unreadable",
                                          f"skipped: cannot read ({exc.strerror or exc})", path))
            result = None
        else:
            result = _decode(path, raw, self.max_file_bytes, self._notes)
        self._texts[path] = result
        return result

    def _read(self, path: str) -> bytes:
        """The file's bytes (``observe.cached_tree`` also stamps them with their digest)."""
        return (self.root / path).read_bytes()

    def forget(self, path: str) -> None:
        """Drop a cached text once parsed, to keep memory bounded on large trees."""
        self._texts.pop(path, None)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(self._notes)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class MemorySourceTree:
    """An in-memory tree for tests: ``{"src/db/schema.ts": "export const …"}``."""

    contents: Mapping[str, str | bytes]
    max_file_bytes: int = 2_000_000
    _notes: list[Diagnostic] = field(default_factory=list, init=False, repr=False)

    def files(self) -> tuple[str, ...]:
        return tuple(sorted(p for p in self.contents
                            if not any(part in ALWAYS_EXCLUDED_DIRS for part in p.split("/")[:-1])))

    def text(self, path: str) -> str | None:
        value = self.contents[path]
        raw = value.encode("utf-8") if isinstance(value, str) else value
        return _decode(path, raw, self.max_file_bytes, self._notes)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(self._notes)
