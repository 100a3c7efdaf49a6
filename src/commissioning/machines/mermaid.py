"""Render any machine as a Mermaid ``stateDiagram-v2`` (docs, the Control Room)."""

from __future__ import annotations

import re

from commissioning.machines.model import Machine

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def _node(state_id: str) -> str:
    return _UNSAFE.sub("_", state_id)


def to_mermaid(machine: Machine) -> str:
    lines = ["stateDiagram-v2", f"    %% {machine.name} v{machine.version}: {machine.title}"]
    for state in machine.states:
        label = f"{state.n} {state.name}" if state.n is not None else state.name
        lines.append(f'    state "{label}" as {_node(state.id)}')
    lines.append(f"    [*] --> {_node(machine.initial.id)}")
    for t in machine.transitions:
        label = t.event or ""
        if t.confidence < 100:
            label = f"{label} ({t.confidence}%)".strip()
        suffix = f" : {label}" if label else ""
        lines.append(f"    {_node(t.source)} --> {_node(t.target)}{suffix}")
    for state in machine.states:
        if state.final:
            lines.append(f"    {_node(state.id)} --> [*]")
    return "\n".join(lines) + "\n"
