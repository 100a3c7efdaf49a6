from __future__ import annotations

import json

from hypothesis import assume, given
from hypothesis import strategies as st
from tests.strategies import evidence_lists, tables_for

from commissioning.evidence import (
    Diagnostic,
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Severity,
    TableInfo,
    TableKey,
)

INPUTS = ScanInputs(config_hash="sha256:abc", detectors=(("drizzle", "1"),), profiles=("drizzle",))


def _build(items: list[Evidence], commit: str | None = None) -> EvidenceSnapshot:
    inputs = ScanInputs(INPUTS.config_hash, INPUTS.detectors, INPUTS.profiles, commit)
    return EvidenceSnapshot.build("dairy", inputs, tables_for(items), items)


@given(evidence_lists, st.randoms())
def test_id_is_independent_of_input_order(items: list[Evidence], rnd: object) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _build(items).id == _build(shuffled).id


@given(evidence_lists)
def test_duplicates_collapse(items: list[Evidence]) -> None:
    assert _build(items + items).id == _build(items).id
    assert len(_build(items + items).evidence) == len(set(items))


def test_id_changes_with_evidence_and_config_but_not_commit() -> None:
    key = TableKey("public", "growers")
    a = [Evidence(key, Kind.SCHEMA, "drizzle.pgTable", path="src/db/schema.ts", line=7)]
    b = [Evidence(key, Kind.SCHEMA, "drizzle.pgTable", path="src/db/schema.ts", line=8)]
    assert _build(a).id != _build(b).id
    assert _build(a, commit="1" * 40).id == _build(a, commit="2" * 40).id
    other_config = EvidenceSnapshot.build(
        "dairy", ScanInputs("sha256:other", INPUTS.detectors, INPUTS.profiles),
        tables_for(a), a)
    assert other_config.id != _build(a).id


@given(evidence_lists)
def test_snapshots_with_different_evidence_have_different_ids(items: list[Evidence]) -> None:
    """Moving one item to another table or kind is another snapshot: its id says so."""
    assume(items)
    first = items[0]
    other_table = TableKey(first.table.schema, first.table.name + "_x")
    other_kind = Kind.DATA if first.kind is not Kind.DATA else Kind.SCHEMA
    base = EvidenceSnapshot.build("dairy", INPUTS, [*tables_for(items), TableInfo(
        other_table, "drizzle")], items)
    for moved in (Evidence(other_table, first.kind, first.detector, first.source, first.path,
                           first.line, first.via, first.observed, first.holds),
                  Evidence(first.table, other_kind, first.detector, first.source, first.path,
                           first.line, first.via, first.observed, first.holds)):
        if moved in items:
            continue
        changed = EvidenceSnapshot.build("dairy", INPUTS, base.tables,
                                         [moved, *(i for i in items if i != first)])
        assert changed.evidence != base.evidence
        assert changed.id != base.id


def test_canonical_json_is_sorted_compact_and_parses() -> None:
    key = TableKey("public", "growers")
    snapshot = EvidenceSnapshot.build(
        "dairy", INPUTS, [TableInfo(key, "drizzle", "growers")],
        [Evidence(key, Kind.SCHEMA, "drizzle.pgTable", path="src/db/schema.ts", line=7)],
        diagnostics=[Diagnostic(Severity.INFO, "skipped-binary", "skipped", "logo.png")],
    )
    text = snapshot.canonical_json()
    assert " " not in text.replace("skipped: ", "")  # compact separators
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["evidence"][0] == {"table": "public.growers", "kind": "schema",
                                   "detector": "drizzle.pgTable", "line": 7,
                                   "path": "src/db/schema.ts", "via": []}
    assert snapshot.id.startswith("sha256:") and len(snapshot.id) == 71
