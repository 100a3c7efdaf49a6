"""A machine as plain JSON-ready data (API, `machine show --json`)."""

from __future__ import annotations

from commissioning.machines.model import Machine


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        if value and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                         for v in value):
            return {k: _plain(v) for k, v in value}
        return [_plain(v) for v in value]
    return value


def machine_to_dict(machine: Machine) -> dict[str, object]:
    return {
        "name": machine.name,
        "version": machine.version,
        "kind": machine.kind.value,
        "title": machine.title,
        "description": machine.description,
        "states": [
            {
                "id": s.id, "n": s.n, "name": s.name, "evidence": s.evidence,
                "description": s.description, "initial": s.initial, "final": s.final,
                **{k: _plain(v) for k, v in s.meta},
            }
            for s in machine.states
        ],
        "transitions": [
            {"from": t.source, "to": t.target, "event": t.event, "confidence": t.confidence,
             "requires": list(t.requires), "description": t.description}
            for t in machine.transitions
        ],
    }
