"""The governance matrix and the proposal machine's decisions (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning.assess import assess
from commissioning.errors import (
    ConfigError,
    PermissionDeniedError,
    TransitionRefused,
    UserInputError,
)
from commissioning.evidence import (
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    TableInfo,
    TableKey,
)
from commissioning.governance import (
    NewProposal,
    ProposalRecord,
    Route,
    Status,
    build_matrix,
    decision,
    default_matrix,
    execution,
    identity,
    submission,
    waivers_from,
)
from commissioning.governance.matrix import shipped_matrix_data
from commissioning.machines import builtin_machine

MACHINE = builtin_machine("proposal")
MATRIX = default_matrix({"roles": {"senior": ["@Alice"], "ceo": ["@matt"], "owner": ["@bob"]}})
NOW = datetime(2026, 11, 21, tzinfo=UTC)
SEED = {"create_own_subtask": "auto_approve", "downstream_handoff": "auto_approve",
        "cross_role_task": "needs_review", "reject_handoff": "needs_review",
        "request_escalation": "needs_review", "scope_change": "needs_ceo",
        "block_release": "needs_ceo", "new_role_creation": "needs_ceo"}
OURS = {"waive_evidence": "needs_review", "raise_claimed_level": "needs_review",
        "change_machine": "needs_ceo", "change_detection_rule": "needs_review"}


def waiver(**subject: str) -> NewProposal:
    fields = {"table": "pallet_labels", "schema": "public", "kind": "crud_ui", **subject}
    return NewProposal("waive_evidence", tuple(sorted(fields.items())),
                       "printed by the line PLC", "@bob", date(2027, 1, 31))


def pending(new: NewProposal) -> ProposalRecord:
    route, steps = submission(MACHINE, MATRIX, new)
    return ProposalRecord(id=7, venture="plant", action=new.action, subject=new.subject,
                          reason=new.reason, proposed_by=new.proposed_by,
                          status=steps[-1].target, route=route.value, created_at=NOW,
                          updated_at=NOW, expires_on=new.expires_on)


def test_the_shipped_matrix_has_the_seeds_eight_and_ours() -> None:
    routes = {name: rule.route.value for name, rule in MATRIX.actions.items()}
    assert routes == {**SEED, **OURS}
    assert MATRIX.approvers[Route.NEEDS_REVIEW] == ("senior", "ceo")
    assert MATRIX.approvers[Route.NEEDS_CEO] == ("ceo",)


def test_overrides_change_routes_and_add_types() -> None:
    matrix = build_matrix(shipped_matrix_data(), {
        "actions": {"waive_evidence": {"route": "needs_ceo"},
                    "rename_table": {"route": "needs_review", "title": "Rename a table"}},
        "routes": {"needs_review": {"approvers": ["senior"]}}})
    assert matrix.actions["waive_evidence"].route is Route.NEEDS_CEO
    assert matrix.actions["waive_evidence"].executes.value == "waiver"
    assert matrix.actions["rename_table"].title == "Rename a table"
    assert matrix.approvers[Route.NEEDS_REVIEW] == ("senior",)
    with pytest.raises(ConfigError, match="unknown route 'later'"):
        build_matrix(shipped_matrix_data(), {"actions": {"x": {"route": "later"}}})
    with pytest.raises(ConfigError, match="needs a route"):
        build_matrix(shipped_matrix_data(), {"actions": {"x": {"title": "X"}}})


def test_identities_ignore_the_at_sign_and_case() -> None:
    assert identity("@Alice") == identity("alice") == "alice"
    assert MATRIX.roles_of("ALICE") == ("senior",)
    assert MATRIX.roles_of("@nobody") == ()


@pytest.mark.parametrize("action", sorted({**SEED, **OURS}))
def test_every_action_type_is_routed_by_the_machine(action: str) -> None:
    subject = {"waive_evidence": (("kind", "etl"), ("table", "t")),
               "raise_claimed_level": (("level", "L2"), ("slug", "make-it"))}.get(action, ())
    route, steps = submission(MACHINE, MATRIX, NewProposal(action, subject, "why", "@bob"))
    assert route.value == {**SEED, **OURS}[action]
    assert [s.target for s in steps[:3]] == ["SUBMITTED", "EVALUATION", route.state]
    if route is Route.AUTO_APPROVE:
        assert steps[-1].target == "APPROVED" and steps[-1].actor == "governance"
    else:
        assert steps[-1].target == route.state
    for step in steps[1:]:  # every step is an edge the machine declares
        assert any(t.source == step.source and t.target == step.target
                   for t in MACHINE.transitions)


def test_only_the_right_role_decides_and_never_the_proposer() -> None:
    proposal = pending(waiver())
    assert proposal.status == "NEEDS_REVIEW"
    with pytest.raises(PermissionDeniedError, match="@carol may not approve proposal #7") as no:
        decision(MACHINE, MATRIX, proposal, approve=True, by="@carol", reason="ok")
    assert no.value.needs == ("senior", "ceo") and no.value.http_status == 403
    with pytest.raises(PermissionDeniedError, match="holds owner"):
        decision(MACHINE, MATRIX, proposal, approve=True, by="@bob", reason="mine")
    senior_proposes = pending(NewProposal("waive_evidence", waiver().subject, "r", "@alice"))
    with pytest.raises(PermissionDeniedError, match="proposed #7 and may not approve it"):
        decision(MACHINE, MATRIX, senior_proposes, approve=True, by="alice", reason="ok")
    steps = decision(MACHINE, MATRIX, proposal, approve=True, by="@alice", reason="agreed")
    assert [(s.source, s.target, s.actor) for s in steps] == [
        ("NEEDS_REVIEW", "APPROVED", "@alice"), ("APPROVED", "EXECUTED", "governance")]


def test_a_ceo_route_refuses_a_senior() -> None:
    proposal = pending(NewProposal("scope_change", (("goal", "whey"),), "mills", "@bob"))
    with pytest.raises(PermissionDeniedError, match="needs the role ceo"):
        decision(MACHINE, MATRIX, proposal, approve=False, by="@alice", reason="no")
    (step,) = decision(MACHINE, MATRIX, proposal, approve=False, by="@matt", reason="not now")
    assert (step.target, step.reason) == ("REJECTED", "not now")


def test_a_decision_needs_a_reason_and_a_pending_proposal() -> None:
    proposal = pending(waiver())
    with pytest.raises(TransitionRefused, match="a decision needs a reason"):
        decision(MACHINE, MATRIX, proposal, approve=False, by="@alice", reason="  ")
    rejected = replace(proposal, status="REJECTED")
    with pytest.raises(TransitionRefused, match="is REJECTED: only a proposal that needs"):
        decision(MACHINE, MATRIX, rejected, approve=True, by="@alice", reason="late")
    with pytest.raises(TransitionRefused, match="only an approved proposal is executed"):
        execution(MACHINE, rejected, by="@alice", reason="")


def test_subjects_of_our_action_types_are_checked() -> None:
    with pytest.raises(UserInputError, match="'idea' is not an evidence kind that can be"):
        submission(MACHINE, MATRIX, waiver(kind="idea"))
    with pytest.raises(UserInputError, match="not a capability level"):
        submission(MACHINE, MATRIX, NewProposal("raise_claimed_level",
                                                (("level", "L9"), ("slug", "a")), "r", "@b"))
    with pytest.raises(UserInputError, match="unknown action type 'promote'"):
        submission(MACHINE, MATRIX, NewProposal("promote", (), "r", "@b"))
    with pytest.raises(UserInputError, match="needs a reason"):
        submission(MACHINE, MATRIX, NewProposal("scope_change", (), " ", "@b"))


def _executed(expires: date | None) -> ProposalRecord:
    return ProposalRecord(id=3, venture="plant", action="waive_evidence",
                          subject=(("kind", "crud_ui"), ("schema", "public"),
                                   ("table", "pallet_labels")),
                          reason="printed by the PLC", proposed_by="@bob", status="EXECUTED",
                          route="needs_review", created_at=NOW, updated_at=NOW,
                          expires_on=expires, decided_by="@alice", decision_reason="ok")


def test_an_executed_waiver_counts_until_it_expires() -> None:
    table = TableKey("public", "pallet_labels")
    snapshot = EvidenceSnapshot.build(
        "plant", ScanInputs(config_hash="sha256:x", detectors=(), profiles=("drizzle",)),
        tables=[TableInfo(table, "drizzle")],
        evidence=[Evidence(table, kind, "d", path="a.ts", line=1)
                  for kind in (Kind.SCHEMA, Kind.MIGRATION, Kind.DATA, Kind.REPOSITORY,
                               Kind.SERVER_ACTIONS, Kind.ETL)])
    waivers = waivers_from([_executed(date(2026, 12, 31))])
    assert [(w.kind, w.approved_by, w.reason) for w in waivers] == [
        (Kind.CRUD_UI, "@alice", "printed by the PLC (proposal #3)")]
    machine = builtin_machine("table")
    assert assess(snapshot, machine).tables[0].state == 5
    assert assess(snapshot, machine, waivers, today=date(2026, 12, 31)).tables[0].state == 7
    assert assess(snapshot, machine, waivers, today=date(2027, 1, 1)).tables[0].state == 5
    assert waivers_from([replace(_executed(None), status="APPROVED")]) == ()


@given(st.sampled_from(sorted({**SEED, **OURS})), st.booleans(),
       st.sampled_from(["@alice", "@matt", "@bob", "@carol"]))
def test_a_decision_is_allowed_exactly_for_an_accepted_role(action: str, approve: bool,
                                                            who: str) -> None:
    subject = {"waive_evidence": (("kind", "etl"), ("table", "t")),
               "raise_claimed_level": (("level", "L2"), ("slug", "make-it"))}.get(action, ())
    proposal = pending(NewProposal(action, subject, "why", "@bob"))
    if proposal.status not in ("NEEDS_REVIEW", "NEEDS_CEO"):
        return
    accepted = MATRIX.approvers[Route(proposal.route or "")]
    allowed = bool(set(MATRIX.roles_of(who)) & set(accepted)) and who != "@bob"
    try:
        steps = decision(MACHINE, MATRIX, proposal, approve=approve, by=who, reason="r")
    except PermissionDeniedError:
        assert not allowed
    else:
        assert allowed
        assert steps[0].target == (Status.APPROVED if approve else Status.REJECTED)
