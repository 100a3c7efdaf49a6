"""The governance commands behind ``commission propose``/``proposals`` and ``/api/proposals``.

A proposal is submitted, routed by the venture's governance matrix through the proposal machine,
decided by someone in a role the route accepts (never by its proposer), and executed; every
step is recorded. Who is acting: the CLI trusts ``--by`` (the shell already has the store in
hand, as git trusts a commit's author); the API takes the bearer token's name, and its role
must allow proposing or deciding at all (``services/auth.py``) before the governance roles are
checked. A waiver counts from the next scan; an expired one stops counting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from commissioning.config import VentureConfig, current_actor, load_venture_config
from commissioning.errors import NoScanError, UserInputError
from commissioning.governance import (
    WAIVE,
    NewProposal,
    ProposalRecord,
    decision,
    execution,
    matrix_to_dict,
    proposal_to_dict,
    submission,
)
from commissioning.machines import Machine, builtin_machine
from commissioning.observe.scanner import check_root, venture_name
from commissioning.report import VentureInfo
from commissioning.services.auth import Principal
from commissioning.services.context import Workspace
from commissioning.services.governance import matrix_for
from commissioning.services.queries import current_status
from commissioning.services.scanning import find_table, latest_status, store_url
from commissioning.store import Store, open_store, store_exists

Document = dict[str, Any]


def proposal_machine() -> Machine:
    return builtin_machine("proposal")


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Venture:
    """One venture as the governance commands need it."""

    root: Path
    info: VentureInfo
    config: VentureConfig

    @property
    def name(self) -> str:
        return self.info.name


def venture_at(root: Path) -> Venture:
    check_root(root)
    config = load_venture_config(root)
    return Venture(root, VentureInfo(venture_name(root, config), str(root)), config)


def parse_expiry(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserInputError(f"not a date: {text!r}", hint="use YYYY-MM-DD") from None


def waiver_subject(document: Mapping[str, Any] | None, table: str,
                   kind: str) -> dict[str, str]:
    """A waiver's subject, its table resolved against the last scan (schema and name)."""
    if document is None:
        raise NoScanError("a waiver names a table of the last scan, and none is stored",
                          hint="run `commission scan` first")
    found = find_table(dict(document), table)
    return {"table": found["name"], "schema": found["schema"], "kind": kind}


def _shown(record: ProposalRecord, store: Store, venture: Venture) -> Document:
    today = _now().date()
    events = store.proposals.events(venture.name, record.id)
    return {**proposal_to_dict(record, today=today),
            "events": [{"at": e.at.isoformat().replace("+00:00", "Z"), "actor": e.actor,
                        "from": e.source, "to": e.target, "reason": e.reason}
                       for e in events]}


def submit_in(store: Store, venture: Venture, action: str, subject: Mapping[str, str], *,
              reason: str, by: str, expires_on: date | None = None) -> Document:
    """Submit a proposal: evaluated against the matrix at once, every step recorded."""
    new = NewProposal(action=action, subject=tuple(sorted(subject.items())), reason=reason,
                      proposed_by=by, expires_on=expires_on)
    route, steps = submission(proposal_machine(), matrix_for(venture.config), new)
    record = store.proposals.submit(venture.info, new, route, steps, _now())
    return _shown(record, store, venture)


def decide_in(store: Store, venture: Venture, proposal_id: int, *, approve: bool, by: str,
              reason: str) -> Document:
    """Approve or reject as ``by``: refused unless ``by`` holds a role the route accepts."""
    record = store.proposals.get(venture.name, proposal_id)
    steps = decision(proposal_machine(), matrix_for(venture.config), record, approve=approve,
                     by=by, reason=reason)
    updated = store.proposals.apply(venture.name, proposal_id, record.status, steps, _now())
    return _shown(updated, store, venture)


def execute_in(store: Store, venture: Venture, proposal_id: int, *, by: str,
               reason: str = "") -> Document:
    record = store.proposals.get(venture.name, proposal_id)
    step = execution(proposal_machine(), record, by=by, reason=reason)
    updated = store.proposals.apply(venture.name, proposal_id, record.status, (step,), _now())
    return _shown(updated, store, venture)


def board_in(store: Store, venture: Venture, *, status: str | None = None) -> Document:
    """Every proposal (newest first), the matrix, and who holds which role."""
    machine = proposal_machine()
    wanted = None
    if status:
        wanted = next((s.id for s in machine.states if s.id.lower() == status.strip().lower()),
                      None)
        if wanted is None:
            raise UserInputError(f"unknown status '{status}'",
                                 hint="one of: " + ", ".join(s.id for s in machine.states))
    today = _now().date()
    records = store.proposals.list_for(venture.name, status=wanted)
    rows = [proposal_to_dict(r, today=today) for r in records]
    return {"venture": venture.name, "proposals": rows,
            "pending": sum(1 for r in records if r.status in ("NEEDS_REVIEW", "NEEDS_CEO")),
            "statuses": [{"id": s.id, "name": s.name} for s in machine.states],
            "matrix": matrix_to_dict(matrix_for(venture.config))}


def show_in(store: Store, venture: Venture, proposal_id: int) -> Document:
    return _shown(store.proposals.get(venture.name, proposal_id), store, venture)


# -- the CLI: open the store, run one command, close ---------------------------------------------


def propose_waiver(root: Path, table: str, kind: str, *, reason: str, by: str | None = None,
                   expires_on: date | None = None, db: str | None = None) -> Document:
    """``commission propose waive TABLE KIND`` (``by`` defaults to the shell's actor)."""
    venture = venture_at(root)
    try:
        document: Document | None = latest_status(root, db=db)
    except NoScanError:
        document = None
    subject = waiver_subject(document, table, kind)
    with open_store(store_url(root, db)) as store:
        return submit_in(store, venture, WAIVE, subject, reason=reason,
                         by=by or current_actor(), expires_on=expires_on)


def propose(root: Path, action: str, subject: Mapping[str, str], *, reason: str,
            by: str | None = None, expires_on: date | None = None,
            db: str | None = None) -> Document:
    """``commission propose action TYPE``: any action type of the matrix."""
    if action == WAIVE:
        return propose_waiver(root, subject.get("table", ""), subject.get("kind", ""),
                              reason=reason, by=by, expires_on=expires_on, db=db)
    with open_store(store_url(root, db)) as store:
        return submit_in(store, venture_at(root), action, subject, reason=reason,
                         by=by or current_actor(), expires_on=expires_on)


def proposals(root: Path, *, status: str | None = None, db: str | None = None) -> Document:
    """``commission proposals`` (reading creates no store: a venture without one has none)."""
    url = store_url(root, db)
    venture = venture_at(root)
    if not store_exists(url):
        machine = proposal_machine()
        return {"venture": venture.name, "proposals": [], "pending": 0,
                "statuses": [{"id": s.id, "name": s.name} for s in machine.states],
                "matrix": matrix_to_dict(matrix_for(venture.config))}
    with open_store(url) as store:
        return board_in(store, venture, status=status)


def show(root: Path, proposal_id: int, *, db: str | None = None) -> Document:
    with open_store(store_url(root, db)) as store:
        return show_in(store, venture_at(root), proposal_id)


def decide(root: Path, proposal_id: int, *, approve: bool, by: str | None, reason: str,
           db: str | None = None) -> Document:
    with open_store(store_url(root, db)) as store:
        return decide_in(store, venture_at(root), proposal_id, approve=approve,
                         by=by or current_actor(), reason=reason)


def execute(root: Path, proposal_id: int, *, by: str | None = None, reason: str = "",
            db: str | None = None) -> Document:
    with open_store(store_url(root, db)) as store:
        return execute_in(store, venture_at(root), proposal_id, by=by or current_actor(),
                          reason=reason)


# -- long-running surfaces: the workspace's open store, the token's name as who ----------------


def workspace_venture(ws: Workspace) -> Venture:
    return Venture(ws.root, VentureInfo(ws.name, str(ws.root)), load_venture_config(ws.root))


def submit_for(ws: Workspace, principal: Principal, action: str, subject: Mapping[str, str], *,
               reason: str, expires_on: date | None = None) -> Document:
    """``POST /api/proposals``: proposed by the token's name; a waiver's table is resolved
    against the last stored scan."""
    if action == WAIVE:
        subject = waiver_subject(current_status(ws).document, subject.get("table", ""),
                                 subject.get("kind", ""))
    return submit_in(ws.store, workspace_venture(ws), action, subject, reason=reason,
                     by=principal.name, expires_on=expires_on)


def decide_for(ws: Workspace, principal: Principal, proposal_id: int, *, approve: bool,
               reason: str) -> Document:
    """``POST /api/proposals/{id}/approve|reject``: the token's name must hold a role the
    proposal's route accepts."""
    return decide_in(ws.store, workspace_venture(ws), proposal_id, approve=approve,
                     by=principal.name, reason=reason)


def execute_for(ws: Workspace, principal: Principal, proposal_id: int, *,
                reason: str = "") -> Document:
    return execute_in(ws.store, workspace_venture(ws), proposal_id, by=principal.name,
                      reason=reason)


def board_for(ws: Workspace, *, status: str | None = None) -> Document:
    return board_in(ws.store, workspace_venture(ws), status=status)


def show_for(ws: Workspace, proposal_id: int) -> Document:
    return show_in(ws.store, workspace_venture(ws), proposal_id)
