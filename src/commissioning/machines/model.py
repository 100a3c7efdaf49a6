"""Machines as data: states, transitions and their metadata, validated when built.

Two kinds share one model. A *ladder* (table, capability) is derived: its state is computed from
evidence, and its transitions are implicitly rank n to n+1. A *workflow* (task, proposal, phases)
is commanded: its state changes only through a declared transition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class MachineKind(StrEnum):
    LADDER = "ladder"
    WORKFLOW = "workflow"


@dataclass(frozen=True, slots=True)
class State:
    """One state. Ladder states carry a rank ``n`` and the evidence kind that earns them."""

    id: str
    name: str
    description: str = ""
    n: int | None = None
    evidence: str | None = None
    initial: bool = False
    final: bool = False
    # Free-form, machine-specific metadata (tracker status names, allowed commands, …), kept as
    # sorted key/value pairs so the state stays hashable.
    meta: tuple[tuple[str, object], ...] = ()
    line: int | None = None

    def get(self, key: str, default: object = None) -> object:
        for k, v in self.meta:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True)
class Transition:
    source: str
    target: str
    event: str = ""
    confidence: int = 100
    requires: tuple[str, ...] = ()
    description: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Machine:
    name: str
    version: str
    kind: MachineKind
    title: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    description: str = ""
    source: str = "<memory>"
    meta: tuple[tuple[str, object], ...] = field(default=())

    def state(self, state_id: str) -> State:
        for state in self.states:
            if state.id == state_id:
                return state
        raise KeyError(state_id)

    @property
    def initial(self) -> State:
        return next(s for s in self.states if s.initial)

    def outgoing(self, state_id: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.source == state_id)

    def by_rank(self) -> tuple[State, ...]:
        """Ladder states in rank order."""
        return tuple(sorted(self.states, key=lambda s: s.n if s.n is not None else -1))
