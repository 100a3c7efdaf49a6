"""Where the venture's delivery stands (seed 004), and the one command that moves it.

``status`` observes (read-only) ``.planning/`` and ``.company/state.json`` and derives the PM
cycle's phase, the company phase, quick-mode tasks, the unmet exit criteria and what comes next.
``advance`` records a quality-gate outcome and moves the company phase as the machine allows:
the gate outcome is checked against the company machine (anything else is refused), recorded
in the store's audit (``gate_events``), and written to ``.company/state.json`` atomically — the
only time commissioning writes in a venture, and only on this explicit command.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from commissioning.act import company_state
from commissioning.config import current_actor, load_venture_config
from commissioning.delivery import (
    COMPANY_STATE,
    CompanyStatus,
    GatePlan,
    PmStatus,
    company_status,
    derive_pm,
    derive_quick,
    plan_gate,
)
from commissioning.errors import UserInputError
from commissioning.machines import Machine, builtin_machine
from commissioning.observe.delivery import observe_delivery, read_company_state
from commissioning.observe.scanner import check_root, venture_name
from commissioning.report import VentureInfo
from commissioning.services.scanning import store_url
from commissioning.store import open_store, store_exists
from commissioning.store.delivery import GateEvent

Document = dict[str, Any]


def company_machine() -> Machine:
    return builtin_machine("company")


def pm_machine() -> Machine:
    return builtin_machine("pm_cycle")


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, tuple | list) else []


def _company(status: CompanyStatus) -> Document:
    return {"phase": status.state, "raw_phase": status.raw_phase or None,
            "goal": status.goal, "branch": status.branch, "blockers": list(status.blockers),
            "role": status.role or None, "steps": list(status.steps),
            "exit_criteria": list(status.exit_criteria), "unmet": list(status.unmet),
            "gates": [{"gate": g.gate, "to": g.target, "description": g.description}
                      for g in status.gates],
            "problem": status.problem, "source": COMPANY_STATE}


def _pm(status: PmStatus, machine: Machine) -> Document:
    state = machine.state(status.state)
    phase = status.phase
    return {
        "state": status.state, "state_name": state.name,
        "phase": None if phase is None else {"n": phase.n, "name": phase.name},
        "evidence": list(status.evidence), "unmet": list(status.unmet),
        "exit_criteria": _strings(state.get("exit_criteria")),
        "next": status.next, "then": status.then,
        "phases": [{"n": p.n, "name": p.name, "context": list(p.context),
                    "plans": list(p.plans), "summaries": list(p.summaries),
                    "verification": p.verification, "verification_passed": p.verification_passed,
                    "uat": p.uat, "uat_approved": p.uat_approved, "verified": p.verified}
                   for p in status.phases],
    }


def status(root: Path) -> Document:
    """``commission workflow status``: derived from the files, nothing written."""
    check_root(root)
    seen = observe_delivery(root)
    company = company_status(company_machine(), seen.company, seen.company_problem)
    pm = derive_pm(pm_machine(), seen.planning)
    quick = derive_quick(seen.planning)
    pm_doc = _pm(pm, pm_machine())
    company_doc = _company(company)
    nexts = []
    if company.state is not None and company.gates:
        nexts.append("company: " + ", ".join(f"--gate {g['gate']} → {g['to']}"
                                             for g in company_doc["gates"]))
    if pm.next:
        nexts.append(f"pm: {pm.next}" + (f" (then {pm.then})" if pm.then else ""))
    return {"venture": venture_name(root, load_venture_config(root)),
            "company": company_doc, "pm": pm_doc,
            "quick": [{"id": q.id, "state": q.state, "files": list(q.files)} for q in quick],
            "next": nexts}


def plan_advance(root: Path, gate: str) -> GatePlan:
    """What ``advance --gate`` would do, or the machine's refusal (nothing is written)."""
    check_root(root)
    state, problem, _ = read_company_state(root)
    return plan_gate(company_machine(), company_status(company_machine(), state, problem), gate)


def advance(root: Path, gate: str, *, by: str | None = None, reason: str = "",
            db: str | None = None) -> Document:
    """Record the gate outcome and move the company phase (``.company/state.json``); ``by``
    defaults to the shell's actor."""
    by = (by or current_actor()).strip()
    if not by:
        raise UserInputError("a gate outcome names who records it (--by)")
    plan = plan_advance(root, gate)
    state, _, data = read_company_state(root)
    at = datetime.now(UTC).replace(microsecond=0)
    prepared = company_state.prepare(root, data, plan.written_phase)
    config = load_venture_config(root)
    venture = VentureInfo(venture_name(root, config), str(root))
    why = reason.strip() or plan.description or f"gate {plan.gate}"
    try:
        with open_store(store_url(root, db)) as store:
            store.gates.record(venture, GateEvent("company", plan.gate, plan.source,
                                                  plan.target, by.strip(), why, at))
    except BaseException:
        prepared.discard()
        raise
    prepared.commit()
    return {"machine": "company", "gate": plan.gate, "from": plan.source, "to": plan.target,
            "phase_written": plan.written_phase, "file": COMPANY_STATE, "by": by.strip(),
            "reason": why, "at": at.isoformat().replace("+00:00", "Z"),
            "previous_phase": None if state is None else state.phase}


def gate_history(root: Path, *, db: str | None = None, limit: int = 20) -> list[Document]:
    """The recorded gate outcomes, newest first."""
    check_root(root)
    name = venture_name(root, load_venture_config(root))
    url = store_url(root, db)
    if not store_exists(url):
        return []
    with open_store(url) as store:
        return [{"machine": e.machine, "gate": e.gate, "from": e.source, "to": e.target,
                 "by": e.actor, "reason": e.reason,
                 "at": e.at.isoformat().replace("+00:00", "Z")}
                for e in store.gates.list_for(name, limit=limit)]
