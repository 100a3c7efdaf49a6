"""Delivery (seed 004): where the venture's delivery stands on the company workflow, the PM
phase cycle and quick mode. Pure derivations over what ``observe/delivery.py`` read."""

from commissioning.delivery.company import (
    GATES,
    CompanyStatus,
    GateOption,
    GatePlan,
    company_status,
    plan_gate,
    resolve_phase,
)
from commissioning.delivery.model import (
    COMPANY_STATE,
    PLANNING_DIR,
    CompanyState,
    DeliveryObservation,
    PlanningTree,
)
from commissioning.delivery.pm import (
    PhaseArtifacts,
    PmStatus,
    QuickTask,
    derive_pm,
    derive_quick,
)

__all__ = [
    "COMPANY_STATE",
    "GATES",
    "PLANNING_DIR",
    "CompanyState",
    "CompanyStatus",
    "DeliveryObservation",
    "GateOption",
    "GatePlan",
    "PhaseArtifacts",
    "PlanningTree",
    "PmStatus",
    "QuickTask",
    "company_status",
    "derive_pm",
    "derive_quick",
    "plan_gate",
    "resolve_phase",
]
