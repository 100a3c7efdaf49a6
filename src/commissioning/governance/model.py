"""The governance vocabulary (seed 004): routes, action types, the matrix, proposals.

Frozen values only. The store keeps proposals and their events; these are what it returns and
what the pure decisions in ``governance/proposals.py`` take.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Route(StrEnum):
    """Where the governance matrix sends an action type (the three boxes of the seed)."""

    AUTO_APPROVE = "auto_approve"
    NEEDS_REVIEW = "needs_review"
    NEEDS_CEO = "needs_ceo"

    @property
    def state(self) -> str:
        """The proposal machine's state for this route."""
        return self.value.upper()


class Status(StrEnum):
    """The proposal machine's states (machines/definitions/proposal.toml)."""

    SUBMITTED = "SUBMITTED"
    EVALUATION = "EVALUATION"
    AUTO_APPROVE = "AUTO_APPROVE"
    NEEDS_REVIEW = "NEEDS_REVIEW"
    NEEDS_CEO = "NEEDS_CEO"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    EXECUTED = "EXECUTED"


PENDING = (Status.NEEDS_REVIEW.value, Status.NEEDS_CEO.value)


class Executor(StrEnum):
    """What approving an action does by itself; ``NONE``: a person marks it executed."""

    NONE = ""
    WAIVER = "waiver"
    CLAIM = "claim"


@dataclass(frozen=True, slots=True)
class ActionRule:
    """One row of the governance matrix."""

    name: str
    title: str
    route: Route
    description: str = ""
    executes: Executor = Executor.NONE


@dataclass(frozen=True, slots=True)
class GovernanceMatrix:
    """The matrix: action types and their routes, who may decide each route, who holds which
    role. Identities are compared without a leading ``@`` and case-insensitively."""

    actions: Mapping[str, ActionRule]
    approvers: Mapping[Route, tuple[str, ...]]
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def roles_of(self, who: str) -> tuple[str, ...]:
        me = identity(who)
        return tuple(sorted(role for role, people in self.roles.items()
                            if me in {identity(p) for p in people}))

    def people_in(self, roles: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({p for role in roles for p in self.roles.get(role, ())}))


def identity(who: str) -> str:
    """``@Alice`` and ``alice`` are the same person."""
    return who.strip().lstrip("@").lower()


@dataclass(frozen=True, slots=True)
class NewProposal:
    """A proposal as submitted: the action type, its subject (e.g. ``table``/``kind`` for a
    waiver), why, by whom, and an optional expiry (a waiver stops counting after it)."""

    action: str
    subject: tuple[tuple[str, str], ...]
    reason: str
    proposed_by: str
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    id: int
    venture: str
    action: str
    subject: tuple[tuple[str, str], ...]
    reason: str
    proposed_by: str
    status: str
    route: str | None
    created_at: datetime
    updated_at: datetime
    expires_on: date | None = None
    decided_by: str | None = None
    decision_reason: str | None = None

    def get(self, key: str, default: str = "") -> str:
        return dict(self.subject).get(key, default)

    def expired(self, today: date | None) -> bool:
        return self.expires_on is not None and today is not None and today > self.expires_on


@dataclass(frozen=True, slots=True)
class ProposalEvent:
    """One recorded step of a proposal: who, when, from, to, why."""

    proposal_id: int
    at: datetime
    actor: str
    source: str | None
    target: str
    reason: str


@dataclass(frozen=True, slots=True)
class Step:
    """A transition the proposal machine allowed, to be recorded as an event."""

    source: str | None
    target: str
    actor: str
    reason: str
