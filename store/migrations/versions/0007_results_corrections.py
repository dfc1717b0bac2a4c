"""investigation results can be corrected and undone: investigation.state and who changed it

Revision ID: 0007_results_corrections
Revises: 0006_conversation
Create Date: 2026-12-06 18:00:00

A recorded result is never deleted: a correction marks the old row "superseded" (pointing at
the row that replaces it), 取り消し marks it "undone". Only "active" rows reach the recommender.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_results_corrections'
down_revision: str | None = '0006_conversation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('investigation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.String(), nullable=False, server_default='active'))
        batch_op.add_column(sa.Column('superseded_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('changed_by', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_investigation_state'), ['state'], unique=False)


def downgrade() -> None:
    """Back to one kind of row: corrected and undone rows are removed (they no longer count)."""
    op.execute(sa.text("DELETE FROM investigation WHERE state <> 'active'"))
    with op.batch_alter_table('investigation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_investigation_state'))
        batch_op.drop_column('changed_at')
        batch_op.drop_column('changed_by')
        batch_op.drop_column('superseded_by')
        batch_op.drop_column('state')
