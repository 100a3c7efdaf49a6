"""Gaps become tasks: one per actionable gap, written so an agent needs nothing else.

Pure and deterministic: the same assessment, ladder, templates and routing give the same tasks
in the same order. Only a *missing* rung becomes a task; an *unknown* one (a source could not be
read) never does. The task names the rung, why it matters, the sibling to copy (file, line and
import chain), the checklist, the detector that will close it and the command that checks it.
"""

from __future__ import annotations

from collections.abc import Mapping

from commissioning.assess import Assessment, Gap, TableAssessment
from commissioning.evidence import Evidence, Kind
from commissioning.machines import Machine
from commissioning.report import gap_key
from commissioning.tasks.model import ChecklistItem, Task, TaskPlan, verify_command
from commissioning.tasks.routing import Routing, route
from commissioning.tasks.templates import (
    ACCEPTANCE,
    DEFAULTS,
    GENERIC,
    WHERE_SIBLING,
    Template,
    fill,
)

KEY_MARKER = "<!-- commission-key: {key} -->"


def schema_path(table: TableAssessment) -> str | None:
    """The file that defines the table (its schema evidence), else the one that names it."""
    for kind in (Kind.SCHEMA, Kind.IDEA):
        paths = sorted(e.path for e in table.result(kind).evidence if e.path is not None)
        if paths:
            return paths[0]
    return None


def generate_tasks(
    venture: str,
    assessment: Assessment,
    ladder: Machine,
    *,
    templates: Mapping[Kind, Template] | None = None,
    routing: Routing | None = None,
) -> TaskPlan:
    """One task per actionable gap of ``assessment``, routed; unrouted gaps listed with reasons."""
    chosen = DEFAULTS if templates is None else templates
    routing = routing or Routing()
    tasks: list[Task] = []
    unrouted: dict[str, str] = {}
    for table in assessment.tables:
        gap = table.gap
        if gap is None or not gap.actionable:
            continue
        task = build_task(venture, table, gap, ladder, chosen.get(gap.kind, GENERIC), routing)
        tasks.append(task)
        if task.owner is None:
            unrouted[task.key] = task.route.reason
    tasks.sort(key=lambda t: (t.table.schema, t.table.name, t.n))
    return TaskPlan(tasks=tuple(tasks), unrouted=unrouted)


def _chain(item: Evidence) -> str:
    if not item.via:
        return ""
    return " through " + " → ".join(f"`{step}`" for step in item.via)


def build_task(
    venture: str, table: TableAssessment, gap: Gap, ladder: Machine, template: Template,
    routing: Routing,
) -> Task:
    key = gap_key(venture, gap)
    states = {s.n: s for s in ladder.states}
    rung = states.get(gap.n)
    sibling = gap.sibling
    home = schema_path(table)
    verify = verify_command(table.table.key, gap.n)
    values: dict[str, object] = {
        "table": table.table.key.name,
        "schema": table.table.key.schema,
        "qualified": str(table.table.key),
        "symbol": table.table.symbol or table.table.key.name,
        "n": gap.n,
        "state_name": rung.name if rung else gap.kind.value,
        "kind": gap.kind.value,
        "missing": gap.missing.rstrip("."),
        "current_state": table.state,
        "current_name": table.state_name,
        "sibling_table": sibling.table.name if sibling else "",
        "sibling_at": sibling.location if sibling else "",
        "detector": sibling.detector if sibling else "",
        "verify": verify,
        "chain": _chain(sibling) if sibling else "",
    }
    values["why"] = fill(template.why, values)
    values["where"] = fill(WHERE_SIBLING if sibling else template.where, values)
    values["detector_clause"] = (
        f" — the detector `{sibling.detector}` fires on it, as it does for "
        f"`{sibling.table.name}` at `{sibling.location}`" if sibling
        else f" — any `{gap.kind.value}` detector of the `{table.table.profile}` profile")
    values["acceptance"] = fill(ACCEPTANCE, values)
    title_template = template.title or str(rung.get("task_title", "") if rung else "") \
        or "{table}: add {kind} evidence"
    first = (f"Read how `{sibling.table.name}` does it: `{sibling.location}`{_chain(sibling)}"
             if sibling else str(values["where"]))
    items = (first, *(fill(item, values) for item in template.checklist),
             f"Run `{verify}` and see it exit 0")
    body = KEY_MARKER.format(key=key) + "\n" + fill(template.body, values)
    return Task(
        key=key,
        venture=venture,
        table=table.table.key,
        n=gap.n,
        kind=gap.kind,
        title=fill(title_template, values),
        body=body,
        checklist=tuple(ChecklistItem(text) for text in items if text.strip()),
        verify_command=verify,
        detector=sibling.detector if sibling else None,
        follow=sibling.location if sibling else None,
        schema_path=home,
        route=route(table.table.key, home, routing),
    )
