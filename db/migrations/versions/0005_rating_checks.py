"""rating checks: the council's recomputation of an operator's raw figures (приказ № 344н)

Revision ID: 0005_rating_checks
Revises: 0003_jobs_copies
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005_rating_checks'
down_revision = '0004_trust'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ratingcheck',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('institutions', sa.Integer(), nullable=False),
    sa.Column('matching', sa.Integer(), nullable=False),
    sa.Column('differing', sa.Integer(), nullable=False),
    sa.Column('invalid', sa.Integer(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['checked_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['documentversion.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ratingcheck', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ratingcheck_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ratingcheck_version_id'), ['version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ratingcheck_checked_at'), ['checked_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('ratingcheck', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ratingcheck_checked_at'))
        batch_op.drop_index(batch_op.f('ix_ratingcheck_version_id'))
        batch_op.drop_index(batch_op.f('ix_ratingcheck_document_id'))
    op.drop_table('ratingcheck')
