"""What the delivery observer read (``.planning/``, ``.company/state.json``) as frozen values.

``observe/delivery.py`` fills these from disk, read-only; ``delivery/pm.py`` and
``delivery/company.py`` derive the phases from them without any I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

PLANNING_DIR = ".planning"
COMPANY_STATE = ".company/state.json"


@dataclass(frozen=True, slots=True)
class PlanningTree:
    """The files under ``.planning/`` (POSIX paths relative to it, sorted) and the texts of the
    few the derivation reads (roadmap, state, verification, UAT)."""

    present: bool
    files: tuple[str, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()

    def text(self, path: str) -> str | None:
        return dict(self.texts).get(path)

    def has(self, path: str) -> bool:
        return path in self.files


@dataclass(frozen=True, slots=True)
class CompanyState:
    """``.company/state.json``'s key fields (seed 004: ``phase``, ``goal``, ``branch``,
    ``blockers``)."""

    phase: str
    goal: str = ""
    branch: str = ""
    blockers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DeliveryObservation:
    """Everything the delivery observer saw. ``company`` is None without a state file;
    ``company_problem`` says why one could not be used (malformed JSON, no ``phase``)."""

    planning: PlanningTree
    company: CompanyState | None = None
    company_problem: str | None = None
