"""Derive where the PM cycle stands from the ``.planning/`` artifacts (seed 004, GSD-style).

Pure: the observer hands over the file list and a few texts. The state is *observed*, never
commanded: no ``.planning/`` → UNINITIALIZED; PROJECT.md, REQUIREMENTS.md or ROADMAP.md missing →
PROJECT_DEFINITION; otherwise the first roadmap phase that is not verified decides — no
CONTEXT.md → DISCUSS, no ``{N}-PLAN.md`` → PLAN, a plan without its ``{N}-SUMMARY.md`` →
EXECUTE, VERIFICATION.md not passing or UAT.md not approved → VERIFY; every phase verified →
MILESTONE_COMPLETE.

A phase's artifacts are found in ``phases/<N>-<slug>/`` or by a ``<N>-`` file-name prefix
(``02-CONTEXT.md``, ``02-01-PLAN.md``); an unnumbered one (``CONTEXT.md``) belongs to the phase
STATE.md names, else to phase 1. ``quick/<id>/`` holds quick-mode tasks (:func:`derive_quick`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from commissioning.delivery.model import PlanningTree
from commissioning.machines import Machine

DEFINITION = ("PROJECT.md", "REQUIREMENTS.md", "ROADMAP.md")
_KINDS = ("CONTEXT", "PLAN", "SUMMARY", "VERIFICATION", "UAT")
_ROADMAP_PHASE = re.compile(
    r"^\s*(?:#{1,6}\s*|[-*]\s*(?:\[(?P<done>[ xX])\]\s*)?)\**\s*Phase\s+(?P<n>\d+)\s*"
    r"[:.\-–—]\s*(?P<name>.+?)\**\s*$", re.IGNORECASE)
_STATE_PHASE = re.compile(r"^\W*(?:current\s+)?phase\W*\s*[:=]?\s*(\d+)", re.IGNORECASE | re.M)
_STATUS = re.compile(r"^[\s*_>-]*status[\s*_]*[:=][\s*_]*([\w-]+)", re.I | re.M)
_PASSED = {"passed", "pass", "passing", "complete", "completed", "approved", "accepted", "green",
           "ok", "done", "verified"}
_NUMBERED = re.compile(r"^(\d+)(?:-(\d+))?-")


@dataclass(frozen=True, slots=True)
class PhaseArtifacts:
    """One roadmap phase and the artifacts found for it."""

    n: int
    name: str = ""
    context: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    summaries: tuple[str, ...] = ()
    verification: str | None = None
    uat: str | None = None
    verification_passed: bool = False
    uat_approved: bool = False

    @property
    def verified(self) -> bool:
        return self.verification_passed and self.uat_approved

    def unsummarised(self) -> tuple[str, ...]:
        """Plans without their summary (``02-01-PLAN.md`` needs ``02-01-SUMMARY.md``)."""
        done = {_stem(s, "SUMMARY") for s in self.summaries}
        return tuple(p for p in self.plans if _stem(p, "PLAN") not in done)


@dataclass(frozen=True, slots=True)
class PmStatus:
    """Where the PM cycle stands, why (``evidence``), what is unmet, and what comes next."""

    state: str
    phase: PhaseArtifacts | None
    phases: tuple[PhaseArtifacts, ...] = ()
    evidence: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()
    next: str = ""
    then: str | None = None


@dataclass(frozen=True, slots=True)
class QuickTask:
    id: str
    state: str
    files: tuple[str, ...] = field(default=())


def _stem(path: str, kind: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name[: -len(f"{kind}.md")].rstrip("-").upper()


def _kind(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1].upper()
    for kind in _KINDS:
        if name == f"{kind}.MD" or name.endswith(f"-{kind}.MD"):
            return kind
    return None


def _number(path: str) -> int | None:
    parts = path.split("/")
    if len(parts) >= 3 and parts[0] == "phases":
        match = _NUMBERED.match(parts[1] + "-")
        if match:
            return int(match.group(1))
    match = _NUMBERED.match(parts[-1])
    return int(match.group(1)) if match else None


def passes(text: str | None, *, needs_word: bool = False) -> bool:
    """A verification or UAT file says it passed: its ``status:`` line, or (without one) no
    failure for verification and the word "approved" for UAT."""
    if text is None:
        return False
    match = _STATUS.search(text)
    if match:
        return match.group(1).lower() in _PASSED
    if needs_word:
        return re.search(r"\b(approved|accepted)\b", text, re.IGNORECASE) is not None
    return re.search(r"\b(fail(ed|ing)?|gaps[_ ]found)\b", text, re.IGNORECASE) is None


def roadmap_phases(text: str | None) -> dict[int, str]:
    """Phase number → name, as ROADMAP.md lists them (``## Phase 2: Lab`` or ``- [x] Phase 2``)."""
    found: dict[int, str] = {}
    for line in (text or "").splitlines():
        match = _ROADMAP_PHASE.match(line)
        if match:
            name = re.split(r"\*\*|\s[—–-]\s", match.group("name"))[0]
            found.setdefault(int(match.group("n")), name.strip(" *"))
    return found


def _current_from_state(text: str | None) -> int | None:
    match = _STATE_PHASE.search(text or "")
    return int(match.group(1)) if match else None


def collect_phases(tree: PlanningTree) -> tuple[PhaseArtifacts, ...]:
    """Every phase the roadmap names or an artifact is numbered for, with its artifacts."""
    names = roadmap_phases(tree.text("ROADMAP.md"))
    default = _current_from_state(tree.text("STATE.md")) or (min(names) if names else 1)
    grouped: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in tree.files:
        if path.startswith(("quick/", "research/", "codebase/")) or path in DEFINITION:
            continue
        kind = _kind(path)
        if kind is None:
            continue
        grouped[_number(path) or default][kind].append(path)
    numbers = sorted(set(names) | set(grouped)) or [1]
    out = []
    for n in numbers:
        found = grouped.get(n, {})
        verification = min(found.get("VERIFICATION", []), default=None)
        uat = min(found.get("UAT", []), default=None)
        out.append(PhaseArtifacts(
            n=n, name=names.get(n, ""), context=tuple(sorted(found.get("CONTEXT", []))),
            plans=tuple(sorted(found.get("PLAN", []))),
            summaries=tuple(sorted(found.get("SUMMARY", []))),
            verification=verification, uat=uat,
            verification_passed=passes(tree.text(verification) if verification else None),
            uat_approved=passes(tree.text(uat) if uat else None, needs_word=True)))
    return tuple(out)


def _stage(phase: PhaseArtifacts) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(state, evidence, unmet) of a phase that is not verified yet."""
    label = f"phase {phase.n}" + (f" ({phase.name})" if phase.name else "")
    if not phase.context:
        return "DISCUSS", (), (f"CONTEXT.md for {label}",)
    if not phase.plans:
        return "PLAN", phase.context, (f"a {phase.n:02d}-NN-PLAN.md for {label}",)
    open_plans = phase.unsummarised()
    if open_plans or not phase.summaries:
        return "EXECUTE", phase.plans, tuple(f"{p}: no SUMMARY.md yet" for p in open_plans)
    unmet = []
    if phase.verification is None:
        unmet.append(f"VERIFICATION.md for {label}")
    elif not phase.verification_passed:
        unmet.append(f"{phase.verification}: the checks do not pass")
    if phase.uat is None:
        unmet.append(f"UAT.md for {label}")
    elif not phase.uat_approved:
        unmet.append(f"{phase.uat}: UAT not approved")
    return "VERIFY", phase.summaries, tuple(unmet)


def derive_pm(machine: Machine, tree: PlanningTree) -> PmStatus:
    """The PM cycle's state, validated against ``machine`` (the ``pm_cycle`` definition)."""
    if not tree.present:
        status = PmStatus("UNINITIALIZED", None, unmet=(".planning/ does not exist",))
    elif missing := tuple(f for f in DEFINITION if not tree.has(f)):
        status = PmStatus("PROJECT_DEFINITION", None,
                          evidence=tuple(f for f in DEFINITION if tree.has(f)),
                          unmet=tuple(f"{f} written" for f in missing))
    else:
        phases = collect_phases(tree)
        current = next((p for p in phases if not p.verified), None)
        if current is None:
            status = PmStatus("MILESTONE_COMPLETE", phases[-1], phases,
                              evidence=tuple(p.uat or "" for p in phases if p.uat))
        else:
            state, evidence, unmet = _stage(current)
            status = PmStatus(state, current, phases, evidence, unmet)
    machine.state(status.state)  # a derivation the machine does not know is a bug: KeyError
    return _with_next(machine, status)


def _with_next(machine: Machine, status: PmStatus) -> PmStatus:
    state = machine.state(status.state)
    n = status.phase.n if status.phase else 1
    command = str(state.get("next_command", "")).replace("{n}", str(n))
    then = None
    targets = [t.target for t in machine.outgoing(state.id)]
    if status.state == "VERIFY" and status.phases:
        later = [p for p in status.phases if p.n > n]
        then = f"DISCUSS phase {later[0].n}" if later else "MILESTONE_COMPLETE"
    elif targets:
        then = targets[0]
    return PmStatus(status.state, status.phase, status.phases, status.evidence, status.unmet,
                    command, then)


def derive_quick(tree: PlanningTree) -> tuple[QuickTask, ...]:
    """Quick-mode tasks (``quick/<id>/``): TASK_CAPTURE until a PLAN.md, EXECUTE until a
    SUMMARY.md, then COMPLETE (tracked)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for path in tree.files:
        parts = path.split("/")
        if len(parts) >= 3 and parts[0] == "quick":
            grouped[parts[1]].append(path)
    out = []
    for task_id, files in sorted(grouped.items()):
        kinds = {_kind(f) for f in files}
        state = "COMPLETE" if "SUMMARY" in kinds else "EXECUTE" if "PLAN" in kinds \
            else "TASK_CAPTURE"
        out.append(QuickTask(task_id, state, tuple(sorted(files))))
    return tuple(out)
