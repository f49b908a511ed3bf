"""ingest jobs and workers; a document's records version (copies of one act)

Revision ID: 0003_jobs_copies
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003_jobs_copies'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('records_version_id', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('records_reviewed', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table('ingestjob',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('batch', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('extraction', sa.JSON(), nullable=True),
    sa.Column('match_document_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('message', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('worker', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('heartbeat_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['match_document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['documentversion.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ingestjob', schema=None) as batch_op:
        batch_op.create_index('ix_ingestjob_state_created', ['state', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ingestjob_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_ingestjob_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ingestjob_batch'), ['batch'], unique=False)
    op.create_table('queueworker',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('host', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('heartbeat_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('queueworker')
    with op.batch_alter_table('ingestjob', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingestjob_batch'))
        batch_op.drop_index(batch_op.f('ix_ingestjob_user_id'))
        batch_op.drop_index(batch_op.f('ix_ingestjob_sha256'))
        batch_op.drop_index('ix_ingestjob_state_created')
    op.drop_table('ingestjob')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_column('records_reviewed')
        batch_op.drop_column('records_version_id')
