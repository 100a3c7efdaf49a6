"""Tasks: every gap's task, the audit of its transitions, the outbox and the links to sinks.

Hand-written, like 0001; a test holds ``upgrade head`` equal to the models.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venture_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(500), nullable=False),
        sa.Column("schema", sa.String(200), nullable=False),
        sa.Column("table_name", sa.String(200), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(500), nullable=True),
        sa.Column("owner_source", sa.Text(), nullable=False),
        sa.Column("phase", sa.String(50), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("closed_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tasks"),
        sa.ForeignKeyConstraint(["venture_id"], ["ventures.id"], ondelete="CASCADE",
                                name="fk_tasks_venture_id_ventures"),
        sa.UniqueConstraint("venture_id", "key", name="uq_tasks_venture_id_key"),
    )
    op.create_index("ix_tasks_venture_id_phase", "tasks", ["venture_id", "phase"])
    op.create_table(
        "task_transitions",
        sa.Column("id", _ROW_ID, nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("at", _TIMESTAMP, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("from_phase", sa.String(50), nullable=True),
        sa.Column("to_phase", sa.String(50), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("command", sa.String(200), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_task_transitions"),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], ondelete="CASCADE",
                                name="fk_task_transitions_task_id_tasks"),
    )
    op.create_index("ix_task_transitions_task_id_at", "task_transitions", ["task_id", "at"])
    op.create_table(
        "outbox",
        sa.Column("id", _ROW_ID, nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("sink", sa.String(50), nullable=False),
        sa.Column("task_key", sa.String(500), nullable=False),
        sa.Column("op", sa.String(50), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _TIMESTAMP, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("delivered_at", _TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], ondelete="CASCADE",
                                name="fk_outbox_task_id_tasks"),
    )
    op.create_index("ix_outbox_sink_delivered_at_next_attempt_at", "outbox",
                    ["sink", "delivered_at", "next_attempt_at"])
    op.create_table(
        "task_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("sink", sa.String(50), nullable=False),
        sa.Column("task_key", sa.String(500), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("remote_status", sa.String(200), nullable=True),
        sa.Column("synced_at", _TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_task_links"),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], ondelete="CASCADE",
                                name="fk_task_links_task_id_tasks"),
        sa.UniqueConstraint("task_id", "sink", name="uq_task_links_task_id_sink"),
    )


def downgrade() -> None:
    op.drop_table("task_links")
    op.drop_table("outbox")
    op.drop_table("task_transitions")
    op.drop_table("tasks")
