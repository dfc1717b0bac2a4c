"""the conversation remembers the result it recorded last (typed 「取り消して」 and 「訂正：なし」)

Revision ID: 0008_conv2_recorded
Revises: 0007_results_corrections
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008_conv2_recorded'
down_revision: str | None = '0007_results_corrections'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('conversationstate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recorded', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conversationstate', schema=None) as batch_op:
        batch_op.drop_column('recorded')
