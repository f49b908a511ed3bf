"""who did it on every audit line and queued job; web sessions, sign-in throttle, installation facts

Revision ID: 0004_trust
Revises: 0003_jobs_copies
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004_trust'
down_revision = '0003_jobs_copies'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
    # lines written before: the account's login, else the system (whose OS user is not known now)
    op.execute(
        "UPDATE auditevent SET actor = COALESCE("
        "(SELECT app_user.login FROM app_user WHERE app_user.id = auditevent.user_id), 'system:unknown')"
    )
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.alter_column(
            'actor', existing_type=sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False
        )
    with op.batch_alter_table('ingestjob', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
    op.create_table('websession',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('ended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('websession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_websession_user_id'), ['user_id'], unique=False)
    op.create_table('signinthrottle',
    sa.Column('login', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('login')
    )
    op.create_table('installation_property',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('set_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )


def downgrade() -> None:
    op.drop_table('installation_property')
    op.drop_table('signinthrottle')
    with op.batch_alter_table('websession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_websession_user_id'))
    op.drop_table('websession')
    with op.batch_alter_table('ingestjob', schema=None) as batch_op:
        batch_op.drop_column('actor')
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.drop_column('actor')
