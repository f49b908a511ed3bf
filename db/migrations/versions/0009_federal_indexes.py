"""indexes for the pages at federal scale: control points not done, and by their done date

Revision ID: 0009_federal_indexes
Revises: 0008_signed_ocr_checks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_federal_indexes'
down_revision = '0008_signed_ocr_checks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('controlpoint', schema=None) as batch_op:
        batch_op.create_index(
            'ix_controlpoint_not_done_due',
            ['due_date'],
            unique=False,
            postgresql_where=sa.text('done_date IS NULL'),
            sqlite_where=sa.text('done_date IS NULL'),
        )
        batch_op.create_index('ix_controlpoint_done_date', ['done_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('controlpoint', schema=None) as batch_op:
        batch_op.drop_index('ix_controlpoint_done_date')
        batch_op.drop_index('ix_controlpoint_not_done_due')
