"""Proposal decisions on the proposal machine: submit, decide, execute, and the waivers they make.

Pure: each function takes the machine, the matrix and the proposal and returns the steps to
record (the store records every one as an event), or raises. Submission runs SUBMITTED →
EVALUATION → the route the matrix gives; an auto-approved action goes on to APPROVED. A decision
is refused with :class:`PermissionDeniedError` unless the decider holds a role the route
accepts, and never by the proposer; the machine then checks the edge and the reason. An
approved action with an executor (a waiver, a claim) is EXECUTED at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from commissioning.assess import Waiver
from commissioning.capabilities import is_slug, level_name, parse_level
from commissioning.errors import PermissionDeniedError, TransitionRefused, UserInputError
from commissioning.evidence import Kind, TableKey
from commissioning.governance.model import (
    PENDING,
    ActionRule,
    Executor,
    GovernanceMatrix,
    NewProposal,
    ProposalRecord,
    Route,
    Status,
    Step,
    identity,
)
from commissioning.machines import Machine
from commissioning.machines.workflow import allowed_targets, check_transition

WAIVE = "waive_evidence"
RAISE = "raise_claimed_level"
WAIVABLE = tuple(k.value for k in Kind if k is not Kind.IDEA)
GOVERNANCE = "governance"  # the actor of the steps the matrix takes by itself


def rule_for(matrix: GovernanceMatrix, action: str) -> ActionRule:
    rule = matrix.actions.get(action)
    if rule is None:
        raise UserInputError(f"unknown action type '{action}'",
                             hint="action types: " + ", ".join(sorted(matrix.actions)))
    return rule


def check_subject(action: str, subject: Mapping[str, str]) -> None:
    """What each of our action types needs to name; the seed's own take any subject."""
    if action == WAIVE:
        if not subject.get("table") or not subject.get("kind"):
            raise UserInputError("a waiver names a table and an evidence kind")
        if subject["kind"] not in WAIVABLE:
            raise UserInputError(f"'{subject['kind']}' is not an evidence kind that can be "
                                 f"waived", hint="one of: " + ", ".join(WAIVABLE))
    elif action == RAISE:
        if not is_slug(subject.get("slug", "")):
            raise UserInputError("raising a claim names a capability's slug (kebab-case)")
        try:
            parse_level(subject.get("level", ""))
        except ValueError as exc:
            raise UserInputError(str(exc)) from None


def _step(machine: Machine, source: str, target: str, facts: Mapping[str, bool],
          actor: str, reason: str) -> Step:
    decision = check_transition(machine, source, target, facts)
    if not decision.ok:
        raise TransitionRefused(decision.message, allowed=decision.allowed_targets,
                                failures=decision.failures)
    return Step(source, target, actor, reason)


def _executed(rule: ActionRule) -> str:
    if rule.executes is Executor.WAIVER:
        return "executed: the waiver counts from the next scan"
    return "executed: `commission capabilities sync` accepts the higher claim"


def submission(machine: Machine, matrix: GovernanceMatrix,
               new: NewProposal) -> tuple[Route, tuple[Step, ...]]:
    """The route and the steps of a new proposal, up to where it waits (or is executed)."""
    rule = rule_for(matrix, new.action)
    if not new.reason.strip():
        raise UserInputError("a proposal needs a reason: say why")
    if not new.proposed_by.strip():
        raise UserInputError("a proposal names who proposes it (--by)")
    check_subject(new.action, dict(new.subject))
    route = rule.route
    facts = {"route_auto": route is Route.AUTO_APPROVE,
             "route_review": route is Route.NEEDS_REVIEW, "route_ceo": route is Route.NEEDS_CEO}
    approvers = matrix.approvers.get(route, ())
    where = "approved at once (same-role or downstream)" if route is Route.AUTO_APPROVE else \
        f"to be decided by {' or '.join(approvers) or 'nobody (no approver role configured)'}"
    steps = [Step(None, Status.SUBMITTED, new.proposed_by, new.reason.strip()),
             _step(machine, Status.SUBMITTED, Status.EVALUATION, facts, GOVERNANCE,
                   "checked against the governance matrix"),
             _step(machine, Status.EVALUATION, route.state, facts, GOVERNANCE,
                   f"{rule.title}: {route.value}, {where}")]
    if route is Route.AUTO_APPROVE:
        steps.append(_step(machine, route.state, Status.APPROVED, facts, GOVERNANCE,
                           "auto-approved by the governance matrix"))
        if rule.executes is not Executor.NONE:
            steps.append(_step(machine, Status.APPROVED, Status.EXECUTED, facts, GOVERNANCE,
                               _executed(rule)))
    return route, tuple(steps)


def decision(machine: Machine, matrix: GovernanceMatrix, proposal: ProposalRecord, *,
             approve: bool, by: str, reason: str) -> tuple[Step, ...]:
    """The steps of approving or rejecting ``proposal`` as ``by``, or a clear refusal."""
    verb = "approve" if approve else "reject"
    if proposal.status not in PENDING:
        raise TransitionRefused(
            f"proposal #{proposal.id} is {proposal.status}: only a proposal that needs review "
            f"or the CEO can be decided", allowed=allowed_targets(machine, proposal.status))
    route = Route(proposal.route or Route.NEEDS_CEO.value)
    accepted = matrix.approvers.get(route, ())
    held = matrix.roles_of(by)
    if not set(held) & set(accepted):
        people = matrix.people_in(accepted)
        raise PermissionDeniedError(
            f"{by} may not {verb} proposal #{proposal.id} ({proposal.action}, {route.value}): "
            f"it needs the role {' or '.join(accepted) or '(none configured)'}, and {by} holds "
            f"{', '.join(held) or 'no governance role'}",
            role=",".join(held) or "none", needs=accepted,
            hint=(f"ask {', '.join(people)}" if people else
                  "map people to roles in [governance.roles] of commissioning.toml"))
    if identity(by) == identity(proposal.proposed_by):
        raise PermissionDeniedError(
            f"{by} proposed #{proposal.id} and may not {verb} it: someone else in the role "
            f"{' or '.join(accepted)} decides", role=",".join(held), needs=accepted)
    facts = {"decider_in_role": True, "not_proposer": True, "reason_given": bool(reason.strip())}
    target = Status.APPROVED if approve else Status.REJECTED
    steps = [_step(machine, proposal.status, target, facts, by, reason.strip())]
    rule = matrix.actions.get(proposal.action)
    if approve and rule is not None and rule.executes is not Executor.NONE:
        steps.append(_step(machine, Status.APPROVED, Status.EXECUTED, facts, GOVERNANCE,
                           _executed(rule)))
    return tuple(steps)


def execution(machine: Machine, proposal: ProposalRecord, *, by: str, reason: str) -> Step:
    """Mark an approved proposal executed (the action was carried out)."""
    if proposal.status != Status.APPROVED:
        raise TransitionRefused(
            f"proposal #{proposal.id} is {proposal.status}: only an approved proposal is "
            "executed", allowed=allowed_targets(machine, proposal.status))
    return _step(machine, Status.APPROVED, Status.EXECUTED, {}, by,
                 reason.strip() or "the action was carried out")


def waivers_from(proposals: Iterable[ProposalRecord]) -> tuple[Waiver, ...]:
    """Every executed waiver proposal as the :class:`Waiver` that ``assess`` counts (expiry is
    ``assess``'s to apply, with its ``today``)."""
    out = []
    for p in proposals:
        if p.action != WAIVE or p.status != Status.EXECUTED or p.get("kind") not in WAIVABLE:
            continue
        out.append(Waiver(table=TableKey(p.get("schema", "public"), p.get("table")),
                          kind=Kind(p.get("kind")), approved_by=p.decided_by or p.proposed_by,
                          reason=f"{p.reason} (proposal #{p.id})", expires_on=p.expires_on))
    return tuple(sorted(out, key=lambda w: (w.table, w.kind.value, w.reason)))


def raised_claims(proposals: Iterable[ProposalRecord]) -> dict[str, int]:
    """Per capability slug, the highest claim an executed proposal allows."""
    out: dict[str, int] = {}
    for p in proposals:
        if p.action == RAISE and p.status == Status.EXECUTED:
            level = parse_level(p.get("level", "0"))
            out[p.get("slug")] = max(out.get(p.get("slug"), 0), level)
    return out


def proposal_to_dict(p: ProposalRecord, *, today: date | None = None) -> dict[str, object]:
    """One proposal as the CLI, the API and the board show it (``expired``: a waiver past its
    expiry on ``today``)."""
    expired = p.expired(today)
    subject = dict(p.subject)
    if p.action == RAISE and "level" in subject:
        subject["level"] = level_name(parse_level(subject["level"]))
    return {"id": p.id, "action": p.action, "subject": subject, "reason": p.reason,
            "proposed_by": p.proposed_by, "status": p.status, "route": p.route,
            "expires_on": p.expires_on.isoformat() if p.expires_on else None,
            "expired": expired, "decided_by": p.decided_by,
            "decision_reason": p.decision_reason,
            "created_at": p.created_at.isoformat().replace("+00:00", "Z"),
            "updated_at": p.updated_at.isoformat().replace("+00:00", "Z")}
