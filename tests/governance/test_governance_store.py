"""Proposals, their events and gate outcomes in the store, on SQLite and the real PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commissioning.errors import TransitionRefused, UnknownProposalError
from commissioning.governance import NewProposal, Route, Step, default_matrix, submission
from commissioning.machines import builtin_machine
from commissioning.report import VentureInfo
from commissioning.store import Store
from commissioning.store.delivery import GateEvent

PLANT = VentureInfo("plant", "/ventures/plant")
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
NEW = NewProposal("waive_evidence", (("kind", "crud_ui"), ("schema", "public"),
                                     ("table", "pallet_labels")),
                  "printed by the PLC", "@bob", date(2027, 1, 31))


def test_a_proposal_round_trips_with_every_step(store: Store) -> None:
    route, steps = submission(builtin_machine("proposal"), default_matrix(), NEW)
    saved = store.proposals.submit(PLANT, NEW, route, steps, T0)
    assert (saved.status, saved.route, saved.expires_on) == ("NEEDS_REVIEW", "needs_review",
                                                             date(2027, 1, 31))
    assert dict(saved.subject) == {"kind": "crud_ui", "schema": "public",
                                   "table": "pallet_labels"}
    decided = store.proposals.apply("plant", saved.id, "NEEDS_REVIEW", (
        Step("NEEDS_REVIEW", "APPROVED", "@alice", "agreed"),
        Step("APPROVED", "EXECUTED", "governance", "executed")), T1)
    assert (decided.status, decided.decided_by, decided.decision_reason) == (
        "EXECUTED", "@alice", "agreed")
    events = store.proposals.events("plant", saved.id)
    assert [(e.source, e.target, e.actor) for e in events] == [
        (None, "SUBMITTED", "@bob"), ("SUBMITTED", "EVALUATION", "governance"),
        ("EVALUATION", "NEEDS_REVIEW", "governance"), ("NEEDS_REVIEW", "APPROVED", "@alice"),
        ("APPROVED", "EXECUTED", "governance")]
    assert [e.at for e in events] == [T0, T0, T0, T1, T1]
    assert [p.id for p in store.proposals.list_for("plant", status="EXECUTED",
                                                   action="waive_evidence")] == [saved.id]
    assert store.proposals.list_for("plant", status="NEEDS_REVIEW") == ()


def test_an_auto_approved_proposal_names_the_matrix_as_decider(store: Store) -> None:
    new = NewProposal("downstream_handoff", (("to", "qa"),), "ready for QA", "@dev")
    route, steps = submission(builtin_machine("proposal"), default_matrix(), new)
    saved = store.proposals.submit(PLANT, new, route, steps, T0)
    assert route is Route.AUTO_APPROVE
    assert (saved.status, saved.decided_by) == ("APPROVED", "governance")


def test_a_decision_from_a_stale_status_is_refused(store: Store) -> None:
    route, steps = submission(builtin_machine("proposal"), default_matrix(), NEW)
    saved = store.proposals.submit(PLANT, NEW, route, steps, T0)
    store.proposals.apply("plant", saved.id, "NEEDS_REVIEW",
                          (Step("NEEDS_REVIEW", "REJECTED", "@alice", "no"),), T1)
    with pytest.raises(TransitionRefused, match="changed meanwhile: it is REJECTED"):
        store.proposals.apply("plant", saved.id, "NEEDS_REVIEW",
                              (Step("NEEDS_REVIEW", "APPROVED", "@matt", "yes"),), T1)
    with pytest.raises(UnknownProposalError, match="no proposal #999"):
        store.proposals.get("plant", 999)
    with pytest.raises(UnknownProposalError):
        store.proposals.get("other-venture", saved.id)


def test_gate_outcomes_are_recorded_newest_first(store: Store) -> None:
    store.gates.record(PLANT, GateEvent("company", "pass", "IMPLEMENTATION", "CODE_REVIEW",
                                        "@dev", "done", T0))
    store.gates.record(PLANT, GateEvent("company", "fail", "CODE_REVIEW", "IMPLEMENTATION",
                                        "@rev", "needs work", T1))
    assert [(e.gate, e.target, e.at) for e in store.gates.list_for("plant")] == [
        ("fail", "IMPLEMENTATION", T1), ("pass", "CODE_REVIEW", T0)]
    assert store.gates.list_for("nobody") == ()
