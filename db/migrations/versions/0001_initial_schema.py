"""initial schema

Revision ID: 0001
Revises: 
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('full_name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('login')
    )
    op.create_table('authority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('short_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    with op.batch_alter_table('authority', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_authority_region'), ['region'], unique=False)

    op.create_table('executor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('normalized', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('normalized')
    )
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', 'region')
    )
    op.create_table('organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('short_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=True),
    sa.Column('service_forms', sa.JSON(), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('similar_to_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.ForeignKeyConstraint(['similar_to_id'], ['organization.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_region'), ['region'], unique=False)

    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=True),
    sa.Column('authority_name', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('signatory_position', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('signatory_name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('references', sa.JSON(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_region'), ['region'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_state'), ['state'], unique=False)

    op.create_table('organizationalias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('alias', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('normalized', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('organization_id', 'normalized')
    )
    with op.batch_alter_table('organizationalias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizationalias_normalized'), ['normalized'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizationalias_organization_id'), ['organization_id'], unique=False)

    op.create_table('roleassignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], ),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('roleassignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roleassignment_user_id'), ['user_id'], unique=False)

    op.create_table('documentversion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('ocr', sa.Boolean(), nullable=False),
    sa.Column('extraction', sa.JSON(), nullable=True),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'version_no'),
    sa.UniqueConstraint('sha256')
    )
    with op.batch_alter_table('documentversion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documentversion_document_id'), ['document_id'], unique=False)

    op.create_table('metadatacorrection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('field_name', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('old_value', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('new_value', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('metadatacorrection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_metadatacorrection_document_id'), ['document_id'], unique=False)

    op.create_table('planevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('event', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('source_document_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['source_document_id'], ['document.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('planevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planevent_document_id'), ['document_id'], unique=False)

    op.create_table('auditevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['documentversion.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditevent_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditevent_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditevent_user_id'), ['user_id'], unique=False)

    op.create_table('improvementitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('organization_name', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('criterion', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('deficiency', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('measure', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('planned_text', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('planned_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('every', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('offset_days', sa.Integer(), nullable=True),
    sa.Column('after_event', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('responsible_name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('responsible_position', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('executor_id', sa.Integer(), nullable=True),
    sa.Column('done_measures', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['executor_id'], ['executor.id'], ),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['documentversion.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('improvementitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_improvementitem_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_improvementitem_executor_id'), ['executor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_improvementitem_organization_id'), ['organization_id'], unique=False)

    op.create_table('indicatorvalue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['documentversion.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicatorvalue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicatorvalue_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicatorvalue_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicatorvalue_year'), ['year'], unique=False)

    op.create_table('planitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('section', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('result_form', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('responsible', sa.JSON(), nullable=False),
    sa.Column('deadline_text', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('deadline_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('every', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('offset_days', sa.Integer(), nullable=True),
    sa.Column('after_event', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['documentversion.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('planitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planitem_document_id'), ['document_id'], unique=False)

    op.create_table('rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('service_form', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('openness', sa.Float(), nullable=True),
    sa.Column('comfort', sa.Float(), nullable=True),
    sa.Column('accessibility', sa.Float(), nullable=True),
    sa.Column('courtesy', sa.Float(), nullable=True),
    sa.Column('satisfaction', sa.Float(), nullable=True),
    sa.Column('total', sa.Float(), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('scale', sa.Float(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['documentversion.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rating_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rating_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rating_service_form'), ['service_form'], unique=False)
        batch_op.create_index(batch_op.f('ix_rating_year'), ['year'], unique=False)

    op.create_table('controlpoint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_item_id', sa.Integer(), nullable=True),
    sa.Column('improvement_item_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('done_comment', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('evidence_document_id', sa.Integer(), nullable=True),
    sa.Column('proposed_evidence_document_id', sa.Integer(), nullable=True),
    sa.Column('trigger_event_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['done_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['evidence_document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['improvement_item_id'], ['improvementitem.id'], ),
    sa.ForeignKeyConstraint(['plan_item_id'], ['planitem.id'], ),
    sa.ForeignKeyConstraint(['proposed_evidence_document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['trigger_event_id'], ['planevent.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('controlpoint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_controlpoint_due_date'), ['due_date'], unique=False)
        batch_op.create_index('ix_controlpoint_due_open', ['due_date', 'done_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_controlpoint_improvement_item_id'), ['improvement_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_controlpoint_plan_item_id'), ['plan_item_id'], unique=False)

    op.create_table('planitemexecutor',
    sa.Column('plan_item_id', sa.Integer(), nullable=False),
    sa.Column('executor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['executor_id'], ['executor.id'], ),
    sa.ForeignKeyConstraint(['plan_item_id'], ['planitem.id'], ),
    sa.PrimaryKeyConstraint('plan_item_id', 'executor_id')
    )
    with op.batch_alter_table('planitemexecutor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planitemexecutor_executor_id'), ['executor_id'], unique=False)

    _create_search_index()


# Full-text search (docstore/search.py). Kept out of SQLModel.metadata because each backend
# needs its own object; every name starts with "search_" so that migration comparisons skip
# them (db.migrate.include_object).
def _create_search_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # unicode61 without diacritic removal: "й" must stay "й" to match the stemmed query.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, meta, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
        return
    op.execute(
        "CREATE TABLE search_document ("
        " document_id integer PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,"
        " title text NOT NULL DEFAULT '',"
        " meta text NOT NULL DEFAULT '',"
        " body text NOT NULL DEFAULT '',"
        " tsv tsvector GENERATED ALWAYS AS ("
        "  setweight(to_tsvector('russian', title), 'A') ||"
        "  setweight(to_tsvector('russian', meta), 'B') ||"
        "  setweight(to_tsvector('russian', body), 'D')) STORED)"
    )
    # Keep the tsvector in the row (compressed) rather than in TOAST: the planner prices a
    # sequential scan by heap pages, and with the vectors out of line it chose one over the GIN
    # index even for a rare word (25 ms instead of 0.6 ms on 3,000 documents).
    op.execute("ALTER TABLE search_document ALTER COLUMN tsv SET STORAGE MAIN")
    op.execute("CREATE INDEX search_document_tsv ON search_document USING GIN (tsv)")


def _drop_search_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.execute("DROP TABLE IF EXISTS search_document")


def downgrade() -> None:
    _drop_search_index()
    with op.batch_alter_table('planitemexecutor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planitemexecutor_executor_id'))

    op.drop_table('planitemexecutor')
    with op.batch_alter_table('controlpoint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_controlpoint_plan_item_id'))
        batch_op.drop_index(batch_op.f('ix_controlpoint_improvement_item_id'))
        batch_op.drop_index('ix_controlpoint_due_open')
        batch_op.drop_index(batch_op.f('ix_controlpoint_due_date'))

    op.drop_table('controlpoint')
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rating_year'))
        batch_op.drop_index(batch_op.f('ix_rating_service_form'))
        batch_op.drop_index(batch_op.f('ix_rating_organization_id'))
        batch_op.drop_index(batch_op.f('ix_rating_document_id'))

    op.drop_table('rating')
    with op.batch_alter_table('planitem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planitem_document_id'))

    op.drop_table('planitem')
    with op.batch_alter_table('indicatorvalue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicatorvalue_year'))
        batch_op.drop_index(batch_op.f('ix_indicatorvalue_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_indicatorvalue_document_id'))

    op.drop_table('indicatorvalue')
    with op.batch_alter_table('improvementitem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_improvementitem_organization_id'))
        batch_op.drop_index(batch_op.f('ix_improvementitem_executor_id'))
        batch_op.drop_index(batch_op.f('ix_improvementitem_document_id'))

    op.drop_table('improvementitem')
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditevent_user_id'))
        batch_op.drop_index(batch_op.f('ix_auditevent_document_id'))
        batch_op.drop_index(batch_op.f('ix_auditevent_at'))

    op.drop_table('auditevent')
    with op.batch_alter_table('planevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planevent_document_id'))

    op.drop_table('planevent')
    with op.batch_alter_table('metadatacorrection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_metadatacorrection_document_id'))

    op.drop_table('metadatacorrection')
    with op.batch_alter_table('documentversion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documentversion_document_id'))

    op.drop_table('documentversion')
    with op.batch_alter_table('roleassignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roleassignment_user_id'))

    op.drop_table('roleassignment')
    with op.batch_alter_table('organizationalias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizationalias_organization_id'))
        batch_op.drop_index(batch_op.f('ix_organizationalias_normalized'))

    op.drop_table('organizationalias')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_state'))
        batch_op.drop_index(batch_op.f('ix_document_region'))
        batch_op.drop_index(batch_op.f('ix_document_organization_id'))
        batch_op.drop_index(batch_op.f('ix_document_kind'))
        batch_op.drop_index(batch_op.f('ix_document_date'))
        batch_op.drop_index(batch_op.f('ix_document_authority_id'))

    op.drop_table('document')
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_region'))
        batch_op.drop_index(batch_op.f('ix_organization_name'))
        batch_op.drop_index(batch_op.f('ix_organization_authority_id'))

    op.drop_table('organization')
    op.drop_table('indicator')
    op.drop_table('executor')
    with op.batch_alter_table('authority', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_authority_region'))

    op.drop_table('authority')
    op.drop_table('app_user')
