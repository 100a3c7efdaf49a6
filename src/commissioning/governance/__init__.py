"""Governance (seed 004): proposals routed by the governance matrix through the proposal machine.

Pure: the matrix is data (``matrix.toml``, overridable in ``[governance]``); the decisions take
the machine, the matrix and a proposal and return the steps the store records.
"""

from commissioning.governance.matrix import build_matrix, default_matrix, matrix_to_dict
from commissioning.governance.model import (
    PENDING,
    ActionRule,
    Executor,
    GovernanceMatrix,
    NewProposal,
    ProposalEvent,
    ProposalRecord,
    Route,
    Status,
    Step,
    identity,
)
from commissioning.governance.proposals import (
    RAISE,
    WAIVABLE,
    WAIVE,
    decision,
    execution,
    proposal_to_dict,
    raised_claims,
    rule_for,
    submission,
    waivers_from,
)

__all__ = [
    "PENDING",
    "RAISE",
    "WAIVABLE",
    "WAIVE",
    "ActionRule",
    "Executor",
    "GovernanceMatrix",
    "NewProposal",
    "ProposalEvent",
    "ProposalRecord",
    "Route",
    "Status",
    "Step",
    "build_matrix",
    "decision",
    "default_matrix",
    "execution",
    "identity",
    "matrix_to_dict",
    "proposal_to_dict",
    "raised_claims",
    "rule_for",
    "submission",
    "waivers_from",
]
