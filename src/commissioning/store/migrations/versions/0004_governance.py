"""Capabilities (seed 000), governance proposals and their events, delivery gate outcomes.

Revision ID: 0004_governance
Revises: 0003_surfaces
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_governance"
down_revision: str | None = "0003_surfaces"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)
_ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _venture_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["venture_id"], ["ventures.id"], ondelete="CASCADE",
                                   name=f"fk_{table}_venture_id_ventures")


def upgrade() -> None:
    op.create_table(
        "commissioning_capabilities",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("venture_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("feature_name", sa.Text(), nullable=False),
        sa.Column("capability_enabled", sa.Text(), nullable=False),
        sa.Column("prd_slug", sa.String(200), nullable=False),
        sa.Column("claimed_level", sa.String(2), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("last_verified", _TIMESTAMP, nullable=True),
        sa.Column("verified_by", sa.String(200), nullable=True),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("retired_at", _TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_commissioning_capabilities"),
        _venture_fk("commissioning_capabilities"),
        sa.UniqueConstraint("venture_id", "slug",
                            name="uq_commissioning_capabilities_venture_id_slug"),
        sa.CheckConstraint("claimed_level IN ('L0', 'L1', 'L2', 'L3', 'L4')",
                           name="ck_commissioning_capabilities_claimed_level"),
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venture_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("subject", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_by", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("route", sa.String(20), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_proposals"),
        _venture_fk("proposals"),
    )
    op.create_index("ix_proposals_venture_id_status", "proposals", ["venture_id", "status"])
    op.create_table(
        "proposal_events",
        sa.Column("id", _ROW_ID, nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("at", _TIMESTAMP, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_proposal_events"),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE",
                                name="fk_proposal_events_proposal_id_proposals"),
    )
    op.create_index("ix_proposal_events_proposal_id_at", "proposal_events",
                    ["proposal_id", "at"])
    op.create_table(
        "gate_events",
        sa.Column("id", _ROW_ID, nullable=False),
        sa.Column("venture_id", sa.Integer(), nullable=False),
        sa.Column("machine", sa.String(50), nullable=False),
        sa.Column("gate", sa.String(50), nullable=False),
        sa.Column("from_phase", sa.String(50), nullable=False),
        sa.Column("to_phase", sa.String(50), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", _TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_gate_events"),
        _venture_fk("gate_events"),
    )
    op.create_index("ix_gate_events_venture_id_at", "gate_events", ["venture_id", "at"])


def downgrade() -> None:
    op.drop_table("gate_events")
    op.drop_table("proposal_events")
    op.drop_table("proposals")
    op.drop_table("commissioning_capabilities")
