"""Capabilities where the pure core meets I/O: observe their evidence, assess, plan their tasks.

``prepare_capabilities`` reads the venture's stored capabilities and capability tasks, observes
each capability's receipts (in the tree) and tests (in the ingested reports), assesses them on
the ``capability`` ladder with the service clock's ``today``, and plans the task changes
(pure); ``apply_capabilities`` writes them. The scan runs both, so the status document's
``capabilities`` list and the tasks always agree with the last scan; ``commission capabilities
sync`` and ``verify`` run them too. Nothing here knows a surface.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from commissioning.capabilities import (
    CapabilityAssessment,
    CapabilityRecord,
    Facts,
    assess_capability,
    assessment_to_dict,
    parse_feature_matrix,
)
from commissioning.config import VentureConfig
from commissioning.errors import CommissioningError
from commissioning.machines import Machine, builtin_machine
from commissioning.observe.capabilities import check_receipts, read_spec, test_outcomes
from commissioning.observe.codeowners import find_codeowners
from commissioning.report import VentureInfo
from commissioning.services.live import report_files
from commissioning.services.tasks import delivery_for, task_machine
from commissioning.store import Store
from commissioning.store.tasks import Applied
from commissioning.tasks import Reconciliation, Routing, RoutingRule, TaskRecord
from commissioning.tasks.capabilities import (
    capability_key,
    capability_tasks,
    is_capability_task,
    reconcile_capabilities,
)

Document = dict[str, Any]


def capability_machine() -> Machine:
    return builtin_machine("capability")


@dataclass(frozen=True, slots=True)
class CapabilityRun:
    """The capabilities of one run: assessed, their tasks planned, and the rows to show."""

    assessments: tuple[CapabilityAssessment, ...] = ()
    reconciliation: Reconciliation = field(default_factory=Reconciliation)
    rows: tuple[Document, ...] = ()
    problems: tuple[str, ...] = ()


def observe_facts(root: Path, config: VentureConfig, records: Sequence[CapabilityRecord],
                  reports: Sequence[Path] = ()) -> tuple[dict[str, Facts], tuple[str, ...]]:
    """Per slug, which receipts exist and how its tests fared in the ingested reports."""
    files = report_files(root, config, reports)
    tests = {t.test for r in records for t in r.evidence.test_results}
    outcomes = test_outcomes(root, files, tests)
    facts = {}
    for record in records:
        mine = {t.test for t in record.evidence.test_results}
        facts[record.slug] = Facts(
            receipts=check_receipts(root, record.evidence.receipts),
            tests=tuple(c for c in outcomes.checks if c.test in mine))
    return facts, outcomes.problems


def assess_records(root: Path, config: VentureConfig, records: Sequence[CapabilityRecord], *,
                   today: date | None, reports: Sequence[Path] = (),
                   ) -> tuple[tuple[CapabilityAssessment, ...], tuple[str, ...]]:
    machine = capability_machine()
    facts, problems = observe_facts(root, config, records, reports)
    return tuple(assess_capability(r, facts[r.slug], machine, today=today,
                                   freshness_days=config.capabilities.freshness_days)
                 for r in records), problems


def routing_for(root: Path, config: VentureConfig) -> Routing:
    """The routing rules and default of ``[routing]``, and the CODEOWNERS owners of the matrix."""
    rules = tuple(RoutingRule(owner=r.owner, table=r.table, path=r.path)
                  for r in config.routing.rules)
    found = find_codeowners(root) if config.routing.codeowners else None
    ownership = found.owners_of({config.capabilities.spec}) if found else {}
    return Routing(rules=rules, default=config.routing.default, ownership=ownership,
                   codeowners_file=found.path if found else None)


def spec_lines(root: Path, config: VentureConfig) -> dict[str, int]:
    """Each slug's line in the matrix, for the tasks (none when the matrix cannot be read)."""
    try:
        specs = parse_feature_matrix(read_spec(root, config.capabilities.spec),
                                     config.capabilities.spec)
    except CommissioningError:
        return {}
    return {s.slug: s.line for s in specs}


def capability_rows(assessments: Sequence[CapabilityAssessment], venture: str,
                    phases: Mapping[str, str], owners: Mapping[str, str | None],
                    ) -> tuple[Document, ...]:
    """The status document's ``capabilities``: one per capability, with its gap's task (its
    phase from ``phases``, its owner from ``owners``, by task key)."""
    machine = capability_machine()
    rows = []
    for a in sorted(assessments, key=lambda a: a.slug):
        row = assessment_to_dict(a, machine)
        gap = row["gap"]
        if isinstance(gap, dict) and a.gap is not None:
            key = capability_key(venture, a.slug, a.gap.n)
            gap["key"] = key
            gap["task"] = {"key": key, "phase": phases[key], "owner": owners.get(key)} \
                if key in phases else None
        rows.append(row)
    return tuple(rows)


def plan_run(root: Path, config: VentureConfig, venture: str,
             records: Sequence[CapabilityRecord], stored: Sequence[TaskRecord], *,
             today: date | None, reports: Sequence[Path] = ()) -> CapabilityRun:
    """Assess ``records`` and plan their tasks against the ``stored`` ones (no writing)."""
    assessments, problems = assess_records(root, config, records, today=today, reports=reports)
    plan = capability_tasks(venture, assessments, capability_machine(),
                            routing=routing_for(root, config), spec_path=config.capabilities.spec,
                            lines=spec_lines(root, config))
    reconciliation = reconcile_capabilities(task_machine(), stored, plan, assessments)
    return CapabilityRun(assessments=assessments, reconciliation=reconciliation,
                         rows=capability_rows(assessments, venture, reconciliation.phases,
                                              {t.key: t.owner for t in plan.tasks}),
                         problems=problems)


def prepare_capabilities(root: Path, config: VentureConfig, venture: VentureInfo, *,
                         store: Store | None, today: date | None,
                         reports: Sequence[Path] = ()) -> CapabilityRun:
    """The scan's capabilities: none until ``commission capabilities sync`` has stored some."""
    if store is None:
        return CapabilityRun()
    records = store.capabilities.list_for(venture.name)
    stored = tuple(t for t in store.tasks.list_tasks(venture.name) if is_capability_task(t))
    if not records and not stored:
        return CapabilityRun()
    return plan_run(root, config, venture.name, records, stored, today=today, reports=reports)


def apply_capabilities(store: Store, venture: VentureInfo, run: CapabilityRun, at: datetime,
                       config: VentureConfig) -> Applied:
    """Write the planned capability task changes (a no-op when nothing changed)."""
    if run.reconciliation.empty:
        return Applied()
    return store.tasks.apply(venture, run.reconciliation, at, delivery_for(config))
