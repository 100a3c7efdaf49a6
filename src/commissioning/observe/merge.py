"""The profiles' results folded into one snapshot, with the ideas ``commissioning.toml`` names.

Profiles only read; this only merges, and reports conflicts (two profiles claiming one table)
as diagnostics instead of picking silently. A full scan and an incremental one
(``observe.incremental``) both end here, so they build the snapshot the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from commissioning.config import CONFIG_FILE, VentureConfig
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
from commissioning.observe.profiles.base import Profile, ProfileResult


def fold(profiles: Sequence[Profile], results: Sequence[ProfileResult], config: VentureConfig,
         tree_notes: Sequence[Diagnostic], *, venture: str,
         commit: str | None = None) -> EvidenceSnapshot:
    """The profiles' results as one snapshot, with the ideas of ``commissioning.toml``."""
    tables, conflicts = _merge_tables(profiles, results)
    idea_tables, idea_evidence = _ideas(config, tables)
    components = sorted({c for r in results for c in r.components} | {p.name for p in profiles})
    detectors = [d for r in results for d in r.detectors] + [(p.name, p.version) for p in profiles]
    return EvidenceSnapshot.build(
        venture=venture,
        inputs=ScanInputs(config_hash=config.config_hash, detectors=tuple(detectors),
                          profiles=tuple(components), commit=commit),
        tables=[*tables.values(), *idea_tables],
        evidence=[e for r in results for e in r.evidence] + idea_evidence,
        unknowns=[u for r in results for u in r.unknowns],
        diagnostics=[d for r in results for d in r.diagnostics] + conflicts + list(tree_notes),
    )


def _merge_tables(
    profiles: Sequence[Profile], results: Sequence[ProfileResult]
) -> tuple[dict[TableKey, TableInfo], list[Diagnostic]]:
    tables: dict[TableKey, TableInfo] = {}
    conflicts: list[Diagnostic] = []
    ordered = sorted(zip(profiles, results, strict=True), key=lambda pr: pr[0].name)
    for profile, result in ordered:
        for table in sorted(result.tables, key=TableInfo.sort_key):
            first = tables.get(table.key)
            if first is None:
                tables[table.key] = table
            elif first.profile != table.profile:
                conflicts.append(Diagnostic(
                    Severity.WARNING, "table-claimed-twice",
                    f"table {table.key} is defined by both the '{first.profile}' and the "
                    f"'{profile.name}' profile; its evidence from both is kept, listed under "
                    f"'{first.profile}'"))
    return tables, conflicts


def _ideas(
    config: VentureConfig, defined: dict[TableKey, TableInfo]
) -> tuple[list[TableInfo], list[Evidence]]:
    tables: list[TableInfo] = []
    evidence: list[Evidence] = []
    for idea in config.ideas:
        key = TableKey(idea.schema_, idea.name)
        evidence.append(Evidence(key, Kind.IDEA, "config.idea", path=CONFIG_FILE,
                                 line=config.idea_lines.get(idea.name), observed=idea.note))
        if key not in defined:
            tables.append(TableInfo(key, profile="idea"))
    return tables, evidence
