"""Capability gaps become tasks, on the same task machine as table gaps.

Pure. A capability whose claimed level is above its verified one has a gap: the first level that
does not hold. Its task's key is ``venture/capability/<slug>/L<n>``, stable across runs, so
creation is idempotent; the task names what the level needs, where the claim is (the feature
matrix line), which receipts were found, and the command that checks it. The store keeps it as
any task (``TableKey("capability", slug)``, rung ``n``, a :class:`CapabilityKind`), so the
board, the sinks and ``commission tasks`` need nothing new.

:func:`reconcile_capabilities` closes the loop like ``tasks.reconcile`` does for tables: a
level that now holds moves its task to VERIFIED (by the scanner), one that stops holding
reopens it, a lowered claim or a capability gone from the spec cancels it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from commissioning.capabilities import CapabilityAssessment, CapabilityKind, level_name
from commissioning.evidence import TableKey
from commissioning.machines import Machine
from commissioning.machines.workflow import check_transition, is_closed
from commissioning.tasks.model import SCANNER, ChecklistItem, Task, TaskPlan, TaskRecord
from commissioning.tasks.reconcile import (
    CANCELLED,
    COMPLETE,
    REOPENED,
    VERIFIED,
    Move,
    Reconciliation,
    Update,
    closed_reason,
)
from commissioning.tasks.render import keep_ticks
from commissioning.tasks.routing import Routing, route

SCHEMA = "capability"  # the namespace of a capability task's subject in the task store
COMMAND = "commission capabilities"
KEY_MARKER = "<!-- commission-key: {key} -->"

_BODY = """\
`{slug}` ({feature}) claims **{claimed}** in `{spec}` (line {line}), but its evidence verifies \
only **{verified}**. Its next level, **{level} {name}**, does not hold.

## What is missing
{missing}.

## What {level} needs
{needs}

## Where
{where}

## Acceptance
Done when `{verify}` exits 0 in the venture's root: the capability ladder finds {level} \
holding for `{slug}`. A rescan (`commission scan` or `commission capabilities`) that finds it \
moves this task to VERIFIED by itself."""

_CHECKLIST: Mapping[CapabilityKind, tuple[str, ...]] = {
    CapabilityKind.IMPLEMENTED: (
        "Implement {feature}: {capability}",
        "Name its code receipts in the receipts column of `{spec}` (a path, or path#Symbol)",
    ),
    CapabilityKind.TESTED: (
        "Write the end-to-end or integration tests that prove {feature}",
        "Name their files in the tests column of `{spec}`",
        "Run them in CI and keep the report where `[live] reports` finds it (JUnit XML or "
        "Playwright JSON), or POST the result to /api/capabilities/{slug}/evidence",
    ),
    CapabilityKind.USED: (
        "Ship it to real users (capability: {capability})",
        "POST a usage count and its window to /api/capabilities/{slug}/evidence",
    ),
    CapabilityKind.VERIFIED: (
        "Have a named person or agent check {feature} end to end",
        "POST {{\"verified_by\": \"…\"}} to /api/capabilities/{slug}/evidence (or run "
        "`commission capabilities evidence {slug} --verified-by WHO`)",
    ),
}


def capability_key(venture: str, slug: str, n: int) -> str:
    return f"{venture}/capability/{slug}/L{n}"


def verify_command(slug: str, n: int) -> str:
    return f"{COMMAND} verify {slug} --level {n}"


def _fill(text: str, values: Mapping[str, object]) -> str:
    out = text
    for name, value in values.items():
        out = out.replace("{" + name + "}", str(value))
    return out.replace("{{", "{").replace("}}", "}")


def build_capability_task(
    venture: str, a: CapabilityAssessment, ladder: Machine, routing: Routing, spec_path: str,
    spec_line: int = 0,
) -> Task:
    """The task of ``a``'s gap (which must exist)."""
    gap = a.gap
    if gap is None:
        raise ValueError(f"capability {a.slug} has no gap")
    state = next(s for s in ladder.states if s.n == gap.n)
    key = capability_key(venture, a.slug, gap.n)
    verify = verify_command(a.slug, gap.n)
    found = a.results[1].evidence if len(a.results) > 1 else ()
    where = (f"The claim is on line {spec_line} of `{spec_path}`. "
             + ("Code receipts found: " + ", ".join(f"`{r}`" for r in found) + "."
                if found else "No code receipt exists yet."))
    values: dict[str, object] = {
        "slug": a.slug, "feature": a.record.feature_name,
        "capability": a.record.capability_enabled or a.record.feature_name,
        "claimed": level_name(a.claimed), "verified": level_name(a.verified),
        "level": level_name(gap.n), "name": state.name, "spec": spec_path,
        "line": spec_line or "?", "missing": gap.missing.rstrip("."),
        "needs": state.description, "where": where, "verify": verify,
    }
    items = (*(_fill(item, values) for item in _CHECKLIST.get(gap.kind, ())),
             f"Run `{verify}` and see it exit 0")
    title = _fill(str(state.get("task_title", "{slug}: reach {level}")), values)
    return Task(
        key=key, venture=venture, table=TableKey(SCHEMA, a.slug), n=gap.n, kind=gap.kind,
        title=title, body=KEY_MARKER.format(key=key) + "\n" + _fill(_BODY, values),
        checklist=tuple(ChecklistItem(text) for text in items), verify_command=verify,
        schema_path=spec_path, route=route(TableKey(SCHEMA, a.slug), spec_path, routing))


def capability_tasks(
    venture: str, assessments: Iterable[CapabilityAssessment], ladder: Machine, *,
    routing: Routing | None = None, spec_path: str = "docs/feature-matrix.md",
    lines: Mapping[str, int] | None = None,
) -> TaskPlan:
    """One task per capability gap (claim above the verified level), routed."""
    routing = routing or Routing()
    tasks = [build_capability_task(venture, a, ladder, routing, spec_path,
                                   (lines or {}).get(a.slug, 0))
             for a in sorted(assessments, key=lambda a: a.slug)
             if a.gap is not None and a.record.active]
    return TaskPlan(tasks=tuple(tasks),
                    unrouted={t.key: t.route.reason for t in tasks if t.owner is None})


def is_capability_task(record: TaskRecord | Task) -> bool:
    return isinstance(record.kind, CapabilityKind)


class _Planner:
    def __init__(self, machine: Machine, phases: dict[str, str]) -> None:
        self.machine = machine
        self.phases = phases
        self.moves: list[Move] = []
        self.notes: list[str] = []

    def move(self, key: str, target: str, reason: str, facts: Mapping[str, bool]) -> None:
        decision = check_transition(self.machine, self.phases[key], target, facts,
                                    confirmed=True)
        if not decision.ok:
            self.notes.append(f"{key}: {decision.message}")
            return
        self.moves.append(Move(key, self.phases[key], target, reason, decision.confidence,
                               actor=SCANNER, command=COMMAND,
                               closed_reason=closed_reason(self.machine, target, reason)))
        self.phases[key] = target


def reconcile_capabilities(
    machine: Machine, existing: Iterable[TaskRecord], plan: TaskPlan,
    assessments: Iterable[CapabilityAssessment],
) -> Reconciliation:
    """The creates, updates and moves that bring the stored capability tasks in line."""
    stored = {t.key: t for t in existing if is_capability_task(t)}
    planner = _Planner(machine, {key: t.phase for key, t in stored.items()})
    by_slug = {a.slug: a for a in assessments if a.record.active}
    creates = []
    for task in plan.tasks:
        if task.key in stored:
            continue
        creates.append(task)
        planner.phases[task.key] = machine.initial.id
        planner.move(task.key, "PLANNED", "generated with an implementation checklist",
                     {"checklist": bool(task.checklist)})
    for record in sorted(stored.values(), key=lambda t: t.key):
        _follow(planner, record, by_slug.get(record.table.name))
    updates = []
    for task in plan.tasks:
        known = stored.get(task.key)
        if known is None or is_closed(machine, planner.phases[task.key]):
            continue
        checklist = keep_ticks(known.checklist, task.checklist)
        if (known.title, known.body, known.checklist, known.owner, known.owner_source) != (
                task.title, task.body, checklist, task.owner, task.owner_source):
            updates.append(Update(task.key, task, checklist))
    return Reconciliation(creates=tuple(creates), updates=tuple(updates),
                          moves=tuple(planner.moves), phases=dict(planner.phases),
                          initial=machine.initial.id, notes=tuple(planner.notes))


def _follow(planner: _Planner, record: TaskRecord, a: CapabilityAssessment | None) -> None:
    key, phase = record.key, planner.phases[record.key]
    level = level_name(record.n)
    if a is None:
        if not is_closed(planner.machine, phase):
            planner.move(key, CANCELLED, f"capability {record.table.name} is no longer in the "
                         "feature matrix", record.facts(verified=False))
        return
    if a.verified >= record.n:
        if phase not in (VERIFIED, COMPLETE, CANCELLED):
            proof = "; ".join(a.results[record.n].evidence) or "its evidence holds"
            planner.move(key, VERIFIED, f"{level} verified: {proof}",
                         record.facts(verified=True))
    elif a.claimed < record.n:
        if not is_closed(planner.machine, phase):
            planner.move(key, CANCELLED, f"the claim was lowered to {level_name(a.claimed)}",
                         record.facts(verified=False))
    elif phase in (VERIFIED, COMPLETE):
        why = a.results[record.n].reason if record.n < len(a.results) else ""
        planner.move(key, REOPENED, f"regression: {level} no longer holds ({why})",
                     record.facts(verified=False))
