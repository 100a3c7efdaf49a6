"""The task workflow machine (seed 003) as data, evaluated by machines/workflow.py."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from commissioning.machines import builtin_machine, machine_to_dict, to_mermaid
from commissioning.machines.workflow import (
    allowed_targets,
    check_transition,
    is_closed,
    is_command_allowed,
    match_status,
    phase_for_status,
    status_for_phase,
    suggest_next,
)

TASK = builtin_machine("task")
PHASES = [s.id for s in TASK.states]
ALL_FACTS = {"checklist": True, "checklist_complete": True, "verified": True}

# seed 003's STATE_MACHINE: next_states and confidence_to_transition, verbatim
SEED = {
    "IDEA": {"PLANNED": 95, "CANCELLED": 50},
    "PLANNED": {"IMPLEMENTING": 95, "IDEA": 70, "CANCELLED": 50},
    "IMPLEMENTING": {"VERIFYING": 70, "PLANNED": 60, "BLOCKED": 90},
    "BLOCKED": {"IMPLEMENTING": 85, "CANCELLED": 50},
    "VERIFYING": {"VERIFIED": 85, "IMPLEMENTING": 100},
    "VERIFIED": {"COMPLETE": 95, "IMPLEMENTING": 70},
    "COMPLETE": {},
    "CANCELLED": {},
}
# seed 003's getLinearStatusForPhase
PUSHED = {"IDEA": "Backlog", "PLANNED": "Planned", "IMPLEMENTING": "In Progress",
          "BLOCKED": "Blocked", "VERIFYING": "In Review", "VERIFIED": "Verified",
          "COMPLETE": "Done", "CANCELLED": "Cancelled"}


def test_the_eight_phases_and_every_seed_edge_with_its_confidence() -> None:
    assert list(SEED) == PHASES
    assert TASK.kind.value == "workflow" and TASK.initial.id == "IDEA"
    for source, targets in SEED.items():
        for target, confidence in targets.items():
            decision = check_transition(TASK, source, target, ALL_FACTS, confirmed=True)
            assert decision.allowed and decision.confidence == confidence, (source, target)


def test_added_edges_are_marked_and_below_the_threshold() -> None:
    seed_edges = {(s, t) for s, targets in SEED.items() for t in targets}
    added = [t for t in TASK.transitions if (t.source, t.target) not in seed_edges]
    assert {(t.source, t.target) for t in added} == {
        ("IDEA", "VERIFIED"), ("PLANNED", "VERIFIED"), ("IMPLEMENTING", "VERIFIED"),
        ("BLOCKED", "VERIFIED"), ("COMPLETE", "IMPLEMENTING"), ("IMPLEMENTING", "CANCELLED"),
        ("VERIFYING", "CANCELLED"), ("VERIFIED", "CANCELLED")}
    for edge in added:
        assert edge.description.startswith("[added]") and edge.confidence < 80


def test_refused_transition_lists_the_allowed_targets() -> None:
    decision = check_transition(TASK, "IDEA", "COMPLETE", ALL_FACTS)
    assert not decision.allowed and not decision.ok
    assert decision.allowed_targets == ("PLANNED", "CANCELLED", "VERIFIED")
    assert "IDEA may move to: PLANNED, CANCELLED, VERIFIED" in decision.message
    final = check_transition(TASK, "CANCELLED", "IDEA", ALL_FACTS)
    assert not final.allowed and "nowhere" in final.message


def test_below_80_needs_confirmation_and_confirmed_passes() -> None:
    unconfirmed = check_transition(TASK, "PLANNED", "CANCELLED", ALL_FACTS)
    assert unconfirmed.allowed and unconfirmed.needs_confirmation and not unconfirmed.ok
    assert check_transition(TASK, "PLANNED", "CANCELLED", ALL_FACTS, confirmed=True).ok
    high = check_transition(TASK, "PLANNED", "IMPLEMENTING", ALL_FACTS)
    assert high.ok and not high.needs_confirmation


def test_pre_conditions_of_the_seed() -> None:
    none: dict[str, bool] = {}
    planned = check_transition(TASK, "IDEA", "PLANNED", none)
    assert not planned.allowed and "implementation checklist" in planned.failures[0]
    verifying = check_transition(TASK, "IMPLEMENTING", "VERIFYING", {"checklist": True},
                                 confirmed=True)
    assert not verifying.allowed and "Checklist incomplete" in verifying.failures[0]
    complete = check_transition(TASK, "VERIFIED", "COMPLETE", {"checklist": True})
    assert not complete.allowed and "Not verified" in complete.failures[0]
    # COMPLETE needs VERIFIED: the only edge into COMPLETE leaves VERIFIED
    assert [t.source for t in TASK.transitions if t.target == "COMPLETE"] == ["VERIFIED"]


@given(st.sampled_from(PHASES), st.sampled_from(PHASES),
       st.fixed_dictionaries({}, optional={k: st.booleans() for k in ALL_FACTS}),
       st.booleans())
def test_check_transition_is_exactly_the_data(source: str, target: str,
                                              facts: dict[str, bool], confirmed: bool) -> None:
    decision = check_transition(TASK, source, target, facts, confirmed=confirmed)
    edge = next((t for t in TASK.outgoing(source) if t.target == target), None)
    holds = edge is not None and all(facts.get(r, False) for r in edge.requires)
    assert decision.allowed == holds
    assert decision == check_transition(TASK, source, target, facts, confirmed=confirmed)
    if holds:
        assert edge is not None and decision.confidence == edge.confidence
        assert decision.needs_confirmation == (edge.confidence < 80 and not confirmed)
    else:
        assert decision.allowed_targets == allowed_targets(TASK, source)


def test_phase_names_in_any_case() -> None:
    assert check_transition(TASK, "planned", "implementing", ALL_FACTS).ok
    assert not check_transition(TASK, "PLANNED", "DONE-ISH", ALL_FACTS).allowed


def test_status_names_both_ways() -> None:
    for phase, name in PUSHED.items():
        assert status_for_phase(TASK, phase) == name
        assert phase_for_status(TASK, name) == phase


def test_the_seed_inference_of_a_phase_from_any_status() -> None:
    cases = {
        "Backlog": "IDEA", "Todo": "PLANNED", "Ready for dev": "PLANNED",
        "In Progress": "IMPLEMENTING", "Doing": "IMPLEMENTING", "Blocked": "BLOCKED",
        "Code Review": "VERIFYING", "QA Testing": "VERIFYING", "Approved": "VERIFIED",
        "Ready for Review": "VERIFIED", "Done": "COMPLETE", "Closed": "COMPLETE",
        "Canceled": "CANCELLED", "Archived": "CANCELLED", "verifying": "VERIFYING",
        "Something else entirely": "IDEA",
    }
    for status, phase in cases.items():
        assert phase_for_status(TASK, status) == phase, status
    assert match_status(TASK, "Approved").how == "exact"
    assert match_status(TASK, "Code Review").how == "fuzzy"
    assert match_status(TASK, "Triage").how == "default"


@given(st.text(max_size=30))
def test_any_status_maps_to_a_phase(status: str) -> None:
    assert phase_for_status(TASK, status) in PHASES


def test_suggested_next_action_per_phase() -> None:
    facts = {"checklist": True, "checklist_complete": False, "verified": False}
    idea = suggest_next(TASK, "IDEA", facts)
    assert idea is not None and idea.command == "commission tasks move {key} PLANNED"
    assert idea.render(key="v/t/3").command == "commission tasks move v/t/3 PLANNED"
    implementing = suggest_next(TASK, "IMPLEMENTING", facts)
    assert implementing is not None and implementing.confidence == 70
    done = suggest_next(TASK, "IMPLEMENTING", {**facts, "checklist_complete": True})
    assert done is not None and done.command.endswith("VERIFYING")
    assert suggest_next(TASK, "COMPLETE", facts) is None
    assert suggest_next(TASK, "CANCELLED", facts) is None


def test_commands_allowed_per_phase_with_wildcards() -> None:
    assert is_command_allowed(TASK, "IDEA", "plan").allowed
    assert is_command_allowed(TASK, "IDEA", "utils:status").allowed
    refused = is_command_allowed(TASK, "IDEA", "done")
    assert not refused.allowed and "plan" in refused.suggested
    assert is_command_allowed(TASK, "COMPLETE", "utils:report").allowed
    assert not is_command_allowed(TASK, "CANCELLED", "plan").allowed


def test_closed_phases_and_renderings() -> None:
    assert [p for p in PHASES if is_closed(TASK, p)] == ["COMPLETE", "CANCELLED"]
    mermaid = to_mermaid(TASK)
    assert mermaid.startswith("stateDiagram-v2") and "IDEA --> PLANNED : plan (95%)" in mermaid
    data = machine_to_dict(TASK)
    assert data["kind"] == "workflow" and len(data["states"]) == 8  # type: ignore[arg-type]
