"""The company workflow's phase, read from ``.company/state.json`` and held to the machine.

Pure. :func:`company_status` names the state the file's ``phase`` stands for (by id, name or
one of the state's ``aliases``), says whether it is one the machine knows, lists its exit
criteria (open blockers are unmet criteria) and the gate outcomes it accepts. :func:`plan_gate`
decides what a gate outcome does: the transition whose ``event`` is that outcome, or a
:class:`TransitionRefused` that lists the outcomes the phase accepts. ``pass`` is refused while
the state file lists blockers.
"""

from __future__ import annotations

from dataclasses import dataclass

from commissioning.delivery.model import CompanyState
from commissioning.errors import TransitionRefused
from commissioning.machines import Machine, State

GATES = ("pass", "fail", "review", "more-testing")


@dataclass(frozen=True, slots=True)
class GateOption:
    gate: str
    target: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class CompanyStatus:
    """Where the company workflow stands. ``state`` None: no state file, or a phase the
    machine does not know (``problem`` says which)."""

    state: str | None
    raw_phase: str = ""
    goal: str = ""
    branch: str = ""
    blockers: tuple[str, ...] = ()
    problem: str | None = None
    exit_criteria: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()
    gates: tuple[GateOption, ...] = ()
    role: str = ""
    steps: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GatePlan:
    """What ``workflow advance --gate`` will do: from, to, and the value written as ``phase``."""

    source: str
    target: str
    gate: str
    written_phase: str
    description: str = ""


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    return () if value is None else (str(value),)


def resolve_phase(machine: Machine, raw: str) -> State | None:
    """The state ``raw`` names: its id, its name, or one of its aliases (any case)."""
    wanted = raw.strip().lower().replace(" ", "_")
    for state in machine.states:
        names = {state.id.lower(), state.name.lower().replace(" ", "_"),
                 *(a.lower() for a in _strings(state.get("aliases")))}
        if wanted in names or raw.strip().lower() in names:
            return state
    return None


def gate_options(machine: Machine, state_id: str) -> tuple[GateOption, ...]:
    return tuple(GateOption(t.event, t.target, t.description)
                 for t in machine.outgoing(state_id))


def company_status(machine: Machine, state: CompanyState | None,
                   problem: str | None = None) -> CompanyStatus:
    if state is None:
        return CompanyStatus(None, problem=problem or "no .company/state.json: the company "
                             "workflow has not started (IDLE)")
    found = resolve_phase(machine, state.phase)
    if found is None:
        known = ", ".join(s.id for s in machine.states)
        return CompanyStatus(None, raw_phase=state.phase, goal=state.goal, branch=state.branch,
                             blockers=state.blockers,
                             problem=f"phase {state.phase!r} is not a state of the company "
                                     f"machine ({known})")
    criteria = _strings(found.get("exit_criteria"))
    unmet = tuple(f"blocker: {b}" for b in state.blockers)
    return CompanyStatus(found.id, raw_phase=state.phase, goal=state.goal, branch=state.branch,
                         blockers=state.blockers, exit_criteria=criteria, unmet=unmet,
                         gates=gate_options(machine, found.id),
                         role=str(found.get("role", "")), steps=_strings(found.get("steps")))


def written_phase(state: State) -> str:
    """The value ``advance`` writes as ``phase``: the state's first alias (the seed's
    lower-case style), else its id."""
    aliases = _strings(state.get("aliases"))
    return aliases[0] if aliases else state.id


def plan_gate(machine: Machine, status: CompanyStatus, gate: str) -> GatePlan:
    """The transition ``gate`` takes from ``status``'s phase, or a refusal naming the gates the
    phase accepts."""
    if status.state is None:
        raise TransitionRefused(f"cannot advance: {status.problem}",
                                hint="fix .company/state.json's `phase`, or start with "
                                     "/company \"goal\"")
    accepted = gate_options(machine, status.state)
    names = tuple(dict.fromkeys(o.gate for o in accepted))
    chosen = next((o for o in accepted if o.gate == gate.strip().lower()), None)
    if chosen is None:
        where = ", ".join(names) if names else "none (the workflow is complete)"
        raise TransitionRefused(f"the {status.state} phase has no '{gate}' gate outcome; "
                                f"it accepts: {where}",
                                allowed=tuple(o.target for o in accepted))
    if chosen.gate == "pass" and status.blockers:
        raise TransitionRefused(
            f"the {status.state} gate cannot pass with open blockers: "
            + "; ".join(status.blockers), failures=status.blockers,
            hint="resolve them (and remove them from .company/state.json `blockers`) first")
    target = machine.state(chosen.target)
    return GatePlan(status.state, target.id, chosen.gate, written_phase(target),
                    chosen.description)
