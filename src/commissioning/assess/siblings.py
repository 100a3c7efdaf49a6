"""Which sibling table to follow when a table lacks a kind of evidence.

A gap's task says "put it where orders put theirs". The nearest sibling is the table whose schema
definition sits closest to this one's: the same schema file first, then the deepest shared
directory, ties broken by (schema, name), so the choice is deterministic. Buckets keep their two
best candidates, so a lookup costs the depth of the path, not the number of tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from posixpath import dirname

from commissioning.evidence import Evidence, Kind, TableKey

_Bucket = list[TableKey]  # at most two, best first


def _ancestors(directory: str) -> list[str]:
    """'a/b/c' -> ['a/b/c', 'a/b', 'a', ''] (deepest first)."""
    parts = directory.split("/") if directory else []
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def _offer(bucket: _Bucket, key: TableKey) -> None:
    if key in bucket:
        return
    bucket.append(key)
    bucket.sort()
    del bucket[2:]


class SiblingIndex:
    def __init__(self, evidence: Iterable[Evidence]) -> None:
        items = [e for e in evidence if e.holds and e.path is not None]
        self._schema_path: dict[TableKey, str] = {}
        for item in items:
            if item.kind is Kind.SCHEMA:
                current = self._schema_path.get(item.table)
                if current is None or item.path < current:  # type: ignore[operator]
                    self._schema_path[item.table] = item.path  # type: ignore[assignment]
        self._best: dict[Kind, dict[TableKey, Evidence]] = defaultdict(dict)
        for item in items:
            current_item = self._best[item.kind].get(item.table)
            if current_item is None or item.sort_key() < current_item.sort_key():
                self._best[item.kind][item.table] = item
        self._by_file: dict[Kind, dict[str, _Bucket]] = defaultdict(lambda: defaultdict(list))
        self._by_dir: dict[Kind, dict[str, _Bucket]] = defaultdict(lambda: defaultdict(list))
        for kind, tables in self._best.items():
            for key in tables:
                home = self._schema_path.get(key, "")
                _offer(self._by_file[kind][home], key)
                for ancestor in _ancestors(dirname(home)):
                    _offer(self._by_dir[kind][ancestor], key)

    def nearest(self, table: TableKey, kind: Kind) -> Evidence | None:
        best = self._best.get(kind)
        if not best:
            return None
        home = self._schema_path.get(table, "")
        buckets = [self._by_file[kind].get(home, [])] if home else []
        buckets += [self._by_dir[kind].get(a, []) for a in _ancestors(dirname(home))]
        for bucket in buckets:
            for key in bucket:
                if key != table:
                    return best[key]
        return None
