"""The initial store: ventures, their scans, each scan's table states and evidence items.

Multi-venture from the start: every scan belongs to a venture, every row to a scan.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite autoincrements only a column declared exactly INTEGER.
_ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ventures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("root", sa.Text(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ventures"),
        sa.UniqueConstraint("name", name="uq_ventures_name"),
    )
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venture_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.String(100), nullable=False),
        sa.Column("commit", sa.String(100), nullable=True),
        sa.Column("config_hash", sa.String(100), nullable=False),
        sa.Column("machine", sa.String(100), nullable=False),
        sa.Column("machine_version", sa.String(50), nullable=False),
        sa.Column("scanned_at", _TIMESTAMP, nullable=False),
        sa.Column("last_scanned_at", _TIMESTAMP, nullable=False),
        sa.Column("seen_count", sa.Integer(), nullable=False),
        sa.Column("tables_count", sa.Integer(), nullable=False),
        sa.Column("gaps_count", sa.Integer(), nullable=False),
        sa.Column("mean_state", sa.Float(), nullable=False),
        sa.Column("status_json", sa.JSON(), nullable=False),
        sa.Column("snapshot_json", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_scans"),
        sa.ForeignKeyConstraint(["venture_id"], ["ventures.id"], ondelete="CASCADE",
                                name="fk_scans_venture_id_ventures"),
        sa.UniqueConstraint("venture_id", "snapshot_id", name="uq_scans_venture_id_snapshot_id"),
    )
    op.create_index("ix_scans_venture_id_last_scanned_at", "scans",
                    ["venture_id", "last_scanned_at"])
    op.create_table(
        "table_states",
        sa.Column("id", _ROW_ID, nullable=False),
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("schema", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("profile", sa.String(100), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("gap_state", sa.Integer(), nullable=True),
        sa.Column("gap_kind", sa.String(50), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_table_states"),
        sa.ForeignKeyConstraint(["scan_id"], ["scans.id"], ondelete="CASCADE",
                                name="fk_table_states_scan_id_scans"),
    )
    op.create_index("ix_table_states_scan_id_schema_name", "table_states",
                    ["scan_id", "schema", "name"], unique=True)
    op.create_index("ix_table_states_schema_name", "table_states", ["schema", "name"])
    op.create_table(
        "evidence_items",
        sa.Column("id", _ROW_ID, nullable=False),
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("schema", sa.String(200), nullable=False),
        sa.Column("table_name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("detector", sa.String(200), nullable=False),
        sa.Column("source", sa.String(50), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("via", sa.JSON(), nullable=False),
        sa.Column("observed", sa.Text(), nullable=False),
        sa.Column("holds", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_items"),
        sa.ForeignKeyConstraint(["scan_id"], ["scans.id"], ondelete="CASCADE",
                                name="fk_evidence_items_scan_id_scans"),
    )
    op.create_index("ix_evidence_items_scan_id_schema_table_name_kind", "evidence_items",
                    ["scan_id", "schema", "table_name", "kind"])


def downgrade() -> None:
    op.drop_table("evidence_items")
    op.drop_table("table_states")
    op.drop_table("scans")
    op.drop_table("ventures")
