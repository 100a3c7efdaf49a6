"""Where a scan's gaps meet the stored tasks: plan before the scan is saved, apply after.

``prepare_scan_tasks`` reads the venture's CODEOWNERS (through ``observe``), generates the tasks
(pure), reads the stored ones and plans the reconciliation (pure), so the status document can
carry each gap's task, its phase after this scan and the route rate. ``apply_scan_tasks`` writes
that plan once the scan is stored: new tasks, evidence that closed a task (VERIFIED, by the
scanner), evidence that disappeared (a regression), tables that disappeared (CANCELLED), each
queued for the configured sinks. Running it twice on the same scan changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commissioning.assess import Assessment
from commissioning.config import VentureConfig
from commissioning.errors import ConfigError
from commissioning.evidence import Kind
from commissioning.machines import Machine, builtin_machine
from commissioning.observe.codeowners import find_codeowners
from commissioning.report import TaskRef, VentureInfo
from commissioning.store import Store
from commissioning.store.tasks import Delivery
from commissioning.tasks import (
    Reconciliation,
    Routing,
    RoutingRule,
    TaskPlan,
    TaskRecord,
    Template,
    generate_tasks,
    reconcile,
    resolve_templates,
    schema_path,
)
from commissioning.tasks.capabilities import is_capability_task

COMMENT_SINKS = frozenset({"linear"})  # sinks that get one comment per transition


def task_machine() -> Machine:
    return builtin_machine("task")


def delivery_for(config: VentureConfig) -> Delivery:
    """Which sinks a change queues work for (the store itself needs none)."""
    sinks = tuple(s for s in dict.fromkeys(config.tasks.sinks) if s != "store")
    return Delivery(upserts=sinks, comments=tuple(s for s in sinks if s in COMMENT_SINKS))


def templates_for(config: VentureConfig) -> dict[Kind, Template]:
    overrides = {kind: section.model_dump(exclude_none=True)
                 for kind, section in config.tasks.templates.items()}
    try:
        return resolve_templates(overrides)
    except ValueError as exc:
        raise ConfigError(str(exc), key="tasks.templates") from None


def routing_for(root: Path, config: VentureConfig, assessment: Assessment) -> Routing:
    """Config rules and the CODEOWNERS facts of every table's schema file."""
    rules = tuple(RoutingRule(owner=r.owner, table=r.table, path=r.path)
                  for r in config.routing.rules)
    found = find_codeowners(root) if config.routing.codeowners else None
    ownership = {}
    if found is not None:
        paths = {p for t in assessment.tables if (p := schema_path(t)) is not None}
        ownership = found.owners_of(paths)
    return Routing(rules=rules, default=config.routing.default, ownership=ownership,
                   codeowners_file=found.path if found else None)


def plan_tasks(root: Path, config: VentureConfig, venture: str,
               assessment: Assessment) -> TaskPlan:
    """The tasks of ``assessment``'s gaps, routed, as the templates of ``config`` write them."""
    return generate_tasks(venture, assessment, builtin_machine("table"),
                          templates=templates_for(config),
                          routing=routing_for(root, config, assessment))


@dataclass(frozen=True, slots=True)
class ScanTasks:
    """A scan's tasks, planned: what the status document says and what the store will do."""

    plan: TaskPlan
    reconciliation: Reconciliation
    existing: Mapping[str, TaskRecord] = field(default_factory=dict)
    refs: Mapping[str, TaskRef] = field(default_factory=dict)
    unrouted: Mapping[str, str] = field(default_factory=dict)





def task_refs(
    machine: Machine, plan: TaskPlan, phases: Mapping[str, str],
    existing: Mapping[str, TaskRecord],
) -> tuple[dict[str, TaskRef], dict[str, str]]:
    """The status document's view: routed gaps with their task; the others with a reason.

    A gap is routed when its task is open (not cancelled) and has an owner.
    """
    refs: dict[str, TaskRef] = {}
    unrouted: dict[str, str] = {}
    for task in plan.tasks:
        phase = phases.get(task.key, machine.initial.id)
        if machine.state(phase).final:
            record = existing.get(task.key)
            why = record.closed_reason if record and record.closed_reason else "no reason given"
            unrouted[task.key] = f"its task was {phase.lower()}: {why}"
        elif task.owner is None:
            unrouted[task.key] = task.route.reason
        else:
            refs[task.key] = TaskRef(key=task.key, phase=phase, owner=task.owner)
    return refs, unrouted


def prepare_scan_tasks(
    root: Path, config: VentureConfig, venture: VentureInfo, assessment: Assessment, *,
    store: Store | None,
) -> ScanTasks:
    """Plan the tasks of a scan before it is stored (``store`` None: nothing stored yet)."""
    machine = task_machine()
    plan = plan_tasks(root, config, venture.name, assessment)
    stored = store.tasks.list_tasks(venture.name) if store is not None else ()
    existing = {t.key: t for t in stored
                if not is_capability_task(t)}  # a capability's task follows its ladder
    plan_ = reconcile(machine, existing.values(), plan, assessment,
                      auto_complete=config.tasks.auto_complete)
    refs, unrouted = task_refs(machine, plan, plan_.phases, existing)
    return ScanTasks(plan=plan, reconciliation=plan_, existing=existing, refs=refs,
                     unrouted=unrouted)


def evidence_holds(document: Mapping[str, Any] | None, task: TaskRecord) -> bool:
    """Does the stored scan show the task's rung evidenced (present or waived)? The ``verified``
    fact of the task machine."""
    if not document:
        return False
    if is_capability_task(task):  # its level holds in the scan's capabilities
        return any(c.get("slug") == task.table.name
                   and int(str(c.get("verified_level", "L0")).lstrip("L") or 0) >= task.n
                   for c in document.get("capabilities", []))
    for table in document.get("tables", []):
        if table.get("name") == task.table.name and table.get("schema") == task.table.schema:
            kind = task.kind.value
            return bool(table.get("evidence", {}).get(kind)) or kind in table.get("waived", {})
    return False
