"""The immutable evidence snapshot and its canonical form.

The id is a sha256 over the canonical JSON of what was observed and how (config hash, detector
versions), never over time or file order. The git commit is carried as metadata but kept out of
the id on purpose: an unchanged tree at a new commit is the same evidence, so rescanning it is
recognised as identical and stores nothing new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from commissioning.evidence.model import Diagnostic, Evidence, TableInfo, Unknown


@dataclass(frozen=True, slots=True)
class ScanInputs:
    """The identity of a scan's inputs."""

    config_hash: str
    detectors: tuple[tuple[str, str], ...] = ()
    profiles: tuple[str, ...] = ()
    commit: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceSnapshot:
    """Everything one scan observed, sorted and deduplicated; build it with :meth:`build`."""

    venture: str
    inputs: ScanInputs
    tables: tuple[TableInfo, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    id: str = field(default="", compare=False)

    @classmethod
    def build(
        cls,
        venture: str,
        inputs: ScanInputs,
        tables: Iterable[TableInfo] = (),
        evidence: Iterable[Evidence] = (),
        unknowns: Iterable[Unknown] = (),
        diagnostics: Iterable[Diagnostic] = (),
    ) -> EvidenceSnapshot:
        """Sort and deduplicate every collection so the result is independent of input order."""
        by_key: dict[object, TableInfo] = {}
        for table in sorted(set(tables), key=_table_order):
            by_key.setdefault(table.key, table)
        normalised_inputs = ScanInputs(
            config_hash=inputs.config_hash,
            detectors=tuple(sorted(set(inputs.detectors))),
            profiles=tuple(sorted(set(inputs.profiles))),
            commit=inputs.commit,
        )
        draft = cls(
            venture=venture,
            inputs=normalised_inputs,
            tables=tuple(sorted(by_key.values(), key=TableInfo.sort_key)),
            evidence=tuple(sorted(set(evidence), key=Evidence.sort_key)),
            unknowns=tuple(sorted(set(unknowns), key=Unknown.sort_key)),
            diagnostics=tuple(sorted(set(diagnostics), key=Diagnostic.sort_key)),
        )
        digest = hashlib.sha256(draft.canonical_json().encode("utf-8")).hexdigest()
        return cls(
            venture=draft.venture, inputs=draft.inputs, tables=draft.tables,
            evidence=draft.evidence, unknowns=draft.unknowns, diagnostics=draft.diagnostics,
            id=f"sha256:{digest}",
        )

    def to_dict(self, *, with_commit: bool = False) -> dict[str, object]:
        inputs: dict[str, object] = {
            "config_hash": self.inputs.config_hash,
            "detectors": [list(d) for d in self.inputs.detectors],
            "profiles": list(self.inputs.profiles),
        }
        if with_commit:
            inputs["commit"] = self.inputs.commit
        return {
            "venture": self.venture,
            "inputs": inputs,
            "tables": [table_to_dict(t) for t in self.tables],
            # the status document nests evidence under its table and kind; here they are
            # part of each item, or two snapshots differing only in them would share an id
            "evidence": [{"table": str(e.table), "kind": e.kind.value, **evidence_to_dict(e)}
                         for e in self.evidence],
            "unknowns": [unknown_to_dict(u) for u in self.unknowns],
            "diagnostics": [diagnostic_to_dict(d) for d in self.diagnostics],
        }

    def canonical_json(self) -> str:
        """The byte-stable form hashed into the id (the commit is left out, see the module doc)."""
        return canonical_dumps(self.to_dict())


def canonical_dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _table_order(table: TableInfo) -> tuple[str, str, str, str]:
    return (table.key.schema, table.key.name, table.profile, table.symbol or "")


def table_to_dict(table: TableInfo) -> dict[str, object]:
    return {"schema": table.key.schema, "name": table.key.name,
            "profile": table.profile, "symbol": table.symbol}


def evidence_to_dict(item: Evidence) -> dict[str, object]:
    """The status document's evidence item: file and line, or the live source and observation."""
    out: dict[str, object] = {"detector": item.detector}
    if item.path is not None:
        out["path"] = item.path
        out["line"] = item.line
    if item.source.value != "repo":
        out["source"] = item.source.value
    if item.observed:
        out["observed"] = item.observed
    out["via"] = [str(step) for step in item.via]
    if not item.holds:
        out["holds"] = False
    return out


def unknown_to_dict(item: Unknown) -> dict[str, object]:
    return {
        "table": None if item.table is None else str(item.table),
        "kind": item.kind.value,
        "reason": item.reason,
    }


def diagnostic_to_dict(item: Diagnostic) -> dict[str, object]:
    return {"severity": item.severity.value, "code": item.code, "message": item.message,
            "path": item.path, "line": item.line}
