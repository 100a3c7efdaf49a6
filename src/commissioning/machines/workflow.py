"""Evaluate a workflow machine (seed 003): may this transition happen, and what comes next?

Pure: every function takes the machine and the facts it needs and returns a frozen answer. No
I/O, no clock: whoever applies a decision records when. The machine's own data says everything:
edges and their confidence, ``requires`` (names of facts that must hold), the threshold below
which a person must confirm (``[machine] confirm_below``), tracker status names and keywords, the
commands allowed per phase and the suggested next action (state ``meta``).

Facts are plain booleans by name (``checklist``, ``checklist_complete``, ``verified`` for the task
machine); a fact that is absent is false, so a caller cannot pass a pre-condition by forgetting it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from commissioning.machines.model import Machine, MachineKind, State, Transition

DEFAULT_CONFIRM_BELOW = 80
Facts = Mapping[str, bool]


@dataclass(frozen=True, slots=True)
class Decision:
    """The machine's answer to "may ``source`` move to ``target``?", with its reasons.

    ``allowed`` is False when there is no such edge or a pre-condition fails (``failures``);
    ``allowed_targets`` then lists where ``source`` may go. An allowed transition below the
    threshold ``needs_confirmation`` until the caller passes ``confirmed``.
    """

    source: str
    target: str
    allowed: bool
    confidence: int
    needs_confirmation: bool
    failures: tuple[str, ...] = ()
    allowed_targets: tuple[str, ...] = ()
    event: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        """The transition may be applied now."""
        return self.allowed and not self.needs_confirmation


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The suggested next action of a phase (``command`` may hold ``{key}``, ``{table}``,
    ``{n}``: :meth:`render` fills them)."""

    command: str
    description: str
    confidence: int
    reasoning: str

    def render(self, **values: object) -> Suggestion:
        """The suggestion with its placeholders filled (unknown ones are left as they are)."""
        command = self.command
        for name, value in values.items():
            command = command.replace("{" + name + "}", str(value))
        return Suggestion(command, self.description, self.confidence, self.reasoning)


@dataclass(frozen=True, slots=True)
class CommandCheck:
    allowed: bool
    reason: str = ""
    suggested: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusMatch:
    """How a tracker status name maps to a phase: ``exact`` (a listed name), ``fuzzy`` (a keyword)
    or ``default`` (nothing matched: the machine's fallback, as seed 003 does)."""

    phase: str
    how: str
    matched: str = ""


def _require_workflow(machine: Machine) -> None:
    if machine.kind is not MachineKind.WORKFLOW:
        raise ValueError(f"'{machine.name}' is a {machine.kind.value}, not a workflow")


def _state(machine: Machine, phase: str) -> State | None:
    wanted = phase.strip().upper()
    for state in machine.states:
        if state.id.upper() == wanted or state.name.upper() == wanted:
            return state
    return None


def normalise_phase(machine: Machine, phase: str) -> str | None:
    """The state id for ``phase`` given in any case (``verified`` → ``VERIFIED``), or None."""
    found = _state(machine, phase)
    return None if found is None else found.id


def _table(value: object) -> dict[str, object]:
    """A frozen meta table (tuple of key/value pairs) back as a dict."""
    if isinstance(value, tuple) and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return {str(k): v for k, v in value}
    return {}


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    return () if value is None else (str(value),)


def confirm_below(machine: Machine) -> int:
    value = dict(machine.meta).get("confirm_below", DEFAULT_CONFIRM_BELOW)
    return value if isinstance(value, int) else DEFAULT_CONFIRM_BELOW


def allowed_targets(machine: Machine, phase: str) -> tuple[str, ...]:
    """The phases ``phase`` has an edge to, in definition order, without repeats."""
    seen: list[str] = []
    for transition in machine.outgoing(phase):
        if transition.target not in seen:
            seen.append(transition.target)
    return tuple(seen)


def requirement_text(machine: Machine, fact: str) -> str:
    texts = _table(dict(machine.meta).get("requirements"))
    return str(texts.get(fact, f"pre-condition '{fact}' does not hold"))


def _edge(machine: Machine, source: str, target: str) -> Transition | None:
    return next((t for t in machine.outgoing(source) if t.target == target), None)


def check_transition(
    machine: Machine, source: str, target: str, facts: Facts, *, confirmed: bool = False,
) -> Decision:
    """May a task in ``source`` move to ``target``, given ``facts``?

    Refused when the edge is not declared (the answer lists the allowed targets) or a
    ``requires`` fact does not hold (the answer lists each failure). Allowed below the machine's
    threshold only when ``confirmed``; otherwise ``needs_confirmation`` is set.
    """
    _require_workflow(machine)
    src, dst = _state(machine, source), _state(machine, target)
    if src is None or dst is None:
        unknown = source if src is None else target
        known = tuple(s.id for s in machine.states)
        return Decision(source, target, False, 0, False, allowed_targets=known,
                        message=f"unknown phase '{unknown}'; phases: {', '.join(known)}")
    targets = allowed_targets(machine, src.id)
    edge = _edge(machine, src.id, dst.id)
    if edge is None:
        where = ", ".join(targets) if targets else "nowhere (it is final)"
        return Decision(src.id, dst.id, False, 0, False, allowed_targets=targets,
                        message=f"cannot move from {src.id} to {dst.id}; "
                                f"{src.id} may move to: {where}")
    failures = tuple(requirement_text(machine, fact) for fact in edge.requires
                     if not facts.get(fact, False))
    if failures:
        return Decision(src.id, dst.id, False, 0, False, failures=failures,
                        allowed_targets=targets, event=edge.event,
                        message=f"pre-conditions not met for {dst.id}: " + "; ".join(failures))
    needs = edge.confidence < confirm_below(machine) and not confirmed
    message = (f"{src.id} → {dst.id} has confidence {edge.confidence}% (below "
               f"{confirm_below(machine)}%): it needs confirmation") if needs \
        else f"{src.id} → {dst.id} allowed ({edge.confidence}%)"
    return Decision(src.id, dst.id, True, edge.confidence, needs, allowed_targets=targets,
                    event=edge.event, message=message)


def _suggestion(raw: object) -> Suggestion | None:
    table = _table(raw)
    if not table.get("command"):
        return None
    confidence = table.get("confidence", 80)
    return Suggestion(command=str(table["command"]), description=str(table.get("description", "")),
                      confidence=confidence if isinstance(confidence, int) else 80,
                      reasoning=str(table.get("reasoning", "")))


def suggest_next(machine: Machine, phase: str, facts: Facts) -> Suggestion | None:
    """The suggested next action in ``phase`` (None in a phase with nothing left to do).

    A state's conditional ``suggest`` entries come first: the first whose ``when`` facts all hold
    wins; otherwise its ``next_action``.
    """
    _require_workflow(machine)
    state = _state(machine, phase)
    if state is None:
        return None
    conditional = state.get("suggest", ())
    for raw in conditional if isinstance(conditional, tuple) else ():
        when = _strings(_table(raw).get("when", ()))
        if all(facts.get(fact, False) for fact in when):
            found = _suggestion(raw)
            if found is not None:
                return found
    return _suggestion(state.get("next_action"))


def is_command_allowed(machine: Machine, phase: str, command: str) -> CommandCheck:
    """Is ``command`` one the phase allows (patterns ending in ``*`` match by prefix)?"""
    _require_workflow(machine)
    state = _state(machine, phase)
    if state is None:
        return CommandCheck(False, f"unknown phase: {phase}")
    patterns = _strings(state.get("commands", ()))
    if any(fnmatchcase(command, pattern) for pattern in patterns):
        return CommandCheck(True)
    return CommandCheck(False, f"command {command} is not typically used in the {state.id} phase",
                        suggested=patterns)


def tracker_statuses(machine: Machine, phase: str) -> tuple[str, ...]:
    state = _state(machine, phase)
    return () if state is None else _strings(state.get("tracker_statuses", ()))


def status_for_phase(machine: Machine, phase: str) -> str:
    """The tracker status name pushed for ``phase``: the first of its ``tracker_statuses``."""
    _require_workflow(machine)
    names = tracker_statuses(machine, phase)
    if names:
        return names[0]
    state = _state(machine, phase)
    return machine.initial.name if state is None else state.name


def match_status(machine: Machine, status_name: str) -> StatusMatch:
    """Infer a phase from a tracker status name: an exact listed name (any case), else the first
    state (in definition order) with a keyword contained in it, else the fallback phase."""
    _require_workflow(machine)
    lower = status_name.strip().lower()
    for state in machine.states:
        if lower == state.id.lower():
            return StatusMatch(state.id, "exact", state.id)
        for name in tracker_statuses(machine, state.id):
            if lower == name.lower():
                return StatusMatch(state.id, "exact", name)
    for state in machine.states:
        for keyword in _strings(state.get("status_keywords", ())):
            if keyword.lower() in lower:
                return StatusMatch(state.id, "fuzzy", keyword)
    fallback = str(dict(machine.meta).get("unknown_status_phase", machine.initial.id))
    return StatusMatch(fallback, "default")


def phase_for_status(machine: Machine, status_name: str) -> str:
    """Seed 003's ``inferPhaseFromStatus``: exact names first, then keywords, then IDEA."""
    return match_status(machine, status_name).phase


def is_closed(machine: Machine, phase: str) -> bool:
    """The work of a task in ``phase`` is over (COMPLETE, CANCELLED): trackers close its issue."""
    state = _state(machine, phase)
    return state is not None and (state.final or state.get("closed", False) is True)


def state_meta(machine: Machine, phase: str, key: str) -> object:
    state = _state(machine, phase)
    return None if state is None else state.get(key)
