"""platform identities as rows: staff.slack_user_id / teams_user_id -> staffidentity

Revision ID: 0005_identities
Revises: 0004_actions_digest
Create Date: 2026-12-06 17:05:00

Each chat surface's user id of a staff member becomes a row (surface, user_id -> staff_id), so
a new surface needs no column. The two columns' values are copied into the table, then dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_identities'
down_revision: str | None = '0004_actions_digest'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The surfaces that had a column on staff, and that column.
COLUMNS = {'slack': 'slack_user_id', 'teams': 'teams_user_id'}


def upgrade() -> None:
    op.create_table('staffidentity',
    sa.Column('surface', sa.String(), nullable=False),
    sa.Column('user_id', sa.String(), nullable=False),
    sa.Column('staff_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.staff_id'], name=op.f('fk_staffidentity_staff_id_staff')),
    sa.PrimaryKeyConstraint('surface', 'user_id', name=op.f('pk_staffidentity')),
    sa.UniqueConstraint('staff_id', 'surface', name=op.f('uq_staffidentity_staff_id_surface'))
    )
    for surface, column in COLUMNS.items():
        op.execute(
            sa.text(
                f"INSERT INTO staffidentity (surface, user_id, staff_id) "
                f"SELECT :surface, {column}, staff_id FROM staff "
                f"WHERE {column} IS NOT NULL AND {column} <> ''"
            ).bindparams(surface=surface)
        )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_staff_slack_user_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_staff_teams_user_id'), type_='unique')
        batch_op.drop_column('teams_user_id')
        batch_op.drop_column('slack_user_id')


def downgrade() -> None:
    """Back to the two columns (ids of any other surface are lost)."""
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('slack_user_id', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('teams_user_id', sa.String(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_staff_slack_user_id'), ['slack_user_id'])
        batch_op.create_unique_constraint(batch_op.f('uq_staff_teams_user_id'), ['teams_user_id'])
    for surface, column in COLUMNS.items():
        op.execute(
            sa.text(
                f"UPDATE staff SET {column} = (SELECT i.user_id FROM staffidentity i "
                f"WHERE i.staff_id = staff.staff_id AND i.surface = :surface)"
            ).bindparams(surface=surface)
        )
    op.drop_table('staffidentity')
