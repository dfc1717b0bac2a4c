"""chat conversations: conversationstate (case in focus, pending confirmation, more) and
chathistory (the web chat shown again after a reload)

Revision ID: 0006_conversation
Revises: 0005_identities
Create Date: 2026-12-06 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_conversation'
down_revision: str | None = '0005_identities'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conversationstate',
    sa.Column('surface', sa.String(), nullable=False),
    sa.Column('staff_id', sa.String(), nullable=False),
    sa.Column('thread', sa.String(), nullable=False),
    sa.Column('case_id', sa.String(), nullable=True),
    sa.Column('last_tool', sa.String(), nullable=True),
    sa.Column('last_args', sa.JSON(), nullable=True),
    sa.Column('more', sa.JSON(), nullable=True),
    sa.Column('pending', sa.JSON(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('surface', 'staff_id', 'thread', name=op.f('pk_conversationstate'))
    )
    op.create_table('chathistory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.String(), nullable=False),
    sa.Column('surface', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('reply', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chathistory'))
    )
    op.create_index('ix_chathistory_staff_at', 'chathistory', ['staff_id', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_chathistory_staff_at', table_name='chathistory')
    op.drop_table('chathistory')
    op.drop_table('conversationstate')
