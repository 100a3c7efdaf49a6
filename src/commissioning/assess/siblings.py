"""Which sibling table to follow when a table lacks a kind of evidence.

A gap's task says "put it where orders put theirs". The nearest sibling is the table whose schema
definition sits closest to this one's: the same schema file first, then the deepest shared
directory, ties broken by (schema, name), so the choice is deterministic. A table's schema file
(its home) is the least path of its holding schema evidence; a candidate is a table with holding
evidence of the kind that has a path, and what is followed is its least such item by
:meth:`Evidence.sort_key`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import compress, pairwise
from operator import methodcaller
from posixpath import dirname

from commissioning.evidence import Evidence, Kind, TableKey

_Key = tuple[str, str]  # (schema, name): hashed and compared in C, unlike the TableKey dataclass
_Found = Mapping[_Key, Mapping[Kind, Sequence[Evidence]]]
_Two = tuple[_Key, ...]  # at most two candidates, least first


def _ancestors(directory: str) -> list[str]:
    """'a/b/c' -> ['a/b/c', 'a/b', 'a', ''] (deepest first, no repeats)."""
    parts = directory.split("/") if directory else []
    out: list[str] = []
    for i in range(len(parts), -1, -1):
        folder = "/".join(parts[:i])
        if not out or out[-1] != folder:  # a leading '/' would yield '' twice
            out.append(folder)
    return out


def _directory(path: str) -> str:
    """``posixpath.dirname``, with its plain case (one '/' before the file name) done inline:
    it runs once per schema file, which at 100,000 tables is most of them."""
    cut = path.rfind("/")
    if cut < 0:
        return ""
    if cut > 0 and path[cut - 1] != "/":
        return path[:cut]
    return dirname(path)


def _holding(items: Sequence[Evidence] | None) -> list[Evidence]:
    """The items a sibling can point at: they hold and they name a file."""
    if not items:
        return []
    return [e for e in items if e.holds and e.path is not None]


def _least_two(keys: list[_Key]) -> _Two:
    if len(keys) <= 2:
        return tuple(sorted(keys))
    first = min(keys)
    return (first, min(k for k in keys if k != first))


class SiblingIndex:
    """The search runs per question and remembers its answers, instead of indexing every table
    for every kind up front: ``assess`` asks one kind per table with a missing rung, and of a
    file or folder only its least candidates for that kind matter.

    Grouping the tables by folder is one pass over the tables, made on the first question;
    tables by file only for the folders where a schema file defines several. A file's or
    folder's least two candidates for a kind are worked out once, a folder's from its own tables
    and its subfolders' least two. ``assess`` asks only about a kind the table lacks, so the
    table is never its own candidate: the answer depends on its file and folder alone and is
    kept per (file, kind) and (folder, kind).
    """

    def __init__(self, found: _Found, homes: Mapping[_Key, str]) -> None:
        """``found``: each table's evidence by kind (every item, holding or not); ``homes``:
        each table's least path of a holding schema item, if it has one."""
        self._found = found
        self._homes = homes
        self._grouped = False
        self._kinds: set[Kind] | None = None  # the kinds some table has, once needed
        self._where: dict[_Key, str] = {}  # the folder of each table's home, if it has one
        self._shared: set[str] = set()  # homes of more than one table
        self._by_dir: dict[str, list[_Key]] = {}  # folder -> its tables, sorted
        self._by_file: dict[str, dict[str, list[_Key]]] = {}  # folder -> home -> its tables
        self._children: dict[str, set[str]] = {}
        self._ancestry: dict[str, list[str]] = {}
        self._file_two: dict[tuple[str, Kind], _Two] = {}
        self._dir_two: dict[tuple[str, Kind], _Two] = {}
        self._answers: dict[tuple[str, Kind], Evidence | None] = {}  # past the file
        self._file_answers: dict[tuple[str, Kind], Evidence | None] = {}  # in a shared file

    def _group(self) -> None:
        where = self._where
        by_dir = self._by_dir
        same: dict[str, str] = {}  # one string per folder, so that its hash is cached once
        bare: list[_Key] = []
        for key, path in self._homes.items():
            if not path:
                bare.append(key)
                continue
            cut = path.rfind("/")  # _directory, inline: it runs for most tables
            folder = path[:cut] if cut > 0 and path[cut - 1] != "/" else _directory(path)
            tables = by_dir.get(folder)
            if tables is None:
                by_dir[folder] = [key]
                same[folder] = folder
            else:
                tables.append(key)
                folder = same[folder]
            where[key] = folder
        homes = self._homes.values()
        if len(set(homes) - {""}) < len(where):  # some file is home to several tables
            counts = Counter(homes)
            self._shared = {path for path, count in counts.items() if count > 1 and path}
        if len(self._homes) < len(self._found):
            bare.extend(self._found.keys() - self._homes.keys())
        if bare:
            by_dir.setdefault("", []).extend(bare)
        for tables in by_dir.values():
            tables.sort()  # in snapshot order, tables are sorted already: a pass for timsort
        children = self._children
        for folder in by_dir:
            chain = self._ancestors_of(folder)
            for child, parent in pairwise(chain):
                below = children.get(parent)
                if below is None:
                    children[parent] = {child}
                elif child in below:
                    break  # linked already, and so is the rest of the chain
                else:
                    below.add(child)
        self._grouped = True

    def _ancestors_of(self, folder: str) -> list[str]:
        found = self._ancestry.get(folder)
        if found is None:
            found = self._ancestry[folder] = _ancestors(folder)
        return found

    def _candidate(self, key: _Key, kind: Kind) -> bool:
        items = self._found[key].get(kind)
        if items is None:
            return False
        if len(items) == 1:
            return items[0].holds and items[0].path is not None
        return any(e.holds and e.path is not None for e in items)

    def _least_in(self, keys: list[_Key], kind: Kind) -> _Two:
        """The least two candidates of a sorted group. The scan stops at the second candidate,
        which for a common kind is within the first few tables; the tables without the kind at
        all are skipped in C, so a kind few tables have costs little."""
        having = compress(keys, map(methodcaller("__contains__", kind),
                                    map(self._found.__getitem__, keys)))
        two: list[_Key] = []
        for key in having:
            if self._candidate(key, kind):
                two.append(key)
                if len(two) == 2:
                    break
        return tuple(two)

    def _in_file(self, home: str, folder: str, kind: Kind) -> _Two:
        found = self._file_two.get((home, kind))
        if found is None:
            files = self._by_file.get(folder)
            if files is None:
                files = self._by_file[folder] = {}
                for key in self._by_dir[folder]:  # sorted, and so is each file's list
                    files.setdefault(self._homes.get(key, ""), []).append(key)
            found = self._file_two[(home, kind)] = self._least_in(files[home], kind)
        return found

    def _under(self, folder: str, kind: Kind) -> _Two:
        """The least two candidates anywhere below ``folder``: worked out children first, with
        a list for a stack so that a deep tree cannot exhaust Python's."""
        done = self._dir_two
        pending = [folder]
        while pending:
            current = pending[-1]
            if (current, kind) in done:
                pending.pop()
                continue
            children = self._children.get(current, ())
            waiting = [c for c in children if (c, kind) not in done]
            if waiting:
                pending.extend(waiting)
                continue
            pending.pop()
            own = self._by_dir.get(current)
            keys = list(self._least_in(own, kind)) if own else []
            for child in children:
                keys.extend(done[(child, kind)])
            done[(current, kind)] = _least_two(keys)
        return done[(folder, kind)]

    def _best(self, key: _Key, kind: Kind) -> Evidence:
        items = _holding(self._found[key].get(kind))
        return items[0] if len(items) == 1 else min(items, key=Evidence.sort_key)

    def _search(self, own: _Key, kind: Kind) -> Evidence | None:
        home = self._homes.get(own, "")
        folder = self._where.get(own, "")
        if home in self._shared:  # else its file holds no other table
            for key in self._in_file(home, folder, kind):
                if key != own:
                    return self._best(key, kind)
        for ancestor in self._ancestors_of(folder):
            for key in self._under(ancestor, kind):
                if key != own:
                    return self._best(key, kind)
        return None

    def nearest(self, table: TableKey, kind: Kind) -> Evidence | None:
        """The evidence of ``kind`` to follow for ``table``: its nearest sibling's, or None."""
        own = (table.schema, table.name)
        if not self._grouped:
            self._group()
        kinds = self._found.get(own)
        if kinds is not None and kind in kinds and self._candidate(own, kind):
            return self._search(own, kind)  # its own candidate: the next best, uncached
        return self.lacking(own, kind)

    def lacking(self, own: _Key, kind: Kind) -> Evidence | None:
        """:meth:`nearest` for a table, given as ``(schema, name)``, that has no holding
        evidence of ``kind`` (as every table with that rung missing): the quick way."""
        if not self._grouped:
            self._group()
        folder = self._where.get(own, "")
        if self._shared:
            home = self._homes.get(own, "")
            if home in self._shared:
                try:
                    answer = self._file_answers[(home, kind)]
                except KeyError:
                    two = self._in_file(home, folder, kind)
                    answer = self._file_answers[(home, kind)] = \
                        self._best(two[0], kind) if two else None
                if answer is not None:
                    return answer
        slot = (folder, kind)
        try:
            return self._answers[slot]
        except KeyError:
            answer = self._answers[slot] = self._in_folders(folder, kind)
            return answer

    def _in_folders(self, folder: str, kind: Kind) -> Evidence | None:
        if self._kinds is None:
            self._kinds = set().union(*self._found.values())
        if kind in self._kinds:  # else no table has it: spare the scans
            for ancestor in self._ancestors_of(folder):
                for key in self._under(ancestor, kind):
                    return self._best(key, kind)
        return None
