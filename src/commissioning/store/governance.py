"""The proposal repository: the only writer of ``proposals`` and ``proposal_events``.

Every step the proposal machine allowed is recorded as an event (who, when, from, to, why) in
the same transaction as the status change. A decision is applied only from the status it was
decided from: if someone decided the proposal meanwhile, it is refused, never applied over.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from commissioning.errors import TransitionRefused, UnknownProposalError
from commissioning.governance import (
    NewProposal,
    ProposalEvent,
    ProposalRecord,
    Route,
    Status,
    Step,
)
from commissioning.report import VentureInfo
from commissioning.store.capabilities import venture_id_for, writer
from commissioning.store.failures import failing_as
from commissioning.store.models import ProposalEventRow, ProposalRow, VentureRow

_DECIDED = (Status.APPROVED.value, Status.REJECTED.value)


class ProposalRepository:
    """Proposals of any number of ventures, with their full history."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = writer(engine)

    def submit(self, venture: VentureInfo, new: NewProposal, route: Route,
               steps: Sequence[Step], at: datetime) -> ProposalRecord:
        """Store a new proposal at the status its last step reached, with every step."""
        with failing_as(self._url, "could not submit the proposal", "nothing was stored"), \
                self._writer.begin() as session:
            auto = any(s.target == Status.APPROVED for s in steps)
            row = ProposalRow(
                venture_id=venture_id_for(session, venture, at), action=new.action,
                subject=dict(new.subject), reason=new.reason.strip(),
                proposed_by=new.proposed_by.strip(), status=steps[-1].target,
                route=route.value, expires_on=new.expires_on,
                decided_by=steps[-1].actor if auto else None,
                decision_reason="auto-approved by the governance matrix" if auto else None,
                created_at=at, updated_at=at)
            session.add(row)
            session.flush()
            _events(session, row.id, steps, at)
            return _record(row, venture.name)

    def apply(self, venture: str, proposal_id: int, expected: str, steps: Sequence[Step],
              at: datetime) -> ProposalRecord:
        """Record ``steps`` from ``expected``; the deciding step stamps who and why."""
        with failing_as(self._url, f"could not update proposal #{proposal_id}",
                        "nothing was changed"), self._writer.begin() as session:
            row = _require(session, venture, proposal_id)
            if row.status != expected:
                raise TransitionRefused(
                    f"proposal #{proposal_id} changed meanwhile: it is {row.status}, "
                    f"not {expected}", hint="look at it again (`commission proposals`)")
            for step in steps:
                if step.target in _DECIDED:
                    row.decided_by, row.decision_reason = step.actor, step.reason
            row.status = steps[-1].target
            row.updated_at = at
            _events(session, row.id, steps, at)
            session.flush()
            return _record(row, venture)

    def get(self, venture: str, proposal_id: int) -> ProposalRecord:
        with failing_as(self._url, f"could not read proposal #{proposal_id}"), \
                self._reader() as session:
            return _record(_require(session, venture, proposal_id), venture)

    def list_for(self, venture: str, *, status: str | None = None,
                 action: str | None = None) -> tuple[ProposalRecord, ...]:
        """The venture's proposals, newest first (optionally of one status or action)."""
        query = (select(ProposalRow).join(VentureRow, VentureRow.id == ProposalRow.venture_id)
                 .where(VentureRow.name == venture).order_by(ProposalRow.id.desc()))
        if status is not None:
            query = query.where(ProposalRow.status == status)
        if action is not None:
            query = query.where(ProposalRow.action == action)
        with failing_as(self._url, f"could not read the proposals of '{venture}'"), \
                self._reader() as session:
            return tuple(_record(row, venture) for row in session.scalars(query))

    def events(self, venture: str, proposal_id: int) -> tuple[ProposalEvent, ...]:
        """Every recorded step of the proposal, in the order it happened."""
        with failing_as(self._url, f"could not read the history of #{proposal_id}"), \
                self._reader() as session:
            row = _require(session, venture, proposal_id)
            rows = session.scalars(select(ProposalEventRow)
                                   .where(ProposalEventRow.proposal_id == row.id)
                                   .order_by(ProposalEventRow.id))
            return tuple(ProposalEvent(e.proposal_id, e.at, e.actor, e.from_status, e.to_status,
                                       e.reason) for e in rows)


def _events(session: Session, proposal_id: int, steps: Sequence[Step], at: datetime) -> None:
    session.add_all(ProposalEventRow(proposal_id=proposal_id, at=at, actor=s.actor,
                                     from_status=s.source, to_status=s.target, reason=s.reason)
                    for s in steps)


def _require(session: Session, venture: str, proposal_id: int) -> ProposalRow:
    row: ProposalRow | None = session.scalars(
        select(ProposalRow).join(VentureRow, VentureRow.id == ProposalRow.venture_id)
        .where(VentureRow.name == venture, ProposalRow.id == proposal_id)).one_or_none()
    if row is None:
        raise UnknownProposalError(f"no proposal #{proposal_id} in venture '{venture}'",
                                   hint="`commission proposals` lists them")
    return row


def _record(row: ProposalRow, venture: str) -> ProposalRecord:
    return ProposalRecord(
        id=row.id, venture=venture, action=row.action,
        subject=tuple(sorted((str(k), str(v)) for k, v in row.subject.items())),
        reason=row.reason, proposed_by=row.proposed_by, status=row.status, route=row.route,
        created_at=row.created_at, updated_at=row.updated_at, expires_on=row.expires_on,
        decided_by=row.decided_by, decision_reason=row.decision_reason)
