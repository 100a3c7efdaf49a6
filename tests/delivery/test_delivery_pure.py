"""The delivery machines of seed 004, and the pure derivations over them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning.delivery import (
    CompanyState,
    PlanningTree,
    company_status,
    derive_pm,
    derive_quick,
    plan_gate,
    resolve_phase,
)
from commissioning.delivery.pm import collect_phases, passes, roadmap_phases
from commissioning.errors import TransitionRefused
from commissioning.machines import builtin_machine, to_mermaid

COMPANY = builtin_machine("company")
PM = builtin_machine("pm_cycle")
QUICK = builtin_machine("quick")
DEFINED = ("PROJECT.md", "REQUIREMENTS.md", "ROADMAP.md")
ROADMAP = "# Roadmap\n\n- [x] **Phase 1: Intake** — kiosk\n- [ ] **Phase 2: Cold chain**\n"
PHASE1_DONE = ("phases/01-intake/01-CONTEXT.md", "phases/01-intake/01-01-PLAN.md",
               "phases/01-intake/01-01-SUMMARY.md", "phases/01-intake/01-VERIFICATION.md",
               "phases/01-intake/01-UAT.md")
PASSED = (("phases/01-intake/01-VERIFICATION.md", "---\nstatus: passed\n---\n"),
          ("phases/01-intake/01-UAT.md", "**Status:** approved\n"))


def tree(*files: str, texts: tuple[tuple[str, str], ...] = ()) -> PlanningTree:
    return PlanningTree(True, tuple(sorted(files)), (("ROADMAP.md", ROADMAP), *texts))


# -- the machines ---------------------------------------------------------------------------------


def test_the_company_workflow_has_its_phases_gates_and_feedback_loops() -> None:
    ids = [s.id for s in COMPANY.states]
    assert ids == ["IDLE", "INITIALIZING", "EXPERTISE", "GIT_FLOW", "ARCHITECTURE", "DESIGN",
                   "PLANNING", "IMPLEMENTATION", "CODE_REVIEW", "QA", "MERGE_READY",
                   "COMPLETE"]
    edges = {(t.source, t.event): t.target for t in COMPANY.transitions}
    assert edges[("CODE_REVIEW", "fail")] == "IMPLEMENTATION"  # needs work
    assert edges[("QA", "fail")] == "IMPLEMENTATION"
    assert edges[("MERGE_READY", "review")] == "CODE_REVIEW"
    assert edges[("MERGE_READY", "more-testing")] == "QA"
    assert edges[("MERGE_READY", "pass")] == "COMPLETE"
    assert [s.id for s in COMPANY.states if s.get("gate")] == [
        "ARCHITECTURE", "DESIGN", "CODE_REVIEW", "QA", "MERGE_READY"]


def test_the_pm_cycle_and_quick_mode() -> None:
    edges = {(t.source, t.target) for t in PM.transitions}
    assert {("DISCUSS", "PLAN"), ("PLAN", "EXECUTE"), ("EXECUTE", "VERIFY"),
            ("VERIFY", "DISCUSS"), ("VERIFY", "MILESTONE_COMPLETE")} <= edges
    assert [s.id for s in QUICK.states] == ["START", "TASK_CAPTURE", "EXECUTE",
                                            "ATOMIC_COMMIT", "TRACK", "COMPLETE"]


@pytest.mark.parametrize("name", ["capability", "proposal", "company", "pm_cycle", "quick"])
def test_every_new_machine_draws_itself(name: str) -> None:
    drawn = to_mermaid(builtin_machine(name))
    assert drawn.startswith("stateDiagram-v2")
    assert f"[*] --> {builtin_machine(name).initial.id}" in drawn


# -- the PM cycle, derived ------------------------------------------------------------------------


def test_no_planning_folder_is_uninitialized() -> None:
    status = derive_pm(PM, PlanningTree(present=False))
    assert (status.state, status.next) == ("UNINITIALIZED", "/company-new-project")


def test_a_missing_definition_file_is_project_definition() -> None:
    status = derive_pm(PM, tree("PROJECT.md", "ROADMAP.md"))
    assert status.state == "PROJECT_DEFINITION"
    assert status.unmet == ("REQUIREMENTS.md written",)


@pytest.mark.parametrize(("files", "state", "unmet"), [
    ((), "DISCUSS", "CONTEXT.md for phase 1 (Intake)"),
    (PHASE1_DONE[:1], "PLAN", "a 01-NN-PLAN.md for phase 1 (Intake)"),
    (PHASE1_DONE[:2], "EXECUTE", "phases/01-intake/01-01-PLAN.md: no SUMMARY.md yet"),
    (PHASE1_DONE[:3], "VERIFY", "VERIFICATION.md for phase 1 (Intake)"),
])
def test_each_artifact_moves_the_phase_on(files: tuple[str, ...], state: str,
                                          unmet: str) -> None:
    status = derive_pm(PM, tree(*DEFINED, *files))
    assert status.state == state
    assert status.phase is not None and status.phase.n == 1
    assert unmet in status.unmet


def test_a_verified_phase_hands_over_to_the_next_then_the_milestone() -> None:
    status = derive_pm(PM, tree(*DEFINED, *PHASE1_DONE, texts=PASSED))
    assert (status.state, status.phase.n if status.phase else None) == ("DISCUSS", 2)
    assert status.next == "/company-discuss-phase 2"
    one_phase = PlanningTree(True, tuple(sorted((*DEFINED, *PHASE1_DONE))),
                             (("ROADMAP.md", "## Phase 1: Intake\n"), *PASSED))
    assert derive_pm(PM, one_phase).state == "MILESTONE_COMPLETE"


def test_failing_verification_or_pending_uat_keeps_verify() -> None:
    texts = (("phases/01-intake/01-VERIFICATION.md", "status: gaps_found\n"),
             ("phases/01-intake/01-UAT.md", "status: pending\n"))
    status = derive_pm(PM, tree(*DEFINED, *PHASE1_DONE, texts=texts))
    assert status.state == "VERIFY"
    assert status.unmet == ("phases/01-intake/01-VERIFICATION.md: the checks do not pass",
                            "phases/01-intake/01-UAT.md: UAT not approved")
    assert status.then == "DISCUSS phase 2"


def test_status_words_and_roadmap_lines() -> None:
    assert passes("# Verification\nAll green.\n") and not passes("3 tests FAILED\n")
    assert passes("UAT: approved by the supervisor", needs_word=True)
    assert not passes("waiting for the supervisor", needs_word=True)
    assert not passes(None)
    assert roadmap_phases("### Phase 3: Dispatch manifest\n- [ ] Phase 4. Whey — loads\n"
                          "Phase 9 mentioned in prose") == {3: "Dispatch manifest", 4: "Whey"}


def test_unnumbered_artifacts_belong_to_the_phase_state_names() -> None:
    phases = collect_phases(PlanningTree(True, ("CONTEXT.md", *DEFINED, "STATE.md"),
                                         (("ROADMAP.md", ROADMAP),
                                          ("STATE.md", "**Current phase:** 2 — Cold chain"))))
    assert [(p.n, p.context) for p in phases] == [(1, ()), (2, ("CONTEXT.md",))]


def test_quick_tasks_follow_quick_mode() -> None:
    quick = derive_quick(PlanningTree(True, ("quick/001-a/PLAN.md", "quick/001-a/SUMMARY.md",
                                             "quick/002-b/PLAN.md", "quick/003-c/notes.txt")))
    assert [(q.id, q.state) for q in quick] == [("001-a", "COMPLETE"), ("002-b", "EXECUTE"),
                                               ("003-c", "TASK_CAPTURE")]
    assert {q.state for q in quick} <= {s.id for s in QUICK.states}


artifacts = st.lists(st.sampled_from((*DEFINED, *PHASE1_DONE, "phases/02-cold/02-CONTEXT.md",
                                      "phases/02-cold/02-01-PLAN.md", "quick/001-a/PLAN.md",
                                      "notes.md", "STATE.md")), unique=True)


@given(artifacts)
def test_the_derivation_always_lands_on_a_machine_state(files: list[str]) -> None:
    status = derive_pm(PM, tree(*files, texts=PASSED))
    assert status.state in {s.id for s in PM.states}
    assert status.state == derive_pm(PM, tree(*reversed(files), texts=PASSED)).state


@given(artifacts, st.sampled_from((*PHASE1_DONE, "phases/02-cold/02-CONTEXT.md")))
def test_adding_an_artifact_never_moves_the_cycle_back(files: list[str], extra: str) -> None:
    order = ["UNINITIALIZED", "PROJECT_DEFINITION", "DISCUSS", "PLAN", "EXECUTE", "VERIFY",
             "MILESTONE_COMPLETE"]

    def progress(paths: list[str]) -> tuple[int, int]:
        status = derive_pm(PM, tree(*paths, texts=PASSED))
        return (status.phase.n if status.phase else 0, order.index(status.state))

    assert progress(sorted({*files, extra})) >= progress(files)


# -- the company phase ----------------------------------------------------------------------------


def test_the_phase_is_read_by_id_name_or_alias() -> None:
    for raw in ("implementation", "IMPLEMENTATION", "phase-5", "5"):
        found = resolve_phase(COMPANY, raw)
        assert found is not None and found.id == "IMPLEMENTATION"
    assert resolve_phase(COMPANY, "lunch") is None
    status = company_status(COMPANY, CompanyState("lunch"))
    assert status.state is None and "not a state of the company machine" in (status.problem or "")
    assert company_status(COMPANY, None).problem is not None


@pytest.mark.parametrize(("phase", "gate", "target"), [
    ("implementation", "pass", "CODE_REVIEW"),
    ("code_review", "fail", "IMPLEMENTATION"),
    ("qa", "fail", "IMPLEMENTATION"),
    ("merge_ready", "review", "CODE_REVIEW"),
    ("merge_ready", "more-testing", "QA"),
    ("merge_ready", "pass", "COMPLETE"),
    ("architecture", "fail", "ARCHITECTURE"),
])
def test_gate_outcomes_follow_the_machine(phase: str, gate: str, target: str) -> None:
    plan = plan_gate(COMPANY, company_status(COMPANY, CompanyState(phase)), gate)
    assert plan.target == target
    assert plan.written_phase == COMPANY.state(target).get("aliases")[0]  # type: ignore[index]


def test_anything_else_is_refused_with_the_accepted_outcomes() -> None:
    with pytest.raises(TransitionRefused, match="has no 'fail' gate outcome; it accepts: pass"):
        plan_gate(COMPANY, company_status(COMPANY, CompanyState("implementation")), "fail")
    with pytest.raises(TransitionRefused, match=r"none \(the workflow is complete\)"):
        plan_gate(COMPANY, company_status(COMPANY, CompanyState("complete")), "pass")
    blocked = company_status(COMPANY, CompanyState("qa", blockers=("staging DB is down",)))
    assert blocked.unmet == ("blocker: staging DB is down",)
    with pytest.raises(TransitionRefused, match="cannot pass with open blockers"):
        plan_gate(COMPANY, blocked, "pass")
    assert plan_gate(COMPANY, blocked, "fail").target == "IMPLEMENTATION"
    with pytest.raises(TransitionRefused, match="cannot advance"):
        plan_gate(COMPANY, company_status(COMPANY, None), "pass")
