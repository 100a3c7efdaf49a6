"""Parse and validate a machine definition (TOML text) into a :class:`Machine`.

Pure: it takes the text and a name for messages. Every rejection names the line: a TOML syntax
error by tomllib's own position, a semantic error by the line of the ``[[states]]`` or
``[[transitions]]`` entry that holds it.
"""

from __future__ import annotations

import re
import tomllib
from collections import deque
from itertools import pairwise
from typing import Any

from commissioning.errors import MachineDefinitionError
from commissioning.machines.model import Machine, MachineKind, State, Transition

_HEADER = re.compile(r"^\s*\[\[\s*(states|transitions)\s*\]\]\s*(#.*)?$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_STATE_KEYS = {"id", "name", "description", "n", "evidence", "initial", "final", "meta"}
_TRANSITION_KEYS = {"from", "to", "event", "confidence", "requires", "description"}


def parse_machine(text: str, source: str = "<memory>") -> Machine:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.search(str(exc))
        line = int(match.group(1)) if match else None
        raise MachineDefinitionError(f"not valid TOML: {exc}", source=source, line=line) from exc
    lines = _entry_lines(text)
    return _build(data, lines, source)


def _entry_lines(text: str) -> dict[str, list[int]]:
    """The 1-based line of each ``[[states]]`` / ``[[transitions]]`` header, in order."""
    found: dict[str, list[int]] = {"states": [], "transitions": []}
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(raw)
        if match:
            found[match.group(1)].append(number)
    return found


def _build(data: dict[str, Any], lines: dict[str, list[int]], source: str) -> Machine:
    header = data.get("machine")
    if not isinstance(header, dict):
        raise MachineDefinitionError("missing the [machine] table", source=source, line=1)
    name = _required_str(header, "name", source, None)
    try:
        kind = MachineKind(str(header.get("kind", "")))
    except ValueError:
        raise MachineDefinitionError(
            f"[machine] kind must be one of {[k.value for k in MachineKind]}, "
            f"got {header.get('kind')!r}", source=source, line=None) from None
    states = tuple(
        _state(raw, source, _line(lines, "states", i))
        for i, raw in enumerate(_array(data, "states", source))
    )
    transitions = tuple(
        _transition(raw, source, _line(lines, "transitions", i))
        for i, raw in enumerate(_array(data, "transitions", source, required=False))
    )
    if kind is MachineKind.LADDER:
        states, transitions = _ladder_shape(states, transitions, source)
    machine = Machine(
        name=name,
        version=str(header.get("version", "1")),
        kind=kind,
        title=str(header.get("title", name)),
        description=str(header.get("description", "")),
        states=states,
        transitions=transitions,
        source=source,
        meta=_meta(header, exclude={"name", "version", "kind", "title", "description"}),
    )
    validate(machine)
    return machine


def _line(lines: dict[str, list[int]], table: str, index: int) -> int | None:
    found = lines[table]
    return found[index] if index < len(found) else None


def _array(
    data: dict[str, Any], key: str, source: str, *, required: bool = True
) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise MachineDefinitionError(f"'{key}' must be an array of tables ([[{key}]])",
                                     source=source)
    if required and not value:
        raise MachineDefinitionError(f"no [[{key}]] defined", source=source)
    return value


def _required_str(raw: dict[str, Any], key: str, source: str, line: int | None) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise MachineDefinitionError(f"'{key}' is required and must be a non-empty string",
                                     source=source, line=line)
    return value


def _meta(raw: dict[str, Any], exclude: set[str]) -> tuple[tuple[str, object], ...]:
    extra = dict(raw.get("meta", {})) if isinstance(raw.get("meta"), dict) else {}
    extra.update({k: v for k, v in raw.items() if k not in exclude and k != "meta"})
    return tuple(sorted((k, _freeze(v)) for k, v in extra.items()))


def _freeze(value: object) -> object:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    return value


def _state(raw: dict[str, Any], source: str, line: int | None) -> State:
    state_id = _required_str(raw, "id", source, line)
    n = raw.get("n")
    if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 0):
        raise MachineDefinitionError(f"state '{state_id}': 'n' must be a non-negative integer",
                                     source=source, line=line)
    for flag in ("initial", "final"):
        if not isinstance(raw.get(flag, False), bool):
            raise MachineDefinitionError(f"state '{state_id}': '{flag}' must be true or false",
                                         source=source, line=line)
    evidence = raw.get("evidence")
    if evidence is not None and not isinstance(evidence, str):
        raise MachineDefinitionError(f"state '{state_id}': 'evidence' must be a string",
                                     source=source, line=line)
    return State(
        id=state_id,
        name=str(raw.get("name", state_id)),
        description=str(raw.get("description", "")),
        n=n,
        evidence=evidence,
        initial=bool(raw.get("initial", False)),
        final=bool(raw.get("final", False)),
        meta=_meta(raw, exclude=_STATE_KEYS),
        line=line,
    )


def _transition(raw: dict[str, Any], source: str, line: int | None) -> Transition:
    unknown = set(raw) - _TRANSITION_KEYS
    if unknown:
        raise MachineDefinitionError(
            f"transition has unknown keys {sorted(unknown)}; allowed: {sorted(_TRANSITION_KEYS)}",
            source=source, line=line)
    confidence = raw.get("confidence", 100)
    if isinstance(confidence, bool) or not isinstance(confidence, int) \
            or not 0 <= confidence <= 100:
        raise MachineDefinitionError("transition 'confidence' must be an integer 0..100",
                                     source=source, line=line)
    requires = raw.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        raise MachineDefinitionError("transition 'requires' must be a list of strings",
                                     source=source, line=line)
    return Transition(
        source=_required_str(raw, "from", source, line),
        target=_required_str(raw, "to", source, line),
        event=str(raw.get("event", "")),
        confidence=confidence,
        requires=tuple(requires),
        description=str(raw.get("description", "")),
        line=line,
    )


def _ladder_shape(
    states: tuple[State, ...], transitions: tuple[Transition, ...], source: str
) -> tuple[tuple[State, ...], tuple[Transition, ...]]:
    """A ladder's ranks run 0..N without holes; its transitions are implied (n to n+1)."""
    for state in states:
        if state.n is None:
            raise MachineDefinitionError(f"ladder state '{state.id}' needs a rank 'n'",
                                         source=source, line=state.line)
        if state.n > 0 and not state.evidence:
            raise MachineDefinitionError(f"ladder state '{state.id}' needs an 'evidence' kind",
                                         source=source, line=state.line)
    ordered = sorted(states, key=lambda s: s.n or 0)
    for expected, state in enumerate(ordered):
        if state.n != expected:
            raise MachineDefinitionError(
                f"ladder ranks must run 0..{len(states) - 1} without gaps or repeats; "
                f"state '{state.id}' has n = {state.n}, expected {expected}",
                source=source, line=state.line)
    if transitions:
        raise MachineDefinitionError("a ladder declares no [[transitions]]: they are implied",
                                     source=source, line=transitions[0].line)
    last = len(ordered) - 1
    shaped = tuple(
        State(id=s.id, name=s.name, description=s.description, n=s.n, evidence=s.evidence,
              initial=s.n == 0, final=s.n == last, meta=s.meta, line=s.line)
        for s in ordered
    )
    implied = tuple(
        Transition(source=a.id, target=b.id, event=b.evidence or "", line=b.line)
        for a, b in pairwise(shaped)
    )
    return shaped, implied


def validate(machine: Machine) -> None:
    """One initial state, unique ids, known endpoints, everything reachable, finals reachable."""
    source = machine.source
    seen: dict[str, State] = {}
    for state in machine.states:
        if state.id in seen:
            raise MachineDefinitionError(f"state id '{state.id}' is defined twice",
                                         source=source, line=state.line)
        seen[state.id] = state
    initials = [s for s in machine.states if s.initial]
    if len(initials) != 1:
        raise MachineDefinitionError(
            f"exactly one state must be initial, found {len(initials)}"
            + (f": {[s.id for s in initials]}" if initials else ""), source=source)
    for transition in machine.transitions:
        for end in (transition.source, transition.target):
            if end not in seen:
                raise MachineDefinitionError(
                    f"transition {transition.source} -> {transition.target} names unknown "
                    f"state '{end}'", source=source, line=transition.line)
    reachable = _reachable(machine, initials[0].id)
    for state in machine.states:
        if state.id not in reachable:
            raise MachineDefinitionError(f"state '{state.id}' cannot be reached from "
                                         f"'{initials[0].id}'", source=source, line=state.line)
        if state.final and machine.outgoing(state.id) and machine.kind is MachineKind.WORKFLOW:
            raise MachineDefinitionError(f"final state '{state.id}' has outgoing transitions",
                                         source=source, line=state.line)
        if not state.final and not machine.outgoing(state.id):
            raise MachineDefinitionError(
                f"state '{state.id}' is a trap: no way out and not marked final",
                source=source, line=state.line)
    finals = [s for s in machine.states if s.final]
    if not finals:
        raise MachineDefinitionError("no final state", source=source)


def _reachable(machine: Machine, start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for transition in machine.outgoing(current):
            if transition.target not in seen:
                seen.add(transition.target)
                queue.append(transition.target)
    return seen
